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
    /// How the operation pages through a listing, when it does (see [`super::pagination`]).
    pub paging: Option<super::pagination::Paging>,
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
    /// For arrays: one `name=value` pair per item (`true`), or one comma-separated value.
    pub explode: bool,
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
        for (method, op) in item.iter().filter(|(m, _)| METHODS.contains(m)) {
            let pointer = format!("{item_pointer}/{method}");
            let id = op.operation_id.clone().unwrap_or_else(|| format!("{method} {path}"));
            let fn_name = claim(&mut fn_names, &naming::field_name(&id));
            let type_base = naming::type_name(&id);

            let params = parameters(types, path, item, op, &item_pointer, &pointer, &type_base)?;
            let body = request_body(types, op, &pointer, &type_base)?;
            let responses = responses(types, op, &pointer, &type_base)?;

            // Per-operation types live in the group's module; their names are local to it.
            let mut local = naming::prelude();
            let needs_params = params.iter().any(|p| p.location != Location::Path && !p.required);
            let params_type = needs_params.then(|| claim(&mut local, &format!("{type_base}Params")));
            let success_type = (responses.iter().filter(|r| r.success).count() > 1)
                .then(|| claim(&mut local, &format!("{type_base}Success")));
            let error_type = responses
                .iter()
                .any(|r| !r.success)
                .then(|| claim(&mut local, &format!("{type_base}Error")));

            let tag = op.tags.first().cloned().unwrap_or_else(|| "default".to_string());
            let module = group_names
                .entry(tag.clone())
                .or_insert_with(|| claim(&mut group_taken, &naming::field_name(&tag)))
                .clone();
            let group = groups.entry(module.clone()).or_insert_with(|| Group {
                module,
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
                paging: None,
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

/// An inline object, or the component a `$ref` names, with the pointer where it is written.
fn resolve<'a, T>(
    types: &Types<'_>,
    item: &'a ReferenceOr<T>,
    pointer: String,
    prefix: &str,
    components: Option<&'a indexmap::IndexMap<String, ReferenceOr<T>>>,
    what: &str,
) -> Result<(&'a T, String), Error> {
    match item {
        ReferenceOr::Item(t) => Ok((t, pointer)),
        ReferenceOr::Reference { reference } => component(reference, prefix, components).ok_or_else(|| {
            Error::at(
                types.file,
                &pointer,
                format!("{what} reference `{reference}` does not resolve"),
            )
        }),
    }
}

/// Path-level parameters overridden by operation-level ones of the same name and place, plus
/// any `{name}` in the path that no parameter declares (a string to fill in).
fn parameters(
    types: &mut Types<'_>,
    path: &str,
    item: &openapiv3::PathItem,
    op: &openapiv3::Operation,
    item_pointer: &str,
    pointer: &str,
    type_base: &str,
) -> Result<Vec<Param>, Error> {
    let components = types.doc.components.as_ref().map(|c| &c.parameters);
    let declared = item
        .parameters
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("{item_pointer}/parameters/{i}"), p))
        .chain(
            op.parameters
                .iter()
                .enumerate()
                .map(|(i, p)| (format!("{pointer}/parameters/{i}"), p)),
        );
    let mut resolved: Vec<(String, &Parameter)> = Vec::new();
    for (at, p) in declared {
        let (param, at) = resolve(types, p, at, "#/components/parameters/", components, "parameter")?;
        let data = param.parameter_data_ref();
        resolved.retain(|(_, q)| {
            !(q.parameter_data_ref().name == data.name && std::mem::discriminant(*q) == std::mem::discriminant(param))
        });
        resolved.push((at, param));
    }

    let mut params: Vec<Param> = Vec::new();
    // Arguments may not take the names of the generated method's own locals.
    let mut names: BTreeSet<String> = ["body", "params", "request", "response", "query", "ops"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for (at, param) in resolved {
        let data = param.parameter_data_ref();
        let location = match param {
            Parameter::Path { .. } => Location::Path,
            Parameter::Query { .. } => Location::Query,
            Parameter::Header { .. } => Location::Header,
            Parameter::Cookie { .. } => {
                let message = format!("cookie parameter `{}` is not sent by the SDK", data.name);
                types.warnings.push(types.file, &at, message);
                continue;
            }
        };
        let hint = format!("{type_base}{}", naming::type_name(&data.name));
        let ty = match &data.format {
            ParameterSchemaOrContent::Schema(s) => types.ty(s, &hint, &format!("{at}/schema")),
            ParameterSchemaOrContent::Content(c) => match json_media(c).and_then(|(_, m)| m.schema.as_ref()) {
                Some(s) => types.ty(s, &hint, &format!("{at}/content")),
                None => Ty::String,
            },
        };
        // OpenAPI's defaults: `form` query parameters explode, `simple` headers and paths do not.
        let explode = data.explode.unwrap_or(location == Location::Query);
        params.push(Param {
            json: data.name.clone(),
            name: claim(&mut names, &naming::field_name(&data.name)),
            location,
            ty,
            required: data.required || location == Location::Path,
            doc: data.description.clone(),
            explode,
        });
    }
    // Declared path parameters and the path's `{name}`s should match; real descriptions
    // sometimes name them differently (`callid` declared, `{callidParam}` in the path).
    let holes = placeholders(path);
    let mut undeclared: Vec<String> = holes
        .iter()
        .filter(|h| !params.iter().any(|p| p.location == Location::Path && p.json == **h))
        .cloned()
        .collect();
    let mut unused: Vec<usize> = (0..params.len())
        .filter(|&i| params[i].location == Location::Path && !holes.contains(&params[i].json))
        .collect();
    // By name first (`callid` is the `{callidParam}`), then in order when the counts agree.
    let squash = |s: &str| s.to_ascii_lowercase().replace(['_', '-', '.'], "");
    let mut pairs: Vec<(usize, String)> = Vec::new();
    unused.retain(|&i| {
        let declared = squash(&params[i].json);
        let found = undeclared.iter().position(|h| squash(h).starts_with(&declared));
        match found {
            Some(k) => {
                pairs.push((i, undeclared.remove(k)));
                false
            }
            None => true,
        }
    });
    if unused.len() == undeclared.len() {
        pairs.extend(unused.drain(..).zip(undeclared.drain(..)));
    }
    for (i, hole) in pairs {
        let message = format!(
            "path parameter `{}` is not in the path; taken as its `{{{hole}}}`",
            params[i].json
        );
        types.warnings.push(types.file, pointer, message);
        params[i].json = hole;
    }
    for &i in unused.iter().rev() {
        let message = format!("path parameter `{}` is not in the path; left out", params[i].json);
        types.warnings.push(types.file, pointer, message);
        params.remove(i);
    }
    for name in undeclared {
        let message = format!("path parameter `{name}` is not declared; taken as a string");
        types.warnings.push(types.file, pointer, message);
        params.push(Param {
            name: claim(&mut names, &naming::field_name(&name)),
            json: name,
            location: Location::Path,
            ty: Ty::String,
            required: true,
            doc: None,
            explode: false,
        });
    }
    Ok(params)
}

fn request_body(
    types: &mut Types<'_>,
    op: &openapiv3::Operation,
    pointer: &str,
    type_base: &str,
) -> Result<Option<Body>, Error> {
    let Some(rb) = &op.request_body else { return Ok(None) };
    let components = types.doc.components.as_ref().map(|c| &c.request_bodies);
    let at = format!("{pointer}/requestBody");
    let (rb, at): (&RequestBody, String) =
        resolve(types, rb, at, "#/components/requestBodies/", components, "request body")?;
    Ok(json_media(&rb.content).map(|(media, m)| {
        let base = diag::join(&format!("{at}/content"), media);
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
    }))
}

fn responses(
    types: &mut Types<'_>,
    op: &openapiv3::Operation,
    pointer: &str,
    type_base: &str,
) -> Result<Vec<Resp>, Error> {
    let components = types.doc.components.as_ref().map(|c| &c.responses);
    let has_success = op.responses.responses.keys().any(|s| match s {
        StatusCode::Code(c) => (200..300).contains(c),
        StatusCode::Range(r) => *r == 2,
    });
    let entries: Vec<(Status, &ReferenceOr<Response>, String)> = op
        .responses
        .responses
        .iter()
        .map(|(s, r)| match s {
            StatusCode::Code(c) => (Status::Code(*c), r, c.to_string()),
            StatusCode::Range(x) => (Status::Range(*x), r, format!("{x}XX")),
        })
        .chain(
            op.responses
                .default
                .iter()
                .map(|r| (Status::Default, r, "default".to_string())),
        )
        .collect();
    let success_count = entries.iter().filter(|(s, _, _)| s.is_success(has_success)).count();
    let mut out = Vec::new();
    for (status, r, key) in entries {
        let at = diag::join(&format!("{pointer}/responses"), &key);
        let (resp, at) = resolve(types, r, at, "#/components/responses/", components, "response")?;
        let success = status.is_success(has_success);
        let suffix = status.label().trim_start_matches("Status").to_string();
        let hint = match (success, success_count) {
            (true, 1) => format!("{type_base}Response"),
            (true, _) => format!("{type_base}Response{suffix}"),
            (false, _) => format!("{type_base}Error{suffix}"),
        };
        let (ty, examples) = match json_media(&resp.content) {
            Some((media, m)) => {
                let base = diag::join(&format!("{at}/content"), media);
                let ty = match &m.schema {
                    Some(s) => types.ty(s, &hint, &format!("{base}/schema")),
                    None => Ty::Json,
                };
                (Some(ty), example_pointers(&base, m))
            }
            None => (None, Vec::new()),
        };
        out.push(Resp {
            variant: status.label(),
            status,
            ty,
            success,
            doc: resp.description.clone(),
            examples,
        });
    }
    Ok(out)
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
