//! Robustness: every description under ../shared/corpus (older Sinch copies, third-party
//! OpenAPI 3.1 approximations) generates in the general mode, and every generated crate
//! compiles without warnings. Prints how many of how many, and each failure with its reason.
//!
//! The crates are built together as one temporary workspace with `--keep-going`, so one
//! failure does not hide the others and dependencies are compiled once: the corpus runner's
//! library (`generator::corpus`, also `cargo run -p generator --bin corpus -- DIR`).

use generator::corpus::{self, Options, Outcome};
use std::path::{Path, PathBuf};
use std::time::Duration;

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

#[test]
fn every_corpus_description_generates_and_compiles() {
    let corpus = corpus_dir();
    let opts = Options {
        scratch: PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("corpus"),
        cargo: Some("build"),
        deny_warnings: true,
        timeout: Duration::from_secs(300),
        lockfile: Some(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.lock"))),
        filter: None,
        jobs: None,
    };
    let rows =
        corpus::run(&corpus, &opts, &mut |line| eprintln!("{line}")).expect("the scratch workspace can be written");
    assert!(!rows.is_empty(), "no descriptions under {}", corpus.display());
    let report = corpus::report(&corpus, &rows, true);
    println!("{report}");
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::NotGenerated(e) => Some(format!("{}: does not generate: {e}", r.krate)),
            Outcome::NotCompiled { errors, first } => Some(format!(
                "{}: does not compile ({errors} messages), first: {first}",
                r.krate
            )),
            Outcome::Generated => Some(format!("{}: was not built (see cargo's output above)", r.krate)),
            Outcome::Compiled { .. } => None,
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} corpus descriptions fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}
