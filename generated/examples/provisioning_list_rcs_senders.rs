//! Lists the project's RCS senders (Provisioning API), every page, with their state.
//!
//! Settings come from the environment: SINCH_PROJECT_ID, SINCH_KEY_ID and SINCH_KEY_SECRET;
//! optional SINCH_AUTH_URL and SINCH_PROVISIONING_URL.
//!
//! `cargo run -p sinch-sdk --example provisioning_list_rcs_senders`

use sinch_sdk::SinchClient;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let provisioning = SinchClient::from_env()?.provisioning()?;
    let mut token = None;
    loop {
        let mut call = provisioning.rcs_senders().list_senders();
        if let Some(t) = token.take() {
            call = call.page_token(t);
        }
        let page = call.await?;
        for sender in &page.senders {
            println!(
                "{} {}",
                sender.id,
                sender.state.as_ref().map(|s| s.to_string()).unwrap_or_default()
            );
        }
        match page.next_page_token.filter(|t| !t.is_empty()) {
            Some(next) => token = Some(next),
            None => break,
        }
    }
    Ok(())
}
