//! A small axum server that receives Conversation API callbacks and answers every inbound text
//! message with a text reply, sent through the SDK to the same contact on the same channel.
//!
//! Callbacks are verified before the handler runs (`SinchWebhook`: signature in constant time,
//! a five-minute replay window, then decoded into `ConversationWebhookEvent`); forged or stale
//! ones get 401 and undecodable ones 400. Other event kinds, including kinds Sinch adds later
//! (`ConversationWebhookEvent::Other`), are acknowledged and ignored.
//!
//! Settings come from the environment: SINCH_PROJECT_ID, SINCH_KEY_ID, SINCH_KEY_SECRET,
//! SINCH_CONVERSATION_REGION (us, eu, br), SINCH_WEBHOOK_SECRET (the secret of the app's
//! webhook); optional LISTEN (default 127.0.0.1:3000; the address it listens on is printed),
//! SINCH_AUTH_URL and SINCH_CONVERSATION_URL.
//!
//! `cargo run -p sinch-sdk --features axum --example axum_conversation_reply`, then point the
//! app's webhook (trigger MESSAGE_INBOUND) at `https://<your host>/sinch/conversation`.

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::post;
use sinch_sdk::SinchClient;
use sinch_sdk::conversation::types::{
    AppMessage, ChannelRecipientIdentity, ContactMessageTypes, ConversationWebhookEvent, RecipientRequest,
    SendMessageRequest,
};
use sinch_sdk::webhooks::{ConversationWebhook, SinchWebhook};

/// What the handlers share: the SDK client and the webhook verifier.
#[derive(Clone)]
struct AppState {
    sinch: SinchClient,
    webhook: ConversationWebhook,
}

/// The extractor finds its verifier in the state.
impl FromRef<AppState> for ConversationWebhook {
    fn from_ref(state: &AppState) -> Self {
        state.webhook.clone()
    }
}

async fn conversation_callback(
    State(state): State<AppState>,
    SinchWebhook(event, ..): SinchWebhook<ConversationWebhookEvent>,
) -> StatusCode {
    let ConversationWebhookEvent::MessageInboundEvent(inbound) = event else {
        return StatusCode::OK; // delivery reports, contact events, kinds added later, ...
    };
    let Some(message) = inbound.message else {
        return StatusCode::OK;
    };
    let (Some(contact), Some(from)) = (message.contact_message, message.channel_identity) else {
        return StatusCode::OK;
    };
    let ContactMessageTypes::TextMessageField(text) = contact.kind else {
        return StatusCode::OK; // media, locations, choices, ...
    };
    let Some(text) = text.text_message else {
        return StatusCode::OK;
    };
    let reply = format!("You said: {}", text.text);
    let to = RecipientRequest::identified_by(vec![ChannelRecipientIdentity::new(from.channel, from.identity)]);
    let request = SendMessageRequest::new(inbound.app_id, AppMessage::text(reply), to);
    let sent = match state.sinch.conversation() {
        Ok(conversation) => conversation.messages().send(request).await.map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    match sent {
        Ok(sent) => {
            println!("replied {}", sent.message_id.unwrap_or_default());
            StatusCode::OK
        }
        Err(e) => {
            eprintln!("reply failed: {e}");
            // Sinch retries callbacks answered with an error.
            StatusCode::BAD_GATEWAY
        }
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var("SINCH_WEBHOOK_SECRET").map_err(|_| "SINCH_WEBHOOK_SECRET is not set")?;
    let listen = std::env::var("LISTEN").unwrap_or_else(|_| "127.0.0.1:3000".into());
    let state = AppState {
        sinch: SinchClient::from_env()?,
        webhook: ConversationWebhook::new(secret),
    };
    let app = Router::new()
        .route("/sinch/conversation", post(conversation_callback))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind(&listen).await?;
    println!("listening on {}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
