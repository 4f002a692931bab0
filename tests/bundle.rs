//! A description split over several files (`fixtures/multifile/`, OpenAPI 3.1): it is bundled
//! into one document, its output is snapshotted like the other fixtures, and the crate compiles
//! warning-free.

use std::path::PathBuf;
use std::process::Command;

fn spec() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/multifile/openapi.yaml")
}

#[test]
fn multifile_output() {
    let out = generator::generate_fixtures(&[spec()], "multifile").unwrap_or_else(|e| panic!("{e}"));
    let text = generator_tests::render(&out);
    insta::assert_snapshot!(text);
}

#[test]
fn multifile_bundles_every_file_once_into_components() {
    let mut warnings = generator::diag::Warnings::default();
    let doc = generator::load_description(&spec(), &mut warnings).unwrap_or_else(|e| panic!("{e}"));
    let components = doc.components.expect("components");
    let schemas: Vec<&str> = components.schemas.keys().map(String::as_str).collect();
    // Root components keep their names; referenced files are named by stem or fragment; the
    // `$defs` a file refers to locally is one component, not two.
    assert_eq!(
        schemas,
        [
            "Contact",
            "Channel",
            "Address",
            "Owner",
            "Error",
            "ContactChangedPayload"
        ]
    );
    assert_eq!(components.responses.keys().collect::<Vec<_>>(), ["NotFound"]);
    assert_eq!(components.parameters.keys().collect::<Vec<_>>(), ["PageSize"]);
    assert_eq!(doc.paths.paths.len(), 2);
    assert!(doc.extensions.contains_key("x-webhooks"));
}

#[test]
fn a_missing_file_is_reported_where_it_is_referenced() {
    let dir = std::env::temp_dir().join(format!("multifile-missing-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("paths")).unwrap();
    std::fs::write(
        dir.join("openapi.yaml"),
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a: {$ref: paths/a.yaml}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("paths/a.yaml"),
        "get:\n  responses:\n    '404': {$ref: ../responses/Gone.yaml}\n",
    )
    .unwrap();
    let mut warnings = generator::diag::Warnings::default();
    let e = generator::load_description(&dir.join("openapi.yaml"), &mut warnings).unwrap_err();
    let _ = std::fs::remove_dir_all(&dir);
    let text = e.to_string();
    assert!(text.contains("paths/a.yaml#/get/responses/404/$ref"), "{text}");
    assert!(text.contains("../responses/Gone.yaml"), "{text}");
}

#[test]
fn multifile_compiles_warning_free() {
    let out = generator::generate_fixtures(&[spec()], "multifile").unwrap_or_else(|e| panic!("{e}"));
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("multifile-crate");
    let _ = std::fs::remove_dir_all(&dir);
    for (rel, text) in &out.files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(here.join("../Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    // Shares the fixtures' target directory, so dependencies are built once.
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fixtures-target");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["build", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the multi-file crate failed:\n{stderr}");
}
