//! Sends one SMS batch and prints its id.
//!
//! Settings come from the environment: SINCH_SMS_SERVICE_PLAN_ID, SINCH_SMS_API_TOKEN,
//! SINCH_SMS_REGION (us, eu, au, br, ca), SINCH_FROM and SINCH_TO; optional SINCH_SMS_URL to send
//! somewhere else than Sinch's regional host.
//!
//! `cargo run -p sinch-sdk --example sms_send`

use sinch_sdk::SinchClient;
use sinch_sdk::sms::types::{SendBatchObject, SendBatchObjectDeliveryReport, SendBatchObjectType};

/// A setting from the environment, or an error naming it.
fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sms = SinchClient::from_env()?.sms()?;
    let (from, to) = (env("SINCH_FROM")?, env("SINCH_TO")?);
    let batch = SendBatchObject::new(
        vec![to],
        SendBatchObjectType::MtText,
        "Hello from Rust",
        SendBatchObjectDeliveryReport::None,
    )
    .from(from);
    let created = sms.sending_sms().send(batch).await?;
    println!("{}", created.id.unwrap_or_default());
    Ok(())
}
