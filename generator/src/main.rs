//! `cargo run -p generator [-- --check]`: regenerate the SDK in `generated/`, or check that
//! it is up to date.

use generator::{Config, generate, write};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: generator [--check] [--manifest FILE] [--out DIR] [--mirror DIR]

Regenerates the Sinch SDK crate from the descriptions named in the manifest.
  --check          change nothing; exit 1 and list the files that would change
  --manifest FILE  the manifest (default: specs/manifest.toml)
  --out DIR        the SDK crate (default: generated/)
  --mirror DIR     read descriptions from DIR (default: $SINCH_SPECS_MIRROR, else download)";

fn main() -> ExitCode {
    let mut config = Config::workspace();
    let mut check = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .map(PathBuf::from)
                .ok_or_else(|| format!("{name} needs a value"))
        };
        let parsed = match arg.as_str() {
            "--check" => {
                check = true;
                Ok(())
            }
            "--manifest" => value("--manifest").map(|v| config.manifest = v),
            "--out" => value("--out").map(|v| config.out = v),
            "--mirror" => value("--mirror").map(|v| config.mirror = Some(v)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => Err(format!("unknown argument `{other}`")),
        };
        if let Err(e) = parsed {
            eprintln!("error: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    }

    let output = match generate(&config) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            eprintln!("nothing was written: {} is unchanged", config.out.display());
            return ExitCode::FAILURE;
        }
    };
    for w in &output.warnings {
        eprintln!("{w}");
    }
    let changes = match write::plan(&config.out, &output.files) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {}: cannot read the output: {e}", config.out.display());
            return ExitCode::FAILURE;
        }
    };
    if check {
        if changes.is_empty() {
            eprintln!(
                "{} is up to date ({} files, {} operations)",
                config.out.display(),
                output.files.len(),
                output.operations
            );
            return ExitCode::SUCCESS;
        }
        eprintln!("{} is out of date; these files would change:", config.out.display());
        for p in &changes.changed {
            println!("{}", config.out.join(p).display());
        }
        for p in &changes.stale {
            println!("{} (would be removed)", config.out.join(p).display());
        }
        return ExitCode::FAILURE;
    }
    if let Err(e) = write::apply(&config.out, &output.files, &changes) {
        eprintln!("error: {}: writing failed: {e}", config.out.display());
        return ExitCode::FAILURE;
    }
    eprintln!(
        "wrote {} of {} files under {} ({} operations, {} removed, {} warnings)",
        changes.changed.len(),
        output.files.len(),
        config.out.display(),
        output.operations,
        changes.stale.len(),
        output.warnings.len()
    );
    ExitCode::SUCCESS
}
