//! The document-level part of the 3.1/3.2 -> 3.0 conversion: the document's own fields, the
//! objects around schemas (responses, examples, parameters, media types, security schemes),
//! 3.2's additions, path items from `components/pathItems`, and webhooks.

use super::{Converter, component_schemas};
use crate::diag::{self, Error};
use crate::doc::pointer::unescape;
use crate::doc::{Child, Flow, Kind, METHODS, child, component_name, unique_name};
use heck::ToUpperCamelCase;
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

impl Converter<'_> {
    /// The document's own fields.
    pub(super) fn document(&mut self, doc: &mut Value) {
        let Value::Object(root) = doc else { return };
        root.insert("openapi".into(), Value::String("3.0.3".into()));
        if let Some(Value::Object(info)) = root.get_mut("info") {
            info.shift_remove("summary");
            if let Some(Value::Object(license)) = info.get_mut("license") {
                license.shift_remove("identifier");
            }
        }
        if let Some(Value::String(dialect)) = root.shift_remove("jsonSchemaDialect")
            && !dialect.starts_with("https://spec.openapis.org/oas/")
        {
            self.warn(
                "/jsonSchemaDialect",
                format!("schemas are read as OpenAPI's dialect of JSON Schema, not `{dialect}`"),
            );
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

    pub(super) fn walk(&mut self, node: &mut Value, kind: Kind, pointer: &str) {
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
    pub(super) fn security_requirements(&mut self, doc: &mut Value) {
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
        // The document's requirements and every operation's (webhooks' and callbacks' too).
        crate::doc::walk_mut(doc, Kind::Document, "", &mut |map, kind, _| match kind {
            Kind::Document | Kind::Operation => {
                if let Some(s) = map.get_mut("security") {
                    strip(s);
                }
                Flow::Enter
            }
            Kind::Schema => Flow::Skip,
            _ => Flow::Enter,
        });
    }

    /// `$ref`s to `components/pathItems` (or any path item in the document) are inlined where
    /// a path item is expected; then `components/pathItems` is removed.
    pub(super) fn inline_path_items(&mut self, doc: &mut Value) -> Result<(), Error> {
        let mut used = BTreeSet::new();
        let mut sites: Vec<String> = Vec::new();
        path_item_sites(doc, Kind::Document, "", &mut sites);
        // Only the sites written as references change; the copy they are read from (the whole
        // document) is made only when there is one.
        sites.retain(|site| doc.pointer(site).is_some_and(|node| node.get("$ref").is_some()));
        let snapshot = if sites.is_empty() { Value::Null } else { doc.clone() };
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
        if let Some(Value::Object(components)) = doc.get_mut("components")
            && let Some(Value::Object(items)) = components.shift_remove("pathItems")
        {
            for name in items.keys() {
                let p = diag::join("/components/pathItems", name);
                if !used.contains(&p) {
                    self.warn(
                        &p,
                        "path item is not used by any path or webhook (callbacks have no form in the SDK); removed",
                    );
                }
            }
        }
        Ok(())
    }

    /// Webhooks have no 3.0 form: they move to `x-webhooks`, and each inline payload schema
    /// becomes a component schema so that it is a generated type.
    pub(super) fn webhooks(&mut self, doc: &mut Value) {
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

/// Path item positions: `paths`, `webhooks`, and callbacks (in operations and components).
fn path_item_sites(node: &Value, kind: Kind, pointer: &str, out: &mut Vec<String>) {
    crate::doc::walk(node, kind, pointer, &mut |map, kind, pointer| match kind {
        Kind::Schema => Flow::Skip,
        Kind::PathItem => {
            out.push(pointer.to_string());
            if map.contains_key("$ref") {
                Flow::Skip
            } else {
                Flow::Enter
            }
        }
        _ => Flow::Enter,
    });
}
