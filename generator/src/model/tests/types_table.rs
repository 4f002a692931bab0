//! Table tests of schema conversion: one row per construct, the input schema (as component
//! `S` of an OpenAPI 3.1 description, so it goes through normalisation as real input does) and
//! the named types expected, written compactly:
//!
//! - `S = struct { a: String, b?: Vec<I64>, c?: null|String, ..: Json }` (`?` optional,
//!   `null|` nullable, `..` additional properties, `flat` a flattened union, `box` boxed);
//! - `S = enum [a, b]` (an open string enum);
//! - `S = union tag=kind [A(Named(A)) tags=a, B(String)]`;
//! - `S = alias Vec<Named(T)>`.

use crate::model::{Kind, Ty, TypeDef};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;

fn ty(t: &Ty) -> String {
    match t {
        Ty::Named(n) => format!("Named({n})"),
        Ty::Vec(t) => format!("Vec<{}>", ty(t)),
        Ty::Map(t) => format!("Map<{}>", ty(t)),
        other => format!("{other:?}"),
    }
}

fn show(def: &TypeDef) -> String {
    let body = match &def.kind {
        Kind::Struct(s) => {
            let mut fields: Vec<String> = s
                .fields
                .iter()
                .map(|f| {
                    format!(
                        "{}{}{}: {}{}{}",
                        if f.flatten { "flat " } else { "" },
                        f.name,
                        if f.required { "" } else { "?" },
                        if f.nullable { "null|" } else { "" },
                        if f.boxed { "box " } else { "" },
                        ty(&f.ty)
                    )
                })
                .collect();
            if let Some(a) = &s.additional {
                fields.push(format!("..: {}", ty(a)));
            }
            format!("struct {{ {} }}", fields.join(", "))
        }
        Kind::Enum(e) => format!(
            "enum [{}]",
            e.variants
                .iter()
                .map(|v| v.value.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Kind::Union(u) => format!(
            "union{} [{}]",
            u.discriminator
                .as_ref()
                .map(|d| format!(" tag={d}"))
                .unwrap_or_default(),
            u.variants
                .iter()
                .map(|v| {
                    let tags = if v.tags.is_empty() {
                        String::new()
                    } else {
                        format!(" tags={}", v.tags.join("|"))
                    };
                    format!("{}({}{}){tags}", v.name, if v.boxed { "box " } else { "" }, ty(&v.ty))
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Kind::Alias(t) => format!("alias {}", ty(t)),
    };
    format!("{} = {body}", def.name)
}

/// The types made from `schemas` (component schemas of a 3.1 description), by name.
fn convert(version: &str, schemas: Value) -> Vec<String> {
    let doc = json!({"openapi": version, "info": {"title": "t", "version": "1"}, "paths": {},
                     "components": {"schemas": schemas}});
    let mut w = crate::diag::Warnings::default();
    let file = Path::new("t.yaml");
    let typed = crate::normalise::normalise(file, doc, &mut w).unwrap_or_else(|e| panic!("{e}"));
    let entry = crate::manifest::ApiEntry::from_description("t", &typed);
    let api = crate::model::build(&entry, file, &typed, &mut w).unwrap_or_else(|e| panic!("{e}"));
    let defs: BTreeMap<String, TypeDef> = api.types;
    defs.values().map(show).collect()
}

#[test]
fn schemas_become_these_types() {
    let rows: Vec<(&str, Value, Vec<&str>)> = vec![
        (
            "object with required and optional properties",
            json!({"S": {"type": "object", "required": ["a"], "properties": {
                "a": {"type": "string"}, "b": {"type": "array", "items": {"type": "integer"}}}}}),
            vec!["S = struct { a: String, b?: Vec<I64> }"],
        ),
        (
            "scalars by format",
            json!({"S": {"type": "object", "properties": {
                "i": {"type": "integer", "format": "int32"}, "n": {"type": "number", "format": "float"},
                "t": {"type": "string", "format": "date-time"}, "f": {"type": "string", "format": "binary"},
                "b": {"type": "boolean"}, "any": {}}}}),
            vec!["S = struct { i?: I32, n?: F64, t?: Timestamp, f?: Binary, b?: Bool, any?: Json }"],
        ),
        (
            "3.1 nullable type list",
            json!({"S": {"type": "object", "properties": {"a": {"type": ["string", "null"]}}}}),
            vec!["S = struct { a?: null|String }"],
        ),
        (
            "map of a component",
            json!({"S": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/T"}},
                   "T": {"type": "object", "properties": {"x": {"type": "string"}}}}),
            vec!["S = alias Map<Named(T)>", "T = struct { x?: String }"],
        ),
        (
            "properties beside additional properties",
            json!({"S": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": true}}),
            vec!["S = struct { a?: String, ..: Json }"],
        ),
        (
            "string enum",
            json!({"S": {"type": "string", "enum": ["a", "b"]}}),
            vec!["S = enum [a, b]"],
        ),
        (
            "const of a string is a one-value enum",
            json!({"S": {"const": "only"}}),
            vec!["S = enum [only]"],
        ),
        (
            "integer enum is its integer",
            json!({"S": {"type": "integer", "enum": [1, 2, 3]}}),
            vec!["S = alias I64"],
        ),
        (
            "boolean const is a boolean",
            json!({"S": {"type": "boolean", "const": true}}),
            vec!["S = alias Bool"],
        ),
        (
            "alias of a component",
            json!({"S": {"$ref": "#/components/schemas/T"}, "T": {"type": "string"}}),
            vec!["S = alias Named(T)", "T = alias String"],
        ),
        (
            "allOf merges its members' properties",
            json!({"S": {"allOf": [{"$ref": "#/components/schemas/T"},
                                   {"type": "object", "required": ["b"], "properties": {"b": {"type": "integer"}}}]},
                   "T": {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}}}),
            vec!["S = struct { a: String, b: I64 }", "T = struct { a: String }"],
        ),
        (
            "oneOf with a discriminator",
            json!({"S": {"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}],
                         "discriminator": {"propertyName": "kind", "mapping": {"a": "#/components/schemas/A", "b": "#/components/schemas/B"}}},
                   "A": {"type": "object", "properties": {"kind": {"type": "string"}, "x": {"type": "string"}}},
                   "B": {"type": "object", "properties": {"kind": {"type": "string"}, "y": {"type": "integer"}}}}),
            vec![
                "A = struct { kind?: String, x?: String }",
                "B = struct { kind?: String, y?: I64 }",
                "S = union tag=kind [A(Named(A)) tags=a, B(Named(B)) tags=b]",
            ],
        ),
        (
            "oneOf of scalars decodes by shape",
            json!({"S": {"oneOf": [{"type": "string"}, {"type": "integer"}]}}),
            vec!["S = union [String(String), I64(I64)]"],
        ),
        (
            "a plain member is named by its title",
            json!({"S": {"oneOf": [{"type": "string", "title": "Text"}, {"$ref": "#/components/schemas/M"}]},
                   "M": {"type": "object", "properties": {"url": {"type": "string"}}}}),
            vec!["M = struct { url?: String }", "S = union [Text(String), M(Named(M))]"],
        ),
        (
            "oneOf with null is nullable",
            json!({"S": {"type": "object", "properties": {"a": {"oneOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}]}}},
                   "T": {"type": "string"}}),
            vec!["S = struct { a?: null|Named(T) }", "T = alias String"],
        ),
        (
            "recursion through a property is boxed",
            json!({"S": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/S"}}}}),
            vec!["S = struct { next?: box Named(S) }"],
        ),
        (
            "recursion through a list needs no box",
            json!({"S": {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#/components/schemas/S"}}}}}),
            vec!["S = struct { children?: Vec<Named(S)> }"],
        ),
        (
            "recursion through a union member is boxed",
            json!({"S": {"oneOf": [{"$ref": "#/components/schemas/N"}, {"type": "string"}]},
                   "N": {"type": "object", "properties": {"s": {"$ref": "#/components/schemas/S"}}}}),
            vec![
                "N = struct { s?: box Named(S) }",
                "S = union [N(box Named(N)), String(String)]",
            ],
        ),
        (
            "a union member that is the union itself is left out",
            json!({"S": {"oneOf": [{"$ref": "#/components/schemas/S2"}, {"type": "string"}]},
                   "S2": {"$ref": "#/components/schemas/S"}}),
            vec!["S = union [String(String)]", "S2 = alias Named(S)"],
        ),
        (
            "an alias of a list of itself",
            json!({"S": {"type": "array", "items": {"$ref": "#/components/schemas/S"}}}),
            vec!["S = alias Vec<Json>"],
        ),
        (
            "$defs become component schemas",
            json!({"S": {"type": "object", "properties": {"d": {"$ref": "#/components/schemas/S/$defs/D"}},
                         "$defs": {"D": {"type": "string", "enum": ["x"]}}}}),
            vec!["D = enum [x]", "S = struct { d?: Named(D) }"],
        ),
        (
            "prefixItems is a list of any of its items",
            json!({"S": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "string"}]}}),
            vec!["S = alias Vec<String>"],
        ),
        (
            "patternProperties is a map",
            json!({"S": {"type": "object", "patternProperties": {"^x-": {"type": "integer"}}}}),
            vec!["S = alias Map<I64>"],
        ),
        (
            "if/then/else, dependentSchemas, unevaluatedProperties and anchors are reported and removed",
            json!({"S": {"type": "object", "properties": {"a": {"type": "string"}}, "if": {"required": ["a"]},
                         "then": {"required": ["a"]}, "else": {}, "dependentSchemas": {"a": {}},
                         "unevaluatedProperties": false, "$anchor": "s", "$dynamicRef": "#meta"}}),
            vec!["S = struct { a?: String }"],
        ),
    ];
    let mut failures = Vec::new();
    for (what, schemas, expected) in rows {
        let got = convert("3.1.0", schemas);
        if got != expected {
            failures.push(format!("{what}:\n  expected {expected:?}\n  got      {got:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_manifest_reads_numbers_as_text_in_text_properties_only() {
    let doc = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
                     "components": {"schemas": {"G": {"type": "object", "properties": {
                         "auto": {"type": "object", "properties": {"to": {"type": "string", "description": "A number."}}},
                         "size": {"type": "integer"}}}}}});
    let mut w = crate::diag::Warnings::default();
    let file = Path::new("t.yaml");
    let typed = crate::normalise::normalise(file, doc, &mut w).unwrap_or_else(|e| panic!("{e}"));
    let mut entry = crate::manifest::ApiEntry::from_description("t", &typed);
    for at in [
        "/components/schemas/G/properties/auto/properties/to",
        "/components/schemas/G/properties/size",
        "/components/schemas/G/properties/gone",
    ] {
        entry.numbers_as_text.push(crate::manifest::NumberAsText {
            at: at.into(),
            why: "seen".into(),
        });
    }
    let api = crate::model::build(&entry, file, &typed, &mut w).unwrap_or_else(|e| panic!("{e}"));
    let fields = |name: &str| match &api.types[name].kind {
        Kind::Struct(s) => s.fields.clone(),
        other => panic!("{name} is {other:?}"),
    };
    let to = &fields("GAuto")[0];
    assert!(to.number_as_text);
    assert_eq!(
        to.doc.as_deref(),
        Some("A number.\n\nSinch also sends it as a JSON number, which is read as its decimal text.")
    );
    assert!(fields("G").iter().all(|f| !f.number_as_text));
    let said: Vec<(&str, &str)> = w
        .items
        .iter()
        .map(|x| (x.pointer.as_str(), x.message.as_str()))
        .collect();
    assert!(
        said.contains(&(
            "/components/schemas/G/properties/size",
            "the manifest reads numbers as text here, but the property is not text; ignored"
        )),
        "{said:?}"
    );
    assert!(
        said.contains(&(
            "/components/schemas/G/properties/gone",
            "the manifest reads numbers as text in a property that is not there; ignored"
        )),
        "{said:?}"
    );
}
