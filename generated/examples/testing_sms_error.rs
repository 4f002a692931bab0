//! Testing your own code with `sinch_sdk::testing`: a function that sends an SMS and handles
//! Sinch refusing it (a 400), tested against the in-process test server, no network needed.
//!
//! `cargo run -p sinch-sdk --example testing_sms_error --features testing` runs the scenario;
//! `cargo test -p sinch-sdk --example testing_sms_error --features testing` runs it as tests.

use sinch_sdk::runtime::SinchError;
use sinch_sdk::sms::types::{SendBatchObject, SendBatchObjectDeliveryReport, SendBatchObjectType};

/// What `send_reminder` reports.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// Sent: the batch id.
    Sent(String),
    /// Sinch refused the request (400): its error code and text.
    Refused(String, String),
}

/// The code under test: sends a reminder and tells a refused request from other failures.
async fn send_reminder(sms: &sinch_sdk::sms::Client, to: &str) -> Result<Outcome, Box<dyn std::error::Error>> {
    let batch = SendBatchObject::new(
        vec![to.to_string()],
        SendBatchObjectType::MtText,
        "Your appointment is tomorrow at 10:00",
        SendBatchObjectDeliveryReport::None,
    );
    match sms.sending_sms().send(batch).await {
        Ok(created) => Ok(Outcome::Sent(created.id.unwrap_or_default())),
        Err(e) if e.status().map(|s| s.as_u16()) == Some(400) => match e.sinch_error() {
            Some(SinchError::Sms { code, text }) => Ok(Outcome::Refused(code, text)),
            _ => Err(e.into()),
        },
        Err(e) => Err(e.into()),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    use sinch_sdk::testing::{Operation, TestServer};
    let server = TestServer::start().await;
    let sms = server.client_for::<sinch_sdk::sms::Client>();
    println!("default answer: {:?}", send_reminder(&sms, "+46700000001").await?);
    server.on(Operation::SmsSendingSmsSend).respond(
        400,
        serde_json::json!({"code": "syntax_invalid_parameter_format", "text": "Invalid number"}),
    );
    println!("refused: {:?}", send_reminder(&sms, "not-a-number").await?);
    server.verify();
    Ok(())
}

/// The tests: the test server answers like Sinch, checks every request against the
/// description, and records what it received.
#[cfg(test)]
mod tests {
    use super::*;
    use sinch_sdk::testing::{Operation, TestServer};

    #[tokio::test]
    async fn a_refused_number_is_reported() {
        let server = TestServer::start().await;
        server.on(Operation::SmsSendingSmsSend).respond(
            400,
            serde_json::json!({"code": "syntax_invalid_parameter_format", "text": "Invalid number"}),
        );
        let sms = server.client_for::<sinch_sdk::sms::Client>();
        let outcome = send_reminder(&sms, "not-a-number").await.unwrap();
        assert_eq!(
            outcome,
            Outcome::Refused("syntax_invalid_parameter_format".into(), "Invalid number".into())
        );
        // What reached "Sinch", decoded into the SDK's request type.
        let sent: SendBatchObject = server.received(Operation::SmsSendingSmsSend)[0].json();
        assert_eq!(sent.to, vec!["not-a-number".to_string()]);
        // Every request followed the description (dropping the server checks this too).
        server.verify();
    }

    #[tokio::test]
    async fn a_sent_reminder_gives_the_batch_id() {
        let server = TestServer::start().await;
        // No expectation: the operation answers with the description's example.
        let sms = server.client_for::<sinch_sdk::sms::Client>();
        let outcome = send_reminder(&sms, "+46700000001").await.unwrap();
        assert!(matches!(outcome, Outcome::Sent(id) if !id.is_empty()));
    }
}
