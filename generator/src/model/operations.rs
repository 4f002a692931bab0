//! Operations: every path and method of a description as a function to emit.

use super::Ty;
use super::types::Types;
use crate::diag::{self, Error};
use crate::naming;
use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody, Response, StatusCode};
use std::collections::{BTreeMap, BTreeSet};

/// Operations that share a tag: one module and one accessor on the API's client.
#[derive(Debug, Clone, Hash)]
pub struct Group {
    /// Module and accessor name (`batches`).
    pub module: String,
    /// Struct name of the accessor (`Batches`).
    pub type_name: String,
    pub tag: String,
    pub doc: Option<String>,
    pub operations: Vec<Operation>,
}

#[derive(Debug, Clone, Hash)]
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
    /// The request body in the first media type the description lists that the SDK sends.
    pub body: Option<Body>,
    /// The same body in the description's other media types: a method each (`…_json`).
    pub alternates: Vec<Body>,
    /// The host the description serves this operation from, when it is not the API's own
    /// (a `servers` entry on the path item or operation).
    pub server: Option<String>,
    /// Name of the operation's request builder (`MessagesSendMessageCall`).
    pub call_type: String,
    pub responses: Vec<Resp>,
    /// Name of the enum of success responses, when there is more than one.
    pub success_type: Option<String>,
    /// Name of the enum of typed error bodies, when errors are documented.
    pub error_type: Option<String>,
    /// How the operation pages through a listing, when it does (see [`super::pagination`]).
    pub paging: Option<super::pagination::Paging>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Location {
    Path,
    Query,
    Header,
    Cookie,
}

#[derive(Debug, Clone, Hash)]
pub struct Param {
    pub json: String,
    pub name: String,
    pub location: Location,
    pub ty: Ty,
    pub required: bool,
    pub doc: Option<String>,
    /// For arrays: one `name=value` pair per item (`true`), or one comma-separated value.
    pub explode: bool,
    /// Set once on the API's client (the manifest's `client_params`), overridable per call.
    pub client: bool,
}

/// How a body is sent or read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BodyKind {
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`.
    Multipart,
    /// Raw bytes (a PDF, an attachment): a file to send, bytes received.
    Binary,
    /// Text (`text/plain`, `text/csv`).
    Text,
}

impl BodyKind {
    /// The suffix of the method for a body in this media type beside the primary one.
    pub fn suffix(self) -> &'static str {
        match self {
            BodyKind::Json => "json",
            BodyKind::Form => "form",
            BodyKind::Multipart => "multipart",
            BodyKind::Binary => "binary",
            BodyKind::Text => "text",
        }
    }
}

/// What a media type is to the SDK, or `None` when it cannot send or read it.
pub fn media_kind(media: &str) -> Option<BodyKind> {
    let m = media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    Some(match m.as_str() {
        "application/json" | "*/*" | "application/*" | "text/json" => BodyKind::Json,
        m if m.ends_with("+json") => BodyKind::Json,
        "application/x-www-form-urlencoded" => BodyKind::Form,
        "multipart/form-data" | "application/form-data" => BodyKind::Multipart,
        "application/csv" | "application/x-ndjson" => BodyKind::Text,
        m if m.starts_with("text/") => BodyKind::Text,
        "application/octet-stream" | "application/pdf" | "application/zip" | "application/gzip" => BodyKind::Binary,
        m if m.starts_with("image/") || m.starts_with("audio/") || m.starts_with("video/") => BodyKind::Binary,
        _ => return None,
    })
}

#[derive(Debug, Clone, Hash)]
pub struct Body {
    pub ty: Ty,
    pub required: bool,
    pub media: String,
    pub kind: BodyKind,
    pub doc: Option<String>,
    /// JSON pointers of the examples given for this body.
    pub examples: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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

#[derive(Debug, Clone, Hash)]
pub struct Resp {
    pub status: Status,
    /// `None` for a response without a body.
    pub ty: Option<Ty>,
    pub success: bool,
    pub doc: String,
    pub examples: Vec<String>,
    /// The variant name in the success or error enum.
    pub variant: String,
    /// How the body is read.
    pub kind: BodyKind,
    /// The media type it is read in, when it has a body.
    pub media: Option<String>,
    /// For a success with a body: the description's first example, else a value made from its
    /// schema (what the test server answers with).
    pub sample: Option<serde_json::Value>,
}

use crate::doc::METHODS_30 as METHODS;

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

/// Manifest facts the operations need.
#[derive(Debug, Clone, Default, Hash)]
pub struct Settings {
    /// Path parameters set once on the client (by their name in the description).
    pub client_params: Vec<String>,
    /// Method names chosen in the manifest, by operation id.
    pub renames: BTreeMap<String, String>,
}

/// A server URL with its variables replaced by their defaults.
fn server_url(server: &openapiv3::Server) -> String {
    let mut url = server.url.clone();
    for (name, v) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &v.default);
    }
    if url.starts_with("//") {
        url = format!("https:{url}");
    }
    url.trim_end_matches('/').to_string()
}

/// The part of the document's first server URL after the host, when it holds variables
/// (Porting's `https://porting.api.sinch.com/v1/projects/{projectId}`): it belongs to every
/// path, and its variables are path parameters.
/// A server URL's path, and its variables with their descriptions.
type ServerPrefix = (String, Vec<(String, Option<String>)>);

fn server_prefix(doc: &openapiv3::OpenAPI) -> Option<ServerPrefix> {
    let server = doc.servers.first()?;
    let rest = server.url.split_once("://").map_or(server.url.as_str(), |(_, r)| r);
    let path = &rest[rest.find('/')?..];
    if !path.contains('{') {
        return None;
    }
    let vars = placeholders(path)
        .into_iter()
        .map(|name| {
            let doc = server
                .variables
                .as_ref()
                .and_then(|v| v.get(&name))
                .and_then(|v| v.description.clone());
            (name, doc)
        })
        .collect();
    Some((path.trim_end_matches('/').to_string(), vars))
}

/// Converts every operation of the description, grouped by first tag.
pub fn convert(
    types: &mut Types<'_>,
    reserved: &BTreeSet<String>,
    settings: &Settings,
) -> Result<BTreeMap<String, Group>, Error> {
    let doc = types.doc;
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    let mut group_names: BTreeMap<String, String> = BTreeMap::new();
    let mut group_taken: BTreeSet<String> = reserved.clone();
    let mut group_types: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let tag_docs: BTreeMap<&str, Option<String>> = doc
        .tags
        .iter()
        .map(|t| (t.name.as_str(), t.description.clone()))
        .collect();
    let own_hosts: BTreeSet<String> = doc.servers.iter().map(server_url).collect();
    let prefix = server_prefix(doc);

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
            let type_base = naming::type_name(&id);

            let mut params = parameters(types, path, item, op, &item_pointer, &pointer, &type_base)?;
            let full_path = match &prefix {
                Some((p, vars)) => {
                    for (name, doc) in vars {
                        if !params.iter().any(|q| q.location == Location::Path && q.json == *name) {
                            let taken: BTreeSet<String> = params.iter().map(|q| q.name.clone()).collect();
                            params.insert(
                                0,
                                Param {
                                    json: name.clone(),
                                    name: naming::unique(&naming::field_name(name), &taken),
                                    location: Location::Path,
                                    ty: Ty::String,
                                    required: true,
                                    doc: doc.clone(),
                                    explode: false,
                                    client: false,
                                },
                            );
                        }
                    }
                    format!("{p}{path}")
                }
                None => path.clone(),
            };
            for p in params.iter_mut() {
                p.client = p.location == Location::Path && settings.client_params.contains(&p.json);
            }
            let (body, alternates) = request_bodies(types, op, &pointer, &type_base)?;
            let responses = responses(types, op, &pointer, &type_base)?;

            // The operation's own host, when the description serves it from another.
            let server = op
                .servers
                .first()
                .or(item.servers.first())
                .map(server_url)
                .filter(|u| !own_hosts.contains(u));

            let tag = op.tags.first().cloned().unwrap_or_else(|| "default".to_string());
            let module = group_names
                .entry(tag.clone())
                .or_insert_with(|| claim(&mut group_taken, &naming::field_name(&tag)))
                .clone();
            // Per-operation types live in the group's module; their names are unique in it
            // (`getThing` and `get_thing` both make `GetThing…`).
            let local = group_types.entry(module.clone()).or_insert_with(naming::prelude);
            let needs_params = params.iter().any(|p| p.location != Location::Path && !p.required);
            let params_type = needs_params.then(|| claim(local, &format!("{type_base}Params")));
            let success_type = (responses.iter().filter(|r| r.success).count() > 1)
                .then(|| claim(local, &format!("{type_base}Success")));
            let error_type = responses
                .iter()
                .any(|r| !r.success)
                .then(|| claim(local, &format!("{type_base}Error")));
            let call_type = claim(local, &format!("{type_base}Call"));
            let group = groups.entry(module.clone()).or_insert_with(|| Group {
                module,
                type_name: naming::type_name(&tag),
                tag: tag.clone(),
                doc: tag_docs.get(tag.as_str()).cloned().flatten(),
                operations: Vec::new(),
            });
            group.operations.push(Operation {
                fn_name: naming::field_name(&id),
                id,
                method: method.to_uppercase(),
                path: full_path,
                pointer,
                summary: op.summary.clone(),
                doc: op.description.clone(),
                deprecated: op.deprecated,
                params,
                params_type,
                body,
                alternates,
                server,
                call_type,
                responses,
                success_type,
                error_type,
                paging: None,
            });
        }
    }
    for g in groups.values_mut() {
        name_methods(g, settings);
    }
    // Type names local to a group module must not clash with its accessor struct or the prelude.
    for g in groups.values_mut() {
        let clash = g
            .operations
            .iter()
            .flat_map(|o| {
                [
                    o.params_type.as_ref(),
                    o.success_type.as_ref(),
                    o.error_type.as_ref(),
                    Some(&o.call_type),
                ]
            })
            .flatten()
            .any(|n| *n == g.type_name);
        if clash || naming::PRELUDE.contains(&g.type_name.as_str()) {
            g.type_name = format!("{}Operations", g.type_name);
        }
    }
    Ok(groups)
}

/// Method names without the stutter operation ids carry (`Messages_SendMessage` in the
/// `Messages` group is `send`, not `messages_send_message`): the tag's words are dropped from
/// the front, then the tag's noun from the end, each only where no two methods of the group
/// end up with one name. The manifest's renames come first.
fn name_methods(group: &mut Group, settings: &Settings) {
    let tag = naming::field_name(&group.tag);
    let singular = singular(&tag);
    let base: Vec<String> = group.operations.iter().map(|o| naming::field_name(&o.id)).collect();
    // gRPC-style ids (`NumberService_ListActiveNumbers`, `RcsSendersController_listSendersV1`):
    // the service or controller name before the first `_` says nothing to a caller.
    let service = |id: &str| {
        id.split_once('_')
            .filter(|(s, rest)| !rest.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric()))
            .map(|(s, _)| format!("{}_", naming::field_name(s)))
    };
    let base_unserviced: Vec<String> = group
        .operations
        .iter()
        .zip(&base)
        .map(|(o, b)| match service(&o.id) {
            Some(p) => b
                .strip_prefix(p.as_str())
                .filter(|r| !r.is_empty())
                .unwrap_or(b)
                .to_string(),
            None => b.clone(),
        })
        .collect();
    // A version every operation of the group ends with (`listSendersV1`, `createSenderV1`).
    let version = |n: &str| {
        n.rsplit_once('_')
            .map(|(_, v)| v.to_string())
            .filter(|v| v.len() > 1 && v.starts_with('v') && v[1..].chars().all(|c| c.is_ascii_digit()))
    };
    let common_version = match base_unserviced.first().and_then(|b| version(b)) {
        Some(v)
            if base_unserviced
                .iter()
                .all(|b| version(b).as_deref() == Some(v.as_str())) =>
        {
            Some(format!("_{v}"))
        }
        _ => None,
    };
    let base_unserviced: Vec<String> = base_unserviced
        .iter()
        .map(|b| match &common_version {
            Some(v) => b
                .strip_suffix(v.as_str())
                .filter(|r| !r.is_empty())
                .unwrap_or(b)
                .to_string(),
            None => b.clone(),
        })
        .collect();
    let lead = base_unserviced
        .iter()
        .map(|b| {
            [format!("{tag}_"), format!("{singular}_")]
                .iter()
                .find_map(|p| b.strip_prefix(p.as_str()))
                .unwrap_or(b)
                .to_string()
        })
        .collect::<Vec<_>>();
    let trail = lead
        .iter()
        .map(|b| {
            [
                format!("_{tag}"),
                format!("_{singular}"),
                format!("_{}", plural(&singular)),
            ]
            .iter()
            .find_map(|p| b.strip_suffix(p.as_str()))
            .unwrap_or(b)
            .to_string()
        })
        .collect::<Vec<_>>();
    let usable = |n: &str| !n.is_empty() && naming::escape(n) == n && !n.starts_with(|c: char| c.is_ascii_digit());
    let mut names: Vec<String> = base.clone();
    for stage in [&base_unserviced, &lead, &trail] {
        let proposed: Vec<String> = names
            .iter()
            .zip(stage.iter())
            .map(|(now, next)| if usable(next) { next.clone() } else { now.clone() })
            .collect();
        // Names two operations would share stay as they were.
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for n in &proposed {
            *counts.entry(n.as_str()).or_default() += 1;
        }
        names = names
            .iter()
            .zip(&proposed)
            .map(|(now, next)| {
                if counts[next.as_str()] == 1 {
                    next.clone()
                } else {
                    now.clone()
                }
            })
            .collect();
    }
    for (op, name) in group.operations.iter_mut().zip(names) {
        op.fn_name = settings.renames.get(&op.id).cloned().unwrap_or(name);
    }
    // Renames and the base names may still collide: the later one keeps its base name.
    let mut taken = BTreeSet::new();
    for (op, b) in group.operations.iter_mut().zip(base) {
        if !taken.insert(op.fn_name.clone()) {
            op.fn_name = claim(&mut taken, &b);
        }
    }
}

/// `number` -> `numbers`, `batch` -> `batches`, `capability` -> `capabilities`.
fn plural(word: &str) -> String {
    if let Some(stem) = word.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u'])) {
        format!("{stem}ies")
    } else if word.ends_with("ch") || word.ends_with("sh") || word.ends_with('s') || word.ends_with('x') {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// `messages` -> `message`, `batches` -> `batch`, `capabilities` -> `capability`.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = word
        .strip_suffix("ches")
        .or(word.strip_suffix("shes"))
        .or(word.strip_suffix("sses"))
    {
        format!("{stem}{}", &word[stem.len()..word.len() - 2])
    } else if let Some(stem) = word.strip_suffix('s') {
        stem.to_string()
    } else {
        word.to_string()
    }
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
    // (where it is defined, the parameter, where it is listed)
    let mut resolved: Vec<(String, &Parameter, String)> = Vec::new();
    for (listed, p) in declared {
        let (param, at) = resolve(
            types,
            p,
            listed.clone(),
            "#/components/parameters/",
            components,
            "parameter",
        )?;
        let data = param.parameter_data_ref();
        let same = |q: &Parameter| {
            q.parameter_data_ref().name == data.name && std::mem::discriminant(q) == std::mem::discriminant(param)
        };
        // An operation's parameter overrides the path item's; one listed twice in the same
        // list is a defect: the later one is kept.
        let level = |p: &str| p.rsplit_once("/parameters/").map(|(l, _)| l.to_string());
        if let Some((_, _, first)) = resolved.iter().find(|(_, q, _)| same(q))
            && level(first) == level(&listed)
        {
            let message = format!(
                "parameter `{}` is declared twice (first at #{first}); the later one is used",
                data.name
            );
            types.warnings.push(types.file, &listed, message);
        }
        resolved.retain(|(_, q, _)| !same(q));
        resolved.push((at, param, listed));
    }

    let mut params: Vec<Param> = Vec::new();
    // Arguments may not take the names of the generated method's own locals.
    let mut names: BTreeSet<String> = ["body", "params", "request", "response", "query", "ops"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for (at, param, _) in resolved {
        let data = param.parameter_data_ref();
        let location = match param {
            Parameter::Path { .. } => Location::Path,
            Parameter::Query { .. } => Location::Query,
            // OpenAPI: such header parameters "SHALL be ignored"; the SDK sets them itself.
            Parameter::Header { .. }
                if ["accept", "content-type", "authorization"].contains(&data.name.to_ascii_lowercase().as_str()) =>
            {
                let message = format!(
                    "header parameter `{}` is ignored, as OpenAPI says: the SDK sets it from the body and credentials",
                    data.name
                );
                types.warnings.push(types.file, &at, message);
                continue;
            }
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
            client: false,
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
            client: false,
        });
    }
    Ok(params)
}

/// The request body in each media type the SDK can send, the first listed first. Media types
/// it cannot send are reported; when none is left, the first is sent as JSON.
fn request_bodies(
    types: &mut Types<'_>,
    op: &openapiv3::Operation,
    pointer: &str,
    type_base: &str,
) -> Result<(Option<Body>, Vec<Body>), Error> {
    let Some(rb) = &op.request_body else {
        return Ok((None, Vec::new()));
    };
    let components = types.doc.components.as_ref().map(|c| &c.request_bodies);
    let at = format!("{pointer}/requestBody");
    let (rb, at): (&RequestBody, String) =
        resolve(types, rb, at, "#/components/requestBodies/", components, "request body")?;
    let mut chosen: Vec<(BodyKind, &String, &openapiv3::MediaType)> = Vec::new();
    for (media, m) in &rb.content {
        let place = diag::join(&format!("{at}/content"), media);
        match media_kind(media) {
            Some(kind) => {
                if media == "application/form-data" {
                    types.warnings.push(
                        types.file,
                        &place,
                        "`application/form-data` is not a media type; sent as `multipart/form-data`",
                    );
                }
                if !chosen.iter().any(|(k, _, _)| *k == kind) {
                    chosen.push((kind, media, m));
                }
            }
            None => types.warnings.push(
                types.file,
                &place,
                format!(
                    "media type `{media}` is not one the SDK sends (JSON, forms, multipart, bytes, text); left out"
                ),
            ),
        }
    }
    if chosen.is_empty()
        && let Some((media, m)) = rb.content.iter().next()
    {
        types.warnings.push(
            types.file,
            &diag::join(&format!("{at}/content"), media),
            format!("no media type the SDK sends: the body is sent as JSON, not `{media}`"),
        );
        chosen.push((BodyKind::Json, media, m));
    }
    let several = chosen.len() > 1;
    let mut bodies = Vec::new();
    for (i, (kind, media, m)) in chosen.into_iter().enumerate() {
        let base = diag::join(&format!("{at}/content"), media);
        let hint = if several && i > 0 {
            format!("{type_base}Request{}", naming::type_name(kind.suffix()))
        } else {
            format!("{type_base}Request")
        };
        let ty = match (kind, &m.schema) {
            (BodyKind::Binary, _) => Ty::Binary,
            (BodyKind::Text, _) => Ty::String,
            (_, Some(s)) => types.ty(s, &hint, &format!("{base}/schema")),
            (_, None) => Ty::Json,
        };
        bodies.push(Body {
            ty,
            required: rb.required,
            media: media.clone(),
            kind,
            doc: rb.description.clone(),
            examples: example_pointers(&base, m),
        });
    }
    let mut bodies = bodies.into_iter();
    let primary = bodies.next();
    Ok((primary, bodies.collect()))
}

/// The media type a response is read in: JSON first, then text, then bytes.
fn response_media(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(BodyKind, &String, &openapiv3::MediaType)> {
    let mut found: Vec<(BodyKind, &String, &openapiv3::MediaType)> = content
        .iter()
        .filter_map(|(k, m)| media_kind(k).map(|kind| (kind, k, m)))
        .filter(|(kind, _, _)| matches!(kind, BodyKind::Json | BodyKind::Text | BodyKind::Binary))
        .collect();
    found.sort_by_key(|(kind, _, _)| match kind {
        BodyKind::Json => 0,
        BodyKind::Text => 1,
        _ => 2,
    });
    found.into_iter().next()
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
    let empty_content = indexmap::IndexMap::new();
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
        // No content means no content, whatever the description documents for it.
        let bodiless = matches!(status, Status::Code(204 | 205 | 304));
        if bodiless && !resp.content.is_empty() {
            types.warnings.push(
                types.file,
                &diag::join(&at, "content"),
                format!(
                    "a {} response cannot have a body; the documented one is ignored",
                    status.label().trim_start_matches("Status")
                ),
            );
        }
        let content = if bodiless { &empty_content } else { &resp.content };
        let mut sample = None;
        let (ty, examples, kind, media) = match response_media(content) {
            Some((kind, media, m)) => {
                let base = diag::join(&format!("{at}/content"), media);
                let ty = match (kind, &m.schema) {
                    (BodyKind::Binary, _) => Ty::Binary,
                    (BodyKind::Text, _) => Ty::String,
                    (_, Some(s)) => types.ty(s, &hint, &format!("{base}/schema")),
                    (_, None) => Ty::Json,
                };
                let examples = example_pointers(&base, m);
                if success {
                    sample = test_server_answer(types, m, kind, &ty, examples.first().unwrap_or(&base));
                }
                (Some(ty), examples, kind, Some(media.clone()))
            }
            None => {
                if let Some(media) = content.keys().next() {
                    types.warnings.push(
                        types.file,
                        &diag::join(&format!("{at}/content"), media),
                        format!("media type `{media}` is not one the SDK reads; the body is kept raw in the response"),
                    );
                }
                (None, Vec::new(), BodyKind::Json, None)
            }
        };
        out.push(Resp {
            variant: status.label(),
            status,
            ty,
            success,
            doc: resp.description.clone(),
            examples,
            kind,
            media,
            sample,
        });
    }
    Ok(out)
}

/// What the test server answers a success with: the description's example, else a value made
/// from the schema. A JSON example that does not decode into the response's type (its own, or
/// the schemas' examples it is made of) is the description's defect: warned, and replaced by a
/// value made from the schema alone.
fn test_server_answer(
    types: &mut super::types::Types,
    m: &openapiv3::MediaType,
    kind: BodyKind,
    ty: &Ty,
    at: &str,
) -> Option<serde_json::Value> {
    let sample = crate::sample::example(types.doc, m)
        .or_else(|| m.schema.as_ref().map(|s| crate::sample::value(types.doc, s, false)))?;
    if kind != BodyKind::Json {
        return Some(sample);
    }
    let Err(why) = super::fits::fits(&sample, ty, &types.defs) else {
        return Some(sample);
    };
    let Some(schema) = &m.schema else {
        return Some(sample);
    };
    types.warnings.push(
        types.file,
        at,
        format!("the example does not fit its schema ({why}); the test server answers with a value made from the schema alone"),
    );
    Some(crate::sample::made(types.doc, schema, false))
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
