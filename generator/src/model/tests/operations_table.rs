//! Table tests of operation conversion: one row per construct, the path item (in a 3.0
//! description, after normalisation as real input) and the operations expected, compactly:
//! `group.fn_name METHOD /path (name: Ty loc, name?: Ty loc) body=Ty(kind) -> [200: Ty, default!: Ty]`
//! (`?` optional, `!` an error response, `-` no body).

use crate::model::Ty;
use crate::model::operations::{Group, Location};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;

fn ty(t: &Ty) -> String {
    match t {
        Ty::Named(n) => n.clone(),
        Ty::Vec(t) => format!("Vec<{}>", ty(t)),
        Ty::Map(t) => format!("Map<{}>", ty(t)),
        other => format!("{other:?}"),
    }
}

fn show(groups: &BTreeMap<String, Group>) -> Vec<String> {
    let mut out = Vec::new();
    for g in groups.values() {
        for o in &g.operations {
            let params: Vec<String> = o
                .params
                .iter()
                .map(|p| {
                    let loc = match p.location {
                        Location::Path => "path",
                        Location::Query => "query",
                        Location::Header => "header",
                        Location::Cookie => "cookie",
                    };
                    format!("{}{}: {} {loc}", p.name, if p.required { "" } else { "?" }, ty(&p.ty))
                })
                .collect();
            let body = o
                .body
                .as_ref()
                .map(|b| format!(" body={}({:?})", ty(&b.ty), b.kind))
                .unwrap_or_default();
            let responses: Vec<String> = o
                .responses
                .iter()
                .map(|r| {
                    format!(
                        "{}{}: {}",
                        r.variant.trim_start_matches("Status"),
                        if r.success { "" } else { "!" },
                        r.ty.as_ref().map(ty).unwrap_or_else(|| "-".into())
                    )
                })
                .collect();
            out.push(format!(
                "{}.{} {} {} ({}){body} -> [{}]",
                g.module,
                o.fn_name,
                o.method,
                o.path,
                params.join(", "),
                responses.join(", ")
            ));
        }
    }
    out
}

fn convert(paths: Value) -> Vec<String> {
    let doc = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths,
        "components": {"schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "string"}}}},
                       "parameters": {"Limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}}}}});
    let mut w = crate::diag::Warnings::default();
    let file = Path::new("t.yaml");
    let typed = crate::normalise::normalise(file, doc, &mut w).unwrap_or_else(|e| panic!("{e}"));
    let entry = crate::manifest::ApiEntry::from_description("t", &typed);
    let api = crate::model::build(&entry, file, &typed, &mut w).unwrap_or_else(|e| panic!("{e}"));
    show(&api.groups)
}

fn ok(schema: Value) -> Value {
    json!({"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}})
}

#[test]
fn operations_become_these_methods() {
    let thing = json!({"$ref": "#/components/schemas/Thing"});
    let rows: Vec<(&str, Value, Vec<&str>)> = vec![
        (
            "path parameter, typed response",
            json!({"/things/{id}": {"get": {"operationId": "getThing", "tags": ["Things"],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": ok(thing.clone())}}}),
            vec!["things.get GET /things/{id} (id: String path) -> [200: Thing]"],
        ),
        (
            "query and header parameters, a referenced one, an error response",
            json!({"/things": {"get": {"operationId": "listThings",
                "parameters": [{"$ref": "#/components/parameters/Limit"},
                               {"name": "X-Trace", "in": "header", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array", "items": thing.clone()}}}},
                              "default": {"description": "error", "content": {"application/json": {"schema": {"type": "object", "properties": {"message": {"type": "string"}}}}}}}}}}),
            vec![
                "default.list_things GET /things (limit?: I64 query, x_trace: String header) -> [200: Vec<Thing>, Default!: ListThingsErrorDefault]",
            ],
        ),
        (
            "path-level parameters are shared; an operation's of the same name wins",
            json!({"/a/{id}": {"parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
                                              {"name": "q", "in": "query", "schema": {"type": "string"}}],
                "get": {"operationId": "a", "parameters": [{"name": "q", "in": "query", "schema": {"type": "boolean"}}],
                        "responses": {"204": {"description": "none"}}}}}),
            vec!["default.a GET /a/{id} (id: I64 path, q?: Bool query) -> [204: -]"],
        ),
        (
            "JSON request body",
            json!({"/things": {"post": {"operationId": "createThing",
                "requestBody": {"required": true, "content": {"application/json": {"schema": thing.clone()}}},
                "responses": {"201": {"description": "made", "content": {"application/json": {"schema": thing.clone()}}}}}}}),
            vec!["default.create_thing POST /things () body=Thing(Json) -> [201: Thing]"],
        ),
        (
            "multipart and form bodies",
            json!({"/upload": {"post": {"operationId": "upload",
                "requestBody": {"content": {"multipart/form-data": {"schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}}}},
                "responses": {"204": {"description": "none"}}}},
                   "/form": {"post": {"operationId": "form",
                "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {"a": {"type": "string"}}}}}},
                "responses": {"204": {"description": "none"}}}}}),
            vec![
                "default.upload POST /upload () body=UploadRequest(Multipart) -> [204: -]",
                "default.form POST /form () body=FormRequest(Form) -> [204: -]",
            ],
        ),
        (
            "binary and text responses",
            json!({"/pdf": {"get": {"operationId": "pdf", "responses": {"200": {"description": "a file", "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}}},
                   "/csv": {"get": {"operationId": "csv", "responses": {"200": {"description": "text", "content": {"text/csv": {"schema": {"type": "string"}}}}}}}}),
            vec![
                "default.pdf GET /pdf () -> [200: Binary]",
                "default.csv GET /csv () -> [200: String]",
            ],
        ),
        (
            "several successes",
            json!({"/x": {"put": {"operationId": "putX", "responses": {
                "200": {"description": "replaced", "content": {"application/json": {"schema": thing.clone()}}},
                "201": {"description": "made", "content": {"application/json": {"schema": thing.clone()}}}}}}}),
            vec!["default.put_x PUT /x () -> [200: Thing, 201: Thing]"],
        ),
        (
            "a missing operation id is made from the method and path",
            json!({"/users/{userId}/posts": {"get": {"responses": {"204": {"description": "none"}}}}}),
            vec!["default.get_users_user_id_posts GET /users/{userId}/posts (user_id: String path) -> [204: -]"],
        ),
        (
            "an undeclared path parameter is a string",
            json!({"/a/{x}": {"get": {"operationId": "a", "responses": {"204": {"description": "none"}}}}}),
            vec!["default.a GET /a/{x} (x: String path) -> [204: -]"],
        ),
        (
            "a parameter declared twice: the later one",
            json!({"/a": {"get": {"operationId": "a", "parameters": [
                {"name": "q", "in": "query", "schema": {"type": "string"}},
                {"name": "q", "in": "query", "schema": {"type": "integer"}}],
                "responses": {"204": {"description": "none"}}}}}),
            vec!["default.a GET /a (q?: I64 query) -> [204: -]"],
        ),
        (
            "duplicate operation ids are made unique",
            json!({"/a": {"get": {"operationId": "same", "responses": {"204": {"description": "none"}}}},
                   "/b": {"get": {"operationId": "same", "responses": {"204": {"description": "none"}}}}}),
            // (`same_get_b` reads as a gRPC-style `service_method` id: the method is `get_b`.)
            vec![
                "default.same GET /a () -> [204: -]",
                "default.get_b GET /b () -> [204: -]",
            ],
        ),
        (
            "ids that are one name once made identifiers keep apart",
            json!({"/a": {"get": {"operationId": "getThing", "responses": {"204": {"description": "none"}}}},
                   "/b": {"get": {"operationId": "get_thing", "responses": {"204": {"description": "none"}}}}}),
            vec![
                "default.get_thing GET /a () -> [204: -]",
                "default.thing GET /b () -> [204: -]",
            ],
        ),
        (
            "an operation without responses",
            json!({"/a": {"post": {"operationId": "fire"}}}),
            vec!["default.fire POST /a () -> []"],
        ),
    ];
    let mut failures = Vec::new();
    for (what, paths, expected) in rows {
        let got = convert(paths);
        if got != expected {
            failures.push(format!("{what}:\n  expected {expected:?}\n  got      {got:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
