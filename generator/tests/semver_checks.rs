//! The change report's breaking/additive verdicts against `cargo-semver-checks` on the code the
//! generator writes (issue 12, point 5): for each version pair, both versions are generated as a
//! crate, `cargo semver-checks` compares them as a minor release, and
//! - the verdicts agree: semver-checks finds a breaking change exactly when the report does;
//! - every item semver-checks names is named by a breaking change of the report.
//!
//! Where they disagree for a reason, the reason is in `EXPLAINED`; anything else fails.
//!
//! Needs `cargo-semver-checks` (`.ci/run` installs it and runs this test with `--ignored`):
//! `cargo test -p generator --test semver_checks -- --ignored --nocapture`. The real pairs
//! beyond the two CI runs are listed with `SEMVER_PAIRS=all`.

use generator::diff::{self, Class, Report};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Disagreements that are understood: (pair, item or `verdict`, why).
const EXPLAINED: &[(&str, &str, &str)] = &[];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn shared() -> PathBuf {
    let specs = std::env::var_os("SINCH_SPECS_MIRROR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/specs"));
    assert!(
        specs.is_dir(),
        "the Sinch mirror is missing at {} (set SINCH_SPECS_MIRROR)",
        specs.display()
    );
    specs.join("..")
}

/// (name, old description, new description, manifest key).
fn pairs() -> Vec<(String, PathBuf, PathBuf, Option<String>)> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff_fixtures");
    let mut out: Vec<_> = ["additive", "enums", "types", "operations"]
        .iter()
        .map(|n| {
            (
                format!("fixture {n}"),
                fixtures.join(format!("{n}.old.yaml")),
                fixtures.join(format!("{n}.new.yaml")),
                None,
            )
        })
        .collect();
    let all = std::env::var("SEMVER_PAIRS").is_ok_and(|v| v == "all");
    let real: &[&str] = if all {
        &["verification", "numbers", "voice", "conversation"]
    } else {
        &["verification", "numbers"]
    };
    let shared = shared();
    for key in real {
        out.push((
            format!("{key} 2021 -> 2026"),
            shared.join(format!("corpus/sinch-variants/{key}.2021.yaml")),
            shared.join(format!("specs/{key}.yaml")),
            Some(key.to_string()),
        ));
    }
    out
}

/// Writes the crate generated from `spec` to `dir` as version 1.0.0 of `sdk`.
fn write_crate(spec: &Path, dir: &Path) {
    let out = generator::generate_standalone(spec, "sdk").unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(dir);
    for (path, text) in &out.files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text = if path.ends_with("Cargo.toml") {
            text.replacen("version = \"0.1.0\"", "version = \"1.0.0\"", 1)
        } else {
            text.clone()
        };
        std::fs::write(path, text).unwrap();
    }
}

/// The lints that failed and the items they name, from semver-checks' output.
fn failures(output: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lint = None;
    let mut in_items = false;
    for line in output.lines() {
        if let Some(rest) = line.trim().strip_prefix("--- failure ") {
            lint = rest.split(':').next().map(str::to_string);
            in_items = false;
        } else if line.trim() == "Failed in:" {
            in_items = true;
        } else if in_items && line.starts_with("  ") && !line.trim().is_empty() {
            if let Some(l) = &lint {
                out.push((l.clone(), line.trim().to_string()));
            }
        } else if line.trim().is_empty() {
            in_items = false;
        }
    }
    out
}

/// The type-like names (`SendSmsRequest`, `Region`) of an item as semver-checks writes it.
fn names(item: &str) -> Vec<String> {
    let item = item.split(", previously in").next().unwrap_or(item);
    let item = item.split(" in /").next().unwrap_or(item);
    item.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
        .map(str::to_string)
        .collect()
}

fn breaking_text(report: &Report) -> String {
    report
        .changes
        .iter()
        .filter(|c| c.class == Class::Breaking)
        .map(|c| format!("{} {}\n", c.rust.as_deref().unwrap_or(""), c.openapi))
        .collect()
}

fn explained(pair: &str, item: &str) -> bool {
    EXPLAINED
        .iter()
        .any(|(p, i, _)| *p == pair && (*i == item || item.contains(i)))
}

#[test]
#[ignore = "needs cargo-semver-checks: .ci/run installs it and runs this test with --ignored"]
fn change_report_verdicts_match_cargo_semver_checks() {
    let probe = Command::new("cargo").args(["semver-checks", "--version"]).output();
    assert!(
        probe.as_ref().is_ok_and(|o| o.status.success()),
        "cargo-semver-checks is not installed: `cargo install --locked cargo-semver-checks`"
    );
    let manifest = generator::manifest::Manifest::load(&root().join("specs/manifest.toml")).unwrap();
    let scratch = root().join("target/semver-checks");
    let mut problems = Vec::new();
    let mut table = Vec::new();
    for (name, old, new, key) in pairs() {
        assert!(
            old.is_file() && new.is_file(),
            "{name}: {} or {} is missing",
            old.display(),
            new.display()
        );
        let entry = key.as_ref().map(|k| manifest.api.iter().find(|e| &e.key == k).unwrap());
        let report = diff::diff_files(&old, &new, entry).unwrap_or_else(|e| panic!("{name}: {e}"));
        let dir = scratch.join(name.replace([' ', '>'], "_"));
        write_crate(&old, &dir.join("old"));
        write_crate(&new, &dir.join("new"));
        let out = Command::new("cargo")
            .args([
                "semver-checks",
                "check-release",
                "--release-type",
                "minor",
                "--baseline-root",
            ])
            .arg(dir.join("old"))
            .arg("--manifest-path")
            .arg(dir.join("new/Cargo.toml"))
            .env("CARGO_TARGET_DIR", scratch.join("target"))
            .env("CARGO_TERM_COLOR", "never")
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let found = failures(&text);
        let semver_breaking = !out.status.success();
        if semver_breaking && found.is_empty() {
            panic!("{name}: cargo semver-checks failed without a lint:\n{text}");
        }
        let ours = breaking_text(&report);
        let mut unmatched = BTreeSet::new();
        for (lint, item) in &found {
            let hit = names(item).iter().any(|n| ours.contains(n.as_str()));
            if !hit && !explained(&name, item) {
                unmatched.insert(format!("{lint}: {item}"));
            }
        }
        let lints: BTreeSet<&str> = found.iter().map(|(l, _)| l.as_str()).collect();
        table.push(format!(
            "{name:<34} report: {:>4} breaking {:>4} additive | semver-checks: {} ({} items; {})",
            report.breaking(),
            report.additive(),
            if semver_breaking { "breaking" } else { "ok" },
            found.len(),
            lints.into_iter().collect::<Vec<_>>().join(", ")
        ));
        if semver_breaking != report.has_breaking() && !explained(&name, "verdict") {
            problems.push(format!(
                "{name}: the report says {}, cargo semver-checks says {}\n{}",
                if report.has_breaking() {
                    "breaking"
                } else {
                    "not breaking"
                },
                if semver_breaking { "breaking" } else { "not breaking" },
                if semver_breaking {
                    text.clone()
                } else {
                    report.to_text()
                }
            ));
        }
        for u in unmatched {
            problems.push(format!(
                "{name}: semver-checks names an item no breaking change names: {u}"
            ));
        }
    }
    println!("{}", table.join("\n"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
