//! OpenAPI 3.1 and 3.2 to OpenAPI 3.0.
//!
//! 3.1 made schemas JSON Schema 2020-12 and 3.2 added a few objects; `openapiv3` reads 3.0 and
//! silently ignores what it does not know. So everything here is either converted to its 3.0
//! form or removed with a warning naming the place, never dropped unseen:
//!
//! - schemas: `type: [X, "null"]` -> `type: X, nullable: true` (several types -> `oneOf` of
//!   one schema per type, each with the keywords that apply to it); `oneOf`/`anyOf` with a
//!   `{type: "null"}` member -> `nullable`; `const` -> one-value `enum`; `examples` -> the first
//!   as `example`; numeric `exclusiveMinimum`/`exclusiveMaximum` -> `minimum`/`maximum` with the
//!   3.0 boolean; `$ref` with siblings -> `allOf: [{$ref}]` beside them (`keep_ref_siblings`);
//!   `$defs`/`definitions` -> component schemas, references rewritten; `patternProperties` ->
//!   `additionalProperties`; `contentEncoding: base64` -> `format: byte`, a binary
//!   `contentMediaType` -> `format: binary`; boolean schemas -> `{}` / `{not: {}}`; the other
//!   2020-12 keywords (`prefixItems`, `if`/`then`/`else`, `dependentRequired`,
//!   `unevaluatedProperties`, `$id`, ...) are removed with a warning;
//! - the document: `openapi` becomes `3.0.3`; `info.summary`, `license.identifier` and
//!   `jsonSchemaDialect` are informational and dropped; `paths` may be absent; path items
//!   referenced from `components/pathItems` are inlined; `webhooks` move to `x-webhooks`, with
//!   each inline payload schema made a component schema `<Webhook>Payload` so that it becomes a
//!   generated type;
//! - 3.2: the `query` method and `additionalOperations` move to `x-query` /
//!   `x-additionalOperations` (no 3.0 form, so no method); `in: querystring` parameters,
//!   `itemSchema` (kept as `x-itemSchema`), `prefixEncoding`/`itemEncoding`, `$self`, the
//!   `mutualTLS` scheme and the `deviceAuthorization` flow are reported and removed; responses
//!   may omit `description`; examples' `dataValue` becomes `value`.

mod document;
mod schema;

pub use schema::type_lists;

use crate::diag::{Error, Warnings};
use crate::doc::{Flow, Kind};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;
use std::path::Path;

/// JSON Schema keywords OpenAPI 3.0 has no form for; removed with a warning.
const UNSUPPORTED: [&str; 16] = [
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$dynamicRef",
    "$vocabulary",
    "dependentRequired",
    "dependentSchemas",
    "dependencies",
    "if",
    "then",
    "else",
    "unevaluatedProperties",
    "unevaluatedItems",
    "propertyNames",
    "contains",
    "contentSchema",
];

/// Keywords that only describe: a member of a `oneOf` keeps its reference rather than carry them.
const ANNOTATIONS: [&str; 6] = ["description", "title", "summary", "example", "examples", "$comment"];

/// `components.schemas` of a document, made (or, where a malformed document holds something
/// else there, replaced) as needed.
fn component_schemas(root: &mut Map<String, Value>) -> &mut Map<String, Value> {
    let components = root.entry("components").or_insert_with(|| json!({}));
    if !components.is_object() {
        *components = json!({});
    }
    let Value::Object(components) = components else {
        unreachable!("made an object above")
    };
    let schemas = components.entry("schemas").or_insert_with(|| json!({}));
    if !schemas.is_object() {
        *schemas = json!({});
    }
    let Value::Object(schemas) = schemas else {
        unreachable!("made an object above")
    };
    schemas
}

/// Rewrites a 3.1/3.2 document into the 3.0 shape the model reads.
pub fn to_openapi30(file: &Path, mut doc: Value, warnings: &mut Warnings) -> Result<Value, Error> {
    if !doc.is_object() {
        return Err(Error::at(file, "", "an OpenAPI description must be an object"));
    }
    let mut c = Converter {
        file,
        warnings,
        defs: Vec::new(),
        removed_schemes: BTreeSet::new(),
        removed_parameters: BTreeSet::new(),
    };
    c.document(&mut doc);
    c.walk(&mut doc, Kind::Document, "");
    c.security_requirements(&mut doc);
    c.inline_path_items(&mut doc)?;
    c.hoist_defs(&mut doc);
    c.webhooks(&mut doc);
    Ok(doc)
}

/// Path items given as a local `$ref` (3.0 allows them too; `openapiv3` and the model do not
/// follow them): inlined, as 3.1's `components/pathItems` are.
pub fn inline_path_items(file: &Path, doc: &mut Value, warnings: &mut Warnings) -> Result<(), Error> {
    let mut c = Converter {
        file,
        warnings,
        defs: Vec::new(),
        removed_schemes: BTreeSet::new(),
        removed_parameters: BTreeSet::new(),
    };
    c.inline_path_items(doc)
}

/// Keeps what OpenAPI 3.0 tools ignore beside a schema `$ref` (`description`, `readOnly`,
/// `nullable`, ...) by wrapping the reference: `{allOf: [{$ref}], description, ...}`. A
/// single-member `allOf` of a reference is the referenced type to the model. Each place is
/// reported. For 3.0 documents (3.1 conversion does the same without warnings, as 3.1 allows
/// siblings).
pub fn keep_ref_siblings(file: &Path, doc: &mut Value, warnings: &mut Warnings) {
    crate::doc::walk_mut(doc, Kind::Document, "", &mut |map, kind, pointer| {
        if kind != Kind::Schema {
            // A reference to a parameter, response, ... is not a schema's.
            return if map.contains_key("$ref") {
                Flow::Skip
            } else {
                Flow::Enter
            };
        }
        // A member of a union: `.../oneOf/<i>` or `.../anyOf/<i>`.
        let member = pointer.rsplit_once('/').is_some_and(|(parent, i)| {
            i.parse::<usize>().is_ok() && (parent.ends_with("/oneOf") || parent.ends_with("/anyOf"))
        });
        wrap_ref(file, map, pointer, member, Some(warnings));
        Flow::Enter
    });
}

/// The wrapping `keep_ref_siblings` does, on one schema; `warnings` is `None` where siblings
/// are valid (3.1).
fn wrap_ref(file: &Path, map: &mut Map<String, Value>, pointer: &str, member: bool, warnings: Option<&mut Warnings>) {
    let Some(Value::String(r)) = map.get("$ref") else {
        return;
    };
    let r = r.clone();
    map.shift_remove("$comment");
    let siblings: Vec<String> = map.keys().filter(|k| *k != "$ref").cloned().collect();
    if siblings.is_empty() {
        return;
    }
    // A union member stays a plain reference (its discriminator tag and name come from it):
    // what only describes it is dropped.
    if member
        && siblings
            .iter()
            .all(|k| ANNOTATIONS.contains(&k.as_str()) || k.starts_with("x-"))
    {
        for k in &siblings {
            map.shift_remove(k);
        }
        if let Some(w) = warnings {
            w.push(
                file,
                pointer,
                format!("{} beside `$ref` in a union member: ignored", list(&siblings)),
            );
        }
        return;
    }
    map.shift_remove("$ref");
    let reference = json!({"$ref": r});
    match map.get_mut("allOf") {
        Some(Value::Array(all)) => all.insert(0, reference),
        _ => {
            map.insert("allOf".into(), Value::Array(vec![reference]));
        }
    }
    if let Some(w) = warnings {
        w.push(
            file,
            pointer,
            format!(
                "{} beside `$ref` would be ignored; kept by wrapping the reference in `allOf`",
                list(&siblings)
            ),
        );
    }
}

fn list(keys: &[String]) -> String {
    keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

struct Converter<'a> {
    file: &'a Path,
    warnings: &'a mut Warnings,
    /// `$defs` taken out of schemas: (the pointer of the definition, its name, its schema).
    defs: Vec<(String, String, Value)>,
    /// Security schemes with no 3.0 form.
    removed_schemes: BTreeSet<String>,
    /// Component parameters with no 3.0 form (`in: querystring`).
    removed_parameters: BTreeSet<String>,
}

impl Converter<'_> {
    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.warnings.push(self.file, pointer, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(doc: Value) -> (Value, Vec<(String, String)>) {
        let mut w = Warnings::default();
        let out = to_openapi30(Path::new("t.yaml"), doc, &mut w).unwrap();
        (out, w.items.into_iter().map(|w| (w.pointer, w.message)).collect())
    }

    /// A 3.1 document with one component schema.
    fn with_schema(schema: Value) -> Value {
        json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
               "components": {"schemas": {"S": schema}}})
    }

    fn schema_of(schema: Value) -> (Value, Vec<(String, String)>) {
        let (doc, w) = convert(with_schema(schema));
        (doc["components"]["schemas"]["S"].clone(), w)
    }

    fn pointers(w: &[(String, String)]) -> Vec<&str> {
        w.iter().map(|(p, _)| p.as_str()).collect()
    }

    #[test]
    fn malformed_components_do_not_panic() {
        let (doc, _) = convert(json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "components": ["not", "an", "object"],
            "webhooks": {"ping": {"post": {"requestBody": {"content": {"application/json": {"schema": {
                "type": "object", "$defs": {"Inner": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/Inner"}}
            }}}}, "responses": {"200": {"description": "ok"}}}}}
        }));
        assert!(doc["components"]["schemas"].is_object(), "{doc}");
    }

    #[test]
    fn document_fields() {
        let (doc, w) = convert(json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1", "summary": "s", "license": {"name": "MIT", "identifier": "MIT"}},
            "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        }));
        assert_eq!(doc["openapi"], "3.0.3");
        assert_eq!(
            doc["info"],
            json!({"title": "t", "version": "1", "license": {"name": "MIT"}})
        );
        assert_eq!(doc["paths"], json!({}));
        assert!(doc.get("jsonSchemaDialect").is_none());
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn nullable_types() {
        let (s, w) = schema_of(json!({"type": ["string", "null"], "maxLength": 3}));
        assert_eq!(s, json!({"type": "string", "maxLength": 3, "nullable": true}));
        assert!(w.is_empty());
        let (s, w) = schema_of(json!({"type": "null"}));
        assert_eq!(s, json!({"nullable": true}));
        assert_eq!(pointers(&w), ["/components/schemas/S/type"]);
    }

    #[test]
    fn several_types_become_one_of() {
        let (s, _) = schema_of(json!({
            "description": "d", "type": ["integer", "string", "null"], "format": "int64",
            "minimum": 1, "maxLength": 9, "enum": [1, "a", null]
        }));
        assert_eq!(
            s,
            json!({"description": "d", "nullable": true, "oneOf": [
                {"type": "integer", "minimum": 1, "format": "int64", "enum": [1]},
                {"type": "string", "maxLength": 9, "enum": ["a"]},
            ]})
        );
    }

    #[test]
    fn null_members_of_unions_become_nullable() {
        let (s, w) =
            schema_of(json!({"oneOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}], "description": "d"}));
        assert_eq!(
            s,
            json!({"description": "d", "nullable": true, "allOf": [{"$ref": "#/components/schemas/T"}]})
        );
        assert!(w.is_empty(), "{w:?}");
        let (s, _) = schema_of(json!({"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}));
        assert_eq!(s, json!({"nullable": true, "type": "string", "format": "date"}));
        let (s, _) = schema_of(json!({"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]}));
        assert_eq!(
            s,
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}], "nullable": true})
        );
    }

    #[test]
    fn const_and_examples() {
        let (s, w) = schema_of(json!({"type": "string", "const": "fixed", "examples": ["fixed", "other"]}));
        assert_eq!(s, json!({"type": "string", "enum": ["fixed"], "example": "fixed"}));
        assert!(w.is_empty());
    }

    #[test]
    fn exclusive_bounds() {
        let (s, _) = schema_of(json!({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10, "maximum": 5}));
        assert_eq!(
            s,
            json!({"type": "number", "maximum": 5, "minimum": 0, "exclusiveMinimum": true})
        );
        let (s, _) = schema_of(json!({"type": "integer", "exclusiveMaximum": 10, "maximum": 20}));
        assert_eq!(s, json!({"type": "integer", "maximum": 10, "exclusiveMaximum": true}));
        // 3.0's booleans are left alone.
        let (s, _) = schema_of(json!({"type": "integer", "minimum": 1, "exclusiveMinimum": true}));
        assert_eq!(s, json!({"type": "integer", "minimum": 1, "exclusiveMinimum": true}));
    }

    #[test]
    fn ref_siblings_are_kept_by_wrapping() {
        let (s, w) = schema_of(json!({"type": "object", "properties": {
            "a": {"$ref": "#/components/schemas/T", "description": "d", "readOnly": true},
            "b": {"$ref": "#/components/schemas/T", "$comment": "only a comment"},
        }}));
        assert_eq!(
            s["properties"]["a"],
            json!({"description": "d", "readOnly": true, "allOf": [{"$ref": "#/components/schemas/T"}]})
        );
        assert_eq!(s["properties"]["b"], json!({"$ref": "#/components/schemas/T"}));
        assert!(w.is_empty());
    }

    #[test]
    fn keep_ref_siblings_reports_each_place() {
        let mut doc = json!({"openapi": "3.0.0", "paths": {"/a": {"get": {"parameters": [
            {"name": "p", "in": "query", "schema": {"$ref": "#/components/schemas/T", "nullable": true}}
        ], "responses": {}}}}, "components": {"schemas": {"U": {"oneOf": [
            {"$ref": "#/components/schemas/T", "description": "only words"}
        ]}}}});
        let mut w = Warnings::default();
        keep_ref_siblings(Path::new("t.yaml"), &mut doc, &mut w);
        assert_eq!(
            doc["paths"]["/a"]["get"]["parameters"][0]["schema"],
            json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/T"}]})
        );
        assert_eq!(
            doc["components"]["schemas"]["U"]["oneOf"][0],
            json!({"$ref": "#/components/schemas/T"})
        );
        let p: Vec<&str> = w.items.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(
            p,
            ["/paths/~1a/get/parameters/0/schema", "/components/schemas/U/oneOf/0"]
        );
    }

    #[test]
    fn defs_become_components() {
        let (doc, w) = convert(with_schema(json!({
            "type": "object",
            "properties": {"a": {"$ref": "#/components/schemas/S/$defs/A"}, "b": {"$ref": "#/$defs/B"}},
            "$defs": {"A": {"type": "string"}, "B": {"type": "object", "properties": {"x": {"$ref": "#/components/schemas/S/$defs/A"}}}}
        })));
        let schemas = &doc["components"]["schemas"];
        assert!(schemas["S"].get("$defs").is_none());
        assert_eq!(
            schemas["S"]["properties"]["a"],
            json!({"$ref": "#/components/schemas/A"})
        );
        assert_eq!(
            schemas["S"]["properties"]["b"],
            json!({"$ref": "#/components/schemas/B"})
        );
        assert_eq!(schemas["A"], json!({"type": "string"}));
        assert_eq!(
            schemas["B"]["properties"]["x"],
            json!({"$ref": "#/components/schemas/A"})
        );
        // Only the reference that relied on the enclosing schema is reported.
        assert_eq!(pointers(&w), ["/components/schemas/S/properties/b"]);
    }

    #[test]
    fn defs_names_do_not_collide() {
        let (doc, _) = convert(with_schema(
            json!({"$defs": {"S": {"type": "integer"}}, "allOf": [{"$ref": "#/components/schemas/S/$defs/S"}]}),
        ));
        assert_eq!(doc["components"]["schemas"]["S2"], json!({"type": "integer"}));
        assert_eq!(
            doc["components"]["schemas"]["S"]["allOf"][0],
            json!({"$ref": "#/components/schemas/S2"})
        );
    }

    #[test]
    fn pattern_properties_become_additional_properties() {
        let (s, w) = schema_of(json!({"patternProperties": {"^x-": {"type": "string"}}}));
        assert_eq!(s, json!({"additionalProperties": {"type": "string"}, "type": "object"}));
        assert_eq!(pointers(&w), ["/components/schemas/S/patternProperties"]);
    }

    #[test]
    fn unsupported_keywords_are_removed_with_a_warning() {
        let (s, w) = schema_of(json!({
            "type": "object", "properties": {"a": {"type": "string", "contentMediaType": "image/png"}, "b": {"type": "string", "contentEncoding": "base64"}},
            "if": {"required": ["a"]}, "then": {"required": ["b"]}, "dependentRequired": {"a": ["b"]},
            "unevaluatedProperties": false, "$id": "urn:x", "$schema": "https://json-schema.org/draft/2020-12/schema"
        }));
        assert_eq!(
            s,
            json!({"type": "object", "properties": {"a": {"type": "string", "format": "binary"}, "b": {"type": "string", "format": "byte"}}})
        );
        let mut p = pointers(&w);
        p.sort();
        assert_eq!(
            p,
            [
                "/components/schemas/S/$id",
                "/components/schemas/S/$schema",
                "/components/schemas/S/dependentRequired",
                "/components/schemas/S/if",
                "/components/schemas/S/then",
                "/components/schemas/S/unevaluatedProperties",
            ]
        );
    }

    #[test]
    fn tuples_and_boolean_schemas() {
        let (s, w) = schema_of(
            json!({"type": "array", "prefixItems": [{"type": "string"}, {"type": "string"}], "items": false}),
        );
        assert_eq!(s, json!({"type": "array", "items": {"type": "string"}}));
        assert_eq!(pointers(&w), ["/components/schemas/S/prefixItems"]);
        let (s, w) = schema_of(
            json!({"type": "object", "properties": {"any": true, "none": false}, "additionalProperties": false}),
        );
        assert_eq!(
            s,
            json!({"type": "object", "properties": {"any": {}, "none": {"not": {}}}, "additionalProperties": false})
        );
        assert_eq!(pointers(&w), ["/components/schemas/S/properties/none"]);
    }

    #[test]
    fn webhooks_move_to_an_extension_with_payload_types() {
        let (doc, w) = convert(json!({
            "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "webhooks": {
                "newPet": {"post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"id": {"type": ["integer", "null"]}}}}}}, "responses": {"200": {"description": "ok"}}}},
                "oldPet": {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}}},
            },
            "components": {"schemas": {"Pet": {"type": "object"}}}
        }));
        assert!(doc.get("webhooks").is_none());
        assert_eq!(
            doc["x-webhooks"]["newPet"]["post"]["requestBody"]["content"]["application/json"]["schema"],
            json!({"$ref": "#/components/schemas/NewPetPayload"})
        );
        assert_eq!(
            doc["components"]["schemas"]["NewPetPayload"]["properties"]["id"],
            json!({"type": "integer", "nullable": true})
        );
        assert_eq!(doc["x-webhooks"]["oldPet"]["post"]["responses"], Value::Null);
        assert_eq!(pointers(&w), ["/webhooks/newPet", "/webhooks/oldPet"]);
        assert!(w[0].1.contains("`NewPetPayload`"), "{w:?}");
        assert!(w[1].1.contains("`Pet`"), "{w:?}");
    }

    #[test]
    fn path_items_from_components_are_inlined() {
        let (doc, w) = convert(json!({
            "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"$ref": "#/components/pathItems/A", "summary": "here"}},
            "components": {"pathItems": {
                "A": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": ["string", "null"]}}}}}}},
                "Unused": {}
            }}
        }));
        assert_eq!(doc["paths"]["/a"]["summary"], "here");
        assert_eq!(
            doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"],
            json!({"type": "string", "nullable": true})
        );
        assert!(doc["components"].get("pathItems").is_none());
        assert_eq!(pointers(&w), ["/components/pathItems/Unused"]);
    }

    #[test]
    fn openapi_3_2_additions_are_reported() {
        let (doc, w) = convert(json!({
            "openapi": "3.2.0", "$self": "https://example.com/api", "info": {"title": "t", "version": "1"},
            "paths": {"/a": {
                "query": {"operationId": "search", "responses": {"200": {"description": "ok"}}},
                "additionalOperations": {"COPY": {"responses": {}}},
                "get": {
                    "parameters": [{"name": "q", "in": "querystring", "content": {}}, {"name": "n", "in": "query", "schema": {"type": "integer"}}],
                    "responses": {"200": {"content": {"application/jsonl": {"itemSchema": {"type": "string"}}}}},
                    "security": [{"mtls": []}, {"key": []}]
                }
            }},
            "components": {
                "securitySchemes": {"mtls": {"type": "mutualTLS"}, "key": {"type": "apiKey", "in": "header", "name": "k"}},
                "examples": {"E": {"dataValue": {"a": 1}, "serializedValue": "{\"a\":1}"}}
            }
        }));
        let a = &doc["paths"]["/a"];
        assert!(a.get("query").is_none() && a.get("x-query").is_some());
        assert!(a.get("x-additionalOperations").is_some());
        assert_eq!(
            a["get"]["parameters"],
            json!([{"name": "n", "in": "query", "schema": {"type": "integer"}}])
        );
        assert_eq!(a["get"]["responses"]["200"]["description"], "");
        assert_eq!(a["get"]["security"], json!([{}, {"key": []}]));
        assert_eq!(doc["components"]["examples"]["E"], json!({"value": {"a": 1}}));
        assert!(doc["components"]["securitySchemes"].get("mtls").is_none());
        assert_eq!(
            pointers(&w),
            [
                "/$self",
                "/paths/~1a/get/parameters/0",
                "/paths/~1a/get/responses/200/content/application~1jsonl/itemSchema",
                "/paths/~1a/query",
                "/paths/~1a/additionalOperations/COPY",
                "/components/securitySchemes/mtls",
            ]
        );
    }

    #[test]
    fn the_result_reads_as_openapi_30() {
        let (doc, _) = convert(json!({
            "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/S"}}}}}}}},
            "components": {"schemas": {"S": {"type": "object", "properties": {
                "n": {"type": ["number", "null"], "exclusiveMinimum": 0},
                "r": {"$ref": "#/components/schemas/T", "description": "d"},
                "u": {"type": ["string", "integer"]},
                "c": {"const": 1}
            }}, "T": {"type": "string"}}}
        }));
        let typed: openapiv3::OpenAPI = serde_json::from_value(doc).unwrap();
        assert_eq!(typed.openapi, "3.0.3");
    }
}
