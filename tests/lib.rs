//! Fixtures for the generator's tests: small descriptions under `fixtures/`, one construct
//! each, with their expected output in `snapshots/` and behaviour tests in
//! `fixture_behaviour.rs` that run against the compiled output.

use std::path::PathBuf;

/// The fixture descriptions, sorted by name.
pub fn fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    out.sort();
    out
}

/// One fixture by name.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(format!("{name}.yaml"))
}

/// The generator's output as a snapshot: its warnings, then every API module file. The runtime
/// and crate scaffolding are the same for every fixture and left out.
pub fn render(out: &generator::Output) -> String {
    use std::fmt::Write;
    let mut text = String::new();
    for w in &out.warnings {
        writeln!(text, "// warning: #{}: {}", w.pointer, w.message).unwrap();
    }
    for (path, contents) in &out.files {
        let p = path.to_string_lossy();
        if p.starts_with("src/runtime") || p == "src/lib.rs" || p == "Cargo.toml" {
            continue;
        }
        writeln!(text, "// ===== {p} =====").unwrap();
        text.push_str(contents);
    }
    text
}
