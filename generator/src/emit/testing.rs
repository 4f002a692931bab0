//! The test server's tables (`sinch_sdk::testing`): per API crate a `testing.rs` with one
//! `OperationSpec` per operation (data, not code: method, path template, required parameters,
//! the body's validator, the default answer and its decoder), and in the facade the `Operation` enum, the list
//! of APIs and the `TestClient` impls.

use super::is_scalar;
use crate::manifest::ApiEntry;
use crate::model::operations::{BodyKind, Location, Operation, Resp, Status};
use crate::model::{Api, Ty, TypeDef};
use crate::naming;
use std::collections::{BTreeMap, BTreeSet};

/// The `Operation` variant of every operation, by API module and operation id: the call as users
/// write it, API, accessor and method in `UpperCamelCase` (`sinch.sms().batches().send(..)` is
/// `SmsBatchesSend`), unique over all APIs; the operation id is its doc alias.
pub fn variant_names(apis: &[(ApiEntry, Api)]) -> BTreeMap<(String, String), String> {
    let mut taken = BTreeSet::new();
    let mut out = BTreeMap::new();
    for (_, api) in apis {
        for (group, op) in api
            .groups
            .values()
            .flat_map(|g| g.operations.iter().map(move |op| (g, op)))
        {
            let name = naming::unique(
                &format!(
                    "{}{}{}",
                    naming::type_name(&api.module),
                    naming::type_name(&group.module),
                    naming::type_name(&op.fn_name)
                ),
                &taken,
            );
            taken.insert(name.clone());
            out.insert((api.module.clone(), op.id.clone()), name);
        }
    }
    out
}

/// An API's operations in table order: by group, then as the description lists them.
fn operations(api: &Api) -> impl Iterator<Item = &Operation> {
    api.groups.values().flat_map(|g| &g.operations)
}

/// Whether a parameter's value shows up under its own name (objects exploded into the query
/// do not).
fn named_in_request(t: &Ty, defs: &BTreeMap<String, TypeDef>) -> bool {
    match t {
        Ty::Vec(inner) => is_scalar(inner, defs),
        t => is_scalar(t, defs),
    }
}

/// The response an operation gives by default: its lowest documented success status.
fn default_response(op: &Operation) -> Option<&Resp> {
    op.responses.iter().filter(|r| r.success).min_by_key(|r| code(r))
}

fn code(r: &Resp) -> u16 {
    match r.status {
        Status::Code(c) => c,
        Status::Range(_) | Status::Default => 200,
    }
}

/// The answer an operation gives by default: the default response's status and sample body.
fn default_answer(resp: Option<&Resp>) -> (u16, String, String) {
    let Some(resp) = resp else {
        return (200, String::new(), String::new());
    };
    let media = resp.media.clone().unwrap_or_default();
    let body = match (resp.kind, &resp.sample, &resp.ty) {
        (_, _, None) | (BodyKind::Binary, _, _) => String::new(),
        (BodyKind::Text, Some(v), _) => crate::sample::text(v),
        (_, Some(v), _) => v.to_string(),
        (_, None, Some(_)) => "{}".to_string(),
    };
    let media = if body.is_empty() { String::new() } else { media };
    (code(resp), media, body)
}

/// `apis/<module>/src/testing.rs`: the API's table of operations.
pub fn api_table(api: &Api, names: &BTreeMap<(String, String), String>) -> String {
    use std::fmt::Write as _;
    let lit = super::literal;
    let mut specs = String::new();
    for op in operations(api) {
        let name = names
            .get(&(api.module.clone(), op.id.clone()))
            .cloned()
            .unwrap_or_default();
        let required = |location: Location| {
            op.params
                .iter()
                .filter(|p| p.location == location && p.required && named_in_request(&p.ty, &api.types))
                .map(|p| p.json.as_str())
                .collect::<Vec<_>>()
        };
        let body_required = op.body.as_ref().is_some_and(|b| b.required);
        let form = match &op.body {
            Some(b) if matches!(b.kind, BodyKind::Form | BodyKind::Multipart) => {
                super::operations::struct_of(&b.ty, &api.types)
            }
            _ => None,
        };
        let form_fields = form.iter().flat_map(|s| s.fields.iter().filter(|f| !f.flatten));
        let required_fields: Vec<&str> = form_fields
            .clone()
            .filter(|f| f.required)
            .map(|f| f.json.as_str())
            .collect();
        // Fields sent as text that must read as numbers or booleans (a list repeats its field).
        let typed_fields: Vec<String> = form_fields
            .filter_map(|f| {
                let scalar = match &f.ty {
                    Ty::Vec(inner) => inner.as_ref(),
                    t => t,
                };
                let kind = match scalar {
                    Ty::I32 | Ty::I64 => "Integer",
                    Ty::F32 | Ty::F64 => "Number",
                    Ty::Bool => "Boolean",
                    _ => return None,
                };
                Some(format!(
                    "({}, crate::runtime::testing::FieldKind::{kind})",
                    lit(&f.json)
                ))
            })
            .collect();
        let json = |t: &Ty| {
            format!(
                "Some(crate::runtime::testing::json::<{}>)",
                super::ty_text_in(t, "crate::types::")
            )
        };
        let validate = match &op.body {
            Some(b) if b.kind == BodyKind::Json && b.ty != Ty::Binary => json(&b.ty),
            _ => "None".to_string(),
        };
        let response = default_response(op);
        let answer = match response {
            Some(Resp {
                kind: BodyKind::Json,
                ty: Some(t),
                ..
            }) if *t != Ty::Binary => json(t),
            _ => "None".to_string(),
        };
        let (status, content_type, body) = default_answer(response);
        let _ = writeln!(
            specs,
            "    OperationSpec {{\n        \
             name: {},\n        \
             api: {},\n        \
             id: {},\n        \
             method: {},\n        \
             path: {},\n        \
             required_query: &[{}],\n        \
             required_headers: &[{}],\n        \
             body_required: {body_required},\n        \
             validate: {validate},\n        \
             required_fields: &[{}],\n        \
             typed_fields: &[{}],\n        \
             status: {status},\n        \
             answer: {answer},\n        \
             content_type: {},\n        \
             body: {},\n    \
             }},",
            lit(&name),
            lit(&api.module),
            lit(&op.id),
            lit(&op.method.to_ascii_uppercase()),
            lit(&op.path),
            super::literals(&required(Location::Query)),
            super::literals(&required(Location::Header)),
            super::literals(&required_fields),
            typed_fields.join(", "),
            lit(&content_type),
            lit(&body),
        );
    }
    let mut out = super::header();
    super::doc_lines(&format!(
        "The operations of the {} API as the test server (`sinch_sdk::testing`) serves them.",
        api.title
    ))
    .iter()
    .for_each(|line| {
        let _ = writeln!(out, "//!{}", line.trim_end_matches(' '));
    });
    let _ = write!(
        out,
        "use crate::runtime::testing::OperationSpec;\n\
         /// Every operation, by group and then in the description's order.\n\
         pub static OPERATIONS: &[OperationSpec] = &[\n\
         {specs}\
         ];\n"
    );
    out
}

/// The facade's `src/testing/operations.rs`: the `Operation` enum, the APIs the crate was
/// built with, and the `TestClient` impls.
pub fn facade(apis: &[(ApiEntry, Api)], names: &BTreeMap<(String, String), String>) -> String {
    use std::fmt::Write as _;
    let (mut variants, mut arms, mut all, mut tables, mut clients) = (
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    );
    for (_, api) in apis {
        let feature = super::literal(&api.module);
        let module = naming::escape(&api.module);
        for (i, op) in operations(api).enumerate() {
            let Some(name) = names.get(&(api.module.clone(), op.id.clone())) else {
                continue;
            };
            let doc = format!(
                "`{} {}`: `{}` of the {} API.",
                op.method.to_ascii_uppercase(),
                op.path,
                op.id,
                api.title
            );
            super::doc_text(&mut variants, "    ", &doc);
            if op.id != *name {
                let _ = writeln!(variants, "    #[doc(alias = {})]", super::literal(&op.id));
            }
            let _ = writeln!(variants, "    #[cfg(feature = {feature})]\n    {name},");
            let _ = writeln!(all, "        #[cfg(feature = {feature})]\n        Operation::{name},");
            let _ = writeln!(
                arms,
                "            #[cfg(feature = {feature})]\n            \
                 Operation::{name} => &crate::{module}::testing::OPERATIONS[{i}],"
            );
        }
        let _ = writeln!(
            tables,
            "    #[cfg(feature = {feature})]\n    \
             apis.push(Api {{\n        \
             table: crate::runtime::testing::ApiTable {{\n            \
             module: {feature},\n            \
             operations: crate::{module}::testing::OPERATIONS,\n        \
             }},\n        \
             regions: crate::{module}::Region::NAMES,\n    \
             }});"
        );
        let expect = super::literal(&format!("the test server's settings give {} its client", api.module));
        let _ = writeln!(
            clients,
            "#[cfg(feature = {feature})]\n\
             impl TestClient for crate::{module}::Client {{\n    \
             fn from_sinch(sinch: &crate::SinchClient) -> Self {{\n        \
             sinch.{module}().expect({expect})\n    \
             }}\n\
             }}"
        );
    }
    let mut out = super::header();
    let _ = write!(
        out,
        "use super::{{Api, TestClient}};\n\
         use crate::runtime::testing::OperationSpec;\n\
         /// Every operation of the APIs this crate was built with: the API's module and the\n\
         /// operation id of Sinch's description, in `UpperCamelCase`.\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\n\
         #[non_exhaustive]\n\
         pub enum Operation {{\n\
         {variants}\
         }}\n\
         impl Operation {{\n    \
         /// Every operation of the APIs this crate was built with, API by API.\n    \
         pub const ALL: &'static [Operation] = &[\n\
         {all}\
         \x20   ];\n    \
         /// What the test server knows of the operation.\n    \
         pub fn spec(self) -> &'static OperationSpec {{\n        \
         match self {{\n\
         {arms}\
         \x20       }}\n    \
         }}\n\
         }}\n\
         /// The APIs this crate was built with.\n\
         #[allow(unused_mut, clippy::vec_init_then_push)]\n\
         pub(super) fn apis() -> Vec<Api> {{\n    \
         let mut apis = Vec::new();\n\
         {tables}\
         \x20   apis\n\
         }}\n\
         {clients}"
    );
    out
}
