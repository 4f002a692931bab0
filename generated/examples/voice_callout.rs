//! Calls a phone number and reads a text to whoever answers (a text-to-speech callout), then
//! prints the call id.
//!
//! Settings come from the environment: SINCH_APPLICATION_KEY, SINCH_APPLICATION_SECRET and
//! SINCH_TO; optional SINCH_VOICE_REGION (global, europe, north-america, ...; default global)
//! and SINCH_VOICE_URL (instead of Sinch's host).
//!
//! `cargo run -p sinch-sdk --example voice_callout`

use sinch_sdk::SinchClient;
use sinch_sdk::voice::types::{CalloutRequest, DestinationPstn, PstnDestination, TtsCallout};

/// A setting from the environment, or an error naming it.
fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let to = env("SINCH_TO")?;
    let sinch = SinchClient::from_env()?;
    let tts = TtsCallout::new(DestinationPstn::new(PstnDestination::Number, to))
        .text("Hello from Rust")
        .locale("en-US");
    let call = sinch.voice()?.callouts().call(CalloutRequest::tts(tts)).await?;
    println!("{}", call.call_id.unwrap_or_default());
    Ok(())
}
