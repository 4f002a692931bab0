//! Sends a PDF file as a fax (a multipart upload, the file streamed from disk) and prints the
//! fax id.
//!
//! Settings come from the environment: SINCH_PROJECT_ID, SINCH_KEY_ID, SINCH_KEY_SECRET,
//! SINCH_FAX_TO and SINCH_FAX_FILE (the PDF); optional SINCH_AUTH_URL and SINCH_FAX_URL.
//!
//! `cargo run -p sinch-sdk --example fax_send_pdf`

use sinch_sdk::SinchClient;
use sinch_sdk::fax::types::SendFaxRequest;
use sinch_sdk::runtime::File;

/// A setting from the environment, or an error naming it.
fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let fax = SinchClient::from_env()?.fax()?;
    let request = SendFaxRequest::new(env("SINCH_FAX_TO")?).file(File::from_path(env("SINCH_FAX_FILE")?));
    let sent = fax.faxes().send(request).await?;
    println!("{}", sent.id.unwrap_or_default());
    Ok(())
}
