//! Load: read a description file and parse YAML or JSON into a `serde_json::Value`.
//!
//! We parse through our own visitor rather than straight into `serde_json::Value` because
//! real descriptions hold numbers that JSON values cannot (integers beyond 64 bits in
//! examples) and non-string mapping keys (`200:` response codes); both are tolerated here
//! and reported with the JSON pointer of the place.

use crate::diag::{self, Error, Place, Warnings};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use std::fmt;
use std::path::Path;

/// Reads and parses one file. Syntax errors name the line and column.
pub fn load_file(path: &Path, warnings: &mut Warnings) -> Result<Value, Error> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::file(path, format!("cannot read the description: {e}")))?;
    parse_str(path, &text, warnings)
}

/// Parses YAML (JSON is accepted as YAML) into a JSON value.
pub fn parse_str(path: &Path, text: &str, warnings: &mut Warnings) -> Result<Value, Error> {
    // JSON is read as JSON first: YAML's reader refuses some of what JSON allows (a surrogate
    // pair written as two `\u` escapes, as in Twilio's emoji examples). YAML reads the rest.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        let found = RefCell::new(Vec::new());
        let seed = Seed {
            pointer: String::new(),
            found: &found,
        };
        let mut de = serde_json::Deserializer::from_str(text);
        if let Ok(value) = seed.deserialize(&mut de).and_then(|v| de.end().map(|()| v)) {
            for (pointer, message) in found.into_inner() {
                warnings.push(path, &pointer, message);
            }
            return Ok(value);
        }
    }
    let found = RefCell::new(Vec::new());
    let de = serde_norway::Deserializer::from_str(text);
    let seed = Seed {
        pointer: String::new(),
        found: &found,
    };
    let value = seed.deserialize(de).map_err(|e| {
        let place = match e.location() {
            Some(loc) => Place::Line {
                line: loc.line(),
                column: loc.column(),
            },
            None => Place::File,
        };
        Error::new(path, place, format!("not valid YAML or JSON: {e}"))
    })?;
    for (pointer, message) in found.into_inner() {
        warnings.push(path, &pointer, message);
    }
    Ok(value)
}

struct Seed<'a> {
    pointer: String,
    found: &'a RefCell<Vec<(String, String)>>,
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl Seed<'_> {
    fn wide_integer(&self, text: String) -> Value {
        // An integer JSON cannot hold is kept exactly, as a decimal string.
        self.found.borrow_mut().push((
            self.pointer.clone(),
            format!("integer {text} does not fit in 64 bits; kept as the string \"{text}\""),
        ));
        Value::String(text)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(match i64::try_from(v) {
            Ok(small) => Value::Number(small.into()),
            Err(_) => self.wide_integer(v.to_string()),
        })
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(match u64::try_from(v) {
            Ok(small) => Value::Number(small.into()),
            Err(_) => self.wide_integer(v.to_string()),
        })
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(match Number::from_f64(v) {
            Some(n) => Value::Number(n),
            None => {
                self.found.borrow_mut().push((
                    self.pointer.clone(),
                    format!("number {v} has no JSON form; kept as a string"),
                ));
                Value::String(v.to_string())
            }
        })
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let seed = Seed {
                pointer: diag::join(&self.pointer, &items.len().to_string()),
                found: self.found,
            };
            match seq.next_element_seed(seed)? {
                Some(v) => items.push(v),
                None => break,
            }
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let seed = Seed {
                pointer: diag::join(&self.pointer, &key),
                found: self.found,
            };
            let value = map.next_value_seed(seed)?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// Mapping keys become strings: YAML allows `200:` or `true:` as keys, JSON does not.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = String;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a scalar mapping key")
    }
    fn visit_str<E>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_string<E>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_bool<E>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i128<E>(self, v: i128) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u128<E>(self, v: u128) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_unit<E>(self) -> Result<String, E> {
        Ok("null".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_integers_become_strings_with_a_warning() {
        let mut w = Warnings::default();
        let v = parse_str(Path::new("x.yaml"), "a:\n  b: [1, 903409384099320948029348]\n", &mut w).unwrap();
        assert_eq!(v["a"]["b"][1], Value::String("903409384099320948029348".into()));
        assert_eq!(w.items.len(), 1);
        assert_eq!(w.items[0].pointer, "/a/b/1");
    }

    #[test]
    fn integer_keys_become_strings() {
        let mut w = Warnings::default();
        let v = parse_str(Path::new("x.yaml"), "200:\n  description: ok\n", &mut w).unwrap();
        assert_eq!(v["200"]["description"], "ok");
    }

    #[test]
    fn json_is_read_as_json() {
        let mut w = Warnings::default();
        // A surrogate pair YAML's reader refuses, and a byte order mark.
        let v = parse_str(
            Path::new("x.json"),
            "\u{feff}{\"a\": \"\\ud83d\\udc4d\", \"b\": [1]}",
            &mut w,
        )
        .unwrap();
        assert_eq!(v["a"], "\u{1f44d}");
        assert_eq!(v["b"][0], 1);
        // Not JSON after all (a YAML flow mapping): read as YAML.
        let v = parse_str(Path::new("x.yaml"), "{a: 1}\n", &mut w).unwrap();
        assert_eq!(v["a"], 1);
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let mut w = Warnings::default();
        let e = parse_str(Path::new("bad.yaml"), "a: [1, 2\nb: 3", &mut w).unwrap_err();
        assert!(matches!(e.place, Place::Line { line: 2, .. }), "{e}");
        assert!(e.to_string().starts_with("error: bad.yaml:2:"), "{e}");
    }
}
