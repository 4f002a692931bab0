//! Repairs of real-world defects that make a description unreadable as written but whose
//! meaning is plain. Each is a warning naming the place; anything doubtful stays an error.

use crate::diag::Warnings;
use crate::doc::{self, Flow, Kind};
use serde_json::{Map, Value};
use std::path::Path;

/// Runs every repair over the document (any version; before conversion).
pub fn repair(file: &Path, doc: &mut Value, warnings: &mut Warnings) {
    // An `info` is required; a description without one is still usable.
    if let Value::Object(root) = doc {
        if !root.get("info").is_some_and(Value::is_object) {
            warnings.push(file, "/info", "no `info`: the title is taken from the file name");
            root.insert("info".into(), Value::Object(Map::new()));
        }
        if let Some(Value::Object(info)) = root.get_mut("info") {
            if info.get("title").is_none_or(Value::is_null) {
                let stem = file
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                info.insert("title".into(), Value::String(stem));
            }
            if info.get("version").is_none_or(Value::is_null) {
                info.insert("version".into(), Value::String(String::new()));
            }
        }
    }
    if let Value::Object(root) = doc {
        // `paths` is required before 3.1; a description of only components is still usable.
        if !root.get("paths").is_some_and(Value::is_object) && !root.contains_key("webhooks") {
            if root.contains_key("swagger")
                || root
                    .get("openapi")
                    .and_then(Value::as_str)
                    .is_some_and(|v| v.starts_with("3.0"))
            {
                warnings.push(file, "/paths", "no `paths`: a description without operations");
            }
            root.insert("paths".into(), Value::Object(Map::new()));
        }
    }
    // A response written as nothing (`200:` and no more): a response without a description.
    doc::walk_mut(doc, Kind::Document, "", &mut |map, kind, pointer| {
        if kind == Kind::Schema {
            return Flow::Skip;
        }
        if kind == Kind::Operation
            && let Some(Value::Object(responses)) = map.get_mut("responses")
        {
            for (status, r) in responses.iter_mut() {
                if r.is_null() && !status.starts_with("x-") {
                    *r = serde_json::json!({"description": ""});
                    warnings.push(
                        file,
                        &doc::join(&doc::join(pointer, "responses"), status),
                        "a response written as nothing; taken as one without a body",
                    );
                }
            }
        }
        Flow::Enter
    });
    // `openapi: 3.0` and `swagger: 2.0` unquoted are numbers to YAML; `version: 1.0` too.
    for pointer in ["/openapi", "/swagger", "/info/version", "/info/title"] {
        stringify(file, doc, pointer, warnings);
    }
    doc::walk_mut(doc, Kind::Document, "", &mut |map, kind, pointer| {
        match kind {
            Kind::Schema => schema(file, map, pointer, warnings),
            Kind::Parameter | Kind::Header => parameter(file, map, kind, pointer, warnings),
            _ => {}
        }
        Flow::Enter
    });
}

/// A number or boolean where the grammar wants a string is taken as its text.
fn stringify(file: &Path, doc: &mut Value, pointer: &str, warnings: &mut Warnings) {
    let Some(v) = doc.pointer_mut(pointer) else { return };
    let text = match v {
        Value::Number(n) => {
            // YAML reads `3.0` as the float 3; the version meant has its `.0`.
            let t = n.to_string();
            if n.is_f64() && !t.contains('.') && !t.contains('e') {
                format!("{t}.0")
            } else {
                t
            }
        }
        Value::Bool(b) => b.to_string(),
        _ => return,
    };
    warnings.push(
        file,
        pointer,
        format!("`{text}` is not a string; taken as the text \"{text}\""),
    );
    *v = Value::String(text);
}

/// Repairs of the OpenAPI 3.0 form every version is converted to, for what is malformed in
/// any version: each is a warning naming the place.
///
/// - a response without `description` gets an empty one, an operation without `responses` an
///   empty list of them (both optional in 3.1/3.2; conversion supplies them silently there);
/// - `type: [..]` (3.1's list of types, written in a 3.0 or 2.0 description) is converted as
///   3.1's is;
/// - numbers and booleans where a string is wanted (`tags`, enum values of a string, a
///   parameter's `name`) are taken as their text; enum values that do not fit an integer or
///   number schema are dropped;
/// - an `examples` map whose entries are not Example objects is read as their values.
pub fn after_conversion(file: &Path, doc: &mut Value, warnings: &mut Warnings) {
    super::openapi31::type_lists(file, doc, warnings);
    doc::walk_mut(doc, Kind::Document, "", &mut |map, kind, pointer| {
        if map.contains_key("$ref") {
            return Flow::Enter;
        }
        match kind {
            Kind::Response if !map.get("description").is_some_and(Value::is_string) => {
                map.insert("description".into(), Value::String(String::new()));
                warnings.push(file, pointer, "a response without a `description`; taken as empty");
            }
            Kind::Operation => {
                if !map.get("responses").is_some_and(Value::is_object) {
                    map.insert("responses".into(), Value::Object(Map::new()));
                    warnings.push(
                        file,
                        pointer,
                        "an operation without `responses`; taken as documenting none (the call returns nothing typed)",
                    );
                }
                texts(file, map, "tags", pointer, warnings);
            }
            Kind::Parameter | Kind::Header => {
                if let Some(v @ (Value::Number(_) | Value::Bool(_))) = map.get("name") {
                    let t = v.to_string();
                    warnings.push(
                        file,
                        &doc::join(pointer, "name"),
                        format!("parameter name `{t}` is not a string; taken as text"),
                    );
                    map.insert("name".into(), Value::String(t));
                }
                examples(file, map, pointer, warnings);
            }
            Kind::MediaType => examples(file, map, pointer, warnings),
            Kind::Schema => {
                enum_values(file, map, pointer, warnings);
                bounds(file, map, pointer, warnings);
            }
            _ => {}
        }
        Flow::Enter
    });
}

/// A list of strings (`tags`, `required`) in which numbers and booleans are taken as text and
/// anything else dropped.
fn texts(file: &Path, map: &mut Map<String, Value>, key: &str, pointer: &str, warnings: &mut Warnings) {
    let Some(Value::Array(items)) = map.get_mut(key) else {
        return;
    };
    if items.iter().all(Value::is_string) {
        return;
    }
    items.retain(|v| v.is_string() || v.is_number() || v.is_boolean());
    for v in items.iter_mut() {
        if !v.is_string() {
            *v = Value::String(v.to_string());
        }
    }
    warnings.push(
        file,
        &doc::join(pointer, key),
        format!("`{key}` holds values that are not strings; taken as text"),
    );
}

/// Numeric keywords whose value is no usable number (`maximum: 18446744073709552000` of an
/// integer, beyond 64 bits and so kept as text by loading; `minLength: "1"`): parsed where the
/// text is a number that fits, else dropped. Bounds are not part of the generated types.
fn bounds(file: &Path, map: &mut Map<String, Value>, pointer: &str, warnings: &mut Warnings) {
    const INTEGERS: [&str; 6] = [
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
    ];
    const NUMBERS: [&str; 3] = ["minimum", "maximum", "multipleOf"];
    let integer = map.get("type").and_then(Value::as_str) == Some("integer");
    for key in INTEGERS.iter().chain(&NUMBERS) {
        let Some(v) = map.get(*key) else { continue };
        let whole = integer || INTEGERS.contains(key);
        // Lengths and counts are never negative.
        let fits = if INTEGERS.contains(key) {
            v.is_u64()
        } else if whole {
            v.is_i64()
        } else {
            v.is_number()
        };
        if fits {
            continue;
        }
        let text = match v {
            Value::String(t) => t.trim().to_string(),
            Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        let parsed = if INTEGERS.contains(key) {
            text.parse::<u64>().ok().map(Value::from)
        } else if whole {
            text.parse::<i64>().ok().map(Value::from)
        } else {
            text.parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
        };
        let here = doc::join(pointer, key);
        match parsed {
            Some(n) => {
                map.insert((*key).to_string(), n);
                warnings.push(file, &here, format!("`{key}` is not a number; taken as {text}"));
            }
            None => {
                map.shift_remove(*key);
                warnings.push(
                    file,
                    &here,
                    format!("`{key}: {text}` is no number the schema's type can hold; dropped"),
                );
            }
        }
    }
}

/// Enum values that do not fit the schema's type (`enum: [1, 2]` of a string, `enum: ["1"]` of an
/// integer): the string ones are taken as text, numbers parsed from text, the rest dropped.
fn enum_values(file: &Path, map: &mut Map<String, Value>, pointer: &str, warnings: &mut Warnings) {
    let Some(Value::String(ty)) = map.get("type") else {
        return;
    };
    let ty = ty.clone();
    let Some(Value::Array(values)) = map.get_mut("enum") else {
        return;
    };
    let fits = |v: &Value| match ty.as_str() {
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        _ => true,
    } || v.is_null();
    if values.iter().all(fits) {
        return;
    }
    if ty == "string" && values.iter().any(Value::is_boolean) {
        // YAML 1.1 reads `no`, `off`, `y` as booleans: the text written is lost, so the values
        // cannot be named; the schema stays a plain string.
        map.shift_remove("enum");
        warnings.push(
            file,
            &doc::join(pointer, "enum"),
            "a string enum with booleans (YAML reads `no`, `off`, `y` as such; quote them): the values written are lost, so it is typed as a plain string",
        );
        return;
    }
    let before = values.len();
    let converted: Vec<Value> = values
        .iter()
        .filter_map(|v| {
            if fits(v) {
                return Some(v.clone());
            }
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Number(_) | Value::Bool(_) => v.to_string(),
                _ => return None,
            };
            match ty.as_str() {
                "string" => Some(Value::String(text)),
                "integer" => text.trim().parse::<i64>().ok().map(Value::from),
                "number" => text
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map(Value::Number),
                "boolean" => text.trim().parse::<bool>().ok().map(Value::Bool),
                _ => None,
            }
        })
        .collect();
    let dropped = before - converted.len();
    *values = converted;
    if values.is_empty() {
        map.shift_remove("enum");
    }
    warnings.push(
        file,
        &doc::join(pointer, "enum"),
        if dropped > 0 {
            format!("enum values that are not of type `{ty}`: converted where they read as one, {dropped} dropped")
        } else {
            format!("enum values that are not of type `{ty}`: taken as `{ty}` values")
        },
    );
}

/// `examples` of a media type, parameter or header must map names to Example objects; a list
/// of values or a map of bare values (JSON Schema's `examples`, or 2.0 habits) is read as the
/// values.
fn examples(file: &Path, map: &mut Map<String, Value>, pointer: &str, warnings: &mut Warnings) {
    const EXAMPLE_KEYS: [&str; 6] = ["summary", "description", "value", "externalValue", "$ref", "dataValue"];
    let is_example = |v: &Value| {
        v.as_object().is_some_and(|o| {
            o.keys()
                .all(|k| EXAMPLE_KEYS.contains(&k.as_str()) || k.starts_with("x-"))
        })
    };
    let here = doc::join(pointer, "examples");
    match map.get_mut("examples") {
        Some(Value::Object(entries)) => {
            if entries.values().all(is_example) {
                return;
            }
            for v in entries.values_mut() {
                if !is_example(v) {
                    let mut wrapped = Map::new();
                    wrapped.insert("value".into(), std::mem::take(v));
                    *v = Value::Object(wrapped);
                }
            }
            warnings.push(
                file,
                &here,
                "`examples` entries that are not Example objects; taken as their values",
            );
        }
        Some(Value::Array(list)) => {
            let entries: Map<String, Value> = list
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let mut wrapped = Map::new();
                    wrapped.insert("value".into(), v.clone());
                    (format!("example{}", i + 1), Value::Object(wrapped))
                })
                .collect();
            map.insert("examples".into(), Value::Object(entries));
            warnings.push(
                file,
                &here,
                "`examples` is a list, not a map of Example objects; taken as their values",
            );
        }
        Some(_) => {
            map.shift_remove("examples");
            warnings.push(file, &here, "`examples` is not a map of Example objects; dropped");
        }
        None => {}
    }
    // What still does not read as an Example (`summary: 1`) only fed the example tests.
    if let Some(Value::Object(entries)) = map.get_mut("examples") {
        entries.retain(|name, v| {
            let ok = super::coerce::reads::<openapiv3::ReferenceOr<openapiv3::Example>>(v);
            if !ok {
                warnings.push(
                    file,
                    &doc::join(&here, name),
                    "an example that does not read as one; dropped",
                );
            }
            ok
        });
    }
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
        let mut doc = json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "components": {"schemas": {"S": {
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
        let mut doc = json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "components": {"schemas": {"S": {
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
        let mut doc = json!({"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {
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
