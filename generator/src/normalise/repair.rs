//! Repairs of real-world defects that make a description unreadable as written but whose
//! meaning is plain. Each is a warning naming the place; anything doubtful stays an error.

use crate::diag::Warnings;
use crate::doc::{self, Flow, Kind};
use serde_json::{Map, Value};
use std::path::Path;

/// Runs every repair over the document (any version; before conversion).
pub fn repair(file: &Path, doc: &mut Value, warnings: &mut Warnings) {
    doc::walk_mut(doc, Kind::Document, "", &mut |map, kind, pointer| {
        match kind {
            Kind::Schema => schema(file, map, pointer, warnings),
            Kind::Parameter | Kind::Header => parameter(file, map, kind, pointer, warnings),
            _ => {}
        }
        Flow::Enter
    });
}

/// Keywords that only describe a schema.
const ANNOTATIONS: [&str; 10] = [
    "description",
    "title",
    "example",
    "examples",
    "$comment",
    "deprecated",
    "readOnly",
    "writeOnly",
    "externalDocs",
    "default",
];

/// Simplifications of the 3.0 form every version is converted to: `allOf` members that only
/// describe (`allOf: [{description: ..}, {$ref: ..}]`, or what is left of an `if`/`then` that
/// has no 3.0 form) give their description to the schema and leave the merge.
pub fn simplify(doc: &mut Value) {
    doc::walk_mut(doc, Kind::Document, "", &mut |map, kind, _| {
        if kind != Kind::Schema {
            return Flow::Enter;
        }
        union_beside_properties(map);
        siblings_into_all_of(map);
        let Some(Value::Array(members)) = map.get_mut("allOf") else {
            return Flow::Enter;
        };
        let only_describes = |m: &Value| {
            m.as_object().is_some_and(|o| {
                o.keys()
                    .all(|k| ANNOTATIONS.contains(&k.as_str()) || k.starts_with("x-"))
            })
        };
        if !members.iter().any(only_describes) {
            return Flow::Enter;
        }
        let mut description = None;
        members.retain(|m| {
            if !only_describes(m) {
                return true;
            }
            if description.is_none() {
                description = m.get("description").cloned();
            }
            false
        });
        if members.is_empty() {
            map.shift_remove("allOf");
        }
        if let Some(d) = description {
            map.entry("description").or_insert(d);
        }
        Flow::Enter
    });
}

/// `{allOf: [..], properties, required}`: the properties and `required` beside the `allOf` are
/// one more member of it (OpenAPI 3.0 readers keep only the `allOf` of such a schema).
fn siblings_into_all_of(map: &mut Map<String, Value>) {
    if !map.get("allOf").is_some_and(Value::is_array) {
        return;
    }
    let mut member = Map::new();
    for k in ["properties", "required", "additionalProperties"] {
        if let Some(v) = map.shift_remove(k) {
            member.insert(k.into(), v);
        }
    }
    if member.is_empty() {
        return;
    }
    if member.contains_key("properties") || member.contains_key("additionalProperties") {
        member.insert("type".into(), Value::String("object".into()));
    }
    if let Some(Value::Array(members)) = map.get_mut("allOf") {
        members.push(Value::Object(member));
    }
}

/// `{properties, required, oneOf: [..]}` (Elastic SIP Trunking's `SipEndpoint`): the properties
/// are shared by every member, as if written `allOf: [{properties, required}, {oneOf: [..]}]`,
/// which is how it is rewritten so the shared properties are not lost.
fn union_beside_properties(map: &mut Map<String, Value>) {
    let key = ["oneOf", "anyOf"]
        .into_iter()
        .find(|k| map.get(*k).is_some_and(Value::is_array));
    let Some(key) = key else { return };
    let has_props = map
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| !p.is_empty());
    if !has_props || map.contains_key("allOf") {
        return;
    }
    let mut shared = Map::new();
    shared.insert("type".into(), Value::String("object".into()));
    for k in ["properties", "required", "additionalProperties"] {
        if let Some(v) = map.shift_remove(k) {
            shared.insert(k.into(), v);
        }
    }
    let mut union = Map::new();
    union.insert(key.into(), map.shift_remove(key).unwrap_or_default());
    if let Some(d) = map.shift_remove("discriminator") {
        union.insert("discriminator".into(), d);
    }
    map.insert(
        "allOf".into(),
        Value::Array(vec![Value::Object(shared), Value::Object(union)]),
    );
}

fn schema(file: &Path, map: &mut Map<String, Value>, pointer: &str, warnings: &mut Warnings) {
    // `enum: {Archived: ARCHIVED, ...}`: a map of labels to values (Provisioning's callbacks).
    if let Some(Value::Object(labelled)) = map.get("enum") {
        let values: Vec<Value> = labelled.values().cloned().collect();
        warnings.push(
            file,
            &doc::join(pointer, "enum"),
            "`enum` is a map of labels to values, not a list; its values are taken as the enum",
        );
        map.insert("enum".into(), Value::Array(values));
    }
    // A property written as a list of schemas (Provisioning's `examples` properties, where
    // `uniqueItems` inside the item shows the list was an array schema turned inside out).
    if let Some(Value::Object(props)) = map.get_mut("properties") {
        for (name, prop) in props.iter_mut() {
            let Value::Array(items) = prop else { continue };
            if items.is_empty() || !items.iter().all(Value::is_object) {
                continue;
            }
            let mut items = std::mem::take(items);
            for item in &mut items {
                if let Value::Object(item) = item {
                    item.shift_remove("uniqueItems");
                }
            }
            let element = if items.len() == 1 {
                items.remove(0)
            } else {
                serde_json::json!({ "oneOf": items })
            };
            *prop = serde_json::json!({"type": "array", "items": element});
            warnings.push(
                file,
                &doc::join(&doc::join(pointer, "properties"), name),
                "a property schema written as a list of schemas; taken as an array of them",
            );
        }
    }
    // `required: true` on a schema (a parameter's keyword in the wrong place).
    if let Some(Value::Bool(_)) = map.get("required") {
        warnings.push(
            file,
            &doc::join(pointer, "required"),
            "`required` on a schema must list property names; a boolean here is ignored",
        );
        map.shift_remove("required");
    }
}

/// A parameter or header with neither `schema` nor `content` is taken to be a string.
fn parameter(file: &Path, map: &mut Map<String, Value>, kind: Kind, pointer: &str, warnings: &mut Warnings) {
    if map.contains_key("$ref") || map.contains_key("schema") || map.contains_key("content") {
        return;
    }
    // Swagger 2.0 parameters carry their type inline; they are converted later.
    if map.contains_key("type") || map.get("in").and_then(Value::as_str) == Some("body") {
        return;
    }
    let mut schema = Map::new();
    schema.insert("type".into(), Value::String("string".into()));
    map.insert("schema".into(), Value::Object(schema));
    let what = if kind == Kind::Header { "header" } else { "parameter" };
    let name = map.get("name").and_then(Value::as_str).unwrap_or("?").to_string();
    let name = if kind == Kind::Header {
        doc::pointer::last(pointer).unwrap_or(name)
    } else {
        name
    };
    warnings.push(
        file,
        pointer,
        format!("{what} `{name}` has neither schema nor content; taken as a string"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn labelled_enums_become_lists() {
        let mut doc = json!({"openapi": "3.1.0", "components": {"schemas": {"S": {
            "type": "string", "enum": {"Archived": "ARCHIVED", "Completed": "COMPLETED"}
        }}}});
        let mut w = Warnings::default();
        repair(Path::new("t.yaml"), &mut doc, &mut w);
        assert_eq!(
            doc.pointer("/components/schemas/S/enum"),
            Some(&json!(["ARCHIVED", "COMPLETED"]))
        );
        assert_eq!(w.items.len(), 1);
        assert_eq!(w.items[0].pointer, "/components/schemas/S/enum");
    }

    #[test]
    fn properties_written_as_lists_become_arrays() {
        let mut doc = json!({"openapi": "3.1.0", "components": {"schemas": {"S": {
            "type": "object",
            "properties": {"examples": [{"type": "string", "uniqueItems": false}]}
        }}}});
        let mut w = Warnings::default();
        repair(Path::new("t.yaml"), &mut doc, &mut w);
        assert_eq!(
            doc.pointer("/components/schemas/S/properties/examples"),
            Some(&json!({"type": "array", "items": {"type": "string"}}))
        );
        assert_eq!(w.items[0].pointer, "/components/schemas/S/properties/examples");
    }

    #[test]
    fn schemaless_parameters_and_headers_become_strings() {
        let mut doc = json!({"openapi": "3.0.0", "paths": {"/a": {"get": {
            "parameters": [{"name": "id", "in": "query"}],
            "responses": {"200": {"description": "ok", "headers": {"X-Rate": {"description": "d"}}}}
        }}}});
        let mut w = Warnings::default();
        repair(Path::new("t.yaml"), &mut doc, &mut w);
        assert_eq!(
            doc.pointer("/paths/~1a/get/parameters/0/schema/type"),
            Some(&json!("string"))
        );
        assert_eq!(
            doc.pointer("/paths/~1a/get/responses/200/headers/X-Rate/schema/type"),
            Some(&json!("string"))
        );
        let pointers: Vec<&str> = w.items.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/paths/~1a/get/parameters/0",
                "/paths/~1a/get/responses/200/headers/X-Rate"
            ]
        );
    }
}

#[cfg(test)]
mod simplify_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn describing_members_leave_the_merge() {
        let mut doc = json!({"components": {"schemas": {
            "A": {"properties": {"list_type": {"allOf": [
                {"description": "The list type."},
                {"$ref": "#/components/schemas/E"}
            ]}}},
            "B": {"allOf": [{}, {"type": "object", "properties": {"x": {"type": "string"}}}]}
        }}});
        simplify(&mut doc);
        assert_eq!(
            doc.pointer("/components/schemas/A/properties/list_type"),
            Some(&json!({"allOf": [{"$ref": "#/components/schemas/E"}], "description": "The list type."}))
        );
        assert_eq!(
            doc.pointer("/components/schemas/B/allOf")
                .map(|a| a.as_array().unwrap().len()),
            Some(1)
        );
    }
}
