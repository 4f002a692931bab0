//! The manifest's corrections of a description (`[[api.fixes]]`), applied to the document as
//! loaded, before bundling: the descriptions are never edited on disk.

use crate::diag::Error;
use crate::manifest::Fix;
use serde_json::{Map, Value};
use std::path::Path;

/// Merges each fix into `doc` (or, with `replace`, puts it in place of the object there); the
/// first whose place is missing (or not an object) is an error naming that place.
pub fn apply(file: &Path, doc: &mut Value, fixes: &[Fix]) -> Result<(), Error> {
    for fix in fixes {
        let pointer = fix.at.strip_prefix('#').unwrap_or(&fix.at);
        let Some(Value::Object(target)) = doc.pointer_mut(pointer) else {
            return Err(Error::at(
                file,
                pointer,
                "the manifest fixes this place, but the description has no object here any more: \
                 check the fix against the new description",
            ));
        };
        if fix.replace {
            *target = fix.set.clone();
        } else {
            merge(target, &fix.set);
        }
    }
    Ok(())
}

/// RFC 7396 merge of `patch` into `target`, without deletion (TOML has no null).
fn merge(target: &mut Map<String, Value>, patch: &Map<String, Value>) {
    for (key, value) in patch {
        match (target.get_mut(key), value) {
            (Some(Value::Object(inner)), Value::Object(patch)) => merge(inner, patch),
            _ => {
                target.insert(key.clone(), value.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fix(at: &str, set: Value) -> Fix {
        let Value::Object(set) = set else {
            panic!("set must be an object")
        };
        Fix {
            at: at.into(),
            set,
            replace: false,
            why: "test".into(),
        }
    }

    #[test]
    fn merges_members_and_replaces_lists() {
        let mut doc = json!({"components": {"schemas": {"A": {
            "type": "object",
            "required": ["x", "y"],
            "properties": {"x": {"type": "string", "description": "kept"}}
        }}}});
        let fixes = [
            fix("#/components/schemas/A/properties/x", json!({"type": "integer"})),
            fix(
                "/components/schemas/A",
                json!({"required": ["y"], "properties": {"z": {"type": "boolean"}}}),
            ),
        ];
        apply(Path::new("a.yaml"), &mut doc, &fixes).unwrap();
        assert_eq!(
            doc,
            json!({"components": {"schemas": {"A": {
                "type": "object",
                "required": ["y"],
                "properties": {
                    "x": {"type": "integer", "description": "kept"},
                    "z": {"type": "boolean"}
                }
            }}}})
        );
    }

    #[test]
    fn a_replacing_fix_drops_what_it_does_not_restate() {
        let mut doc = json!({"components": {"schemas": {"A": {"properties": {"body": {
            "type": "string",
            "description": "text"
        }}}}}});
        let mut one = fix(
            "/components/schemas/A/properties/body",
            json!({"oneOf": [{"type": "string"}, {"type": "object"}]}),
        );
        one.replace = true;
        apply(Path::new("a.yaml"), &mut doc, &[one]).unwrap();
        assert_eq!(
            doc,
            json!({"components": {"schemas": {"A": {"properties": {"body": {
                "oneOf": [{"type": "string"}, {"type": "object"}]
            }}}}}})
        );
    }

    #[test]
    fn a_fix_whose_place_is_gone_is_an_error_naming_it() {
        let mut doc = json!({"components": {"schemas": {"A": {"type": "string"}}}});
        let before = doc.clone();
        for at in ["/components/schemas/B", "/components/schemas/A/type"] {
            let e = apply(Path::new("a.yaml"), &mut doc, &[fix(at, json!({"nullable": true}))])
                .unwrap_err()
                .to_string();
            assert!(e.contains("a.yaml") && e.contains(at), "{e}");
            assert_eq!(doc, before);
        }
    }
}
