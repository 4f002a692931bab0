//! `cargo run --release -p generator --bin fuzz -- --minutes 60 --seed-dir DIR [--seed-dir DIR2]`:
//! feeds random YAML/JSON and mutated real descriptions through load -> bundle -> normalise ->
//! model -> emit, and saves every input that panics (or hangs, or overflows the stack) under
//! `--out` (default `fuzz-findings/`), with the message. Reproducible from `--seed`.

use clap::Parser;
use generator::fuzz::{self, Rng};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Feeds random and mutated descriptions through every stage of the generator and keeps what
/// panics, hangs or overflows the stack.
#[derive(Parser, Clone)]
struct Cli {
    /// How long to fuzz.
    #[arg(long, default_value_t = 1.0)]
    minutes: f64,
    /// Folders of seed descriptions (YAML or JSON), searched recursively.
    #[arg(long = "seed-dir", value_name = "DIR")]
    seed_dirs: Vec<PathBuf>,
    /// Where findings go.
    #[arg(long, value_name = "DIR", default_value = "fuzz-findings")]
    out: PathBuf,
    /// The random seed (default: from the clock).
    #[arg(long)]
    seed: Option<u64>,
    /// Seeds larger than this are left out.
    #[arg(long, default_value_t = 200_000)]
    max_seed_bytes: u64,
    /// A case running longer than this is a hang.
    #[arg(long, default_value_t = 30)]
    hang_secs: u64,
    /// Run the cases in this process (the supervisor starts such children).
    #[arg(long, hide = true)]
    child: bool,
}

fn seeds(dir: &Path, max: u64, out: &mut Vec<(PathBuf, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            seeds(&p, max, out);
        } else if p.extension().is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
            && p.metadata().is_ok_and(|m| m.len() <= max)
            && let Ok(text) = std::fs::read_to_string(&p)
        {
            out.push((p, text));
        }
    }
}

fn main() {
    let cli = Cli::parse();
    let seed = cli.seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
    });
    let Cli {
        minutes,
        ref seed_dirs,
        ref out,
        max_seed_bytes,
        hang_secs: hang,
        child,
        ..
    } = cli;
    let out = out.clone();
    if !child {
        return supervise(&cli, seed);
    }
    let mut corpus = Vec::new();
    for d in seed_dirs {
        seeds(d, max_seed_bytes, &mut corpus);
    }
    std::fs::create_dir_all(&out).expect("the output directory can be made");
    eprintln!(
        "fuzzing for {minutes} minutes from {} seed descriptions, seed {seed}; findings in {}",
        corpus.len(),
        out.display()
    );
    // Panics are expected and caught: their messages go to the findings, not the terminal.
    std::panic::set_hook(Box::new(|_| {}));
    let current = Arc::new(Mutex::new(String::new()));
    let started_ms = Arc::new(AtomicU64::new(0));
    let epoch = Instant::now();
    let deadline = Duration::from_secs_f64(minutes * 60.0);
    let worker = {
        let (current, started_ms, out) = (current.clone(), started_ms.clone(), out.clone());
        std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(move || {
                let mut rng = Rng::new(seed);
                let (mut cases, mut panics) = (0u64, 0u64);
                let mut last_report = Instant::now();
                while epoch.elapsed() < deadline {
                    let (path, text) = case(&mut rng, &corpus);
                    *current.lock().unwrap() = text.clone();
                    // Stack overflows abort the process: the input is on disk before it runs.
                    let _ = std::fs::write(out.join("current-input"), &text);
                    started_ms.store(epoch.elapsed().as_millis() as u64 + 1, Ordering::SeqCst);
                    let result = fuzz::run_case(&path, &text);
                    started_ms.store(0, Ordering::SeqCst);
                    cases += 1;
                    if let Err(message) = result {
                        panics += 1;
                        let name = format!("panic-{:016x}", input_hash(&text));
                        let _ = std::fs::write(out.join(format!("{name}.yaml")), &text);
                        let _ = std::fs::write(
                            out.join(format!("{name}.txt")),
                            format!("{}\n{message}\n", path.display()),
                        );
                        let first: String = message.lines().next().unwrap_or_default().chars().take(300).collect();
                        eprintln!("PANIC ({}): {first} -> {name}.yaml", path.display());
                    }
                    if last_report.elapsed() > Duration::from_secs(60) {
                        eprintln!("{:.0}s: {cases} cases, {panics} panics", epoch.elapsed().as_secs_f64());
                        last_report = Instant::now();
                    }
                }
                let _ = std::fs::remove_file(out.join("current-input"));
                (cases, panics)
            })
            .expect("a worker thread")
    };
    loop {
        std::thread::sleep(Duration::from_millis(500));
        if worker.is_finished() {
            break;
        }
        let s = started_ms.load(Ordering::SeqCst);
        if s > 0 && epoch.elapsed().as_millis() as u64 > s + hang * 1000 {
            let text = current.lock().unwrap().clone();
            let name = format!("hang-{:016x}", input_hash(&text));
            let _ = std::fs::write(out.join(format!("{name}.yaml")), &text);
            let _ = std::fs::remove_file(out.join("current-input"));
            eprintln!("HANG: one case ran over {hang}s -> {name}.yaml; stopping");
            std::process::exit(3);
        }
    }
    let (cases, panics) = worker.join().unwrap_or((0, 0));
    println!(
        "{cases} cases in {:.1} minutes, {panics} panics",
        epoch.elapsed().as_secs_f64() / 60.0
    );
    std::process::exit(if panics > 0 { 1 } else { 0 });
}

/// Runs the fuzzer as a child process until the time is up, starting it again (with the next
/// seed) when a stack overflow or a hang ends it, and keeping the input that did.
fn supervise(cli: &Cli, seed: u64) {
    let out = &cli.out;
    let start = Instant::now();
    let total = Duration::from_secs_f64(cli.minutes * 60.0);
    let exe = std::env::current_exe().expect("the fuzzer's own path");
    // The child gets the minutes left and a seed of its own; the rest is passed on.
    let mut args: Vec<String> = cli
        .seed_dirs
        .iter()
        .flat_map(|d| ["--seed-dir".to_string(), d.display().to_string()])
        .collect();
    args.extend([
        "--out".to_string(),
        out.display().to_string(),
        "--max-seed-bytes".to_string(),
        cli.max_seed_bytes.to_string(),
        "--hang-secs".to_string(),
        cli.hang_secs.to_string(),
    ]);
    std::fs::create_dir_all(out).expect("the output directory can be made");
    let mut round = 0u64;
    let mut crashes = 0;
    while start.elapsed() < total {
        let left = (total - start.elapsed()).as_secs_f64() / 60.0;
        let status = std::process::Command::new(&exe)
            .args(&args)
            .args([
                "--child",
                "--minutes",
                &format!("{left}"),
                "--seed",
                &(seed.wrapping_add(round)).to_string(),
            ])
            .status()
            .expect("the fuzzer runs");
        round += 1;
        let current = out.join("current-input");
        if let Ok(text) = std::fs::read_to_string(&current) {
            // The child died in the middle of a case: a stack overflow or an abort.
            crashes += 1;
            let name = format!("crash-{:016x}", input_hash(&text));
            let _ = std::fs::rename(&current, out.join(format!("{name}.yaml")));
            eprintln!("CRASH ({status}) -> {name}.yaml; starting again");
        } else if status.code() == Some(3) {
            crashes += 1;
        }
    }
    println!(
        "fuzzed {:.1} minutes in {round} runs; {crashes} crashes or hangs (see {})",
        start.elapsed().as_secs_f64() / 60.0,
        out.display()
    );
}

/// One input: a mutated seed (as a value, then written as YAML or JSON), a textual mutation of
/// a seed, or a random document.
fn case(rng: &mut Rng, corpus: &[(PathBuf, String)]) -> (PathBuf, String) {
    let scratch = std::env::temp_dir().join("fuzz-case.yaml");
    let mode = if corpus.is_empty() { 2 } else { rng.below(5) };
    match mode {
        0 | 1 => {
            let (path, text) = &corpus[rng.below(corpus.len())];
            let mut w = generator::diag::Warnings::default();
            let Ok(mut doc) = generator::load::parse_str(path, text, &mut w) else {
                return (path.clone(), text.clone());
            };
            for _ in 0..1 + rng.below(4) {
                fuzz::mutate_value(rng, &mut doc);
            }
            (path.clone(), write(rng, &doc))
        }
        2 | 3 if mode == 2 || corpus.is_empty() => {
            let mut doc = fuzz::random_document(rng);
            for _ in 0..rng.below(4) {
                fuzz::mutate_value(rng, &mut doc);
            }
            (scratch, write(rng, &doc))
        }
        _ => {
            let (path, text) = &corpus[rng.below(corpus.len())];
            let mut text = text.clone();
            for _ in 0..1 + rng.below(3) {
                text = fuzz::mutate_text(rng, &text);
            }
            (path.clone(), text)
        }
    }
}

fn write(rng: &mut Rng, doc: &serde_json::Value) -> String {
    if rng.chance(2) {
        serde_json::to_string(doc).unwrap_or_default()
    } else {
        serde_norway::to_string(doc).unwrap_or_default()
    }
}

/// A name for an input that stays the same from run to run (std's SipHash with fixed keys).
fn input_hash(s: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(s)
}
