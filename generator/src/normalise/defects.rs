//! Real-world defects that need no repair but deserve a word: each is tolerated, and reported
//! with the JSON pointer of the place and what the SDK does about it.

use crate::diag::{self, Warnings};
use crate::doc::{self, Flow, Kind};
use serde_json::{Map, Value};
use std::path::Path;

/// Reports servers, operations, media types and schemas that are off but usable.
pub fn report(file: &Path, doc: &Value, warnings: &mut Warnings) {
    servers(file, doc, warnings);
    let schemes: Vec<String> = doc
        .pointer("/components/securitySchemes")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    security(file, doc.get("security"), "/security", &schemes, warnings);
    doc::walk(doc, Kind::Document, "", &mut |map, kind, pointer| {
        match kind {
            // Operations of paths (webhooks are an extension by now; callbacks are gone).
            Kind::Operation => {
                let method = doc::pointer::last(pointer).unwrap_or_default();
                operation(file, &method, map, pointer, &schemes, warnings);
            }
            Kind::Schema => untyped_enum(file, map, pointer, warnings),
            _ => {}
        }
        Flow::Enter
    });
}

fn servers(file: &Path, doc: &Value, warnings: &mut Warnings) {
    for (i, server) in doc
        .get("servers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(url) = server.get("url").and_then(Value::as_str) else {
            continue;
        };
        let pointer = format!("/servers/{i}/url");
        if url.starts_with("//") {
            warnings.push(
                file,
                &pointer,
                format!("server `{url}` has no scheme; taken as https:{url}"),
            );
        } else if ["localhost", "127.0.0.1", "0.0.0.0"]
            .iter()
            .any(|h| url.contains(&format!("//{h}")))
        {
            warnings.push(
                file,
                &pointer,
                format!("server `{url}` is a local address; the manifest's regions or a base URL are needed"),
            );
        }
    }
}

fn security(file: &Path, requirements: Option<&Value>, pointer: &str, schemes: &[String], warnings: &mut Warnings) {
    for (i, req) in requirements.and_then(Value::as_array).into_iter().flatten().enumerate() {
        for name in req.as_object().into_iter().flat_map(|m| m.keys()) {
            if !schemes.contains(name) {
                let at = diag::join(&format!("{pointer}/{i}"), name);
                warnings.push(
                    file,
                    &at,
                    format!("security requirement names `{name}`, which no security scheme defines; ignored"),
                );
            }
        }
    }
}

fn operation(
    file: &Path,
    method: &str,
    op: &Map<String, Value>,
    pointer: &str,
    schemes: &[String],
    warnings: &mut Warnings,
) {
    if let Some(id) = op.get("operationId").and_then(Value::as_str) {
        let identifier = id.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !identifier {
            let name = crate::naming::escape(&crate::naming::field_name(id));
            warnings.push(
                file,
                &format!("{pointer}/operationId"),
                format!("operation id `{id}` is not an identifier; the method is `{name}`"),
            );
        }
    }
    if method == "delete" && op.get("requestBody").is_some() {
        warnings.push(
            file,
            &format!("{pointer}/requestBody"),
            "a DELETE with a request body: sent as described, though some proxies drop it",
        );
    }
    security(
        file,
        op.get("security"),
        &format!("{pointer}/security"),
        schemes,
        warnings,
    );
    let responses = op.get("responses").and_then(Value::as_object).into_iter().flatten();
    for (status, response) in responses {
        for media in response
            .get("content")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|c| c.keys())
        {
            if media == "*/*" {
                let at = diag::join(
                    &format!("{}/content", diag::join(&format!("{pointer}/responses"), status)),
                    media,
                );
                warnings.push(file, &at, "media type `*/*`: the body is read as JSON");
            }
        }
    }
}

/// A schema with `enum` but no `type`: its values decide the type.
fn untyped_enum(file: &Path, map: &Map<String, Value>, pointer: &str, warnings: &mut Warnings) {
    let Some(Value::Array(values)) = map.get("enum") else {
        return;
    };
    if map.contains_key("type") {
        return;
    }
    let kind = if values.iter().all(Value::is_string) {
        "strings"
    } else {
        "JSON values"
    };
    warnings.push(
        file,
        pointer,
        format!("enum without a type; its values are {kind} and typed so"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(doc: Value) -> Vec<(String, String)> {
        let mut w = Warnings::default();
        report(Path::new("t.yaml"), &doc, &mut w);
        w.items.into_iter().map(|w| (w.pointer, w.message)).collect()
    }

    #[test]
    fn each_tolerated_defect_is_reported_at_its_place() {
        let doc = json!({
            "openapi": "3.0.0",
            "servers": [{"url": "//numbers.api.sinch.com"}, {"url": "http://localhost:8080"}],
            "security": [{"Nope": []}],
            "components": {"securitySchemes": {"Basic": {"type": "http", "scheme": "basic"}},
                "schemas": {"Status": {"enum": ["A", "B"]}, "Typed": {"type": "string", "enum": ["x"]}}},
            "paths": {"/x/{id}": {
                "delete": {"operationId": "10dlc delete", "requestBody": {"content": {}}, "security": [{"Basic": []}],
                    "responses": {"200": {"description": "ok", "content": {"*/*": {"schema": {}}}}}},
                "get": {"operationId": "Send a message", "responses": {}}
            }}
        });
        let found = run(doc);
        let at = |p: &str| {
            found
                .iter()
                .find(|(pointer, _)| pointer == p)
                .map(|(_, m)| m.clone())
                .unwrap_or_else(|| panic!("no warning at {p}: {found:?}"))
        };
        assert!(at("/servers/0/url").contains("https://numbers.api.sinch.com"));
        assert!(at("/servers/1/url").contains("local address"));
        assert!(at("/security/0/Nope").contains("no security scheme"));
        assert!(at("/paths/~1x~1{id}/delete/operationId").contains("`n10dlc_delete`"));
        assert!(at("/paths/~1x~1{id}/get/operationId").contains("`send_a_message`"));
        assert!(at("/paths/~1x~1{id}/delete/requestBody").contains("DELETE"));
        assert!(at("/paths/~1x~1{id}/delete/responses/200/content/*~1*").contains("JSON"));
        assert!(at("/components/schemas/Status").contains("enum without a type"));
        assert_eq!(found.len(), 8, "{found:?}");
    }
}
