//! `cargo run --release -p generator --bin corpus -- DIR [options]`: every description under DIR
//! through the general mode, then one `cargo build` over all the generated crates; prints per
//! file whether it generated and compiled (with the first error), then the totals.

use clap::Parser;
use generator::corpus::{self, Options};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Generates a crate for every OpenAPI/Swagger description under DIR (a file whose top level has
/// `openapi` or `swagger`) into a scratch workspace, builds them all with one
/// `cargo build --keep-going`, and prints per file: generated/compiled and the first error.
#[derive(Parser)]
struct Cli {
    /// The directory of descriptions.
    dir: PathBuf,
    /// The scratch workspace and its target dir, kept between runs so a second run rebuilds only
    /// what changed (default: $TMPDIR/openapi-corpus).
    #[arg(long, value_name = "DIR")]
    scratch: Option<PathBuf>,
    /// Generate only.
    #[arg(long, conflicts_with = "check")]
    no_build: bool,
    /// `cargo check` instead of `cargo build` (faster, same errors).
    #[arg(long)]
    check: bool,
    /// A crate with compiler warnings does not count as compiled.
    #[arg(long)]
    deny_warnings: bool,
    /// Only descriptions whose path contains TEXT.
    #[arg(long, value_name = "TEXT")]
    filter: Option<String>,
    /// Give up on generating one description after N seconds.
    #[arg(long, value_name = "N", default_value_t = 300)]
    timeout_secs: u64,
    /// Cargo's jobs.
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// Also write the report to FILE.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
}

fn main() -> ExitCode {
    let Cli {
        dir: corpus_dir,
        scratch,
        no_build,
        check,
        deny_warnings,
        filter,
        timeout_secs: timeout,
        jobs,
        report: report_file,
    } = Cli::parse();
    let scratch = scratch.unwrap_or_else(|| std::env::temp_dir().join("openapi-corpus"));
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
