//! The SDK's public API used as a user would (issue 12): settings that name what is missing, a
//! client-level project id overridden per call, request constructors taking exactly the
//! required fields, per-call options (timeout, headers) and response headers, each against a
//! loopback server that checks what went over the wire.

#![cfg(all(feature = "conversation", feature = "sms"))]

use sinch_sdk::SinchClient;
use sinch_sdk::conversation::types::{
    AppMessage, ChannelRecipientIdentity, ConversationChannel, RecipientRequest, SendMessageRequest,
};
use sinch_sdk::runtime::{Error, Settings};
use sinch_sdk::sms::types::{
    BatchBody, DeliveryFeedbackRequest, MediaBody, SendBatchObject, SendBatchObjectDeliveryReport, SendBatchObjectType,
};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Settings for Conversation pointed at `server`, with a token endpoint there.
async fn conversation_settings(server: &MockServer) -> Settings {
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"access_token": "tok", "expires_in": 3600})),
        )
        .mount(server)
        .await;
    Settings::new()
        .key("key-id", "key-secret")
        .project_id("client-project")
        .auth_url(format!("{}/oauth2/token", server.uri()))
        .base_url("conversation", server.uri())
}

fn text_request() -> SendMessageRequest {
    let to = ChannelRecipientIdentity::new(ConversationChannel::Sms, "+46700000001");
    SendMessageRequest::new(
        "app-1",
        AppMessage::text("hi"),
        RecipientRequest::identified_by(vec![to]),
    )
}

#[tokio::test]
async fn a_missing_setting_names_its_variable() {
    // What `from_env` reads, given as a map: Conversation's credentials, no region, no project.
    let vars: BTreeMap<String, String> = [("SINCH_KEY_ID", "id"), ("SINCH_KEY_SECRET", "very-secret")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let sinch = SinchClient::new(Settings::from_map(&vars)).unwrap();
    let err = sinch.conversation().unwrap_err();
    assert_eq!(err.variable, "SINCH_CONVERSATION_REGION", "{err}");
    assert!(err.to_string().contains("(us, eu, br)"), "{err}");
    let err = sinch.sms().unwrap_err();
    assert!(err.variable.starts_with("SINCH_SMS_"), "{err}");
    // The secret is never in what the settings or the client print.
    assert!(!format!("{:?}", Settings::from_map(&vars)).contains("very-secret"));
    assert!(!format!("{sinch:?}").contains("very-secret"));

    // With a region, the client is made; the missing project id is named when a call needs it,
    // before anything is sent (the region's host is never reached).
    let mut vars = vars;
    vars.insert("SINCH_CONVERSATION_REGION".into(), "eu".into());
    let conversation = SinchClient::new(Settings::from_map(&vars))
        .unwrap()
        .conversation()
        .unwrap();
    let err = conversation.messages().send(text_request()).await.unwrap_err();
    assert!(matches!(err, Error::Request { .. }), "{err:?}");
    let text = err.to_string();
    for e in ["project_id", "SINCH_PROJECT_ID", "with_project_id"] {
        assert!(text.contains(e), "`{e}` not in: {text}");
    }
}

#[tokio::test]
async fn the_client_project_id_is_used_and_a_call_can_override_it() {
    let server = MockServer::start().await;
    let sinch = SinchClient::new(conversation_settings(&server).await).unwrap();
    let sent = serde_json::json!({"message_id": "m-1", "accepted_time": "2026-11-30T10:00:00Z"});
    Mock::given(method("POST"))
        .and(path("/v1/projects/client-project/messages:send"))
        .and(header("authorization", "Bearer tok"))
        .and(body_json(serde_json::json!({
            "app_id": "app-1",
            "message": {"text_message": {"text": "hi"}},
            "recipient": {"identified_by": {"channel_identities": [{"channel": "SMS", "identity": "+46700000001"}]}}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(&sent))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/projects/other-project/messages:send"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&sent))
        .expect(1)
        .mount(&server)
        .await;

    let conversation = sinch.conversation().unwrap();
    let a = conversation.messages().send(text_request()).await.unwrap();
    assert_eq!(a.message_id.as_deref(), Some("m-1"));
    let b = conversation
        .messages()
        .send(text_request())
        .project_id("other-project")
        .await
        .unwrap();
    assert_eq!(b.message_id.as_deref(), Some("m-1"));
}

#[tokio::test]
async fn a_per_call_timeout_ends_the_call() {
    let server = MockServer::start().await;
    let sinch = SinchClient::new(conversation_settings(&server).await).unwrap();
    Mock::given(method("POST"))
        .and(path("/v1/projects/client-project/messages:send"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"message_id": "late"}))
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let started = Instant::now();
    let err = sinch
        .conversation()
        .unwrap()
        .messages()
        .send(text_request())
        .timeout(Duration::from_millis(300))
        .retry_policy(sinch_sdk::runtime::RetryPolicy::none())
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "took {:?}",
        started.elapsed()
    );
    match err {
        Error::Transport { source, operation } => {
            assert!(source.is_timeout(), "{source}");
            assert_eq!(operation, "Messages_SendMessage");
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
}

#[tokio::test]
async fn response_headers_and_status_come_with_the_value_and_extra_headers_go_out() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/xms/v1/plan-1/batches"))
        .and(header("authorization", "Bearer sms-token"))
        .and(header("x-trace", "abc"))
        .and(body_json(serde_json::json!({
            "to": ["+46700000001"],
            "type": "mt_text",
            "body": "Hello",
            "delivery_report": "none",
            "from": "Sinch"
        })))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-request-id", "req-42")
                .set_body_json(serde_json::json!({"id": "batch-1", "type": "mt_text"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let settings = Settings::new()
        .sms_service_plan("plan-1", "sms-token")
        .base_url("sms", server.uri());
    let sms = SinchClient::new(settings).unwrap().sms().unwrap();
    let batch = SendBatchObject::new(
        vec!["+46700000001".to_string()],
        SendBatchObjectType::MtText,
        "Hello",
        SendBatchObjectDeliveryReport::None,
    )
    .from("Sinch");
    let answer = sms
        .sending_sms()
        .send(batch)
        .header("x-trace", "abc")
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(answer.status.as_u16(), 201);
    assert_eq!(answer.header("x-request-id"), Some("req-42"));
    assert_eq!(answer.into_value().id.as_deref(), Some("batch-1"));
}

/// MMS and the two SMS operations the 2021 description leaves out (the manifest's fixes): a media
/// batch goes out with its body as an object and comes back as `BatchBody::MediaBody`, text still
/// converts into a body, and the delivery-report list pages through `count`.
#[tokio::test]
async fn mms_batches_delivery_report_pages_and_feedback_go_over_the_wire() {
    use futures_util::StreamExt;
    let server = MockServer::start().await;
    let media = serde_json::json!({"url": "https://example.com/cat.png", "message": "Look", "subject": "Cat"});
    Mock::given(method("POST"))
        .and(path("/xms/v1/plan-1/batches"))
        .and(body_json(serde_json::json!({
            "to": ["+12025550100"],
            "type": "mt_media",
            "body": media,
            "delivery_report": "none"
        })))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({
            "id": "mms-1", "type": "mt_media", "body": media
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/xms/v1/plan-1/batches/mms-1/delivery_feedback"))
        .and(body_json(serde_json::json!({"recipients": ["+12025550100"]})))
        .respond_with(ResponseTemplate::new(202))
        .expect(1)
        .mount(&server)
        .await;
    for page in 0..2 {
        Mock::given(method("GET"))
            .and(path("/xms/v1/plan-1/delivery_reports"))
            .and(wiremock::matchers::query_param("page", page.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "count": 2, "page": page, "page_size": 1,
                "delivery_reports": [{"type": "recipient_delivery_report_mms", "batch_id": "mms-1",
                    "recipient": "+12025550100", "code": 401 + page, "status": "Dispatched"}]
            })))
            .expect(1)
            .mount(&server)
            .await;
    }
    let settings = Settings::new()
        .sms_service_plan("plan-1", "sms-token")
        .base_url("sms", server.uri());
    let sms = SinchClient::new(settings).unwrap().sms().unwrap();
    let body = MediaBody::new("https://example.com/cat.png")
        .message("Look")
        .subject("Cat");
    let batch = SendBatchObject::new(
        vec!["+12025550100".to_string()],
        SendBatchObjectType::MtMedia,
        body.clone(),
        SendBatchObjectDeliveryReport::None,
    );
    let created = sms.sending_sms().send(batch).await.unwrap();
    assert_eq!(created.body, Some(BatchBody::MediaBody(body)));
    assert_eq!(BatchBody::from("Hello"), BatchBody::Text("Hello".into()));
    sms.batches()
        .delivery_feedback("mms-1", DeliveryFeedbackRequest::new(vec!["+12025550100".to_string()]))
        .await
        .unwrap();
    let codes: Vec<Option<i64>> = sms
        .delivery_reports()
        .list()
        .items()
        .map(|r| r.unwrap().code)
        .collect()
        .await;
    assert_eq!(codes, [Some(401), Some(402)]);
}

#[cfg(feature = "fax")]
#[test]
fn a_routing_host_is_the_default_region_and_a_named_one_wins() {
    use sinch_sdk::fax;
    let vars: BTreeMap<String, String> = [("SINCH_KEY_ID", "id"), ("SINCH_KEY_SECRET", "secret")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    // No SINCH_FAX_REGION: the global host, which Sinch routes itself (the manifest's default).
    let client = SinchClient::new(Settings::from_map(&vars)).unwrap().fax().unwrap();
    assert_eq!(client.http().base_url(), "https://fax.api.sinch.com");
    assert_eq!(fax::Region::default(), fax::Region::Global);

    let mut vars = vars;
    vars.insert("SINCH_FAX_REGION".into(), "Europe".into());
    let client = SinchClient::new(Settings::from_map(&vars)).unwrap().fax().unwrap();
    assert_eq!(client.http().base_url(), "https://eu1.fax.api.sinch.com");

    vars.insert("SINCH_FAX_REGION".into(), "mars".into());
    let err = SinchClient::new(Settings::from_map(&vars)).unwrap().fax().unwrap_err();
    assert_eq!(err.variable, "SINCH_FAX_REGION", "{err}");
    assert!(err.to_string().contains("southeast-asia-2"), "{err}");
}
