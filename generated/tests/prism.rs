//! Contract tests: every operation of SMS, Conversation, Numbers, Voice and Verification is
//! called once through the SDK against Prism (`@stoplight/prism-cli`) mocking that API's own
//! description. Prism validates each request against the description (an invalid one gets
//! 400/422 and an `sl-violations` header) and answers with the documented example, which must
//! decode into the operation's typed result.
//!
//! Needs Prism: `PRISM_BIN`, or `prism` on `PATH`, or the copy in `~/.cache/sinch-sdk-prism`
//! (`$PRISM_DIR`), which the test installs with npm when it is missing. The descriptions are read from `SINCH_SPECS_MIRROR` (or `../shared/specs`
//! beside the repository).

#![cfg(all(
    feature = "sms",
    feature = "conversation",
    feature = "numbers",
    feature = "voice",
    feature = "verification"
))]

use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use sinch_sdk::runtime::{Auth, Error, RetryPolicy};
use sinch_sdk::{conversation, numbers, sms, verification, voice};
use std::collections::BTreeSet;
use std::fmt::Debug;
use std::fs::File;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Calls that fail because of a defect of the description itself, not of the SDK:
/// (API, operation id, what the failure must say, the defect). A request Prism rejects must
/// have exactly these violations; a response that does not decode must fail with this text.
/// Every listed defect must be seen.
const SPEC_DEFECTS: &[(&str, &str, &[&str], &str)] = &[
    (
        "numbers",
        "NumberService_RentNumber",
        &[
            "Request body must have required property 'projectId'",
            "Request body must have required property 'phoneNumber'",
        ],
        "v1RentNumberRequest requires `projectId` and `phoneNumber` but declares no such properties: \
         they are the operation's path parameters, left in `required` by the gRPC transcoding",
    ),
    (
        "sms",
        "ReplaceBatch",
        &[r#"invalid type: string "string", expected a map"#],
        "sendBatchCreated.parameters spells its placeholders as string properties (`{parameter_key}`, \
         `{parameter_key}.{msisdn}`, `{parameter_key}.default`) and Prism answers with those literal \
         keys; the API sends a map of maps (`{\"name\": {\"+1555…\": \"Joe\", \"default\": \"there\"}}`), \
         as the request schema says, and the SDK types it so",
    ),
    (
        "sms",
        "UpdateBatchMessage",
        &[r#"invalid type: string "string", expected a map"#],
        "the same sendBatchCreated.parameters placeholders as ReplaceBatch",
    ),
    (
        "sms",
        "GetDeliveryReportByBatchId",
        &[r#"invalid type: string "20 000", expected i64"#],
        "retrieveDeliveryResponseObj's example gives statuses[0].count as the string \"20 000\"; \
         its schema says integer",
    ),
    (
        "sms",
        "Inbounds",
        &["invalid type: integer `11203494390`, expected a string"],
        "inboundsObject's examples give `from` and `to` as integers (11203494390); its schema says string",
    ),
    (
        "sms",
        "RetrieveInboundMessage",
        &["invalid type: integer `11203494390`, expected a string"],
        "the same inboundsObject examples as Inbounds",
    ),
];

/// Valid descriptions Prism cannot serve as they are: Prism is given a copy with these textual
/// replacements (API, text, replacement, how many times it occurs, why). They change no request.
const PRISM_LIMITATIONS: &[(&str, &str, &str, usize, &str)] = &[(
    "conversation",
    "message.conversation_id",
    "message_conversation_id",
    2,
    "Prism's router does not match a path parameter whose name has a dot \
     (`/conversations/{message.conversation_id}:inject-message`): it answers 405",
)];

fn mirror() -> PathBuf {
    match std::env::var_os("SINCH_SPECS_MIRROR") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs"),
    }
}

fn spec_path(key: &str) -> PathBuf {
    let dir = mirror();
    [dir.join(format!("{key}.yaml")), dir.join(key).join("openapi.yaml")]
        .into_iter()
        .find(|p| p.exists())
        .unwrap_or_else(|| {
            panic!(
                "description `{key}` not found in {}: set SINCH_SPECS_MIRROR",
                dir.display()
            )
        })
}

fn load(key: &str) -> Value {
    let mut warnings = generator::diag::Warnings::default();
    generator::load::load_file(&spec_path(key), &mut warnings).unwrap_or_else(|e| panic!("{e}"))
}

/// The operation ids the description declares.
fn spec_operations(doc: &Value) -> BTreeSet<String> {
    const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    let paths = doc["paths"].as_object().expect("the description has paths");
    paths
        .values()
        .flat_map(|item| METHODS.iter().filter_map(move |m| item.get(*m)))
        .map(|op| {
            op["operationId"]
                .as_str()
                .expect("every operation has an id")
                .to_string()
        })
        .collect()
}

/// The value of an example in the description, by JSON pointer (a media type's `example`, or an
/// Example object's `value`), decoded into the SDK type.
fn spec_example<T: DeserializeOwned>(doc: &Value, pointer: &str) -> T {
    let mut node = doc
        .pointer(pointer)
        .unwrap_or_else(|| panic!("no example at #{pointer}"));
    if let Some(target) = node.get("$ref").and_then(Value::as_str) {
        node = doc
            .pointer(target.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("#{pointer}: dangling {target}"));
    }
    let value = if pointer.ends_with("/example") {
        node
    } else {
        &node["value"]
    };
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("example #{pointer} does not decode: {e}"))
}

/// A request body written here as JSON, decoded into the SDK type.
fn body<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("test body {value} does not decode: {e}"))
}

/// The Prism executable: `PRISM_BIN`, else `prism` on `PATH`, else the one `.ci/run` installs
/// (`$PRISM_DIR` or `~/.cache/sinch-sdk-prism`), installing it there with npm when it is not
/// yet there. Never skips: without Prism (and without npm) these tests fail, saying why.
fn prism_bin() -> PathBuf {
    static BIN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        if let Some(bin) = std::env::var_os("PRISM_BIN") {
            let bin = PathBuf::from(bin);
            assert!(bin.is_file(), "PRISM_BIN={} is not a file", bin.display());
            return bin;
        }
        let on_path = std::env::var_os("PATH")
            .into_iter()
            .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
            .map(|dir| dir.join("prism"))
            .find(|p| p.is_file());
        if let Some(bin) = on_path {
            return bin;
        }
        let dir = match std::env::var_os("PRISM_DIR") {
            Some(d) => PathBuf::from(d),
            None => PathBuf::from(std::env::var_os("HOME").expect("HOME is set")).join(".cache/sinch-sdk-prism"),
        };
        let bin = dir.join("node_modules/.bin/prism");
        if !bin.is_file() {
            eprintln!("installing Prism into {} (npm)", dir.display());
            let status = std::process::Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--prefix"])
                .arg(&dir)
                .arg("@stoplight/prism-cli@5")
                .status()
                .unwrap_or_else(|e| {
                    panic!(
                        "Prism (the OpenAPI mock server these tests run against) is not installed and npm cannot run \
                         ({e}): install Node.js and npm, or set PRISM_BIN"
                    )
                });
            assert!(
                status.success(),
                "npm could not install @stoplight/prism-cli@5 into {}",
                dir.display()
            );
        }
        assert!(bin.is_file(), "Prism is not at {} after installing it", bin.display());
        bin
    })
    .clone()
}

/// A Prism mock server for one description, stopped when dropped.
struct Prism {
    child: Child,
    url: String,
    /// Prism's output, and the copy of the description it serves: kept when a test fails.
    files: [PathBuf; 2],
}

impl Prism {
    fn start(key: &str) -> Prism {
        let bin = prism_bin();
        // A port nobody listens on now; Prism binds it a moment later.
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|l| l.local_addr())
            .expect("a free loopback port")
            .port();
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("prism");
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let spec = dir.join(format!("{key}-{port}.yaml"));
        std::fs::write(&spec, served_description(key)).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
        let log = dir.join(format!("{key}-{port}.log"));
        let out = File::create(&log).unwrap_or_else(|e| panic!("{}: {e}", log.display()));
        let err = out.try_clone().expect("log file handle");
        let child = Command::new(&bin)
            .args(["mock", "-p", &port.to_string(), "-h", "127.0.0.1"])
            .arg(&spec)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
        let mut prism = Prism {
            child,
            url: format!("http://127.0.0.1:{port}"),
            files: [log, spec],
        };
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(Some(status)) = prism.child.try_wait() {
                panic!("prism {key} exited ({status}) before listening:\n{}", prism.output());
            }
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return prism;
            }
            if Instant::now() > deadline {
                panic!("prism {key} did not listen on {addr} within 30 s:\n{}", prism.output());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// What Prism printed (colours removed).
    fn output(&self) -> String {
        let raw = std::fs::read_to_string(&self.files[0]).unwrap_or_default();
        let mut text = String::with_capacity(raw.len());
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                // An ANSI escape: ESC [ parameters letter.
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else {
                text.push(c);
            }
        }
        text
    }

    /// The request violations Prism logged: every one must belong to a failed call, so a
    /// request Prism accepted with a warning is caught too.
    fn request_violations(&self) -> Vec<String> {
        self.output()
            .lines()
            .filter_map(|line| line.split_once("Violation: request")?.1.split_once(' '))
            .map(|(_, message)| message.trim().to_string())
            .collect()
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!("prism's log: {}", self.files[0].display());
        } else {
            for file in &self.files {
                let _ = std::fs::remove_file(file);
            }
        }
    }
}

/// The description as Prism is given it: the mirror's file, with the replacements of
/// `PRISM_LIMITATIONS` and the manifest's path fixes for this API.
fn served_description(key: &str) -> String {
    let path = spec_path(key);
    let mut text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for (_, from, to, count, why) in PRISM_LIMITATIONS.iter().filter(|l| l.0 == key) {
        let found = text.matches(from).count();
        assert_eq!(
            found, *count,
            "{key}: `{from}` occurs {found} times, not {count}: check whether Prism still needs this ({why})"
        );
        text = text.replace(from, to);
    }
    // The SDK sends the paths the manifest says Sinch serves; so does the mock.
    let manifest =
        generator::manifest::Manifest::load(&generator::Config::workspace().manifest).unwrap_or_else(|e| panic!("{e}"));
    for entry in manifest.api.iter().filter(|e| e.key == key) {
        for fix in &entry.paths {
            let (from, to) = (format!("\n  {}:", fix.from), format!("\n  {}:", fix.to));
            assert_eq!(
                text.matches(&from).count(),
                1,
                "{key}: the manifest's path `{}` is not a path of the description",
                fix.from
            );
            text = text.replace(&from, &to);
        }
    }
    text
}

/// Why a call failed.
enum Failure {
    /// Prism rejected the request: status and the request violations it listed.
    Rejected(u16, Vec<String>),
    /// Anything else: an error status without violations, a body that does not decode.
    Other(String),
}

impl Failure {
    fn of<E: Debug>(operation: &str, error: &Error<E>) -> Failure {
        let shown = |body: &[u8]| {
            let text = String::from_utf8_lossy(&body[..body.len().min(400)]).into_owned();
            if text.is_empty() {
                "(empty body)".to_string()
            } else {
                text
            }
        };
        match error {
            Error::Api(e) => {
                assert_eq!(e.operation, operation, "the error names another operation");
                let violations: Option<Vec<Value>> = e
                    .headers
                    .get("sl-violations")
                    .and_then(|v| serde_json::from_slice(v.as_bytes()).ok());
                match violations {
                    Some(list) => Failure::Rejected(
                        e.status.as_u16(),
                        list.iter()
                            .filter(|v| v["location"][0] == "request")
                            .map(|v| v["message"].as_str().unwrap_or_default().to_string())
                            .collect(),
                    ),
                    None => Failure::Other(format!("status {}, body: {}", e.status, shown(&e.body))),
                }
            }
            Error::Decode {
                status, body, source, ..
            } => Failure::Other(format!(
                "the {status} response does not decode: {source}; body: {}",
                shown(body)
            )),
            other => Failure::Other(format!("{other:?}")),
        }
    }

    /// Whether this is exactly the failure a listed defect causes.
    fn is(&self, expected: &[&str]) -> bool {
        match self {
            Failure::Rejected(_, found) => {
                found.len() == expected.len() && found.iter().all(|f| expected.contains(&f.as_str()))
            }
            Failure::Other(text) => expected.iter().all(|e| text.contains(e)),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Rejected(status, violations) => {
                write!(f, "status {status}, request violations: {}", violations.join("; "))
            }
            Failure::Other(text) => f.write_str(text),
        }
    }
}

/// The calls made against one API and how they went.
struct Calls {
    api: &'static str,
    done: Vec<&'static str>,
    /// Every failed call, listed defects included.
    failed: Vec<(&'static str, Failure)>,
}

impl Calls {
    fn new(api: &'static str) -> Calls {
        Calls {
            api,
            done: Vec::new(),
            failed: Vec::new(),
        }
    }

    /// Records one call: it passes when the response decoded into the typed result.
    fn check<T, E: Debug>(&mut self, operation: &'static str, result: Result<T, Error<E>>) {
        self.done.push(operation);
        if let Err(error) = result {
            self.failed.push((operation, Failure::of(operation, &error)));
        }
    }

    /// Every operation of the description was called once, and none failed but as listed.
    fn finish(self, doc: &Value, prism: &Prism) {
        let expected = spec_operations(doc);
        let called: BTreeSet<String> = self.done.iter().map(|s| s.to_string()).collect();
        let mut problems = Vec::new();
        if called.len() != self.done.len() {
            problems.push(format!("an operation was called twice: {:?}", self.done));
        }
        for missing in expected.difference(&called) {
            problems.push(format!("{missing}: in the description, but not called"));
        }
        for extra in called.difference(&expected) {
            problems.push(format!("{extra}: called, but not in the description"));
        }
        let listed: Vec<_> = SPEC_DEFECTS.iter().filter(|d| d.0 == self.api).collect();
        // Known spec defects: requests Prism rejected, and accepted requests whose response does not decode.
        let (mut rejected, mut undecoded) = (Vec::new(), Vec::new());
        for (op, failure) in &self.failed {
            match listed.iter().find(|d| d.1 == *op) {
                Some((_, _, expect, _)) if failure.is(expect) => match failure {
                    Failure::Rejected(..) => rejected.push(*op),
                    Failure::Other(_) => undecoded.push(*op),
                },
                Some((_, _, expect, _)) => problems.push(format!(
                    "{op}: {failure}\n    (listed as a spec defect failing with {expect:?}, but fails otherwise)"
                )),
                None => problems.push(format!("{op}: {failure}")),
            }
        }
        for (_, op, expect, _) in &listed {
            if !self.failed.iter().any(|(o, _)| o == op) {
                problems.push(format!(
                    "{op}: listed as a spec defect failing with {expect:?}, but passes"
                ));
            }
        }
        for violation in prism.request_violations() {
            let reported = self
                .failed
                .iter()
                .any(|(_, f)| matches!(f, Failure::Rejected(_, v) if v.contains(&violation)));
            if !reported {
                problems.push(format!(
                    "prism logged a request violation no failed call reports: {violation}"
                ));
            }
        }
        let passed = self.done.len() - self.failed.len();
        let mut summary = format!(
            "prism {}: {passed} of {} operations validate and decode",
            self.api,
            expected.len()
        );
        if !rejected.is_empty() {
            summary += &format!("; spec defects: {} rejected ({})", rejected.len(), rejected.join(", "));
        }
        if !undecoded.is_empty() {
            summary += &format!(
                "; spec defects: {} accepted, response does not decode ({})",
                undecoded.len(),
                undecoded.join(", ")
            );
        }
        println!("{summary}");
        assert!(
            problems.is_empty(),
            "prism {}: {} problems:\n{}",
            self.api,
            problems.len(),
            problems.join("\n")
        );
    }
}

const PLAN: &str = "p1";
const PROJECT: &str = "p1";
const PHONE: &str = "+15551231234";

#[tokio::test(flavor = "multi_thread")]
async fn prism_sms() {
    let prism = Prism::start("sms");
    let doc = load("sms");
    let client = sms::Client::with_base_url(&prism.url, Auth::bearer("x"))
        .unwrap()
        .with_retry_policy(RetryPolicy::none());
    let mut calls = Calls::new("sms");

    let batch: sms::types::SendBatchObject = body(json!({
        "to": [PHONE, "+15551256344"],
        "from": "+15551230000",
        "type": "mt_text",
        "body": "Hello ${name}",
        "delivery_report": "full",
        "send_at": "2026-11-23T12:00:00Z",
        "parameters": {"name": {PHONE: "Ann", "default": "there"}},
    }));

    let batches = client.batches();
    calls.check(
        "ListBatches",
        batches
            .list_batches(
                PLAN,
                &sms::batches::ListBatchesParams {
                    page: Some(0),
                    page_size: Some(30),
                    to: Some(PHONE.into()),
                    start_date: Some("2026-11-01T00:00:00Z".into()),
                    end_date: Some("2026-11-23T00:00:00Z".into()),
                },
            )
            .await,
    );
    calls.check(
        "Dry_Run",
        batches
            .dry_run(
                PLAN,
                Some(&batch),
                &sms::batches::DryRunParams {
                    per_recipient: Some(true),
                    number_of_recipients: Some(2),
                },
            )
            .await,
    );
    calls.check("GetBatchMessage", batches.get_batch_message(PLAN, "b1").await);
    calls.check("ReplaceBatch", batches.replace_batch(PLAN, "b1", Some(&batch)).await);
    let update: sms::types::UpdateBatchReq = body(json!({
        "toAdd": ["+15551239999"],
        "toRemove": ["+15551256344"],
        "body": "Updated",
        "delivery_report": "summary",
    }));
    calls.check(
        "UpdateBatchMessage",
        batches.update_batch_message(PLAN, "b1", Some(&update)).await,
    );
    calls.check("CancelBatchMessage", batches.cancel_batch_message(PLAN, "b1").await);

    let reports = client.delivery_reports();
    calls.check(
        "GetDeliveryReportByBatchId",
        reports
            .get_delivery_report_by_batch_id(
                PLAN,
                "b1",
                &sms::types::GetDeliveryReportByBatchIdType::Full,
                &sms::delivery_reports::GetDeliveryReportByBatchIdParams {
                    status: Some("Delivered".into()),
                    code: Some("400".into()),
                },
            )
            .await,
    );
    calls.check(
        "GetDeliveryReportByPhoneNumber",
        reports.get_delivery_report_by_phone_number(PLAN, "b1", PHONE).await,
    );

    let groups = client.groups();
    calls.check(
        "ListGroups",
        groups
            .list_groups(
                PLAN,
                &sms::groups::ListGroupsParams {
                    page: Some(0),
                    page_size: Some(30),
                },
            )
            .await,
    );
    let group: sms::types::GroupObject = body(json!({
        "name": "Friends",
        "members": [PHONE],
        "auto_update": {"to": "+15551230000", "add": {"first_word": "JOIN"}, "remove": {"first_word": "STOP"}},
    }));
    calls.check("CreateGroup", groups.create_group(PLAN, Some(&group)).await);
    calls.check("RetrieveGroup", groups.retrieve_group(PLAN, "g1").await);
    let replace: sms::types::ReplaceGroupRequest = body(json!({"name": "Friends", "members": [PHONE]}));
    calls.check("ReplaceGroup", groups.replace_group(PLAN, "g1", Some(&replace)).await);
    let update: sms::types::UpdateGroupRequest = body(json!({
        "add": ["+15551239999"],
        "remove": [PHONE],
        "name": "Friends",
    }));
    calls.check("UpdateGroup", groups.update_group(PLAN, "g1", Some(&update)).await);
    calls.check("GetMembers", groups.get_members(PLAN, "g1").await);

    let inbound = client.receive_sms();
    calls.check(
        "Inbounds",
        inbound
            .inbounds(
                PLAN,
                &sms::receive_sms::InboundsParams {
                    page: Some(0),
                    page_size: Some(30),
                    to: Some(PHONE.into()),
                    start_date: Some("2026-11-01T00:00:00Z".into()),
                    end_date: Some("2026-11-23T00:00:00Z".into()),
                },
            )
            .await,
    );
    calls.check(
        "RetrieveInboundMessage",
        inbound.retrieve_inbound_message(PLAN, "i1").await,
    );

    calls.check("SendSMS", client.sending_sms().send_sms(PLAN, Some(&batch)).await);

    calls.finish(&doc, &prism);
}

#[tokio::test(flavor = "multi_thread")]
async fn prism_conversation() {
    let prism = Prism::start("conversation");
    let doc = load("conversation");
    let client = conversation::Client::with_base_url(&prism.url, Auth::bearer("x"))
        .unwrap()
        .with_retry_policy(RetryPolicy::none());
    let mut calls = Calls::new("conversation");
    let mask = || Some(vec!["display_name".to_string(), "metadata".to_string()]);
    let recipient = json!({"identified_by": {"channel_identities": [{"channel": "SMS", "identity": PHONE}]}});

    let app = client.app();
    let new_app: conversation::types::App = body(json!({
        "display_name": "Demo",
        "channel_credentials": [{"channel": "SMS", "static_bearer": {"claimed_identity": "plan", "token": "t"}}],
        "conversation_metadata_report_view": "FULL",
        "retention_policy": {"retention_type": "MESSAGE_EXPIRE_POLICY", "ttl_days": 180},
    }));
    calls.check("App_ListApps", app.app_list_apps(PROJECT).await);
    calls.check("App_CreateApp", app.app_create_app(PROJECT, &new_app).await);
    calls.check("App_GetApp", app.app_get_app(PROJECT, "a1").await);
    calls.check("App_DeleteApp", app.app_delete_app(PROJECT, "a1").await);
    calls.check(
        "App_UpdateApp",
        app.app_update_app(
            PROJECT,
            "a1",
            &new_app,
            &conversation::app::AppUpdateAppParams {
                update_mask_paths: mask(),
            },
        )
        .await,
    );

    let query: conversation::types::QueryCapabilityRequest = body(json!({
        "app_id": "a1", "project_id": PROJECT, "recipient": recipient, "request_id": "r1",
    }));
    calls.check(
        "Capability_QueryCapability",
        client.capability().capability_query_capability(PROJECT, &query).await,
    );

    let contacts = client.contact();
    let contact: conversation::types::Contact = body(json!({
        "channel_identities": [{"channel": "SMS", "identity": PHONE}],
        "channel_priority": ["SMS", "WHATSAPP"],
        "display_name": "Ann",
        "email": "ann@example.com",
        "external_id": "e1",
        "language": "EN_GB",
        "metadata": "m",
    }));
    calls.check(
        "Contact_ListContacts",
        contacts
            .contact_list_contacts(
                PROJECT,
                &conversation::contact::ContactListContactsParams {
                    page_size: Some(10),
                    page_token: Some("t1".into()),
                },
            )
            .await,
    );
    calls.check(
        "Contact_CreateContact",
        contacts.contact_create_contact(PROJECT, &contact).await,
    );
    calls.check("Contact_GetContact", contacts.contact_get_contact(PROJECT, "c1").await);
    calls.check(
        "Contact_DeleteContact",
        contacts.contact_delete_contact(PROJECT, "c1").await,
    );
    calls.check(
        "Contact_UpdateContact",
        contacts
            .contact_update_contact(
                PROJECT,
                "c1",
                &contact,
                &conversation::contact::ContactUpdateContactParams {
                    update_mask_paths: mask(),
                },
            )
            .await,
    );
    let merge: conversation::types::MergeContactRequest = body(json!({
        "destination_id": "c1", "project_id": PROJECT, "source_id": "c2", "strategy": "MERGE",
    }));
    calls.check(
        "Contact_MergeContact",
        contacts.contact_merge_contact(PROJECT, "c1", &merge).await,
    );

    let conversations = client.conversation();
    let conv: conversation::types::Conversation = body(json!({
        "active": true, "active_channel": "SMS", "app_id": "a1", "contact_id": "c1", "metadata": "m",
    }));
    calls.check(
        "Conversation_ListConversations",
        conversations
            .conversation_list_conversations(
                PROJECT,
                true,
                &conversation::conversation::ConversationListConversationsParams {
                    app_id: Some("a1".into()),
                    contact_id: Some("c1".into()),
                    page_size: Some(10),
                    page_token: Some("t1".into()),
                },
            )
            .await,
    );
    calls.check(
        "Conversation_CreateConversation",
        conversations.conversation_create_conversation(PROJECT, &conv).await,
    );
    calls.check(
        "Conversation_GetConversation",
        conversations.conversation_get_conversation(PROJECT, "v1").await,
    );
    calls.check(
        "Conversation_DeleteConversation",
        conversations.conversation_delete_conversation(PROJECT, "v1").await,
    );
    calls.check(
        "Conversation_UpdateConversation",
        conversations
            .conversation_update_conversation(
                PROJECT,
                "v1",
                &conv,
                &conversation::conversation::ConversationUpdateConversationParams {
                    update_mask_paths: mask(),
                },
            )
            .await,
    );
    calls.check(
        "Conversation_StopActiveConversation",
        conversations.conversation_stop_active_conversation(PROJECT, "v1").await,
    );
    let injected: conversation::types::ConversationMessage = body(json!({
        "accept_time": "2026-11-23T12:00:00Z",
        "app_message": {"text_message": {"text": "Hi"}},
        "channel_identity": {"app_id": "a1", "channel": "SMS", "identity": PHONE},
        "contact_id": "c1",
        "conversation_id": "v1",
        "direction": "TO_CONTACT",
        "metadata": "m",
    }));
    calls.check(
        "Conversation_InjectMessage",
        conversations
            .conversation_inject_message(PROJECT, "v1", &injected)
            .await,
    );
    calls.check(
        "Conversation_ListMessages",
        conversations
            .conversation_list_messages(
                PROJECT,
                &conversation::conversation::ConversationListMessagesParams {
                    conversation_id: Some("v1".into()),
                    contact_id: Some("c1".into()),
                    page_size: Some(10),
                    page_token: Some("t1".into()),
                    view: Some(conversation::types::ConversationListMessagesView::WithMetadata),
                },
            )
            .await,
    );

    let event: conversation::types::SendEventRequest = body(json!({
        "app_id": "a1",
        "event": {"composing_event": {}},
        "queue": "HIGH_PRIORITY",
        "recipient": recipient,
        "channel_priority_order": ["SMS"],
    }));
    calls.check(
        "Events_SendEvent",
        client.events().events_send_event(PROJECT, &event).await,
    );

    let messages = client.messages();
    calls.check(
        "Messages_GetMessage",
        messages.messages_get_message(PROJECT, "m1").await,
    );
    calls.check(
        "Messages_DeleteMessage",
        messages.messages_delete_message(PROJECT, "m1").await,
    );
    let send: conversation::types::SendMessageRequest = body(json!({
        "app_id": "a1",
        "recipient": recipient,
        "message": {"text_message": {"text": "Hello"}},
        "channel_priority_order": ["SMS", "WHATSAPP"],
        "channel_properties": {"SMS_FLASH_MESSAGE": "true"},
        "queue": "NORMAL_PRIORITY",
        "ttl": "10s",
    }));
    calls.check(
        "Messages_SendMessage",
        messages.messages_send_message(PROJECT, &send).await,
    );

    let transcode: conversation::types::TranscodeMessageRequest = body(json!({
        "app_id": "a1", "app_message": {"text_message": {"text": "Hello"}}, "channels": ["SMS", "WHATSAPP"],
    }));
    calls.check(
        "Transcoding_TranscodeMessage",
        client
            .transcoding()
            .transcoding_transcode_message(PROJECT, &transcode)
            .await,
    );

    let opt_in = client.opt_in();
    let optin: conversation::types::OptIn = body(json!({"app_id": "a1", "channels": ["SMS"], "recipient": recipient}));
    let optout: conversation::types::OptOut =
        body(json!({"app_id": "a1", "channels": ["SMS"], "recipient": recipient}));
    calls.check(
        "OptIn_RegisterOptIn",
        opt_in
            .opt_in_register_opt_in(
                PROJECT,
                &optin,
                &conversation::opt_in::OptInRegisterOptInParams {
                    request_id: Some("r1".into()),
                },
            )
            .await,
    );
    calls.check(
        "OptIn_RegisterOptOut",
        opt_in
            .opt_in_register_opt_out(
                PROJECT,
                &optout,
                &conversation::opt_in::OptInRegisterOptOutParams {
                    request_id: Some("r1".into()),
                },
            )
            .await,
    );

    let webhooks = client.webhooks();
    let webhook: conversation::types::Webhook = body(json!({
        "app_id": "a1",
        "target": "https://example.com/hook",
        "target_type": "HTTP",
        "secret": "s",
        "triggers": ["MESSAGE_DELIVERY", "MESSAGE_INBOUND"],
    }));
    calls.check(
        "Webhooks_ListWebhooks",
        webhooks.webhooks_list_webhooks(PROJECT, "a1").await,
    );
    calls.check(
        "Webhooks_CreateWebhook",
        webhooks.webhooks_create_webhook(PROJECT, &webhook).await,
    );
    calls.check(
        "Webhooks_GetWebhook",
        webhooks
            .webhooks_get_webhook(
                PROJECT,
                "w1",
                &conversation::webhooks::WebhooksGetWebhookParams {
                    update_mask_paths: mask(),
                },
            )
            .await,
    );
    calls.check(
        "Webhooks_UpdateWebhook",
        webhooks
            .webhooks_update_webhook(
                PROJECT,
                "w1",
                &webhook,
                &conversation::webhooks::WebhooksUpdateWebhookParams {
                    update_mask_paths: mask(),
                },
            )
            .await,
    );
    calls.check(
        "Webhooks_DeleteWebhook",
        webhooks
            .webhooks_delete_webhook(
                PROJECT,
                "w1",
                &conversation::webhooks::WebhooksDeleteWebhookParams {
                    update_mask_paths: mask(),
                },
            )
            .await,
    );

    calls.finish(&doc, &prism);
}

#[tokio::test(flavor = "multi_thread")]
async fn prism_numbers() {
    let prism = Prism::start("numbers");
    let doc = load("numbers");
    let client = numbers::Client::with_base_url(&prism.url, Auth::basic("k", "s"))
        .unwrap()
        .with_retry_policy(RetryPolicy::none());
    let mut calls = Calls::new("numbers");

    let active = client.active_number();
    calls.check(
        "NumberService_ListActiveNumbers",
        active
            .number_service_list_active_numbers(
                PROJECT,
                &numbers::active_number::NumberServiceListActiveNumbersParams {
                    region_code: Some("US".into()),
                    pattern: Some("555".into()),
                    search_pattern: Some(numbers::types::NumberServiceListActiveNumbersSearchPattern::Contains),
                    r#type: Some(numbers::types::NumberServiceListActiveNumbersType::Local),
                    capability: Some(numbers::types::NumberServiceListActiveNumbersCapability::Sms),
                    page_size: Some(10),
                    page_token: Some("t1".into()),
                    order_by: Some("phoneNumber".into()),
                },
            )
            .await,
    );
    calls.check(
        "NumberService_GetActiveNumber",
        active.number_service_get_active_number(PROJECT, PHONE).await,
    );
    let update: numbers::types::ActiveNumber = body(json!({
        "displayName": "Support",
        "smsConfiguration": {"servicePlanId": "plan1", "campaignId": "c1"},
        "voiceConfiguration": {"appId": "app1"},
    }));
    calls.check(
        "NumberService_UpdateActiveNumber",
        active
            .number_service_update_active_number(PROJECT, PHONE, &update)
            .await,
    );
    calls.check(
        "NumberService_ReleaseNumber",
        active.number_service_release_number(PROJECT, PHONE).await,
    );

    let available = client.available_number();
    calls.check(
        "NumberService_ListAvailableNumbers",
        available
            .number_service_list_available_numbers(
                PROJECT,
                &numbers::available_number::NumberServiceListAvailableNumbersParams {
                    pattern: Some("555".into()),
                    search_pattern: Some(numbers::types::NumberServiceListAvailableNumbersSearchPattern::Start),
                    region_code: Some("US".into()),
                    r#type: Some(numbers::types::NumberServiceListAvailableNumbersType::Local),
                    capability: Some(numbers::types::NumberServiceListAvailableNumbersCapability::Voice),
                    size: Some(5),
                },
            )
            .await,
    );
    calls.check(
        "NumberService_GetAvailableNumber",
        available.number_service_get_available_number(PROJECT, PHONE).await,
    );
    let rent: numbers::types::RentNumberRequest = body(json!({
        "smsConfiguration": {"servicePlanId": "plan1"},
        "voiceConfiguration": {"appId": "app1"},
    }));
    calls.check(
        "NumberService_RentNumber",
        available.number_service_rent_number(PROJECT, PHONE, &rent).await,
    );

    calls.finish(&doc, &prism);
}

#[tokio::test(flavor = "multi_thread")]
async fn prism_voice() {
    let prism = Prism::start("voice");
    let doc = load("voice");
    let client = voice::Client::with_base_url(&prism.url, Auth::basic("k", "s"))
        .unwrap()
        .with_retry_policy(RetryPolicy::none());
    let mut calls = Calls::new("voice");
    const CALL: &str = "4398599d1ba84ef3bde0a82dfb61abed";
    const CONFERENCE: &str = "MyConfId";
    const APP: &str = "94983f76-1161-6655-9515-4785c7b67dd8";

    let apps = client.applications();
    calls.check("Configuration_GetNumbers", apps.configuration_get_numbers().await);
    let numbers: voice::types::UpdateNumbers = body(json!({
        "numbers": [PHONE], "applicationkey": APP, "capability": "voice",
    }));
    calls.check(
        "Configuration_UpdateNumbers",
        apps.configuration_update_numbers(Some(&numbers)).await,
    );
    let unassign: voice::types::UnassignNumbers = body(json!({
        "number": PHONE, "applicationkey": APP, "capability": "voice",
    }));
    calls.check(
        "Configuration_UnassignNumber",
        apps.configuration_unassign_number(Some(&unassign)).await,
    );
    calls.check(
        "Configuration_GetCallbackURLs",
        apps.configuration_get_callback_ur_ls(APP).await,
    );
    let callbacks: voice::types::UpdateCallbacks = spec_example(
        &doc,
        "/paths/~1v1~1configuration~1callbacks~1applications~1{applicationkey}/post/requestBody/content/application~1json/example",
    );
    calls.check(
        "Configuration_UpdateCallbackURLs",
        apps.configuration_update_callback_ur_ls(APP, Some(&callbacks)).await,
    );
    calls.check("Calling_QueryNumber", apps.calling_query_number(PHONE).await);

    // The description's own callout example leaves out `destination.endpoint`.
    let callout: voice::types::CalloutRequest = body(json!({
        "method": "conferenceCallout",
        "conferenceCallout": {
            "cli": "+14151112223",
            "destination": {"type": "number", "endpoint": "+14045005000"},
            "conferenceId": CONFERENCE,
            "locale": "en-US",
            "greeting": "Welcome to my conference",
            "enableAce": false,
            "enableDice": false,
            "custom": "customData",
            "domain": "pstn",
        },
    }));
    calls.check("Callouts", client.callouts().callouts(Some(&callout)).await);

    let calls_api = client.calls();
    calls.check("Calling_GetCallResult", calls_api.calling_get_call_result(CALL).await);
    let hangup: voice::types::SvamlRequestBody = spec_example(
        &doc,
        "/components/requestBodies/updateCall/content/application~1json/examples/hangupExample",
    );
    calls.check(
        "Calling_UpdateCall",
        calls_api.calling_update_call(CALL, Some(&hangup)).await,
    );
    let ivr: voice::types::SvamlRequestBody = spec_example(
        &doc,
        "/paths/~1calling~1v1~1calls~1id~1{callid}~1leg~1{callLeg}/patch/requestBody/content/application~1json/examples/ivrExample",
    );
    calls.check(
        "Calling_ManageCallWithCallLeg",
        calls_api
            .calling_manage_call_with_call_leg(
                CALL,
                &voice::types::CallingManageCallWithCallLegCallLeg::Caller,
                Some(&ivr),
            )
            .await,
    );

    let conferences = client.conferences();
    calls.check(
        "Calling_GetConferenceInfo",
        conferences.calling_get_conference_info(CONFERENCE).await,
    );
    calls.check(
        "Calling_KickConferenceAll",
        conferences.calling_kick_conference_all(CONFERENCE).await,
    );
    calls.check(
        "Calling_KickConferenceParticipant",
        conferences.calling_kick_conference_participant(CALL, CONFERENCE).await,
    );
    let mute = body(json!({"command": "mute"}));
    calls.check(
        "Calling_MuteUnmuteConferenceParticipant",
        conferences
            .calling_mute_unmute_conference_participant(CALL, CONFERENCE, Some(&mute))
            .await,
    );

    calls.finish(&doc, &prism);
}

#[tokio::test(flavor = "multi_thread")]
async fn prism_verification() {
    let prism = Prism::start("verification");
    let doc = load("verification");
    let client = verification::Client::with_base_url(&prism.url, Auth::basic("k", "s"))
        .unwrap()
        .with_retry_policy(RetryPolicy::none());
    let mut calls = Calls::new("verification");

    let verifications = client.verifications();
    let start: verification::types::InitiateVerificationResource = spec_example(
        &doc,
        "/components/requestBodies/StartVerificationRequest/content/application~1json/examples/verificationRequestSMS",
    );
    calls.check("StartVerification", verifications.start_verification(&start).await);
    let report: verification::types::VerificationReportRequestResource =
        body(json!({"method": "sms", "sms": {"code": "123", "cli": "+46000000000"}}));
    calls.check(
        "ReportVerificationByIdentity",
        verifications
            .report_verification_by_identity("number", "+46700000000", &report)
            .await,
    );
    let flash: verification::types::VerificationReportRequestResource =
        body(json!({"method": "flashCall", "flashCall": {"cli": "+46000000000"}}));
    calls.check(
        "ReportVerificationById",
        verifications.report_verification_by_id("v1", &flash).await,
    );

    let queries = client.verification_queries();
    calls.check("VerificationStatusById", queries.verification_status_by_id("v1").await);
    calls.check(
        "VerificationStatusByIdentity",
        queries
            .verification_status_by_identity("number", "+46700000000", "sms")
            .await,
    );
    calls.check(
        "VerificationStatusByReference",
        queries.verification_status_by_reference("ref1").await,
    );

    calls.finish(&doc, &prism);
}
