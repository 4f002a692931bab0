//! Sends "Hello from Rust" to a phone number over the SMS channel of a Conversation app and
//! prints the message id.
//!
//! Settings come from the environment: SINCH_PROJECT_ID, SINCH_KEY_ID, SINCH_KEY_SECRET,
//! SINCH_APP_ID, SINCH_TO, SINCH_CONVERSATION_REGION (us, eu, br); optional SINCH_AUTH_URL
//! (the OAuth2 token endpoint) and SINCH_CONVERSATION_URL (instead of the regional host).
//!
//! `cargo run -p sinch-sdk --example conversation_send_text`

use sinch_sdk::conversation::{self, types};
use sinch_sdk::runtime::{Auth, OAuth2};
use std::process::ExitCode;

fn setting(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

fn region(name: &str) -> Result<conversation::Region, String> {
    Ok(match name.to_ascii_lowercase().as_str() {
        "us" => conversation::Region::Us,
        "eu" => conversation::Region::Eu,
        "br" => conversation::Region::Br,
        other => return Err(format!("SINCH_CONVERSATION_REGION `{other}` is not one of us, eu, br")),
    })
}

async fn run() -> Result<String, String> {
    let project = setting("SINCH_PROJECT_ID")?;
    let (key_id, key_secret) = (setting("SINCH_KEY_ID")?, setting("SINCH_KEY_SECRET")?);
    let oauth = match std::env::var("SINCH_AUTH_URL") {
        Ok(url) => OAuth2::with_token_url(key_id, key_secret, url),
        Err(_) => OAuth2::new(key_id, key_secret),
    };
    let auth = Auth::OAuth2(oauth);
    let client = match std::env::var("SINCH_CONVERSATION_URL") {
        Ok(url) => conversation::Client::with_base_url(url, auth),
        Err(_) => conversation::Client::new(region(&setting("SINCH_CONVERSATION_REGION")?)?, auth),
    }
    .map_err(|e| e.to_string())?;
    let request = types::SendMessageRequest {
        app_id: Some(setting("SINCH_APP_ID")?),
        recipient: Some(types::Recipient {
            identified_by: Some(types::ChannelIdentities {
                channel_identities: Some(vec![types::ChannelRecipientIdentity {
                    channel: Some(types::ConversationChannel::Sms),
                    identity: Some(setting("SINCH_TO")?),
                }]),
            }),
            ..Default::default()
        }),
        message: Some(types::AppMessage {
            text_message: Some(types::TextMessage {
                text: Some("Hello from Rust".into()),
            }),
            ..Default::default()
        }),
        channel_priority_order: Some(vec![types::ConversationChannel::Sms]),
        ..Default::default()
    };
    let sent = client
        .messages()
        .messages_send_message(&project, &request)
        .await
        .map_err(|e| e.to_string())?;
    sent.message_id
        .ok_or_else(|| "the response has no message id".to_string())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(id) => {
            println!("{id}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("conversation_send_text: {e}");
            ExitCode::FAILURE
        }
    }
}
