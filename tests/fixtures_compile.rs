//! Every fixture's output compiles, warning-free, as one crate, and behaves as the
//! behaviour tests in `fixture_behaviour.rs` expect (run inside that crate).

use std::path::PathBuf;
use std::process::Command;

#[test]
fn fixtures_compile_and_behave() {
    let out = generator::generate_fixtures(&generator_tests::fixtures(), "fixtures").unwrap_or_else(|e| panic!("{e}"));
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fixtures-crate");
    let _ = std::fs::remove_dir_all(&dir);
    for (rel, text) in &out.files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text = if rel.as_os_str() == "Cargo.toml" {
            format!(
                "{text}\n[dev-dependencies]\ntokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"net\", \"io-util\"] }}\n"
            )
        } else {
            text.clone()
        };
        std::fs::write(&path, text).unwrap();
    }
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    std::fs::copy(here.join("fixture_behaviour.rs"), dir.join("tests/behaviour.rs")).unwrap();
    // The workspace's lock file pins the same dependency versions the SDK is tested with.
    std::fs::copy(here.join("../Cargo.lock"), dir.join("Cargo.lock")).unwrap();

    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fixtures-target");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // The runtime's unit tests run here too, where the runtime is a module of the crate (and
    // `#[rustfmt::skip]`, which makes its macros "macro-expanded" to rustc); their signature
    // vectors are in the Sinch mirror's sibling `vectors/`.
    let mirror = std::env::var_os("SINCH_SPECS_MIRROR")
        .map(PathBuf::from)
        .unwrap_or_else(|| here.join("../../shared/specs"));
    let output = Command::new(cargo)
        .args(["test", "--lib", "--test", "behaviour", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .env("SINCH_SPECS_MIRROR", &mirror)
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the fixture crate failed:\n{stdout}\n{stderr}");
    assert!(
        stdout.contains("test result: ok"),
        "no tests ran in the fixture crate:\n{stdout}"
    );
    println!("{stdout}");
}
