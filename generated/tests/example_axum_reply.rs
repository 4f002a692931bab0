//! The `axum_conversation_reply` example, run as its users run it: it listens on loopback,
//! gets a signed inbound text message, and must reply through the Conversation API (a loopback
//! server that also hands out the OAuth2 token); a forged callback gets 401 and no reply.
//!
//! `cargo test -p sinch-sdk --no-default-features --features conversation,axum --test example_axum_reply`

#![cfg(all(feature = "conversation", feature = "axum"))]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::json;
use sinch_sdk::webhooks::ConversationWebhook;
use wiremock::matchers::{body_partial_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod examples_support;

/// Kills the example when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn replies_to_a_signed_inbound_text_and_refuses_a_forged_one() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": "tok", "expires_in": 3600})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/projects/proj-1/messages:send"))
        .and(body_partial_json(json!({
            "app_id": "app-1",
            "message": {"text_message": {"text": "You said: hello"}},
            "recipient": {"identified_by": {"channel_identities": [{"channel": "SMS", "identity": "46700000001"}]}},
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"message_id": "reply-1"})))
        .expect(1)
        .mount(&server)
        .await;

    let mut child = Command::new(examples_support::example("axum_conversation_reply"))
        .env_clear()
        .envs([
            ("SINCH_PROJECT_ID", "proj-1".to_string()),
            ("SINCH_KEY_ID", "key-id".into()),
            ("SINCH_KEY_SECRET", "key-secret".into()),
            ("SINCH_CONVERSATION_REGION", "eu".into()),
            ("SINCH_AUTH_URL", format!("{}/oauth2/token", server.uri())),
            ("SINCH_CONVERSATION_URL", server.uri()),
            ("SINCH_WEBHOOK_SECRET", "webhook secret".into()),
            ("LISTEN", "127.0.0.1:0".into()),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let running = Running(child);
    let (lines_tx, mut lines) = tokio::sync::mpsc::unbounded_channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let next_line = async |lines: &mut tokio::sync::mpsc::UnboundedReceiver<String>| {
        tokio::time::timeout(Duration::from_secs(20), lines.recv())
            .await
            .expect("the example printed nothing in 20 s")
            .expect("the example exited")
    };
    let first = next_line(&mut lines).await;
    let address = first.strip_prefix("listening on ").expect(&first).to_string();
    let url = format!("http://{address}/sinch/conversation");

    let body = json!({
        "app_id": "app-1",
        "project_id": "proj-1",
        "accepted_time": "2026-11-30T10:00:00Z",
        "message": {
            "id": "inbound-1",
            "direction": "TO_APP",
            "contact_message": {"text_message": {"text": "hello"}},
            "channel_identity": {"channel": "SMS", "identity": "46700000001", "app_id": "app-1"},
            "conversation_id": "conv-1",
            "contact_id": "contact-1"
        }
    })
    .to_string();
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string();
    let signature = ConversationWebhook::new("webhook secret").sign(body.as_bytes(), "nonce-1", &timestamp);
    let client = reqwest::Client::new();
    let send = |signature: String| {
        client
            .post(&url)
            .header("content-type", "application/json")
            .header("x-sinch-webhook-signature", signature)
            .header("x-sinch-webhook-signature-nonce", "nonce-1")
            .header("x-sinch-webhook-signature-timestamp", &timestamp)
            .body(body.clone())
            .send()
    };

    let forged = ConversationWebhook::new("another secret").sign(body.as_bytes(), "nonce-1", &timestamp);
    assert_eq!(send(forged).await.unwrap().status().as_u16(), 401);
    assert_eq!(send(signature).await.unwrap().status().as_u16(), 200);
    assert_eq!(next_line(&mut lines).await, "replied reply-1");
    drop(running);
    // `expect(1)` on the reply is checked when the server drops: exactly one reply was sent.
}

/// The README's "Receiving webhooks" program is this example's code, so it is compiled too.
#[test]
fn readme_shows_the_compiled_example() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let example = std::fs::read_to_string(format!("{root}/generated/examples/axum_conversation_reply.rs")).unwrap();
    let section = readme
        .split("## Receiving webhooks")
        .nth(1)
        .expect("README has a Receiving webhooks section");
    let block = section
        .split("```rust,no_run\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the section has a rust block");
    let code: Vec<&str> = example
        .lines()
        .skip_while(|l| l.starts_with("//!") || l.is_empty())
        .collect();
    assert_eq!(
        block.trim_end(),
        code.join("\n").trim_end(),
        "README block and example differ"
    );
}
