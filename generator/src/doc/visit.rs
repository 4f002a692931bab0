//! One walk over a description that knows what each object is: every object whose kind the
//! grammar gives is handed to the visitor with its kind and JSON pointer. Extensions (`x-…`),
//! examples and other data are never entered, so a `$ref` inside them is left alone.

use super::grammar::{Child, Kind, child};
use super::pointer::push_escaped;
use serde_json::{Map, Value};

/// What the visitor may do after seeing an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Walk into its members.
    Enter,
    /// Leave its members alone.
    Skip,
}

/// Visits `node` (an object of `kind`) and everything below it, parents before children.
/// Lists (`parameters`, `allOf`) are walked item by item; each item is visited as the kind.
pub fn walk_mut<F>(node: &mut Value, kind: Kind, pointer: &str, visit: &mut F)
where
    F: FnMut(&mut Map<String, Value>, Kind, &str) -> Flow,
{
    walk_mut_at(node, kind, &mut pointer.to_string(), visit);
}

/// [`walk_mut`] with one pointer buffer for the whole walk, each member's token pushed before
/// its walk and cut after (the walks visit every node of a description, and a pointer string
/// per node and member, leaves included, was a twentieth of a generation).
fn walk_mut_at<F>(node: &mut Value, kind: Kind, pointer: &mut String, visit: &mut F)
where
    F: FnMut(&mut Map<String, Value>, Kind, &str) -> Flow,
{
    match node {
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                under_index(pointer, i, |p| walk_mut_at(item, kind, p, visit));
            }
        }
        Value::Object(map) => {
            if visit(map, kind, pointer) == Flow::Skip {
                return;
            }
            for (key, value) in map.iter_mut() {
                match child(kind, key) {
                    Child::Leaf => {}
                    Child::One(k) => under(pointer, key, |p| walk_mut_at(value, k, p, visit)),
                    Child::Map(k) => {
                        if let Value::Object(entries) = value {
                            under(pointer, key, |p| {
                                for (name, entry) in entries.iter_mut().filter(|(n, _)| !n.starts_with("x-")) {
                                    under(p, name, |p| walk_mut_at(entry, k, p, visit));
                                }
                            });
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// [`walk_mut`] without changes.
pub fn walk<F>(node: &Value, kind: Kind, pointer: &str, visit: &mut F)
where
    F: FnMut(&Map<String, Value>, Kind, &str) -> Flow,
{
    walk_at(node, kind, &mut pointer.to_string(), visit);
}

fn walk_at<F>(node: &Value, kind: Kind, pointer: &mut String, visit: &mut F)
where
    F: FnMut(&Map<String, Value>, Kind, &str) -> Flow,
{
    match node {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                under_index(pointer, i, |p| walk_at(item, kind, p, visit));
            }
        }
        Value::Object(map) => {
            if visit(map, kind, pointer) == Flow::Skip {
                return;
            }
            for (key, value) in map {
                match child(kind, key) {
                    Child::Leaf => {}
                    Child::One(k) => under(pointer, key, |p| walk_at(value, k, p, visit)),
                    Child::Map(k) => {
                        if let Value::Object(entries) = value {
                            under(pointer, key, |p| {
                                for (name, entry) in entries.iter().filter(|(n, _)| !n.starts_with("x-")) {
                                    under(p, name, |p| walk_at(entry, k, p, visit));
                                }
                            });
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// Runs `f` with `/token` (escaped) appended to the pointer, then cuts it back.
fn under(pointer: &mut String, token: &str, f: impl FnOnce(&mut String)) {
    let len = pointer.len();
    pointer.push('/');
    push_escaped(pointer, token);
    f(pointer);
    pointer.truncate(len);
}

/// [`under`] an array index.
fn under_index(pointer: &mut String, i: usize, f: impl FnOnce(&mut String)) {
    use std::fmt::Write as _;
    let len = pointer.len();
    let _ = write!(pointer, "/{i}");
    f(pointer);
    pointer.truncate(len);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kinds_and_pointers_follow_the_grammar() {
        let doc = json!({
            "openapi": "3.1.0",
            "paths": {"/a/{id}": {
                "parameters": [{"name": "id", "in": "path", "schema": {"type": "string"}}],
                "get": {
                    "responses": {"200": {"description": "ok", "content": {"application/json": {
                        "schema": {"type": "array", "items": {"$ref": "#/components/schemas/A"}},
                        "example": {"$ref": "not a reference"}
                    }}}},
                    "callbacks": {"cb": {"{$request.body#/url}": {"post": {"responses": {}}}}},
                    "x-extra": {"$ref": "ignored"}
                }
            }},
            "components": {"schemas": {"A": {"properties": {"b": {"allOf": [{"type": "string"}]}}}}}
        });
        let mut seen = Vec::new();
        walk(&doc, Kind::Document, "", &mut |_, kind, pointer| {
            seen.push(format!("{kind:?} {pointer}"));
            Flow::Enter
        });
        let expected = [
            "Document ",
            "PathItem /paths/~1a~1{id}",
            "Parameter /paths/~1a~1{id}/parameters/0",
            "Schema /paths/~1a~1{id}/parameters/0/schema",
            "Operation /paths/~1a~1{id}/get",
            "Response /paths/~1a~1{id}/get/responses/200",
            "MediaType /paths/~1a~1{id}/get/responses/200/content/application~1json",
            "Schema /paths/~1a~1{id}/get/responses/200/content/application~1json/schema",
            "Schema /paths/~1a~1{id}/get/responses/200/content/application~1json/schema/items",
            "Callback /paths/~1a~1{id}/get/callbacks/cb",
            "PathItem /paths/~1a~1{id}/get/callbacks/cb/{$request.body#~1url}",
            "Operation /paths/~1a~1{id}/get/callbacks/cb/{$request.body#~1url}/post",
            "Components /components",
            "Schema /components/schemas/A",
            "Schema /components/schemas/A/properties/b",
            "Schema /components/schemas/A/properties/b/allOf/0",
        ];
        assert_eq!(seen, expected);
    }

    #[test]
    fn skip_leaves_members_alone_and_mut_edits_in_place() {
        let mut doc = json!({"components": {"schemas": {
            "A": {"type": "object", "properties": {"x": {"type": "string"}}},
            "B": {"type": "object", "properties": {"y": {"type": "string"}}}
        }}});
        walk_mut(&mut doc, Kind::Document, "", &mut |map, kind, pointer| {
            if kind == Kind::Schema {
                map.insert("seen".into(), json!(true));
                if pointer.ends_with("/A") {
                    return Flow::Skip;
                }
            }
            Flow::Enter
        });
        assert_eq!(doc.pointer("/components/schemas/A/seen"), Some(&json!(true)));
        assert_eq!(doc.pointer("/components/schemas/A/properties/x/seen"), None);
        assert_eq!(
            doc.pointer("/components/schemas/B/properties/y/seen"),
            Some(&json!(true))
        );
    }

    #[test]
    fn lists_and_maps_of_objects_and_odd_shapes() {
        // Lists are walked item by item as the kind; entries named `x-` in maps are not
        // entered; scalars where an object belongs are skipped; `$ref` objects are visited.
        let doc = json!({
            "paths": {"x-skip": {"get": {}}, "/a": {"parameters": [{"$ref": "#/p"}, 3, {"name": "n"}]}},
            "components": {"schemas": {"A": {"allOf": [{"$ref": "#/B"}, true]}, "B": "not an object"}}
        });
        let mut seen = Vec::new();
        walk(&doc, Kind::Document, "", &mut |map, kind, pointer| {
            seen.push(format!("{kind:?} {pointer} {}", map.contains_key("$ref")));
            Flow::Enter
        });
        assert_eq!(
            seen,
            [
                "Document  false",
                "PathItem /paths/~1a false",
                "Parameter /paths/~1a/parameters/0 true",
                "Parameter /paths/~1a/parameters/2 false",
                "Components /components false",
                "Schema /components/schemas/A false",
                "Schema /components/schemas/A/allOf/0 true",
            ]
        );
    }

    #[test]
    fn walk_and_walk_mut_agree() {
        let mut doc = json!({"openapi": "3.2.0", "webhooks": {"w": {"post": {"requestBody": {"content": {
            "application/json": {"schema": {"properties": {"a": {"items": {"type": "string"}}}}}}}}}}});
        let mut a = Vec::new();
        walk(&doc, Kind::Document, "", &mut |_, k, p| {
            a.push(format!("{k:?} {p}"));
            Flow::Enter
        });
        let mut b = Vec::new();
        walk_mut(&mut doc, Kind::Document, "", &mut |_, k, p| {
            b.push(format!("{k:?} {p}"));
            Flow::Enter
        });
        assert_eq!(a, b);
        assert_eq!(a.len(), 8);
    }
}
