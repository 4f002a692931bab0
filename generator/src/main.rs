//! `cargo run -p generator [-- --check]`: regenerate the SDK in `generated/`, or check that it
//! is up to date. `generate --spec FILE --out DIR --name CRATE` writes a crate for any one
//! description. `fetch [KEY] [--update]` fills the local cache of descriptions and checks (or
//! accepts) their pins; `diff OLD NEW` reports the API changes between two versions.

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
      Writes a standalone crate for one description (same model, same runtime).
  generator fetch [KEY] [--update] [--json] [--manifest FILE] [--cache DIR] [--mirror DIR]
                  [--timeout-secs N] [--retries N]
      Copies every description of the manifest (or KEY's) into the cache (default: specs/.cache/,
      laid out like a mirror) from --mirror or $SINCH_SPECS_MIRROR, else downloads it from its URL,
      and checks its sha256 pin. A mismatch is an error and changes nothing.
      --update         accept new versions: print what changed since the cached version and
                       rewrite their sha256 lines in the manifest
      --timeout-secs N give up on a silent connection after N seconds (default 30)
      --retries N      retry failed downloads N times with backoff (default 3)
      --json           print the change reports of --update as JSON
  generator diff OLD NEW [--json] [--api KEY] [--manifest FILE]
  generator diff --api KEY NEW [--json] [--cache DIR] [--mirror DIR]
      Reports the API changes from OLD to NEW (without OLD: the pinned version of KEY from the
      cache or mirror), each classed as breaking or additive for users of the generated SDK and
      named in Rust and OpenAPI terms. --api KEY takes KEY's manifest entry (module, facts).
      Exit status: 0 nothing breaking, 1 breaking changes, 2 the files could not be compared.";

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

    /// The remaining arguments that are not flags.
    fn positional(&mut self) -> Result<Vec<String>, String> {
        if let Some(flag) = self.items.iter().find(|a| a.starts_with('-')) {
            return Err(format!("unknown argument `{flag}`"));
        }
        Ok(std::mem::take(&mut self.items))
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
        Some("fetch") => {
            args.items.remove(0);
            fetch(args)
        }
        Some("diff") => {
            args.items.remove(0);
            diff(args)
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

fn seconds(flag: &str, v: &str) -> Result<std::time::Duration, String> {
    v.parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s > 0.0)
        .map(std::time::Duration::from_secs_f64)
        .ok_or_else(|| format!("{flag} needs a positive number of seconds, not `{v}`"))
}

/// `fetch [KEY] [--update]`: fills the cache and checks or accepts pins.
fn fetch(mut args: Args) -> Result<ExitCode, String> {
    let mut opts = generator::fetch::Options::workspace();
    opts.update = args.switch("--update");
    let json = args.switch("--json");
    if let Some(v) = args.value("--manifest")? {
        opts.manifest = v.into();
    }
    if let Some(v) = args.value("--cache")? {
        opts.cache = v.into();
    }
    if let Some(v) = args.value("--mirror")? {
        opts.mirror = Some(v.into());
    }
    if let Some(v) = args.value("--timeout-secs")? {
        opts.timeout = seconds("--timeout-secs", &v)?;
    }
    if let Some(v) = args.value("--retries")? {
        opts.retries = v.parse().map_err(|_| format!("--retries needs a number, not `{v}`"))?;
    }
    let keys = args.positional()?;
    if keys.len() > 1 {
        return Err("fetch takes at most one KEY".into());
    }
    let results = match generator::fetch::fetch(&opts, keys.first().map(String::as_str)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::FAILURE);
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
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// `diff OLD NEW`: the change report; exit 1 when anything breaking changed.
fn diff(mut args: Args) -> Result<ExitCode, String> {
    let json = args.switch("--json");
    let workspace = generator::Config::workspace();
    let manifest_path: PathBuf = args
        .value("--manifest")?
        .map(PathBuf::from)
        .unwrap_or(workspace.manifest);
    let cache: PathBuf = args.value("--cache")?.map(PathBuf::from).unwrap_or(workspace.cache);
    let mirror: Option<PathBuf> = args.value("--mirror")?.map(PathBuf::from).or(workspace.mirror);
    let api = args.value("--api")?;
    let files = args.positional()?;
    let entry = match &api {
        Some(key) => {
            let manifest = match generator::manifest::Manifest::load(&manifest_path) {
                Ok(m) => m,
                Err(e) => {
                    eprintln!("{e}");
                    return Ok(ExitCode::from(2));
                }
            };
            let entry = manifest.api.iter().find(|e| &e.key == key).cloned();
            Some(entry.ok_or_else(|| format!("{} has no API with key `{key}`", manifest_path.display()))?)
        }
        None => None,
    };
    let (old, new): (PathBuf, PathBuf) = match files.as_slice() {
        [old, new] => (old.into(), new.into()),
        [new] => {
            let Some(entry) = &entry else {
                return Err("diff needs OLD and NEW, or --api KEY and NEW".into());
            };
            match generator::fetch::pinned_copy(entry, &cache, mirror.as_deref()) {
                Some(old) => (old, new.into()),
                None => {
                    eprintln!(
                        "error: no copy of the pinned version of `{}` ({}) in {} or the mirror; run `cargo run -p generator -- fetch {}` first",
                        entry.key,
                        entry.sha256,
                        cache.display(),
                        entry.key
                    );
                    return Ok(ExitCode::from(2));
                }
            }
        }
        _ => return Err("diff needs OLD and NEW, or --api KEY and NEW".into()),
    };
    let report = match generator::diff::diff_files(&old, &new, entry.as_ref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(2));
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
    Ok(if report.has_breaking() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
