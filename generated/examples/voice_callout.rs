//! Places a text-to-speech callout with an application-signed request and prints the call id.
//!
//! Settings come from the environment: SINCH_APPLICATION_KEY, SINCH_APPLICATION_SECRET,
//! SINCH_TO; optional SINCH_VOICE_URL (instead of Sinch's global calling host).
//!
//! `cargo run -p sinch-sdk --example voice_callout`

use sinch_sdk::runtime::Auth;
use sinch_sdk::voice::{self, types};
use std::process::ExitCode;

fn setting(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

async fn run() -> Result<String, String> {
    let auth = Auth::application(setting("SINCH_APPLICATION_KEY")?, setting("SINCH_APPLICATION_SECRET")?);
    let client = match std::env::var("SINCH_VOICE_URL") {
        Ok(url) => voice::Client::with_base_url(url, auth),
        Err(_) => voice::Client::new(voice::Region::Global, auth),
    }
    .map_err(|e| e.to_string())?;
    let request = types::CalloutRequest {
        method: types::CalloutRequestMethod::TtsCallout,
        tts_callout: Some(types::TtsCalloutRequest {
            destination: Some(types::Destination {
                r#type: types::DestinationType::Number,
                endpoint: setting("SINCH_TO")?,
            }),
            text: Some("Hello from Rust".into()),
            locale: Some("en-US".into()),
            ..Default::default()
        }),
        conference_callout: None,
        custom_callout: None,
    };
    let call = client
        .callouts()
        .callouts(Some(&request))
        .await
        .map_err(|e| e.to_string())?;
    call.callid.ok_or_else(|| "the response has no call id".to_string())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(id) => {
            println!("{id}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("voice_callout: {e}");
            ExitCode::FAILURE
        }
    }
}
