//! The hand-written examples, run as their users run them, against a loopback server that
//! checks the credentials, answers the first API call with 429 and `Retry-After: 1`, and
//! expects the retry and the printed id.

#![cfg(all(feature = "sms", feature = "conversation", feature = "voice"))]

use std::time::{Duration, Instant};
use wiremock::matchers::{body_string, header, header_regex, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod examples_support;
use examples_support::run;

/// The first call gets 429 with `Retry-After: 1`; the next gets `ok`.
async fn throttle_once(server: &MockServer, m: &str, p: &str, ok: ResponseTemplate) {
    Mock::given(method(m))
        .and(path(p))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method(m))
        .and(path(p))
        .respond_with(ok)
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn sms_send_prints_the_batch_id() {
    let server = MockServer::start().await;
    throttle_once(
        &server,
        "POST",
        "/xms/v1/plan-1/batches",
        ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "batch-1"})),
    )
    .await;
    let started = Instant::now();
    let (out, err, ok) = run(
        "sms_send",
        &[
            ("SINCH_SMS_SERVICE_PLAN_ID", "plan-1".into()),
            ("SINCH_SMS_API_TOKEN", "api-token".into()),
            ("SINCH_SMS_REGION", "eu".into()),
            ("SINCH_FROM", "+46700000000".into()),
            ("SINCH_TO", "+46700000001".into()),
            ("SINCH_SMS_URL", server.uri()),
        ],
    )
    .await;
    assert!(ok, "{err}");
    assert_eq!(out, "batch-1");
    assert!(started.elapsed() >= Duration::from_secs(1));
    let reqs = server.received_requests().await.unwrap();
    assert!(
        reqs.iter()
            .all(|r| r.headers.get("authorization").unwrap() == "Bearer api-token")
    );
    let body: serde_json::Value = serde_json::from_slice(&reqs[1].body).unwrap();
    assert_eq!(body["to"], serde_json::json!(["+46700000001"]));
    assert_eq!(body["body"], "Hello from Rust");
}

#[tokio::test]
async fn conversation_send_text_prints_the_message_id() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(header("authorization", "Basic a2V5LWlkOmtleS1zZWNyZXQ="))
        .and(body_string("grant_type=client_credentials"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"access_token": "tok", "expires_in": 3600})),
        )
        .expect(1)
        .mount(&server)
        .await;
    throttle_once(
        &server,
        "POST",
        "/v1/projects/proj-1/messages:send",
        ResponseTemplate::new(200)
            .set_body_json(serde_json::json!({"message_id": "msg-1", "accepted_time": "2026-11-23T10:00:00Z"})),
    )
    .await;
    let (out, err, ok) = run(
        "conversation_send_text",
        &[
            ("SINCH_PROJECT_ID", "proj-1".into()),
            ("SINCH_KEY_ID", "key-id".into()),
            ("SINCH_KEY_SECRET", "key-secret".into()),
            ("SINCH_APP_ID", "app-1".into()),
            ("SINCH_TO", "+46700000001".into()),
            ("SINCH_CONVERSATION_REGION", "eu".into()),
            ("SINCH_AUTH_URL", format!("{}/oauth2/token", server.uri())),
            ("SINCH_CONVERSATION_URL", server.uri()),
        ],
    )
    .await;
    assert!(ok, "{err}");
    assert_eq!(out, "msg-1");
    let reqs = server.received_requests().await.unwrap();
    let sends: Vec<_> = reqs
        .iter()
        .filter(|r| r.url.path().ends_with("messages:send"))
        .collect();
    assert_eq!(sends.len(), 2);
    assert!(
        sends
            .iter()
            .all(|r| r.headers.get("authorization").unwrap() == "Bearer tok")
    );
    let body: serde_json::Value = serde_json::from_slice(&sends[1].body).unwrap();
    assert_eq!(body["message"]["text_message"]["text"], "Hello from Rust");
    assert_eq!(
        body["recipient"]["identified_by"]["channel_identities"][0]["channel"],
        "SMS"
    );
}

#[tokio::test]
async fn voice_callout_prints_the_call_id() {
    let server = MockServer::start().await;
    Mock::given(header_regex("authorization", "^Application app-key:"))
        .and(path("/calling/v1/callouts"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(header_regex("authorization", "^Application app-key:"))
        .and(path("/calling/v1/callouts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"callId": "call-1"})))
        .mount(&server)
        .await;
    let secret = "BeIukql3pTKJ8RGL5zo0DA==";
    let (out, err, ok) = run(
        "voice_callout",
        &[
            ("SINCH_APPLICATION_KEY", "app-key".into()),
            ("SINCH_APPLICATION_SECRET", secret.into()),
            ("SINCH_TO", "+46700000001".into()),
            ("SINCH_VOICE_URL", server.uri()),
        ],
    )
    .await;
    assert!(ok, "{err}");
    assert_eq!(out, "call-1");
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 2);
    for r in &reqs {
        let h = |n: &str| {
            r.headers
                .get(n)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };
        let expected = sinch_sdk::runtime::signing::authorization(
            "app-key",
            secret,
            r.method.as_str(),
            r.url.path(),
            &h("content-type"),
            &r.body,
            &h("x-timestamp"),
        )
        .unwrap();
        assert_eq!(h("authorization"), expected, "each attempt is signed afresh");
    }
}

#[tokio::test]
async fn examples_fail_clearly_without_settings() {
    let (out, err, ok) = run("sms_send", &[]).await;
    assert!(!ok);
    assert!(out.is_empty());
    assert!(
        err.contains("SINCH_SMS_API_TOKEN") && err.contains("SINCH_KEY_ID"),
        "{err}"
    );
    let (out, err, ok) = run("sms_send", &[("SINCH_SMS_API_TOKEN", "token".into())]).await;
    assert!(!ok);
    assert!(out.is_empty());
    assert!(err.contains("SINCH_SMS_REGION"), "{err}");
    assert!(!err.contains("token\""), "the token is not echoed: {err}");
    let (_, err, ok) = run("conversation_send_text", &[("SINCH_CONVERSATION_REGION", "eu".into())]).await;
    assert!(!ok);
    assert!(err.contains("SINCH_APP_ID is not set"), "{err}");
}
