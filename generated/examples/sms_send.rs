//! Sends one SMS batch and prints its id.
//!
//! Settings come from the environment: SINCH_SERVICE_PLAN_ID, SINCH_API_TOKEN,
//! SINCH_SMS_REGION (us, eu, au, br, ca), SINCH_FROM, SINCH_TO; optional SINCH_SMS_URL to send
//! somewhere else than Sinch's regional host.
//!
//! `cargo run -p sinch-sdk --example sms_send`

use sinch_sdk::runtime::Auth;
use sinch_sdk::sms::{self, types};
use std::process::ExitCode;

fn setting(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

fn region(name: &str) -> Result<sms::Region, String> {
    Ok(match name.to_ascii_lowercase().as_str() {
        "us" => sms::Region::Us,
        "eu" => sms::Region::Eu,
        "au" => sms::Region::Au,
        "br" => sms::Region::Br,
        "ca" => sms::Region::Ca,
        other => return Err(format!("SINCH_SMS_REGION `{other}` is not one of us, eu, au, br, ca")),
    })
}

async fn run() -> Result<String, String> {
    let plan = setting("SINCH_SERVICE_PLAN_ID")?;
    let auth = Auth::bearer(setting("SINCH_API_TOKEN")?);
    let client = match std::env::var("SINCH_SMS_URL") {
        Ok(url) => sms::Client::with_base_url(url, auth),
        Err(_) => sms::Client::new(region(&setting("SINCH_SMS_REGION")?)?, auth),
    }
    .map_err(|e| e.to_string())?;
    let batch = types::SendBatchObject {
        to: vec![setting("SINCH_TO")?],
        from: Some(setting("SINCH_FROM")?),
        r#type: types::SendBatchObjectType::MtText,
        body: "Hello from Rust".into(),
        delivery_report: types::SendBatchObjectDeliveryReport::None,
        udh: None,
        send_at: None,
        expire_at: None,
        callback_url: None,
        flash_message: None,
        parameters: None,
        client_reference: None,
        max_number_of_message_parts: None,
    };
    let created = client
        .sending_sms()
        .send_sms(&plan, Some(&batch))
        .await
        .map_err(|e| e.to_string())?;
    created.id.ok_or_else(|| "the response has no batch id".to_string())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(id) => {
            println!("{id}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sms_send: {e}");
            ExitCode::FAILURE
        }
    }
}
