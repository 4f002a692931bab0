//! Decoding and encoding speed of the largest generated request types (SMS `SendBatchObject`,
//! Conversation `SendMessageRequest`) against hand-written structs with the same fields, written
//! the way one would by hand: derived closed enums with a catch-all, plain maps, and a message
//! with one optional field per kind instead of the generated flattened union.
//!
//! `cargo bench -p sinch-sdk --bench codec` prints, per type and direction, the median time per
//! value of each side and the generated side's speed relative to the hand-written one (issue 9
//! asks for at least 0.95). `cargo test -p sinch-sdk --bench codec` runs each side once and checks
//! that both decode the same input and encode it back to the same JSON.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sinch_sdk::conversation::types as c;
use sinch_sdk::runtime::Timestamp;
use sinch_sdk::sms::types as s;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// A batch with every field set.
const SMS_BATCH: &str = r#"{
  "to": ["+46700000001", "+46700000002", "+46700000003"],
  "from": "+46700000000",
  "type": "mt_text",
  "body": "Hi ${name}, your order ${order} has shipped.",
  "delivery_report": "per_recipient",
  "send_at": "2026-12-01T09:00:00Z",
  "expire_at": "2026-12-03T09:00:00Z",
  "callback_url": "https://example.com/sinch/dlr",
  "flash_message": false,
  "parameters": {
    "name": {"+46700000001": "Ada", "+46700000002": "Grace", "default": "there"},
    "order": {"+46700000001": "A-1", "+46700000002": "B-2", "default": "your order"}
  },
  "client_reference": "campaign-42",
  "max_number_of_message_parts": 3
}"#;

/// A text message with every top-level option of a send.
const CONVERSATION_SEND: &str = r#"{
  "app_id": "01FHQ5B8C1EXAMPLEAPPID",
  "recipient": {"contact_id": "01FHQ5B8C1EXAMPLECONTACT"},
  "message": {
    "text_message": {"text": "Your table for two is booked for 19:30."},
    "explicit_channel_message": {"SMS": "Table booked: 19:30"},
    "agent": {"display_name": "Booking bot", "type": "BOT", "picture_url": "https://example.com/bot.png"}
  },
  "callback_url": "https://example.com/sinch/conversation",
  "channel_priority_order": ["WHATSAPP", "RCS", "SMS"],
  "channel_properties": {"WHATSAPP_HEADER": "Booking", "SMS_FLASH_MESSAGE": "false"},
  "message_metadata": "booking-7",
  "conversation_metadata": {"booking": 7, "party": 2},
  "queue": "HIGH_PRIORITY",
  "ttl": "3600s",
  "processing_strategy": "DEFAULT",
  "correlation_id": "corr-7",
  "conversation_metadata_update_strategy": "MERGE_PATCH",
  "message_content_type": "CONTENT_NOTIFICATION"
}"#;

// --- SMS, by hand -------------------------------------------------------------------------

#[derive(Serialize, Deserialize)]
struct HandBatch {
    to: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(rename = "type")]
    kind: HandBatchType,
    body: HandBody,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    udh: Option<String>,
    delivery_report: HandDeliveryReport,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    send_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expire_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    callback_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    flash_message: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parameters: Option<BTreeMap<String, BTreeMap<String, String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    client_reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_number_of_message_parts: Option<i64>,
}

/// A text, or an MMS's media: what one writes by hand for "a string or an object".
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum HandBody {
    Text(String),
    Media(HandMedia),
}

#[derive(Serialize, Deserialize)]
struct HandMedia {
    url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    subject: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum HandBatchType {
    MtText,
    MtBinary,
    MtMedia,
    #[serde(other)]
    Unknown,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum HandDeliveryReport {
    None,
    Summary,
    Full,
    PerRecipient,
    PerRecipientFinal,
    #[serde(other)]
    Unknown,
}

// --- Conversation, by hand ----------------------------------------------------------------

#[derive(Serialize, Deserialize)]
struct HandSend {
    app_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    callback_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    channel_priority_order: Option<Vec<HandChannel>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    channel_properties: Option<BTreeMap<String, String>>,
    message: HandAppMessage,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message_metadata: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    conversation_metadata: Option<BTreeMap<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    queue: Option<HandQueue>,
    recipient: c::RecipientRequest,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ttl: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    processing_strategy: Option<HandProcessing>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    correlation_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    conversation_metadata_update_strategy: Option<HandUpdateStrategy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message_content_type: Option<HandContentType>,
}

/// One optional field per message kind (as Sinch's Java SDK has it); the kinds' contents are
/// the generated types on both sides.
#[derive(Serialize, Deserialize)]
struct HandAppMessage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    card_message: Option<c::CardMessage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    carousel_message: Option<c::CarouselMessageFieldCarouselMessage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    choice_message: Option<c::ChoiceMessageFieldChoiceMessage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    location_message: Option<c::LocationMessageFieldLocationMessage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    media_message: Option<c::MediaProperties>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    template_message: Option<c::TemplateMessageFieldTemplateMessage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text_message: Option<c::TextMessageFieldTextMessage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    list_message: Option<c::ListMessageFieldListMessage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    contact_info_message: Option<c::ContactInfoMessageFieldContactInfoMessage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    explicit_channel_message: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    explicit_channel_omni_message: Option<BTreeMap<String, c::OmniMessageOverride>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    channel_specific_message: Option<BTreeMap<String, c::ChannelSpecificMessage>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    agent: Option<c::Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reply_to: Option<c::AppMessageCommonPropsReplyTo>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum HandChannel {
    Whatsapp,
    Rcs,
    Sms,
    Messenger,
    Viber,
    #[serde(other)]
    Unknown,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum HandQueue {
    NormalPriority,
    HighPriority,
    #[serde(other)]
    Unknown,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum HandProcessing {
    Default,
    DispatchOnly,
    #[serde(other)]
    Unknown,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum HandUpdateStrategy {
    Replace,
    MergePatch,
    #[serde(other)]
    Unknown,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum HandContentType {
    ContentUnspecified,
    ContentMarketing,
    ContentNotification,
    #[serde(other)]
    Unknown,
}

// --- measuring ----------------------------------------------------------------------------

/// How many calls of `f` take about 10 ms.
fn calls_per_batch(mut f: impl FnMut()) -> u32 {
    let start = Instant::now();
    let mut calls = 0u32;
    while start.elapsed() < Duration::from_millis(10) {
        f();
        calls += 1;
    }
    calls.max(1)
}

/// The two sides timed in alternating batches, so a busy machine slows both alike: the median
/// time of one call of each, and the median over rounds of `hand / generated` (the generated
/// side's relative speed).
fn paired(rounds: usize, mut generated: impl FnMut(), mut hand: impl FnMut()) -> (Duration, Duration, f64) {
    let (ng, nh) = (calls_per_batch(&mut generated), calls_per_batch(&mut hand));
    let batch = |f: &mut dyn FnMut(), n: u32| {
        let t = Instant::now();
        for _ in 0..n {
            f();
        }
        t.elapsed() / n
    };
    let mut g_times = Vec::new();
    let mut h_times = Vec::new();
    let mut ratios = Vec::new();
    for _ in 0..rounds {
        let g = batch(&mut generated, ng);
        let h = batch(&mut hand, nh);
        ratios.push(h.as_secs_f64() / g.as_secs_f64());
        g_times.push(g);
        h_times.push(h);
    }
    g_times.sort();
    h_times.sort();
    ratios.sort_by(f64::total_cmp);
    (g_times[rounds / 2], h_times[rounds / 2], ratios[rounds / 2])
}

/// Both sides decode `input` and encode back to the same JSON; then, when benchmarking, their
/// times and the generated side's relative speed (hand-written time / generated time).
fn compare<G, H>(name: &str, input: &str, bench: bool)
where
    G: Serialize + for<'de> Deserialize<'de>,
    H: Serialize + for<'de> Deserialize<'de>,
{
    let expected: Value = serde_json::from_str(input).unwrap();
    let generated: G = serde_json::from_str(input).unwrap_or_else(|e| panic!("{name}: generated type: {e}"));
    let hand: H = serde_json::from_str(input).unwrap_or_else(|e| panic!("{name}: hand-written: {e}"));
    let g_json = serde_json::to_string(&generated).unwrap();
    let h_json = serde_json::to_string(&hand).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&g_json).unwrap(),
        expected,
        "{name}: generated round trip"
    );
    assert_eq!(
        serde_json::from_str::<Value>(&h_json).unwrap(),
        expected,
        "{name}: hand-written round trip"
    );
    if !bench {
        println!("{name}: both sides agree");
        return;
    }
    let rounds = 41;
    let decode = paired(
        rounds,
        || {
            black_box(serde_json::from_str::<G>(black_box(input)).unwrap());
        },
        || {
            black_box(serde_json::from_str::<H>(black_box(input)).unwrap());
        },
    );
    let encode = paired(
        rounds,
        || {
            black_box(serde_json::to_string(black_box(&generated)).unwrap());
        },
        || {
            black_box(serde_json::to_string(black_box(&hand)).unwrap());
        },
    );
    let row = |what: &str, (g, h, ratio): (Duration, Duration, f64)| {
        println!(
            "{name:<32} {what:<7} generated {:>7.2} µs   hand-written {:>7.2} µs   relative speed {ratio:.2}",
            g.as_secs_f64() * 1e6,
            h.as_secs_f64() * 1e6,
        );
    };
    row("decode", decode);
    row("encode", encode);
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test` does not: then one run, no timing.
    let bench = std::env::args().any(|a| a == "--bench");
    compare::<s::SendBatchObject, HandBatch>("sms SendBatchObject", SMS_BATCH, bench);
    compare::<c::SendMessageRequest, HandSend>("conversation SendMessageRequest", CONVERSATION_SEND, bench);
}
