//! Members written in the wrong JSON shape, as descriptions written by hand (or converted by
//! other tools) often have them: `deprecated: "true"`, `required: id`, `discriminator: kind`,
//! `tags: pets`, `style: simple` on a query parameter, a server variable's `default: 443`.
//! Where the meaning is plain the value is coerced to the shape OpenAPI 3.0 wants; where it is
//! not, the member is dropped (each only describes or refines, so the SDK is still right
//! without it). Every change is a warning naming the place. Runs on the 3.0 form, after
//! conversion.

use crate::diag::Warnings;
use crate::doc::{self, Flow, Kind};
use serde_json::{Map, Value, json};
use std::path::Path;

pub fn coerce(file: &Path, doc: &mut Value, warnings: &mut Warnings) {
    let mut w = |pointer: &str, message: String| warnings.push(file, pointer, message);
    if let Value::Object(root) = doc {
        servers(root, "", &mut w);
        if let Some(Value::Object(tags)) = root.get("tags").cloned() {
            // `tags: {name: description}`: a map of tag objects.
            let list: Vec<Value> = tags
                .into_iter()
                .map(|(name, d)| match d {
                    Value::String(d) => json!({"name": name, "description": d}),
                    _ => json!({"name": name}),
                })
                .collect();
            root.insert("tags".into(), Value::Array(list));
            w(
                "/tags",
                "`tags` is a map, not a list of tag objects; read as one".into(),
            );
        }
        if let Some(Value::Array(tags)) = root.get_mut("tags") {
            let before = tags.len();
            tags.retain(|t| t.get("name").is_some_and(Value::is_string));
            if tags.len() != before {
                w("/tags", "tag objects without a name: dropped".into());
            }
        }
        external_docs(root, "", &mut w);
        security(root, "", &mut w);
        // Objects that only describe or authenticate: one that does not read is dropped.
        if let Some(Value::Object(info)) = root.get_mut("info") {
            keep_if_valid::<openapiv3::Contact>(info, "contact", "/info", &mut w);
            keep_if_valid::<openapiv3::License>(info, "license", "/info", &mut w);
        }
        if let Some(Value::Array(tags)) = root.get_mut("tags") {
            for (i, tag) in tags.iter_mut().enumerate() {
                if let Value::Object(tag) = tag {
                    keep_if_valid::<openapiv3::ExternalDocumentation>(
                        tag,
                        "externalDocs",
                        &format!("/tags/{i}"),
                        &mut w,
                    );
                }
            }
        }
        if let Some(Value::Object(components)) = root.get_mut("components") {
            for (key, valid) in [
                (
                    "securitySchemes",
                    reads::<openapiv3::ReferenceOr<openapiv3::SecurityScheme>> as fn(&Value) -> bool,
                ),
                ("examples", reads::<openapiv3::ReferenceOr<openapiv3::Example>>),
            ] {
                let Some(Value::Object(entries)) = components.get_mut(key) else {
                    continue;
                };
                let here = doc::join("/components", key);
                entries.retain(|name, v| {
                    let ok = valid(v);
                    if !ok {
                        w(&doc::join(&here, name), "does not read as its kind; dropped".into());
                    }
                    ok
                });
            }
        }
    }
    doc::walk_mut(doc, Kind::Document, "", &mut |map, kind, pointer| {
        if map.contains_key("$ref") && kind != Kind::Schema {
            return Flow::Enter;
        }
        match kind {
            Kind::PathItem => {
                servers(map, pointer, &mut w);
                parameter_list(map, pointer, &mut w);
            }
            Kind::Operation => {
                boolean(map, "deprecated", pointer, &mut w);
                list_of_strings(map, "tags", pointer, &mut w);
                servers(map, pointer, &mut w);
                external_docs(map, pointer, &mut w);
                security(map, pointer, &mut w);
                parameter_list(map, pointer, &mut w);
                if let Some(Value::Object(rb)) = map.get_mut("requestBody") {
                    boolean(rb, "required", &doc::join(pointer, "requestBody"), &mut w);
                }
            }
            Kind::Parameter | Kind::Header => {
                for key in ["required", "deprecated", "allowEmptyValue", "explode", "allowReserved"] {
                    boolean(map, key, pointer, &mut w);
                }
                style(map, kind, pointer, &mut w);
            }
            Kind::Response => {
                if let Some(Value::Array(list)) = map.get("content") {
                    // `content: [{application/json: {...}}]`: the maps of a list, merged.
                    let mut merged = Map::new();
                    for item in list.iter().filter_map(Value::as_object) {
                        merged.extend(item.clone());
                    }
                    map.insert("content".into(), Value::Object(merged));
                    w(
                        &doc::join(pointer, "content"),
                        "`content` is a list; its maps are merged".into(),
                    );
                }
            }
            Kind::Schema => schema(map, pointer, &mut w),
            _ => {}
        }
        Flow::Enter
    });
}

pub(super) fn reads<T: serde::de::DeserializeOwned>(v: &Value) -> bool {
    serde_json::from_value::<T>(v.clone()).is_ok()
}

/// Drops `map[key]` when it does not read as a `T`.
fn keep_if_valid<T: serde::de::DeserializeOwned>(
    map: &mut Map<String, Value>,
    key: &str,
    pointer: &str,
    w: &mut impl FnMut(&str, String),
) {
    if map.get(key).is_some_and(|v| !reads::<T>(v)) {
        map.shift_remove(key);
        w(
            &doc::join(pointer, key),
            format!("`{key}` does not read as one; dropped"),
        );
    }
}

/// `"true"`, `"false"`, `1`, `0` as booleans; anything else is dropped.
fn boolean(map: &mut Map<String, Value>, key: &str, pointer: &str, w: &mut impl FnMut(&str, String)) {
    let Some(v) = map.get(key) else { return };
    if v.is_boolean() {
        return;
    }
    let here = doc::join(pointer, key);
    let b = match v {
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Some(true),
            "false" | "no" | "0" => Some(false),
            _ => None,
        },
        Value::Number(n) => n.as_f64().map(|f| f != 0.0),
        _ => None,
    };
    match b {
        Some(b) => {
            w(&here, format!("`{key}: {v}` is not a boolean; taken as {b}"));
            map.insert(key.into(), Value::Bool(b));
        }
        None => {
            w(&here, format!("`{key}: {v}` is not a boolean; dropped"));
            map.shift_remove(key);
        }
    }
}

/// A list of strings given as one string (`tags: pets`), or with non-strings in it.
fn list_of_strings(map: &mut Map<String, Value>, key: &str, pointer: &str, w: &mut impl FnMut(&str, String)) {
    let Some(v) = map.get(key) else { return };
    let here = doc::join(pointer, key);
    match v {
        Value::Array(items) if items.iter().all(Value::is_string) => {}
        Value::String(s) => {
            let s = s.clone();
            w(&here, format!("`{key}` is one string, not a list; taken as [{s:?}]"));
            map.insert(key.into(), json!([s]));
        }
        Value::Array(items) => {
            let kept: Vec<Value> = items
                .iter()
                .filter_map(|v| match v {
                    Value::String(_) => Some(v.clone()),
                    Value::Number(_) | Value::Bool(_) => Some(Value::String(v.to_string())),
                    _ => None,
                })
                .collect();
            w(
                &here,
                format!("`{key}` holds values that are not strings; taken as text"),
            );
            map.insert(key.into(), Value::Array(kept));
        }
        _ => {
            w(&here, format!("`{key}` is not a list of strings; dropped"));
            map.shift_remove(key);
        }
    }
}

/// `servers: "https://..."` or a server object alone; a variable's `default` or `enum` values
/// that are numbers (`default: 443`).
fn servers(map: &mut Map<String, Value>, pointer: &str, w: &mut impl FnMut(&str, String)) {
    let here = doc::join(pointer, "servers");
    match map.get("servers") {
        None | Some(Value::Array(_)) => {}
        Some(Value::String(url)) => {
            let url = url.clone();
            w(
                &here,
                "`servers` is a URL, not a list of server objects; read as one".into(),
            );
            map.insert("servers".into(), json!([{"url": url}]));
        }
        Some(Value::Object(server)) if server.contains_key("url") => {
            let server = server.clone();
            w(&here, "`servers` is one server object, not a list; read as one".into());
            map.insert("servers".into(), json!([server]));
        }
        Some(_) => {
            w(&here, "`servers` is not a list of server objects; dropped".into());
            map.shift_remove("servers");
        }
    }
    let Some(Value::Array(list)) = map.get_mut("servers") else {
        return;
    };
    list.retain(|s| s.get("url").is_some_and(Value::is_string));
    for (i, server) in list.iter_mut().enumerate() {
        let Some(Value::Object(vars)) = server.get_mut("variables") else {
            continue;
        };
        for (name, var) in vars.iter_mut() {
            let at = doc::join(&format!("{here}/{i}/variables"), name);
            let Value::Object(var) = var else { continue };
            if let Some(v @ (Value::Number(_) | Value::Bool(_))) = var.get("default") {
                let t = v.to_string();
                w(&at, format!("the default `{t}` is not a string; taken as text"));
                var.insert("default".into(), Value::String(t));
            }
            if !var.get("default").is_some_and(Value::is_string) {
                var.insert("default".into(), Value::String(String::new()));
                w(&at, "a server variable without a default; taken as empty".into());
            }
            if let Some(Value::Array(values)) = var.get_mut("enum") {
                for v in values.iter_mut() {
                    if !v.is_string() {
                        *v = Value::String(v.to_string());
                    }
                }
            }
        }
    }
}

/// `externalDocs: "https://..."`.
fn external_docs(map: &mut Map<String, Value>, pointer: &str, w: &mut impl FnMut(&str, String)) {
    let here = doc::join(pointer, "externalDocs");
    match map.get("externalDocs") {
        Some(Value::String(url)) => {
            let url = url.clone();
            map.insert("externalDocs".into(), json!({"url": url}));
        }
        Some(Value::Object(d)) if d.get("url").is_some_and(Value::is_string) => {}
        Some(_) => {
            w(&here, "`externalDocs` without a URL; dropped".into());
            map.shift_remove("externalDocs");
        }
        None => {}
    }
}

/// `security: {key: []}` (one requirement, not a list) and scopes given as one string.
fn security(map: &mut Map<String, Value>, pointer: &str, w: &mut impl FnMut(&str, String)) {
    let here = doc::join(pointer, "security");
    let Some(v) = map.get_mut("security") else { return };
    if let Value::Object(one) = v {
        let one = one.clone();
        *v = json!([one]);
        w(&here, "`security` is one requirement, not a list; read as one".into());
    }
    let Value::Array(reqs) = v else {
        map.shift_remove("security");
        w(&here, "`security` is not a list of requirements; dropped".into());
        return;
    };
    reqs.retain(Value::is_object);
    for req in reqs.iter_mut() {
        let Value::Object(req) = req else { continue };
        for scopes in req.values_mut() {
            match scopes {
                Value::Array(s) => s.retain(Value::is_string),
                Value::String(s) => *scopes = json!([s.clone()]),
                _ => *scopes = json!([]),
            }
        }
    }
}

/// Parameters without a name are dropped; without `in`, a name the path holds is a path
/// parameter, any other a query parameter. `in: body` and `in: formData` (Swagger 2.0's, in a
/// 3.0 description) have no 3.0 form: dropped.
fn parameter_list(map: &mut Map<String, Value>, pointer: &str, w: &mut impl FnMut(&str, String)) {
    let path = crate::doc::pointer::tokens(pointer).get(1).cloned().unwrap_or_default();
    let Some(Value::Array(params)) = map.get_mut("parameters") else {
        if map.get("parameters").is_some_and(|p| !p.is_array()) {
            map.shift_remove("parameters");
            w(
                &doc::join(pointer, "parameters"),
                "`parameters` is not a list; dropped".into(),
            );
        }
        return;
    };
    let mut i = 0;
    params.retain_mut(|p| {
        let at = format!("{pointer}/parameters/{i}");
        i += 1;
        let Value::Object(p) = p else {
            w(&at, "a parameter that is not an object; dropped".into());
            return false;
        };
        if p.contains_key("$ref") {
            return true;
        }
        let Some(name) = p.get("name").and_then(Value::as_str).map(str::to_string) else {
            w(&at, "a parameter without a name; dropped".into());
            return false;
        };
        match p.get("in").and_then(Value::as_str) {
            Some("path" | "query" | "header" | "cookie") => true,
            Some(other @ ("body" | "formData")) => {
                w(
                    &at,
                    format!("`in: {other}` (Swagger 2.0) has no OpenAPI 3.0 form: parameter `{name}` dropped"),
                );
                false
            }
            other => {
                let place = if path.contains(&format!("{{{name}}}")) {
                    "path"
                } else {
                    "query"
                };
                w(
                    &at,
                    format!(
                        "parameter `{name}` has {}; taken as a {place} parameter",
                        match other {
                            Some(o) => format!("the unknown location `{o}`"),
                            None => "no `in`".to_string(),
                        }
                    ),
                );
                p.insert("in".into(), Value::String(place.into()));
                if place == "path" {
                    p.insert("required".into(), Value::Bool(true));
                }
                true
            }
        }
    });
}

/// A `style` the parameter's location does not allow is dropped (its default applies).
fn style(map: &mut Map<String, Value>, kind: Kind, pointer: &str, w: &mut impl FnMut(&str, String)) {
    let Some(style) = map.get("style") else { return };
    let location = if kind == Kind::Header {
        "header"
    } else {
        map.get("in").and_then(Value::as_str).unwrap_or("query")
    };
    let allowed: &[&str] = match location {
        "path" => &["matrix", "label", "simple"],
        "query" => &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
        "header" => &["simple"],
        "cookie" => &["form"],
        _ => &[],
    };
    if style.as_str().is_some_and(|s| allowed.contains(&s)) {
        return;
    }
    w(
        &doc::join(pointer, "style"),
        format!("`style: {style}` is not one a {location} parameter has; its default is used"),
    );
    map.shift_remove("style");
}

fn schema(map: &mut Map<String, Value>, pointer: &str, w: &mut impl FnMut(&str, String)) {
    for key in [
        "nullable",
        "readOnly",
        "writeOnly",
        "deprecated",
        "uniqueItems",
        "exclusiveMinimum",
        "exclusiveMaximum",
    ] {
        boolean(map, key, pointer, w);
    }
    // `required: id` (one name), or `required: [..]` with non-strings.
    if map
        .get("required")
        .is_some_and(|r| !r.is_array() || !r.as_array().is_some_and(|a| a.iter().all(Value::is_string)))
    {
        list_of_strings(map, "required", pointer, w);
    }
    // `discriminator: kind` (Swagger 2.0's form).
    if let Some(Value::String(name)) = map.get("discriminator") {
        let name = name.clone();
        w(
            &doc::join(pointer, "discriminator"),
            "a discriminator given as a property name; read as `{propertyName}`".into(),
        );
        map.insert("discriminator".into(), json!({"propertyName": name}));
    } else if map
        .get("discriminator")
        .is_some_and(|d| !d.get("propertyName").is_some_and(Value::is_string))
    {
        w(
            &doc::join(pointer, "discriminator"),
            "a discriminator without a property name; dropped".into(),
        );
        map.shift_remove("discriminator");
    }
    // `enum: a` (one value).
    if let Some(v) = map.get("enum")
        && !v.is_array()
    {
        let v = v.clone();
        w(
            &doc::join(pointer, "enum"),
            "`enum` is one value, not a list; taken as a list of it".into(),
        );
        map.insert("enum".into(), Value::Array(vec![v]));
    }
    // `allOf: {..}` (one schema, not a list).
    for key in ["allOf", "oneOf", "anyOf"] {
        match map.get(key) {
            Some(Value::Object(one)) => {
                let one = one.clone();
                w(
                    &doc::join(pointer, key),
                    format!("`{key}` is one schema, not a list; taken as a list of it"),
                );
                map.insert(key.into(), json!([one]));
            }
            Some(Value::Array(_)) | None => {}
            Some(_) => {
                w(
                    &doc::join(pointer, key),
                    format!("`{key}` is not a list of schemas; dropped"),
                );
                map.shift_remove(key);
            }
        }
    }
    // `items: [..]` (a tuple, in a 3.0 description): any of its schemas.
    if let Some(Value::Array(list)) = map.get("items") {
        let mut distinct: Vec<Value> = Vec::new();
        for v in list {
            if !distinct.contains(v) {
                distinct.push(v.clone());
            }
        }
        let items = match distinct.len() {
            0 => json!({}),
            1 => distinct.remove(0),
            _ => json!({"anyOf": distinct}),
        };
        w(
            &doc::join(pointer, "items"),
            "`items` is a list (a tuple); typed as any of its schemas".into(),
        );
        map.insert("items".into(), items);
    }
    // `additionalProperties: "true"`.
    if let Some(v) = map.get("additionalProperties")
        && !v.is_boolean()
        && !v.is_object()
    {
        boolean(map, "additionalProperties", pointer, w);
    }
    // Members that describe, in the wrong shape: text as text, the rest dropped.
    for key in ["format", "pattern", "title", "description"] {
        match map.get(key) {
            None | Some(Value::String(_)) => {}
            Some(v @ (Value::Number(_) | Value::Bool(_))) => {
                let t = v.to_string();
                map.insert(key.into(), Value::String(t));
            }
            Some(_) => {
                w(&doc::join(pointer, key), format!("`{key}` is not text; dropped"));
                map.shift_remove(key);
            }
        }
    }
    if let Some(Value::String(t)) = map.get("type") {
        // `type: date`, `type: file` in 3.0, `type: int`: not a JSON type.
        let known = ["string", "integer", "number", "boolean", "object", "array"];
        if !known.contains(&t.as_str()) {
            let t = t.clone();
            let (ty, format) = match t.as_str() {
                "file" | "binary" => ("string", Some("binary")),
                "date" | "date-time" | "datetime" | "uuid" | "uri" | "email" | "byte" => ("string", Some(t.as_str())),
                "int" | "int32" | "int64" | "long" => ("integer", None),
                "float" | "double" | "decimal" => ("number", None),
                "bool" => ("boolean", None),
                "map" | "dict" => ("object", None),
                "list" => ("array", None),
                _ => ("", None),
            };
            if ty.is_empty() {
                w(
                    &doc::join(pointer, "type"),
                    format!("`type: {t}` is not a JSON type; typed as any JSON value"),
                );
                map.shift_remove("type");
            } else {
                w(
                    &doc::join(pointer, "type"),
                    format!("`type: {t}` is not a JSON type; taken as `{ty}`"),
                );
                map.insert("type".into(), Value::String(ty.into()));
                if let (Some(f), false) = (format, map.contains_key("format")) {
                    let f = if f == "datetime" { "date-time" } else { f };
                    map.insert("format".into(), Value::String(f.into()));
                }
            }
        }
    } else if map.get("type").is_some_and(|t| !t.is_array()) {
        w(&doc::join(pointer, "type"), "`type` is not a name; dropped".into());
        map.shift_remove("type");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(mut doc: Value) -> (Value, Vec<String>) {
        let mut w = Warnings::default();
        coerce(Path::new("t.yaml"), &mut doc, &mut w);
        (doc, w.items.into_iter().map(|w| w.pointer).collect())
    }

    #[test]
    fn wrong_shapes_are_coerced_or_dropped() {
        let (doc, w) = run(json!({"paths": {"/a/{id}": {"get": {
            "deprecated": "true",
            "tags": "pets",
            "security": {"key": "read"},
            "servers": "https://other.example.test",
            "externalDocs": "https://docs.example.test",
            "parameters": [
                {"name": "id", "schema": {"type": "string"}},
                {"name": "q", "in": "query", "style": "simple", "required": "no", "schema": {"type": "string"}},
                {"in": "query"},
                {"name": "b", "in": "body", "schema": {}}
            ],
            "responses": {"200": {"description": "ok", "content": [{"application/json": {"schema": {
                "type": "object", "required": "id", "discriminator": "kind", "nullable": "true",
                "properties": {"id": {"type": "date"}, "n": {"type": "long", "format": 64}, "e": {"type": "string", "enum": "x"},
                               "all": {"allOf": {"type": "object"}}, "t": {"type": "array", "items": [{"type": "string"}]}}
            }}}]}}
        }}}}));
        let get = &doc["paths"]["/a/{id}"]["get"];
        assert_eq!(get["deprecated"], json!(true));
        assert_eq!(get["tags"], json!(["pets"]));
        assert_eq!(get["security"], json!([{"key": ["read"]}]));
        assert_eq!(get["servers"], json!([{"url": "https://other.example.test"}]));
        assert_eq!(get["externalDocs"], json!({"url": "https://docs.example.test"}));
        assert_eq!(get["parameters"][0]["in"], "path");
        assert_eq!(
            get["parameters"][1],
            json!({"name": "q", "in": "query", "required": false, "schema": {"type": "string"}})
        );
        assert_eq!(get["parameters"].as_array().unwrap().len(), 2);
        let s = &get["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(s["required"], json!(["id"]));
        assert_eq!(s["discriminator"], json!({"propertyName": "kind"}));
        assert_eq!(s["nullable"], json!(true));
        assert_eq!(s["properties"]["id"], json!({"type": "string", "format": "date"}));
        assert_eq!(s["properties"]["n"], json!({"type": "integer", "format": "64"}));
        assert_eq!(s["properties"]["e"]["enum"], json!(["x"]));
        assert_eq!(s["properties"]["all"]["allOf"], json!([{"type": "object"}]));
        assert_eq!(s["properties"]["t"]["items"], json!({"type": "string"}));
        assert!(w.len() >= 15, "{w:?}");
    }

    #[test]
    fn objects_that_only_describe_or_authenticate_are_dropped_when_unreadable() {
        let (doc, w) = run(json!({
            "info": {"title": "t", "version": "1", "license": {"url": "https://l"}, "contact": {"name": "me"}},
            "components": {"securitySchemes": {
                "bad": {"type": "apiKey", "name": "k"},
                "good": {"type": "http", "scheme": "bearer"}
            }},
            "paths": {}
        }));
        assert!(doc["info"].get("license").is_none());
        assert_eq!(doc["info"]["contact"], json!({"name": "me"}));
        assert_eq!(
            doc["components"]["securitySchemes"],
            json!({"good": {"type": "http", "scheme": "bearer"}})
        );
        assert_eq!(w, ["/info/license", "/components/securitySchemes/bad"]);
    }

    #[test]
    fn server_variables_and_tags() {
        let (doc, _) = run(json!({
            "servers": [{"url": "https://{host}:{port}", "variables": {"port": {"default": 443, "enum": [443, 8443]}, "host": {}}}],
            "tags": {"pets": "Pets", "stores": {}},
            "paths": {}
        }));
        assert_eq!(
            doc["servers"][0]["variables"]["port"],
            json!({"default": "443", "enum": ["443", "8443"]})
        );
        assert_eq!(doc["servers"][0]["variables"]["host"], json!({"default": ""}));
        assert_eq!(
            doc["tags"],
            json!([{"name": "pets", "description": "Pets"}, {"name": "stores"}])
        );
    }
}
