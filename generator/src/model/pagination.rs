//! Paginated list operations: which operations page through their results, and how.
//!
//! Two shapes are recognised, and only where they are unambiguous (a GET without a body, one
//! documented success that is an object, one array of items in it):
//! - token paging: an optional string query parameter `…token` (`page_token`, `pageToken`)
//!   and a string response field `next…` of the same name (`next_page_token`, `nextPageToken`);
//! - page numbers: optional integer query parameters `page` and `page_size` (`pageSize`) and
//!   an integer response field `count`, with `page` and `page_size` fields read when present.
//!
//! Anything else (several candidate parameters or arrays, a required page parameter, a
//! page number without a count) is left as a plain operation.

use super::operations::{Group, Location, Operation};
use super::{Field, Kind, Ty, TypeDef};
use std::collections::{BTreeMap, BTreeSet};

/// How an operation pages, and where its items are.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Paging {
    pub kind: PagingKind,
    /// The array of listed items in the response.
    pub items: FieldRef,
    /// The type of one item.
    pub item_ty: Ty,
    /// The response type (the operation's only success type).
    pub response_ty: Ty,
}

// One per paginated operation, a handful per API: matching on plain fields beats boxing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum PagingKind {
    /// The token of the next page goes in `param`; a response gives it in `next`.
    Token { param: ParamRef, next: FieldRef },
    /// Pages by number (from 0) and size; a response says how many items there are in all.
    PageNumber {
        page: ParamRef,
        page_size: ParamRef,
        count: FieldRef,
        page_field: Option<FieldRef>,
        page_size_field: Option<FieldRef>,
    },
}

/// An optional query parameter, i.e. a field of the operation's parameter struct.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct ParamRef {
    pub json: String,
    /// The Rust field name.
    pub name: String,
    /// The type with aliases resolved (`String`, `I32`, `I64`).
    pub ty: Ty,
}

/// A field of the response struct.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct FieldRef {
    pub json: String,
    /// The Rust field name.
    pub name: String,
    /// The type with aliases resolved.
    pub ty: Ty,
    /// Whether the field is an `Option` (not required, or nullable).
    pub optional: bool,
}

/// Marks the paginated operations of every group. The extra `…_pages` and `…_stream`
/// methods must not clash with another operation's name.
pub fn annotate(groups: &mut BTreeMap<String, Group>, defs: &BTreeMap<String, TypeDef>) {
    let taken: BTreeSet<String> = groups
        .values()
        .flat_map(|g| g.operations.iter().map(|o| o.fn_name.clone()))
        .collect();
    for op in groups.values_mut().flat_map(|g| g.operations.iter_mut()) {
        let free = ["pages", "stream"]
            .iter()
            .all(|s| !taken.contains(&format!("{}_{s}", op.fn_name)));
        op.paging = if free { detect(op, defs) } else { None };
    }
}

/// Lowercase without separators: `next_page_token`, `nextPageToken` -> `nextpagetoken`.
fn norm(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A type with aliases followed.
fn resolve(ty: &Ty, defs: &BTreeMap<String, TypeDef>) -> Ty {
    let mut ty = ty.clone();
    for _ in 0..16 {
        match &ty {
            Ty::Named(n) => match defs.get(n).map(|d| &d.kind) {
                Some(Kind::Alias(inner)) => ty = inner.clone(),
                _ => break,
            },
            _ => break,
        }
    }
    ty
}

fn is_integer(ty: &Ty) -> bool {
    matches!(ty, Ty::I32 | Ty::I64)
}

/// The paging of one operation, when its shape is unambiguous.
pub fn detect(op: &Operation, defs: &BTreeMap<String, TypeDef>) -> Option<Paging> {
    if op.method != "GET" || op.body.is_some() || op.params_type.is_none() || op.success_type.is_some() {
        return None;
    }
    let mut successes = op.responses.iter().filter(|r| r.success);
    let response_ty = successes.next()?.ty.clone()?;
    if successes.next().is_some() {
        return None;
    }
    let Ty::Named(name) = resolve(&response_ty, defs) else {
        return None;
    };
    let Kind::Struct(s) = &defs.get(&name)?.kind else {
        return None;
    };

    // Fields readable as a plain value or one `Option`.
    let fields: Vec<FieldRef> = s
        .fields
        .iter()
        .filter(|f| !f.boxed && (f.required || !f.nullable))
        .map(|f: &Field| FieldRef {
            json: f.json.clone(),
            name: f.name.clone(),
            ty: resolve(&f.ty, defs),
            optional: !f.required || f.nullable,
        })
        .collect();
    let field = |wanted: &str, ok: fn(&Ty) -> bool| -> Option<FieldRef> {
        let mut found = fields.iter().filter(|f| norm(&f.json) == wanted);
        let f = found.next()?;
        (found.next().is_none() && ok(&f.ty)).then(|| f.clone())
    };
    let params: Vec<ParamRef> = op
        .params
        .iter()
        .filter(|p| p.location == Location::Query && !p.required)
        .map(|p| ParamRef {
            json: p.json.clone(),
            name: p.name.clone(),
            ty: resolve(&p.ty, defs),
        })
        .collect();
    let param = |wanted: &str, ok: fn(&Ty) -> bool| -> Option<ParamRef> {
        let mut found = params.iter().filter(|p| norm(&p.json) == wanted);
        let p = found.next()?;
        (found.next().is_none() && ok(&p.ty)).then(|| p.clone())
    };

    let tokens: Vec<PagingKind> = params
        .iter()
        .filter(|p| p.ty == Ty::String && norm(&p.json).ends_with("token"))
        .filter_map(|p| {
            let next = field(&format!("next{}", norm(&p.json)), |t| *t == Ty::String)?;
            Some(PagingKind::Token { param: p.clone(), next })
        })
        .collect();
    let numbered = (|| {
        Some(PagingKind::PageNumber {
            page: param("page", is_integer)?,
            page_size: param("pagesize", is_integer)?,
            count: field("count", is_integer)?,
            page_field: field("page", is_integer),
            page_size_field: field("pagesize", is_integer),
        })
    })();
    let kind = match (tokens.as_slice(), numbered) {
        ([one], None) => one.clone(),
        ([], Some(n)) => n,
        _ => return None,
    };

    // The items: the only array, or the only one named like the path's last literal segment.
    let arrays: Vec<(&FieldRef, &Ty)> = fields
        .iter()
        .filter_map(|f| match &f.ty {
            Ty::Vec(item) => Some((f, item.as_ref())),
            _ => None,
        })
        .collect();
    let (items, item_ty) = match arrays.as_slice() {
        [one] => *one,
        _ => {
            let last = op.path.rsplit('/').find(|s| !s.is_empty() && !s.starts_with('{'))?;
            let mut named = arrays.iter().filter(|(f, _)| norm(&f.json) == norm(last));
            let one = named.next()?;
            if named.next().is_some() {
                return None;
            }
            *one
        }
    };
    Some(Paging {
        kind,
        items: items.clone(),
        item_ty: item_ty.clone(),
        response_ty,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn model(yaml: &str) -> super::super::Api {
        let file = Path::new("test.yaml");
        let mut warnings = crate::diag::Warnings::default();
        let raw = crate::load::parse_str(file, yaml, &mut warnings).unwrap();
        let doc = crate::normalise::normalise(file, raw, &mut warnings).unwrap();
        let entry = crate::manifest::ApiEntry::from_description("test", &doc);
        super::super::build(&entry, file, &doc, &mut warnings).unwrap()
    }

    fn paging(yaml_paths: &str, schemas: &str) -> Option<Paging> {
        let yaml = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{yaml_paths}\ncomponents:\n  schemas:\n{schemas}"
        );
        let api = model(&yaml);
        let op = &api.groups.values().next().unwrap().operations[0];
        op.paging.clone()
    }

    const LIST: &str = r##"
  /things:
    get:
      operationId: ListThings
      parameters:
        - {name: page_token, in: query, schema: {type: string}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/List"}}}}
"##;

    #[test]
    fn one_array_and_a_next_token_page() {
        let schemas = "    List:\n      type: object\n      properties:\n        things: {type: array, items: {type: string}}\n        next_page_token: {type: string}\n";
        let p = paging(LIST, schemas).expect("paginated");
        assert_eq!(p.items.name, "things");
        assert_eq!(p.item_ty, Ty::String);
        assert!(
            matches!(p.kind, PagingKind::Token { ref param, ref next } if param.name == "page_token" && next.name == "next_page_token")
        );
    }

    #[test]
    fn several_arrays_need_one_named_after_the_path() {
        let named = "    List:\n      properties:\n        things: {type: array, items: {type: string}}\n        warnings: {type: array, items: {type: string}}\n        next_page_token: {type: string}\n";
        assert_eq!(paging(LIST, named).unwrap().items.name, "things");
        let unnamed = "    List:\n      properties:\n        a: {type: array, items: {type: string}}\n        b: {type: array, items: {type: string}}\n        next_page_token: {type: string}\n";
        assert_eq!(paging(LIST, unnamed), None);
    }

    #[test]
    fn no_next_token_or_not_a_get_is_not_paginated() {
        let schemas = "    List:\n      properties:\n        things: {type: array, items: {type: string}}\n";
        assert_eq!(paging(LIST, schemas), None);
        let schemas = "    List:\n      properties:\n        things: {type: array, items: {type: string}}\n        next_page_token: {type: string}\n";
        assert_eq!(paging(&LIST.replace("get:", "post:"), schemas), None);
    }

    #[test]
    fn page_numbers_need_a_count() {
        let paths = r##"
  /things:
    get:
      operationId: ListThings
      parameters:
        - {name: page, in: query, schema: {type: integer}}
        - {name: page_size, in: query, schema: {type: integer, format: int32}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/List"}}}}
"##;
        let counted = "    List:\n      required: [count]\n      properties:\n        page: {type: integer}\n        count: {type: integer}\n        things: {type: array, items: {type: string}}\n";
        let p = paging(paths, counted).expect("paginated");
        match p.kind {
            PagingKind::PageNumber {
                page,
                page_size,
                count,
                page_field,
                page_size_field,
            } => {
                assert_eq!((page.ty, page_size.ty), (Ty::I64, Ty::I32));
                assert!(!count.optional);
                assert_eq!(page_field.map(|f| f.name), Some("page".into()));
                assert_eq!(page_size_field, None);
            }
            other => panic!("{other:?}"),
        }
        let uncounted = "    List:\n      properties:\n        page: {type: integer}\n        things: {type: array, items: {type: string}}\n";
        assert_eq!(paging(paths, uncounted), None);
    }
}
