//! The generator binary end to end, on a scratch manifest, mirror and output directory:
//! bad inputs fail with one clear message naming the file and place, `--check` lists what
//! would change, and a failed run leaves the output exactly as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::GOOD;

struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new(spec: &str) -> Scratch {
        let s = Scratch {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir_all(s.mirror()).unwrap();
        s.set_spec(spec);
        s
    }
    fn mirror(&self) -> PathBuf {
        self.dir.path().join("mirror")
    }
    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }
    fn manifest(&self) -> PathBuf {
        self.dir.path().join("manifest.toml")
    }
    /// Writes the description and a manifest that pins it.
    fn set_spec(&self, spec: &str) {
        std::fs::write(self.mirror().join("tiny.yaml"), spec).unwrap();
        let sha = generator::source::sha256_hex(spec.as_bytes());
        self.write_manifest(&sha);
    }
    fn write_manifest(&self, sha: &str) {
        let manifest = format!(
            "[[api]]\nkey = \"tiny\"\nmodule = \"tiny\"\ntitle = \"Tiny\"\nurl = \"https://tiny.test/tiny.yaml\"\nsha256 = \"{sha}\"\nauth = [\"basic\"]\nregions = [{{ name = \"global\", url = \"https://tiny.test\" }}]\n"
        );
        std::fs::write(self.manifest(), manifest).unwrap();
    }
    fn run(&self, extra: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_generator"))
            .arg("--manifest")
            .arg(self.manifest())
            .arg("--out")
            .arg(self.out())
            .arg("--mirror")
            .arg(self.mirror())
            .args(extra)
            .env_remove("SINCH_SPECS_MIRROR")
            .output()
            .unwrap()
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, root, out);
            } else {
                out.insert(p.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Runs with a bad description; asserts the failure and that nothing under out/ changed.
fn fails_cleanly(spec: &str, expected: &[&str]) -> String {
    let s = Scratch::new(GOOD);
    assert!(s.run(&[]).status.success());
    std::fs::write(s.out().join("src/hand-written.rs"), "// mine\n").unwrap();
    let before = snapshot(&s.out());
    s.set_spec(spec);
    let o = s.run(&[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for e in expected {
        assert!(err.contains(e), "expected `{e}` in:\n{err}");
    }
    assert!(
        err.lines().filter(|l| l.starts_with("error:")).count() == 1,
        "one error message:\n{err}"
    );
    assert_eq!(before, snapshot(&s.out()), "a failed run changed the output");
    err
}

#[test]
fn generates_then_is_up_to_date_then_detects_drift() {
    let s = Scratch::new(GOOD);
    let o = s.run(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(s.out().join("apis/tiny/src/default.rs").is_file());
    let text = std::fs::read_to_string(s.out().join("apis/tiny/src/default.rs")).unwrap();
    assert!(text.contains("#[doc(alias = \"GetThing\")]"));

    let first = snapshot(&s.out());
    assert!(s.run(&[]).status.success());
    assert_eq!(first, snapshot(&s.out()), "a second run changes nothing");
    assert!(s.run(&["--check"]).status.success());

    std::fs::write(s.out().join("apis/tiny/src/types.rs"), "// edited\n").unwrap();
    std::fs::write(
        s.out().join("apis/tiny/src/gone.rs"),
        format!("// {}\n", generator::emit::MARKER),
    )
    .unwrap();
    let o = s.run(&["--check"]);
    assert_eq!(o.status.code(), Some(1));
    let listed = String::from_utf8_lossy(&o.stdout);
    assert!(listed.contains("apis/tiny/src/types.rs"), "{listed}");
    assert!(listed.contains("apis/tiny/src/gone.rs (would be removed)"), "{listed}");
    assert_eq!(
        std::fs::read_to_string(s.out().join("apis/tiny/src/types.rs")).unwrap(),
        "// edited\n",
        "--check writes nothing"
    );

    assert!(s.run(&[]).status.success());
    assert_eq!(
        first,
        snapshot(&s.out()),
        "regenerating restores the output and removes stale files"
    );
}

#[test]
fn kept_renderings_give_the_same_files_and_never_outlive_their_model() {
    let s = Scratch::new(GOOD);
    let cache = s.dir.path().join("rendered");
    let kept = ["--render-cache", cache.to_str().unwrap()];
    let fresh_run = |extra: &[&str]| {
        let _ = std::fs::remove_dir_all(s.out());
        let o = s.run(extra);
        assert!(o.status.success(), "{}", stderr(&o));
        snapshot(&s.out())
    };
    let cold = fresh_run(&["--no-cache"]);
    assert!(!cache.exists(), "--no-cache keeps nothing");
    assert_eq!(cold, fresh_run(&kept), "the run that fills the cache");
    let entry = cache.join("tiny.rendered");
    let stored = std::fs::read(&entry).unwrap();
    assert_eq!(cold, fresh_run(&kept), "the run that reads it");

    // A damaged entry (same length, one file's text changed) is rendered again and replaced.
    let damaged = String::from_utf8(stored.clone())
        .unwrap()
        .replacen("GetThing", "GetThang", 1);
    assert_ne!(damaged.as_bytes(), stored.as_slice());
    std::fs::write(&entry, &damaged).unwrap();
    // The whole run's entry holds the same files; without it the API's entry is read.
    let whole = cache.join("sdk.output");
    let whole_stored = std::fs::read(&whole).unwrap();
    std::fs::remove_file(&whole).unwrap();
    assert_eq!(cold, fresh_run(&kept), "a damaged entry is not used");
    assert_eq!(std::fs::read(&entry).unwrap(), stored);
    assert_eq!(
        std::fs::read(&whole).unwrap(),
        whole_stored,
        "the same run is kept again"
    );

    // A damaged whole run is not used either.
    let text = String::from_utf8(whole_stored).unwrap();
    std::fs::write(&whole, text.replacen("GetThing", "GetThang", 1)).unwrap();
    assert_eq!(cold, fresh_run(&kept), "a damaged whole run is not used");

    // A changed description changes the model: its files are rendered, not taken from the cache.
    s.set_spec(&GOOD.replace("GetThing", "FetchThing"));
    let changed = fresh_run(&kept);
    let text = String::from_utf8(changed[Path::new("apis/tiny/src/default.rs")].clone()).unwrap();
    assert!(text.contains("#[doc(alias = \"FetchThing\")]"), "{text}");
    assert_eq!(changed, fresh_run(&["--no-cache"]));
}

#[test]
fn malformed_yaml_names_the_line() {
    let bad = GOOD.replace("paths:\n", "paths:\n  /x: [unclosed\n");
    fails_cleanly(&bad, &["tiny.yaml:", "not valid YAML"]);
}

#[test]
fn dangling_ref_names_the_pointer() {
    let bad = GOOD.replace("#/components/schemas/Thing'", "#/components/schemas/Nothing'");
    fails_cleanly(
        &bad,
        &[
            "tiny.yaml#/paths/~1things~1{id}/get/responses/200/content/application~1json/schema/$ref",
            "#/components/schemas/Nothing",
        ],
    );
}

#[test]
fn a_reference_cycle_with_no_content_names_both_places() {
    let bad = GOOD.replace(
        "    Thing: {type: object, properties: {id: {type: string}}}",
        "    Thing: {$ref: '#/components/schemas/Other'}\n    Other: {$ref: '#/components/schemas/Thing'}",
    );
    fails_cleanly(
        &bad,
        &[
            "a cycle of references with no content",
            "#/components/schemas/Other",
            "#/components/schemas/Thing",
        ],
    );
}

#[test]
fn duplicate_operation_id_is_a_warning_naming_both_places() {
    let bad = GOOD.replace(
        "components:",
        "  /other:\n    get:\n      operationId: GetThing\n      responses: {\"200\": {description: ok}}\ncomponents:",
    );
    let s = Scratch::new(&bad);
    let o = s.run(&["-v"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    for e in [
        "warning: ",
        "tiny.yaml#/paths/~1other/get/operationId",
        "duplicate operationId `GetThing` (first at #/paths/~1things~1{id}/get)",
        "`GetThing_get_other`",
    ] {
        assert!(err.contains(e), "expected `{e}` in:\n{err}");
    }
    let text = std::fs::read_to_string(s.out().join("apis/tiny/src/default.rs")).unwrap();
    assert!(text.contains("#[doc(alias = \"GetThing_get_other\")]"), "{text}");
}

#[test]
fn missing_description_names_the_file() {
    let s = Scratch::new(GOOD);
    std::fs::remove_file(s.mirror().join("tiny.yaml")).unwrap();
    let o = s.run(&[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("tiny.yaml") && err.contains("missing from the mirror"),
        "{err}"
    );
    assert!(!s.out().exists(), "nothing written");
}

#[test]
fn pin_mismatch_says_how_to_accept() {
    let s = Scratch::new(GOOD);
    s.write_manifest("0000");
    let o = s.run(&[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let actual = generator::source::sha256_hex(GOOD.as_bytes());
    assert!(err.contains(&format!("set sha256 = \"{actual}\"")), "{err}");
}

#[test]
fn malformed_manifest_names_the_line() {
    let s = Scratch::new(GOOD);
    std::fs::write(s.manifest(), "[[api]]\nkey = \"tiny\"\nmodule = 3\n").unwrap();
    let o = s.run(&[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("manifest.toml:3:"), "{err}");
}

#[test]
fn the_real_mirror_generates_deterministically() {
    let mirror = shared_specs();
    let mut config = generator::Config::workspace();
    config.mirror = Some(mirror);
    let a = generator::generate(&config).unwrap_or_else(|e| panic!("{e}"));
    let b = generator::generate(&config).unwrap();
    assert_eq!(a.files, b.files);
    assert_eq!(a.operations, OPERATIONS + ADDED_BY_FIXES);
}

/// Operations in the manifest's descriptions: the 26 single-file ones (691) and Engage (73).
const OPERATIONS: usize = 764;

/// Operations the manifest's fixes add where a description leaves them out (SMS's list of
/// delivery reports and its delivery feedback).
const ADDED_BY_FIXES: usize = 2;

fn shared_specs() -> PathBuf {
    let mirror = PathBuf::from(
        std::env::var_os("SINCH_SPECS_MIRROR")
            .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/specs").into()),
    );
    assert!(
        mirror.is_dir(),
        "the Sinch mirror is needed at {} (set SINCH_SPECS_MIRROR)",
        mirror.display()
    );
    mirror
}

#[test]
fn every_operation_id_is_a_doc_alias_in_the_committed_sdk() {
    let config = generator::Config::workspace();
    let manifest = generator::manifest::Manifest::load(&config.manifest).unwrap();
    let mut aliases = String::new();
    for api in &manifest.api {
        // Each API is a crate of its own under `apis/`.
        for entry in std::fs::read_dir(config.out.join("apis").join(&api.module).join("src")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            // prettyplease breaks long attributes over lines.
            aliases.extend(text.chars().filter(|c| !c.is_whitespace()));
        }
    }
    let mut count = 0;
    for api in &manifest.api {
        let path = generator::source::in_mirror(&shared_specs(), &api.key).unwrap();
        let doc = generator::normalised_json(&path).unwrap();
        for item in doc["paths"].as_object().unwrap().values() {
            for op in item.as_object().unwrap().values() {
                if let Some(id) = op.get("operationId").and_then(|v| v.as_str()) {
                    count += 1;
                    // Where the method's own name is the operation id, rustc forbids the alias.
                    let squashed = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                    let found = aliases.contains(&squashed(&format!("#[doc(alias = \"{id}\")]")))
                        || aliases.contains(&format!("pubfn{id}("));
                    assert!(found, "{}: no alias for {id}", api.key);
                }
            }
        }
    }
    assert_eq!(count, OPERATIONS, "operation ids in the manifest's descriptions");
}

/// Serves one file over HTTP on loopback, once.
fn serve_once(body: &'static str) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/tiny.yaml", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let (mut sock, _) = listener.accept().unwrap();
        let mut buf = [0u8; 4096];
        let _ = sock.read(&mut buf).unwrap();
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        );
        sock.write_all(head.as_bytes()).unwrap();
        sock.write_all(body.as_bytes()).unwrap();
    });
    url
}

#[test]
fn without_a_mirror_descriptions_are_downloaded_and_pinned() {
    let s = Scratch::new(GOOD);
    let url = serve_once(GOOD);
    let manifest = std::fs::read_to_string(s.manifest())
        .unwrap()
        .replace("https://tiny.test/tiny.yaml", &url);
    std::fs::write(s.manifest(), manifest).unwrap();
    let mut config = generator::Config::workspace();
    config.manifest = s.manifest();
    config.out = s.out();
    config.mirror = None;
    config.cache = s.dir.path().join("cache");
    let out = generator::generate(&config).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.operations, 1);
    assert_eq!(std::fs::read_to_string(config.cache.join("tiny.yaml")).unwrap(), GOOD);
}
