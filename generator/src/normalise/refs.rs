//! `$ref`s after bundling and conversion: every one the grammar allows is checked, the ones the
//! model cannot follow are made followable, and the ones that do not matter to the SDK are
//! tolerated with a warning. `$ref`s inside extensions and examples are data and left alone
//! (the walk of [`crate::doc`] never enters them).

use crate::diag::{Error, Warnings};
use crate::doc::pointer::decode_fragment;
use crate::doc::{self, Flow, Kind, section};
use serde_json::{Map, Value};
use std::path::Path;

/// Objects the SDK has no form for and that are dropped before the model: links and callbacks
/// (a response's `links`, an operation's `callbacks`, and those of `components`). Their
/// content, defects and references included, cannot change the generated code.
pub fn drop_unused(doc: &mut Value) {
    doc::walk_mut(doc, Kind::Document, "", &mut |map, kind, _| {
        match kind {
            Kind::Response => {
                map.shift_remove("links");
            }
            Kind::Operation => {
                map.shift_remove("callbacks");
            }
            Kind::Components => {
                map.shift_remove("links");
                map.shift_remove("callbacks");
            }
            _ => {}
        }
        Flow::Enter
    });
}

/// `description: {$ref: ...}`, `summary: {$ref: ...}` and the like (DigitalOcean's tags,
/// Vonage's operations): the text is read from where the reference points; a reference to anything but
/// text, or to nothing, is dropped with a warning.
pub fn text_refs(file: &Path, doc: &mut Value, warnings: &mut Warnings) {
    let is_ref = |map: &Map<String, Value>| {
        doc::TEXT_MEMBERS
            .iter()
            .any(|k| map.get(*k).is_some_and(Value::is_object))
    };
    // The snapshot the references are read from costs a copy of the whole document, and few
    // descriptions write text as a reference: look first.
    let mut found = doc.get("info").and_then(Value::as_object).is_some_and(is_ref)
        || doc
            .get("tags")
            .and_then(Value::as_array)
            .is_some_and(|tags| tags.iter().filter_map(Value::as_object).any(is_ref));
    if !found {
        doc::walk(doc, Kind::Document, "", &mut |map, kind, _| {
            found |= kind != Kind::Document && is_ref(map);
            if found { Flow::Skip } else { Flow::Enter }
        });
    }
    if !found {
        return;
    }
    let snapshot = doc.clone();
    let mut fix = |map: &mut Map<String, Value>, pointer: &str| {
        for key in doc::TEXT_MEMBERS {
            let Some(Value::Object(obj)) = map.get(key) else {
                continue;
            };
            let here = doc::join(pointer, key);
            let target = obj
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
                .and_then(|f| snapshot.pointer(&decode_fragment(f)));
            match target {
                Some(Value::String(text)) => {
                    map.insert(key.into(), Value::String(text.clone()));
                }
                _ => {
                    map.shift_remove(key);
                    warnings.push(file, &here, format!("`{key}` is not text; dropped"));
                }
            }
        }
    };
    if let Some(Value::Object(info)) = doc.get_mut("info") {
        fix(info, "/info");
    }
    if let Some(Value::Array(tags)) = doc.get_mut("tags") {
        for (i, tag) in tags.iter_mut().enumerate() {
            if let Value::Object(tag) = tag {
                fix(tag, &format!("/tags/{i}"));
            }
        }
    }
    doc::walk_mut(doc, Kind::Document, "", &mut |map, kind, pointer| {
        if kind != Kind::Document {
            fix(map, pointer);
        }
        Flow::Enter
    });
}

/// A reference of a kind other than a schema to a place outside its components section
/// (`#/paths/~1a/get/parameters/0`, as PagerDuty writes): the model looks references up in
/// components only, so the object is copied to where the reference is written.
pub fn inline_foreign(file: &Path, doc: &mut Value, warnings: &mut Warnings) -> Result<(), Error> {
    // As in `text_refs`: no copy of the document unless some reference needs one.
    let mut found = false;
    doc::walk(doc, Kind::Document, "", &mut |map, kind, _| {
        if kind == Kind::Schema || found {
            return Flow::Skip;
        }
        if let Some(section) = section(kind)
            && let Some(Value::String(r)) = map.get("$ref")
            && let Some(target) = r.strip_prefix('#').map(decode_fragment)
        {
            found = !is_component(&target, section);
        }
        Flow::Enter
    });
    if !found {
        return Ok(());
    }
    let snapshot = doc.clone();
    let mut failure = None;
    doc::walk_mut(doc, Kind::Document, "", &mut |map, kind, pointer| {
        if kind == Kind::Schema || failure.is_some() {
            return Flow::Skip;
        }
        let Some(section) = section(kind) else {
            return Flow::Enter;
        };
        let mut seen = Vec::new();
        while let Some(Value::String(r)) = map.get("$ref") {
            let Some(target) = r.strip_prefix('#').map(decode_fragment) else {
                break;
            };
            if is_component(&target, section) {
                break;
            }
            if seen.contains(&target) {
                failure = Some(Error::at(
                    file,
                    &doc::join(pointer, "$ref"),
                    format!("reference `{r}` is circular"),
                ));
                return Flow::Skip;
            }
            let Some(Value::Object(content)) = snapshot.pointer(&target) else {
                // Dangling or not an object: `check` reports it.
                break;
            };
            warnings.push(
                file,
                pointer,
                format!("reference `{r}` points outside `#/components/{section}`; its target is copied here"),
            );
            seen.push(target);
            let siblings: Vec<(String, Value)> = map
                .iter()
                .filter(|(k, _)| *k != "$ref")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            *map = content.clone();
            for (k, v) in siblings {
                map.insert(k, v);
            }
        }
        Flow::Enter
    });
    match failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// The member of an object of `kind` that holds named examples, where it has one.
fn examples_key(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::MediaType | Kind::Parameter | Kind::Header | Kind::Components => Some("examples"),
        _ => None,
    }
}

/// Removes the examples of `doc` whose `$ref` points at nothing, with a warning for each.
fn drop_dangling_examples(file: &Path, doc: &mut Value, warnings: &mut Warnings) {
    let snapshot = doc.clone();
    let resolves = |r: &str| {
        r.strip_prefix('#')
            .is_some_and(|f| snapshot.pointer(&decode_fragment(f)).is_some())
    };
    doc::walk_mut(doc, Kind::Document, "", &mut |map, kind, pointer| {
        if kind == Kind::Schema {
            return Flow::Skip;
        }
        let Some(key) = examples_key(kind) else {
            return Flow::Enter;
        };
        if let Some(Value::Object(examples)) = map.get_mut(key) {
            examples.retain(|name, e| {
                let Some(r) = e.get("$ref").and_then(Value::as_str) else {
                    return true;
                };
                if resolves(r) {
                    return true;
                }
                warnings.push(
                    file,
                    &doc::join(&doc::join(pointer, key), name),
                    format!("example reference `{r}` points at nothing; the example is dropped"),
                );
                false
            });
        }
        Flow::Enter
    });
}

/// A schema `$ref` to a schema written somewhere other than `#/components/schemas/<name>` (an
/// operation's response, another schema's property): the model types references to components
/// only, so the target moves to `#/components/schemas`, named after where it was (an operation's
/// inline response keeps the name the model gives it, `<operationId>Response`), and both the
/// place it left and every reference to it point there: one type, shared.
pub fn hoist_schema_targets(file: &Path, doc: &mut Value, warnings: &mut Warnings) {
    let mut targets: Vec<(String, String)> = Vec::new();
    doc::walk(doc, Kind::Document, "", &mut |map, kind, pointer| {
        if kind != Kind::Schema {
            return Flow::Enter;
        }
        if let Some(Value::String(r)) = map.get("$ref")
            && let Some(target) = r.strip_prefix('#').map(decode_fragment)
            && !is_component(&target, "schemas")
            && !targets.iter().any(|(t, _)| *t == target)
        {
            targets.push((target, pointer.to_string()));
        }
        Flow::Enter
    });
    // Inner targets first, so an outer one moves with references to the inner ones.
    targets.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
    for (target, first_use) in targets {
        let Some(Value::Object(content)) = doc.pointer(&target).cloned() else {
            continue; // Dangling: `check` reports it.
        };
        let moved_to = match content.get("$ref").and_then(Value::as_str) {
            // Already a reference (to a component or elsewhere): references to it go there.
            Some(r) => r.to_string(),
            None => {
                let name = hoisted_name(doc, &target);
                let schemas = doc
                    .as_object_mut()
                    .map(|d| d.entry("components").or_insert_with(|| Value::Object(Map::new())))
                    .and_then(Value::as_object_mut)
                    .map(|c| c.entry("schemas").or_insert_with(|| Value::Object(Map::new())));
                let Some(Value::Object(schemas)) = schemas else {
                    continue;
                };
                schemas.insert(name.clone(), Value::Object(content));
                let to = format!("#/components/schemas/{}", doc::pointer::escape(&name));
                if let Some(place) = doc.pointer_mut(&target) {
                    *place = serde_json::json!({ "$ref": to });
                }
                to
            }
        };
        warnings.push(
            file,
            &first_use,
            format!("schema reference to `#{target}`, outside `#/components/schemas`: its target is now `{moved_to}`"),
        );
        doc::walk_mut(doc, Kind::Document, "", &mut |map, kind, _| {
            if kind == Kind::Schema
                && let Some(Value::String(r)) = map.get_mut("$ref")
                && r.strip_prefix('#').map(decode_fragment).as_deref() == Some(target.as_str())
            {
                *r = moved_to.clone();
            }
            Flow::Enter
        });
    }
}

/// Whether `pointer` names an entry of `#/components/<section>` itself (not something inside one).
fn is_component(pointer: &str, section: &str) -> bool {
    pointer
        .strip_prefix("/components/")
        .and_then(|rest| rest.strip_prefix(section))
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|name| !name.is_empty() && !name.contains('/'))
}

/// A component name for the schema at `pointer`, not yet taken: `<operationId>Response` or
/// `<operationId>Request` for an operation's bodies, else the pointer's names run together.
fn hoisted_name(doc: &Value, pointer: &str) -> String {
    let tokens = doc::pointer::tokens(pointer);
    let words: Vec<String> = match tokens.as_slice() {
        [paths, path, method, rest @ ..] if paths == "paths" => {
            let id = doc
                .pointer(&format!("/paths/{}/{method}/operationId", doc::pointer::escape(path)))
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| format!("{method} {path}"));
            match rest.first().map(String::as_str) {
                Some("responses") => vec![id, "Response".into()],
                Some("requestBody") => vec![id, "Request".into()],
                _ => std::iter::once(id).chain(rest.iter().cloned()).collect(),
            }
        }
        [components, schemas, rest @ ..] if components == "components" && schemas == "schemas" => rest
            .iter()
            .filter(|t| !matches!(t.as_str(), "properties" | "items" | "allOf" | "oneOf" | "anyOf"))
            .cloned()
            .collect(),
        _ => tokens.clone(),
    };
    let base = crate::naming::type_name(&words.join(" "));
    let taken: std::collections::BTreeSet<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|s| s.keys().cloned().collect())
        .unwrap_or_default();
    crate::naming::unique(&base, &taken)
}

/// Examples whose `$ref` points at nothing are dropped with a warning: they only feed the
/// SDK's example tests. Any other `$ref` must be local and point at something.
pub fn check(file: &Path, doc: &mut Value, warnings: &mut Warnings) -> Result<(), Error> {
    fn resolves(doc: &Value, r: &str) -> bool {
        r.strip_prefix('#')
            .is_some_and(|f| doc.pointer(&decode_fragment(f)).is_some())
    }
    // Dangling examples first: the walk cannot remove an object from its parent, so they are
    // removed in a second walk, over a copy to resolve against, when there are any.
    let mut dangling = false;
    doc::walk(doc, Kind::Document, "", &mut |map, kind, _| {
        if kind == Kind::Schema || dangling {
            return Flow::Skip;
        }
        if let Some(Value::Object(examples)) = examples_key(kind).and_then(|k| map.get(k)) {
            dangling = examples
                .values()
                .any(|e| e.get("$ref").and_then(Value::as_str).is_some_and(|r| !resolves(doc, r)));
        }
        Flow::Enter
    });
    if dangling {
        drop_dangling_examples(file, doc, warnings);
    }
    let doc: &Value = doc;
    let resolves = |r: &str| resolves(doc, r);
    let mut failure = None;
    doc::walk(doc, Kind::Document, "", &mut |map, _, pointer| {
        if failure.is_some() {
            return Flow::Skip;
        }
        if let Some(r) = map.get("$ref") {
            let here = doc::join(pointer, "$ref");
            failure = match r.as_str() {
                None => Some(Error::at(file, &here, "`$ref` must be a string")),
                Some(r) if !r.starts_with('#') => Some(Error::at(
                    file,
                    &here,
                    format!("reference `{r}` points to another file from a place the bundler does not follow"),
                )),
                Some(r) if !resolves(r) => Some(Error::at(
                    file,
                    &here,
                    format!("dangling reference `{r}`: nothing is defined there"),
                )),
                Some(_) => None,
            };
        }
        Flow::Enter
    });
    match failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn op(extra: Value) -> Value {
        let mut o = json!({"responses": {"200": {"description": "ok"}}});
        for (k, v) in extra.as_object().unwrap() {
            o[k] = v.clone();
        }
        o
    }

    #[test]
    fn refs_in_extensions_and_examples_are_data() {
        let mut doc = json!({"openapi": "3.0.3", "paths": {"/a": {"get": op(json!({
            "x-codeSamples": [{"source": {"$ref": "../samples/a.cs"}}],
            "requestBody": {"content": {"application/json": {
                "example": {"$ref": "#/nowhere"},
                "examples": {"e": {"value": {"members": [{"$ref": "https://example.com/u/1"}]}}}
            }}}
        }))}}});
        let mut w = Warnings::default();
        check(Path::new("t.yaml"), &mut doc, &mut w).unwrap();
        assert!(w.items.is_empty());
    }

    #[test]
    fn dangling_example_refs_are_dropped_and_others_are_errors() {
        let mut doc = json!({"openapi": "3.0.3", "paths": {"/a": {"get": op(json!({
            "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"},
                "examples": {"gone": {"$ref": "#/components/examples/Gone"}}}]
        }))}}});
        let mut w = Warnings::default();
        check(Path::new("t.yaml"), &mut doc, &mut w).unwrap();
        assert_eq!(doc["paths"]["/a"]["get"]["parameters"][0]["examples"], json!({}));
        assert_eq!(w.items[0].pointer, "/paths/~1a/get/parameters/0/examples/gone");
        let mut doc = json!({"paths": {"/a": {"get": op(json!({
            "parameters": [{"$ref": "#/components/parameters/Gone"}]
        }))}}});
        let e = check(Path::new("t.yaml"), &mut doc, &mut w).unwrap_err();
        assert_eq!(
            e.place,
            crate::diag::Place::Pointer("/paths/~1a/get/parameters/0/$ref".into())
        );
    }

    #[test]
    fn references_outside_components_are_inlined() {
        let mut doc = json!({"paths": {
            "/a/{id}": {"post": op(json!({"parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}]}))},
            "/b/{id}": {"get": op(json!({"parameters": [{"$ref": "#/paths/~1a~1%7Bid%7D/post/parameters/0", "description": "d"}]}))}
        }});
        let mut w = Warnings::default();
        inline_foreign(Path::new("t.yaml"), &mut doc, &mut w).unwrap();
        assert_eq!(
            doc["paths"]["/b/{id}"]["get"]["parameters"][0],
            json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "d"})
        );
        assert_eq!(w.items.len(), 1);
    }

    #[test]
    fn text_refs_are_resolved_or_dropped() {
        let mut doc = json!({
            "info": {"title": "t", "description": {"$ref": "#/x-texts/intro"}},
            "tags": [{"name": "a", "description": {"$ref": "#/nowhere"}}],
            "x-texts": {"intro": "Hello"},
            "paths": {"/a": {"get": op(json!({"summary": {"$ref": "#/x-texts/intro"}}))}}
        });
        let mut w = Warnings::default();
        text_refs(Path::new("t.yaml"), &mut doc, &mut w);
        assert_eq!(doc["info"]["description"], "Hello");
        assert_eq!(doc["paths"]["/a"]["get"]["summary"], "Hello");
        assert!(doc["tags"][0].get("description").is_none());
        assert_eq!(w.items[0].pointer, "/tags/0/description");
    }

    #[test]
    fn each_pass_finds_a_lone_reference_deep_in_the_document() {
        // The passes look for work before they copy the document: one reference, deep in a
        // component, is enough for each.
        let mut doc = json!({"openapi": "3.0.3", "paths": {}, "components": {
            "responses": {"R": {"description": {"$ref": "#/x-texts/r"},
                "content": {"application/json": {
                    "schema": {"type": "string"},
                    "examples": {"gone": {"$ref": "#/components/examples/Gone"}}
                }},
                "headers": {"H": {"$ref": "#/x-headers/h"}}}}
        }, "x-texts": {"r": "Text"}, "x-headers": {"h": {"schema": {"type": "string"}}}});
        let mut w = Warnings::default();
        text_refs(Path::new("t.yaml"), &mut doc, &mut w);
        assert_eq!(doc["components"]["responses"]["R"]["description"], "Text");
        inline_foreign(Path::new("t.yaml"), &mut doc, &mut w).unwrap();
        assert_eq!(
            doc["components"]["responses"]["R"]["headers"]["H"],
            json!({"schema": {"type": "string"}})
        );
        check(Path::new("t.yaml"), &mut doc, &mut w).unwrap();
        let media = &doc["components"]["responses"]["R"]["content"]["application/json"];
        assert_eq!(media["examples"], json!({}));
        assert_eq!(w.items.len(), 2, "{:?}", w.items);
        // A document without such references comes out as it went in, without warnings.
        let plain = json!({"openapi": "3.0.3", "paths": {"/a": {"get": op(json!({"summary": "s"}))}}});
        let mut doc = plain.clone();
        let mut w = Warnings::default();
        text_refs(Path::new("t.yaml"), &mut doc, &mut w);
        inline_foreign(Path::new("t.yaml"), &mut doc, &mut w).unwrap();
        check(Path::new("t.yaml"), &mut doc, &mut w).unwrap();
        assert_eq!(doc, plain);
        assert!(w.items.is_empty());
    }

    #[test]
    fn links_and_callbacks_are_dropped() {
        let mut doc = json!({"paths": {"/a": {"get": {
            "callbacks": {"cb": {"{$url}": {"$ref": "#/nowhere"}}},
            "responses": {"200": {"description": "ok", "links": {"l": {"operationRef": 1}}}}
        }}}, "components": {"links": {}, "callbacks": {}, "schemas": {}}});
        drop_unused(&mut doc);
        assert_eq!(
            doc,
            json!({"paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}}, "components": {"schemas": {}}})
        );
    }

    #[test]
    fn schema_references_outside_components_share_one_component() {
        let report = json!({"type": "object", "properties": {"code": {"type": "integer"}}});
        let mut doc = json!({
            "paths": {"/r/{id}": {"get": {"operationId": "GetReport", "responses": {"200": {
                "description": "ok",
                "content": {"application/json": {"schema": report.clone()}}
            }}}}},
            "components": {"schemas": {
                "GetReportResponse": {"type": "string"},
                "List": {"type": "object", "properties": {
                    "items": {"type": "array", "items": {
                        "$ref": "#/paths/~1r~1%7Bid%7D/get/responses/200/content/application~1json/schema"
                    }},
                    "inner": {"type": "object", "properties": {"x": {"type": "string"}}},
                    "again": {"$ref": "#/components/schemas/List/properties/inner"}
                }}
            }}
        });
        let mut w = Warnings::default();
        hoist_schema_targets(Path::new("t.yaml"), &mut doc, &mut w);
        // Named after the operation; the name taken already gets a suffix.
        let schemas = &doc["components"]["schemas"];
        let name = schemas
            .as_object()
            .unwrap()
            .keys()
            .find(|k| k.starts_with("GetReportResponse") && *k != "GetReportResponse")
            .unwrap()
            .clone();
        assert_eq!(schemas[&name], report);
        let to = json!({"$ref": format!("#/components/schemas/{name}")});
        assert_eq!(
            doc["paths"]["/r/{id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"],
            to
        );
        assert_eq!(schemas["List"]["properties"]["items"]["items"], to);
        // A property of another component: named by both, referenced from both places.
        assert_eq!(schemas["ListInner"]["properties"]["x"], json!({"type": "string"}));
        let inner = json!({"$ref": "#/components/schemas/ListInner"});
        assert_eq!(schemas["List"]["properties"]["inner"], inner);
        assert_eq!(schemas["List"]["properties"]["again"], inner);
        assert_eq!(w.items.len(), 2, "{:?}", w.items);
        assert!(
            w.items
                .iter()
                .all(|i| i.message.contains("outside `#/components/schemas`"))
        );
    }
}
