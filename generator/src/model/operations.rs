//! Operations: every path and method of a description as a function to emit.

use super::Ty;
use super::types::Types;
use crate::diag::{self, Error};
use crate::naming;
use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody, Response, StatusCode};
use std::collections::{BTreeMap, BTreeSet};

/// Operations that share a tag: one module and one accessor on the API's client.
#[derive(Debug, Clone)]
pub struct Group {
    /// Module and accessor name (`batches`).
    pub module: String,
    /// Struct name of the accessor (`Batches`).
    pub type_name: String,
    pub tag: String,
    pub doc: Option<String>,
    pub operations: Vec<Operation>,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub id: String,
    pub fn_name: String,
    pub method: String,
    pub path: String,
    pub pointer: String,
    pub summary: Option<String>,
    pub doc: Option<String>,
    pub deprecated: bool,
    pub params: Vec<Param>,
    /// Name of the struct holding the query and header parameters, when there are any.
    pub params_type: Option<String>,
    pub body: Option<Body>,
    pub responses: Vec<Resp>,
    /// Name of the enum of success responses, when there is more than one.
    pub success_type: Option<String>,
    /// Name of the enum of typed error bodies, when errors are documented.
    pub error_type: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
    Cookie,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub json: String,
    pub name: String,
    pub location: Location,
    pub ty: Ty,
    pub required: bool,
    pub doc: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Body {
    pub ty: Ty,
    pub required: bool,
    pub media: String,
    pub doc: Option<String>,
    /// JSON pointers of the examples given for this body.
    pub examples: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Code(u16),
    /// `2XX`, `4XX`: the first digit.
    Range(u16),
    Default,
}

impl Status {
    pub fn is_success(&self, has_explicit_success: bool) -> bool {
        match self {
            Status::Code(c) => (200..300).contains(c),
            Status::Range(r) => *r == 2,
            // `default` is the error case unless it is the only documented outcome of success.
            Status::Default => !has_explicit_success,
        }
    }

    pub fn label(&self) -> String {
        match self {
            Status::Code(c) => format!("Status{c}"),
            Status::Range(r) => format!("Status{r}xx"),
            Status::Default => "Default".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Resp {
    pub status: Status,
    /// `None` for a response without a body.
    pub ty: Option<Ty>,
    pub success: bool,
    pub doc: String,
    pub examples: Vec<String>,
    /// The variant name in the success or error enum.
    pub variant: String,
}

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

fn json_media<T>(content: &indexmap::IndexMap<String, T>) -> Option<(&String, &T)> {
    content
        .iter()
        .find(|(k, _)| k.starts_with("application/json") || k.contains("+json"))
        .or_else(|| content.iter().find(|(k, _)| k.as_str() == "*/*"))
        .or_else(|| content.iter().next())
}

fn example_pointers(base: &str, media: &openapiv3::MediaType) -> Vec<String> {
    let mut out = Vec::new();
    if media.example.is_some() {
        out.push(format!("{base}/example"));
    }
    for name in media.examples.keys() {
        // An Example object (possibly a `$ref` to one): its `value` is the example.
        out.push(diag::join(&format!("{base}/examples"), name));
    }
    out
}

/// Converts every operation of the description, grouped by first tag.
pub fn convert(types: &mut Types<'_>, reserved: &BTreeSet<String>) -> Result<BTreeMap<String, Group>, Error> {
    let doc = types.doc;
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    let mut fn_names = BTreeSet::new();
    let mut group_names: BTreeMap<String, String> = BTreeMap::new();
    let mut group_taken: BTreeSet<String> = reserved.clone();
    let tag_docs: BTreeMap<&str, Option<String>> = doc
        .tags
        .iter()
        .map(|t| (t.name.as_str(), t.description.clone()))
        .collect();

    for (path, item) in doc.paths.paths.iter() {
        let item_pointer = diag::join("/paths", path);
        let ReferenceOr::Item(item) = item else {
            types.warnings.push(
                types.file,
                &item_pointer,
                "path item given as a reference is not supported yet; skipped",
            );
            continue;
        };
        for (method, op) in item.iter() {
            if !METHODS.contains(&method) {
                continue;
            }
            let pointer = format!("{item_pointer}/{method}");
            let id = op.operation_id.clone().unwrap_or_else(|| format!("{method} {path}"));
            let fn_name = naming::unique(&naming::field_name(&id), &fn_names);
            fn_names.insert(fn_name.clone());
            let type_base = naming::type_name(&id);

            let tag = op.tags.first().cloned().unwrap_or_else(|| "default".to_string());
            let group_module = match group_names.get(&tag) {
                Some(m) => m.clone(),
                None => {
                    let m = naming::unique(&naming::field_name(&tag), &group_taken);
                    group_taken.insert(m.clone());
                    group_names.insert(tag.clone(), m.clone());
                    m
                }
            };

            // Parameters: path-level first, overridden by operation-level of the same name and place.
            let mut params: Vec<Param> = Vec::new();
            let mut param_names = BTreeSet::from(["body".to_string(), "params".to_string()]);
            let all: Vec<(String, &ReferenceOr<Parameter>)> = item
                .parameters
                .iter()
                .enumerate()
                .map(|(i, p)| (format!("{item_pointer}/parameters/{i}"), p))
                .chain(
                    op.parameters
                        .iter()
                        .enumerate()
                        .map(|(i, p)| (format!("{pointer}/parameters/{i}"), p)),
                )
                .collect();
            let mut resolved: Vec<(String, &Parameter)> = Vec::new();
            for (p_pointer, p) in all {
                let param = match p {
                    ReferenceOr::Item(p) => p,
                    ReferenceOr::Reference { reference } => match resolve_parameter(doc, reference) {
                        Some(p) => p,
                        None => {
                            return Err(Error::at(
                                types.file,
                                &p_pointer,
                                format!("parameter reference `{reference}` does not resolve"),
                            ));
                        }
                    },
                };
                let data = param.parameter_data_ref();
                resolved.retain(|(_, q)| {
                    !(q.parameter_data_ref().name == data.name
                        && std::mem::discriminant(*q) == std::mem::discriminant(param))
                });
                resolved.push((p_pointer, param));
            }
            for (p_pointer, param) in resolved {
                let data = param.parameter_data_ref();
                let location = match param {
                    Parameter::Path { .. } => Location::Path,
                    Parameter::Query { .. } => Location::Query,
                    Parameter::Header { .. } => Location::Header,
                    Parameter::Cookie { .. } => Location::Cookie,
                };
                if location == Location::Cookie {
                    types.warnings.push(
                        types.file,
                        &p_pointer,
                        format!("cookie parameter `{}` is not sent by the SDK", data.name),
                    );
                    continue;
                }
                let hint = format!("{type_base}{}", naming::type_name(&data.name));
                let ty = match &data.format {
                    ParameterSchemaOrContent::Schema(s) => types.ty(s, &hint, &format!("{p_pointer}/schema")),
                    ParameterSchemaOrContent::Content(c) => match json_media(c).and_then(|(_, m)| m.schema.as_ref()) {
                        Some(s) => types.ty(s, &hint, &format!("{p_pointer}/content")),
                        None => Ty::String,
                    },
                };
                let name = naming::unique(&naming::field_name(&data.name), &param_names);
                param_names.insert(name.clone());
                params.push(Param {
                    json: data.name.clone(),
                    name,
                    location,
                    ty,
                    required: data.required || location == Location::Path,
                    doc: data.description.clone(),
                });
            }

            // A `{name}` in the path that no parameter declares is still a string to fill in.
            for name in placeholders(path) {
                if !params.iter().any(|p| p.location == Location::Path && p.json == name) {
                    types.warnings.push(
                        types.file,
                        &pointer,
                        format!("path parameter `{name}` is not declared; taken as a string"),
                    );
                    let rust = naming::unique(&naming::field_name(&name), &param_names);
                    param_names.insert(rust.clone());
                    params.push(Param {
                        json: name,
                        name: rust,
                        location: Location::Path,
                        ty: Ty::String,
                        required: true,
                        doc: None,
                    });
                }
            }

            let body = match &op.request_body {
                None => None,
                Some(rb) => {
                    let mut rb_pointer = format!("{pointer}/requestBody");
                    let rb: &RequestBody = match rb {
                        ReferenceOr::Item(b) => b,
                        ReferenceOr::Reference { reference } => match resolve_request_body(doc, reference) {
                            Some((b, at)) => {
                                rb_pointer = at;
                                b
                            }
                            None => {
                                return Err(Error::at(
                                    types.file,
                                    &rb_pointer,
                                    format!("request body reference `{reference}` does not resolve"),
                                ));
                            }
                        },
                    };
                    json_media(&rb.content).map(|(media, m)| {
                        let base = diag::join(&format!("{rb_pointer}/content"), media);
                        let ty = match &m.schema {
                            Some(s) => types.ty(s, &format!("{type_base}Request"), &format!("{base}/schema")),
                            None => Ty::Json,
                        };
                        Body {
                            ty,
                            required: rb.required,
                            media: media.clone(),
                            doc: rb.description.clone(),
                            examples: example_pointers(&base, m),
                        }
                    })
                }
            };

            let has_success = op.responses.responses.keys().any(|s| match s {
                StatusCode::Code(c) => (200..300).contains(c),
                StatusCode::Range(r) => *r == 2,
            });
            let mut responses = Vec::new();
            let entries: Vec<(Status, &ReferenceOr<Response>, String)> = op
                .responses
                .responses
                .iter()
                .map(|(s, r)| {
                    let (status, key) = match s {
                        StatusCode::Code(c) => (Status::Code(*c), c.to_string()),
                        StatusCode::Range(r) => (Status::Range(*r), format!("{r}XX")),
                    };
                    (status, r, key)
                })
                .chain(
                    op.responses
                        .default
                        .iter()
                        .map(|r| (Status::Default, r, "default".to_string())),
                )
                .collect();
            let success_count = entries.iter().filter(|(s, _, _)| s.is_success(has_success)).count();
            for (status, r, key) in entries {
                let mut r_pointer = diag::join(&format!("{pointer}/responses"), &key);
                let resp: &Response = match r {
                    ReferenceOr::Item(r) => r,
                    ReferenceOr::Reference { reference } => match resolve_response(doc, reference) {
                        Some((r, at)) => {
                            r_pointer = at;
                            r
                        }
                        None => {
                            return Err(Error::at(
                                types.file,
                                &r_pointer,
                                format!("response reference `{reference}` does not resolve"),
                            ));
                        }
                    },
                };
                let success = status.is_success(has_success);
                let hint = if success && success_count == 1 {
                    format!("{type_base}Response")
                } else if success {
                    format!("{type_base}Response{}", status.label().trim_start_matches("Status"))
                } else {
                    format!("{type_base}Error{}", status.label().trim_start_matches("Status"))
                };
                let (ty, examples) = match json_media(&resp.content) {
                    Some((media, m)) => {
                        let base = diag::join(&format!("{r_pointer}/content"), media);
                        let ty = match &m.schema {
                            Some(s) => types.ty(s, &hint, &format!("{base}/schema")),
                            None => Ty::Json,
                        };
                        (Some(ty), example_pointers(&base, m))
                    }
                    None => (None, Vec::new()),
                };
                responses.push(Resp {
                    status: status.clone(),
                    ty,
                    success,
                    doc: resp.description.clone(),
                    examples,
                    variant: status.label(),
                });
            }

            let mut local = naming::prelude();
            let needs_params = params.iter().any(|p| p.location != Location::Path && !p.required);
            let params_type = needs_params.then(|| claim(&mut local, &format!("{type_base}Params")));
            let success_type = (responses.iter().filter(|r| r.success).count() > 1)
                .then(|| claim(&mut local, &format!("{type_base}Success")));
            let error_type = responses
                .iter()
                .any(|r| !r.success)
                .then(|| claim(&mut local, &format!("{type_base}Error")));

            let group = groups.entry(group_module.clone()).or_insert_with(|| Group {
                module: group_module.clone(),
                type_name: naming::type_name(&tag),
                tag: tag.clone(),
                doc: tag_docs.get(tag.as_str()).cloned().flatten(),
                operations: Vec::new(),
            });
            group.operations.push(Operation {
                id,
                fn_name,
                method: method.to_uppercase(),
                path: path.clone(),
                pointer,
                summary: op.summary.clone(),
                doc: op.description.clone(),
                deprecated: op.deprecated,
                params,
                params_type,
                body,
                responses,
                success_type,
                error_type,
            });
        }
    }
    // Type names local to a group module must not clash with its accessor struct or the prelude.
    for g in groups.values_mut() {
        let clash = g
            .operations
            .iter()
            .flat_map(|o| [&o.params_type, &o.success_type, &o.error_type])
            .flatten()
            .any(|n| *n == g.type_name);
        if clash || naming::PRELUDE.contains(&g.type_name.as_str()) {
            g.type_name = format!("{}Operations", g.type_name);
        }
    }
    Ok(groups)
}

/// The `{name}` placeholders of a path template, in order.
pub fn placeholders(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        out.push(rest[start + 1..start + len].to_string());
        rest = &rest[start + len + 1..];
    }
    out
}

fn claim(taken: &mut BTreeSet<String>, name: &str) -> String {
    let n = naming::unique(name, taken);
    taken.insert(n.clone());
    n
}

/// A component by reference, following chains, with the JSON pointer where it is defined.
fn component<'a, T>(
    reference: &str,
    prefix: &str,
    map: Option<&'a indexmap::IndexMap<String, ReferenceOr<T>>>,
) -> Option<(&'a T, String)> {
    let mut name = reference.strip_prefix(prefix)?.to_string();
    for _ in 0..16 {
        match map?.get(&name)? {
            ReferenceOr::Item(t) => {
                return Some((
                    t,
                    diag::join(prefix.trim_start_matches('#').trim_end_matches('/'), &name),
                ));
            }
            ReferenceOr::Reference { reference } => name = reference.strip_prefix(prefix)?.to_string(),
        }
    }
    None
}

fn resolve_parameter<'a>(doc: &'a openapiv3::OpenAPI, reference: &str) -> Option<&'a Parameter> {
    component::<Parameter>(
        reference,
        "#/components/parameters/",
        doc.components.as_ref().map(|c| &c.parameters),
    )
    .map(|(p, _)| p)
}

fn resolve_request_body<'a>(doc: &'a openapiv3::OpenAPI, reference: &str) -> Option<(&'a RequestBody, String)> {
    component(
        reference,
        "#/components/requestBodies/",
        doc.components.as_ref().map(|c| &c.request_bodies),
    )
}

fn resolve_response<'a>(doc: &'a openapiv3::OpenAPI, reference: &str) -> Option<(&'a Response, String)> {
    component(
        reference,
        "#/components/responses/",
        doc.components.as_ref().map(|c| &c.responses),
    )
}
