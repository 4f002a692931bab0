//! Robustness: every description under ../shared/corpus (older Sinch copies, third-party
//! OpenAPI 3.1 approximations) generates in the general mode, and every generated crate
//! compiles without warnings. Prints how many of how many, and each failure with its reason.
//!
//! The crates are built together as one temporary workspace with `--keep-going`, so one
//! failure does not hide the others and dependencies are compiled once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus_dir() -> PathBuf {
    let dir = match (std::env::var_os("SINCH_CORPUS"), std::env::var_os("SINCH_SPECS_MIRROR")) {
        (Some(c), _) => PathBuf::from(c),
        (None, Some(specs)) => Path::new(&specs).join("../corpus"),
        (None, None) => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus")),
    };
    assert!(
        dir.is_dir(),
        "the corpus is needed at {} (set SINCH_CORPUS)",
        dir.display()
    );
    dir
}

fn descriptions(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            descriptions(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        {
            out.push(path);
        }
    }
}

/// A crate name for a corpus file: its path below the corpus, as a Cargo package name.
fn crate_name(corpus: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(corpus).unwrap().with_extension("");
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

#[test]
fn every_corpus_description_generates_and_compiles() {
    let corpus = corpus_dir();
    let mut files = Vec::new();
    descriptions(&corpus, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no descriptions under {}", corpus.display());

    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("corpus-workspace");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let mut failures: BTreeMap<String, String> = BTreeMap::new();
    let mut members: BTreeMap<String, PathBuf> = BTreeMap::new();
    for file in &files {
        let name = crate_name(&corpus, file);
        match generator::generate_standalone(file, &name) {
            Ok(out) => {
                let dir = root.join(&name);
                for (rel, text) in &out.files {
                    let path = dir.join(rel);
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    // Members of one workspace: their own `[workspace]` tables go.
                    let text = if rel.as_os_str() == "Cargo.toml" {
                        text.replace("[workspace]\n", "")
                    } else {
                        text.clone()
                    };
                    std::fs::write(path, text).unwrap();
                }
                members.insert(name, file.clone());
            }
            Err(e) => {
                failures.insert(name, format!("does not generate: {e}"));
            }
        }
    }
    let list: Vec<String> = members.keys().map(|m| format!("\"{m}\"")).collect();
    std::fs::write(
        root.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", list.join(", ")),
    )
    .unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.lock"),
        root.join("Cargo.lock"),
    )
    .unwrap();

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "build",
            "--workspace",
            "--keep-going",
            "--message-format=json",
            "--manifest-path",
        ])
        .arg(root.join("Cargo.toml"))
        .env(
            "CARGO_TARGET_DIR",
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("corpus-target"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if msg["reason"] != "compiler-message" || !matches!(msg["message"]["level"].as_str(), Some("error" | "warning"))
        {
            continue;
        }
        // The member's folder, from its manifest: `…/corpus-workspace/NAME/Cargo.toml`.
        let manifest = Path::new(msg["manifest_path"].as_str().unwrap_or_default());
        let name = manifest
            .parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if members.contains_key(&name) {
            let text = msg["message"]["rendered"]
                .as_str()
                .unwrap_or_default()
                .lines()
                .take(3)
                .collect::<Vec<_>>()
                .join(" / ");
            errors.entry(name).or_default().push(text);
        }
    }
    for (name, messages) in errors {
        failures.insert(
            name,
            format!("does not compile ({} messages), first: {}", messages.len(), messages[0]),
        );
    }
    let generated = members.len();
    let compiled = members.keys().filter(|m| !failures.contains_key(*m)).count();
    println!(
        "corpus: {generated} of {} descriptions generate; {compiled} of {generated} crates compile",
        files.len()
    );
    for (name, why) in &failures {
        println!("  FAIL {name}: {why}");
    }
    assert!(
        failures.is_empty() && output.status.success(),
        // A failure no message explains (a dependency, the workspace) shows cargo's own output.
        "{} of {} corpus descriptions fail:\n{}\n{}",
        failures.len(),
        files.len(),
        failures
            .iter()
            .map(|(n, w)| format!("{n}: {w}"))
            .collect::<Vec<_>>()
            .join("\n"),
        if failures.is_empty() {
            stderr.to_string()
        } else {
            String::new()
        }
    );
}
