//! Looks up a phone number and prints its carrier and line type.
//!
//! Settings come from the environment: SINCH_PROJECT_ID, SINCH_KEY_ID, SINCH_KEY_SECRET and
//! SINCH_NUMBER (E.164); optional SINCH_AUTH_URL and SINCH_NUMBER_LOOKUP_URL.
//!
//! `cargo run -p sinch-sdk --example number_lookup`

use sinch_sdk::SinchClient;
use sinch_sdk::number_lookup::types::NumberLookupRequest;

/// A setting from the environment, or an error naming it.
fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lookup = SinchClient::from_env()?.number_lookup()?;
    let found = lookup
        .number_lookup_v2()
        .lookup(NumberLookupRequest::new(env("SINCH_NUMBER")?))
        .await?;
    let line = found.line.flatten();
    let carrier = line
        .as_ref()
        .and_then(|l| l.carrier.clone().flatten())
        .unwrap_or_default();
    let kind = line
        .and_then(|l| l.r#type.flatten())
        .map(|t| t.to_string())
        .unwrap_or_default();
    println!("{} {carrier} {kind}", found.number.unwrap_or_default());
    Ok(())
}
