//! The `axum` extractor on a real server on loopback: the known-answer vectors of
//! `shared/vectors/signatures.json` are accepted; tampered bodies, headers and signatures, stale
//! and future timestamps are answered 401 without saying why; verified bodies that do not decode
//! 400; unknown Conversation event kinds are kept; many concurrent requests each get their own
//! verdict. Also the Numbers, Voice/Verification (application), Voice v2 (service) and Fax
//! (Basic) verifiers behind the same extractor.
//!
//! `cargo test -p sinch-sdk --no-default-features --features conversation,axum --test webhooks_axum`

#![cfg(all(feature = "conversation", feature = "axum"))]

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::FromRef;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{Value, json};
use sinch_sdk::conversation::types::ConversationWebhookEvent;
use sinch_sdk::webhooks::{
    ApplicationWebhook, BasicAuthWebhook, ConversationWebhook, NumbersWebhook, ServiceWebhook, SinchWebhook,
    VerifiedBody, Verifier, WebhookError, WebhookRejection,
};

/// Request headers, in order.
type Headers = Vec<(&'static str, String)>;

// ---- the vectors ----

/// `signatures.json`: `SINCH_VECTORS`, else beside the mirror's specs (`SINCH_SPECS_MIRROR`),
/// else `../shared/vectors` beside the repository. Required: never skipped.
fn vectors() -> Vec<Value> {
    let path = match (
        std::env::var_os("SINCH_VECTORS"),
        std::env::var_os("SINCH_SPECS_MIRROR"),
    ) {
        (Some(p), _) => PathBuf::from(p),
        (None, Some(specs)) => PathBuf::from(specs).join("../vectors/signatures.json"),
        (None, None) => PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/vectors/signatures.json"
        )),
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "signature vectors not found at {} ({e}); they are required",
            path.display()
        )
    });
    serde_json::from_str(&text).expect("signatures.json is a JSON array")
}

fn vector(name: &str) -> Value {
    vectors()
        .into_iter()
        .find(|v| v["name"] == name)
        .unwrap_or_else(|| panic!("vector {name} missing"))
}

fn field(v: &Value, key: &str) -> String {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("vector field {key} missing"))
        .to_string()
}

/// The Conversation vector: secret, body, nonce, timestamp, signature.
struct Conv {
    secret: String,
    body: String,
    nonce: String,
    timestamp: String,
    signature: String,
}

fn conv() -> Conv {
    let v = vector("conversation-webhook");
    Conv {
        secret: field(&v, "secret"),
        body: field(&v, "body"),
        nonce: field(&v, "nonce"),
        timestamp: field(&v, "timestamp"),
        signature: field(&v, "expected_signature"),
    }
}

impl Conv {
    fn headers(&self) -> Headers {
        vec![
            ("x-sinch-webhook-signature", self.signature.clone()),
            ("x-sinch-webhook-signature-nonce", self.nonce.clone()),
            ("x-sinch-webhook-signature-timestamp", self.timestamp.clone()),
            ("x-sinch-webhook-signature-algorithm", "HmacSHA256".into()),
            ("content-type", "application/json".into()),
        ]
    }
    fn at(&self, offset_secs: i64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs((self.timestamp.parse::<i64>().unwrap() + offset_secs) as u64)
    }
}

// ---- the server ----

/// A verifier with its clock pinned (the vectors were signed years ago); also shows that any
/// `Verifier` works with the extractor.
#[derive(Clone)]
struct At<V> {
    inner: V,
    now: SystemTime,
}

impl<V: Verifier> Verifier for At<V> {
    fn verify_request(
        &self,
        method: &str,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        self.inner.verify_request(method, path, headers, body, now)
    }
    fn now(&self) -> SystemTime {
        self.now
    }
}

#[derive(Clone)]
struct State {
    pinned: At<ConversationWebhook>,
    live: ConversationWebhook,
    numbers: NumbersWebhook,
    application: At<ApplicationWebhook>,
    service: At<ServiceWebhook>,
    fax: BasicAuthWebhook,
}

macro_rules! from_state {
    ($($field:ident: $ty:ty),*) => {$(
        impl FromRef<State> for $ty {
            fn from_ref(state: &State) -> Self {
                state.$field.clone()
            }
        }
    )*};
}
from_state!(
    pinned: At<ConversationWebhook>,
    live: ConversationWebhook,
    numbers: NumbersWebhook,
    application: At<ApplicationWebhook>,
    service: At<ServiceWebhook>,
    fax: BasicAuthWebhook
);

/// The variant's name and the event as the handler got it.
fn seen(event: &ConversationWebhookEvent) -> Json<Value> {
    let debug = format!("{event:?}");
    let kind = debug.split('(').next().unwrap_or_default().to_string();
    Json(json!({"kind": kind, "event": event}))
}

async fn pinned(
    SinchWebhook(event, ..): SinchWebhook<ConversationWebhookEvent, At<ConversationWebhook>>,
) -> Json<Value> {
    seen(&event)
}

async fn live(SinchWebhook(event, ..): SinchWebhook<ConversationWebhookEvent>) -> Json<Value> {
    seen(&event)
}

async fn numbers(SinchWebhook(event, ..): SinchWebhook<Value, NumbersWebhook>) -> Json<Value> {
    Json(event)
}

async fn application(SinchWebhook(event, ..): SinchWebhook<Value, At<ApplicationWebhook>>) -> Json<Value> {
    Json(event)
}

async fn service(SinchWebhook(event, ..): SinchWebhook<Value, At<ServiceWebhook>>) -> Json<Value> {
    Json(event)
}

async fn fax(VerifiedBody(body, ..): VerifiedBody<BasicAuthWebhook>) -> String {
    body.len().to_string()
}

/// A handler that sees the rejection itself.
async fn own_rejection(event: Result<SinchWebhook<Value, At<ConversationWebhook>>, WebhookRejection>) -> String {
    match event {
        Ok(_) => "ok".into(),
        Err(rejection) => format!("{} {}", rejection.status().as_u16(), rejection.error()),
    }
}

/// The Voice v2 worked example (voice-v2.yaml, `callWebhook`, "Request signing").
const V2_SERVICE: &str = "a74b1566-0f18-4f8e-9c23-8e6b5df8fd3e";
const V2_SECRET: &str = "F5wrP9SKYU6w8sbZXkp7GA==";
const V2_BODY: &str = r#"{"event":"call.incoming","call":{"callId":"01AN4Z07BY79KA1307SR9X4MV3"}}"#;
const V2_TIMESTAMP: &str = "2026-04-01T12:00:00.0000000Z";
const V2_AUTHORIZATION: &str =
    "service a74b1566-0f18-4f8e-9c23-8e6b5df8fd3e:EWFtVTrykdhMTdyYSbn40GBJpf5UBeggO9T99sdwLyY=";

fn state(conversation_offset: i64) -> State {
    let c = conv();
    let app = vector("voice-verification-application-signed-callback");
    let app_time = sinch_sdk::runtime::Timestamp::new(field(&app, "x_timestamp"))
        .to_unix()
        .unwrap();
    let v2_time = sinch_sdk::runtime::Timestamp::new(V2_TIMESTAMP).to_unix().unwrap();
    State {
        pinned: At {
            inner: ConversationWebhook::new(c.secret.as_str()),
            now: c.at(conversation_offset),
        },
        live: ConversationWebhook::new(c.secret.as_str()),
        numbers: NumbersWebhook::new(field(&vector("numbers-callback"), "secret")),
        application: At {
            inner: ApplicationWebhook::new(field(&app, "application_key"), field(&app, "application_secret")).unwrap(),
            now: UNIX_EPOCH + Duration::from_secs(app_time.0 as u64 + 10),
        },
        service: At {
            inner: ServiceWebhook::new(V2_SERVICE, V2_SECRET).unwrap(),
            now: UNIX_EPOCH + Duration::from_secs(v2_time.0 as u64 - 10),
        },
        fax: BasicAuthWebhook::new("fax-user", "fax password"),
    }
}

/// Serves the test app on loopback; returns its base URL.
async fn serve(state: State) -> String {
    let callbacks = Router::new().route("/{name}", post(application));
    let app = Router::new()
        .route("/pinned", post(pinned))
        .route("/live", post(live))
        .route("/numbers", post(numbers))
        .nest("/sinch/callback", callbacks)
        .route("/voice-webhooks", post(service))
        .route("/fax", post(fax))
        .route("/own", post(own_rejection))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

async fn post_to(
    client: &reqwest::Client,
    url: &str,
    headers: &[(&str, String)],
    body: impl Into<reqwest::Body>,
) -> (u16, String) {
    let mut request = client.post(url).body(body);
    for (k, v) in headers {
        request = request.header(*k, v);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

const UNAUTHORIZED: &str = "invalid webhook signature\n";

fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

/// Headers for `body` signed now (plus `offset` seconds) with the vector's secret.
fn signed_now(body: &str, nonce: &str, offset: i64) -> Headers {
    let hook = ConversationWebhook::new(conv().secret.as_str());
    let timestamp = (unix_now() + offset).to_string();
    vec![
        (
            "x-sinch-webhook-signature",
            hook.sign(body.as_bytes(), nonce, &timestamp),
        ),
        ("x-sinch-webhook-signature-nonce", nonce.to_string()),
        ("x-sinch-webhook-signature-timestamp", timestamp),
        ("content-type", "application/json".into()),
    ]
}

// ---- the tests ----

#[tokio::test]
async fn conversation_vector_is_accepted_and_typed() {
    let c = conv();
    let base = serve(state(0)).await;
    let client = reqwest::Client::new();
    let (status, text) = post_to(&client, &format!("{base}/pinned"), &c.headers(), c.body.clone()).await;
    assert_eq!(status, 200, "{text}");
    let seen: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(seen["kind"], "ContactCreateEvent");
    let sent: Value = serde_json::from_str(&c.body).unwrap();
    assert_eq!(seen["event"]["project_id"], sent["project_id"]);
    assert_eq!(
        seen["event"]["contact_create_notification"]["contact"]["id"],
        "01FJA8B466Y0R2GNXD78MD9SM1"
    );
    // Without the optional algorithm header too.
    let headers: Vec<_> = c
        .headers()
        .into_iter()
        .filter(|(k, _)| !k.ends_with("algorithm"))
        .collect();
    assert_eq!(
        post_to(&client, &format!("{base}/pinned"), &headers, c.body.clone())
            .await
            .0,
        200
    );
}

#[tokio::test]
async fn tampered_body_headers_and_signatures_get_401() {
    let c = conv();
    let base = serve(state(0)).await;
    let client = reqwest::Client::new();
    let url = format!("{base}/pinned");
    let with = |name: &str, value: &str| -> Headers {
        c.headers()
            .into_iter()
            .map(|(k, v)| if k == name { (k, value.to_string()) } else { (k, v) })
            .collect()
    };
    let without = |name: &str| -> Headers { c.headers().into_iter().filter(|(k, _)| *k != name).collect() };
    let later = (c.timestamp.parse::<i64>().unwrap() + 1).to_string();
    let mut other_signature = c.signature.clone().into_bytes();
    other_signature[0] = if other_signature[0] == b'A' { b'B' } else { b'A' };
    let other_signature = String::from_utf8(other_signature).unwrap();
    let cases: Vec<(&str, Headers, String)> = vec![
        (
            "tampered body",
            c.headers(),
            c.body.replace("New Test Contact", "New Test Contacu"),
        ),
        ("body with a trailing newline", c.headers(), format!("{}\n", c.body)),
        (
            "re-serialized body",
            c.headers(),
            serde_json::from_str::<Value>(&c.body).unwrap().to_string() + " ",
        ),
        (
            "other nonce",
            with("x-sinch-webhook-signature-nonce", "01FJA8B4A7BM43YGWSG9GBV068"),
            c.body.clone(),
        ),
        (
            "other timestamp",
            with("x-sinch-webhook-signature-timestamp", &later),
            c.body.clone(),
        ),
        (
            "other signature",
            with("x-sinch-webhook-signature", &other_signature),
            c.body.clone(),
        ),
        (
            "signature not base64",
            with("x-sinch-webhook-signature", "not base64!"),
            c.body.clone(),
        ),
        (
            "timestamp not a number",
            with("x-sinch-webhook-signature-timestamp", "soon"),
            c.body.clone(),
        ),
        (
            "other algorithm",
            with("x-sinch-webhook-signature-algorithm", "HmacSHA1"),
            c.body.clone(),
        ),
        ("no signature", without("x-sinch-webhook-signature"), c.body.clone()),
        ("no nonce", without("x-sinch-webhook-signature-nonce"), c.body.clone()),
        (
            "no timestamp",
            without("x-sinch-webhook-signature-timestamp"),
            c.body.clone(),
        ),
        ("nothing", vec![], c.body.clone()),
    ];
    for (what, headers, body) in cases {
        let (status, text) = post_to(&client, &url, &headers, body).await;
        assert_eq!((status, text.as_str()), (401, UNAUTHORIZED), "{what}");
    }
    // Another secret.
    let mut wrong = state(0);
    wrong.pinned.inner = ConversationWebhook::new("foo_secret1235");
    let base = serve(wrong).await;
    let (status, text) = post_to(&client, &format!("{base}/pinned"), &c.headers(), c.body.clone()).await;
    assert_eq!((status, text.as_str()), (401, UNAUTHORIZED));
}

#[tokio::test]
async fn timestamps_outside_the_window_get_401() {
    let c = conv();
    let client = reqwest::Client::new();
    for (offset, expected) in [(300, 200), (-300, 200), (301, 401), (-301, 401), (86_400, 401)] {
        let base = serve(state(offset)).await;
        let (status, _) = post_to(&client, &format!("{base}/pinned"), &c.headers(), c.body.clone()).await;
        assert_eq!(status, expected, "verified {offset}s after the vector's timestamp");
    }
    // With the real clock: the vector itself is years old; fresh signatures pass.
    let base = serve(state(0)).await;
    let url = format!("{base}/live");
    assert_eq!(post_to(&client, &url, &c.headers(), c.body.clone()).await.0, 401);
    assert_eq!(
        post_to(&client, &url, &signed_now(&c.body, "n-1", 0), c.body.clone())
            .await
            .0,
        200
    );
    assert_eq!(
        post_to(&client, &url, &signed_now(&c.body, "n-2", -290), c.body.clone())
            .await
            .0,
        200
    );
    assert_eq!(
        post_to(&client, &url, &signed_now(&c.body, "n-3", -400), c.body.clone())
            .await
            .0,
        401
    );
    assert_eq!(
        post_to(&client, &url, &signed_now(&c.body, "n-4", 400), c.body.clone())
            .await
            .0,
        401
    );
    // The handler can see why.
    let later = (c.timestamp.parse::<i64>().unwrap() + 1).to_string();
    let mut headers = c.headers();
    headers[2].1 = later;
    let (status, text) = post_to(&client, &format!("{base}/own"), &headers, c.body.clone()).await;
    assert_eq!((status, text.as_str()), (200, "401 webhook signature does not verify"));
}

#[tokio::test]
async fn unknown_event_kinds_are_kept() {
    let base = serve(state(0)).await;
    let client = reqwest::Client::new();
    let body = r#"{"app_id":"01APP","accepted_time":"2026-11-30T10:00:00Z","project_id":"p-1","hologram_notification":{"depth":3,"channel":"HOLO"},"message_metadata":""}"#;
    let (status, text) = post_to(
        &client,
        &format!("{base}/live"),
        &signed_now(body, "n-unknown", 0),
        body,
    )
    .await;
    assert_eq!(status, 200, "{text}");
    let seen: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(seen["kind"], "Other");
    assert_eq!(
        seen["event"],
        serde_json::from_str::<Value>(body).unwrap(),
        "kept as received"
    );
    // A known kind next to an unknown property is still that kind.
    let body = r#"{"app_id":"01APP","project_id":"p-1","message":{"id":"m-1","direction":"TO_APP","contact_message":{"text_message":{"text":"hi"}},"channel_identity":{"channel":"SMS","identity":"46700000001","app_id":"01APP"}},"added_later":1}"#;
    let (status, text) = post_to(&client, &format!("{base}/live"), &signed_now(body, "n-known", 0), body).await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap()["kind"],
        "MessageInboundEvent"
    );
}

#[tokio::test]
async fn verified_bodies_that_do_not_decode_get_400() {
    let base = serve(state(0)).await;
    let client = reqwest::Client::new();
    for body in [
        "not json",
        "[]",
        r#""text""#,
        r#"{"app_id":5,"project_id":"p","message":{"id":"m"}}"#,
        "{\"app_id\":\"a\",",
    ] {
        let (status, text) = post_to(&client, &format!("{base}/live"), &signed_now(body, "n", 0), body).await;
        assert_eq!((status, text.as_str()), (400, "invalid webhook body\n"), "{body}");
    }
    // The signature is checked first: an unsigned bad body is 401, not 400.
    assert_eq!(post_to(&client, &format!("{base}/live"), &[], "not json").await.0, 401);
}

#[tokio::test]
async fn oversized_bodies_get_413() {
    let base = serve(state(0)).await;
    let client = reqwest::Client::new();
    let body = format!(
        "{{\"pad\":\"{}\"}}",
        "x".repeat(sinch_sdk::webhooks::DEFAULT_BODY_LIMIT)
    );
    let (status, _) = post_to(
        &client,
        &format!("{base}/live"),
        &signed_now(&body, "n", 0),
        body.clone(),
    )
    .await;
    assert_eq!(status, 413);
    // Also when the length is not declared up front (a chunked body).
    let stream = futures_util::stream::iter(
        body.into_bytes()
            .chunks(64 * 1024)
            .map(|c| Ok::<_, std::io::Error>(c.to_vec()))
            .collect::<Vec<_>>(),
    );
    let response = client
        .post(format!("{base}/live"))
        .body(reqwest::Body::wrap_stream(stream))
        .send()
        .await;
    // The server may answer before reading the rest, and close the connection.
    if let Ok(response) = response {
        assert_eq!(response.status().as_u16(), 413);
    }
}

#[tokio::test]
async fn numbers_voice_verification_and_fax_verifiers() {
    let base = serve(state(0)).await;
    let client = reqwest::Client::new();

    // Numbers: the vector, then tampered.
    let n = vector("numbers-callback");
    let headers = [("x-sinch-signature", field(&n, "expected_signature"))];
    let (status, text) = post_to(&client, &format!("{base}/numbers"), &headers, field(&n, "body")).await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap()["status"], "SUCCEEDED");
    let tampered = field(&n, "body").replace("SUCCEEDED", "SUCCEEDEE");
    assert_eq!(
        post_to(&client, &format!("{base}/numbers"), &headers, tampered).await.0,
        401
    );

    // Voice/Verification application signing: the path signed is the one called, through `nest`.
    let a = vector("voice-verification-application-signed-callback");
    let headers = [
        ("authorization", field(&a, "expected_authorization")),
        ("x-timestamp", field(&a, "x_timestamp")),
        ("content-type", field(&a, "content_type")),
    ];
    let path = field(&a, "path");
    let (status, text) = post_to(&client, &format!("{base}{path}"), &headers, field(&a, "body")).await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap()["event"], "ace");
    assert_eq!(
        post_to(&client, &format!("{base}{path}?x=1"), &headers, field(&a, "body"))
            .await
            .0,
        200
    );
    assert_eq!(
        post_to(
            &client,
            &format!("{base}/sinch/callback/dice"),
            &headers,
            field(&a, "body")
        )
        .await
        .0,
        401
    );
    let mut other_type = headers.clone();
    other_type[2].1 = "application/json; charset=utf-8".into();
    assert_eq!(
        post_to(&client, &format!("{base}{path}"), &other_type, field(&a, "body"))
            .await
            .0,
        401
    );

    // Voice v2 service signing: the description's worked example.
    let headers = [
        ("authorization", V2_AUTHORIZATION.to_string()),
        ("x-timestamp", V2_TIMESTAMP.to_string()),
        ("content-type", "application/json; charset=utf-8".to_string()),
    ];
    let (status, text) = post_to(&client, &format!("{base}/voice-webhooks"), &headers, V2_BODY).await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap()["event"], "call.incoming");
    let mut application_scheme = headers.clone();
    application_scheme[0].1 = V2_AUTHORIZATION.replacen("service", "Application", 1);
    assert_eq!(
        post_to(&client, &format!("{base}/voice-webhooks"), &application_scheme, V2_BODY)
            .await
            .0,
        401
    );
    let tampered = V2_BODY.replace("call.incoming", "call.incominG");
    assert_eq!(
        post_to(&client, &format!("{base}/voice-webhooks"), &headers, tampered)
            .await
            .0,
        401
    );

    // Fax: Basic credentials from the callback URL; the body is not JSON (multipart).
    let multipart = "--b\r\nContent-Disposition: form-data; name=\"event\"\r\n\r\nINCOMING_FAX\r\n--b--\r\n";
    let url = format!("{base}/fax");
    let basic = |credentials: &str| {
        use base64::Engine;
        vec![(
            "authorization",
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(credentials)
            ),
        )]
    };
    let (status, text) = post_to(&client, &url, &basic("fax-user:fax password"), multipart).await;
    assert_eq!((status, text), (200, multipart.len().to_string()));
    for bad in [
        "fax-user:fax passworD",
        "fax-user:",
        "fax-user:fax password ",
        "other:fax password",
    ] {
        assert_eq!(post_to(&client, &url, &basic(bad), multipart).await.0, 401, "{bad}");
    }
    assert_eq!(post_to(&client, &url, &[], multipart).await.0, 401);
    assert_eq!(
        post_to(&client, &url, &[("authorization", "Bearer x".into())], multipart)
            .await
            .0,
        401
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_each_get_their_own_verdict() {
    let c = conv();
    let base = serve(state(0)).await;
    let client = reqwest::Client::new();
    let unknown = r#"{"app_id":"a","project_id":"p","teleport_notification":{}}"#;
    let calls = (0..60).map(|i| {
        let (client, base, body) = (client.clone(), base.clone(), c.body.clone());
        let vector_headers = c.headers();
        async move {
            let nonce = format!("nonce-{i}");
            let (route, headers, body, expected, kind) = match i % 5 {
                0 => ("pinned", vector_headers, body, 200, Some("ContactCreateEvent")),
                1 => (
                    "live",
                    signed_now(&body, &nonce, 0),
                    body,
                    200,
                    Some("ContactCreateEvent"),
                ),
                2 => ("live", signed_now(&body, &nonce, -1000), body, 401, None),
                3 => {
                    let tampered = body.replace("EN_US", "EN_GB");
                    ("live", signed_now(&body, &nonce, 0), tampered, 401, None)
                }
                _ => (
                    "live",
                    signed_now(unknown, &nonce, 0),
                    unknown.to_string(),
                    200,
                    Some("Other"),
                ),
            };
            let (status, text) = post_to(&client, &format!("{base}/{route}"), &headers, body).await;
            assert_eq!(status, expected, "request {i}: {text}");
            if let Some(kind) = kind {
                assert_eq!(
                    serde_json::from_str::<Value>(&text).unwrap()["kind"],
                    kind,
                    "request {i}"
                );
            } else {
                assert_eq!(text, UNAUTHORIZED, "request {i}");
            }
        }
    });
    let tasks: Vec<_> = calls.map(tokio::spawn).collect();
    for task in tasks {
        task.await.unwrap();
    }
}
