//! Decoding `oneOf` unions: by shape when the description names no discriminator.

use serde::de::{self, Unexpected};
use serde_json::Value;
use std::fmt;

/// The JSON kind a union variant accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    /// A JSON object.
    Object,
    /// A JSON array.
    Array,
    /// A string.
    String,
    /// An integer.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Bool,
    /// Anything.
    Any,
}

/// What one variant looks like on the wire.
#[derive(Debug)]
pub struct Shape {
    /// The kind of JSON value.
    pub kind: JsonKind,
    /// Properties that must be present (objects).
    pub required: &'static [&'static str],
    /// Every property the variant knows (objects).
    pub known: &'static [&'static str],
    /// Properties that only take these string values (objects).
    pub values: &'static [(&'static str, &'static [&'static str])],
}

impl JsonKind {
    /// The kind as an error names it: `a string`, `an object`.
    fn described(self) -> &'static str {
        match self {
            JsonKind::Object => "an object",
            JsonKind::Array => "an array",
            JsonKind::String => "a string",
            JsonKind::Integer => "an integer",
            JsonKind::Number => "a number",
            JsonKind::Bool => "a boolean",
            JsonKind::Any => "any value",
        }
    }
}

/// What a union takes, for errors: its kinds, each once, `a string, an integer or an object`.
struct Expecting<'a>(&'a [JsonKind]);

impl fmt::Display for Expecting<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut kinds: Vec<JsonKind> = Vec::with_capacity(self.0.len());
        for k in self.0 {
            if !kinds.contains(k) {
                kinds.push(*k);
            }
        }
        for (i, k) in kinds.iter().enumerate() {
            let sep = match i {
                0 => "",
                i if i + 1 == kinds.len() => " or ",
                _ => ", ",
            };
            write!(f, "{sep}{}", k.described())?;
        }
        Ok(())
    }
}

impl de::Expected for Expecting<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

fn kind_fits(kind: JsonKind, value: &Value) -> bool {
    match kind {
        JsonKind::Object => value.is_object(),
        JsonKind::Array => value.is_array(),
        JsonKind::String => value.is_string(),
        JsonKind::Integer => value.is_i64() || value.is_u64(),
        JsonKind::Number => value.is_number(),
        JsonKind::Bool => value.is_boolean(),
        JsonKind::Any => true,
    }
}

/// A union whose variants each take a different kind of JSON value (a text or an object): it is
/// decoded straight from the input by the kind found there, without first reading the value into a
/// `serde_json::Value` to rank the variants (the path of the other shape unions, which made an SMS
/// batch with a text body decode at 0.87 of a hand-written struct's speed). Each method decodes
/// the one variant of its kind; the others refuse with what the union takes.
pub trait ByKind: Sized {
    /// The kinds its variants take, in order: what an error says the union expects.
    const KINDS: &'static [JsonKind];

    /// The variant that takes a string.
    fn string<E: de::Error>(v: String) -> Result<Self, E> {
        Err(E::invalid_type(Unexpected::Str(&v), &Expecting(Self::KINDS)))
    }
    /// The variant that takes `true` or `false`.
    fn boolean<E: de::Error>(v: bool) -> Result<Self, E> {
        Err(E::invalid_type(Unexpected::Bool(v), &Expecting(Self::KINDS)))
    }
    /// The variant that takes an integer (or a number).
    fn integer<E: de::Error>(v: i64) -> Result<Self, E> {
        Err(E::invalid_type(Unexpected::Signed(v), &Expecting(Self::KINDS)))
    }
    /// The variant that takes a number.
    fn number<E: de::Error>(v: f64) -> Result<Self, E> {
        Err(E::invalid_type(Unexpected::Float(v), &Expecting(Self::KINDS)))
    }
    /// The variant that takes an array.
    fn seq<'de, A: de::SeqAccess<'de>>(seq: A) -> Result<Self, A::Error> {
        let _ = seq;
        Err(de::Error::invalid_type(Unexpected::Seq, &Expecting(Self::KINDS)))
    }
    /// The variant that takes an object.
    fn map<'de, A: de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        let _ = map;
        Err(de::Error::invalid_type(Unexpected::Map, &Expecting(Self::KINDS)))
    }
}

/// Decodes a [`ByKind`] union: the body of its `Deserialize`.
pub fn by_kind<'de, T: ByKind, D: de::Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_any(KindVisitor(std::marker::PhantomData))
}

struct KindVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: ByKind> de::Visitor<'de> for KindVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&Expecting(T::KINDS), f)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::string(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
        T::string(v)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        T::boolean(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::integer(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        match i64::try_from(v) {
            Ok(v) => T::integer(v),
            Err(_) => T::number(v as f64),
        }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        T::number(v)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        T::seq(seq)
    }
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::map(map)
    }
}

/// The error of a union that no variant decodes: why each variant of the value's kind failed, or,
/// when none is of that kind, what the union takes (`invalid type: number, expected a string or
/// an object`) instead of an empty list.
pub fn no_match(union: &str, value: &Value, shapes: &[Shape], tried: &[String]) -> String {
    if !tried.is_empty() {
        return format!("data did not match any variant of {union} ({})", tried.join("; "));
    }
    let kinds: Vec<JsonKind> = shapes.iter().map(|s| s.kind).collect();
    let found = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    format!(
        "data did not match any variant of {union} (invalid type: {found}, expected {})",
        Expecting(&kinds)
    )
}

/// Variant indices to try, best fit first: only kinds that match; among objects, those with
/// their required properties present, then most of the object's properties known and fewest
/// unknown; ties keep description order. Every candidate is still tried, because descriptions
/// sometimes require properties they never define.
pub fn rank(value: &Value, shapes: &[Shape]) -> Vec<usize> {
    ranked(value, shapes, |_| true)
}

/// [`rank`] over the variants `keep` accepts.
fn ranked(value: &Value, shapes: &[Shape], keep: impl Fn(usize) -> bool) -> Vec<usize> {
    let mut scored: Vec<(i64, usize)> = Vec::with_capacity(shapes.len());
    for (i, s) in shapes.iter().enumerate() {
        if !kind_fits(s.kind, value) || !keep(i) {
            continue;
        }
        let score = match value.as_object() {
            Some(obj) if s.kind == JsonKind::Object => {
                let missing = s.required.iter().filter(|r| !obj.contains_key(**r)).count() as i64;
                let known = obj.keys().filter(|k| s.known.contains(&k.as_str())).count() as i64;
                let unknown = obj.len() as i64 - known;
                // A listed value tells variants of the same shape apart (`type: username`).
                let (mut fits, mut misfits) = (0, 0);
                for (property, allowed) in s.values {
                    if let Some(v) = obj.get(*property).and_then(Value::as_str) {
                        if allowed.contains(&v) {
                            fits += 1;
                        } else {
                            misfits += 1;
                        }
                    }
                }
                known * 2 - unknown * 3 - missing * 100 + fits * 10 - misfits * 50
            }
            _ => 0,
        };
        scored.push((score, i));
    }
    // Stable, so ties keep description order.
    scored.sort_by_key(|&(score, _)| std::cmp::Reverse(score));
    scored.into_iter().map(|(_, i)| i).collect()
}

/// Whether a union of object variants keeps unknown kinds: every variant is an object with at
/// least one property of its own (one not every variant knows), so the properties present tell
/// which kinds a value can be. The generator emits an `Other` variant for exactly these unions.
pub fn keeps_unknown(shapes: &[Shape]) -> bool {
    shapes.len() >= 2 && (0..shapes.len()).all(|i| shapes[i].kind == JsonKind::Object && !own(shapes, i).is_empty())
}

/// The properties variant `index` knows that not every variant knows.
fn own(shapes: &[Shape], index: usize) -> Vec<&'static str> {
    shapes[index]
        .known
        .iter()
        .copied()
        .filter(|p| !known_by_all(shapes, p))
        .collect()
}

/// Whether every variant knows property `p` (so it tells none of them apart).
fn known_by_all(shapes: &[Shape], p: &str) -> bool {
    shapes.iter().all(|s| s.known.contains(&p))
}

/// [`rank`] limited to the variants that claim the value: objects holding at least one property
/// of the variant's own. Empty when none does (an event kind added after the SDK was generated),
/// which a union with an `Other` variant keeps as received instead of forcing it into the first
/// variant whose required properties happen to be present.
pub fn rank_claimed(value: &Value, shapes: &[Shape]) -> Vec<usize> {
    let Some(obj) = value.as_object() else {
        return Vec::new();
    };
    // The object's few properties are looked up in the variants' lists, not the other way.
    let claims = |i: usize| {
        obj.keys()
            .map(String::as_str)
            .any(|k| shapes[i].known.contains(&k) && !known_by_all(shapes, k))
    };
    ranked(value, shapes, claims)
}

/// Sets the discriminator property of an encoded variant when the variant's type lacks it.
pub fn with_tag(mut value: Value, property: &str, tag: Option<&str>) -> Value {
    if let (Some(obj), Some(tag)) = (value.as_object_mut(), tag) {
        obj.entry(property.to_string())
            .or_insert_with(|| Value::String(tag.to_string()));
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SHAPES: &[Shape] = &[
        Shape {
            kind: JsonKind::Object,
            required: &["text"],
            known: &["text", "type"],
            values: &[],
        },
        Shape {
            kind: JsonKind::Object,
            required: &["url"],
            known: &["url", "caption", "type"],
            values: &[],
        },
        Shape {
            kind: JsonKind::String,
            required: &[],
            known: &[],
            values: &[],
        },
    ];

    #[test]
    fn best_fitting_variant_comes_first() {
        assert_eq!(rank(&json!({"url": "x", "caption": "c"}), SHAPES), vec![1, 0]);
        assert_eq!(rank(&json!({"text": "x"}), SHAPES), vec![0, 1]);
        assert_eq!(rank(&json!("plain"), SHAPES), vec![2]);
        assert!(rank(&json!(1), SHAPES).is_empty());
    }

    #[test]
    fn listed_values_tell_same_shaped_variants_apart() {
        const SAME: &[Shape] = &[
            Shape {
                kind: JsonKind::Object,
                required: &["type", "endpoint"],
                known: &["type", "endpoint"],
                values: &[("type", &["number", "Number"])],
            },
            Shape {
                kind: JsonKind::Object,
                required: &["type", "endpoint"],
                known: &["type", "endpoint"],
                values: &[("type", &["username", "Username"])],
            },
        ];
        assert_eq!(rank(&json!({"type": "username", "endpoint": "a"}), SAME), vec![1, 0]);
        assert_eq!(rank(&json!({"type": "number", "endpoint": "1"}), SAME), vec![0, 1]);
    }

    #[test]
    fn unknown_kinds_are_not_claimed() {
        const EVENTS: &[Shape] = &[
            Shape {
                kind: JsonKind::Object,
                required: &["app_id"],
                known: &["app_id", "message"],
                values: &[],
            },
            Shape {
                kind: JsonKind::Object,
                required: &["app_id"],
                known: &["app_id", "contact"],
                values: &[],
            },
        ];
        assert!(keeps_unknown(EVENTS));
        assert!(!keeps_unknown(SHAPES), "a string variant claims no property");
        assert!(!keeps_unknown(&EVENTS[..1]));
        assert_eq!(rank_claimed(&json!({"app_id": "a", "message": {}}), EVENTS), vec![0]);
        assert_eq!(rank_claimed(&json!({"app_id": "a", "contact": {}}), EVENTS), vec![1]);
        assert!(rank_claimed(&json!({"app_id": "a", "new_kind": {}}), EVENTS).is_empty());
        assert!(rank_claimed(&json!({"app_id": "a"}), EVENTS).is_empty());
        assert!(rank_claimed(&json!("text"), EVENTS).is_empty());
    }

    #[test]
    fn tag_is_added_only_when_missing() {
        assert_eq!(
            with_tag(json!({"a": 1}), "type", Some("x")),
            json!({"a": 1, "type": "x"})
        );
        assert_eq!(with_tag(json!({"type": "y"}), "type", Some("x")), json!({"type": "y"}));
    }

    #[test]
    fn no_match_says_why_each_fitting_variant_failed_or_what_the_union_takes() {
        let text = Shape {
            kind: JsonKind::String,
            required: &[],
            known: &[],
            values: &[],
        };
        let media = Shape {
            kind: JsonKind::Object,
            required: &["url"],
            known: &["url"],
            values: &[],
        };
        let shapes = [text, media];
        assert_eq!(
            no_match("Body", &json!(5), &shapes, &[]),
            "data did not match any variant of Body (invalid type: number, expected a string or an object)"
        );
        assert_eq!(
            no_match("Body", &json!({}), &shapes, &["Media: missing field `url`".into()]),
            "data did not match any variant of Body (Media: missing field `url`)"
        );
    }

    /// A text or an object, as an SMS body is.
    #[derive(Debug, PartialEq)]
    enum Body {
        Text(String),
        Media(std::collections::BTreeMap<String, i64>),
    }

    impl ByKind for Body {
        const KINDS: &'static [JsonKind] = &[JsonKind::String, JsonKind::Object];
        fn string<E: de::Error>(v: String) -> Result<Self, E> {
            Ok(Body::Text(v))
        }
        fn map<'de, A: de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
            serde::Deserialize::deserialize(de::value::MapAccessDeserializer::new(map)).map(Body::Media)
        }
    }

    #[test]
    fn a_union_of_distinct_kinds_decodes_by_the_kind_found() {
        let decode = |text: &str| {
            let mut d = serde_json::Deserializer::from_str(text);
            by_kind::<Body, _>(&mut d).map_err(|e| e.to_string())
        };
        assert_eq!(decode(r#""hi""#), Ok(Body::Text("hi".into())));
        assert_eq!(decode(r#"{"a": 1}"#), Ok(Body::Media([("a".to_string(), 1)].into())));
        assert_eq!(
            decode("5"),
            Err("invalid type: integer `5`, expected a string or an object at line 1 column 1".into())
        );
        assert!(
            decode(r#"{"a": "x"}"#)
                .unwrap_err()
                .contains("invalid type: string \"x\", expected i64")
        );
        assert_eq!(
            by_kind::<Body, _>(json!(["x"])).unwrap_err().to_string(),
            "invalid type: sequence, expected a string or an object"
        );
    }
}
