//! Behaviour of the generated code, compiled from the fixtures into one crate (`fixtures`)
//! by `fixtures_compile.rs`. Runs inside that crate, so it sees the generated types.

use fixtures::runtime::{Auth, Error};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[test]
fn unknown_enum_values_survive_a_round_trip() {
    use fixtures::string_enum::types::RcsSenderStatesEnum as State;
    let known: State = serde_json::from_value(json!("IN_TEST")).unwrap();
    assert_eq!(known, State::InTest);
    let new: State = serde_json::from_value(json!("UNRECOGNIZED")).unwrap();
    assert_eq!(new, State::Other("UNRECOGNIZED".into()));
    assert_eq!(serde_json::to_value(&new).unwrap(), json!("UNRECOGNIZED"));
    assert_eq!(State::from("2fa-pending").as_str(), "2fa-pending");
    assert_eq!("ACTIVE".parse::<State>().unwrap(), State::Active);
}

#[test]
fn discriminator_with_mapping_picks_the_variant() {
    use fixtures::one_of_discriminator::types::{Cat, Dog, Pet};
    let cat: Pet = serde_json::from_value(json!({"pet_type": "cat", "lives": 9})).unwrap();
    assert_eq!(cat, Pet::Cat(Cat::new("cat", 9)));
    // The tag is written even when the variant's own type has no such field.
    let dog = Pet::Dog(Dog::new("woof"));
    assert_eq!(serde_json::to_value(&dog).unwrap(), json!({"pet_type": "dog", "bark": "woof"}));
    let back: Pet = serde_json::from_value(json!({"pet_type": "dog", "bark": "woof"})).unwrap();
    assert_eq!(back, dog);
    // A variant Sinch adds later is kept, not rejected.
    let bird = json!({"pet_type": "bird", "wings": 2});
    let other: Pet = serde_json::from_value(bird.clone()).unwrap();
    assert_eq!(other, Pet::Other(bird.clone()));
    assert_eq!(serde_json::to_value(&other).unwrap(), bird);
    // A known tag with a body that does not fit is an error, not a silent `Other`.
    assert!(serde_json::from_value::<Pet>(json!({"pet_type": "cat"})).is_err());
}

#[test]
fn discriminator_without_mapping_uses_schema_names() {
    use fixtures::one_of_discriminator::types::{Circle, Shape};
    let c: Shape = serde_json::from_value(json!({"kind": "Circle", "radius": 2.0})).unwrap();
    assert_eq!(c, Shape::Circle(Circle::new().radius(2.0)));
    assert_eq!(serde_json::to_value(&c).unwrap(), json!({"kind": "Circle", "radius": 2.0}));
}

#[test]
fn union_members_inherit_the_base_discriminator() {
    use fixtures::inherited_discriminator::types::{EnvelopeMessage, ImageMessage, VideoMessage};
    // Image and video have the same shape: only the inherited `type` tells them apart.
    let video: EnvelopeMessage = serde_json::from_value(json!({"type": "video", "url": "u"})).unwrap();
    assert!(matches!(video, EnvelopeMessage::VideoMessage(VideoMessage { ref url, .. }) if url == "u"));
    let image: EnvelopeMessage = serde_json::from_value(json!({"type": "image", "url": "u"})).unwrap();
    assert!(matches!(image, EnvelopeMessage::ImageMessage(_)));
    // The value Sinch sends is written when the variant leaves its `type` out.
    let built = EnvelopeMessage::ImageMessage(ImageMessage::new("u"));
    assert_eq!(serde_json::to_value(&built).unwrap(), json!({"type": "image", "url": "u"}));
}

#[test]
fn union_without_discriminator_is_decoded_by_shape() {
    use fixtures::one_of_shape::types::{ContactRecipient, IdentityRecipient, Recipient};
    let ids: Recipient = serde_json::from_value(json!({"identities": ["a"]})).unwrap();
    assert_eq!(ids, Recipient::IdentityRecipient(IdentityRecipient::new(vec!["a".to_string()])));
    let contact: Recipient = serde_json::from_value(json!({"contact_id": "c1"})).unwrap();
    assert_eq!(contact, Recipient::ContactRecipient(ContactRecipient::new("c1")));
    let text: Recipient = serde_json::from_value(json!("plain")).unwrap();
    assert_eq!(text, Recipient::String("plain".into()));
    assert_eq!(serde_json::to_value(&contact).unwrap(), json!({"contact_id": "c1"}));
    assert!(serde_json::from_value::<Recipient>(json!(12)).is_err());
}

#[test]
fn unions_of_objects_keep_unknown_kinds() {
    use fixtures::one_of_shape::types::Event;
    let message: Event = serde_json::from_value(json!({"app_id": "a", "message": {"text": "hi"}})).unwrap();
    assert!(matches!(message, Event::MessageEvent(_)));
    let contact: Event = serde_json::from_value(json!({"app_id": "a", "contact": {"id": "c"}, "new": 1})).unwrap();
    assert!(matches!(contact, Event::ContactEvent(_)));
    // A kind added later is not forced into the first variant whose required properties fit.
    let later = json!({"app_id": "a", "payment": {"amount": 3}});
    let event: Event = serde_json::from_value(later.clone()).unwrap();
    assert_eq!(event, Event::Other(later.clone()));
    assert_eq!(serde_json::to_value(&event).unwrap(), later);
    // A known kind with bad data is still an error, and so is a value that is not an object.
    assert!(serde_json::from_value::<Event>(json!({"app_id": 1, "message": {}})).is_err());
    assert!(serde_json::from_value::<Event>(json!("text")).is_err());
}

#[test]
fn all_of_merges_every_member() {
    use fixtures::all_of::types::Extended;
    let e: Extended = serde_json::from_value(json!({"id": "1", "label": "x", "created": "2023-01-19t13:11:08.204Z"})).unwrap();
    assert_eq!(e.id, "1");
    assert_eq!(e.label, "x");
    assert_eq!(e.created.as_ref().unwrap().to_unix(), Some((1_674_133_868, 204_000_000)));
    assert!(serde_json::from_value::<Extended>(json!({"id": "1"})).is_err(), "label is required by the second member");
}

#[test]
fn additional_properties_are_maps() {
    use fixtures::maps_and_free_form::types::{Holder, Labels, Metadata};
    let labels: Labels = serde_json::from_value(json!({"a": "1", "b": "2"})).unwrap();
    assert_eq!(labels.len(), 2);
    let m: Metadata = serde_json::from_value(json!({"name": "n", "x": 1, "y": 2})).unwrap();
    assert_eq!(m.name.as_deref(), Some("n"));
    assert_eq!(m.additional_properties.get("y"), Some(&2));
    assert_eq!(serde_json::to_value(&m).unwrap(), json!({"name": "n", "x": 1, "y": 2}));
    let h: Holder = serde_json::from_value(json!({"payload": [1, {"a": null}], "object": {"k": true}})).unwrap();
    assert_eq!(h.payload, Some(json!([1, {"a": null}])));
}

/// Structs with a flattened union or additional properties have a generated `Deserialize`
/// (not serde's derive): it must decode as the derive would, field kind by field kind.
#[test]
fn structs_keeping_other_properties_decode_as_serde_derive_would() {
    use fixtures::maps_and_free_form::types::{Bag, Fields, FieldsKind};
    let full = json!({
        "must": {"d": 1}, "mustOrNull": null, "may": "m", "mayOrNull": null, "card": {"d": 2}
    });
    let f: Fields = serde_json::from_value(full.clone()).unwrap();
    assert_eq!(f.must.d, Some(1));
    assert_eq!(f.must_or_null, None);
    assert_eq!(f.may.as_deref(), Some("m"));
    assert_eq!(f.may_or_null, Some(None), "null is kept apart from absent");
    assert!(matches!(&f.kind, FieldsKind::FieldsKindVariant1(v) if v.card.d == Some(2)));
    assert_eq!(serde_json::to_value(&f).unwrap(), full);
    // From text too (borrowed property names), with absent optional fields.
    let f: Fields = serde_json::from_str(r#"{"text": "hi", "must": {}}"#).unwrap();
    assert_eq!((f.must_or_null, f.may, f.may_or_null), (None, None, None));
    assert!(matches!(&f.kind, FieldsKind::FieldsKindVariant0(v) if v.text == "hi"));
    // An unknown kind is kept as received.
    let f: Fields = serde_json::from_str(r#"{"must": {}, "video": 1}"#).unwrap();
    assert_eq!(f.kind, FieldsKind::Other(json!({"video": 1})));
    // Each kind is an object of one property of its own, so the union is read straight from that
    // property; with other properties or several kinds it reads as the union itself would.
    let kind_of = |json: serde_json::Value| {
        let mut props = json.as_object().unwrap().clone();
        props.remove("must");
        let f: Fields = serde_json::from_value(json).unwrap();
        assert_eq!(f.kind, FieldsKind::from_json_value(serde_json::Value::Object(props)).unwrap());
        f.kind
    };
    let both = kind_of(json!({"must": {}, "text": "x", "card": {"d": 3}}));
    assert!(matches!(&both, FieldsKind::FieldsKindVariant0(v) if v.text == "x"), "{both:?}");
    let both = kind_of(json!({"card": {"d": 3}, "must": {}, "text": "x", "card2": 1}));
    assert!(matches!(both, FieldsKind::FieldsKindVariant0(_) | FieldsKind::FieldsKindVariant1(_)));
    let with_unknown = kind_of(json!({"video": 1, "must": {}, "card": {"d": 4}}));
    assert!(matches!(&with_unknown, FieldsKind::FieldsKindVariant1(v) if v.card.d == Some(4)));
    let err = |json: &str| serde_json::from_str::<Fields>(json).unwrap_err().to_string();
    assert!(err(r#"{"must": {}, "text": 5}"#).contains("invalid type: integer `5`, expected a string"));
    assert!(err(r#"{"must": {}, "text": null}"#).contains("invalid type: null"));
    assert!(err(r#"{"text": "x"}"#).contains("missing field `must`"));
    assert!(err(r#"{"must": {}, "must": {}, "text": "x"}"#).contains("duplicate field `must`"));
    assert!(err(r#"{"must": 3, "text": "x"}"#).contains("invalid type: integer `3`"));
    assert!(err("[1]").contains("expected struct Fields"));

    let b: Bag = serde_json::from_str(r#"{"must": "a", "x": {"d": 1}, "mayOrNull": 5, "y": {}}"#).unwrap();
    assert_eq!((b.must.as_str(), b.may_or_null), ("a", Some(Some(5))));
    assert_eq!(b.additional_properties.keys().collect::<Vec<_>>(), ["x", "y"]);
    assert_eq!(b.additional_properties["x"].d, Some(1));
    assert!(serde_json::from_str::<Bag>(r#"{"must": "a", "x": 1}"#).is_err(), "other properties keep their type");
}

#[test]
fn plain_structs_decode_as_serde_derive_would() {
    use fixtures::nullable::types::UpdateSender;
    use fixtures::scalars::types::Numbers;
    // Required and nullable: absent reads as None; unknown properties of any shape are skipped.
    let u: UpdateSender = serde_json::from_str(r#"{"extra": [1, {"a": 2}], "callback_url": "https://x"}"#).unwrap();
    assert_eq!(u.keep, None);
    assert_eq!(u.callback_url, Some(Some("https://x".to_string())));
    let u: UpdateSender = serde_json::from_value(json!({"keep": "k", "name": "n", "zzz": null})).unwrap();
    assert_eq!((u.keep.as_deref(), u.name.as_deref(), u.callback_url), (Some("k"), Some("n"), None));
    let err = |json: &str| serde_json::from_str::<UpdateSender>(json).unwrap_err().to_string();
    assert!(err(r#"{"keep": "a", "keep": "b"}"#).contains("duplicate field `keep`"));
    assert!(err(r#"{"keep": 1}"#).contains("invalid type: integer `1`, expected a string"));
    assert!(err(r#""text""#).contains("expected struct UpdateSender"));
    assert!(err("[]").contains("invalid type: sequence, expected struct UpdateSender"));
    // All fields optional: `[]` is no field set, as with the derive; a non-empty list is not.
    let n: Numbers = serde_json::from_str("[]").unwrap();
    assert_eq!(n, Numbers::default());
    let e = serde_json::from_str::<Numbers>("[1]").unwrap_err().to_string();
    assert!(e.contains("invalid type: sequence, expected struct Numbers"), "{e}");
    let n: Numbers = serde_json::from_value(json!({"big": 5, "flag": true})).unwrap();
    assert_eq!((n.big, n.flag, n.small), (Some(5), Some(true), None));
}

#[test]
fn absent_and_null_are_different_requests() {
    use fixtures::nullable::types::UpdateSender;
    let leave = UpdateSender::new("k".to_string());
    assert_eq!(serde_json::to_value(&leave).unwrap(), json!({"keep": "k"}));
    let mut clear = UpdateSender::new(None);
    clear.callback_url = Some(None);
    assert_eq!(serde_json::to_value(&clear).unwrap(), json!({"keep": null, "callback_url": null}));
    let set = UpdateSender::new(None).callback_url("https://x");
    assert_eq!(serde_json::to_value(&set).unwrap()["callback_url"], json!("https://x"));
    let decoded: UpdateSender = serde_json::from_value(json!({"keep": null, "callback_url": null})).unwrap();
    assert_eq!(decoded.callback_url, Some(None));
    let decoded: UpdateSender = serde_json::from_value(json!({"keep": null})).unwrap();
    assert_eq!(decoded.callback_url, None);
}

#[test]
fn recursive_types_are_boxed() {
    use fixtures::recursive::types::{Node, Ping, Pong};
    let n: Node = serde_json::from_value(json!({"name": "a", "parent": {"name": "b"}, "children": [{"name": "c"}]})).unwrap();
    assert_eq!(n.parent.as_ref().unwrap().name, "b");
    let p: Ping = Ping::new().pong(Pong::new());
    assert!(p.pong.is_some());
}

#[test]
fn scalar_formats_are_honoured() {
    use fixtures::scalars::types::Numbers;
    let n = Numbers::new().small(i32::MAX).big(i64::MAX).plain(1).ratio(0.5).price(1.25);
    let v = serde_json::to_value(&n).unwrap();
    assert_eq!(v["big"], json!(i64::MAX));
    assert!(serde_json::from_value::<Numbers>(json!({"small": 3_000_000_000u64})).is_err(), "int32 overflows");
}

#[test]
fn identifiers_are_escaped_and_prefixes_dropped() {
    use fixtures::identifiers::types::{Any, Contact, Message, V1Message};
    let wire = json!({"type": "t", "self": "s", "message.id": "m", "2fa": true});
    let c: Contact = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!((c.r#type.as_deref(), c.self_.as_deref(), c.message_id.as_deref(), c.n2fa), (Some("t"), Some("s"), Some("m"), Some(true)));
    // Encoded under the names it was read from, absent fields left out.
    assert_eq!(serde_json::to_value(&c).unwrap(), wire);
    let only: Contact = serde_json::from_value(json!({"self": "s"})).unwrap();
    assert_eq!(serde_json::to_string(&only).unwrap(), r#"{"self":"s"}"#);
    let a: Any = serde_json::from_value(json!({"@type": "x"})).unwrap();
    assert_eq!(a.r#type.as_deref(), Some("x"));
    let _: V1Message = String::new();
    let _ = Message::default();
}

/// A one-request-per-connection HTTP server on loopback: answers each request with the next
/// canned response and hands back what it received.
async fn serve(responses: Vec<(u16, &'static str)>) -> (String, tokio::task::JoinHandle<Vec<String>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let handle = tokio::spawn(async move {
        let mut seen = Vec::new();
        for (status, body) in responses {
            let (mut sock, _) = listener.accept().await.unwrap();
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            loop {
                let n = sock.read(&mut chunk).await.unwrap();
                buf.extend_from_slice(&chunk[..n]);
                let text = String::from_utf8_lossy(&buf).to_string();
                if let Some(end) = text.find("\r\n\r\n") {
                    let len = text[..end]
                        .lines()
                        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap()))
                        .unwrap_or(0);
                    if buf.len() >= end + 4 + len || n == 0 {
                        break;
                    }
                }
                if n == 0 {
                    break;
                }
            }
            seen.push(String::from_utf8_lossy(&buf).to_string());
            let reply = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            sock.write_all(reply.as_bytes()).await.unwrap();
        }
        seen
    });
    (base, handle)
}

fn request_line(raw: &str) -> &str {
    raw.lines().next().unwrap()
}

#[tokio::test]
async fn path_parameters_are_encoded() {
    use fixtures::path_params::Client;
    let (base, seen) = serve(vec![(200, ""), (200, ""), (204, ""), (200, ""), (200, "")]).await;
    let client = Client::with_base_url(&base, Auth::None).unwrap();
    client.default().send_message("p/1").await.unwrap();
    client.default().get("p", "c 1?").await.unwrap();
    client.default().delete_item(42).await.unwrap();
    let filter = fixtures::path_params::types::GetByFilterFilter::new().kind("a");
    client.default().get_by_filter(filter).await.unwrap();
    // Declared `thing`, written `{thingParam}` in the path: matched by name; `stray` left out.
    client.default().get_thing("t 1").await.unwrap();
    let seen = seen.await.unwrap();
    assert_eq!(request_line(&seen[0]), "POST /v1/projects/p%2F1/messages:send HTTP/1.1");
    assert_eq!(request_line(&seen[1]), "GET /v1/projects/p/conversations/c%201%3F HTTP/1.1");
    assert_eq!(request_line(&seen[2]), "DELETE /v1/items/42 HTTP/1.1");
    // A structured path parameter is sent as its (encoded) JSON text.
    assert_eq!(request_line(&seen[3]), "GET /v1/filters/%7B%22kind%22%3A%22a%22%7D HTTP/1.1");
    assert_eq!(request_line(&seen[4]), "GET /v1/things/t%201 HTTP/1.1");
}

#[tokio::test]
async fn query_and_header_parameters_are_sent() {
    use fixtures::query_header_params::{Client, types::ListNumbersType};
    let (base, seen) = serve(vec![(200, r#"["+1"]"#), (200, "[]")]).await;
    let client = Client::with_base_url(&base, Auth::bearer("tok")).unwrap();
    let numbers = client
        .default()
        .list_numbers("US")
        .r#type(ListNumbersType::Mobile)
        .capabilities(vec!["SMS".to_string(), "VOICE".to_string()])
        .page_size(5)
        .x_request_id("r-1")
        .await
        .unwrap();
    assert_eq!(numbers, vec!["+1".to_string()]);
    client.default().list_numbers("SE").await.unwrap();
    let seen = seen.await.unwrap();
    assert_eq!(request_line(&seen[0]), "GET /numbers?regionCode=US&type=MOBILE&capabilities=SMS&capabilities=VOICE&pageSize=5 HTTP/1.1");
    let lower = seen[0].to_ascii_lowercase();
    assert!(lower.contains("x-request-id: r-1"), "{}", seen[0]);
    assert!(lower.contains("authorization: bearer tok"), "{}", seen[0]);
    assert_eq!(request_line(&seen[1]), "GET /numbers?regionCode=SE HTTP/1.1");
}

#[tokio::test]
async fn request_bodies_are_json() {
    use fixtures::request_body::{Client, types::SendBatchRequest};
    let (base, seen) = serve(vec![(201, r#"{"id":"b1"}"#)]).await;
    let client = Client::with_base_url(&base, Auth::basic("key", "secret")).unwrap();
    let body = SendBatchRequest::new(vec!["+46".to_string()], "hi");
    let created = client.default().send_batch(body).await.unwrap();
    assert_eq!(created.id.as_deref(), Some("b1"));
    let seen = seen.await.unwrap();
    assert!(seen[0].ends_with(r#"{"to":["+46"],"body":"hi"}"#), "{}", seen[0]);
    assert!(seen[0].to_ascii_lowercase().contains("authorization: basic a2v5onnly3jldA==".to_ascii_lowercase().as_str()), "{}", seen[0]);
}

#[tokio::test]
async fn every_documented_status_is_typed() {
    use fixtures::responses::{Client, default::{CreateJobError, CreateJobSuccess, GetJobError}};
    let (base, seen) = serve(vec![
        (200, r#"{"id":"old"}"#),
        (201, r#"{"id":"new"}"#),
        (202, ""),
        (400, r#"{"code":"syntax_invalid_json","text":"bad"}"#),
        (401, r#"{"error":{"code":401,"message":"expired"}}"#),
        (404, ""),
        (418, "teapot"),
        (500, r#"{"error":{"code":500,"message":"boom"}}"#),
        (200, r#"{"id":"p"}"#),
        (200, "not json"),
    ])
    .await;
    let client = Client::with_base_url(&base, Auth::None).unwrap();
    let ops = client.default();
    assert!(matches!(ops.create_job().await.unwrap(), CreateJobSuccess::Status200(j) if j.id.as_deref() == Some("old")));
    assert!(matches!(ops.create_job().await.unwrap(), CreateJobSuccess::Status201(j) if j.id.as_deref() == Some("new")));
    assert_eq!(ops.create_job().await.unwrap(), CreateJobSuccess::Status202);
    let e = ops.create_job().await.unwrap_err();
    assert!(matches!(e.typed(), Some(CreateJobError::Status400(b)) if b.code.as_deref() == Some("syntax_invalid_json")));
    // A 401 body is decoded as the 401 type, never as the 400 one.
    let e = ops.create_job().await.unwrap_err();
    assert!(matches!(e.typed(), Some(CreateJobError::Status401(b)) if b.error.as_ref().unwrap().message.as_deref() == Some("expired")));
    assert_eq!(e.status().map(|s| s.as_u16()), Some(401));
    let e = ops.create_job().await.unwrap_err();
    assert!(matches!(e.typed(), Some(CreateJobError::Status404)));
    let e = ops.create_job().await.unwrap_err();
    match &e {
        Error::Api(api) => {
            assert_eq!(api.status.as_u16(), 418);
            assert!(api.typed.is_none());
            assert_eq!(&api.body[..], b"teapot");
        }
        other => panic!("{other:?}"),
    }
    let e = ops.get_job("j1").await.unwrap_err();
    assert!(matches!(e.typed(), Some(GetJobError::Default(b)) if b.error.as_ref().unwrap().code == Some(500)));
    // `default` as the only response is the success case.
    assert_eq!(ops.ping().await.unwrap().id.as_deref(), Some("p"));
    let e = ops.ping().await.unwrap_err();
    assert!(matches!(e, Error::Decode { .. }), "{e:?}");
    assert_eq!(seen.await.unwrap().len(), 10);
}

#[tokio::test]
async fn tags_group_operations_and_odd_ids_become_idents() {
    use fixtures::tags::Client;
    let (base, seen) = serve(vec![(200, ""), (200, "")]).await;
    let client = Client::with_base_url(&base, Auth::None).unwrap();
    client.sending_sms().send_a_message().await.unwrap();
    client.default().brand().await.unwrap();
    let seen = seen.await.unwrap();
    assert_eq!(request_line(&seen[0]), "GET /a HTTP/1.1");
    assert_eq!(request_line(&seen[1]), "GET /b HTTP/1.1");
}

#[tokio::test]
async fn token_pages_stream_lazily_in_order() {
    use fixtures::pagination::Client;
    use futures_util::{StreamExt, TryStreamExt};
    let (base, seen) = serve(vec![
        (200, r#"{"contacts":[{"id":"a"},{"id":"b"}],"next_page_token":"t2"}"#),
        (200, r#"{"contacts":[{"id":"c"}],"next_page_token":"t3"}"#),
        (200, r#"{"contacts":[{"id":"d"}],"next_page_token":""}"#),
    ])
    .await;
    let client = Client::with_base_url(&base, Auth::None).unwrap();
    let items: Vec<String> = client
        .contacts()
        .list("p", true)
        .page_size(2)
        .items()
        .map_ok(|c| c.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, ["a", "b", "c", "d"]);
    let seen = seen.await.unwrap();
    let lines: Vec<&str> = seen.iter().map(|r| request_line(r)).collect();
    assert_eq!(
        lines,
        [
            "GET /v1/projects/p/contacts?only_active=true&page_size=2 HTTP/1.1",
            "GET /v1/projects/p/contacts?only_active=true&page_size=2&page_token=t2 HTTP/1.1",
            "GET /v1/projects/p/contacts?only_active=true&page_size=2&page_token=t3 HTTP/1.1",
        ]
    );

    // Lazy: the second page is asked for only when the items of the first have all been taken.
    let wait = std::time::Duration::from_millis(200);
    let (base, mut seen) = serve(vec![
        (200, r#"{"contacts":[{"id":"a"},{"id":"b"}],"next_page_token":"t2"}"#),
        (200, r#"{"contacts":[{"id":"c"}]}"#),
    ])
    .await;
    let client = Client::with_base_url(&base, Auth::None).unwrap();
    let mut stream = std::pin::pin!(client.contacts().list("p", false).items());
    assert_eq!(stream.next().await.unwrap().unwrap().id, "a");
    assert_eq!(stream.next().await.unwrap().unwrap().id, "b");
    assert!(
        tokio::time::timeout(wait, &mut seen).await.is_err(),
        "the second page was requested early"
    );
    assert_eq!(stream.next().await.unwrap().unwrap().id, "c");
    assert!(stream.next().await.is_none());
    let seen = seen.await.unwrap();
    assert_eq!(
        request_line(&seen[1]),
        "GET /v1/projects/p/contacts?only_active=false&page_token=t2 HTTP/1.1"
    );

    // Taking only the first item makes only one request: the server still waits for a second
    // connection after the stream is gone.
    let (base, mut seen) = serve(vec![
        (200, r#"{"contacts":[{"id":"a"},{"id":"b"}],"next_page_token":"t2"}"#),
        (200, r#"{"contacts":[]}"#),
    ])
    .await;
    let client = Client::with_base_url(&base, Auth::None).unwrap();
    let first: Vec<_> = client
        .contacts()
        .list("p", false)
        .items()
        .take(1)
        .collect()
        .await;
    assert_eq!(first.len(), 1);
    assert!(
        tokio::time::timeout(wait, &mut seen).await.is_err(),
        "a second request was made"
    );
    seen.abort();
}

#[tokio::test]
async fn a_failed_page_ends_the_stream_with_its_error() {
    use fixtures::pagination::{Client, contacts::ListContactsError};
    use futures_util::StreamExt;
    let (base, seen) = serve(vec![
        (200, r#"{"contacts":[{"id":"a"}],"next_page_token":"t2"}"#),
        (400, r#"{"text":"bad token"}"#),
    ])
    .await;
    let client = Client::with_base_url(&base, Auth::None).unwrap();
    let all: Vec<_> = client
        .contacts()
        .list("p", false)
        .items()
        .collect()
        .await;
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].as_ref().unwrap().id, "a");
    let e = all[1].as_ref().unwrap_err();
    assert!(matches!(e.typed(), Some(ListContactsError::Status400(p)) if p.text.as_deref() == Some("bad token")));
    assert_eq!(seen.await.unwrap().len(), 2);
}

#[tokio::test]
async fn numbered_pages_stop_at_the_count() {
    use fixtures::pagination::Client;
    use futures_util::TryStreamExt;
    let (base, seen) = serve(vec![
        (
            200,
            r#"{"page":0,"page_size":2,"count":5,"groups":[{"id":"g1"},{"id":"g2"}]}"#,
        ),
        (
            200,
            r#"{"page":1,"page_size":2,"count":5,"groups":[{"id":"g3"},{"id":"g4"}]}"#,
        ),
        (200, r#"{"page":2,"page_size":2,"count":5,"groups":[{"id":"g5"}]}"#),
    ])
    .await;
    let client = Client::with_base_url(&base, Auth::None).unwrap();
    let pages: Vec<_> = client
        .groups()
        .list("sp")
        .page_size(2)
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        pages.iter().map(|p| p.page).collect::<Vec<_>>(),
        [Some(0), Some(1), Some(2)]
    );
    let seen = seen.await.unwrap();
    let lines: Vec<&str> = seen.iter().map(|r| request_line(r)).collect();
    assert_eq!(
        lines,
        [
            "GET /xms/v1/sp/groups?page=0&page_size=2 HTTP/1.1",
            "GET /xms/v1/sp/groups?page=1&page_size=2 HTTP/1.1",
            "GET /xms/v1/sp/groups?page=2&page_size=2 HTTP/1.1",
        ]
    );

    // The items, starting from the page the parameters name; an empty page also ends it.
    let (base, seen) = serve(vec![
        (200, r#"{"page":1,"count":50,"groups":[{"id":"g3"},{"id":"g4"}]}"#),
        (200, r#"{"page":2,"count":50,"groups":[{"id":"g5"}]}"#),
        (200, r#"{"page":3,"count":50,"groups":[]}"#),
    ])
    .await;
    let client = Client::with_base_url(&base, Auth::None).unwrap();
    let ids: Vec<Option<String>> = client
        .groups()
        .list("sp")
        .page(1)
        .items()
        .map_ok(|g| g.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, [Some("g3".into()), Some("g4".into()), Some("g5".into())]);
    let seen = seen.await.unwrap();
    assert_eq!(request_line(&seen[0]), "GET /xms/v1/sp/groups?page=1 HTTP/1.1");
    assert_eq!(request_line(&seen[2]), "GET /xms/v1/sp/groups?page=3 HTTP/1.1");
}

#[tokio::test]
async fn csv_arrays_and_form_bodies_go_out_as_described() {
    use fixtures::swagger2_forms::{Client, types::AddNoteRequest};
    let (base, seen) = serve(vec![(200, "[]"), (201, r#"{"id":"n1"}"#)]).await;
    let client = Client::with_base_url(&base, Auth::None).unwrap();
    client
        .default()
        .list_contacts()
        .ids(vec!["a".to_string(), "b".to_string()])
        .tags(vec!["x".to_string(), "y".to_string()])
        .await
        .unwrap();
    let note = AddNoteRequest::new("hi there").pinned(true);
    let created = client.default().add_note("c1", note).await.unwrap();
    assert_eq!(created.id.as_deref(), Some("n1"));
    let seen = seen.await.unwrap();
    // Swagger 2.0's default `csv` is one comma-separated value; `multi` repeats the key.
    assert_eq!(request_line(&seen[0]), "GET /contacts?ids=a%2Cb&tags=x&tags=y HTTP/1.1");
    assert!(seen[1].to_ascii_lowercase().contains("content-type: application/x-www-form-urlencoded"), "{}", seen[1]);
    assert!(seen[1].ends_with("text=hi+there&pinned=true"), "{}", seen[1]);
}

/// The parts of a `multipart/form-data` request: (name, file name, content type, content).
fn multipart_parts(raw: &str) -> Vec<(String, Option<String>, Option<String>, String)> {
    let head_end = raw.find("\r\n\r\n").unwrap();
    let boundary = raw[..head_end]
        .lines()
        .find_map(|l| l.to_ascii_lowercase().starts_with("content-type: multipart/form-data").then_some(l))
        .and_then(|l| l.split("boundary=").nth(1))
        .unwrap_or_else(|| panic!("not multipart:\n{raw}"))
        .trim()
        .to_string();
    let body = &raw[head_end + 4..];
    let mut out = Vec::new();
    for part in body.split(&format!("--{boundary}")).skip(1) {
        if part.starts_with("--") {
            break;
        }
        let part = part.strip_prefix("\r\n").unwrap();
        let (headers, content) = part.split_once("\r\n\r\n").unwrap();
        let content = content.strip_suffix("\r\n").unwrap().to_string();
        let disposition = headers
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-disposition"))
            .unwrap();
        let attr = |key: &str| {
            disposition
                .split(';')
                .find_map(|a| a.trim().strip_prefix(&format!("{key}=\"")).map(|v| v.trim_end_matches('"').to_string()))
        };
        let content_type = headers
            .lines()
            .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-type:").map(|v| v.trim().to_string()));
        out.push((attr("name").unwrap(), attr("filename"), content_type, content));
    }
    out
}

#[tokio::test]
async fn multipart_form_binary_and_text_bodies_go_out_as_described() {
    use fixtures::bodies::types::{AddContactRequest, Options, OptionsResolution, SendFaxRequest};
    use fixtures::bodies::Client;
    use fixtures::runtime::File;
    let (base, seen) = serve(vec![
        (200, r#"{"id":"f1"}"#),
        (204, ""),
        (201, r#"{"id":"b1"}"#),
        (200, r#""noted""#),
    ])
    .await;
    let client = Client::with_base_url(&base, Auth::None).unwrap();
    let fax = SendFaxRequest::new(
        vec!["+14155550100".to_string(), "+14155550101".to_string()],
        File::from_bytes("doc.pdf", &b"%PDF-1.4 tiny"[..]),
    )
    .note("hello")
    .options(Options::new().resolution(OptionsResolution::Fine).retries(2));
    let sent = client.default().send_fax(fax).await.unwrap();
    assert_eq!(sent.id.as_deref(), Some("f1"));
    client
        .default()
        .add_contact(AddContactRequest::new("Ada L").tags(vec!["a b".to_string(), "c".to_string()]))
        .await
        .unwrap();
    let stored = client.default().put_blob("b 1", File::from_bytes("blob.bin", &b"\x01raw bytes"[..])).await.unwrap();
    assert_eq!(stored.id.as_deref(), Some("b1"));
    client.default().add_note("plain words").send_with_response().await.unwrap();
    let seen = seen.await.unwrap();

    // Multipart: repeated fields for the array, the file as a file part, text as text, the
    // object as a JSON part.
    let parts = multipart_parts(&seen[0]);
    let names: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(names, ["to", "to", "file", "note", "options"], "{}", seen[0]);
    assert_eq!(parts[0].3, "+14155550100");
    assert_eq!(parts[1].3, "+14155550101");
    assert_eq!(parts[2].1.as_deref(), Some("doc.pdf"));
    assert_eq!(parts[2].2.as_deref(), Some("application/pdf"));
    assert_eq!(parts[2].3, "%PDF-1.4 tiny");
    assert_eq!(parts[3].3, "hello");
    assert_eq!(parts[4].2.as_deref(), Some("application/json"));
    assert_eq!(serde_json::from_str::<serde_json::Value>(&parts[4].3).unwrap(), serde_json::json!({"resolution": "FINE", "retries": 2}));

    // A form with an array repeats its key.
    let lower = seen[1].to_ascii_lowercase();
    assert!(lower.contains("content-type: application/x-www-form-urlencoded"), "{}", seen[1]);
    assert!(seen[1].ends_with("\r\n\r\nname=Ada+L&tags=a+b&tags=c"), "{}", seen[1]);

    // Bytes go out as they are, typed as the description says.
    assert_eq!(request_line(&seen[2]), "PUT /blobs/b%201 HTTP/1.1");
    assert!(seen[2].to_ascii_lowercase().contains("content-type: application/octet-stream"), "{}", seen[2]);
    assert!(seen[2].ends_with("\r\n\r\n\u{1}raw bytes"), "{:?}", seen[2]);

    // Text is text, not a JSON string.
    assert!(seen[3].to_ascii_lowercase().contains("content-type: text/plain"), "{}", seen[3]);
    assert!(seen[3].ends_with("\r\n\r\nplain words"), "{}", seen[3]);
}

#[tokio::test]
async fn binary_responses_are_bytes() {
    use fixtures::bodies::Client;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let pdf: &'static [u8] = b"%PDF-1.7\n\x00\xff\xfe binary";
    let server = tokio::spawn(async move {
        let (mut sock, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 4096];
        let n = sock.read(&mut buf).await.unwrap();
        let head = String::from_utf8_lossy(&buf[..n]).to_string();
        let mut reply = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/pdf\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            pdf.len()
        )
        .into_bytes();
        reply.extend_from_slice(pdf);
        sock.write_all(&reply).await.unwrap();
        head
    });
    let client = Client::with_base_url(&base, Auth::None).unwrap();
    let bytes = client.default().download_fax("f1").await.unwrap();
    assert_eq!(&bytes[..], pdf);
    let head = server.await.unwrap();
    assert_eq!(request_line(&head), "GET /faxes/f1/file.pdf HTTP/1.1");
    assert!(head.to_ascii_lowercase().contains("accept: application/pdf"), "{head}");
}

#[tokio::test]
async fn operations_with_their_own_server_go_there() {
    use fixtures::bodies::{Client, types::Options};
    let (base, seen) = serve(vec![(200, r#"["app"]"#), (200, r#"{"id":"c1"}"#), (200, r#"["app"]"#)]).await;
    // A client on the description's hosts, with the two other hosts sent to the loopback server
    // under prefixes that show which host each request was for.
    let client = Client::new(Auth::None)
        .unwrap()
        .with_server("https://calling.example.test/v1", format!("{base}/calling-host"))
        .with_server("https://callouts.example.test/calling/v1", format!("{base}/callouts-host"));
    assert_eq!(client.default().list_applications().await.unwrap(), vec!["app".to_string()]);
    client.default().callout().body(Options::new().retries(1)).await.unwrap();
    // A client with one base URL (a proxy, a test server) sends everything there.
    let all_here = Client::with_base_url(&base, Auth::None).unwrap();
    all_here.default().list_applications().await.unwrap();
    let seen = seen.await.unwrap();
    assert_eq!(request_line(&seen[0]), "GET /calling-host/applications HTTP/1.1");
    assert_eq!(request_line(&seen[1]), "POST /callouts-host/callouts HTTP/1.1");
    assert_eq!(request_line(&seen[2]), "GET /applications HTTP/1.1");
}
