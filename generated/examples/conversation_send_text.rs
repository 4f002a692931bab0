//! Sends "Hello from Rust" to a phone number over the SMS channel of a Conversation app and
//! prints the message id.
//!
//! Settings come from the environment: SINCH_PROJECT_ID, SINCH_KEY_ID, SINCH_KEY_SECRET,
//! SINCH_CONVERSATION_REGION (us, eu, br), SINCH_APP_ID and SINCH_TO; optional SINCH_AUTH_URL
//! (the OAuth2 token endpoint) and SINCH_CONVERSATION_URL (instead of the regional host).
//!
//! `cargo run -p sinch-sdk --example conversation_send_text`

use sinch_sdk::SinchClient;
use sinch_sdk::conversation::types::{
    AppMessage, ChannelRecipientIdentity, ConversationChannel, RecipientRequest, SendMessageRequest,
};

/// A setting from the environment, or an error naming it.
fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (app_id, to) = (env("SINCH_APP_ID")?, env("SINCH_TO")?);
    let sinch = SinchClient::from_env()?;
    let recipient = RecipientRequest::identified_by(vec![ChannelRecipientIdentity::new(ConversationChannel::Sms, to)]);
    let request = SendMessageRequest::new(app_id, AppMessage::text("Hello from Rust"), recipient);
    let sent = sinch.conversation()?.messages().send(request).await?;
    println!("{}", sent.message_id.unwrap_or_default());
    Ok(())
}
