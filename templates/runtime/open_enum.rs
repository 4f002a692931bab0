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

/// What every generated string enum implements (`as_str`, `From<&str>`, `From<String>`,
/// `FromStr`, `Display`, `Serialize`, `Deserialize`), from its variants and their values, for an
/// enum declared with an `Other(String)` variant last: fifty lines per enum written once here.
#[macro_export]
#[doc(hidden)]
macro_rules! __open_enum {
    ($name:ident { $($variant:ident = $value:literal,)* }) => {
        impl $name {
            /// The value as it is sent over the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Other(other) => other.as_str(),
                }
            }
        }
        impl From<&str> for $name {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Other(other.to_string()),
                }
            }
        }
        impl From<String> for $name {
            #[inline]
            fn from(value: String) -> Self {
                Self::from(value.as_str())
            }
        }
        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            #[inline]
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }
        impl std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl serde::Serialize for $name {
            fn serialize<__S: serde::Serializer>(&self, serializer: __S) -> Result<__S::Ok, __S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<__D: serde::Deserializer<'de>>(deserializer: __D) -> Result<Self, __D::Error> {
                $crate::__runtime::open_enum::deserialize(deserializer)
            }
        }
    };
}
pub use __open_enum as open_enum;

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

    #[derive(Debug, Clone, PartialEq)]
    enum Channel {
        Sms,
        WhatsApp,
        Other(String),
    }
    super::open_enum! {
        Channel {
            Sms = "SMS",
            WhatsApp = "WHATSAPP",
        }
    }

    #[test]
    fn open_enums_keep_unknown_values_both_ways() {
        let all: Vec<Channel> = serde_json::from_str(r#"["SMS", "WHATSAPP", "FAX"]"#).unwrap();
        assert_eq!(all, vec![Channel::Sms, Channel::WhatsApp, Channel::Other("FAX".into())]);
        assert_eq!(serde_json::to_string(&all).unwrap(), r#"["SMS","WHATSAPP","FAX"]"#);
        assert_eq!(Channel::WhatsApp.to_string(), "WHATSAPP");
        assert_eq!("SMS".parse::<Channel>(), Ok(Channel::Sms));
        assert_eq!(Channel::from(String::from("sms")), Channel::Other("sms".into()));
        assert_eq!(Channel::Other("X".into()).as_str(), "X");
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
