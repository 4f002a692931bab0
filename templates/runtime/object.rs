//! Decoding of the generated structs that keep the properties they do not name: those of a
//! flattened union (`allOf` with a `oneOf` member) or additional properties.
//!
//! serde's `#[serde(flatten)]` first buffers every property of the object, then decodes each
//! field again from the buffer: Conversation's `SendMessageRequest` decoded at 0.77x the speed
//! of a hand-written struct that way (`benches/codec.rs`). The generated `Deserialize` of these
//! structs instead reads its named fields straight from the decoder, recognised by [`Keys`]
//! without allocating, and collects only the other properties.

use serde::Deserialize;
use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, Error, MapAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// A property name: one of the struct's own (the index of its field), or another one.
#[derive(Debug, PartialEq)]
pub enum Key {
    /// The field with this index.
    Known(usize),
    /// A property the struct does not name.
    Other(String),
}

/// The struct's property names (with the aliases Sinch also sends), each with its field's
/// index: decodes one property name into a [`Key`].
#[derive(Clone, Copy)]
pub struct Keys(pub &'static [(&'static str, usize)]);

impl Keys {
    fn find(&self, name: &str) -> Option<usize> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, i)| *i)
    }
}

impl<'de> DeserializeSeed<'de> for Keys {
    type Value = Key;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Keys {
    type Value = Key;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }
    fn visit_str<E: Error>(self, name: &str) -> Result<Key, E> {
        Ok(match self.find(name) {
            Some(i) => Key::Known(i),
            None => Key::Other(name.to_owned()),
        })
    }
    fn visit_string<E: Error>(self, name: String) -> Result<Key, E> {
        Ok(match self.find(&name) {
            Some(i) => Key::Known(i),
            None => Key::Other(name),
        })
    }
}

/// Reads the value of a named field into its slot; a second occurrence is an error, as with
/// serde's derive.
pub fn field<'de, A, T>(map: &mut A, slot: &mut Option<T>, name: &'static str) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// The flattened union, decoded from the properties the struct does not name.
pub fn rest<T: DeserializeOwned, E: Error>(rest: Map<String, Value>) -> Result<T, E> {
    T::deserialize(Value::Object(rest)).map_err(E::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: Keys = Keys(&[("text", 0), ("body", 1), ("message", 1)]);

    /// The keys of an object as [`Keys`] reads them.
    fn keys(json: &str) -> Vec<Key> {
        struct Collect;
        impl<'de> Visitor<'de> for Collect {
            type Value = Vec<Key>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Key>, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key_seed(KEYS)? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    out.push(key);
                }
                Ok(out)
            }
        }
        let mut de = serde_json::Deserializer::from_str(json);
        serde::Deserializer::deserialize_map(&mut de, Collect).unwrap()
    }

    #[test]
    fn names_aliases_escapes_and_others() {
        assert_eq!(
            keys(r#"{"text": 1, "message": 2, "b\u006fdy": 3, "card": 4}"#),
            vec![Key::Known(0), Key::Known(1), Key::Known(1), Key::Other("card".into())]
        );
        // From a serde_json::Value (owned names) too.
        let value = serde_json::json!({"text": 1, "other": 2});
        let serde_json::Value::Object(map) = value else {
            unreachable!()
        };
        let got: Vec<Key> = map
            .keys()
            .map(|k| KEYS.visit_string::<serde_json::Error>(k.clone()).unwrap())
            .collect();
        assert_eq!(got, vec![Key::Known(0), Key::Other("other".into())]);
    }

    #[test]
    fn rest_decodes_the_remaining_properties() {
        let mut map = Map::new();
        map.insert("card".into(), serde_json::json!({"title": "t"}));
        let v: Value = rest::<Value, serde_json::Error>(map).unwrap();
        assert_eq!(v, serde_json::json!({"card": {"title": "t"}}));
        let e = rest::<u8, serde_json::Error>(Map::new()).unwrap_err().to_string();
        assert!(e.contains("expected u8"), "{e}");
    }
}
