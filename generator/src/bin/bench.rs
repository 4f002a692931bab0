//! `cargo run --release -p generator --bin bench -- gen [DIR]`: generation time (median of N runs),
//! peak memory and generated lines per description and in total, for the Sinch mirror (and the
//! whole SDK as `cargo run -p generator` makes it) or any directory of descriptions.
//!
//! `cargo run --release -p generator --bin bench -- build [--sdk DIR]`: the SDK's build: cold with
//! all features, its own crates with dependencies already built, one API feature alone, and the
//! rebuild after touching one API, each with its peak memory (`/usr/bin/time`).
//!
//! `--quick` (CI): the smallest input, one run, so the benchmark cannot rot.

// The generator binary's allocator, tuned as there (`generator::allocator`), so `one` and `sdk`
// time what it does.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use generator::Config;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(about = "Benchmarks of generation and of the generated SDK's build")]
struct Cli {
    #[command(subcommand)]
    mode: Mode,
}

#[derive(Subcommand)]
enum Mode {
    /// Generation: time, peak memory and lines per description.
    Gen {
        /// Descriptions to generate (default: the Sinch mirror, plus the whole SDK).
        dir: Option<PathBuf>,
        /// Runs per description; the median is printed.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// The smallest description only, one run.
        #[arg(long)]
        quick: bool,
        /// Also time another generator on each description, side by side (repeatable). CMD is
        /// run as `CMD generate rust -o DIR SPEC` (ploidy's interface), or, when it contains
        /// `{spec}`, as written with `{spec}` and `{out}` replaced (words split at spaces:
        /// `"openapi-to-rust generate {spec} --output-dir {out}"`). All are timed as whole
        /// processes that write their crate, each run into an emptied directory.
        #[arg(long, value_name = "CMD")]
        against: Vec<String>,
    },
    /// The SDK's build: cold, own crates, one API alone, rebuild after an edit.
    Build {
        /// The SDK crate (the `sinch-sdk` package's directory).
        #[arg(long, default_value_os_t = Config::workspace().out)]
        sdk: PathBuf,
        /// The API built alone and touched for the rebuild.
        #[arg(long, default_value = "sms")]
        api: String,
        /// The APIs "all features" stands for (comma-separated; default: the SDK's default
        /// features). Two SDKs compare on the same APIs this way, e.g. the ones whose
        /// descriptions did not change between them.
        #[arg(long)]
        features: Option<String>,
        /// Runs of each measure (not of the cold build, which is done once); medians are printed.
        #[arg(long, default_value_t = 1)]
        runs: usize,
        /// Where cargo builds (default: a scratch directory, emptied first).
        #[arg(long)]
        target_dir: Option<PathBuf>,
        /// No cold build: the API alone and its rebuild only, in the workspace's target.
        #[arg(long)]
        quick: bool,
        /// Build as a user's project does: through a scratch crate that depends on the SDK,
        /// so cargo's default dev profile applies instead of the SDK workspace's, and without
        /// incremental caches, as for a dependency from crates.io.
        #[arg(long)]
        consumer: bool,
    },
    /// One description in this process (used by `gen`, so peak memory is per description).
    #[command(hide = true)]
    One {
        spec: PathBuf,
        #[arg(long)]
        runs: usize,
        /// Also write the crate there, as `generator generate` does.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The whole SDK as `cargo run -p generator` makes it, in this process.
    #[command(hide = true)]
    Sdk {
        #[arg(long)]
        mirror: PathBuf,
        #[arg(long)]
        runs: usize,
        /// Keep each API's rendered files in DIR (filled by a first, untimed run), as the
        /// generator binary does beside itself.
        #[arg(long)]
        kept: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    generator::allocator::keep_freed_memory();
    let result = match Cli::parse().mode {
        Mode::Gen {
            dir,
            runs,
            quick,
            against,
        } => gen_mode(dir, if quick { 1 } else { runs.max(1) }, quick, &against),
        Mode::Build {
            sdk,
            api,
            features,
            runs,
            target_dir,
            quick,
            consumer,
        } => build_mode(
            &sdk,
            &api,
            features.as_deref(),
            runs.max(1),
            target_dir,
            quick,
            consumer,
        ),
        Mode::One { spec, runs, out } => one(&spec, runs, out.as_deref()),
        Mode::Sdk { mirror, runs, kept } => sdk(&mirror, runs, kept),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The middle value (the upper one of an even count).
fn median<T: Copy>(mut xs: Vec<T>, cmp: impl Fn(&T, &T) -> std::cmp::Ordering) -> T {
    xs.sort_by(cmp);
    xs[xs.len() / 2]
}

/// This process's peak resident memory in KiB (`VmHWM`), where /proc has it.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn lines(files: &std::collections::BTreeMap<PathBuf, String>) -> usize {
    files.values().map(|t| t.lines().count()).sum()
}

/// Prints `ms lines files peak_kib` for the children's reports.
fn report(times: Vec<Duration>, files: &std::collections::BTreeMap<PathBuf, String>) {
    println!(
        "{:.1} {} {} {}",
        median(times, Ord::cmp).as_secs_f64() * 1000.0,
        lines(files),
        files.len(),
        peak_kib()
    );
}

fn one(spec: &Path, runs: usize, write_to: Option<&Path>) -> Result<(), String> {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let out = generator::generate_standalone(spec, "bench").map_err(|e| e.to_string())?;
        if let Some(dir) = write_to {
            let changes = generator::write::plan(dir, &out.files).map_err(|e| e.to_string())?;
            generator::write::apply(dir, &out.files, &changes).map_err(|e| e.to_string())?;
        }
        times.push(start.elapsed());
        last = Some(out.files);
    }
    report(times, &last.unwrap_or_default());
    Ok(())
}

fn sdk(mirror: &Path, runs: usize, kept: Option<PathBuf>) -> Result<(), String> {
    let config = Config {
        mirror: Some(mirror.to_path_buf()),
        rendered: kept.and_then(generator::render_cache::RenderCache::for_this_binary),
        ..Config::workspace()
    };
    if config.rendered.is_some() {
        generator::generate(&config).map_err(|e| e.to_string())?;
    }
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let out = generator::generate(&config).map_err(|e| e.to_string())?;
        times.push(start.elapsed());
        last = Some(out.files);
    }
    report(times, &last.unwrap_or_default());
    Ok(())
}

fn mirror() -> PathBuf {
    std::env::var_os("SINCH_SPECS_MIRROR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Config::workspace().out.join("../../shared/specs"))
}

/// Runs a hidden mode in a child process and parses its report line.
fn child(args: &[&std::ffi::OsStr]) -> Result<(f64, usize, usize, u64), String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(exe).args(args).output().map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(err.lines().last().unwrap_or("failed").to_string());
    }
    let f: Vec<&str> = text.split_whitespace().collect();
    let parse = |i: usize| f.get(i).ok_or_else(|| format!("no report in {text:?}"));
    Ok((
        parse(0)?.parse().map_err(|_| "bad time")?,
        parse(1)?.parse().map_err(|_| "bad lines")?,
        parse(2)?.parse().map_err(|_| "bad files")?,
        parse(3)?.parse().map_err(|_| "bad memory")?,
    ))
}

fn gen_mode(dir: Option<PathBuf>, runs: usize, quick: bool, against: &[String]) -> Result<(), String> {
    let sinch = dir.is_none();
    let dir = dir.unwrap_or_else(mirror);
    if !dir.is_dir() {
        return Err(format!("{} is not a directory of descriptions", dir.display()));
    }
    let mut specs = generator::corpus::descriptions(&dir);
    if quick {
        specs.sort_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(u64::MAX));
        specs.truncate(1);
    }
    println!(
        "generation, median of {runs} run(s), {} ({} CPUs)",
        // The workspace builds the generator optimised and without debug assertions in both
        // profiles, so the profile is told by the target directory the binary runs from.
        match std::env::current_exe()
            .ok()
            .as_deref()
            .and_then(|p| p.parent())
            .and_then(|p| p.file_name())
        {
            Some(dir) if dir == "release" => "release build",
            Some(dir) if dir == "debug" => "debug build",
            _ => "build of unknown profile",
        },
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    if !against.is_empty() {
        let others: Vec<Other> = against.iter().map(|c| Other::parse(c)).collect();
        return compare(&dir, &specs, runs, &others);
    }
    println!(
        "{:<48} {:>10} {:>10} {:>8} {:>12}",
        "description", "ms", "lines", "files", "peak MiB"
    );
    let (mut total_ms, mut total_lines, mut failed) = (0.0, 0, 0);
    let runs_arg = runs.to_string();
    for spec in &specs {
        let name = spec.strip_prefix(&dir).unwrap_or(spec).display().to_string();
        match child(&["one".as_ref(), spec.as_os_str(), "--runs".as_ref(), runs_arg.as_ref()]) {
            Ok((ms, lines, files, kib)) => {
                total_ms += ms;
                total_lines += lines;
                println!(
                    "{name:<48} {ms:>10.1} {lines:>10} {files:>8} {:>12.1}",
                    kib as f64 / 1024.0
                );
            }
            Err(e) => {
                failed += 1;
                println!("{name:<48} failed: {e}");
            }
        }
    }
    println!(
        "{:<48} {total_ms:>10.1} {total_lines:>10}   ({} descriptions, {failed} failed)",
        "total (sum of medians)",
        specs.len()
    );
    if sinch && !quick {
        let kept = Scratch::new("kept")?;
        let kept_args = ["--kept".as_ref(), kept.0.as_os_str()];
        for (label, extra) in [
            ("the whole SDK (cargo run -p generator)", &[][..]),
            ("  again, nothing changed (rendered files kept)", &kept_args[..]),
        ] {
            let mut args = vec![
                "sdk".as_ref(),
                "--mirror".as_ref(),
                dir.as_os_str(),
                "--runs".as_ref(),
                runs_arg.as_ref(),
            ];
            args.extend_from_slice(extra);
            let (ms, lines, files, kib) = child(&args)?;
            println!(
                "{label:<48} {ms:>10.1} {lines:>10} {files:>8} {:>12.1}",
                kib as f64 / 1024.0
            );
        }
    }
    Ok(())
}

/// A directory under the system's temporary one, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(what: &str) -> Result<Scratch, String> {
        let dir = std::env::temp_dir().join(format!("generator-bench-{what}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The Rust lines of the files under `dir`.
fn rust_lines(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                rust_lines(&p)
            } else if p.extension().is_some_and(|x| x == "rs") {
                std::fs::read_to_string(&p).map(|t| t.lines().count()).unwrap_or(0)
            } else {
                0
            }
        })
        .sum()
}

/// Median wall time of `runs` runs of `run`, each into an emptied `out`; the last run's error
/// if one failed.
fn timed_runs(runs: usize, out: &Path, mut run: impl FnMut() -> Result<(), String>) -> Result<f64, String> {
    let mut times = Vec::new();
    for _ in 0..runs {
        let _ = std::fs::remove_dir_all(out);
        let start = Instant::now();
        run()?;
        times.push(start.elapsed());
    }
    Ok(median(times, Ord::cmp).as_secs_f64() * 1000.0)
}

/// Another generator, as `--against` gives it.
struct Other {
    /// Its program's file name, for the table.
    label: String,
    /// The program and its arguments, with `{spec}` and `{out}` still to replace.
    words: Vec<String>,
}

impl Other {
    fn parse(cmd: &str) -> Other {
        let words: Vec<String> = if cmd.contains("{spec}") {
            cmd.split_whitespace().map(str::to_string).collect()
        } else {
            [cmd, "generate", "rust", "-o", "{out}", "{spec}"]
                .map(str::to_string)
                .to_vec()
        };
        let label = Path::new(&words[0])
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Other { label, words }
    }

    /// One run into `out`; its first line of error output if it fails.
    fn run(&self, spec: &Path, out: &Path) -> Result<(), String> {
        let word = |w: &String| match w.as_str() {
            "{spec}" => spec.as_os_str().to_owned(),
            "{out}" => out.as_os_str().to_owned(),
            other => other.into(),
        };
        let result = Command::new(word(&self.words[0]))
            .args(self.words[1..].iter().map(word))
            .output()
            .map_err(|e| format!("{}: {e}", self.words[0]))?;
        if result.status.success() {
            return Ok(());
        }
        let err = String::from_utf8_lossy(&result.stderr);
        Err(err
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("failed")
            .trim()
            .to_string())
    }
}

/// This generator and the others side by side on each description, all as whole processes that
/// write their crate: ours is `bench one --out`, the same code as `generator generate`.
fn compare(dir: &Path, specs: &[PathBuf], runs: usize, others: &[Other]) -> Result<(), String> {
    print!("{:<36} {:>8} {:>8}", "description", "ours ms", "lines");
    for o in others {
        let label: String = o.label.chars().take(16).collect();
        print!(" | {label:>16} {:>6} {:>8}", "ratio", "lines");
    }
    println!();
    println!("(ratio = ours / theirs; the goal is at most 0.5)");
    let scratch = Scratch::new("against")?;
    let ours_dir = scratch.0.join("ours");
    // Per other generator: our time and theirs summed over the descriptions both generate,
    // how many those are, and how many of them are within half of its time.
    let mut sums = vec![(0.0, 0.0, 0, 0); others.len()];
    for spec in specs {
        let name = spec.strip_prefix(dir).unwrap_or(spec).display().to_string();
        let ours = timed_runs(runs, &ours_dir, || {
            child(&[
                "one".as_ref(),
                spec.as_os_str(),
                "--runs".as_ref(),
                "1".as_ref(),
                "--out".as_ref(),
                ours_dir.as_os_str(),
            ])
            .map(|_| ())
        });
        match &ours {
            Ok(ms) => print!("{name:<36} {ms:>8.1} {:>8}", rust_lines(&ours_dir)),
            Err(e) => print!("{name:<36} failed: {:<24}", e.chars().take(24).collect::<String>()),
        }
        for (o, sum) in others.iter().zip(&mut sums) {
            let their_dir = scratch.0.join("theirs");
            match (timed_runs(runs, &their_dir, || o.run(spec, &their_dir)), &ours) {
                (Ok(b), Ok(a)) => {
                    *sum = (sum.0 + a, sum.1 + b, sum.2 + 1, sum.3 + usize::from(*a <= 0.5 * b));
                    print!(" | {b:>16.1} {:>6.2} {:>8}", a / b, rust_lines(&their_dir));
                }
                (Ok(b), Err(_)) => print!(" | {b:>16.1} {:>6} {:>8}", "-", rust_lines(&their_dir)),
                (Err(e), _) => print!(" | failed: {:<23}", e.chars().take(23).collect::<String>()),
            }
        }
        println!();
    }
    for (o, (ours, theirs, compared, within)) in others.iter().zip(sums) {
        if compared > 0 {
            println!(
                "total against {}: ours {ours:.1} ms, theirs {theirs:.1} ms, ratio {:.2} ({compared} compared, {within} within half of its time)",
                o.label,
                ours / theirs
            );
        }
    }
    Ok(())
}

/// How the SDK is built: as a package of its own workspace, or as the dependency of a scratch
/// crate (the directory holding that crate's manifest).
enum Via {
    Workspace,
    Consumer(PathBuf),
}

impl Via {
    /// The manifest cargo is pointed at.
    fn manifest(&self, sdk: &Path) -> PathBuf {
        match self {
            Via::Workspace => sdk.join("Cargo.toml"),
            Via::Consumer(dir) => dir.join("Cargo.toml"),
        }
    }
}

/// A scratch crate depending on the SDK with `features` (all: its defaults), with the SDK
/// workspace's lock file so both build the same dependency versions.
fn consumer(sdk: &Path, dir: &Path, features: Option<&str>) -> Result<(), String> {
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let path = sdk.display().to_string();
    let dep = match features {
        None => format!("{{ path = {path:?} }}"),
        Some(list) => {
            let quoted: Vec<String> = list.split(',').map(|f| format!("{:?}", f.trim())).collect();
            format!(
                "{{ path = {path:?}, default-features = false, features = [{}] }}",
                quoted.join(", ")
            )
        }
    };
    let manifest = format!(
        "[package]\nname = \"sdk-consumer\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n[dependencies]\nsinch-sdk = {dep}\n"
    );
    let write = |p: PathBuf, text: &str| std::fs::write(&p, text).map_err(|e| format!("{}: {e}", p.display()));
    write(dir.join("Cargo.toml"), &manifest)?;
    write(dir.join("src/lib.rs"), "pub use sinch_sdk;\n")?;
    let lock = sdk
        .ancestors()
        .map(|d| d.join("Cargo.lock"))
        .find(|p| p.is_file())
        .ok_or_else(|| format!("no Cargo.lock above {}", sdk.display()))?;
    std::fs::copy(&lock, dir.join("Cargo.lock")).map_err(|e| format!("{}: {e}", lock.display()))?;
    Ok(())
}

/// One timed cargo build: seconds and the peak memory of its largest process, in MiB.
fn timed_cargo(sdk: &Path, target: &Path, features: Option<&str>, via: &Via) -> Result<(f64, f64), String> {
    let times = target.join("bench-time.txt");
    std::fs::create_dir_all(target).map_err(|e| e.to_string())?;
    if let Via::Consumer(dir) = via {
        consumer(sdk, dir, features)?;
    }
    let mut cmd = Command::new("/usr/bin/time");
    cmd.arg("-f")
        .arg("%e %M")
        .arg("-o")
        .arg(&times)
        .arg("cargo")
        .arg("build")
        .arg("-q")
        .arg("--manifest-path")
        .arg(via.manifest(sdk))
        .env("CARGO_TARGET_DIR", target);
    match via {
        Via::Workspace => {
            cmd.arg("-p").arg("sinch-sdk");
            if let Some(f) = features {
                cmd.arg("--no-default-features").arg("--features").arg(f);
            }
        }
        // A dependency from crates.io is never built incrementally.
        Via::Consumer(_) => {
            cmd.arg("--offline").env("CARGO_INCREMENTAL", "0");
        }
    }
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run /usr/bin/time cargo: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build failed in {}", sdk.display()));
    }
    let text = std::fs::read_to_string(&times).map_err(|e| e.to_string())?;
    let last = text.lines().last().unwrap_or_default();
    let mut f = last.split_whitespace();
    let secs: f64 = f.next().and_then(|v| v.parse().ok()).ok_or("no time")?;
    let kib: f64 = f.next().and_then(|v| v.parse().ok()).ok_or("no memory")?;
    Ok((secs, kib / 1024.0))
}

/// The SDK's own packages (`sinch-sdk*`), so their artifacts can be removed and rebuilt alone.
fn clean_sdk(sdk: &Path, target: &Path, via: &Via) -> Result<(), String> {
    // The SDK workspace's packages; through a consumer, those its build resolves (cargo clean
    // rejects a package it does not know).
    let mut meta = Command::new("cargo");
    meta.args(["metadata", "--offline", "--format-version", "1", "--manifest-path"]);
    match via {
        Via::Workspace => meta.arg(sdk.join("Cargo.toml")).arg("--no-deps"),
        // Only this machine's packages: offline, cargo cannot resolve the other platforms' ones
        // the cold build never downloaded (wasm's, Windows').
        Via::Consumer(dir) => {
            let host = Command::new("rustc")
                .args(["--print", "host-tuple"])
                .output()
                .map_err(|e| format!("cannot run rustc: {e}"))?;
            let host = String::from_utf8_lossy(&host.stdout).trim().to_string();
            meta.arg(dir.join("Cargo.toml")).args(["--filter-platform", &host])
        }
    };
    let meta = meta.output().map_err(|e| e.to_string())?;
    if !meta.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&meta.stderr).trim()
        ));
    }
    let meta: serde_json::Value = serde_json::from_slice(&meta.stdout).map_err(|e| e.to_string())?;
    let mut cmd = Command::new("cargo");
    cmd.args(["clean", "-q", "--offline", "--manifest-path"])
        .arg(via.manifest(sdk))
        .env("CARGO_TARGET_DIR", target);
    for p in meta["packages"].as_array().into_iter().flatten() {
        if let Some(name) = p["name"].as_str().filter(|n| n.starts_with("sinch-sdk")) {
            cmd.arg("-p").arg(name);
        }
    }
    let status = cmd.status().map_err(|e| e.to_string())?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| "cargo clean failed".to_string())
}

/// The file to touch for "an edit to one API": its crate's lib.rs, or its module in a one-crate SDK.
fn api_file(sdk: &Path, api: &str) -> Result<PathBuf, String> {
    [
        sdk.join("apis").join(api).join("src/lib.rs"),
        sdk.join("src").join(api).join("mod.rs"),
    ]
    .into_iter()
    .find(|p| p.is_file())
    .ok_or_else(|| format!("no source of API `{api}` in {}", sdk.display()))
}

fn touch(path: &Path) -> Result<(), String> {
    let file = std::fs::File::options()
        .append(true)
        .open(path)
        .map_err(|e| e.to_string())?;
    file.set_modified(std::time::SystemTime::now())
        .map_err(|e| e.to_string())
}

fn build_mode(
    sdk: &Path,
    api: &str,
    all: Option<&str>,
    runs: usize,
    target: Option<PathBuf>,
    quick: bool,
    as_user: bool,
) -> Result<(), String> {
    let sdk = sdk.canonicalize().map_err(|e| format!("{}: {e}", sdk.display()))?;
    let touched = api_file(&sdk, api)?;
    let target = match (target, quick) {
        (Some(t), _) => t,
        (None, true) => Config::workspace().out.join("../target"),
        (None, false) => std::env::temp_dir().join("sinch-sdk-bench-build"),
    };
    let via = if as_user {
        Via::Consumer(target.join("consumer"))
    } else {
        Via::Workspace
    };
    println!(
        "SDK build of {} (median of {runs} run(s); peak = the largest process, MiB; {} CPUs){}",
        sdk.display(),
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        if as_user {
            "; as a dependency, cargo's default dev profile"
        } else {
            ""
        }
    );
    let all_name = match all {
        Some(list) => {
            println!("features: {list}");
            "features"
        }
        None => "all features",
    };
    let row = |what: &str, (secs, mib): (f64, f64)| println!("{what:<58} {secs:>8.1} s {mib:>8.0} MiB");
    // Time and memory each by their own median.
    let med = |xs: Vec<(f64, f64)>| {
        (
            median(xs.iter().map(|x| x.0).collect(), f64::total_cmp),
            median(xs.iter().map(|x| x.1).collect(), f64::total_cmp),
        )
    };
    if !quick {
        let _ = std::fs::remove_dir_all(&target);
        row(
            &format!("cold, {all_name} (dependencies included)"),
            timed_cargo(&sdk, &target, all, &via)?,
        );
        let mut own = Vec::new();
        for _ in 0..runs {
            clean_sdk(&sdk, &target, &via)?;
            own.push(timed_cargo(&sdk, &target, all, &via)?);
        }
        row(&format!("own crates, {all_name} (dependencies built)"), med(own));
    }
    let mut alone = Vec::new();
    for _ in 0..runs {
        clean_sdk(&sdk, &target, &via)?;
        alone.push(timed_cargo(&sdk, &target, Some(api), &via)?);
    }
    row(&format!("own crates, feature `{api}` alone"), med(alone));
    // Quick: the rebuild with the one feature, so nothing else is built.
    let features = if quick { Some(api) } else { all };
    timed_cargo(&sdk, &target, features, &via)?;
    let mut rebuild = Vec::new();
    for _ in 0..runs {
        touch(&touched)?;
        rebuild.push(timed_cargo(&sdk, &target, features, &via)?);
    }
    let scope = if quick {
        format!("feature `{api}`")
    } else {
        all_name.to_string()
    };
    row(&format!("rebuild, {scope}, after touching `{api}`"), med(rebuild));
    Ok(())
}
