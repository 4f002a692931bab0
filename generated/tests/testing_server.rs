//! `sinch_sdk::testing`: default answers decode into the SDK's types, expectations (errors
//! included) are honoured, received requests decode, invalid requests fail naming the operation
//! and the violation, and the OAuth2 token flow runs against the server.

use sinch_sdk::conversation::messages::MessagesSendMessageError;
use sinch_sdk::conversation::types::{
    AppMessage, ChannelRecipientIdentity, ConversationChannel, RecipientRequest, RuntimeError, RuntimeErrorError,
    SendMessageRequest,
};
use sinch_sdk::runtime::SinchError;
use sinch_sdk::sms::types::{BatchBody, SendBatchObject, SendBatchObjectDeliveryReport, SendBatchObjectType};
use sinch_sdk::testing::{Canned, Operation, TestServer};

fn batch(to: &str, body: &str) -> SendBatchObject {
    SendBatchObject::new(
        vec![to.to_string()],
        SendBatchObjectType::MtText,
        body,
        SendBatchObjectDeliveryReport::None,
    )
}

fn message(text: &str) -> SendMessageRequest {
    let to = RecipientRequest::identified_by(vec![ChannelRecipientIdentity::new(
        ConversationChannel::Sms,
        "+46700000001",
    )]);
    SendMessageRequest::new("APP_ID", AppMessage::text(text), to)
}

#[tokio::test]
async fn default_answers_decode_into_the_success_types() {
    let server = TestServer::start().await;
    let sinch = server.sinch_client();
    let sms = sinch.sms().unwrap();
    let created = sms.sending_sms().send(batch("+46700000001", "Hi")).await.unwrap();
    assert!(created.id.is_some(), "the example has an id: {created:?}");
    sms.batches().list().await.unwrap();
    sms.batches().get("01FC66621XXXXX119Z8PMV1QPQ").await.unwrap();
    let conversation = sinch.conversation().unwrap();
    // The description has no example here: the answer is made from the response schema.
    let sent = conversation.messages().send(message("Hello")).await.unwrap();
    assert!(sent.accepted_time.is_some(), "{sent:?}");
    conversation.app().list().await.unwrap();
    server.verify();
}

/// Every operation of every API built (in CI: SMS and Conversation; `--all-features` for all
/// of them): the JSON answer the server gives by default decodes into the type the SDK reads it
/// as. (Where a description's example does not fit its own schema, the generator warns and the
/// server answers with a value made from the schema alone.)
#[test]
fn every_default_answer_decodes_into_its_type() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for op in Operation::ALL {
        let spec = op.spec();
        let Some(decode) = spec.answer else { continue };
        checked += 1;
        if let Err(e) = decode(spec.body.as_bytes()) {
            failures.push(format!("{}: {e}", spec.label()));
        }
    }
    println!(
        "{checked} default answers of {} operations decode",
        Operation::ALL.len()
    );
    assert!(checked > 0);
    assert!(
        failures.is_empty(),
        "{} do not decode:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn an_expectation_is_honoured_and_errors_are_typed() {
    let server = TestServer::start().await;
    let sms = server.client_for::<sinch_sdk::sms::Client>();
    server.on(Operation::SmsSendingSmsSend).respond(
        400,
        serde_json::json!({"code": "syntax_invalid_parameter_format", "text": "The number is not valid"}),
    );
    let err = sms.sending_sms().send(batch("+46700000001", "Hi")).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    match err.sinch_error() {
        Some(SinchError::Sms { code, .. }) => assert_eq!(code, "syntax_invalid_parameter_format"),
        other => panic!("not SMS's error shape: {other:?}"),
    }

    // A typed body, once: the next call gets the default again.
    let conversation = server.client_for::<sinch_sdk::conversation::Client>();
    let body = RuntimeError::new().error(
        RuntimeErrorError::new()
            .code(400)
            .message("bad app")
            .status("INVALID_ARGUMENT"),
    );
    server.on(Operation::ConversationMessagesSend).respond_once(400, &body);
    let err = conversation.messages().send(message("1")).await.unwrap_err();
    match err.typed() {
        Some(MessagesSendMessageError::Status400(e)) => assert_eq!(e, &body),
        other => panic!("not the typed 400: {other:?}"),
    }
    conversation.messages().send(message("2")).await.unwrap();

    // A typed success body.
    let created = sinch_sdk::sms::types::SendBatchCreated::default();
    server.on(Operation::SmsSendingSmsSend).respond(201, &created);
    assert_eq!(
        sms.sending_sms().send(batch("+46700000001", "Hi")).await.unwrap(),
        created
    );
    server.verify();
}

#[tokio::test]
async fn received_requests_decode_into_the_request_types() {
    let server = TestServer::start().await;
    let sinch = server.sinch_client();
    sinch
        .sms()
        .unwrap()
        .sending_sms()
        .send(batch("+46700000002", "first"))
        .await
        .unwrap();
    sinch
        .sms()
        .unwrap()
        .sending_sms()
        .send(batch("+46700000003", "second"))
        .await
        .unwrap();
    let received = server.received(Operation::SmsSendingSmsSend);
    assert_eq!(received.len(), 2);
    let first: SendBatchObject = received[0].json();
    assert_eq!(first, batch("+46700000002", "first"));
    assert_eq!(received[1].json::<SendBatchObject>().body, BatchBody::from("second"));
    let bodies: Vec<BatchBody> = server
        .received_as::<SendBatchObject>(Operation::SmsSendingSmsSend)
        .into_iter()
        .map(|b| b.body)
        .collect();
    assert_eq!(bodies, [BatchBody::from("first"), "second".into()]);
    assert_eq!(received[0].path, "/xms/v1/test-service-plan/batches");
    assert_eq!(received[0].header("authorization"), Some("Bearer test-sms-token"));
    assert!(server.received(Operation::SmsBatchesList).is_empty());
    server.verify();
}

/// Sends a raw request, as a hand-built client would.
async fn post(url: String, body: &str) -> (u16, String) {
    let response = sinch_sdk::runtime::reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn invalid_requests_are_named_by_operation_and_violation() {
    let server = TestServer::start().await;
    let url = format!("{}/xms/v1/plan/batches", server.api_url("sms"));

    // A required field missing.
    let (status, body) = post(url.clone(), r#"{"body": "Hi", "type": "mt_text"}"#).await;
    assert_eq!(status, 400);
    assert!(body.contains("missing field `to`"), "{body}");
    let violations = server.take_violations();
    assert_eq!(violations.len(), 1);
    let text = violations[0].to_string();
    assert!(
        text.starts_with("Operation::SmsSendingSmsSend (POST /xms/v1/{service_plan_id}/batches)"),
        "{text}"
    );
    assert!(text.contains("missing field `to`"), "{text}");

    // A field of the wrong type: the message names the field.
    post(
        url.clone(),
        r#"{"to": "+46700000001", "body": "Hi", "type": "mt_text"}"#,
    )
    .await;
    let text = server.take_violations()[0].to_string();
    assert!(text.contains("Operation::SmsSendingSmsSend"), "{text}");
    assert!(text.contains("at `to`: invalid type: string"), "{text}");

    // A path no operation has, and a method the path does not take.
    post(format!("{}/xms/v1/plan/nowhere", server.base_url()), "{}").await;
    post(
        format!("{}/xms/v1/plan/batches/b1/delivery_report", server.base_url()),
        "{}",
    )
    .await;
    let violations: Vec<String> = server.take_violations().iter().map(|v| v.to_string()).collect();
    assert!(
        violations[0].contains("POST /xms/v1/plan/nowhere: no operation"),
        "{violations:?}"
    );
    assert!(
        violations[1].contains("no operation takes POST at this path (it has GET"),
        "{violations:?}"
    );

    // Invalid requests make the test fail, whatever the code under test did with the 400.
    post(url, r#"{"to": [], "body": 5, "type": "mt_text"}"#).await;
    let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| server.verify())).unwrap_err();
    let message = panic.downcast_ref::<String>().unwrap();
    assert!(
        message.contains("Operation::SmsSendingSmsSend")
            && message.contains("at `body`: ")
            && message.contains("invalid type: integer `5`, expected a string or an object"),
        "{message}"
    );
}

#[tokio::test]
#[should_panic(
    expected = "Operation::SmsSendingSmsSend (POST /xms/v1/{service_plan_id}/batches): the body does not match"
)]
async fn dropping_the_server_with_violations_fails_the_test() {
    let server = TestServer::start().await;
    let url = format!("{}/xms/v1/plan/batches", server.base_url());
    let (status, _) = post(url, "{}").await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn the_oauth2_token_flow_runs_against_the_server() {
    let server = TestServer::start().await;
    let conversation = server.sinch_client().conversation().unwrap();
    conversation.messages().send(message("1")).await.unwrap();
    conversation.messages().send(message("2")).await.unwrap();
    // One token, fetched with the key as HTTP Basic, used as Bearer on both calls.
    assert_eq!(server.tokens_issued(), 1);
    let token_requests: Vec<_> = server
        .all_received()
        .into_iter()
        .filter(|r| r.path == sinch_sdk::runtime::testing::TOKEN_PATH)
        .collect();
    assert_eq!(token_requests.len(), 1);
    assert!(token_requests[0].header("authorization").unwrap().starts_with("Basic "));
    for r in server.received(Operation::ConversationMessagesSend) {
        assert_eq!(r.header("authorization"), Some("Bearer sinch-test-token-1"));
        assert!(r.path.starts_with("/v1/projects/test-project/"), "{}", r.path);
    }

    // A 401 saying the token expired: the SDK renews it once and resends.
    let expired = Canned::json(
        401,
        &serde_json::json!({"error": {"code": 401, "message": "expired", "status": "UNAUTHENTICATED"}}),
    )
    .header(
        "www-authenticate",
        "Bearer error=\"invalid_token\", error_description=\"expired\"",
    );
    server
        .on(Operation::ConversationMessagesSend)
        .respond_once_with(expired);
    conversation.messages().send(message("3")).await.unwrap();
    assert_eq!(server.tokens_issued(), 2);
    let last = server.received(Operation::ConversationMessagesSend).pop().unwrap();
    assert_eq!(last.header("authorization"), Some("Bearer sinch-test-token-2"));
    server.verify();
}

/// Multipart bodies: the SDK's fax passes; a hand-built body without the required `to` is a
/// violation naming the field.
#[cfg(feature = "fax")]
#[tokio::test]
async fn multipart_bodies_must_hold_their_required_fields_with_values_of_their_types() {
    use sinch_sdk::fax::types::SendFaxRequest;
    use sinch_sdk::runtime::File;

    let server = TestServer::start().await;
    let fax = server.sinch_client().fax().unwrap();
    let request = SendFaxRequest::new("+12345550100")
        .file(File::from_bytes("a.pdf", &b"%PDF-1.4"[..]))
        .max_retries(3)
        .header_page_numbers(true);
    fax.faxes().send(request).await.unwrap();
    let sent = server.received(Operation::FaxFaxesSend);
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0]
            .header("content-type")
            .unwrap()
            .starts_with("multipart/form-data")
    );
    assert!(server.take_violations().is_empty());

    // No `to`, and a `maxRetries` (an integer in the description) that is not a number.
    let body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF\r\n\
                --b\r\nContent-Disposition: form-data; name=\"maxRetries\"\r\n\r\nthree\r\n--b--\r\n";
    let response = sinch_sdk::runtime::reqwest::Client::new()
        .post(format!("{}/v3/projects/p/faxes", server.api_url("fax")))
        .header("content-type", "multipart/form-data; boundary=b")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let violations = server.take_violations();
    assert_eq!(violations.len(), 1, "{violations:?}");
    let text = violations[0].to_string();
    assert!(text.starts_with("Operation::FaxFaxesSend"), "{text}");
    assert!(
        text.contains("the required field `to` is missing from the body"),
        "{text}"
    );
    assert!(
        text.contains("the field `maxRetries` is `three`, not an integer"),
        "{text}"
    );
}
