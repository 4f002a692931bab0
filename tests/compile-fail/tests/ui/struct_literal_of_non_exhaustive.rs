// Generated types are `#[non_exhaustive]`: a struct literal outside the crate does not compile,
// so Sinch adding a field is not a breaking change for users.
use sinch_sdk::conversation::types::TextMessageFieldTextMessage;

fn main() {
    let _message = TextMessageFieldTextMessage { text: "hi".to_string() };
}
