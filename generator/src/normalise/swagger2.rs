//! Swagger 2.0 to OpenAPI 3.0.
//!
//! The conversion works on the raw JSON value, so every warning and error names the JSON
//! pointer of the place in the original Swagger document:
//!
//! - `host`, `basePath` and `schemes` become one server (https preferred);
//! - `definitions`, `parameters`, `responses` and `securityDefinitions` become components
//!   (body parameters become request bodies), and every `$ref` is rewritten to match;
//! - `consumes`/`produces` become the media types of request bodies and responses;
//! - `in: body` and `in: formData` parameters become a request body; other parameters move
//!   their type keywords into a `schema` and `collectionFormat` into `style`/`explode`;
//! - in schemas, `type: file` becomes a binary string, `x-nullable` becomes `nullable` and a
//!   string `discriminator` becomes `{propertyName: ...}`.
//!
//! Everything else (descriptions, tags, operation ids, extensions) is kept as it is.

use crate::diag::{self, Error, Warnings};
use crate::doc::pointer::decode_fragment as decode_uri_fragment;
use serde_json::{Map, Value, json};
use std::path::Path;

use crate::doc::METHODS;
const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";

/// The keywords of a Swagger 2.0 non-body parameter, header or items object that belong in an
/// OpenAPI 3.0 `schema`.
const SCHEMA_KEYS: [&str; 17] = [
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
];

/// Converts a Swagger 2.0 document into OpenAPI 3.0.
pub fn to_openapi3(file: &Path, doc: Value, warnings: &mut Warnings) -> Result<Value, Error> {
    let Some(root) = doc.as_object() else {
        return Err(Error::at(file, "", "a Swagger 2.0 document must be a mapping"));
    };
    let mut cx = Cx {
        file,
        root: &doc,
        warnings,
        consumes: Vec::new(),
        produces: Vec::new(),
    };
    cx.consumes = cx
        .mimes(root.get("consumes"), "/consumes")
        .unwrap_or_else(|| vec![JSON.into()]);
    cx.produces = cx
        .mimes(root.get("produces"), "/produces")
        .unwrap_or_else(|| vec![JSON.into()]);

    let mut out = Map::new();
    out.insert("openapi".into(), json!("3.0.3"));
    let mut extensions = Map::new();
    for (key, value) in root {
        match key.as_str() {
            "info" | "externalDocs" | "tags" | "security" => {
                out.insert(key.clone(), value.clone());
            }
            "swagger"
            | "host"
            | "basePath"
            | "schemes"
            | "consumes"
            | "produces"
            | "paths"
            | "definitions"
            | "parameters"
            | "responses"
            | "securityDefinitions" => {}
            k if k.starts_with("x-") => {
                extensions.insert(key.clone(), value.clone());
            }
            _ => cx.warn(
                &diag::join("", key),
                format!("`{key}` is not a Swagger 2.0 field; dropped"),
            ),
        }
    }
    out.insert("servers".into(), Value::Array(cx.servers(root)));
    if let Some(paths) = root.get("paths") {
        out.insert("paths".into(), cx.paths(paths, "/paths")?);
    }
    let components = cx.components(root)?;
    if !components.is_empty() {
        out.insert("components".into(), Value::Object(components));
    }
    out.extend(extensions);
    Ok(Value::Object(out))
}

/// What a `$ref` may point at, by where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RefKind {
    Schema,
    Parameter,
    Response,
}

/// A parameter of a Swagger 2.0 list, sorted by what it becomes in OpenAPI 3.0.
#[derive(Debug, Clone)]
enum Param {
    /// Still a parameter: converted, or a `$ref` to `components/parameters`.
    Plain(Value),
    /// `in: body`: the request body. `reference` is the rewritten `$ref` when it was one.
    Body {
        pointer: String,
        param: Value,
        reference: Option<String>,
    },
    /// `in: formData`: one property of a form request body.
    Form { pointer: String, param: Value },
}

struct Cx<'a> {
    file: &'a Path,
    /// The original document, to resolve references in.
    root: &'a Value,
    warnings: &'a mut Warnings,
    /// The document's media types (defaults applied).
    consumes: Vec<String>,
    produces: Vec<String>,
}

impl<'a> Cx<'a> {
    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.warnings.push(self.file, pointer, message);
    }

    fn err(&self, pointer: &str, message: impl Into<String>) -> Error {
        Error::at(self.file, pointer, message)
    }

    /// A `consumes`/`produces` list; `None` when absent or empty (the enclosing one applies).
    fn mimes(&mut self, value: Option<&Value>, pointer: &str) -> Option<Vec<String>> {
        let value = value?;
        let Some(items) = value.as_array() else {
            self.warn(pointer, "not a list of media types; ignored");
            return None;
        };
        let mut out = Vec::new();
        for (i, m) in items.iter().enumerate() {
            match m.as_str() {
                Some(m) if !out.iter().any(|o| o == m) => out.push(m.to_string()),
                Some(_) => {}
                None => self.warn(&format!("{pointer}/{i}"), "a media type must be a string; ignored"),
            }
        }
        (!out.is_empty()).then_some(out)
    }

    /// `host` + `basePath` + `schemes` as one server.
    fn servers(&mut self, root: &Map<String, Value>) -> Vec<Value> {
        let mut base = match root.get("basePath") {
            None => String::new(),
            Some(Value::String(b)) => b.trim_end_matches('/').to_string(),
            Some(_) => {
                self.warn("/basePath", "`basePath` must be a string; ignored");
                String::new()
            }
        };
        if !base.is_empty() && !base.starts_with('/') {
            self.warn(
                "/basePath",
                format!("`basePath` must start with `/`; taken as `/{base}`"),
            );
            base = format!("/{base}");
        }
        let host = match root.get("host") {
            Some(Value::String(h)) if !h.trim().is_empty() => Some(h.trim().trim_end_matches('/').to_string()),
            Some(_) => {
                self.warn("/host", "`host` must be a non-empty string; ignored");
                None
            }
            None => None,
        };
        let Some(host) = host else {
            let url = if base.is_empty() { "/".to_string() } else { base };
            self.warn(
                "",
                format!("no `host`: the server is the relative URL `{url}`, to be resolved against the base URL the client is given"),
            );
            return vec![json!({ "url": url })];
        };
        let schemes: Vec<&str> = match root.get("schemes") {
            None => Vec::new(),
            Some(Value::Array(s)) => s.iter().filter_map(Value::as_str).collect(),
            Some(_) => {
                self.warn("/schemes", "`schemes` must be a list; ignored");
                Vec::new()
            }
        };
        let scheme = if schemes.is_empty() || schemes.contains(&"https") {
            "https"
        } else {
            schemes[0]
        };
        let url = if host.contains("://") {
            self.warn("/host", "`host` must not include a scheme; used as it is");
            format!("{host}{base}")
        } else {
            format!("{scheme}://{host}{base}")
        };
        vec![json!({ "url": url })]
    }

    fn paths(&mut self, paths: &Value, pointer: &str) -> Result<Value, Error> {
        let Some(paths) = paths.as_object() else {
            return Err(self.err(pointer, "`paths` must be a mapping"));
        };
        let mut out = Map::new();
        for (path, item) in paths {
            let here = diag::join(pointer, path);
            let value = if path.starts_with("x-") {
                item.clone()
            } else {
                let item = self.local_path_item(item, &here)?;
                self.path_item(&item, &here)?
            };
            out.insert(path.clone(), value);
        }
        Ok(Value::Object(out))
    }

    /// A path item given as a local `$ref` (`$ref: '#/x-paths/a'`): its target, with the
    /// members beside the reference over it. Chains are followed; a cycle is an error.
    fn local_path_item(&self, item: &Value, pointer: &str) -> Result<Value, Error> {
        let mut item = item.clone();
        let mut seen = Vec::new();
        while let Some(r) = item.get("$ref").and_then(Value::as_str).map(str::to_string) {
            let here = diag::join(pointer, "$ref");
            let Some(target) = r.strip_prefix('#').map(decode_uri_fragment) else {
                return Err(self.err(&here, format!("path item reference `{r}` points to another file")));
            };
            if seen.contains(&target) {
                return Err(self.err(&here, format!("path item reference `{r}` is circular")));
            }
            let Some(Value::Object(content)) = self.root.pointer(&target) else {
                return Err(self.err(&here, format!("dangling reference `{r}`: nothing is defined there")));
            };
            seen.push(target);
            let mut merged = content.clone();
            for (k, v) in item.as_object().into_iter().flatten() {
                if k != "$ref" {
                    merged.insert(k.clone(), v.clone());
                }
            }
            item = Value::Object(merged);
        }
        Ok(item)
    }

    fn path_item(&mut self, item: &Value, pointer: &str) -> Result<Value, Error> {
        let Some(item) = item.as_object() else {
            return Err(self.err(pointer, "a path item must be a mapping"));
        };
        // Body and form parameters of the path go to each of its operations.
        let mut shared = Vec::new();
        let mut payload = Vec::new();
        if let Some(list) = item.get("parameters") {
            for p in self.parameter_list(list, &format!("{pointer}/parameters"))? {
                match p {
                    Param::Plain(v) => shared.push(v),
                    other => payload.push(other),
                }
            }
        }
        let mut out = Map::new();
        for (key, value) in item {
            let here = diag::join(pointer, key);
            match key.as_str() {
                "parameters" => {
                    if !shared.is_empty() {
                        out.insert(key.clone(), Value::Array(std::mem::take(&mut shared)));
                    }
                }
                m if METHODS.contains(&m) => {
                    out.insert(key.clone(), self.operation(value, &here, &payload)?);
                }
                "$ref" => return Err(self.err(&here, "path items given as a reference are not supported yet")),
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        Ok(Value::Object(out))
    }

    /// Sorts (and converts) a `parameters` list.
    fn parameter_list(&mut self, list: &Value, pointer: &str) -> Result<Vec<Param>, Error> {
        let Some(list) = list.as_array() else {
            return Err(self.err(pointer, "`parameters` must be a list"));
        };
        let mut out = Vec::new();
        for (i, p) in list.iter().enumerate() {
            let at = format!("{pointer}/{i}");
            if let Some(r) = p.get("$ref") {
                let ref_at = diag::join(&at, "$ref");
                let (target_at, target) = self.resolve(r, &ref_at, RefKind::Parameter)?;
                let rewritten = rewrite(r.as_str().unwrap_or_default());
                out.push(match target.get("in").and_then(Value::as_str) {
                    Some("body") => Param::Body {
                        pointer: target_at,
                        param: target.clone(),
                        reference: Some(rewritten.replace("#/components/parameters/", "#/components/requestBodies/")),
                    },
                    Some("formData") => Param::Form {
                        pointer: target_at,
                        param: target.clone(),
                    },
                    _ => Param::Plain(json!({ "$ref": rewritten })),
                });
                continue;
            }
            out.push(match p.get("in").and_then(Value::as_str) {
                Some("body") => Param::Body {
                    pointer: at,
                    param: p.clone(),
                    reference: None,
                },
                Some("formData") => Param::Form {
                    pointer: at,
                    param: p.clone(),
                },
                Some("path" | "query" | "header") => Param::Plain(self.parameter(p, &at)?),
                Some(other) => {
                    self.warn(
                        &format!("{at}/in"),
                        format!("unknown parameter location `{other}` (Swagger 2.0 has path, query, header, body and formData): the parameter is dropped"),
                    );
                    continue;
                }
                None => {
                    // No `in`: a name the path holds is a path parameter, any other a query one.
                    let Some(name) = p.get("name").and_then(Value::as_str) else {
                        self.warn(&at, "a parameter without `in` or a name: dropped");
                        continue;
                    };
                    let path = crate::doc::pointer::tokens(pointer).get(1).cloned().unwrap_or_default();
                    let place = if path.contains(&format!("{{{name}}}")) { "path" } else { "query" };
                    self.warn(&at, format!("parameter `{name}` has no `in`; taken as a {place} parameter"));
                    let mut p = p.clone();
                    p["in"] = json!(place);
                    if place == "path" {
                        p["required"] = json!(true);
                    }
                    Param::Plain(self.parameter(&p, &at)?)
                }
            });
        }
        Ok(out)
    }

    /// A path, query or header parameter: type keywords move into `schema`,
    /// `collectionFormat` into `style`/`explode`.
    fn parameter(&mut self, p: &Value, pointer: &str) -> Result<Value, Error> {
        let Some(p) = p.as_object() else {
            return Err(self.err(pointer, "a parameter must be a mapping"));
        };
        let name = p.get("name").and_then(Value::as_str).unwrap_or("?").to_string();
        let location = p.get("in").and_then(Value::as_str).unwrap_or_default().to_string();
        let mut out = Map::new();
        let mut schema = Map::new();
        let mut explicit_schema = None;
        for (k, v) in p {
            match k.as_str() {
                "collectionFormat" => {}
                "schema" => explicit_schema = Some(self.schema(v, &diag::join(pointer, k))?),
                k if SCHEMA_KEYS.contains(&k) => {
                    schema.insert(k.into(), v.clone());
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        let schema = match explicit_schema {
            Some(s) => s,
            None if !schema.contains_key("type") => {
                self.warn(pointer, format!("parameter `{name}` has no type; taken as a string"));
                schema.insert("type".into(), json!("string"));
                self.schema(&Value::Object(schema), pointer)?
            }
            None => {
                if schema.get("type").and_then(Value::as_str) == Some("file") {
                    self.warn(
                        &format!("{pointer}/type"),
                        format!("`type: file` is only allowed for formData parameters; `{name}` taken as binary"),
                    );
                }
                self.schema(&Value::Object(schema), pointer)?
            }
        };
        let is_array = schema.get("type").and_then(Value::as_str) == Some("array");
        out.insert("schema".into(), schema);
        if is_array {
            let format = p.get("collectionFormat").and_then(Value::as_str).unwrap_or("csv");
            let at = format!("{pointer}/collectionFormat");
            if let Some((style, explode)) = self.style(format, &location, &at) {
                out.insert("style".into(), json!(style));
                out.insert("explode".into(), json!(explode));
            }
        }
        Ok(Value::Object(out))
    }

    /// The OpenAPI 3.0 `style`/`explode` of a `collectionFormat` in a location; `None` for the
    /// location's default.
    fn style(&mut self, format: &str, location: &str, pointer: &str) -> Option<(&'static str, bool)> {
        let multi = matches!(location, "query" | "formData");
        match (format, multi) {
            // path and header arrays are comma separated by default in OpenAPI 3.0 too.
            ("csv", false) => None,
            ("csv", true) => Some(("form", false)),
            ("multi", true) => Some(("form", true)),
            ("ssv", true) => Some(("spaceDelimited", false)),
            ("pipes", true) => Some(("pipeDelimited", false)),
            ("tsv", _) => {
                self.warn(
                    pointer,
                    "`collectionFormat: tsv` has no OpenAPI 3.0 equivalent; taken as csv",
                );
                multi.then_some(("form", false))
            }
            (other, _) => {
                self.warn(
                    pointer,
                    format!("`collectionFormat: {other}` is not supported in {location}; taken as csv"),
                );
                multi.then_some(("form", false))
            }
        }
    }

    fn operation(&mut self, op: &Value, pointer: &str, shared_payload: &[Param]) -> Result<Value, Error> {
        let Some(op) = op.as_object() else {
            return Err(self.err(pointer, "an operation must be a mapping"));
        };
        let consumes = self
            .mimes(op.get("consumes"), &format!("{pointer}/consumes"))
            .unwrap_or_else(|| self.consumes.clone());
        let produces = self
            .mimes(op.get("produces"), &format!("{pointer}/produces"))
            .unwrap_or_else(|| self.produces.clone());
        let own = match op.get("parameters") {
            Some(list) => self.parameter_list(list, &format!("{pointer}/parameters"))?,
            None => Vec::new(),
        };
        let mut plain = Vec::new();
        let mut body: Option<Param> = None;
        let mut form: Vec<Param> = Vec::new();
        for p in shared_payload.iter().cloned().chain(own) {
            match p {
                Param::Plain(v) => plain.push(v),
                Param::Body { .. } => body = Some(p),
                Param::Form { ref param, .. } => {
                    let name = param.get("name").cloned();
                    form.retain(|f| matches!(f, Param::Form { param: q, .. } if q.get("name") != name.as_ref()));
                    form.push(p);
                }
            }
        }
        let request_body = match (body, form.is_empty()) {
            (
                Some(Param::Body {
                    pointer: at,
                    param,
                    reference,
                }),
                form_empty,
            ) => {
                if !form_empty {
                    self.warn(
                        pointer,
                        "both body and formData parameters: the formData ones are dropped",
                    );
                }
                match reference {
                    Some(r) if consumes == self.consumes => Some(json!({ "$ref": r })),
                    _ => Some(self.request_body(&param, &at, &consumes)?),
                }
            }
            (_, false) => Some(self.form_body(&form, &consumes, pointer)?),
            _ => None,
        };

        let mut out = Map::new();
        let mut request_body = request_body;
        for (key, value) in op {
            let here = diag::join(pointer, key);
            match key.as_str() {
                "consumes" | "produces" => {}
                "schemes" => {
                    let ours = self.servers_scheme();
                    let listed = value
                        .as_array()
                        .is_some_and(|s| s.iter().any(|x| x.as_str() == Some(ours.as_str())));
                    if !listed {
                        self.warn(
                            &here,
                            format!(
                                "per-operation `schemes` are not converted; the document's `{ours}` server is used"
                            ),
                        );
                    }
                }
                "parameters" => {
                    if !plain.is_empty() {
                        out.insert(key.clone(), Value::Array(std::mem::take(&mut plain)));
                    }
                    if let Some(rb) = request_body.take() {
                        out.insert("requestBody".into(), rb);
                    }
                }
                "responses" => {
                    out.insert(key.clone(), self.responses(value, &here, &produces)?);
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        if let Some(rb) = request_body {
            out.insert("requestBody".into(), rb);
        }
        Ok(Value::Object(out))
    }

    /// The scheme of the server `servers` chose.
    fn servers_scheme(&self) -> String {
        let schemes: Vec<&str> = self
            .root
            .get("schemes")
            .and_then(Value::as_array)
            .map(|s| s.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if schemes.is_empty() || schemes.contains(&"https") {
            "https".into()
        } else {
            schemes[0].into()
        }
    }

    /// An `in: body` parameter as a request body with one content entry per media type.
    fn request_body(&mut self, p: &Value, pointer: &str, consumes: &[String]) -> Result<Value, Error> {
        let mut out = Map::new();
        if let Some(d) = p.get("description") {
            out.insert("description".into(), d.clone());
        }
        let schema = match p.get("schema") {
            Some(s) => self.schema(s, &format!("{pointer}/schema"))?,
            None => {
                let name = p.get("name").and_then(Value::as_str).unwrap_or("?");
                self.warn(
                    pointer,
                    format!("body parameter `{name}` has no schema; taken as any JSON value"),
                );
                json!({})
            }
        };
        let content: Map<String, Value> = consumes
            .iter()
            .map(|m| (m.clone(), json!({ "schema": schema })))
            .collect();
        out.insert("content".into(), Value::Object(content));
        if p.get("required").and_then(Value::as_bool) == Some(true) {
            out.insert("required".into(), json!(true));
        }
        copy_extensions(p, &mut out);
        Ok(Value::Object(out))
    }

    /// `in: formData` parameters as one request body: a form (multipart when a file is sent)
    /// whose schema is an object with a property per parameter.
    fn form_body(&mut self, form: &[Param], consumes: &[String], pointer: &str) -> Result<Value, Error> {
        let params: Vec<(&String, &Value)> = form
            .iter()
            .filter_map(|p| match p {
                Param::Form { pointer, param } => Some((pointer, param)),
                _ => None,
            })
            .collect();
        let has_file = params
            .iter()
            .any(|(_, p)| p.get("type").and_then(Value::as_str) == Some("file"));
        let mut media: Vec<String> = consumes
            .iter()
            .filter(|m| [FORM, MULTIPART].contains(&essence(m)))
            .cloned()
            .collect();
        if has_file && !media.iter().any(|m| essence(m) == MULTIPART) {
            if !media.is_empty() {
                self.warn(
                    &format!("{pointer}/consumes"),
                    "a file is sent, which needs multipart/form-data; taken as multipart/form-data",
                );
            }
            media = vec![MULTIPART.into()];
        } else if has_file {
            media.retain(|m| essence(m) == MULTIPART);
        }
        if media.is_empty() {
            media.push(FORM.into());
        }

        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut encoding = Map::new();
        for (at, p) in params {
            let Some(name) = p.get("name").and_then(Value::as_str) else {
                return Err(self.err(at, "a formData parameter needs a `name`"));
            };
            let mut schema = Map::new();
            for (k, v) in p.as_object().into_iter().flatten() {
                if SCHEMA_KEYS.contains(&k.as_str()) || k == "description" {
                    schema.insert(k.clone(), v.clone());
                }
            }
            if !schema.contains_key("type") {
                self.warn(
                    at,
                    format!("formData parameter `{name}` has no type; taken as a string"),
                );
                schema.insert("type".into(), json!("string"));
            }
            let schema = self.schema(&Value::Object(schema), at)?;
            if schema.get("type").and_then(Value::as_str) == Some("array") {
                let format = p.get("collectionFormat").and_then(Value::as_str).unwrap_or("csv");
                if let Some((style, explode)) = self.style(format, "formData", &format!("{at}/collectionFormat")) {
                    encoding.insert(name.into(), json!({ "style": style, "explode": explode }));
                }
            }
            if p.get("required").and_then(Value::as_bool) == Some(true) {
                required.push(json!(name));
            }
            properties.insert(name.into(), schema);
        }
        let mut schema = Map::new();
        schema.insert("type".into(), json!("object"));
        schema.insert("properties".into(), Value::Object(properties));
        if !required.is_empty() {
            schema.insert("required".into(), Value::Array(required.clone()));
        }
        let schema = Value::Object(schema);
        let mut content = Map::new();
        for m in media {
            let mut entry = Map::new();
            entry.insert("schema".into(), schema.clone());
            if !encoding.is_empty() {
                entry.insert("encoding".into(), Value::Object(encoding.clone()));
            }
            content.insert(m, Value::Object(entry));
        }
        let mut out = Map::new();
        out.insert("content".into(), Value::Object(content));
        if !required.is_empty() {
            out.insert("required".into(), json!(true));
        }
        Ok(Value::Object(out))
    }

    fn responses(&mut self, responses: &Value, pointer: &str, produces: &[String]) -> Result<Value, Error> {
        let Some(responses) = responses.as_object() else {
            return Err(self.err(pointer, "`responses` must be a mapping"));
        };
        let mut out = Map::new();
        for (status, r) in responses {
            let at = diag::join(pointer, status);
            let value = if status.starts_with("x-") {
                r.clone()
            } else if let Some(reference) = r.get("$ref") {
                let (target_at, target) = self.resolve(reference, &format!("{at}/$ref"), RefKind::Response)?;
                // A shared response carries the document's media types; another list needs a copy.
                if produces == self.produces || target.get("schema").is_none() {
                    json!({ "$ref": rewrite(reference.as_str().unwrap_or_default()) })
                } else {
                    let target = target.clone();
                    self.response(&target, &target_at, produces)?
                }
            } else {
                self.response(r, &at, produces)?
            };
            out.insert(status.clone(), value);
        }
        Ok(Value::Object(out))
    }

    /// A response: `schema` and `examples` become `content` per media type; headers get a schema.
    fn response(&mut self, r: &Value, pointer: &str, produces: &[String]) -> Result<Value, Error> {
        let Some(r) = r.as_object() else {
            return Err(self.err(pointer, "a response must be a mapping"));
        };
        let mut out = Map::new();
        let mut content = Map::new();
        let schema = match r.get("schema") {
            Some(s) => Some(self.schema(s, &format!("{pointer}/schema"))?),
            None => None,
        };
        if let Some(schema) = &schema {
            for m in produces {
                content.insert(m.clone(), json!({ "schema": schema }));
            }
        }
        for (k, v) in r {
            let here = diag::join(pointer, k);
            match k.as_str() {
                "schema" => {}
                "examples" => {
                    let Some(examples) = v.as_object() else {
                        self.warn(&here, "`examples` must be a mapping of media types; dropped");
                        continue;
                    };
                    for (media, example) in examples {
                        match (content.get_mut(media), &schema) {
                            (Some(Value::Object(entry)), _) => {
                                entry.insert("example".into(), example.clone());
                            }
                            (_, Some(schema)) => {
                                content.insert(media.clone(), json!({ "schema": schema, "example": example }));
                            }
                            (_, None) => self.warn(
                                &diag::join(&here, media),
                                "an example of a response without a schema; dropped",
                            ),
                        }
                    }
                }
                "headers" => {
                    let Some(headers) = v.as_object() else {
                        return Err(self.err(&here, "`headers` must be a mapping"));
                    };
                    let mut converted = Map::new();
                    for (name, h) in headers {
                        converted.insert(name.clone(), self.header(h, &diag::join(&here, name))?);
                    }
                    out.insert(k.clone(), Value::Object(converted));
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        if !content.is_empty() {
            out.insert("content".into(), Value::Object(content));
        }
        Ok(Value::Object(out))
    }

    fn header(&mut self, h: &Value, pointer: &str) -> Result<Value, Error> {
        let Some(h) = h.as_object() else {
            return Err(self.err(pointer, "a header must be a mapping"));
        };
        let mut out = Map::new();
        let mut schema = Map::new();
        for (k, v) in h {
            match k.as_str() {
                "collectionFormat" => {}
                k if SCHEMA_KEYS.contains(&k) => {
                    schema.insert(k.into(), v.clone());
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        if !schema.contains_key("type") {
            self.warn(pointer, "a header without a type; taken as a string");
            schema.insert("type".into(), json!("string"));
        }
        let schema = self.schema(&Value::Object(schema), pointer)?;
        if schema.get("type").and_then(Value::as_str) == Some("array") {
            let format = h.get("collectionFormat").and_then(Value::as_str).unwrap_or("csv");
            self.style(format, "header", &format!("{pointer}/collectionFormat"));
        }
        out.insert("schema".into(), schema);
        Ok(Value::Object(out))
    }

    /// A schema: references rewritten, `type: file`, `x-nullable` and string discriminators
    /// converted, recursively.
    fn schema(&mut self, s: &Value, pointer: &str) -> Result<Value, Error> {
        let Some(map) = s.as_object() else {
            return Ok(s.clone());
        };
        let mut out = Map::new();
        let mut file = false;
        for (k, v) in map {
            let here = diag::join(pointer, k);
            let value = match k.as_str() {
                "$ref" => {
                    self.resolve(v, &here, RefKind::Schema)?;
                    json!(rewrite(v.as_str().unwrap_or_default()))
                }
                "type" if v.as_str() == Some("file") => {
                    file = true;
                    json!("string")
                }
                "x-nullable" => {
                    if !v.is_boolean() {
                        self.warn(&here, "`x-nullable` must be a boolean; dropped");
                        continue;
                    }
                    out.insert("nullable".into(), v.clone());
                    continue;
                }
                "discriminator" => match v {
                    Value::String(name) => json!({ "propertyName": name }),
                    Value::Object(_) => v.clone(),
                    _ => {
                        self.warn(&here, "`discriminator` must be a property name; dropped");
                        continue;
                    }
                },
                "collectionFormat" => {
                    self.warn(
                        &here,
                        "`collectionFormat` of nested items has no OpenAPI 3.0 equivalent; dropped",
                    );
                    continue;
                }
                "items" => match v {
                    Value::Array(list) => {
                        self.warn(
                            &here,
                            "a list of `items` (a tuple) has no OpenAPI 3.0 equivalent; the first is used",
                        );
                        match list.first() {
                            Some(first) => self.schema(first, &format!("{here}/0"))?,
                            None => json!({}),
                        }
                    }
                    _ => self.schema(v, &here)?,
                },
                // Every other member that holds schemas, as the grammar says (`properties`,
                // `patternProperties`, `allOf`, `additionalProperties`, ...).
                _ => match crate::doc::child(crate::doc::Kind::Schema, k) {
                    crate::doc::Child::Map(_) => match v.as_object() {
                        Some(entries) => {
                            let mut converted = Map::new();
                            for (name, p) in entries {
                                converted.insert(name.clone(), self.schema(p, &diag::join(&here, name))?);
                            }
                            Value::Object(converted)
                        }
                        None => v.clone(),
                    },
                    crate::doc::Child::One(_) => match v {
                        Value::Array(list) => {
                            let mut converted = Vec::new();
                            for (i, m) in list.iter().enumerate() {
                                converted.push(self.schema(m, &format!("{here}/{i}"))?);
                            }
                            Value::Array(converted)
                        }
                        _ => self.schema(v, &here)?,
                    },
                    crate::doc::Child::Leaf => v.clone(),
                },
            };
            out.insert(k.clone(), value);
        }
        if file {
            out.insert("format".into(), json!("binary"));
        }
        Ok(Value::Object(out))
    }

    /// Checks a local `$ref` of the given kind and returns what it points at, with its pointer.
    fn resolve(&self, r: &Value, pointer: &str, kind: RefKind) -> Result<(String, &'a Value), Error> {
        let Some(r) = r.as_str() else {
            return Err(self.err(pointer, "`$ref` must be a string"));
        };
        let Some(fragment) = r.strip_prefix('#') else {
            return Err(self.err(
                pointer,
                format!("reference `{r}` points to another file; multi-file descriptions are not supported yet"),
            ));
        };
        let target = decode_uri_fragment(fragment);
        let (prefix, what, whole) = match kind {
            RefKind::Schema => ("/definitions/", "schema", false),
            RefKind::Parameter => ("/parameters/", "parameter", true),
            RefKind::Response => ("/responses/", "response", true),
        };
        let converts = target
            .strip_prefix(prefix)
            .is_some_and(|rest| !(rest.is_empty() || whole && rest.contains('/')));
        if !converts {
            return Err(self.err(
                pointer,
                format!("reference `{r}` cannot be converted to OpenAPI 3.0: a {what} reference must name an entry of `#{prefix}`"),
            ));
        }
        match self.root.pointer(&target) {
            Some(v) => Ok((target, v)),
            None => Err(self.err(pointer, format!("dangling reference `{r}`: nothing is defined there"))),
        }
    }

    fn components(&mut self, root: &Map<String, Value>) -> Result<Map<String, Value>, Error> {
        let mut out = Map::new();
        if let Some(definitions) = root.get("definitions") {
            let Some(definitions) = definitions.as_object() else {
                return Err(self.err("/definitions", "`definitions` must be a mapping"));
            };
            let mut schemas = Map::new();
            for (name, s) in definitions {
                schemas.insert(name.clone(), self.schema(s, &diag::join("/definitions", name))?);
            }
            out.insert("schemas".into(), Value::Object(schemas));
        }
        if let Some(parameters) = root.get("responses") {
            let Some(responses) = parameters.as_object() else {
                return Err(self.err("/responses", "`responses` must be a mapping"));
            };
            let produces = self.produces.clone();
            let mut converted = Map::new();
            for (name, r) in responses {
                converted.insert(
                    name.clone(),
                    self.response(r, &diag::join("/responses", name), &produces)?,
                );
            }
            out.insert("responses".into(), Value::Object(converted));
        }
        if let Some(parameters) = root.get("parameters") {
            let Some(parameters) = parameters.as_object() else {
                return Err(self.err("/parameters", "`parameters` must be a mapping"));
            };
            let consumes = self.consumes.clone();
            let mut plain = Map::new();
            let mut bodies = Map::new();
            for (name, p) in parameters {
                let at = diag::join("/parameters", name);
                match p.get("in").and_then(Value::as_str) {
                    Some("body") => {
                        bodies.insert(name.clone(), self.request_body(p, &at, &consumes)?);
                    }
                    // Form parameters are properties of each operation's form body, copied there.
                    Some("formData") => {}
                    Some("path" | "query" | "header") => {
                        plain.insert(name.clone(), self.parameter(p, &at)?);
                    }
                    Some(other) => self.warn(
                        &format!("{at}/in"),
                        format!("unknown parameter location `{other}` (Swagger 2.0 has path, query, header, body and formData): the parameter is dropped"),
                    ),
                    None => self.warn(&at, "a parameter without `in`: dropped"),
                }
            }
            if !plain.is_empty() {
                out.insert("parameters".into(), Value::Object(plain));
            }
            if !bodies.is_empty() {
                out.insert("requestBodies".into(), Value::Object(bodies));
            }
        }
        if let Some(schemes) = root.get("securityDefinitions") {
            let Some(schemes) = schemes.as_object() else {
                return Err(self.err("/securityDefinitions", "`securityDefinitions` must be a mapping"));
            };
            let mut converted = Map::new();
            for (name, s) in schemes {
                // A malformed scheme costs the SDK only that way to authenticate.
                match self.security_scheme(s, &diag::join("/securityDefinitions", name)) {
                    Ok(scheme) => {
                        converted.insert(name.clone(), scheme);
                    }
                    Err(e) => self.warn(
                        e.place.to_string().trim_start_matches('#'),
                        format!("{}; the scheme is dropped", e.message),
                    ),
                }
            }
            out.insert("securitySchemes".into(), Value::Object(converted));
        }
        Ok(out)
    }

    fn security_scheme(&mut self, s: &Value, pointer: &str) -> Result<Value, Error> {
        let Some(s) = s.as_object() else {
            return Err(self.err(pointer, "a security scheme must be a mapping"));
        };
        let mut out = Map::new();
        match s.get("type").and_then(Value::as_str) {
            Some("basic") => {
                out.insert("type".into(), json!("http"));
                out.insert("scheme".into(), json!("basic"));
            }
            Some("apiKey") => {
                out.insert("type".into(), json!("apiKey"));
                for k in ["name", "in"] {
                    match s.get(k) {
                        Some(v) => out.insert(k.into(), v.clone()),
                        None => return Err(self.err(pointer, format!("an apiKey security scheme needs `{k}`"))),
                    };
                }
            }
            Some("oauth2") => {
                let flow = s.get("flow").and_then(Value::as_str).unwrap_or_default();
                let (name, needs): (&str, &[&str]) = match flow {
                    "implicit" => ("implicit", &["authorizationUrl"]),
                    "password" => ("password", &["tokenUrl"]),
                    "application" => ("clientCredentials", &["tokenUrl"]),
                    "accessCode" => ("authorizationCode", &["authorizationUrl", "tokenUrl"]),
                    _ => {
                        return Err(self.err(
                            &format!("{pointer}/flow"),
                            format!("unknown OAuth2 flow `{flow}`: Swagger 2.0 has implicit, password, application and accessCode"),
                        ));
                    }
                };
                let mut f = Map::new();
                for k in needs {
                    match s.get(*k) {
                        Some(v) => f.insert((*k).into(), v.clone()),
                        None => {
                            return Err(self.err(pointer, format!("the OAuth2 `{flow}` flow needs `{k}`")));
                        }
                    };
                }
                f.insert("scopes".into(), s.get("scopes").cloned().unwrap_or_else(|| json!({})));
                out.insert("type".into(), json!("oauth2"));
                out.insert("flows".into(), json!({ name: f }));
            }
            Some(other) => {
                return Err(self.err(
                    &format!("{pointer}/type"),
                    format!("unknown security scheme type `{other}`: Swagger 2.0 has basic, apiKey and oauth2"),
                ));
            }
            None => return Err(self.err(pointer, "a security scheme needs a `type`")),
        }
        if let Some(d) = s.get("description") {
            out.insert("description".into(), d.clone());
        }
        copy_extensions(&Value::Object(s.clone()), &mut out);
        Ok(Value::Object(out))
    }
}

/// A media type without its parameters (`multipart/form-data; boundary=x`).
fn essence(media: &str) -> &str {
    media.split(';').next().unwrap_or_default().trim()
}

fn copy_extensions(from: &Value, to: &mut Map<String, Value>) {
    for (k, v) in from.as_object().into_iter().flatten() {
        if k.starts_with("x-") {
            to.insert(k.clone(), v.clone());
        }
    }
}

/// A Swagger 2.0 reference as its OpenAPI 3.0 counterpart (`#/parameters/X` of a body
/// parameter is turned into a request body by the caller).
fn rewrite(r: &str) -> String {
    for (from, to) in [
        ("#/definitions/", "#/components/schemas/"),
        ("#/parameters/", "#/components/parameters/"),
        ("#/responses/", "#/components/responses/"),
    ] {
        if let Some(rest) = r.strip_prefix(from) {
            return format!("{to}{rest}");
        }
    }
    r.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Place;

    fn convert(doc: Value) -> (Value, Vec<(String, String)>) {
        let mut w = Warnings::default();
        let out = to_openapi3(Path::new("t.yaml"), doc, &mut w).unwrap_or_else(|e| panic!("{e}"));
        (out, w.items.into_iter().map(|w| (w.pointer, w.message)).collect())
    }

    fn convert_err(doc: Value) -> Error {
        to_openapi3(Path::new("t.yaml"), doc, &mut Warnings::default()).unwrap_err()
    }

    fn doc(extra: Value) -> Value {
        let mut d = json!({
            "swagger": "2.0",
            "info": {"title": "t", "version": "1"},
            "host": "api.test",
            "paths": {}
        });
        d.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        d
    }

    /// One operation at `/a`, with its responses defaulted.
    fn op(method: &str, op: Value) -> Value {
        let mut op = op;
        if op.get("responses").is_none() {
            op["responses"] = json!({"200": {"description": "ok"}});
        }
        doc(json!({"paths": {"/a": {method: op}}}))
    }

    fn pointers(w: &[(String, String)]) -> Vec<&str> {
        w.iter().map(|(p, _)| p.as_str()).collect()
    }

    #[test]
    fn version_info_and_extensions_are_kept() {
        let (out, w) = convert(doc(json!({
            "info": {"title": "T", "version": "2", "description": "d", "contact": {"name": "n"}},
            "tags": [{"name": "A", "description": "tag"}],
            "externalDocs": {"url": "https://docs.test"},
            "x-top": 1
        })));
        assert_eq!(out["openapi"], "3.0.3");
        assert!(out.get("swagger").is_none());
        assert_eq!(
            out["info"],
            json!({"title": "T", "version": "2", "description": "d", "contact": {"name": "n"}})
        );
        assert_eq!(out["tags"], json!([{"name": "A", "description": "tag"}]));
        assert_eq!(out["externalDocs"]["url"], "https://docs.test");
        assert_eq!(out["x-top"], 1);
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn unknown_top_level_fields_are_dropped_with_a_warning() {
        let (out, w) = convert(doc(json!({"servers": []})));
        assert!(out.get("servers").unwrap().as_array().unwrap().len() == 1);
        assert_eq!(pointers(&w), ["/servers"]);
    }

    #[test]
    fn host_base_path_and_schemes_make_the_server() {
        let (out, _) = convert(doc(json!({"basePath": "/v1/", "schemes": ["http", "https"]})));
        assert_eq!(out["servers"], json!([{"url": "https://api.test/v1"}]));
        let (out, _) = convert(doc(json!({"basePath": "/", "schemes": ["http"]})));
        assert_eq!(out["servers"], json!([{"url": "http://api.test"}]));
        let (out, w) = convert(doc(json!({})));
        assert_eq!(out["servers"], json!([{"url": "https://api.test"}]));
        assert!(w.is_empty());
    }

    #[test]
    fn no_host_gives_a_relative_server_and_a_warning() {
        let mut d = doc(json!({"basePath": "/v1"}));
        d.as_object_mut().unwrap().remove("host");
        let (out, w) = convert(d);
        assert_eq!(out["servers"], json!([{"url": "/v1"}]));
        assert_eq!(pointers(&w), [""]);
        assert!(w[0].1.contains("no `host`"), "{w:?}");
    }

    #[test]
    fn definitions_become_schemas_and_refs_follow() {
        let (out, _) = convert(doc(json!({
            "definitions": {
                "Pet": {"type": "object", "properties": {
                    "owner": {"$ref": "#/definitions/Person"},
                    "friends": {"type": "array", "items": {"$ref": "#/definitions/Pet"}},
                    "tags": {"type": "object", "additionalProperties": {"$ref": "#/definitions/Person"}}
                }},
                "Person": {"type": "object", "example": {"$ref": "#/not/a/ref"}},
                "Dog": {"allOf": [{"$ref": "#/definitions/Pet"}, {"type": "object"}]}
            }
        })));
        let s = &out["components"]["schemas"];
        assert_eq!(s["Pet"]["properties"]["owner"]["$ref"], "#/components/schemas/Person");
        assert_eq!(
            s["Pet"]["properties"]["friends"]["items"]["$ref"],
            "#/components/schemas/Pet"
        );
        assert_eq!(
            s["Pet"]["properties"]["tags"]["additionalProperties"]["$ref"],
            "#/components/schemas/Person"
        );
        assert_eq!(s["Dog"]["allOf"][0]["$ref"], "#/components/schemas/Pet");
        // Examples are data: left alone.
        assert_eq!(s["Person"]["example"]["$ref"], "#/not/a/ref");
        assert!(out.get("definitions").is_none());
    }

    #[test]
    fn dangling_and_foreign_refs_name_the_original_pointer() {
        let e = convert_err(doc(
            json!({"definitions": {"A": {"properties": {"b": {"$ref": "#/definitions/Nope"}}}}}),
        ));
        assert_eq!(e.place, Place::Pointer("/definitions/A/properties/b/$ref".into()));
        assert!(e.message.contains("dangling"), "{e}");
        let e = convert_err(doc(json!({"definitions": {"A": {"$ref": "other.yaml#/A"}}})));
        assert_eq!(e.place, Place::Pointer("/definitions/A/$ref".into()));
        assert!(e.message.contains("another file"), "{e}");
        let e = convert_err(doc(json!({"definitions": {"A": {"$ref": "#/info"}}})));
        assert!(e.message.contains("cannot be converted"), "{e}");
    }

    #[test]
    fn shared_parameters_split_into_parameters_and_request_bodies() {
        let (out, _) = convert(doc(json!({
            "parameters": {
                "Limit": {"name": "limit", "in": "query", "type": "integer", "format": "int32"},
                "Pet": {"name": "pet", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Pet"}},
                "Note": {"name": "note", "in": "formData", "type": "string"}
            },
            "definitions": {"Pet": {"type": "object"}},
            "paths": {"/a": {
                "post": {
                    "parameters": [{"$ref": "#/parameters/Limit"}, {"$ref": "#/parameters/Pet"}],
                    "responses": {"200": {"description": "ok"}}
                },
                "put": {
                    "parameters": [{"$ref": "#/parameters/Note"}],
                    "responses": {"200": {"description": "ok"}}
                }
            }}
        })));
        let c = &out["components"];
        assert_eq!(
            c["parameters"]["Limit"],
            json!({"name": "limit", "in": "query", "schema": {"type": "integer", "format": "int32"}})
        );
        assert_eq!(
            c["requestBodies"]["Pet"],
            json!({"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}, "required": true})
        );
        assert!(c["parameters"].get("Note").is_none());
        let post = &out["paths"]["/a"]["post"];
        assert_eq!(post["parameters"], json!([{"$ref": "#/components/parameters/Limit"}]));
        assert_eq!(post["requestBody"], json!({"$ref": "#/components/requestBodies/Pet"}));
        // A form parameter is copied into the form body.
        let put = &out["paths"]["/a"]["put"];
        assert!(put.get("parameters").is_none());
        assert_eq!(
            put["requestBody"]["content"][FORM]["schema"]["properties"]["note"],
            json!({"type": "string"})
        );
    }

    #[test]
    fn shared_body_is_copied_when_the_operation_consumes_other_types() {
        let (out, _) = convert(doc(json!({
            "parameters": {"Pet": {"name": "pet", "in": "body", "schema": {"type": "object"}}},
            "paths": {"/a": {"post": {
                "consumes": ["application/xml"],
                "parameters": [{"$ref": "#/parameters/Pet"}],
                "responses": {"200": {"description": "ok"}}
            }}}
        })));
        assert_eq!(
            out["paths"]["/a"]["post"]["requestBody"],
            json!({"content": {"application/xml": {"schema": {"type": "object"}}}})
        );
    }

    #[test]
    fn shared_responses_become_components_and_refs_follow() {
        let (out, _) = convert(doc(json!({
            "produces": ["application/json"],
            "responses": {"NotFound": {"description": "gone", "schema": {"$ref": "#/definitions/E"}}},
            "definitions": {"E": {"type": "object"}},
            "paths": {"/a": {
                "get": {"responses": {"404": {"$ref": "#/responses/NotFound"}}},
                "put": {"produces": ["text/plain"], "responses": {"404": {"$ref": "#/responses/NotFound"}}}
            }}
        })));
        assert_eq!(
            out["components"]["responses"]["NotFound"],
            json!({"description": "gone", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/E"}}}})
        );
        assert_eq!(
            out["paths"]["/a"]["get"]["responses"]["404"],
            json!({"$ref": "#/components/responses/NotFound"})
        );
        // Another media type list: the response is copied with it.
        assert_eq!(
            out["paths"]["/a"]["put"]["responses"]["404"]["content"],
            json!({"text/plain": {"schema": {"$ref": "#/components/schemas/E"}}})
        );
    }

    #[test]
    fn security_definitions_become_security_schemes() {
        let (out, _) = convert(doc(json!({
            "securityDefinitions": {
                "Basic": {"type": "basic", "description": "user and password"},
                "Key": {"type": "apiKey", "name": "X-Key", "in": "header"},
                "Implicit": {"type": "oauth2", "flow": "implicit", "authorizationUrl": "https://a.test", "scopes": {"r": "read"}},
                "Password": {"type": "oauth2", "flow": "password", "tokenUrl": "https://t.test"},
                "App": {"type": "oauth2", "flow": "application", "tokenUrl": "https://t.test", "scopes": {}},
                "Code": {"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a.test", "tokenUrl": "https://t.test", "scopes": {}}
            },
            "security": [{"Basic": []}]
        })));
        let s = &out["components"]["securitySchemes"];
        assert_eq!(
            s["Basic"],
            json!({"type": "http", "scheme": "basic", "description": "user and password"})
        );
        assert_eq!(s["Key"], json!({"type": "apiKey", "name": "X-Key", "in": "header"}));
        assert_eq!(
            s["Implicit"]["flows"],
            json!({"implicit": {"authorizationUrl": "https://a.test", "scopes": {"r": "read"}}})
        );
        assert_eq!(
            s["Password"]["flows"],
            json!({"password": {"tokenUrl": "https://t.test", "scopes": {}}})
        );
        assert_eq!(
            s["App"]["flows"],
            json!({"clientCredentials": {"tokenUrl": "https://t.test", "scopes": {}}})
        );
        assert_eq!(
            s["Code"]["flows"]["authorizationCode"],
            json!({"authorizationUrl": "https://a.test", "tokenUrl": "https://t.test", "scopes": {}})
        );
        assert_eq!(out["security"], json!([{"Basic": []}]));
    }

    #[test]
    fn bad_security_definitions_are_dropped_with_a_warning_at_their_place() {
        let (out, w) = convert(doc(json!({"securityDefinitions": {
            "A": {"type": "oauth2", "flow": "magic"},
            "B": {"type": "oauth2", "flow": "password"},
            "C": {"type": "digest"},
            "D": {"type": "basic"}
        }})));
        assert_eq!(
            out["components"]["securitySchemes"],
            json!({"D": {"type": "http", "scheme": "basic"}})
        );
        assert_eq!(
            pointers(&w),
            [
                "/securityDefinitions/A/flow",
                "/securityDefinitions/B",
                "/securityDefinitions/C/type"
            ]
        );
        assert!(w[1].1.contains("tokenUrl"), "{w:?}");
    }

    #[test]
    fn parameters_without_a_known_location() {
        let (out, w) = convert(doc(json!({"paths": {"/a/{id}": {"get": {"parameters": [
            {"name": "id", "type": "string"},
            {"name": "q", "type": "string"},
            {"name": "x", "in": "cookie", "type": "string"}
        ], "responses": {"204": {"description": "none"}}}}}})));
        let params = &out["paths"]["/a/{id}"]["get"]["parameters"];
        assert_eq!(params[0]["in"], "path");
        assert_eq!(params[1]["in"], "query");
        assert_eq!(params.as_array().unwrap().len(), 2);
        assert_eq!(w.len(), 3, "{w:?}");
    }

    #[test]
    fn consumes_and_produces_become_media_types() {
        let body = json!([{"name": "b", "in": "body", "schema": {"type": "string"}}]);
        let ok = json!({"200": {"description": "ok", "schema": {"type": "string"}}});
        // Defaults.
        let (out, _) = convert(op("post", json!({"parameters": body, "responses": ok})));
        let o = &out["paths"]["/a"]["post"];
        assert_eq!(
            o["requestBody"]["content"]
                .as_object()
                .unwrap()
                .keys()
                .collect::<Vec<_>>(),
            [JSON]
        );
        assert_eq!(
            o["responses"]["200"]["content"]
                .as_object()
                .unwrap()
                .keys()
                .collect::<Vec<_>>(),
            [JSON]
        );
        // Global lists, then per operation.
        let mut d = op("post", json!({"parameters": body, "responses": ok}));
        d["consumes"] = json!(["application/xml", "application/json"]);
        d["produces"] = json!(["text/csv"]);
        let (out, _) = convert(d.clone());
        let o = &out["paths"]["/a"]["post"];
        let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(
            keys(&o["requestBody"]["content"]),
            ["application/xml", "application/json"]
        );
        assert_eq!(keys(&o["responses"]["200"]["content"]), ["text/csv"]);
        d["paths"]["/a"]["post"]["consumes"] = json!(["text/plain"]);
        d["paths"]["/a"]["post"]["produces"] = json!(["application/x-ndjson"]);
        let (out, _) = convert(d);
        let o = &out["paths"]["/a"]["post"];
        assert_eq!(keys(&o["requestBody"]["content"]), ["text/plain"]);
        assert_eq!(keys(&o["responses"]["200"]["content"]), ["application/x-ndjson"]);
        assert!(o.get("consumes").is_none() && o.get("produces").is_none());
    }

    #[test]
    fn body_parameter_becomes_the_request_body() {
        let mut d = op(
            "post",
            json!({"parameters": [
                {"name": "id", "in": "query", "type": "string"},
                {"name": "body", "in": "body", "required": true, "description": "the pet", "x-ext": 1,
                 "schema": {"$ref": "#/definitions/Pet"}}
            ]}),
        );
        d["definitions"] = json!({"Pet": {"type": "object"}});
        let (out, w) = convert(d);
        let o = &out["paths"]["/a"]["post"];
        assert_eq!(
            o["parameters"],
            json!([{"name": "id", "in": "query", "schema": {"type": "string"}}])
        );
        assert_eq!(
            o["requestBody"],
            json!({
                "description": "the pet",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}},
                "required": true,
                "x-ext": 1
            })
        );
        assert!(w.is_empty(), "{w:?}");
        // Without a schema: any JSON value, with a warning at the parameter.
        let (out, w) = convert(op("post", json!({"parameters": [{"name": "b", "in": "body"}]})));
        assert_eq!(
            out["paths"]["/a"]["post"]["requestBody"]["content"][JSON]["schema"],
            json!({})
        );
        assert_eq!(pointers(&w), ["/paths/~1a/post/parameters/0"]);
    }

    #[test]
    fn form_parameters_become_a_form_body() {
        let (out, _) = convert(op(
            "post",
            json!({"parameters": [
                {"name": "name", "in": "formData", "type": "string", "required": true, "description": "who"},
                {"name": "ids", "in": "formData", "type": "array", "items": {"type": "integer"}, "collectionFormat": "multi"}
            ]}),
        ));
        let rb = &out["paths"]["/a"]["post"]["requestBody"];
        assert_eq!(
            rb,
            &json!({
                "content": {FORM: {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "name": {"type": "string", "description": "who"},
                            "ids": {"type": "array", "items": {"type": "integer"}}
                        },
                        "required": ["name"]
                    },
                    "encoding": {"ids": {"style": "form", "explode": true}}
                }},
                "required": true
            })
        );
        let (out, _) = convert(op(
            "post",
            json!({"parameters": [
                {"name": "upload", "in": "formData", "type": "file"},
                {"name": "note", "in": "formData", "type": "string"}
            ]}),
        ));
        let content = &out["paths"]["/a"]["post"]["requestBody"]["content"];
        assert_eq!(content.as_object().unwrap().keys().collect::<Vec<_>>(), [MULTIPART]);
        assert_eq!(
            content[MULTIPART]["schema"]["properties"]["upload"],
            json!({"type": "string", "format": "binary"})
        );
        assert!(out["paths"]["/a"]["post"].get("parameters").is_none());
    }

    #[test]
    fn path_level_body_and_form_parameters_reach_each_operation() {
        let (out, _) = convert(doc(json!({"paths": {"/a/{id}": {
            "parameters": [
                {"name": "id", "in": "path", "required": true, "type": "string"},
                {"name": "b", "in": "body", "schema": {"type": "object"}}
            ],
            "put": {"responses": {"200": {"description": "ok"}}},
            "post": {
                "parameters": [{"name": "b", "in": "body", "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok"}}
            }
        }}})));
        let item = &out["paths"]["/a/{id}"];
        assert_eq!(
            item["parameters"],
            json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}])
        );
        assert_eq!(
            item["put"]["requestBody"]["content"][JSON]["schema"],
            json!({"type": "object"})
        );
        // The operation's own body wins.
        assert_eq!(
            item["post"]["requestBody"]["content"][JSON]["schema"],
            json!({"type": "string"})
        );
    }

    #[test]
    fn both_body_and_form_parameters_keep_the_body() {
        let (out, w) = convert(op(
            "post",
            json!({"parameters": [
                {"name": "f", "in": "formData", "type": "string"},
                {"name": "b", "in": "body", "schema": {"type": "object"}}
            ]}),
        ));
        assert_eq!(
            out["paths"]["/a"]["post"]["requestBody"]["content"][JSON]["schema"],
            json!({"type": "object"})
        );
        assert_eq!(pointers(&w), ["/paths/~1a/post"]);
    }

    #[test]
    fn parameter_keywords_move_into_the_schema() {
        let (out, w) = convert(op(
            "get",
            json!({"parameters": [
                {"name": "s", "in": "query", "description": "d", "required": false, "type": "string",
                 "enum": ["A", "B"], "default": "A", "maxLength": 3, "x-ext": true, "allowEmptyValue": true},
                {"name": "n", "in": "header", "type": "integer", "format": "int64", "minimum": 1, "x-nullable": true},
                {"name": "id", "in": "path", "required": true}
            ]}),
        ));
        let params = &out["paths"]["/a"]["get"]["parameters"];
        assert_eq!(
            params[0],
            json!({"name": "s", "in": "query", "description": "d", "required": false, "x-ext": true,
                   "allowEmptyValue": true,
                   "schema": {"type": "string", "enum": ["A", "B"], "default": "A", "maxLength": 3}})
        );
        assert_eq!(
            params[1]["schema"],
            json!({"type": "integer", "format": "int64", "minimum": 1, "nullable": true})
        );
        // No type: a string, with a warning at the original parameter.
        assert_eq!(params[2]["schema"], json!({"type": "string"}));
        assert_eq!(pointers(&w), ["/paths/~1a/get/parameters/2"]);
    }

    #[test]
    fn collection_formats_become_style_and_explode() {
        let p = |name: &str, at: &str, cf: Option<&str>| {
            let mut p = json!({"name": name, "in": at, "type": "array", "items": {"type": "string"}});
            if let Some(cf) = cf {
                p["collectionFormat"] = json!(cf);
            }
            if at == "path" {
                p["required"] = json!(true);
            }
            p
        };
        let (out, w) = convert(doc(json!({"paths": {"/a/{p}": {"get": {
            "parameters": [
                p("csv", "query", None),
                p("multi", "query", Some("multi")),
                p("ssv", "query", Some("ssv")),
                p("pipes", "query", Some("pipes")),
                p("tsv", "query", Some("tsv")),
                p("p", "path", Some("csv")),
                p("h", "header", Some("pipes"))
            ],
            "responses": {"200": {"description": "ok"}}
        }}}})));
        let params = out["paths"]["/a/{p}"]["get"]["parameters"].as_array().unwrap().clone();
        let style = |i: usize| (params[i].get("style").cloned(), params[i].get("explode").cloned());
        assert_eq!(style(0), (Some(json!("form")), Some(json!(false))));
        assert_eq!(style(1), (Some(json!("form")), Some(json!(true))));
        assert_eq!(style(2), (Some(json!("spaceDelimited")), Some(json!(false))));
        assert_eq!(style(3), (Some(json!("pipeDelimited")), Some(json!(false))));
        assert_eq!(style(4), (Some(json!("form")), Some(json!(false))));
        assert_eq!(style(5), (None, None));
        assert_eq!(style(6), (None, None));
        assert!(params.iter().all(|p| p.get("collectionFormat").is_none()));
        assert_eq!(
            pointers(&w),
            [
                "/paths/~1a~1{p}/get/parameters/4/collectionFormat",
                "/paths/~1a~1{p}/get/parameters/6/collectionFormat"
            ]
        );
    }

    #[test]
    fn responses_get_content_examples_and_header_schemas() {
        let mut d = op(
            "get",
            json!({"responses": {
                "200": {
                    "description": "ok",
                    "schema": {"type": "object"},
                    "examples": {"application/json": {"id": 1}, "text/plain": "one"},
                    "headers": {"X-Rate": {"type": "integer", "description": "left"}},
                    "x-ext": 1
                },
                "204": {"description": "none", "examples": {"application/json": {}}},
                "default": {"description": "error", "schema": {}}
            }}),
        );
        d["produces"] = json!(["application/json", "application/xml"]);
        let (out, w) = convert(d);
        let r = &out["paths"]["/a"]["get"]["responses"];
        assert_eq!(
            r["200"],
            json!({
                "description": "ok",
                "headers": {"X-Rate": {"description": "left", "schema": {"type": "integer"}}},
                "x-ext": 1,
                "content": {
                    "application/json": {"schema": {"type": "object"}, "example": {"id": 1}},
                    "application/xml": {"schema": {"type": "object"}},
                    "text/plain": {"schema": {"type": "object"}, "example": "one"}
                }
            })
        );
        assert_eq!(r["204"], json!({"description": "none"}));
        assert_eq!(r["default"]["content"][JSON]["schema"], json!({}));
        assert_eq!(
            pointers(&w),
            ["/paths/~1a/get/responses/204/examples/application~1json"]
        );
    }

    #[test]
    fn path_items_given_by_local_reference_are_read() {
        let (out, _) = convert(doc(json!({
            "paths": {"/c": {"$ref": "#/x-shared/c"}},
            "x-shared": {"c": {"post": {"operationId": "postC", "responses": {"204": {"description": "ok"}}}}}
        })));
        assert_eq!(out["paths"]["/c"]["post"]["operationId"], "postC");
    }

    #[test]
    fn schema_differences_are_converted() {
        let (out, w) = convert(doc(json!({"definitions": {
            "Pet": {
                "type": "object",
                "discriminator": "petType",
                "required": ["petType"],
                "properties": {
                    "petType": {"type": "string"},
                    "photo": {"type": "file"},
                    "nick": {"type": "string", "x-nullable": true},
                    "list": {"type": "array", "items": [{"type": "string"}]}
                }
            }
        }})));
        let pet = &out["components"]["schemas"]["Pet"];
        assert_eq!(pet["discriminator"], json!({"propertyName": "petType"}));
        assert_eq!(
            pet["properties"]["photo"],
            json!({"type": "string", "format": "binary"})
        );
        assert_eq!(pet["properties"]["nick"], json!({"type": "string", "nullable": true}));
        assert_eq!(pet["properties"]["list"]["items"], json!({"type": "string"}));
        assert_eq!(pointers(&w), ["/definitions/Pet/properties/list/items"]);
    }

    #[test]
    fn operations_keep_ids_tags_descriptions_and_extensions() {
        let (out, _) = convert(op(
            "get",
            json!({
                "operationId": "10DLC_List", "tags": ["T"], "summary": "s", "description": "d",
                "deprecated": true, "security": [{"k": []}], "x-op": "v"
            }),
        ));
        let o = &out["paths"]["/a"]["get"];
        for (k, v) in [
            ("operationId", json!("10DLC_List")),
            ("tags", json!(["T"])),
            ("summary", json!("s")),
            ("description", json!("d")),
            ("deprecated", json!(true)),
            ("security", json!([{"k": []}])),
            ("x-op", json!("v")),
        ] {
            assert_eq!(o[k], v, "{k}");
        }
    }

    #[test]
    fn the_result_is_a_valid_openapi_document() {
        let d = doc(json!({
            "basePath": "/v1",
            "definitions": {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}},
            "securityDefinitions": {"Basic": {"type": "basic"}},
            "paths": {"/pets/{id}": {"put": {
                "operationId": "PutPet",
                "parameters": [
                    {"name": "id", "in": "path", "required": true, "type": "string"},
                    {"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Pet"}}
                ],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}}
            }}}
        }));
        let mut w = Warnings::default();
        let typed = super::super::normalise(Path::new("t.yaml"), d, &mut w).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(typed.servers[0].url, "https://api.test/v1");
        assert!(typed.components.unwrap().schemas.contains_key("Pet"));
        assert!(w.items.is_empty());
    }
}
