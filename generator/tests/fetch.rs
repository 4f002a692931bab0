//! `generator fetch` against a tiny HTTP server on loopback: a verified download, a checksum
//! mismatch, a server that goes silent, a connection cut halfway through the body, retries,
//! `--update` (change report, only the pin's line of the manifest rewritten), and copies from a
//! mirror. Whatever fails, neither the cached file nor a `.part` file may be left behind.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;
use common::GOOD;

/// GOOD with a new optional response field, a new required request parameter, and a new
/// operation.
const NEW: &str = r#"openapi: 3.0.3
info: {title: Tiny, version: "2"}
servers: [{url: "https://tiny.test"}]
paths:
  /things/{id}:
    get:
      operationId: GetThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: region, in: query, required: true, schema: {type: string}}
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
  /things:
    get:
      operationId: ListThings
      responses:
        "200": {description: ok}
components:
  schemas:
    Thing: {type: object, properties: {id: {type: string}, colour: {type: string}}}
"#;

fn sha(text: &str) -> String {
    generator::source::sha256_hex(text.as_bytes())
}

/// What the server does with one request.
#[derive(Clone)]
enum Reply {
    Body(Vec<u8>),
    Status(u16),
    /// Reads the request and answers nothing.
    Stall,
    /// Sends the headers and the first `sent` bytes of the body, then goes silent.
    StallBody {
        body: Vec<u8>,
        sent: usize,
    },
    /// Promises the whole body (Content-Length), sends the first `sent` bytes, then closes.
    Cut {
        body: Vec<u8>,
        sent: usize,
    },
}

/// A loopback HTTP server: per path, the replies to its successive requests (the last one
/// repeats), and how many requests each path got.
struct Server {
    addr: SocketAddr,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl Server {
    fn start(routes: Vec<(&str, Vec<Reply>)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let routes: Arc<HashMap<String, Vec<Reply>>> =
            Arc::new(routes.into_iter().map(|(p, r)| (p.to_string(), r)).collect());
        let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
        let h = hits.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (routes, hits) = (routes.clone(), h.clone());
                std::thread::spawn(move || handle(stream, &routes, &hits));
            }
        });
        Server { addr, hits }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

fn handle(mut stream: TcpStream, routes: &HashMap<String, Vec<Reply>>, hits: &Mutex<HashMap<String, usize>>) {
    let mut request = Vec::new();
    let mut buf = [0u8; 1024];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&request);
    let path = text.split_whitespace().nth(1).unwrap_or("/").to_string();
    let n = {
        let mut hits = hits.lock().unwrap();
        let n = hits.entry(path.clone()).or_default();
        *n += 1;
        *n - 1
    };
    let reply = match routes.get(&path) {
        Some(replies) => replies[n.min(replies.len() - 1)].clone(),
        None => Reply::Status(404),
    };
    let head = |len: usize| {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/yaml\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n"
        )
    };
    match reply {
        Reply::Body(body) => {
            let _ = stream.write_all(head(body.len()).as_bytes());
            let _ = stream.write_all(&body);
        }
        Reply::Status(code) => {
            let _ = stream.write_all(
                format!("HTTP/1.1 {code} Nope\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").as_bytes(),
            );
        }
        Reply::Stall => std::thread::sleep(Duration::from_secs(30)),
        Reply::StallBody { body, sent } => {
            let _ = stream.write_all(head(body.len()).as_bytes());
            let _ = stream.write_all(&body[..sent]);
            let _ = stream.flush();
            std::thread::sleep(Duration::from_secs(30));
        }
        Reply::Cut { body, sent } => {
            let _ = stream.write_all(head(body.len()).as_bytes());
            let _ = stream.write_all(&body[..sent]);
            let _ = stream.flush();
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
    }
}

const MANIFEST: &str = r#"# A scratch manifest.
# Comments and layout must survive `fetch --update`.

[[api]]
key = "tiny"
module = "tiny"
title = "Tiny"
url = "URL_TINY"
sha256 = "PIN_TINY"   # the pinned version
auth = ["basic"]
regions = [{ name = "global", url = "https://tiny.test" }]

[[api]]
key = "other"
module = "other"
title = "Other"
url = "URL_OTHER"
sha256 = "PIN_OTHER"
auth = ["basic"]
regions = [{ name = "global", url = "https://other.test" }]
"#;

struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    /// A manifest pinning `tiny` to `pin` at the server's `/tiny.yaml`, and `other` to GOOD at
    /// `/other.yaml`.
    fn new(server: &Server, pin: &str) -> Scratch {
        let s = Scratch {
            dir: tempfile::tempdir().unwrap(),
        };
        let text = MANIFEST
            .replace("URL_TINY", &server.url("/tiny.yaml"))
            .replace("URL_OTHER", &server.url("/other.yaml"))
            .replace("PIN_TINY", pin)
            .replace("PIN_OTHER", &sha(GOOD));
        std::fs::write(s.manifest(), text).unwrap();
        s
    }
    fn manifest(&self) -> PathBuf {
        self.dir.path().join("manifest.toml")
    }
    fn cache(&self) -> PathBuf {
        self.dir.path().join("cache")
    }
    fn cached(&self, key: &str) -> PathBuf {
        self.cache().join(format!("{key}.yaml"))
    }
    fn fetch(&self, extra: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_generator"))
            .arg("fetch")
            .arg("--manifest")
            .arg(self.manifest())
            .arg("--cache")
            .arg(self.cache())
            .args(["--timeout-secs", "0.5"])
            .args(if extra.contains(&"--retries") {
                &[][..]
            } else {
                &["--retries", "1"][..]
            })
            .args(extra)
            .env_remove("SINCH_SPECS_MIRROR")
            .env_remove("HTTP_PROXY")
            .env_remove("http_proxy")
            .env_remove("HTTPS_PROXY")
            .env_remove("https_proxy")
            .env_remove("ALL_PROXY")
            .env_remove("all_proxy")
            .output()
            .unwrap()
    }
    /// Files under the cache whose name ends in `.part` (or folders named so).
    fn parts(&self) -> Vec<PathBuf> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.to_string_lossy().ends_with(".part") {
                    out.push(p.clone());
                }
                if p.is_dir() {
                    walk(&p, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.cache(), &mut out);
        out
    }
    fn assert_nothing_left(&self, key: &str) {
        assert!(
            !self.cached(key).exists(),
            "{} was left behind",
            self.cached(key).display()
        );
        assert!(self.parts().is_empty(), "partial files left behind: {:?}", self.parts());
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn downloads_and_verifies_the_pin() {
    let server = Server::start(vec![
        ("/tiny.yaml", vec![Reply::Body(GOOD.into())]),
        ("/other.yaml", vec![Reply::Body(GOOD.into())]),
    ]);
    let s = Scratch::new(&server, &sha(GOOD));
    let out = s.fetch(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    for key in ["tiny", "other"] {
        assert_eq!(std::fs::read_to_string(s.cached(key)).unwrap(), GOOD);
    }
    let err = stderr(&out);
    assert!(err.contains("tiny: received"), "no progress line: {err}");
    assert!(err.contains("matches its pin"), "{err}");
    assert!(s.parts().is_empty());
    // The cache is laid out like a mirror: the generator can read it with --mirror.
    assert_eq!(
        generator::source::in_mirror(&s.cache(), "tiny").unwrap(),
        s.cached("tiny")
    );
}

#[test]
fn one_key_only() {
    let server = Server::start(vec![("/tiny.yaml", vec![Reply::Body(GOOD.into())])]);
    let s = Scratch::new(&server, &sha(GOOD));
    let out = s.fetch(&["tiny"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(s.cached("tiny").exists());
    assert_eq!(server.hits("/other.yaml"), 0);
    assert!(!s.cached("other").exists());

    let out = s.fetch(&["nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no API with key `nope` (keys: tiny, other)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn checksum_mismatch_writes_nothing_and_says_how_to_accept() {
    let server = Server::start(vec![("/tiny.yaml", vec![Reply::Body(NEW.into())])]);
    let s = Scratch::new(&server, &sha(GOOD));
    let before = std::fs::read_to_string(s.manifest()).unwrap();
    let out = s.fetch(&["tiny"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(&format!("has sha256 {}", sha(NEW))), "{err}");
    assert!(err.contains(&format!("pins `tiny` to {}", sha(GOOD))), "{err}");
    assert!(err.contains("fetch --update tiny"), "{err}");
    s.assert_nothing_left("tiny");
    assert_eq!(std::fs::read_to_string(s.manifest()).unwrap(), before);

    // With the pinned version already cached, a mismatching download leaves it as it was.
    std::fs::write(s.cached("tiny"), GOOD).unwrap();
    let out = s.fetch(&["tiny"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(s.cached("tiny")).unwrap(), GOOD);
    assert!(s.parts().is_empty());
}

#[test]
fn a_silent_server_times_out_after_retrying() {
    let server = Server::start(vec![("/tiny.yaml", vec![Reply::Stall])]);
    let s = Scratch::new(&server, &sha(GOOD));
    let start = Instant::now();
    let out = s.fetch(&["tiny"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(start.elapsed() < Duration::from_secs(10), "took {:?}", start.elapsed());
    let err = stderr(&out);
    assert!(err.contains("timed out"), "{err}");
    assert!(err.contains("retrying"), "{err}");
    assert!(err.contains("after 2 attempts"), "{err}");
    assert_eq!(server.hits("/tiny.yaml"), 2);
    s.assert_nothing_left("tiny");
}

#[test]
fn a_server_that_stops_mid_body_times_out() {
    let body: Vec<u8> = GOOD.into();
    let sent = body.len() / 2;
    let server = Server::start(vec![("/tiny.yaml", vec![Reply::StallBody { body, sent }])]);
    let s = Scratch::new(&server, &sha(GOOD));
    let out = s.fetch(&["tiny"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("timed out"), "{err}");
    assert_eq!(server.hits("/tiny.yaml"), 2);
    s.assert_nothing_left("tiny");
}

#[test]
fn an_interrupted_download_leaves_nothing() {
    let body: Vec<u8> = GOOD.into();
    let sent = body.len() / 2;
    let server = Server::start(vec![("/tiny.yaml", vec![Reply::Cut { body, sent }])]);
    let s = Scratch::new(&server, &sha(GOOD));
    let out = s.fetch(&["tiny"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("closed after") || err.contains("broke after"),
        "the error should say the connection ended early: {err}"
    );
    assert_eq!(server.hits("/tiny.yaml"), 2);
    s.assert_nothing_left("tiny");
}

#[test]
fn retries_after_server_errors_and_cut_connections() {
    let body: Vec<u8> = GOOD.into();
    let server = Server::start(vec![(
        "/tiny.yaml",
        vec![
            Reply::Status(503),
            Reply::Cut {
                body: body.clone(),
                sent: 10,
            },
            Reply::Body(body),
        ],
    )]);
    let s = Scratch::new(&server, &sha(GOOD));
    let out = s.fetch(&["tiny", "--retries", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(server.hits("/tiny.yaml"), 3);
    assert_eq!(std::fs::read_to_string(s.cached("tiny")).unwrap(), GOOD);
    assert!(s.parts().is_empty());
}

#[test]
fn not_found_is_not_retried_and_other_apis_still_fetch() {
    let server = Server::start(vec![("/other.yaml", vec![Reply::Body(GOOD.into())])]);
    let s = Scratch::new(&server, &sha(GOOD));
    let out = s.fetch(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("HTTP 404"), "{}", stderr(&out));
    assert_eq!(server.hits("/tiny.yaml"), 1);
    s.assert_nothing_left("tiny");
    assert_eq!(std::fs::read_to_string(s.cached("other")).unwrap(), GOOD);
}

#[test]
fn update_reports_changes_and_rewrites_only_that_pin() {
    let server = Server::start(vec![("/tiny.yaml", vec![Reply::Body(NEW.into())])]);
    let s = Scratch::new(&server, &sha(GOOD));
    std::fs::create_dir_all(s.cache()).unwrap();
    std::fs::write(s.cached("tiny"), GOOD).unwrap();
    let before = std::fs::read_to_string(s.manifest()).unwrap();

    let out = s.fetch(&["tiny", "--update"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("API change report: Tiny"), "{report}");
    assert!(report.contains("1 breaking, 2 additive"), "{report}");
    assert!(
        report.contains("added (required): Default::get_thing(region)")
            || report.contains("added (required): DefaultOperations::get_thing(region)"),
        "{report}"
    );
    assert!(report.contains("added (optional): Thing.colour"), "{report}");
    assert!(stderr(&out).contains(&format!("changed from {} to {}", sha(GOOD), sha(NEW))));
    assert_eq!(std::fs::read_to_string(s.cached("tiny")).unwrap(), NEW);
    assert!(s.parts().is_empty());

    // Only the pin line of `tiny` changed, and only its value.
    let after = std::fs::read_to_string(s.manifest()).unwrap();
    let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    assert_eq!(b.len(), a.len());
    let changed: Vec<usize> = (0..b.len()).filter(|&i| b[i] != a[i]).collect();
    assert_eq!(changed.len(), 1, "{after}");
    let i = changed[0];
    assert_eq!(b[i], format!("sha256 = \"{}\"   # the pinned version", sha(GOOD)));
    assert_eq!(a[i], format!("sha256 = \"{}\"   # the pinned version", sha(NEW)));
    assert_eq!(after.ends_with('\n'), before.ends_with('\n'));

    // Now the new version is the pinned one.
    let out = s.fetch(&["tiny"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn update_as_json_and_without_a_previous_version() {
    let server = Server::start(vec![("/tiny.yaml", vec![Reply::Body(NEW.into())])]);
    let s = Scratch::new(&server, &sha(GOOD));
    // Nothing cached: the pin is accepted, but there is nothing to compare with.
    let out = s.fetch(&["tiny", "--update"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("no previous version"), "{}", stderr(&out));
    assert!(std::fs::read_to_string(s.manifest()).unwrap().contains(&sha(NEW)));

    // With a previous version, --json prints the reports as a JSON array.
    std::fs::write(s.cached("tiny"), GOOD).unwrap();
    let text = std::fs::read_to_string(s.manifest())
        .unwrap()
        .replace(&sha(NEW), &sha(GOOD));
    std::fs::write(s.manifest(), text).unwrap();
    let out = s.fetch(&["tiny", "--update", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["api"], "tiny");
    assert_eq!(v[0]["breaking"], 1);
    assert_eq!(v[0]["additive"], 2);
}

#[test]
fn update_refuses_a_version_that_does_not_load() {
    let server = Server::start(vec![("/tiny.yaml", vec![Reply::Body(b"openapi: [".to_vec())])]);
    let s = Scratch::new(&server, &sha(GOOD));
    let before = std::fs::read_to_string(s.manifest()).unwrap();
    let out = s.fetch(&["tiny", "--update"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not valid YAML"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(s.manifest()).unwrap(), before);
    s.assert_nothing_left("tiny");
}

/// From a mirror (here SINCH_SPECS_MIRROR), a multi-file description is copied as a folder
/// and checked against the pin of the whole folder.
#[test]
fn copies_a_multi_file_description_from_the_mirror() {
    let server = Server::start(vec![]);
    let mirror = tempfile::tempdir().unwrap();
    let folder = mirror.path().join("tiny");
    std::fs::create_dir_all(folder.join("components")).unwrap();
    std::fs::write(folder.join("openapi.yaml"), GOOD).unwrap();
    std::fs::write(folder.join("components/extra.yaml"), "Extra: {type: string}\n").unwrap();
    let pin = generator::source::pin_of(&folder.join("openapi.yaml")).unwrap();
    let s = Scratch::new(&server, &pin);
    // A stale single-file copy must not shadow the folder afterwards.
    std::fs::create_dir_all(s.cache()).unwrap();
    std::fs::write(s.cached("tiny"), "stale").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(["fetch", "tiny", "--manifest"])
        .arg(s.manifest())
        .arg("--cache")
        .arg(s.cache())
        .env("SINCH_SPECS_MIRROR", mirror.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(server.hits("/tiny.yaml"), 0);
    let copied = s.cache().join("tiny/openapi.yaml");
    assert_eq!(std::fs::read_to_string(&copied).unwrap(), GOOD);
    assert!(s.cache().join("tiny/components/extra.yaml").is_file());
    assert_eq!(generator::source::pin_of(&copied).unwrap(), pin);
    assert!(!s.cached("tiny").exists(), "the stale single file is gone");
    assert_eq!(generator::source::in_mirror(&s.cache(), "tiny").unwrap(), copied);
    assert!(s.parts().is_empty());

    // A changed file in the folder changes the pin: refused, and the cached folder is kept.
    std::fs::write(folder.join("components/extra.yaml"), "Extra: {type: integer}\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(["fetch", "tiny", "--manifest"])
        .arg(s.manifest())
        .arg("--cache")
        .arg(s.cache())
        .arg("--mirror")
        .arg(mirror.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("fetch --update tiny"), "{}", stderr(&out));
    assert_eq!(generator::source::pin_of(&copied).unwrap(), pin);
    assert!(s.parts().is_empty());
}

/// `diff --api KEY NEW` compares with the pinned version found in the cache.
#[test]
fn diff_against_the_pinned_version() {
    let server = Server::start(vec![("/tiny.yaml", vec![Reply::Body(GOOD.into())])]);
    let s = Scratch::new(&server, &sha(GOOD));
    assert!(s.fetch(&["tiny"]).status.success());
    let new = s.dir.path().join("new.yaml");
    std::fs::write(&new, NEW).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(["diff", "--api", "tiny", "--manifest"])
        .arg(s.manifest())
        .arg("--cache")
        .arg(s.cache())
        .arg(&new)
        .env_remove("SINCH_SPECS_MIRROR")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("1 breaking, 2 additive"), "{}", stdout(&out));
}
