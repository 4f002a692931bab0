//! `cargo run -p generator [-- --check]`: regenerate the SDK in `generated/`, or check that it
//! is up to date. `generate --spec FILE --out DIR --name CRATE` writes a crate for any one
//! description.

use generator::diag::Warning;
use generator::{Config, Output, write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  generator [--check] [--manifest FILE] [--out DIR] [--mirror DIR]
      Regenerates the Sinch SDK crate from the descriptions named in the manifest.
      --check          change nothing; exit 1 and list the files that would change
      --manifest FILE  the manifest (default: specs/manifest.toml)
      --out DIR        the SDK crate (default: generated/)
      --mirror DIR     read descriptions from DIR (default: $SINCH_SPECS_MIRROR, else download)
  generator generate --spec FILE --out DIR [--name CRATE] [--check]
      Writes a standalone crate for one description (same model, same runtime).";

/// Command-line arguments as flags with values and bare switches.
struct Args {
    items: Vec<String>,
}

impl Args {
    fn value(&mut self, flag: &str) -> Result<Option<String>, String> {
        let Some(i) = self.items.iter().position(|a| a == flag) else {
            return Ok(None);
        };
        if i + 1 >= self.items.len() {
            return Err(format!("{flag} needs a value"));
        }
        let v = self.items.remove(i + 1);
        self.items.remove(i);
        Ok(Some(v))
    }

    fn switch(&mut self, flag: &str) -> bool {
        let found = self.items.iter().position(|a| a == flag);
        if let Some(i) = found {
            self.items.remove(i);
        }
        found.is_some()
    }

    fn finish(self) -> Result<(), String> {
        match self.items.first() {
            Some(a) => Err(format!("unknown argument `{a}`")),
            None => Ok(()),
        }
    }
}

fn main() -> ExitCode {
    let mut args = Args {
        items: std::env::args().skip(1).collect(),
    };
    if args.switch("-h") || args.switch("--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let result = match args.items.first().map(String::as_str) {
        Some("generate") => {
            args.items.remove(0);
            standalone(args)
        }
        _ => sdk(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The workspace SDK from the manifest.
fn sdk(mut args: Args) -> Result<ExitCode, String> {
    let mut config = Config::workspace();
    let check = args.switch("--check");
    if let Some(v) = args.value("--manifest")? {
        config.manifest = v.into();
    }
    if let Some(v) = args.value("--out")? {
        config.out = v.into();
    }
    if let Some(v) = args.value("--mirror")? {
        config.mirror = Some(v.into());
    }
    args.finish()?;
    let out = config.out.clone();
    Ok(finish(generator::generate(&config), &out, check))
}

/// A standalone crate for one description.
fn standalone(mut args: Args) -> Result<ExitCode, String> {
    let check = args.switch("--check");
    let spec: PathBuf = args.value("--spec")?.ok_or("generate needs --spec FILE")?.into();
    let out: PathBuf = args.value("--out")?.ok_or("generate needs --out DIR")?.into();
    let name = match args.value("--name")? {
        Some(n) => n,
        None => spec
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("api")
            .replace('_', "-"),
    };
    args.finish()?;
    Ok(finish(generator::generate_standalone(&spec, &name), &out, check))
}

fn print_warnings(warnings: &[Warning]) {
    for w in warnings {
        eprintln!("{w}");
    }
}

/// Reports, checks or writes a generated crate.
fn finish(result: Result<Output, generator::diag::Error>, out: &Path, check: bool) -> ExitCode {
    let output = match result {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            eprintln!("nothing was written: {} is unchanged", out.display());
            return ExitCode::FAILURE;
        }
    };
    print_warnings(&output.warnings);
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
