// A request without one of its required fields does not compile: `SendMessageRequest::new`
// takes the app id, the message and the recipient, and there is no other way to build one.
use sinch_sdk::conversation::types::{AppMessage, SendMessageRequest};

fn main() {
    let _request = SendMessageRequest::new("app-1", AppMessage::text("hi"));
}
