//! `cargo run --release -p generator --bin corpus -- DIR [options]`: every description under DIR
//! through the general mode, then one `cargo build` over all the generated crates; prints per
//! file whether it generated and compiled (with the first error), then the totals.

use generator::corpus::{self, Options};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "usage: corpus DIR [--scratch DIR] [--no-build | --check] [--deny-warnings]
              [--filter TEXT] [--timeout-secs N] [--jobs N] [--report FILE]
  Generates a crate for every OpenAPI/Swagger description under DIR (a file whose top level has
  `openapi` or `swagger`) into a scratch workspace, builds them all with one
  `cargo build --keep-going`, and prints per file: generated/compiled and the first error.
  --scratch DIR     the scratch workspace and its target dir (default: $TMPDIR/openapi-corpus);
                    kept between runs, so a second run rebuilds only what changed
  --no-build        generate only
  --check           `cargo check` instead of `cargo build` (faster, same errors)
  --deny-warnings   a crate with compiler warnings does not count as compiled
  --filter TEXT     only descriptions whose path contains TEXT
  --timeout-secs N  give up on generating one description after N seconds (default 300)
  --jobs N          cargo's jobs
  --report FILE     also write the report to FILE";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") || args.is_empty() {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let mut value = |flag: &str| -> Option<String> {
        let i = args.iter().position(|a| a == flag)?;
        if i + 1 >= args.len() {
            return None;
        }
        let v = args.remove(i + 1);
        args.remove(i);
        Some(v)
    };
    let scratch = value("--scratch")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("openapi-corpus"));
    let filter = value("--filter");
    let timeout = value("--timeout-secs").and_then(|v| v.parse().ok()).unwrap_or(300);
    let jobs = value("--jobs").and_then(|v| v.parse().ok());
    let report_file = value("--report").map(PathBuf::from);
    let mut switch = |flag: &str| -> bool {
        let found = args.iter().position(|a| a == flag);
        if let Some(i) = found {
            args.remove(i);
        }
        found.is_some()
    };
    let no_build = switch("--no-build");
    let check = switch("--check");
    let deny_warnings = switch("--deny-warnings");
    let [dir] = args.as_slice() else {
        eprintln!("error: expected one DIR, got {args:?}\n{USAGE}");
        return ExitCode::from(2);
    };
    let corpus_dir = PathBuf::from(dir);
    let lockfile = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.lock"));
    let opts = Options {
        scratch,
        cargo: if no_build {
            None
        } else if check {
            Some("check")
        } else {
            Some("build")
        },
        deny_warnings,
        timeout: Duration::from_secs(timeout),
        lockfile: lockfile.exists().then_some(lockfile),
        filter,
        jobs,
    };
    let rows = match corpus::run(&corpus_dir, &opts, &mut |line| eprintln!("{line}")) {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let report = corpus::report(&corpus_dir, &rows, !no_build);
    print!("{report}");
    if let Some(f) = report_file
        && let Err(e) = std::fs::write(&f, &report)
    {
        eprintln!("error: cannot write {}: {e}", f.display());
    }
    let failed = rows.iter().any(|r| {
        matches!(
            r.outcome,
            corpus::Outcome::NotGenerated(_) | corpus::Outcome::NotCompiled { .. }
        )
    });
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
