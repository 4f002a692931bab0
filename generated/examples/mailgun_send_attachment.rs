//! Sends an email with an attachment through Mailgun (a multipart upload) and prints the message id.
//!
//! Settings come from the environment: SINCH_MAILGUN_API_KEY, SINCH_MAILGUN_DOMAIN,
//! SINCH_MAILGUN_REGION (us, eu), SINCH_MAIL_FROM, SINCH_MAIL_TO and SINCH_MAIL_ATTACHMENT (a
//! file); optional SINCH_MAILGUN_URL.
//!
//! `cargo run -p sinch-sdk --example mailgun_send_attachment`

use sinch_sdk::SinchClient;
use sinch_sdk::mailgun::types::PostV3DomainNameMessagesMultipartFormDataRequestBody as Email;
use sinch_sdk::runtime::File;

/// A setting from the environment, or an error naming it.
fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mailgun = SinchClient::from_env()?.mailgun()?;
    let email = Email::new(env("SINCH_MAIL_FROM")?, vec![env("SINCH_MAIL_TO")?], "Hello from Rust")
        .text("The report is attached.")
        .attachment(vec![File::from_path(env("SINCH_MAIL_ATTACHMENT")?)]);
    let sent = mailgun.messages().send(email).await?;
    println!("{}", sent.id);
    Ok(())
}
