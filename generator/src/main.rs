//! `cargo run -p generator [-- --check]`: regenerate the SDK in `generated/`, or check that it
//! is up to date. `generate --spec FILE --out DIR --name CRATE` writes a crate for any one
//! description. `fetch [KEY] [--update]` fills the local cache of descriptions and checks (or
//! accepts) their pins; `diff OLD NEW` reports the API changes between two versions.

// Allocation and freeing were a fifth of a regeneration's profile under glibc's allocator
// (token trees, syn's trees, strings); mimalloc took the binary from 1.76 to 1.51 s. `main` tunes
// it first (`generator::allocator`).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Args, Parser, Subcommand};
use generator::diag::Warning;
use generator::{Config, Output, write};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Generates the Sinch SDK for Rust from Sinch's OpenAPI descriptions.
///
/// Without a command, regenerates the SDK crate (`generated/`) from the descriptions the manifest
/// names. Regeneration prints one line per description; `-v` prints every tolerated defect with
/// its place. Errors are always printed in full, and a failed run writes nothing.
#[derive(Parser)]
#[command(version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    sdk: SdkArgs,
}

#[derive(Args)]
struct SdkArgs {
    /// Change nothing; exit 1 and list the files that would change.
    #[arg(long)]
    check: bool,
    /// The manifest.
    #[arg(long, value_name = "FILE", default_value_os_t = Config::workspace().manifest)]
    manifest: PathBuf,
    /// The SDK workspace directory.
    #[arg(long, value_name = "DIR", default_value_os_t = Config::workspace().out)]
    out: PathBuf,
    /// Read descriptions from DIR (default: $SINCH_SPECS_MIRROR, else the cache or a download).
    #[arg(long, value_name = "DIR")]
    mirror: Option<PathBuf>,
    /// Print every tolerated defect, not one line per description.
    #[arg(short, long)]
    verbose: bool,
    /// Model and render every API again, not only those whose model changed since the last run.
    #[arg(long)]
    no_cache: bool,
    /// Where the last run's SDK and each API's rendered files are kept between runs (default:
    /// `generator-cache/` beside this binary, so a rebuilt generator never reads an older one's).
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    render_cache: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Writes a standalone crate for one description (same model, same runtime).
    Generate {
        /// The description (YAML or JSON; Swagger 2.0, OpenAPI 3.0 to 3.2; may refer to others).
        #[arg(long, value_name = "FILE")]
        spec: PathBuf,
        /// Where the crate goes.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The crate's name (default: the file's stem).
        #[arg(long, value_name = "CRATE")]
        name: Option<String>,
        /// Change nothing; exit 1 and list the files that would change.
        #[arg(long)]
        check: bool,
        /// Print every tolerated defect.
        #[arg(short, long)]
        verbose: bool,
        /// Let `$ref`s lead to files anywhere under DIR (default: only under the description's
        /// own folder; symbolic links out of it are refused too).
        #[arg(long, value_name = "DIR")]
        ref_root: Option<PathBuf>,
    },
    /// Copies every description of the manifest (or KEY's) into the cache (from --mirror or
    /// $SINCH_SPECS_MIRROR, else downloads it) and checks its sha256 pin. A mismatch is an
    /// error and changes nothing.
    Fetch {
        /// Only this API.
        key: Option<String>,
        /// Accept new versions: print what changed since the cached version and rewrite their
        /// sha256 in the manifest.
        #[arg(long)]
        update: bool,
        /// Print the change reports of --update as JSON.
        #[arg(long)]
        json: bool,
        /// The manifest.
        #[arg(long, value_name = "FILE")]
        manifest: Option<PathBuf>,
        /// The cache directory (default: specs/.cache).
        #[arg(long, value_name = "DIR")]
        cache: Option<PathBuf>,
        /// Copy from this mirror instead of downloading.
        #[arg(long, value_name = "DIR")]
        mirror: Option<PathBuf>,
        /// Give up on a silent connection after N seconds.
        #[arg(long, value_name = "N", default_value_t = 30.0, value_parser = positive)]
        timeout_secs: f64,
        /// Retry failed downloads N times with backoff.
        #[arg(long, value_name = "N", default_value_t = 3)]
        retries: u32,
    },
    /// Reports the API changes from OLD to NEW (without OLD: the pinned version of KEY from
    /// the cache or mirror), each classed as breaking or additive for users of the generated SDK
    /// and named in Rust and OpenAPI terms. Exit status: 0 nothing breaking, 1 breaking changes,
    /// 2 the files could not be compared.
    Diff {
        /// OLD and NEW, or only NEW with --api.
        #[arg(num_args = 1..=2, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Take KEY's manifest entry (module, facts).
        #[arg(long, value_name = "KEY")]
        api: Option<String>,
        /// The manifest.
        #[arg(long, value_name = "FILE")]
        manifest: Option<PathBuf>,
        /// The cache directory (default: specs/.cache).
        #[arg(long, value_name = "DIR")]
        cache: Option<PathBuf>,
        /// A mirror to take the pinned version from.
        #[arg(long, value_name = "DIR")]
        mirror: Option<PathBuf>,
    },
}

fn positive(v: &str) -> Result<f64, String> {
    v.parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s > 0.0)
        .ok_or_else(|| format!("needs a positive number of seconds, not `{v}`"))
}

fn main() -> ExitCode {
    generator::allocator::keep_freed_memory();
    let cli = Cli::parse();
    match cli.command {
        None => sdk(cli.sdk),
        Some(Command::Generate {
            spec,
            out,
            name,
            check,
            verbose,
            ref_root,
        }) => {
            let name = name.unwrap_or_else(|| {
                spec.file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("api")
                    .replace('_', "-")
            });
            finish(
                generator::generate_standalone_within(&spec, &name, ref_root.as_deref()),
                &out,
                check,
                verbose,
                &BTreeMap::new(),
            )
        }
        Some(Command::Fetch {
            key,
            update,
            json,
            manifest,
            cache,
            mirror,
            timeout_secs,
            retries,
        }) => {
            let mut opts = generator::fetch::Options::workspace();
            opts.update = update;
            if let Some(m) = manifest {
                opts.manifest = m;
            }
            if let Some(c) = cache {
                opts.cache = c;
            }
            if let Some(m) = mirror {
                opts.mirror = Some(m);
            }
            opts.timeout = std::time::Duration::from_secs_f64(timeout_secs);
            opts.retries = retries;
            fetch(opts, key, json)
        }
        Some(Command::Diff {
            files,
            json,
            api,
            manifest,
            cache,
            mirror,
        }) => diff(files, json, api, manifest, cache, mirror),
    }
}

/// The workspace SDK from the manifest.
fn sdk(args: SdkArgs) -> ExitCode {
    let mut config = Config::workspace();
    config.manifest = args.manifest;
    config.out = args.out;
    if args.mirror.is_some() {
        config.mirror = args.mirror;
    }
    if !args.no_cache {
        config.rendered = match args.render_cache {
            Some(dir) => generator::render_cache::RenderCache::for_this_binary(dir),
            None => generator::render_cache::RenderCache::beside_binary(),
        };
    }
    // Warnings are grouped by the API whose description they are about.
    let mut keys = BTreeMap::new();
    if let Ok(manifest) = generator::manifest::Manifest::load(&config.manifest) {
        for entry in &manifest.api {
            let dir = config.mirror.clone().unwrap_or_else(|| config.cache.clone());
            if let Ok(path) = generator::source::in_mirror(&dir, &entry.key) {
                keys.insert(path, entry.key.clone());
            }
        }
    }
    let out = config.out.clone();
    finish(generator::generate(&config), &out, args.check, args.verbose, &keys)
}

/// One line per description: how many defects it has that the generator tolerated.
fn print_warnings(warnings: &[Warning], verbose: bool, keys: &BTreeMap<PathBuf, String>) {
    if verbose {
        for w in warnings {
            eprintln!("{w}");
        }
        return;
    }
    // Every description of the manifest has its line, defects or not.
    let mut per_file: BTreeMap<String, usize> = keys.values().map(|k| (k.clone(), 0)).collect();
    for w in warnings {
        let name = keys
            .get(&w.file)
            .cloned()
            .unwrap_or_else(|| w.file.display().to_string());
        *per_file.entry(name).or_default() += 1;
    }
    for (name, count) in &per_file {
        let s = if *count == 1 { "" } else { "s" };
        eprintln!("{name}: {count} tolerated defect{s}, 0 errors");
    }
    if !warnings.is_empty() {
        eprintln!("(run with -v to see each tolerated defect and its place)");
    }
}

/// Reports, checks or writes a generated crate.
fn finish(
    result: Result<Output, generator::diag::Error>,
    out: &Path,
    check: bool,
    verbose: bool,
    keys: &BTreeMap<PathBuf, String>,
) -> ExitCode {
    let output = match result {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            eprintln!("nothing was written: {} is unchanged", out.display());
            return ExitCode::FAILURE;
        }
    };
    print_warnings(&output.warnings, verbose, keys);
    let changes = match write::plan(out, &output.files) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {}: cannot read the output: {e}", out.display());
            return ExitCode::FAILURE;
        }
    };
    if check {
        if changes.is_empty() {
            eprintln!(
                "{} is up to date ({} files, {} operations)",
                out.display(),
                output.files.len(),
                output.operations
            );
            return ExitCode::SUCCESS;
        }
        eprintln!("{} is out of date; these files would change:", out.display());
        for p in &changes.changed {
            println!("{}", out.join(p).display());
        }
        for p in &changes.stale {
            println!("{} (would be removed)", out.join(p).display());
        }
        return ExitCode::FAILURE;
    }
    if let Err(e) = write::apply(out, &output.files, &changes) {
        eprintln!("error: {}: writing failed: {e}", out.display());
        return ExitCode::FAILURE;
    }
    eprintln!(
        "wrote {} of {} files under {} ({} operations, {} removed, {} warnings)",
        changes.changed.len(),
        output.files.len(),
        out.display(),
        output.operations,
        changes.stale.len(),
        output.warnings.len()
    );
    ExitCode::SUCCESS
}

/// `fetch [KEY] [--update]`: fills the cache and checks or accepts pins.
fn fetch(opts: generator::fetch::Options, key: Option<String>, json: bool) -> ExitCode {
    let results = match generator::fetch::fetch(&opts, key.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let mut failed = 0;
    let mut reports = Vec::new();
    for r in results {
        match r {
            Ok(generator::fetch::Outcome::Verified { key, path, pin }) => {
                eprintln!(
                    "{key}: {} matches its pin {}",
                    path.display(),
                    &pin[..12.min(pin.len())]
                );
            }
            Ok(generator::fetch::Outcome::Accepted {
                key,
                path,
                old_pin,
                new_pin,
                report,
            }) => {
                eprintln!(
                    "{key}: accepted the new version in {}: the pin in {} changed from {old_pin} to {new_pin}",
                    path.display(),
                    opts.manifest.display()
                );
                match report {
                    Some(r) if json => reports.push(r.to_json()),
                    Some(r) => println!("{}", r.to_text()),
                    None if old_pin.is_empty() => {
                        eprintln!("{key}: a new API for the SDK: every operation and type of it is new")
                    }
                    None => eprintln!(
                        "{key}: no previous version in {} to compare with, so no change report",
                        opts.cache.display()
                    ),
                }
                eprintln!("{key}: now regenerate the SDK and review the diff under generated/");
            }
            Err(e) => {
                failed += 1;
                eprintln!("{e}");
            }
        }
    }
    if json && opts.update {
        println!(
            "{}",
            serde_json::to_string_pretty(&reports).expect("JSON values serialize")
        );
    }
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `diff OLD NEW`: the change report; exit 1 when anything breaking changed.
fn diff(
    files: Vec<PathBuf>,
    json: bool,
    api: Option<String>,
    manifest: Option<PathBuf>,
    cache: Option<PathBuf>,
    mirror: Option<PathBuf>,
) -> ExitCode {
    let workspace = Config::workspace();
    let manifest_path = manifest.unwrap_or(workspace.manifest);
    let cache = cache.unwrap_or(workspace.cache);
    let mirror = mirror.or(workspace.mirror);
    let entry = match &api {
        Some(key) => {
            let manifest = match generator::manifest::Manifest::load(&manifest_path) {
                Ok(m) => m,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            };
            match manifest.api.iter().find(|e| &e.key == key).cloned() {
                Some(e) => Some(e),
                None => {
                    eprintln!("error: {} has no API with key `{key}`", manifest_path.display());
                    return ExitCode::from(2);
                }
            }
        }
        None => None,
    };
    let (old, new): (PathBuf, PathBuf) = match files.as_slice() {
        [old, new] => (old.clone(), new.clone()),
        [new] => {
            let Some(entry) = &entry else {
                eprintln!("error: diff needs OLD and NEW, or --api KEY and NEW");
                return ExitCode::from(2);
            };
            match generator::fetch::pinned_copy(entry, &cache, mirror.as_deref()) {
                Some(old) => (old, new.clone()),
                None => {
                    eprintln!(
                        "error: no copy of the pinned version of `{}` ({}) in {} or the mirror; run `cargo run -p generator -- fetch {}` first",
                        entry.key,
                        entry.sha256,
                        cache.display(),
                        entry.key
                    );
                    return ExitCode::from(2);
                }
            }
        }
        _ => {
            eprintln!("error: diff needs OLD and NEW, or --api KEY and NEW");
            return ExitCode::from(2);
        }
    };
    let report = match generator::diff::diff_files(&old, &new, entry.as_ref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report.to_json()).expect("JSON values serialize")
        );
    } else {
        print!("{}", report.to_text());
    }
    if report.has_breaking() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
