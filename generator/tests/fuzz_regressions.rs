//! Every input the fuzzer (`cargo run --release -p generator --bin fuzz`) found to panic, hang
//! or overflow the stack, kept under `tests/fuzz/`: each must now give output or an error.

use std::path::PathBuf;

#[test]
fn fuzz_findings_no_longer_panic() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // The generator's own stack: the main thread's 8 MiB.
        let path = file.clone();
        let result = std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(move || generator::fuzz::run_case(&path, &text))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(result, Ok(()), "{}", file.display());
    }
}
