//! The corpus runner: every description under a directory through the general mode
//! (`generate --spec FILE`), then one `cargo build --keep-going` over a scratch workspace of all
//! the generated crates (they share their dependencies, so building them one by one would take
//! hours), and per description whether it generated, whether it compiled, and the first error.
//!
//! A file is a description when its top level has `openapi` or `swagger`: the other files of a
//! multi-file description are reached through its references, not run on their own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// What happened to one description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The generator failed (its error), panicked or timed out.
    NotGenerated(String),
    /// Generated; `cargo build` has not run (or did not reach it).
    Generated,
    /// Generated and compiled; the number of compiler warnings.
    Compiled { warnings: usize },
    /// Generated, but the crate does not compile: the number of errors and the first.
    NotCompiled { errors: usize, first: String },
}

/// One description's row of the report.
#[derive(Debug, Clone)]
pub struct Row {
    pub file: PathBuf,
    pub krate: String,
    pub outcome: Outcome,
    /// How many warnings the generator gave.
    pub generator_warnings: usize,
    pub generate_time: Duration,
}

/// How to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The scratch directory: `ws/` is the workspace of generated crates, `target/` its build.
    pub scratch: PathBuf,
    /// `None`: generate only. Else `build` or `check`.
    pub cargo: Option<&'static str>,
    /// Deny compiler warnings (`RUSTFLAGS=-D warnings`), as the repository's corpus test does.
    pub deny_warnings: bool,
    /// Give up on one description after this long.
    pub timeout: Duration,
    /// A lock file to start from (the repository's), so runs resolve the same versions.
    pub lockfile: Option<PathBuf>,
    /// Only files whose path contains this.
    pub filter: Option<String>,
    /// `cargo` jobs.
    pub jobs: Option<usize>,
}

/// Every description under `dir`, sorted.
pub fn descriptions(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
                && is_description(&path)
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

/// Whether a file's top level names an OpenAPI or Swagger version (a cheap look at the text,
/// so fragments of multi-file descriptions are not parsed).
pub fn is_description(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    if text.trim_start().starts_with('{') {
        // JSON: the key anywhere near the start at the top level.
        return match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(v) => v.get("openapi").is_some() || v.get("swagger").is_some(),
            Err(_) => false,
        };
    }
    text.lines().any(|l| {
        let l = l.trim_end();
        [
            "openapi:",
            "swagger:",
            "\"openapi\":",
            "\"swagger\":",
            "'openapi':",
            "'swagger':",
        ]
        .iter()
        .any(|k| l.starts_with(k))
    })
}

/// A crate name for a file: its path below the corpus, as a Cargo package name.
pub fn crate_name(corpus: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(corpus).unwrap_or(file).with_extension("");
    let name: String = rel
        .to_string_lossy()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    // One dash between words: `--` would make a crate name rustc calls non-snake-case.
    let words: Vec<&str> = name.split('-').filter(|w| !w.is_empty()).collect();
    format!("corpus-{}", words.join("-"))
}

/// Generates one description with a time limit, catching panics.
fn generate_one(file: &Path, name: &str, timeout: Duration) -> Result<crate::Output, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let (file, name) = (file.to_path_buf(), name.to_string());
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let result = std::panic::catch_unwind(|| crate::generate_standalone(&file, &name));
            let _ = tx.send(result);
        })
        .map_err(|e| format!("cannot start a thread: {e}"))?;
    match rx.recv_timeout(timeout) {
        Ok(Ok(Ok(out))) => Ok(out),
        Ok(Ok(Err(e))) => Err(e.to_string()),
        Ok(Err(panic)) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("the generator panicked: {message}"))
        }
        // The thread is left to finish on its own; its result is not waited for.
        Err(_) => Err(format!("timed out after {}s", timeout.as_secs())),
    }
}

/// Generates every description into the scratch workspace and, unless told not to, builds them.
/// `progress` is told about each row as it is known.
pub fn run(corpus: &Path, opts: &Options, progress: &mut dyn FnMut(&str)) -> std::io::Result<Vec<Row>> {
    let mut files = descriptions(corpus);
    if let Some(f) = &opts.filter {
        files.retain(|p| p.to_string_lossy().contains(f.as_str()));
    }
    let ws = opts.scratch.join("ws");
    std::fs::create_dir_all(&ws)?;
    let mut rows = Vec::new();
    let mut members: Vec<String> = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let name = crate_name(corpus, file);
        let started = Instant::now();
        let result = generate_one(file, &name, opts.timeout);
        let generate_time = started.elapsed();
        let dir = ws.join(&name);
        let (outcome, generator_warnings) = match result {
            Ok(out) => {
                write_member(&dir, &out)?;
                members.push(name.clone());
                (Outcome::Generated, out.warnings.len())
            }
            Err(e) => {
                let _ = std::fs::remove_dir_all(&dir);
                (Outcome::NotGenerated(first_line(&e)), 0)
            }
        };
        progress(&format!(
            "[{}/{}] {} {} ({:.1}s)",
            i + 1,
            files.len(),
            match &outcome {
                Outcome::NotGenerated(e) => format!("NOT GENERATED: {e}"),
                _ => "generated".to_string(),
            },
            file.strip_prefix(corpus).unwrap_or(file).display(),
            generate_time.as_secs_f64()
        ));
        rows.push(Row {
            file: file.clone(),
            krate: name,
            outcome,
            generator_warnings,
            generate_time,
        });
    }
    // Crates left from an earlier run that are not members now are removed, so the workspace
    // builds only this run's.
    for entry in std::fs::read_dir(&ws)?.flatten() {
        let n = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && n.starts_with("corpus-") && !members.contains(&n) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    let list: Vec<String> = members.iter().map(|m| format!("    \"{m}\",\n")).collect();
    write_if_changed(
        &ws.join("Cargo.toml"),
        &format!("[workspace]\nresolver = \"3\"\nmembers = [\n{}]\n", list.concat()),
    )?;
    if let Some(lock) = &opts.lockfile
        && !ws.join("Cargo.lock").exists()
    {
        let _ = std::fs::copy(lock, ws.join("Cargo.lock"));
    }
    let Some(cargo_cmd) = opts.cargo else {
        return Ok(rows);
    };
    if members.is_empty() {
        return Ok(rows);
    }
    progress(&format!("cargo {cargo_cmd} over {} crates…", members.len()));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args([
        cargo_cmd,
        "--workspace",
        "--keep-going",
        "--message-format=json",
        "--manifest-path",
    ])
    .arg(ws.join("Cargo.toml"))
    .env("CARGO_TARGET_DIR", opts.scratch.join("target"))
    // Hundreds of crates built once: incremental caches would only fill the disk.
    .env("CARGO_INCREMENTAL", "0")
    .env_remove("RUSTFLAGS");
    if opts.deny_warnings {
        cmd.env("RUSTFLAGS", "-D warnings");
    }
    if let Some(j) = opts.jobs {
        cmd.arg("--jobs").arg(j.to_string());
    }
    let output = cmd.output()?;
    let (errors, warnings, built) = compiler_messages(&String::from_utf8_lossy(&output.stdout));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for row in &mut rows {
        if row.outcome != Outcome::Generated {
            continue;
        }
        row.outcome = match errors.get(&row.krate) {
            Some(list) => Outcome::NotCompiled {
                errors: list.len(),
                first: list[0].clone(),
            },
            // Built (or fresh from an earlier run): cargo names its artifact.
            None if built.contains(&row.krate) => Outcome::Compiled {
                warnings: warnings.get(&row.krate).copied().unwrap_or(0),
            },
            // Never reached (a dependency failed, or cargo itself did): not compiled.
            None => Outcome::Generated,
        };
    }
    if !output.status.success() && errors.is_empty() {
        progress(&format!(
            "cargo failed without compiler errors:\n{}",
            stderr
                .lines()
                .rev()
                .take(20)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<Vec<_>>()
                .join("\n")
        ));
    }
    Ok(rows)
}

fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or_default();
    let mut cut: String = line.chars().take(300).collect();
    if cut.len() < line.len() {
        cut.push('…');
    }
    cut
}

fn write_if_changed(path: &Path, text: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(text) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

/// Writes a generated crate as a workspace member, leaving unchanged files untouched so cargo
/// rebuilds only what changed.
fn write_member(dir: &Path, out: &crate::Output) -> std::io::Result<()> {
    let mut keep = std::collections::BTreeSet::new();
    for (rel, text) in &out.files {
        let text = if rel.as_os_str() == "Cargo.toml" {
            // Members of one workspace: their own `[workspace]` tables go.
            text.replace("[workspace]\n", "")
        } else {
            text.clone()
        };
        write_if_changed(&dir.join(rel), &text)?;
        keep.insert(dir.join(rel));
    }
    // Files of an earlier run that this one does not write.
    fn prune(d: &Path, keep: &std::collections::BTreeSet<PathBuf>) {
        for e in std::fs::read_dir(d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                prune(&p, keep);
            } else if !keep.contains(&p) {
                let _ = std::fs::remove_file(&p);
            }
        }
    }
    prune(dir, &keep);
    Ok(())
}

/// The compiler's errors (first three lines of each, rendered) and warning counts, per member
/// crate, from `--message-format=json` output.
/// Also the members cargo produced an artifact for (built now or fresh from before).
#[allow(clippy::type_complexity)]
pub fn compiler_messages(
    stdout: &str,
) -> (
    BTreeMap<String, Vec<String>>,
    BTreeMap<String, usize>,
    std::collections::BTreeSet<String>,
) {
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut warnings: BTreeMap<String, usize> = BTreeMap::new();
    let mut built = std::collections::BTreeSet::new();
    for line in stdout.lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if msg["reason"] == "compiler-artifact" {
            let manifest = Path::new(msg["manifest_path"].as_str().unwrap_or_default());
            if let Some(name) = manifest.parent().and_then(Path::file_name) {
                built.insert(name.to_string_lossy().into_owned());
            }
            continue;
        }
        if msg["reason"] != "compiler-message" {
            continue;
        }
        // The member's folder, from its manifest: `…/ws/NAME/Cargo.toml`.
        let manifest = Path::new(msg["manifest_path"].as_str().unwrap_or_default());
        let name = manifest
            .parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !name.starts_with("corpus-") {
            continue;
        }
        match msg["message"]["level"].as_str() {
            Some("error") => {
                let text = msg["message"]["rendered"]
                    .as_str()
                    .unwrap_or_default()
                    .lines()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" / ");
                // "aborting due to N previous errors" is a summary, not an error of its own.
                if !text.starts_with("error: aborting due to") && !text.starts_with("error: could not compile") {
                    errors.entry(name).or_default().push(text);
                }
            }
            Some("warning") => *warnings.entry(name).or_default() += 1,
            _ => {}
        }
    }
    (errors, warnings, built)
}

/// The report: a line per description, then the totals.
pub fn report(corpus: &Path, rows: &[Row], built: bool) -> String {
    let mut out = String::new();
    for r in rows {
        let file = r.file.strip_prefix(corpus).unwrap_or(&r.file).display();
        let line = match &r.outcome {
            Outcome::NotGenerated(e) => format!("NOT-GENERATED  {file}: {e}"),
            Outcome::Generated if built => format!("NOT-BUILT      {file}: cargo did not reach it"),
            Outcome::Generated => format!("generated      {file}"),
            Outcome::Compiled { warnings: 0 } => format!("compiled       {file}"),
            Outcome::Compiled { warnings } => format!("compiled       {file} ({warnings} compiler warnings)"),
            Outcome::NotCompiled { errors, first } => {
                format!("NOT-COMPILED   {file}: {errors} errors, first: {first}")
            }
        };
        out.push_str(&line);
        out.push('\n');
    }
    let total = rows.len();
    let generated = rows
        .iter()
        .filter(|r| !matches!(r.outcome, Outcome::NotGenerated(_)))
        .count();
    let compiled = rows
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Compiled { .. }))
        .count();
    let pct = |n: usize| {
        if total == 0 {
            0.0
        } else {
            100.0 * n as f64 / total as f64
        }
    };
    out.push_str(&format!(
        "total {total}: generated {generated} ({:.1}%)",
        pct(generated)
    ));
    if built {
        out.push_str(&format!("; compiled {compiled} ({:.1}%)", pct(compiled)));
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names_are_package_names() {
        let c = Path::new("/c");
        assert_eq!(
            crate_name(c, Path::new("/c/Vendor/API v2/openapi.yaml")),
            "corpus-vendor-api-v2-openapi"
        );
    }

    #[test]
    fn compiler_messages_are_counted_per_member() {
        let stdout = [
            r#"{"reason":"compiler-message","manifest_path":"/s/ws/corpus-a/Cargo.toml","message":{"level":"error","rendered":"error[E0412]: cannot find type `X`\n --> src/x.rs:1:1\n  |\nmore"}}"#,
            r#"{"reason":"compiler-message","manifest_path":"/s/ws/corpus-a/Cargo.toml","message":{"level":"error","rendered":"error: aborting due to 1 previous error"}}"#,
            r#"{"reason":"compiler-message","manifest_path":"/s/ws/corpus-b/Cargo.toml","message":{"level":"warning","rendered":"warning: unused"}}"#,
            r#"{"reason":"compiler-message","manifest_path":"/r/serde/Cargo.toml","message":{"level":"warning","rendered":"warning: dep"}}"#,
            r#"{"reason":"compiler-artifact","manifest_path":"/s/ws/corpus-b/Cargo.toml","fresh":true}"#,
            "not json",
        ]
        .join("\n");
        let (errors, warnings, built) = compiler_messages(&stdout);
        assert_eq!(built.into_iter().collect::<Vec<_>>(), ["corpus-b"]);
        assert_eq!(
            errors["corpus-a"],
            ["error[E0412]: cannot find type `X` /  --> src/x.rs:1:1 /   |"]
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(warnings["corpus-b"], 1);
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn only_descriptions_are_run() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "openapi: 3.0.0\ninfo: {}\n").unwrap();
        std::fs::write(dir.path().join("b.json"), r#"{"swagger": "2.0"}"#).unwrap();
        std::fs::write(dir.path().join("fragment.yaml"), "type: object\n").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "openapi: 3.0.0\n").unwrap();
        let found: Vec<String> = descriptions(dir.path())
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(found, ["a.yaml", "b.json"]);
    }
}
