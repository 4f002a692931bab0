//! Decoding of the generated string enums that keep unknown values (`Other(String)`).

use serde::de::{Deserializer, Error, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// Decodes a string enum from the string as the decoder lends it: a known value allocates
/// nothing (decoding into a `String` first allocated for every value); only an unknown one is
/// copied into `Other`.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct Str<T>(PhantomData<T>);
    impl<T: for<'a> From<&'a str>> Visitor<'_> for Str<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }
    }
    deserializer.deserialize_str(Str(PhantomData))
}

#[cfg(test)]
mod tests {
    #[derive(Debug, PartialEq)]
    enum Kind {
        Text,
        Other(String),
    }
    impl From<&str> for Kind {
        fn from(v: &str) -> Self {
            match v {
                "text" => Kind::Text,
                other => Kind::Other(other.to_string()),
            }
        }
    }

    fn decode(json: &str) -> Result<Kind, serde_json::Error> {
        super::deserialize(&mut serde_json::Deserializer::from_str(json))
    }

    #[test]
    fn known_unknown_escaped_and_wrong_kinds() {
        assert_eq!(decode(r#""text""#).unwrap(), Kind::Text);
        assert_eq!(decode(r#""video""#).unwrap(), Kind::Other("video".into()));
        // An escaped string is lent from a scratch buffer: still decoded.
        assert_eq!(decode(r#""te\u0078t""#).unwrap(), Kind::Text);
        let e = decode("3").unwrap_err().to_string();
        assert!(e.contains("expected a string"), "{e}");
        // From a serde_json::Value too (owned strings).
        let v: serde_json::Value = serde_json::json!("text");
        assert_eq!(
            super::deserialize(v).map_err(|e| e.to_string()),
            Ok::<_, String>(Kind::Text)
        );
    }
}
