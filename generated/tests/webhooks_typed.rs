//! Signed callbacks of the vectors, verified, decode into the generated event types of their API
//! (Voice's `WebhooksEvent`, Numbers' `CallbackPayload`), with unknown kinds kept.
//!
//! `cargo test -p sinch-sdk --no-default-features --features voice,numbers --test webhooks_typed`

#![cfg(all(feature = "voice", feature = "numbers"))]

use std::path::PathBuf;
use std::time::{Duration, UNIX_EPOCH};

use serde_json::Value;
use sinch_sdk::numbers::types::CallbackPayload;
use sinch_sdk::voice::types::WebhooksEvent;
use sinch_sdk::webhooks::{ApplicationWebhook, NumbersWebhook};

fn vector(name: &str) -> Value {
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
    let all: Vec<Value> = serde_json::from_str(&text).unwrap();
    all.into_iter().find(|v| v["name"] == name).expect(name)
}

fn headers(pairs: &[(&str, &str)]) -> reqwest::header::HeaderMap {
    pairs
        .iter()
        .map(|(k, v)| (k.parse().unwrap(), v.parse().unwrap()))
        .collect()
}

#[test]
fn voice_application_callback_decodes_into_webhooks_event() {
    let v = vector("voice-verification-application-signed-callback");
    let s = |k: &str| v[k].as_str().unwrap().to_string();
    let hook = ApplicationWebhook::new(s("application_key"), s("application_secret")).unwrap();
    let h = headers(&[
        ("authorization", &s("expected_authorization")),
        ("x-timestamp", &s("x_timestamp")),
        ("content-type", &s("content_type")),
    ]);
    let (seconds, _) = sinch_sdk::runtime::Timestamp::new(s("x_timestamp")).to_unix().unwrap();
    let now = UNIX_EPOCH + Duration::from_secs(seconds as u64);
    let event: WebhooksEvent = hook
        .verify_and_decode(&s("method"), &s("path"), &h, s("body").as_bytes(), now)
        .unwrap();
    match event {
        WebhooksEvent::AceRequest(ace) => {
            assert_eq!(ace.callid.as_deref(), Some("822aa4b7-05b4-4d83-87c7-1f835ee0b6f6_257"))
        }
        other => panic!("not an ACE: {other:?}"),
    }
    let later: WebhooksEvent = serde_json::from_str(r#"{"event":"hologram","callid":"c"}"#).unwrap();
    assert!(matches!(later, WebhooksEvent::Other(_)));
}

#[test]
fn numbers_callback_decodes_into_callback_payload() {
    let v = vector("numbers-callback");
    let s = |k: &str| v[k].as_str().unwrap().to_string();
    let hook = NumbersWebhook::new(s("secret"));
    let h = headers(&[("x-sinch-signature", &s("expected_signature"))]);
    let event: CallbackPayload = hook.verify_and_decode(&h, s("body").as_bytes()).unwrap();
    assert!(
        matches!(event, CallbackPayload::CallbackPayloadActiveNumber(_)),
        "{event:?}"
    );
}
