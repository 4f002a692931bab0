//! Normalise: repair known real-world defects in a loaded description, check what the model
//! relies on, and deserialize it into `openapiv3` types.
//!
//! Everything here works on the raw JSON value so each repair can name the JSON pointer of
//! the place it touched. Other formats are converted first (`swagger2`: Swagger 2.0,
//! `openapi31`: OpenAPI 3.1 and 3.2), so the model only ever sees OpenAPI 3.0.

pub mod defects;
pub mod openapi31;
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
    let mut doc = match version(file, &doc)? {
        Version::Swagger2 => swagger2::to_openapi3(file, doc, warnings)?,
        Version::OpenApi30 => doc,
        Version::OpenApi31 => openapi31::to_openapi30(file, doc, warnings)?,
    };
    // 3.0 allows nothing beside a `$ref`, yet descriptions put `description`/`readOnly` there.
    openapi31::keep_ref_siblings(file, &mut doc, warnings);
    repair::simplify(&mut doc);
    defects::report(file, &doc, warnings);
    check_refs(file, &doc, &doc, "")?;
    check_operation_ids(file, &doc)?;
    match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&doc) {
        Ok(typed) => Ok(typed),
        Err(e) => {
            // Untagged and flattened members hide where inside them the error is: look for
            // the innermost object that does not read as what the grammar says it is.
            let (pointer, message) = locate(&doc).unwrap_or_else(|| (path_to_pointer(e.path()), e.inner().to_string()));
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

/// Every local `$ref` must point at something; other references are not supported yet.
fn check_refs(file: &Path, root: &Value, node: &Value, pointer: &str) -> Result<(), Error> {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                let here = diag::join(pointer, "$ref");
                match r.strip_prefix('#') {
                    Some(target) => {
                        if root.pointer(&crate::doc::pointer::decode_fragment(target)).is_none() {
                            return Err(Error::at(
                                file,
                                &here,
                                format!("dangling reference `{r}`: nothing is defined there"),
                            ));
                        }
                    }
                    None => {
                        return Err(Error::at(
                            file,
                            &here,
                            format!("reference `{r}` points to another file from a place the bundler does not follow"),
                        ));
                    }
                }
            }
            for (k, v) in map {
                // Examples are data, not schema: a `$ref` key inside one is just a value.
                if k == "example" || k == "examples" && !is_examples_map(v) {
                    continue;
                }
                check_refs(file, root, v, &diag::join(pointer, k))?;
            }
            Ok(())
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_refs(file, root, v, &format!("{pointer}/{i}"))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn is_examples_map(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|m| m.values().all(|e| e.get("value").is_some() || e.get("$ref").is_some()))
}

fn check_operation_ids(file: &Path, doc: &Value) -> Result<(), Error> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return Ok(());
    };
    for (path, item) in paths {
        for m in METHODS {
            let Some(id) = item.get(m).and_then(|o| o.get("operationId")).and_then(Value::as_str) else {
                continue;
            };
            let pointer = format!("{}/{m}/operationId", diag::join("/paths", path));
            if let Some(first) = seen.get(id) {
                return Err(Error::at(
                    file,
                    &pointer,
                    format!("duplicate operationId `{id}`: already used at #{first}"),
                ));
            }
            seen.insert(id.to_string(), pointer);
        }
    }
    Ok(())
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
    fn duplicate_operation_ids_are_rejected() {
        let ok = json!({"operationId": "Same", "responses": {"200": {"description": "ok"}}});
        let e = run(base(json!({"/a": {"get": ok.clone()}, "/b": {"get": ok}}))).unwrap_err();
        assert!(e.message.contains("duplicate operationId `Same`"), "{e}");
        assert!(e.message.contains("/paths/~1a/get/operationId"), "{e}");
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
