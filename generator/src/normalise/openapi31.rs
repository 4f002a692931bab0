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

use crate::diag::{self, Error, Warnings};
use crate::doc::pointer::unescape;
use crate::doc::{Child, Kind, METHODS, child, component_name, unique_name};
use heck::ToUpperCamelCase;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};
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

/// Keeps what OpenAPI 3.0 tools ignore beside a schema `$ref` (`description`, `readOnly`,
/// `nullable`, ...) by wrapping the reference: `{allOf: [{$ref}], description, ...}`. A
/// single-member `allOf` of a reference is the referenced type to the model. Each place is
/// reported. For 3.0 documents (3.1 conversion does the same without warnings, as 3.1 allows
/// siblings).
pub fn keep_ref_siblings(file: &Path, doc: &mut Value, warnings: &mut Warnings) {
    fn walk(file: &Path, node: &mut Value, kind: Kind, pointer: &str, member: bool, w: &mut Warnings) {
        match node {
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    walk(file, item, kind, &format!("{pointer}/{i}"), member, w);
                }
            }
            Value::Object(map) => {
                if kind != Kind::Schema && map.contains_key("$ref") {
                    return;
                }
                for (key, value) in map.iter_mut() {
                    let here = diag::join(pointer, key);
                    let member = kind == Kind::Schema && (key == "oneOf" || key == "anyOf");
                    match child(kind, key) {
                        Child::Leaf => {}
                        Child::One(k) => walk(file, value, k, &here, member, w),
                        Child::Map(k) => {
                            if let Value::Object(entries) = value {
                                for (name, entry) in entries.iter_mut() {
                                    walk(file, entry, k, &diag::join(&here, name), false, w);
                                }
                            }
                        }
                    }
                }
                if kind == Kind::Schema {
                    wrap_ref(file, map, pointer, member, Some(w));
                }
            }
            _ => {}
        }
    }
    walk(file, doc, Kind::Document, "", false, warnings);
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

    /// The document's own fields.
    fn document(&mut self, doc: &mut Value) {
        let Value::Object(root) = doc else { return };
        root.insert("openapi".into(), Value::String("3.0.3".into()));
        if let Some(Value::Object(info)) = root.get_mut("info") {
            info.shift_remove("summary");
            if let Some(Value::Object(license)) = info.get_mut("license") {
                license.shift_remove("identifier");
            }
        }
        if let Some(Value::String(dialect)) = root.shift_remove("jsonSchemaDialect") {
            if !dialect.starts_with("https://spec.openapis.org/oas/") {
                self.warn(
                    "/jsonSchemaDialect",
                    format!("schemas are read as OpenAPI's dialect of JSON Schema, not `{dialect}`"),
                );
            }
        }
        if root.shift_remove("$self").is_some() {
            self.warn(
                "/$self",
                "`$self` (OpenAPI 3.2) is ignored: references are resolved relative to the file",
            );
        }
        if !root.contains_key("paths") {
            root.insert("paths".into(), Value::Object(Map::new()));
        }
        // Component parameters that cannot be read are removed first, with references to them.
        if let Some(Value::Object(params)) = root.get_mut("components").and_then(|c| c.get_mut("parameters")) {
            let gone: Vec<String> = params
                .iter()
                .filter(|(_, p)| p.get("in").and_then(Value::as_str) == Some("querystring"))
                .map(|(k, _)| k.clone())
                .collect();
            for name in gone {
                params.shift_remove(&name);
                self.warnings.push(
                    self.file,
                    &diag::join("/components/parameters", &name),
                    "an `in: querystring` parameter (OpenAPI 3.2) has no 3.0 form; removed",
                );
                self.removed_parameters
                    .insert(format!("#/components/parameters/{}", diag::escape_token(&name)));
            }
        }
    }

    fn walk(&mut self, node: &mut Value, kind: Kind, pointer: &str) {
        if kind == Kind::Schema {
            return self.schema(node, pointer, false);
        }
        match node {
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.walk(item, kind, &format!("{pointer}/{i}"));
                }
            }
            Value::Object(map) => {
                if map.contains_key("$ref") {
                    // 3.1 lets a reference carry a `summary` and `description` of its own;
                    // 3.0 has no place for them (path items keep theirs, merged when inlined).
                    if kind != Kind::PathItem {
                        map.shift_remove("summary");
                        map.shift_remove("description");
                    }
                    return;
                }
                self.before(map, kind, pointer);
                for (key, value) in map.iter_mut() {
                    let here = diag::join(pointer, key);
                    match child(kind, key) {
                        Child::Leaf => {}
                        Child::One(k) => self.walk(value, k, &here),
                        Child::Map(k) => {
                            if let Value::Object(entries) = value {
                                for (name, entry) in entries.iter_mut() {
                                    if name.starts_with("x-") {
                                        continue;
                                    }
                                    self.walk(entry, k, &diag::join(&here, name));
                                }
                            }
                        }
                    }
                }
                self.after(map, kind, pointer);
            }
            _ => {}
        }
    }

    /// Conversions of non-schema objects, before their members are walked.
    fn before(&mut self, map: &mut Map<String, Value>, kind: Kind, pointer: &str) {
        match kind {
            Kind::Response => {
                // 3.2 made the description optional.
                map.entry("description").or_insert_with(|| Value::String(String::new()));
            }
            Kind::Example => {
                if let Some(v) = map.shift_remove("dataValue") {
                    map.entry("value").or_insert(v);
                }
                map.shift_remove("serializedValue");
            }
            Kind::PathItem | Kind::Operation => {
                let Some(Value::Array(params)) = map.get_mut("parameters") else {
                    return;
                };
                let mut index = 0;
                params.retain(|p| {
                    let here = format!("{pointer}/parameters/{index}");
                    index += 1;
                    let by_ref = p
                        .get("$ref")
                        .and_then(Value::as_str)
                        .is_some_and(|r| self.removed_parameters.contains(r));
                    let keep = !by_ref && p.get("in").and_then(Value::as_str) != Some("querystring");
                    if !keep {
                        self.warnings.push(
                            self.file,
                            &here,
                            "an `in: querystring` parameter (OpenAPI 3.2) has no 3.0 form; removed",
                        );
                    }
                    keep
                });
            }
            _ => {}
        }
    }

    /// Conversions of non-schema objects, after their members are walked.
    fn after(&mut self, map: &mut Map<String, Value>, kind: Kind, pointer: &str) {
        match kind {
            Kind::PathItem => {
                if let Some(op) = map.shift_remove("query") {
                    let id = op.get("operationId").and_then(Value::as_str).unwrap_or("?").to_string();
                    self.warn(
                        &diag::join(pointer, "query"),
                        format!("the QUERY method (OpenAPI 3.2) has no 3.0 form: no method is generated for operation `{id}` (kept as `x-query`)"),
                    );
                    map.insert("x-query".into(), op);
                }
                if let Some(ops) = map.shift_remove("additionalOperations") {
                    for name in ops
                        .as_object()
                        .map(|o| o.keys().cloned().collect())
                        .unwrap_or_else(Vec::new)
                    {
                        self.warn(
                            &diag::join(&diag::join(pointer, "additionalOperations"), &name),
                            format!("the {name} method (OpenAPI 3.2 `additionalOperations`) has no 3.0 form: no method is generated (kept as `x-additionalOperations`)"),
                        );
                    }
                    map.insert("x-additionalOperations".into(), ops);
                }
            }
            Kind::MediaType => {
                if let Some(items) = map.shift_remove("itemSchema") {
                    self.warn(
                        &diag::join(pointer, "itemSchema"),
                        "`itemSchema` (OpenAPI 3.2 streamed items) has no 3.0 form: the body is typed from `schema` only (kept as `x-itemSchema`)",
                    );
                    map.insert("x-itemSchema".into(), items);
                }
                for key in ["prefixEncoding", "itemEncoding"] {
                    if map.shift_remove(key).is_some() {
                        self.warn(
                            &diag::join(pointer, key),
                            format!("`{key}` (OpenAPI 3.2) has no 3.0 form; removed"),
                        );
                    }
                }
            }
            Kind::Components => {
                let Some(Value::Object(schemes)) = map.get_mut("securitySchemes") else {
                    return;
                };
                let here = diag::join(pointer, "securitySchemes");
                let mtls: Vec<String> = schemes
                    .iter()
                    .filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("mutualTLS"))
                    .map(|(k, _)| k.clone())
                    .collect();
                for name in mtls {
                    schemes.shift_remove(&name);
                    self.warnings.push(
                        self.file,
                        &diag::join(&here, &name),
                        "the `mutualTLS` security scheme has no 3.0 form; removed (configure client certificates on the HTTP client)",
                    );
                    self.removed_schemes.insert(name);
                }
                for (name, scheme) in schemes.iter_mut() {
                    let Some(Value::Object(flows)) = scheme.get_mut("flows") else {
                        continue;
                    };
                    if flows.shift_remove("deviceAuthorization").is_some() {
                        self.warnings.push(
                            self.file,
                            &format!("{}/flows/deviceAuthorization", diag::join(&here, name)),
                            "the OAuth2 device authorization flow (OpenAPI 3.2) has no 3.0 form; removed",
                        );
                    }
                }
            }
            _ => {}
        }
    }

    /// Removes schemes that were removed from every security requirement.
    fn security_requirements(&mut self, doc: &mut Value) {
        if self.removed_schemes.is_empty() {
            return;
        }
        let removed = self.removed_schemes.clone();
        let strip = |v: &mut Value| {
            if let Value::Array(reqs) = v {
                for r in reqs.iter_mut() {
                    if let Value::Object(r) = r {
                        r.retain(|k, _| !removed.contains(k));
                    }
                }
            }
        };
        if let Some(s) = doc.get_mut("security") {
            strip(s);
        }
        if let Some(Value::Object(paths)) = doc.get_mut("paths") {
            for item in paths.values_mut() {
                for m in METHODS {
                    if let Some(s) = item.get_mut(m).and_then(|op| op.get_mut("security")) {
                        strip(s);
                    }
                }
            }
        }
    }

    /// One schema (or a boolean where a schema may be): members first, then the schema itself,
    /// so warnings name the places as they are written.
    fn schema(&mut self, node: &mut Value, pointer: &str, member: bool) {
        match node {
            Value::Bool(true) => *node = Value::Object(Map::new()),
            Value::Bool(false) => {
                self.warn(
                    pointer,
                    "the schema `false` (nothing is valid) has no 3.0 form; written as `not: {}`",
                );
                *node = json!({"not": {}});
            }
            Value::Array(items) => {
                // `allOf: [..]` and the like: the caller passes lists here.
                for (i, item) in items.iter_mut().enumerate() {
                    self.schema(item, &format!("{pointer}/{i}"), member);
                }
            }
            Value::Object(map) => {
                for key in ["$defs", "definitions"] {
                    if let Some(Value::Object(defs)) = map.shift_remove(key) {
                        let here = diag::join(pointer, key);
                        for (name, mut def) in defs {
                            let at = diag::join(&here, &name);
                            self.schema(&mut def, &at, false);
                            self.defs.push((at, name, def));
                        }
                    }
                }
                for (key, value) in map.iter_mut() {
                    let here = diag::join(pointer, key);
                    if UNSUPPORTED.contains(&key.as_str()) {
                        // Removed below, with a warning for the keyword as a whole.
                        continue;
                    }
                    match child(Kind::Schema, key) {
                        Child::Leaf => {}
                        Child::One(_)
                            if value.is_boolean() && matches!(key.as_str(), "additionalProperties" | "items") => {}
                        Child::One(_) => match (key.as_str(), value) {
                            ("oneOf" | "anyOf", Value::Array(items)) => {
                                for (i, item) in items.iter_mut().enumerate() {
                                    if !is_null_schema(item) {
                                        self.schema(item, &format!("{here}/{i}"), true);
                                    }
                                }
                            }
                            (_, value) => self.schema(value, &here, false),
                        },
                        Child::Map(_) => {
                            if let Value::Object(entries) = value {
                                for (name, entry) in entries.iter_mut() {
                                    self.schema(entry, &diag::join(&here, name), false);
                                }
                            }
                        }
                    }
                }
                self.convert(map, pointer, member);
            }
            _ => {}
        }
    }

    /// The 3.1 -> 3.0 rewrites of one schema object, whose members are already converted.
    fn convert(&mut self, map: &mut Map<String, Value>, pointer: &str, member: bool) {
        map.shift_remove("$comment");
        if map.shift_remove("$schema").is_some() {
            self.warn(
                &diag::join(pointer, "$schema"),
                "`$schema` is ignored: schemas are read as OpenAPI 3.0",
            );
        }
        if let Some(v) = map.shift_remove("const") {
            if v.is_null() {
                map.insert("nullable".into(), Value::Bool(true));
            }
            if map.contains_key("enum") {
                self.warn(
                    &diag::join(pointer, "const"),
                    "`const` beside `enum`: the `const` value is kept",
                );
            }
            map.insert("enum".into(), Value::Array(vec![v]));
        }
        if let Some(examples) = map.shift_remove("examples") {
            if let Some(first) = examples.as_array().and_then(|e| e.first()) {
                map.entry("example").or_insert_with(|| first.clone());
            }
        }
        self.types(map, pointer);
        self.null_members(map, pointer);
        for (exclusive, bound, stricter) in [
            ("exclusiveMinimum", "minimum", std::cmp::Ordering::Greater),
            ("exclusiveMaximum", "maximum", std::cmp::Ordering::Less),
        ] {
            let Some(Value::Number(limit)) = map.get(exclusive).cloned() else {
                continue;
            };
            let inclusive_wins = map
                .get(bound)
                .and_then(Value::as_f64)
                .is_some_and(|inclusive| inclusive.partial_cmp(&limit.as_f64().unwrap_or(0.0)) == Some(stricter));
            if inclusive_wins {
                // The inclusive bound is the stricter one.
                map.shift_remove(exclusive);
            } else {
                map.insert(bound.into(), Value::Number(limit));
                map.insert(exclusive.into(), Value::Bool(true));
            }
        }
        if let Some(encoding) = map.shift_remove("contentEncoding") {
            let base64 = matches!(encoding.as_str(), Some("base64" | "base64url"));
            if base64 && !map.contains_key("format") {
                map.insert("format".into(), Value::String("byte".into()));
            } else {
                self.warn(
                    &diag::join(pointer, "contentEncoding"),
                    format!("`contentEncoding: {encoding}` has no 3.0 form; removed"),
                );
            }
        }
        if let Some(media) = map.shift_remove("contentMediaType") {
            let text = media
                .as_str()
                .is_some_and(|m| m.starts_with("text/") || m.contains("json") || m.contains("xml"));
            if !text && !map.contains_key("format") {
                map.insert("format".into(), Value::String("binary".into()));
            } else if map.get("format").and_then(Value::as_str) != Some("byte") {
                self.warn(
                    &diag::join(pointer, "contentMediaType"),
                    format!("`contentMediaType: {media}` has no 3.0 form: the value is a plain string"),
                );
            }
        }
        self.pattern_properties(map, pointer);
        self.tuples(map, pointer);
        for key in UNSUPPORTED.iter().chain(&["minContains", "maxContains"]) {
            if map.shift_remove(*key).is_some() {
                self.warn(
                    &diag::join(pointer, key),
                    format!("JSON Schema keyword `{key}` has no OpenAPI 3.0 form; removed (not checked, not typed)"),
                );
            }
        }
        wrap_ref(self.file, map, pointer, member, None);
    }

    /// `type: [X, "null"]`, `type: "null"` and several types.
    fn types(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        let types: Vec<String> = match map.get("type") {
            Some(Value::String(t)) if t == "null" => vec!["null".into()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            _ => return,
        };
        let mut concrete: Vec<String> = Vec::new();
        for t in &types {
            if t == "null" {
                map.insert("nullable".into(), Value::Bool(true));
            } else if !concrete.contains(t) {
                concrete.push(t.clone());
            }
        }
        match concrete.len() {
            0 => {
                map.shift_remove("type");
                self.warn(
                    &diag::join(pointer, "type"),
                    "a schema that only allows null has no 3.0 form; typed as free-form JSON",
                );
            }
            1 => {
                map.insert("type".into(), Value::String(concrete.remove(0)));
            }
            _ => {
                let key = ["oneOf", "anyOf"].into_iter().find(|k| !map.contains_key(*k));
                let Some(key) = key else {
                    self.warn(
                        &diag::join(pointer, "type"),
                        format!(
                            "several types beside `oneOf` and `anyOf`: only `{}` is kept",
                            concrete[0]
                        ),
                    );
                    map.insert("type".into(), Value::String(concrete.remove(0)));
                    return;
                };
                map.shift_remove("type");
                let members: Vec<Value> = concrete.iter().map(|t| Value::Object(split_by_type(map, t))).collect();
                for keys in KEYWORDS_BY_TYPE.iter().map(|(_, k)| k) {
                    for k in *keys {
                        map.shift_remove(*k);
                    }
                }
                map.shift_remove("format");
                map.shift_remove("enum");
                map.insert(key.into(), Value::Array(members));
            }
        }
    }

    /// `oneOf`/`anyOf` with a null member: the member becomes `nullable`.
    fn null_members(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        for key in ["oneOf", "anyOf"] {
            let Some(Value::Array(members)) = map.get_mut(key) else {
                continue;
            };
            let before = members.len();
            members.retain(|m| !is_null_schema(m));
            if members.len() == before {
                continue;
            }
            let mut rest = std::mem::take(members);
            map.insert("nullable".into(), Value::Bool(true));
            match rest.len() {
                0 => {
                    map.shift_remove(key);
                    self.warn(
                        &diag::join(pointer, key),
                        "a schema that only allows null has no 3.0 form; typed as free-form JSON",
                    );
                }
                1 if !map.contains_key("discriminator") => {
                    map.shift_remove(key);
                    let only = rest.remove(0);
                    let is_ref = only.as_object().is_some_and(|o| o.contains_key("$ref"));
                    let overlaps = only.as_object().is_some_and(|o| {
                        o.keys()
                            .any(|k| map.contains_key(k) && !ANNOTATIONS.contains(&k.as_str()))
                    });
                    if is_ref || overlaps || !only.is_object() {
                        match map.get_mut("allOf") {
                            Some(Value::Array(all)) => all.insert(0, only),
                            _ => {
                                map.insert("allOf".into(), Value::Array(vec![only]));
                            }
                        }
                    } else if let Value::Object(only) = only {
                        for (k, v) in only {
                            map.entry(k).or_insert(v);
                        }
                    }
                }
                _ => {
                    map.insert(key.into(), Value::Array(rest));
                }
            }
        }
    }

    /// `patternProperties`: the values' schema becomes `additionalProperties` (keys are not checked).
    fn pattern_properties(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        let Some(Value::Object(patterns)) = map.shift_remove("patternProperties") else {
            return;
        };
        let here = diag::join(pointer, "patternProperties");
        let names = patterns.keys().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let mut schemas: Vec<Value> = Vec::new();
        for v in patterns.into_values() {
            if !schemas.contains(&v) {
                schemas.push(v);
            }
        }
        let open = match map.get("additionalProperties") {
            None | Some(Value::Bool(_)) => true,
            Some(Value::Object(o)) => o.is_empty(),
            _ => false,
        };
        if !open {
            self.warn(
                &here,
                format!("`patternProperties` {names} beside a schema for `additionalProperties`: removed"),
            );
            return;
        }
        let value = match schemas.len() {
            1 => schemas.remove(0),
            _ => json!({"anyOf": schemas}),
        };
        map.insert("additionalProperties".into(), value);
        map.entry("type").or_insert_with(|| Value::String("object".into()));
        self.warn(
            &here,
            format!("`patternProperties` {names} written as `additionalProperties`: key patterns are not checked"),
        );
    }

    /// `prefixItems` (and draft 4's list form of `items`): tuples have no 3.0 form.
    fn tuples(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        let (key, prefix) = match (map.shift_remove("prefixItems"), map.get("items")) {
            (Some(p), _) => ("prefixItems", p),
            (None, Some(Value::Array(_))) => ("items", map.shift_remove("items").expect("present")),
            (None, Some(Value::Bool(_))) => {
                map.shift_remove("items");
                return;
            }
            (None, _) => return,
        };
        let rest = match key {
            "prefixItems" => map.shift_remove("items"),
            _ => map.shift_remove("additionalItems"),
        }
        .filter(Value::is_object);
        let prefix = prefix.as_array().cloned().unwrap_or_default();
        let mut distinct: Vec<&Value> = Vec::new();
        for v in prefix.iter().chain(rest.iter()) {
            if !distinct.contains(&v) {
                distinct.push(v);
            }
        }
        let items = match distinct.len() {
            0 => None,
            1 => Some(distinct[0].clone()),
            _ => Some(json!({"anyOf": distinct})),
        };
        if let Some(items) = items {
            map.insert("items".into(), items);
        }
        map.entry("type").or_insert_with(|| Value::String("array".into()));
        self.warn(
            &diag::join(pointer, key),
            "a tuple (items by position) has no 3.0 form: typed as an array of any of its item schemas",
        );
    }

    /// `$ref`s to `components/pathItems` (or any path item in the document) are inlined where
    /// a path item is expected; then `components/pathItems` is removed.
    fn inline_path_items(&mut self, doc: &mut Value) -> Result<(), Error> {
        let snapshot = doc.clone();
        let mut used = BTreeSet::new();
        let mut sites: Vec<String> = Vec::new();
        path_item_sites(doc, Kind::Document, "", &mut sites);
        for site in sites {
            let Some(node) = doc.pointer_mut(&site) else { continue };
            let mut seen = Vec::new();
            while let Some(r) = node.get("$ref").and_then(Value::as_str).map(str::to_string) {
                let Some(target) = r.strip_prefix('#').map(crate::doc::pointer::decode_fragment) else {
                    break;
                };
                if seen.contains(&target) {
                    return Err(Error::at(
                        self.file,
                        &format!("{site}/$ref"),
                        format!("path item reference `{r}` is circular"),
                    ));
                }
                let Some(content) = snapshot.pointer(&target) else {
                    return Err(Error::at(
                        self.file,
                        &format!("{site}/$ref"),
                        format!("dangling reference `{r}`: nothing is defined there"),
                    ));
                };
                seen.push(target.clone());
                used.insert(target);
                let mut merged = content.clone();
                if let (Value::Object(merged), Value::Object(here)) = (&mut merged, &*node) {
                    for (k, v) in here {
                        if k != "$ref" {
                            merged.insert(k.clone(), v.clone());
                        }
                    }
                }
                *node = merged;
            }
        }
        if let Some(Value::Object(components)) = doc.get_mut("components") {
            if let Some(Value::Object(items)) = components.shift_remove("pathItems") {
                for name in items.keys() {
                    let p = diag::join("/components/pathItems", name);
                    if !used.contains(&p) {
                        self.warn(&p, "path item is not used by any path, webhook or callback; removed");
                    }
                }
            }
        }
        Ok(())
    }

    /// The `$defs` taken out of schemas become component schemas; references follow them.
    fn hoist_defs(&mut self, doc: &mut Value) {
        if self.defs.is_empty() {
            return;
        }
        let Value::Object(root) = doc else { return };
        let schemas = component_schemas(root);
        let mut taken: BTreeSet<String> = schemas.keys().cloned().collect();
        let mut moved: BTreeMap<String, String> = BTreeMap::new();
        let mut by_name: Vec<(String, String, String)> = Vec::new();
        for (at, name, def) in std::mem::take(&mut self.defs) {
            // The same definition may already be a component (bundling makes one for each
            // `#/$defs/..` reference inside another file): it is reused.
            let base = component_name(&name);
            let new = if schemas.get(&base) == Some(&def) {
                base
            } else {
                let new = unique_name(&base, &taken);
                taken.insert(new.clone());
                schemas.insert(new.clone(), def);
                new
            };
            let target = diag::join("/components/schemas", &new);
            let container = at.rsplit_once('/').map(|(c, _)| c.to_string()).unwrap_or_default();
            by_name.push((container, name, target.clone()));
            moved.insert(at, target);
        }
        let root_defs = root.contains_key("$defs");
        let mut rewrite = Rewrite {
            moved: &moved,
            by_name: &by_name,
            root_defs,
            file: self.file,
            warnings: self.warnings,
        };
        rewrite.walk(doc, "");
    }

    /// Webhooks have no 3.0 form: they move to `x-webhooks`, and each inline payload schema
    /// becomes a component schema so that it is a generated type.
    fn webhooks(&mut self, doc: &mut Value) {
        let Some(Value::Object(mut hooks)) = doc.as_object_mut().and_then(|d| d.shift_remove("webhooks")) else {
            return;
        };
        let mut payloads: Vec<(String, Value)> = Vec::new();
        let mut taken: BTreeSet<String> = doc
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .map(|s| s.keys().cloned().collect())
            .unwrap_or_default();
        for (key, item) in hooks.iter_mut() {
            let here = diag::join("/webhooks", key);
            let mut types: Vec<String> = Vec::new();
            let Value::Object(item) = item else { continue };
            for (method, op) in item.iter_mut() {
                if !METHODS.contains(&method.as_str()) && method != "x-query" {
                    continue;
                }
                let Some(body) = op.get_mut("requestBody") else {
                    continue;
                };
                let Some(Value::Object(content)) = body.get_mut("content") else {
                    if let Some(r) = body.get("$ref").and_then(Value::as_str) {
                        types.push(format!("the request body `{r}`"));
                    }
                    continue;
                };
                for media in content.values_mut() {
                    let Some(schema) = media.get_mut("schema") else {
                        continue;
                    };
                    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
                        let name = unescape(r.rsplit('/').next().unwrap_or(r));
                        types.push(format!("`{name}`"));
                        continue;
                    }
                    let name = unique_name(
                        &format!("{}Payload", component_name(&key.to_upper_camel_case())),
                        &taken,
                    );
                    taken.insert(name.clone());
                    let inline = std::mem::replace(
                        schema,
                        json!({"$ref": format!("#/components/schemas/{}", diag::escape_token(&name))}),
                    );
                    payloads.push((name.clone(), inline));
                    types.push(format!("`{name}` (a new component schema)"));
                }
            }
            let payload = if types.is_empty() {
                "it has no request body".to_string()
            } else {
                format!("its payload decodes into {}", types.join(", "))
            };
            self.warn(
                &here,
                format!("webhook `{key}` has no OpenAPI 3.0 form: kept as `x-webhooks/{key}`, no method is generated; {payload}"),
            );
        }
        let Value::Object(root) = doc else { return };
        if !payloads.is_empty() {
            let schemas = component_schemas(root);
            for (name, schema) in payloads {
                schemas.insert(name, schema);
            }
        }
        root.insert("x-webhooks".into(), Value::Object(hooks));
    }
}

/// The keywords that apply to each JSON type, for splitting `type: [A, B]` into members.
const KEYWORDS_BY_TYPE: [(&str, &[&str]); 5] = [
    (
        "object",
        &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ],
    ),
    ("array", &["items", "minItems", "maxItems", "uniqueItems"]),
    ("string", &["minLength", "maxLength", "pattern"]),
    (
        "number",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    ),
    (
        "integer",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    ),
];

/// The member of a split `type: [..]` for one type: that type and its keywords.
fn split_by_type(map: &Map<String, Value>, t: &str) -> Map<String, Value> {
    let mut member = Map::new();
    member.insert("type".into(), Value::String(t.to_string()));
    for (ty, keys) in KEYWORDS_BY_TYPE {
        if ty == t {
            for k in keys {
                if let Some(v) = map.get(*k) {
                    member.insert((*k).to_string(), v.clone());
                }
            }
        }
    }
    if let Some(Value::String(format)) = map.get("format") {
        let wants = match format.as_str() {
            "int32" | "int64" => "integer",
            "float" | "double" => "number",
            _ => "string",
        };
        if wants == t {
            member.insert("format".into(), Value::String(format.clone()));
        }
    }
    if let Some(Value::Array(values)) = map.get("enum") {
        let fits: Vec<Value> = values
            .iter()
            .filter(|v| match t {
                "string" => v.is_string(),
                "integer" => v.is_i64() || v.is_u64(),
                "number" => v.is_number(),
                "boolean" => v.is_boolean(),
                "array" => v.is_array(),
                "object" => v.is_object(),
                _ => false,
            })
            .cloned()
            .collect();
        if !fits.is_empty() {
            member.insert("enum".into(), Value::Array(fits));
        }
    }
    member
}

/// `{type: "null"}`, `{type: ["null"]}`, `{const: null}` or `{enum: [null]}`.
fn is_null_schema(v: &Value) -> bool {
    let Some(map) = v.as_object() else { return false };
    let only_null = |v: &Value| match v {
        Value::String(s) => s == "null",
        Value::Array(a) => !a.is_empty() && a.iter().all(|t| t == "null" || t.is_null()),
        _ => v.is_null(),
    };
    let structural = map
        .keys()
        .filter(|k| !ANNOTATIONS.contains(&k.as_str()) && !k.starts_with("x-"))
        .collect::<Vec<_>>();
    match structural.as_slice() {
        [k] if *k == "type" || *k == "enum" || *k == "const" => only_null(&map[k.as_str()]),
        _ => false,
    }
}

/// Path item positions: `paths`, `webhooks`, and callbacks (in operations and components).
fn path_item_sites(node: &Value, kind: Kind, pointer: &str, out: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            if kind == Kind::PathItem {
                out.push(pointer.to_string());
                if map.contains_key("$ref") {
                    return;
                }
            }
            for (key, value) in map {
                let here = diag::join(pointer, key);
                match child(kind, key) {
                    Child::One(Kind::Schema) | Child::Map(Kind::Schema) | Child::Leaf => {}
                    Child::One(k) => path_item_sites(value, k, &here, out),
                    Child::Map(k) => {
                        if let Value::Object(entries) = value {
                            for (name, entry) in entries {
                                path_item_sites(entry, k, &diag::join(&here, name), out);
                            }
                        }
                    }
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path_item_sites(item, kind, &format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Rewrites references to moved `$defs`.
struct Rewrite<'a> {
    /// Old pointer of a definition -> its component's pointer.
    moved: &'a BTreeMap<String, String>,
    /// (the `$defs` object's pointer, a definition's name, its component's pointer).
    by_name: &'a [(String, String, String)],
    root_defs: bool,
    file: &'a Path,
    warnings: &'a mut Warnings,
}

impl Rewrite<'_> {
    fn walk(&mut self, node: &mut Value, pointer: &str) {
        match node {
            Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    let here = diag::join(pointer, key);
                    match (key.as_str(), &*value) {
                        ("$ref", Value::String(r)) => {
                            if let Some(new) = self.target(r, pointer) {
                                *value = Value::String(new);
                            }
                        }
                        ("example" | "examples" | "default" | "enum", _) => {}
                        ("mapping", Value::Object(_)) => {
                            if let Value::Object(mapping) = value {
                                for v in mapping.values_mut() {
                                    if let Some(new) = v.as_str().and_then(|r| self.target(r, pointer)) {
                                        *v = Value::String(new);
                                    }
                                }
                            }
                        }
                        _ => self.walk(value, &here),
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.walk(item, &format!("{pointer}/{i}"));
                }
            }
            _ => {}
        }
    }

    /// The new reference for `r`, written in the schema at `site`, when it points into a moved
    /// definition.
    fn target(&mut self, r: &str, site: &str) -> Option<String> {
        let old = crate::doc::pointer::decode_fragment(r.strip_prefix('#')?);
        let found = self
            .moved
            .iter()
            .filter(|(from, _)| old == **from || old.starts_with(&format!("{from}/")))
            .max_by_key(|(from, _)| from.len());
        if let Some((from, to)) = found {
            return Some(format!("#{to}{}", &old[from.len()..]));
        }
        // `#/$defs/X` written inside a schema means that schema's `$defs` to many tools
        // (JSON Schema resolves it against the document, which has none).
        let rest = old
            .strip_prefix("/$defs/")
            .or_else(|| old.strip_prefix("/definitions/"))?;
        if self.root_defs {
            return None;
        }
        let (name, tail) = match rest.split_once('/') {
            Some((n, t)) => (n, format!("/{t}")),
            None => (rest, String::new()),
        };
        let name = unescape(name);
        let (_, _, to) = self
            .by_name
            .iter()
            .filter(|(container, n, _)| {
                *n == name && {
                    let owner = container.rsplit_once('/').map(|(o, _)| o).unwrap_or("");
                    site == owner || site.starts_with(&format!("{owner}/"))
                }
            })
            .max_by_key(|(container, _, _)| container.len())?;
        self.warnings.push(
            self.file,
            site,
            format!("`{r}` is read as the enclosing schema's definition `{name}`"),
        );
        Some(format!("#{to}{tail}"))
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
