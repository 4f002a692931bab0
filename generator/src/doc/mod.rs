//! The OpenAPI document layer beneath every stage: the grammar (what each member of each
//! object holds), JSON pointers and `$ref`s, and one walk that knows what each object is.
//! `bundle`, `normalise`, `model` and `diff` use it; it uses none of them.

pub mod grammar;
pub mod pointer;
pub mod visit;

pub use grammar::{Child, Kind, METHODS, METHODS_30, child, section, section_kind};
pub use pointer::{Ref, join};
pub use visit::{Flow, walk, walk_mut};

/// Members that hold text in any object (`description`, `summary`, an operation's id, a
/// title): real descriptions sometimes write a `$ref` to the text instead.
pub const TEXT_MEMBERS: [&str; 4] = ["description", "summary", "operationId", "title"];

/// A component name: the characters OpenAPI allows in component keys, never empty.
pub fn component_name(raw: &str) -> String {
    let name: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() { "Component".to_string() } else { name }
}

/// The first free name among `base`, `base2`, `base3`, ...
pub fn unique_name(base: &str, taken: &std::collections::BTreeSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|i| format!("{base}{i}"))
        .find(|n| !taken.contains(n))
        .expect("some name is free")
}
