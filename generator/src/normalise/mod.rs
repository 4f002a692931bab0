//! Normalise: repair known real-world defects in a loaded description, check what the model
//! relies on, and deserialize it into `openapiv3` types.
//!
//! Everything here works on the raw JSON value so each repair can name the JSON pointer of
//! the place it touched. Other formats are converted first (`swagger2`: Swagger 2.0,
//! `openapi31`: OpenAPI 3.1 and 3.2), so the model only ever sees OpenAPI 3.0.

pub mod coerce;
pub mod defects;
pub mod openapi31;
pub mod refs;
pub mod repair;
pub mod swagger2;

use crate::diag::{self, Error, Warnings};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

use crate::doc::METHODS;

/// Checks the version, repairs tolerated defects and returns the typed document.
pub fn normalise(file: &Path, doc: Value, warnings: &mut Warnings) -> Result<openapiv3::OpenAPI, Error> {
    let mut doc = doc;
    // Repairs first, so conversion sees what the description meant.
    repair::repair(file, &mut doc, warnings);
    // Links and callbacks have no form in the SDK: whatever is in them cannot matter.
    refs::drop_unused(&mut doc);
    let mut doc = match version(file, &doc)? {
        Version::Swagger2 => swagger2::to_openapi3(file, doc, warnings)?,
        Version::OpenApi30 => {
            let mut doc = doc;
            openapi31::inline_path_items(file, &mut doc, warnings)?;
            doc
        }
        Version::OpenApi31 => openapi31::to_openapi30(file, doc, warnings)?,
    };
    // 3.0 allows nothing beside a `$ref`, yet descriptions put `description`/`readOnly` there.
    openapi31::keep_ref_siblings(file, &mut doc, warnings);
    repair::simplify(&mut doc);
    coerce::coerce(file, &mut doc, warnings);
    repair::after_conversion(file, &mut doc, warnings);
    refs::text_refs(file, &mut doc, warnings);
    refs::inline_foreign(file, &mut doc, warnings)?;
    defects::report(file, &doc, warnings);
    refs::check(file, &mut doc, warnings)?;
    operation_ids(file, &mut doc, warnings);
    refs::hoist_schema_targets(file, &mut doc, warnings);
    match <openapiv3::OpenAPI as serde::Deserialize>::deserialize(&doc) {
        Ok(typed) => Ok(typed),
        Err(plain) => {
            // Untagged and flattened members hide where inside them the error is: look for
            // the innermost object that does not read as what the grammar says it is. The
            // path serde saw is the fallback, tracked only now: tracking it allocates a
            // segment for every member read (5% of a regeneration's CPU).
            let (pointer, message) =
                locate(&doc).unwrap_or_else(
                    || match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&doc) {
                        Err(e) => (path_to_pointer(e.path()), e.inner().to_string()),
                        Ok(_) => (String::new(), plain.to_string()),
                    },
                );
            Err(Error::at(
                file,
                &pointer,
                format!("not a valid OpenAPI 3.0 document: {message}"),
            ))
        }
    }
}

/// The innermost object of the document that fails to read as its kind, first in document
/// order, with the pointer to the failing member inside it.
fn locate(doc: &Value) -> Option<(String, String)> {
    use crate::doc::{Flow, Kind};
    use openapiv3::ReferenceOr as R;
    fn check<T: serde::de::DeserializeOwned>(v: &Value) -> Result<(), (String, String)> {
        serde_path_to_error::deserialize::<_, T>(v)
            .map(drop)
            .map_err(|e| (path_to_pointer(e.path()), e.inner().to_string()))
    }
    // (the failing object, the failing member inside it, the message)
    let mut failures: Vec<(String, String, String)> = Vec::new();
    crate::doc::walk(doc, Kind::Document, "", &mut |map, kind, pointer| {
        let node = Value::Object(map.clone());
        let result = match kind {
            Kind::Document => return Flow::Enter,
            Kind::Components => check::<openapiv3::Components>(&node),
            Kind::PathItem => check::<R<openapiv3::PathItem>>(&node),
            Kind::Operation => check::<openapiv3::Operation>(&node),
            Kind::Callback => check::<openapiv3::Callback>(&node),
            Kind::Parameter => check::<R<openapiv3::Parameter>>(&node),
            Kind::Header => check::<R<openapiv3::Header>>(&node),
            Kind::RequestBody => check::<R<openapiv3::RequestBody>>(&node),
            Kind::Response => check::<R<openapiv3::Response>>(&node),
            Kind::MediaType => check::<openapiv3::MediaType>(&node),
            Kind::Encoding => check::<openapiv3::Encoding>(&node),
            Kind::Schema => check::<R<openapiv3::Schema>>(&node),
            Kind::Example => check::<R<openapiv3::Example>>(&node),
            Kind::Link => check::<R<openapiv3::Link>>(&node),
            Kind::SecurityScheme => check::<R<openapiv3::SecurityScheme>>(&node),
        };
        match result {
            Ok(()) => Flow::Skip,
            Err((inner, message)) => {
                failures.push((pointer.to_string(), format!("{pointer}{inner}"), message));
                Flow::Enter
            }
        }
    });
    // Parents fail because of their children: the culprit is a failure with none below it.
    let innermost = failures
        .iter()
        .find(|(p, _, _)| !failures.iter().any(|(q, _, _)| q.starts_with(&format!("{p}/"))));
    innermost.map(|(_, at, message)| (at.clone(), message.clone()))
}

/// The description formats the generator reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Swagger2,
    OpenApi30,
    /// 3.1 and 3.2: JSON Schema 2020-12 based.
    OpenApi31,
}

/// Which format a document is in; an unknown version is an error, never a guess.
pub fn version(file: &Path, doc: &Value) -> Result<Version, Error> {
    if let Some(v) = doc.get("swagger") {
        return match v.as_str() {
            Some("2.0") => Ok(Version::Swagger2),
            _ => Err(Error::at(
                file,
                "/swagger",
                format!(
                    "Swagger version {v} is not supported: this generator reads Swagger 2.0 and OpenAPI 3.0 to 3.2"
                ),
            )),
        };
    }
    match doc.get("openapi").and_then(Value::as_str) {
        Some(v) if v == "3.0" || v.starts_with("3.0.") => Ok(Version::OpenApi30),
        Some(v)
            if ["3.1", "3.2"]
                .iter()
                .any(|m| v == *m || v.starts_with(&format!("{m}."))) =>
        {
            Ok(Version::OpenApi31)
        }
        Some(v) => Err(Error::at(
            file,
            "/openapi",
            format!("OpenAPI version {v} is not supported: this generator reads Swagger 2.0 and OpenAPI 3.0 to 3.2"),
        )),
        None => Err(Error::at(
            file,
            "",
            "no `openapi` or `swagger` version field: is this an OpenAPI description?",
        )),
    }
}

/// Operation ids must be unique: a repeated one is made unique (deterministically, from the
/// operation's first tag, else its method and path) with a warning naming both places.
fn operation_ids(file: &Path, doc: &mut Value, warnings: &mut Warnings) {
    let Some(Value::Object(paths)) = doc.get_mut("paths") else {
        return;
    };
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    let mut repeated = Vec::new();
    for (path, item) in paths.iter() {
        for m in METHODS {
            let Some(op) = item.get(m) else { continue };
            let pointer = format!("{}/{m}", diag::join("/paths", path));
            match op.get("operationId").and_then(Value::as_str) {
                Some(id) if taken.contains_key(id) => repeated.push((path.clone(), m, pointer)),
                Some(id) => {
                    taken.insert(id.to_string(), pointer);
                }
                None => {}
            }
        }
    }
    for (path, m, pointer) in repeated {
        let Some(op) = paths.get(&path).and_then(|i| i.get(m)) else {
            continue;
        };
        let id = op["operationId"].as_str().unwrap_or_default().to_string();
        let first = taken[&id].clone();
        let first_tag = first_tag_at(paths, &first);
        let tag = op
            .get("tags")
            .and_then(|t| t.get(0))
            .and_then(Value::as_str)
            .filter(|t| first_tag.as_deref() != Some(*t))
            .map(str::to_string);
        let words: String = format!("{m} {path}")
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("_");
        let candidates = tag
            .map(|t| format!("{t}_{id}"))
            .into_iter()
            .chain([format!("{id}_{words}")]);
        let new = candidates
            .chain((2..).map(|i| format!("{id}_{words}_{i}")))
            .find(|c| !taken.contains_key(c))
            .expect("some id is free");
        warnings.push(
            file,
            &format!("{pointer}/operationId"),
            format!("duplicate operationId `{id}` (first at #{first}); this one is `{new}`"),
        );
        taken.insert(new.clone(), pointer);
        if let Some(op) = paths.get_mut(&path).and_then(|i| i.get_mut(m)) {
            op["operationId"] = Value::String(new);
        }
    }
}

/// The first tag of the operation at `pointer` (`/paths/<path>/<method>`).
fn first_tag_at(paths: &serde_json::Map<String, Value>, pointer: &str) -> Option<String> {
    let tokens = crate::doc::pointer::tokens(pointer);
    let [_, path, method] = tokens.as_slice() else {
        return None;
    };
    paths
        .get(path)?
        .get(method)?
        .get("tags")?
        .get(0)?
        .as_str()
        .map(str::to_string)
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => out = diag::join(&out, key),
            Segment::Enum { variant } => out = diag::join(&out, variant),
            Segment::Unknown => out.push_str("/?"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(doc: Value) -> Result<(openapiv3::OpenAPI, Warnings), Error> {
        let mut w = Warnings::default();
        normalise(Path::new("t.yaml"), doc, &mut w).map(|d| (d, w))
    }

    fn base(paths: Value) -> Value {
        json!({"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": paths})
    }

    #[test]
    fn schemaless_parameter_becomes_string() {
        let doc = base(
            json!({"/a/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "required": true}], "responses": {"200": {"description": "ok"}}}}}),
        );
        let (_, w) = run(doc).unwrap();
        assert_eq!(w.items.len(), 1);
        assert_eq!(w.items[0].pointer, "/paths/~1a~1{id}/get/parameters/0");
    }

    #[test]
    fn dangling_ref_names_its_pointer() {
        let doc = base(
            json!({"/a": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Nope"}}}}}}}}),
        );
        let e = run(doc).unwrap_err();
        assert_eq!(
            e.place,
            crate::diag::Place::Pointer("/paths/~1a/get/responses/200/content/application~1json/schema/$ref".into())
        );
        assert!(e.message.contains("#/components/schemas/Nope"));
    }

    #[test]
    fn a_member_the_grammar_refuses_names_its_object() {
        let mut doc = base(json!({"/a": {"get": {"responses": {"200": {"description": "ok"}}}}}));
        doc["components"] = json!({"parameters": {"p": {"name": "p", "in": "nowhere", "schema": {"type": "string"}}}});
        let e = run(doc).unwrap_err();
        assert_eq!(e.place, crate::diag::Place::Pointer("/components/parameters/p".into()));
        assert!(
            e.message
                .starts_with("not a valid OpenAPI 3.0 document: unknown variant `nowhere`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn duplicate_operation_ids_are_made_unique() {
        let ok = json!({"operationId": "Same", "responses": {"200": {"description": "ok"}}});
        let mut tagged = ok.clone();
        tagged["tags"] = json!(["Other"]);
        let (doc, w) = run(base(
            json!({"/a": {"get": ok.clone()}, "/b/{id}": {"get": ok.clone(), "put": tagged}}),
        ))
        .unwrap();
        let id = |p: &str, m: &str| {
            doc.paths.paths[p]
                .as_item()
                .unwrap()
                .iter()
                .find(|(k, _)| *k == m)
                .unwrap()
                .1
                .operation_id
                .clone()
                .unwrap()
        };
        assert_eq!(id("/a", "get"), "Same");
        assert_eq!(id("/b/{id}", "get"), "Same_get_b_id");
        assert_eq!(id("/b/{id}", "put"), "Other_Same");
        let messages: Vec<&str> = w.items.iter().map(|w| w.message.as_str()).collect();
        assert!(
            messages[0].contains("duplicate operationId `Same` (first at #/paths/~1a/get)"),
            "{messages:?}"
        );
        assert_eq!(w.items[0].pointer, "/paths/~1b~1{id}/get/operationId");
    }

    #[test]
    fn path_items_given_by_reference_in_3_0_are_inlined() {
        let get = json!({"operationId": "getA", "responses": {"204": {"description": "none"}}});
        let mut doc = base(json!({"/a": {"get": get}, "/b": {"$ref": "#/x-shared/b"}}));
        doc["x-shared"] =
            json!({"b": {"post": {"operationId": "postB", "responses": {"204": {"description": "none"}}}}});
        let (typed, _) = run(doc).unwrap();
        let b = typed.paths.paths["/b"].as_item().expect("inlined");
        assert_eq!(b.post.as_ref().and_then(|o| o.operation_id.as_deref()), Some("postB"));
    }

    #[test]
    fn unknown_versions_are_clear_errors() {
        let e = run(json!({"swagger": "1.2"})).unwrap_err();
        assert!(e.message.contains("Swagger version"), "{e}");
        let e = run(json!({"openapi": "4.0.0"})).unwrap_err();
        assert!(e.message.contains("4.0.0"), "{e}");
        let e = run(json!({"info": {}})).unwrap_err();
        assert!(e.message.contains("no `openapi`"), "{e}");
    }
}
