//! The examples of the APIs added with Sinch's 2025–26 descriptions (fax, Mailgun, Provisioning),
//! run as users run them against a loopback server that checks what went over the wire:
//! credentials, paths, query strings, JSON and multipart bodies. (Number lookup and active
//! numbers run against `sinch_sdk::testing` in `examples_testing.rs`.)

#![cfg(all(feature = "fax", feature = "mailgun", feature = "provisioning"))]

use std::path::PathBuf;
use wiremock::matchers::{body_string, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod examples_support;
use examples_support::run;

/// An OAuth2 token endpoint that wants `key-id:key-secret`.
async fn token_endpoint(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(header("authorization", "Basic a2V5LWlkOmtleS1zZWNyZXQ="))
        .and(body_string("grant_type=client_credentials"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"access_token": "tok", "expires_in": 3600})),
        )
        .mount(server)
        .await;
}

/// The settings of the project APIs, pointed at the loopback server.
fn project_env(server: &MockServer, api: &str) -> Vec<(&'static str, String)> {
    vec![
        ("SINCH_PROJECT_ID", "proj-1".into()),
        ("SINCH_KEY_ID", "key-id".into()),
        ("SINCH_KEY_SECRET", "key-secret".into()),
        ("SINCH_AUTH_URL", format!("{}/oauth2/token", server.uri())),
        (
            match api {
                "fax" => "SINCH_FAX_URL",
                _ => "SINCH_PROVISIONING_URL",
            },
            server.uri(),
        ),
    ]
}

/// One part of a `multipart/form-data` body: its headers (lowercase names) and content.
#[derive(Debug)]
struct Part {
    headers: Vec<(String, String)>,
    content: Vec<u8>,
}

impl Part {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The `name` of its `Content-Disposition`.
    fn name(&self) -> Option<&str> {
        let d = self.header("content-disposition")?;
        d.split(';')
            .find_map(|p| p.trim().strip_prefix("name=\"")?.strip_suffix('"'))
    }

    fn file_name(&self) -> Option<&str> {
        let d = self.header("content-disposition")?;
        d.split(';')
            .find_map(|p| p.trim().strip_prefix("filename=\"")?.strip_suffix('"'))
    }
}

/// Splits a received multipart body by the boundary its `Content-Type` names.
fn parts(req: &Request) -> Vec<Part> {
    let content_type = req.headers.get("content-type").unwrap().to_str().unwrap().to_string();
    assert!(content_type.starts_with("multipart/form-data"), "{content_type}");
    let boundary = content_type
        .split("boundary=")
        .nth(1)
        .expect("a boundary")
        .trim_matches('"');
    let delimiter = format!("--{boundary}");
    let body = &req.body;
    let mut out = Vec::new();
    let mut positions = Vec::new();
    let mut i = 0;
    while let Some(at) = find(&body[i..], delimiter.as_bytes()) {
        positions.push(i + at);
        i += at + delimiter.len();
    }
    for w in positions.windows(2) {
        let chunk = &body[w[0] + delimiter.len()..w[1]];
        let chunk = chunk.strip_prefix(b"\r\n").unwrap_or(chunk);
        let chunk = chunk.strip_suffix(b"\r\n").unwrap_or(chunk);
        let split = find(chunk, b"\r\n\r\n").expect("part headers end");
        let headers = String::from_utf8_lossy(&chunk[..split])
            .lines()
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        out.push(Part {
            headers,
            content: chunk[split + 4..].to_vec(),
        });
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn scratch_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("examples");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

const PDF: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

#[tokio::test]
async fn fax_send_pdf_uploads_the_file_as_a_multipart_part() {
    let server = MockServer::start().await;
    token_endpoint(&server).await;
    Mock::given(method("POST"))
        .and(path("/v3/projects/proj-1/faxes"))
        .and(header("authorization", "Bearer tok"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "fax-1", "status": "QUEUED"})))
        .expect(1)
        .mount(&server)
        .await;
    let pdf = scratch_file("letter.pdf", PDF);
    let mut env = project_env(&server, "fax");
    env.push(("SINCH_FAX_TO", "+12025550134".into()));
    env.push(("SINCH_FAX_FILE", pdf.display().to_string()));
    let (out, err, ok) = run("fax_send_pdf", &env).await;
    assert!(ok, "{err}");
    assert_eq!(out, "fax-1");
    let reqs = server.received_requests().await.unwrap();
    let send = reqs.iter().find(|r| r.url.path().ends_with("/faxes")).unwrap();
    let parts = parts(send);
    let names: Vec<_> = parts.iter().map(|p| p.name().unwrap_or_default()).collect();
    assert_eq!(names, ["to", "file"], "only the fields set are sent");
    assert_eq!(parts[0].content, b"+12025550134");
    let file = &parts[1];
    assert_eq!(file.file_name(), Some("letter.pdf"));
    assert_eq!(file.header("content-type"), Some("application/pdf"));
    assert_eq!(file.content, PDF, "the file arrives byte for byte");
}

#[tokio::test]
async fn mailgun_send_attachment_posts_repeated_fields_and_the_file() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/mg.example.com/messages"))
        // Mailgun's Basic credentials: the user `api`, the key as the password.
        .and(header("authorization", "Basic YXBpOmtleS0xMjM="))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "id": "<20111114174239.25659.5817@samples.mailgun.org>", "message": "Queued. Thank you."
        })))
        .expect(1)
        .mount(&server)
        .await;
    let report = scratch_file("report.csv", b"a,b\n1,2\n");
    let env = [
        ("SINCH_MAILGUN_API_KEY", "key-123".to_string()),
        ("SINCH_MAILGUN_DOMAIN", "mg.example.com".into()),
        ("SINCH_MAILGUN_REGION", "eu".into()),
        ("SINCH_MAILGUN_URL", server.uri()),
        ("SINCH_MAIL_FROM", "Rust <rust@mg.example.com>".into()),
        ("SINCH_MAIL_TO", "ann@example.com".into()),
        ("SINCH_MAIL_ATTACHMENT", report.display().to_string()),
    ];
    let (out, err, ok) = run("mailgun_send_attachment", &env).await;
    assert!(ok, "{err}");
    assert_eq!(out, "<20111114174239.25659.5817@samples.mailgun.org>");
    let reqs = server.received_requests().await.unwrap();
    let parts = parts(&reqs[0]);
    let text = |name: &str| {
        parts
            .iter()
            .filter(|p| p.name() == Some(name))
            .map(|p| String::from_utf8_lossy(&p.content).into_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(text("from"), ["Rust <rust@mg.example.com>"]);
    assert_eq!(text("to"), ["ann@example.com"]);
    assert_eq!(text("subject"), ["Hello from Rust"]);
    assert_eq!(text("text"), ["The report is attached."]);
    let file = parts
        .iter()
        .find(|p| p.name() == Some("attachment"))
        .expect("the attachment part");
    assert_eq!(file.file_name(), Some("report.csv"));
    assert_eq!(file.header("content-type"), Some("text/csv"));
    assert_eq!(file.content, b"a,b\n1,2\n");
}

#[tokio::test]
async fn provisioning_list_rcs_senders_prints_every_sender() {
    let server = MockServer::start().await;
    token_endpoint(&server).await;
    let sender = |id: &str, state: &str| {
        serde_json::json!({"id": id, "state": state, "region": "EU", "billingCategory": "CONVERSATIONAL",
            "useCase": "OTP", "hostingRegion": "EUROPE"})
    };
    Mock::given(method("GET"))
        .and(path("/v1/projects/proj-1/rcs/senders"))
        .and(query_param("pageToken", "next"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "totalSize": 2, "pageSize": 1, "senders": [sender("s2", "LAUNCHED")]
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/projects/proj-1/rcs/senders"))
        .and(header("authorization", "Bearer tok"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "totalSize": 2, "pageSize": 1, "nextPageToken": "next", "senders": [sender("s1", "IN_TEST")]
        })))
        .mount(&server)
        .await;
    let (out, err, ok) = run("provisioning_list_rcs_senders", &project_env(&server, "provisioning")).await;
    assert!(ok, "{err}");
    assert_eq!(out.lines().collect::<Vec<_>>(), ["s1 IN_TEST", "s2 LAUNCHED"]);
}

#[tokio::test]
async fn missing_settings_name_the_variable() {
    let (_, err, ok) = run("fax_send_pdf", &[("SINCH_PROJECT_ID", "p".into())]).await;
    assert!(!ok);
    assert!(err.contains("SINCH_KEY_ID"), "{err}");
    let (_, err, ok) = run("mailgun_send_attachment", &[]).await;
    assert!(!ok);
    assert!(err.contains("SINCH_MAILGUN_API_KEY"), "{err}");
    let key = [("SINCH_MAILGUN_API_KEY", "key-1".to_string())];
    let (_, err, ok) = run("mailgun_send_attachment", &key).await;
    assert!(!ok);
    assert!(err.contains("SINCH_MAILGUN_REGION") && !err.contains("key-1"), "{err}");
}
