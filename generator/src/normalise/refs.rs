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
    let snapshot = doc.clone();
    let mut failure = None;
    doc::walk_mut(doc, Kind::Document, "", &mut |map, kind, pointer| {
        if kind == Kind::Schema || failure.is_some() {
            return Flow::Skip;
        }
        let Some(section) = section(kind) else {
            return Flow::Enter;
        };
        let prefix = format!("/components/{section}/");
        let mut seen = Vec::new();
        while let Some(Value::String(r)) = map.get("$ref") {
            let Some(target) = r.strip_prefix('#').map(decode_fragment) else {
                break;
            };
            let in_section = target
                .strip_prefix(&prefix)
                .is_some_and(|name| !name.is_empty() && !name.contains('/'));
            if in_section {
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

/// Examples whose `$ref` points at nothing are dropped with a warning: they only feed the
/// SDK's example tests. Any other `$ref` must be local and point at something.
pub fn check(file: &Path, doc: &mut Value, warnings: &mut Warnings) -> Result<(), Error> {
    let snapshot = doc.clone();
    let resolves = |r: &str| {
        r.strip_prefix('#')
            .is_some_and(|f| snapshot.pointer(&decode_fragment(f)).is_some())
    };
    // Dangling examples first: the walk cannot remove an object from its parent.
    doc::walk_mut(doc, Kind::Document, "", &mut |map, kind, pointer| {
        let key = match kind {
            Kind::MediaType | Kind::Parameter | Kind::Header => "examples",
            Kind::Components => "examples",
            Kind::Schema => return Flow::Skip,
            _ => return Flow::Enter,
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
}
