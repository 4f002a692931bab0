//! Running the crate's examples from its tests, as users run them.

use std::path::PathBuf;

/// The built example `name`. Cargo builds examples beside the test binaries only when no
/// target is named (`cargo test -p sinch-sdk`) or when asked (`cargo build --example`): run
/// alone, `cargo test --test examples_e2e` runs whatever example an earlier build left there.
pub fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let path = exe.parent().unwrap().parent().unwrap().join("examples").join(name);
    assert!(path.is_file(), "example {name} is not built at {}", path.display());
    path
}

/// Runs example `name` with only `env` in its environment: (stdout trimmed, stderr, success).
#[allow(dead_code)] // not every test that starts an example waits for it to finish
pub async fn run(name: &str, env: &[(&str, String)]) -> (String, String, bool) {
    let mut cmd = std::process::Command::new(example(name));
    cmd.env_clear();
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).trim().to_string(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}
