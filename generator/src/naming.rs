//! Identifiers: turn OpenAPI names into valid, idiomatic, collision-free Rust names.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::{BTreeMap, BTreeSet};

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers: they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Names from the Rust prelude (and what generated code derives or names unqualified): a type
/// with one of these names would shadow it, so such types take another name.
pub const PRELUDE: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "From",
    "Into",
    "Iterator",
    "ToString",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "AsRef",
    "AsMut",
    "ToOwned",
    "Unpin",
    "Self",
];

/// The prelude names as a set, to start a set of taken names from.
pub fn prelude() -> BTreeSet<String> {
    PRELUDE.iter().map(|s| s.to_string()).collect()
}

/// Prefixes that code generators behind Sinch's descriptions put on schema names.
const GENERATED_PREFIXES: &[&str] = &["v1", "type", "protobuf"];

/// Reduces any text to words heck can case: non-alphanumerics split words.
fn words(raw: &str) -> String {
    let mut s: String = raw
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    if s.trim().is_empty() {
        s = "value".into();
    }
    s
}

/// `UpperCamelCase` type or variant name; never starts with a digit.
pub fn type_name(raw: &str) -> String {
    let mut n = words(raw).to_upper_camel_case();
    if n.is_empty() {
        n = "Value".into();
    }
    if n.starts_with(|c: char| c.is_ascii_digit()) {
        n = format!("V{n}");
    }
    // The one keyword a type name can spell, and no raw identifier can be.
    if n == "Self" {
        n = "SelfValue".into();
    }
    n
}

/// `snake_case` field or function name; keywords escaped.
pub fn field_name(raw: &str) -> String {
    let mut n = words(raw).to_snake_case();
    if n.is_empty() {
        n = "value".into();
    }
    if n.starts_with(|c: char| c.is_ascii_digit()) {
        n = format!("n{n}");
    }
    n
}

/// Returns the text of an identifier token: `r#type`, `self_`, or the name itself.
pub fn escape(name: &str) -> String {
    if NOT_RAW.contains(&name) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_string()
    }
}

/// Builds an identifier token, escaping keywords.
pub fn ident(name: &str) -> proc_macro2::Ident {
    let text = escape(name);
    match text.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => proc_macro2::Ident::new(&text, proc_macro2::Span::call_site()),
    }
}

/// Strips a generated prefix (`v1Contact` -> `Contact`, `typeRecipient` -> `Recipient`).
fn strip_prefix(raw: &str) -> Option<&str> {
    for p in GENERATED_PREFIXES {
        if let Some(rest) = raw.strip_prefix(p) {
            // Only a prefix glued onto a capitalised word, or set off by a separator.
            let rest = rest.trim_start_matches(['_', '.', '-']);
            if rest.starts_with(|c: char| c.is_ascii_uppercase()) {
                return Some(rest);
            }
        }
    }
    None
}

/// Assigns Rust type names to the component schemas of one description.
///
/// Names are chosen over the whole sorted set at once so that the result does not depend on
/// the order of the description, and a prefix is only dropped where that causes no collision.
pub fn schema_names<'a>(
    raw: impl IntoIterator<Item = &'a str>,
    reserved: &BTreeSet<String>,
) -> BTreeMap<String, String> {
    let raw: BTreeSet<&str> = raw.into_iter().collect();
    let full: BTreeMap<&str, String> = raw.iter().map(|r| (*r, type_name(r))).collect();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for r in &raw {
        *counts.entry(preferred(r)).or_default() += 1;
    }
    let mut taken: BTreeSet<String> = reserved.clone();
    let mut out = BTreeMap::new();
    // Schemas without a prefix choose first: they keep their own names.
    let (plain, prefixed): (Vec<&str>, Vec<&str>) = raw.iter().partition(|r| strip_prefix(r).is_none());
    for r in plain.into_iter().chain(prefixed) {
        let mut name = preferred(r);
        if counts[&name] > 1 || taken.contains(&name) {
            name = full[r].clone();
        }
        name = unique(&name, &taken);
        taken.insert(name.clone());
        out.insert(r.to_string(), name);
    }
    out
}

fn preferred(raw: &str) -> String {
    type_name(strip_prefix(raw).unwrap_or(raw))
}

/// `name`, or `name2`, `name3`… the first not yet taken.
pub fn unique(name: &str, taken: &BTreeSet<String>) -> String {
    if !taken.contains(name) {
        return name.to_string();
    }
    (2..)
        .map(|i| format!("{name}{i}"))
        .find(|n| !taken.contains(n))
        .expect("an unused name exists")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(escape(&field_name("type")), "r#type");
        assert_eq!(escape(&field_name("self")), "self_");
        assert_eq!(field_name("message.conversation_id"), "message_conversation_id");
        assert_eq!(field_name("bot-id"), "bot_id");
        assert_eq!(type_name("10DLC brand"), "V10dlcBrand");
        assert_eq!(field_name("2fa"), "n2fa");
    }

    #[test]
    fn prelude_names_are_not_shadowed() {
        let names = schema_names(["Result", "Option", "Contact"], &prelude());
        assert_eq!(names["Result"], "Result2");
        assert_eq!(names["Option"], "Option2");
        assert_eq!(names["Contact"], "Contact");
    }

    #[test]
    fn prefixes_dropped_without_collision() {
        let names = schema_names(
            [
                "v1Contact",
                "typeRecipient",
                "protobufAny",
                "v1Message",
                "Message",
                "typeChannel",
            ],
            &BTreeSet::new(),
        );
        assert_eq!(names["v1Contact"], "Contact");
        assert_eq!(names["typeRecipient"], "Recipient");
        assert_eq!(names["protobufAny"], "Any");
        assert_eq!(names["Message"], "Message");
        assert_eq!(names["v1Message"], "V1Message");
        assert_eq!(names["typeChannel"], "Channel");
    }

    #[test]
    fn names_that_collide_after_casing_stay_distinct() {
        let names = schema_names(["foo_bar", "FooBar", "fooBar"], &BTreeSet::new());
        let set: BTreeSet<_> = names.values().collect();
        assert_eq!(set.len(), 3);
    }
}
