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

/// Disagreements that are understood: (pair, item or `verdict`, why). Beyond these, the only
/// difference is one semver-checks reports as a warning, not a failure: a new value of an open
/// enum moves `Other` one place down, which changes the order `#[derive(PartialOrd)]` gives
/// (`partial_ord_enum_variants_reordered`); the report calls the value additive.
const EXPLAINED: &[(&str, &str, &str)] = &[(
    "voice 2021 -> 2026",
    "Region::",
    "the general mode's `Region` lists the description's servers in their order, and the 2026 \
     description moves the global server first, so the variants' implicit discriminants change \
     (`enum_no_repr_variant_discriminant_changed`, seen only through `as` casts); the report \
     compares servers as sets of hosts, and the SDK's regions come from the manifest, whose \
     order is unchanged",
)];

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

/// Writes the crate generated from `spec` to `dir` as version 1.0.0 of `sdk`. The description is
/// read as `dir/spec/<name>.yaml`, so both versions make the same module.
fn write_crate(spec: &Path, name: &str, dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    let copy = dir.join("spec").join(format!("{name}.yaml"));
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    std::fs::copy(spec, &copy).unwrap();
    let out = generator::generate_standalone(&copy, "sdk").unwrap_or_else(|e| panic!("{e}"));
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
        } else if line.trim().starts_with("--- ") {
            // A warning (a change that needs no new version under the requested release type).
            lint = None;
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
    let mut out: Vec<String> = item
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && *w != "Client")
        .map(str::to_string)
        .collect();
    // A module or accessor (`mod sdk::api::stock`, `Client::stock`): its last segment.
    if let Some(last) = item.split_whitespace().last().and_then(|p| p.rsplit("::").next())
        && last.chars().next().is_some_and(|c| c.is_ascii_lowercase())
    {
        out.push(last.to_string());
    }
    out
}

fn breaking_text(report: &Report) -> String {
    report
        .changes
        .iter()
        .filter(|c| c.class == Class::Breaking)
        .map(|c| {
            format!(
                "{} {} {} {}\n",
                c.rust.as_deref().unwrap_or(""),
                c.openapi,
                c.detail.as_deref().unwrap_or(""),
                c.reason
            )
        })
        .collect()
}

/// Letters and digits only, lowercase: `NumberService_ListActiveNumbers` and
/// `NumberServiceListActiveNumbersCall` meet as `numberservicelistactivenumbers…`.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What each breaking change names, squashed: its Rust item (`CalloutResponse.action`,
/// `Verifications::start`) and its OpenAPI operation id or schema (`StartVerification`).
fn breaking_names(report: &Report) -> Vec<String> {
    report
        .changes
        .iter()
        .filter(|c| c.class == Class::Breaking)
        .flat_map(|c| {
            let openapi = c.openapi.split(" (").next().unwrap_or(&c.openapi);
            // A rename's detail holds the old name (`Items::delete -> Items::remove`).
            let before = c.detail.as_deref().and_then(|d| d.split(" -> ").next()).map(squash);
            [c.rust.as_deref().map(squash), Some(squash(openapi)), before]
        })
        .flatten()
        .filter(|n| n.len() >= 5)
        .collect()
}

/// Whether the report names `name` (a type, module or method semver-checks reports): the item
/// itself; a type the generator names after a breaking change's type and field or operation
/// (`CalloutResponseAction` for `CalloutResponse.action`, `StartVerificationCall` for the
/// operation `StartVerification`); or an operation group whose operations the report names
/// (`mod verifications`, `Client::verifications` for `Verifications::start`).
fn named(name: &str, ours: &str, names: &[String]) -> bool {
    if ours.contains(name) {
        return true;
    }
    let n = squash(name);
    n.len() >= 5
        && names
            .iter()
            .any(|r| n.starts_with(r.as_str()) || r.starts_with(n.as_str()))
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
        let module = key.clone().unwrap_or_else(|| "api".to_string()).replace('-', "_");
        write_crate(&old, &module, &dir.join("old"));
        write_crate(&new, &module, &dir.join("new"));
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
        // The lints and their items are on stdout; progress is on stderr.
        let found = failures(&String::from_utf8_lossy(&out.stdout));
        let semver_breaking = !out.status.success();
        if semver_breaking && found.is_empty() {
            panic!("{name}: cargo semver-checks failed without a lint:\n{text}");
        }
        let ours = breaking_text(&report);
        let breaking = breaking_names(&report);
        let mut unmatched = BTreeSet::new();
        for (lint, item) in &found {
            let hit = names(item).iter().any(|n| named(n, &ours, &breaking));
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
