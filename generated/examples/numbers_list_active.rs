//! Lists the project's active numbers in a region, every page, and prints one per line.
//!
//! Settings come from the environment: SINCH_PROJECT_ID, SINCH_KEY_ID, SINCH_KEY_SECRET and
//! SINCH_REGION_CODE (such as US); optional SINCH_AUTH_URL and SINCH_NUMBERS_URL.
//!
//! `cargo run -p sinch-sdk --example numbers_list_active`

use futures_util::TryStreamExt;
use sinch_sdk::SinchClient;

/// A setting from the environment, or an error naming it.
fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let numbers = SinchClient::from_env()?.numbers()?;
    let mut active = std::pin::pin!(
        numbers
            .active_number()
            .list()
            .region_code(env("SINCH_REGION_CODE")?)
            .items()
    );
    while let Some(number) = active.try_next().await? {
        println!("{}", number.phone_number.unwrap_or_default());
    }
    Ok(())
}
