//! Operations as request builders on a per-tag accessor of the API's client:
//! `client.messages().send(request).timeout(..).await`. The accessor method takes what the
//! operation requires; optional parameters, client-level overrides and per-call options are
//! chained setters; awaiting the builder (or `send`) makes the call, `send_with_response` also
//! gives status and headers, and paged listings have `pages` and `items` streams.

use super::{Items, docs, is_scalar, ty};
use crate::model::operations::{Body, BodyKind, Group, Location, Operation, Param, Resp, Status};
use crate::model::pagination::{FieldRef, Paging, PagingKind};
use crate::model::{Kind, Ty, TypeDef};
use crate::naming;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

type Defs = BTreeMap<String, TypeDef>;

/// Names the request builder itself uses: a parameter's setter that would clash gets `_param`.
const BUILDER_METHODS: &[&str] = &[
    "send",
    "send_with_response",
    "request_parts",
    "decode_response",
    "timeout",
    "header",
    "retry_policy",
    "pages",
    "items",
    "into_future",
    "clone",
    "fmt",
    "body",
];

/// Field names of the builder struct that parameters may not take.
const BUILDER_FIELDS: &[&str] = &["client", "options", "body"];

/// One tag's module: its accessor struct, one method per operation, and the operations'
/// request builders, success and error types (each operation's emitted and formatted apart, in
/// parallel: a large API's groups are most of its time).
pub fn module(group: &Group, defs: &Defs, what: &str) -> String {
    let mut head = Items::default();
    let out = head.text();
    for line in super::doc_lines(&format!("Operations tagged `{}`.", group.tag)) {
        let _ = writeln!(out, "//!{}", line.trim_end_matches(' '));
    }
    out.push_str(
        "#![allow(\n    clippy::doc_lazy_continuation,\n    clippy::doc_overindented_list_items,\n    clippy::too_many_arguments,\n    clippy::large_enum_variant\n)]\n",
    );
    let struct_doc = format!("The `{}` operations. Get one from the API's `Client`.", group.tag);
    super::doc_text(out, "", &struct_doc);
    let name = &group.type_name;
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, Copy)]\npub struct {name}<'a> {{\n    pub(crate) client: &'a super::Client,\n}}\nimpl<'a> {name}<'a> {{"
    );
    for op in &group.operations {
        accessor_method(out, op, op.body.as_ref(), None, defs);
        for alt in &op.alternates {
            accessor_method(out, op, Some(alt), Some(alt.kind), defs);
        }
    }
    out.push_str("}\n");
    super::file_in_parts(
        head,
        &group.operations,
        |op| {
            let types = quote!(super::types::);
            let mut items = Items::default();
            builder(op, defs, &types, &mut items);
            support_types(op, items.text());
            items
        },
        what,
    )
}

/// `#[doc(alias = "<operationId>")]`, where rustc allows it: not the item's own name, no
/// quotes, tabs or newlines, no leading or trailing space. (The operation id is always in the
/// method's docs as well.)
fn alias(id: &str, item: &str) -> Option<String> {
    let allowed = !id.is_empty()
        && id != item
        && !id.starts_with(' ')
        && !id.ends_with(' ')
        && !id
            .chars()
            .any(|c| c == '"' || c == '\'' || (c.is_whitespace() && c != ' '));
    allowed.then(|| format!("#[doc(alias = {})]", super::literal(id)))
}

/// The builder's field (and argument) name of each parameter.
fn field_names(op: &Operation) -> BTreeMap<String, String> {
    let mut taken: BTreeSet<String> = BUILDER_FIELDS.iter().map(|s| s.to_string()).collect();
    let mut out = BTreeMap::new();
    for p in &op.params {
        let n = naming::unique(&p.name, &taken);
        taken.insert(n.clone());
        out.insert(key(p), n);
    }
    out
}

fn key(p: &Param) -> String {
    format!("{:?}:{}", p.location, p.json)
}

fn method_doc(op: &Operation, media: Option<&Body>, alternate: bool) -> String {
    let mut doc_text = String::new();
    if let Some(s) = &op.summary {
        doc_text.push_str(s.trim());
        doc_text.push_str("\n\n");
    }
    if let Some(d) = &op.doc {
        doc_text.push_str(d.trim());
        doc_text.push_str("\n\n");
    }
    if alternate && let Some(b) = media {
        doc_text.push_str(&format!("This method sends the body as `{}`.\n\n", b.media));
    }
    doc_text.push_str(&format!("`{} {}` (operation `{}`).", op.method, op.path, op.id));
    if let Some(s) = &op.server {
        doc_text.push_str(&format!(" Served from `{s}`."));
    }
    doc_text
}

/// One method of the group's accessor (the primary one, or the one for another media type),
/// written as text: it takes what the operation requires and returns its request builder.
fn accessor_method(out: &mut String, op: &Operation, body: Option<&Body>, alternate: Option<BodyKind>, defs: &Defs) {
    let fn_name = match alternate {
        Some(k) => format!("{}_{}", op.fn_name, k.suffix()),
        None => naming::ident(&op.fn_name).to_string(),
    };
    super::doc_text(out, "    ", &method_doc(op, body, alternate.is_some()));
    if alternate.is_none()
        && let Some(alias) = alias(&op.id, &op.fn_name)
    {
        let _ = writeln!(out, "    {alias}");
    }
    if op.deprecated {
        out.push_str("    #[deprecated]\n");
    }
    let call = &op.call_type;
    let names = field_names(op);
    let mut args = vec!["&self".to_string()];
    let mut inits = String::new();
    for p in &op.params {
        let f = naming::ident(&names[&key(p)]);
        if p.client || !(p.location == Location::Path || p.required) {
            let _ = writeln!(inits, "            {f}: None,");
        } else {
            args.push(format!(
                "{f}: impl Into<{}>",
                super::ty_text_in(&p.ty, "super::types::")
            ));
            let _ = writeln!(inits, "            {f}: {f}.into(),");
        }
    }
    match body {
        Some(b) if body_is_argument(b, defs) => {
            let t = super::ty_text_in(&b.ty, "super::types::");
            args.push(format!("body: impl Into<{t}>"));
            let encode = encode_body(b, "&body", defs);
            let _ = writeln!(
                inits,
                "            body: {{\n                let body: {t} = body.into();\n                {encode}\n            }},"
            );
        }
        _ => inits.push_str("            body: Ok(crate::runtime::Body::Empty),\n"),
    }
    call_text(
        out,
        "    ",
        &format!("pub fn {fn_name}"),
        &args,
        &format!(" -> {call}<'a> {{"),
    );
    let _ = writeln!(
        out,
        "        {call} {{\n            client: self.client,\n{inits}            options: Default::default(),\n        }}\n    }}"
    );
}

/// Whether the accessor method takes the body as an argument: when the description requires
/// it, or when its type has required fields (a body that cannot be valid without them; many
/// descriptions leave `requestBody.required` out). Otherwise it is a setter.
fn body_is_argument(b: &Body, defs: &Defs) -> bool {
    let union = {
        let mut t = &b.ty;
        loop {
            match t {
                Ty::Named(n) => match defs.get(n).map(|d| &d.kind) {
                    Some(Kind::Alias(next)) => t = next,
                    Some(Kind::Union(_)) => break true,
                    _ => break false,
                },
                _ => break false,
            }
        }
    };
    b.required || union || struct_of(&b.ty, defs).is_some_and(|s| s.fields.iter().any(|f| f.required))
}

/// An expression encoding `value` (a reference to the body) into a `runtime::Body`, as a
/// `Result<Body, String>`.
fn encode_body(b: &Body, value: &str, defs: &Defs) -> String {
    let media = super::literal(&b.media);
    match b.kind {
        BodyKind::Json => format!("crate::runtime::Body::json({value}).map_err(|e| e.to_string())"),
        BodyKind::Form => format!("crate::runtime::Body::form({value}).map_err(|e| e.to_string())"),
        BodyKind::Binary => format!("Ok(crate::runtime::Body::file({value}, {media}))"),
        BodyKind::Text => format!("Ok(crate::runtime::Body::text({value}, {media}))"),
        BodyKind::Multipart if struct_of(&b.ty, defs).is_some() => format!("crate::runtime::Body::multipart({value})"),
        BodyKind::Multipart => format!("Ok(crate::runtime::Body::Multipart(crate::runtime::body::parts_of({value})))"),
    }
}

/// The struct a type names, through aliases.
pub(super) fn struct_of<'a>(t: &Ty, defs: &'a Defs) -> Option<&'a crate::model::Struct> {
    let mut t = t;
    for _ in 0..16 {
        let Ty::Named(n) = t else { return None };
        match &defs.get(n)?.kind {
            Kind::Struct(s) => return Some(s),
            Kind::Alias(next) => t = next,
            _ => return None,
        }
    }
    None
}

/// The names of the structs some operation sends as `multipart/form-data`.
pub fn multipart_types(groups: &BTreeMap<String, Group>, defs: &Defs) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for op in groups.values().flat_map(|g| &g.operations) {
        for b in op.body.iter().chain(&op.alternates) {
            if b.kind != BodyKind::Multipart {
                continue;
            }
            let mut t = &b.ty;
            while let Ty::Named(n) = t {
                match defs.get(n).map(|d| &d.kind) {
                    Some(Kind::Alias(next)) => t = next,
                    Some(Kind::Struct(_)) => {
                        out.insert(n.clone());
                        break;
                    }
                    _ => break,
                }
            }
        }
    }
    out
}

/// `impl ToParts` for a struct sent as `multipart/form-data`: text parts for scalars (arrays
/// repeat the field), files as file parts, anything else as JSON text.
pub fn to_parts(name: &str, s: &crate::model::Struct, defs: &Defs) -> TokenStream {
    let ident = format_ident!("{}", name);
    let parts = multipart_parts(s, defs);
    quote! {
        impl crate::runtime::body::ToParts for #ident {
            fn to_parts(&self) -> Vec<crate::runtime::Part> {
                let body = self;
                let mut parts: Vec<crate::runtime::Part> = Vec::new();
                #parts
                parts
            }
        }
    }
}

fn multipart_parts(s: &crate::model::Struct, defs: &Defs) -> TokenStream {
    let mut out = TokenStream::new();
    for f in &s.fields {
        let id = naming::ident(&f.name);
        if f.flatten {
            out.extend(quote!(parts.extend(crate::runtime::body::parts_of(&body.#id));));
            continue;
        }
        let name = &f.json;
        let push = |v: TokenStream, t: &Ty| -> TokenStream {
            match t {
                Ty::Binary => quote!(parts.push(crate::runtime::Part::file(#name, ::std::clone::Clone::clone(#v)));),
                t if is_scalar(t, defs) => {
                    quote!(parts.push(crate::runtime::Part::text(#name, ::std::string::ToString::to_string(#v)));)
                }
                _ => quote!(parts.push(crate::runtime::Part::json(#name, #v));),
            }
        };
        let one = match &f.ty {
            Ty::Vec(inner) if matches!(**inner, Ty::Binary) || is_scalar(inner, defs) => {
                let p = push(quote!(item), inner);
                quote!(for item in value { #p })
            }
            other => push(quote!(value), other),
        };
        out.extend(match (f.required, f.nullable) {
            (true, false) => quote!({ let value = &body.#id; #one }),
            (true, true) | (false, false) => quote!(if let Some(value) = &body.#id { #one }),
            (false, true) => quote!(if let Some(Some(value)) = &body.#id { #one }),
        });
    }
    if s.additional.is_some() {
        let used: BTreeSet<String> = s.fields.iter().map(|f| f.name.clone()).collect();
        let extra = naming::ident(&naming::unique("additional_properties", &used));
        out.extend(quote! {
            for (key, value) in &body.#extra {
                parts.push(crate::runtime::Part::text(key.clone(), crate::runtime::body::scalar_text(&serde_json::json!(value))));
            }
        });
    }
    out
}

/// Code that adds one query or header value (a reference to the parameter is `value`), as
/// statements at `indent`.
fn push_value(p: &Param, defs: &Defs, indent: &str) -> String {
    let json = super::literal(&p.json);
    let (inner, is_list) = match &p.ty {
        Ty::Vec(inner) => (inner.as_ref(), true),
        other => (other, false),
    };
    let text_of = |item: &str| {
        if is_scalar(inner, defs) {
            format!("{item}.to_string()")
        } else {
            format!("crate::runtime::encode::json_text({item})")
        }
    };
    let list = match p.location {
        Location::Header => "headers",
        _ => "query",
    };
    let add = |text: String| format!("request.{list}.push(({json}, {text}));");
    if !is_list {
        return format!("{indent}{}\n", add(text_of("value")));
    }
    if p.explode && p.location == Location::Query {
        return format!(
            "{indent}for item in value {{\n{indent}    {}\n{indent}}}\n",
            add(text_of("item"))
        );
    }
    // Not exploded (and always for headers): one comma-separated value.
    let joined = if is_scalar(inner, defs) {
        "crate::runtime::encode::joined(value)"
    } else {
        "crate::runtime::encode::joined_json(value)"
    };
    format!("{indent}{}\n", add(joined.to_string()))
}

/// The length of a line of generated text once in an API crate, where the runtime is
/// `sinch_sdk_runtime::` (the longest place it lives).
fn width(line: &str) -> usize {
    line.chars().count() + 3 * line.matches("crate::runtime::").count()
}

/// A call or signature: `head(args) tail` on one line when it fits in 100 columns, else one
/// argument per line, as rustfmt and prettyplease lay them out.
fn call_text(out: &mut String, indent: &str, head: &str, args: &[String], tail: &str) {
    let one = format!("{indent}{head}({}){tail}", args.join(", "));
    if width(&one) <= 100 {
        out.push_str(&one);
    } else {
        let _ = writeln!(out, "{indent}{head}(");
        for a in args {
            let _ = writeln!(out, "{indent}    {a},");
        }
        let _ = write!(out, "{indent}){tail}");
    }
    out.push('\n');
}

/// The request builder of one operation: its struct, setters and `send_with_response` written as
/// text (the same shapes for every operation, and most of a large API's generated code), the
/// pagination streams formatted from tokens, then the runtime's `send!`.
fn builder(op: &Operation, defs: &Defs, types: &TokenStream, items: &mut Items) {
    let call = &op.call_type;
    let id = super::literal(&op.id);
    let names = field_names(op);
    let (ok_ty, arms) = responses(op);
    let err_ty = match &op.error_type {
        Some(e) => e.clone(),
        None => "crate::runtime::NoErrorBody".to_string(),
    };
    let out = items.text();

    super::doc_text(
        out,
        "",
        &format!(
            "A request of operation `{}` (`{} {}`), ready to send: await it, or call `send`.\n\n\
             Set optional parameters and per-call options (`timeout`, `header`, `retry_policy`) first.",
            op.id, op.method, op.path
        ),
    );
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone)]\n#[must_use = \"a request does nothing until it is awaited or sent\"]\npub struct {call}<'a> {{\n    client: &'a super::Client,"
    );
    let mut setters = String::new();
    let mut setter_taken: BTreeSet<String> = BUILDER_METHODS.iter().map(|s| s.to_string()).collect();
    for p in &op.params {
        let f = naming::ident(&names[&key(p)]);
        let t = super::ty_text_in(&p.ty, "super::types::");
        let optional = p.client || !(p.location == Location::Path || p.required);
        if !optional {
            let _ = writeln!(out, "    {f}: {t},");
            continue;
        }
        let _ = writeln!(out, "    {f}: Option<{t}>,");
        let base = names[&key(p)].clone();
        let setter_name = if setter_taken.contains(&base) {
            naming::unique(&format!("{base}_param"), &setter_taken)
        } else {
            base
        };
        setter_taken.insert(setter_name.clone());
        let setter = naming::ident(&setter_name);
        if p.client {
            let doc = format!(
                "Sets `{}` for this call, instead of the client's (`with_{}`).",
                p.json, p.name
            );
            super::doc_text(&mut setters, "    ", &doc);
        } else {
            let place = match p.location {
                Location::Header => "header",
                _ => "query parameter",
            };
            let fallback = format!("Sets the `{}` {place}.", p.json);
            super::doc_text_or(&mut setters, "    ", p.doc.as_deref(), &fallback);
        }
        let args = ["mut self".to_string(), format!("value: impl Into<{t}>")];
        call_text(&mut setters, "    ", &format!("pub fn {setter}"), &args, " -> Self {");
        let _ = writeln!(setters, "        self.{f} = Some(value.into());\n        self\n    }}");
    }
    let _ = writeln!(
        out,
        "    body: Result<crate::runtime::Body, String>,\n    options: crate::runtime::CallOptions,\n}}"
    );
    // An optional body is a setter too.
    if let Some(b) = op.body.as_ref().filter(|b| !body_is_argument(b, defs)) {
        let t = super::ty_text_in(&b.ty, "super::types::");
        let encode = encode_body(b, "&value", defs);
        setters.push_str("    /// Sets the request body.\n");
        let args = ["mut self".to_string(), format!("value: impl Into<{t}>")];
        call_text(&mut setters, "    ", "pub fn body", &args, " -> Self {");
        let _ = writeln!(
            setters,
            "        let value: {t} = value.into();\n        self.body = {encode};\n        self\n    }}"
        );
    }
    if op.deprecated {
        out.push_str("#[allow(deprecated)]\n");
    }
    let _ = writeln!(out, "impl<'a> {call}<'a> {{");
    out.push_str(&setters);
    out.push_str("    crate::runtime::call::call_options!();\n");
    // No `async` body per operation: `send!` writes `send_with_response`, which hands what
    // `request_parts` builds and `decode_response` to the runtime's `call::Sending`.
    let _ = writeln!(
        out,
        "    #[inline]\n    fn request_parts(self) -> crate::runtime::call::Built<{err_ty}> {{"
    );
    if op.params.iter().any(|p| p.client) {
        out.push_str("        let client = self.client;\n");
    }
    for p in op.params.iter().filter(|p| p.client) {
        let f = naming::ident(&names[&key(p)]);
        let client_field = naming::ident(&p.name);
        let variable = match super::krate::setting_of(&p.json) {
            Some((_, variable)) => format!(", or `{variable}` for `SinchClient`"),
            None => String::new(),
        };
        let message = format!(
            "`{}` is not set: set it on the client (`with_{}`{variable}) or on this call (`.{}(..)`)",
            p.json,
            p.name,
            names[&key(p)]
        );
        let args = [
            format!("&self.{f}"),
            format!("&client.{client_field}"),
            id.clone(),
            super::literal(&message),
        ];
        call_text(
            out,
            "        ",
            &format!("let {f} = crate::runtime::call::client_param"),
            &args,
            "?;",
        );
    }
    let path = path_expr(op, &names, defs);
    let args = [
        id.clone(),
        format!("crate::runtime::reqwest::Method::{}", op.method),
        path,
    ];
    call_text(
        out,
        "        ",
        "let mut request = crate::runtime::Request::new",
        &args,
        ";",
    );
    if let Some(s) = &op.server {
        let _ = writeln!(out, "        request.server = Some({});", super::literal(s));
    }
    // What the success is read as: JSON unless the description says text or bytes.
    let accept =
        op.responses
            .iter()
            .find(|r| r.success && r.ty.is_some())
            .map(|r| match (r.kind, r.media.as_deref()) {
                (BodyKind::Json, _) | (_, None) => "application/json".to_string(),
                (_, Some(m)) if m.contains('*') => "*/*".to_string(),
                (_, Some(m)) => m.to_string(),
            });
    if let Some(a) = accept {
        let _ = writeln!(
            out,
            "        request.headers.push((\"accept\", {}.to_string()));",
            super::literal(&a)
        );
    }
    for p in op.params.iter().filter(|p| p.location != Location::Path) {
        let f = naming::ident(&names[&key(p)]);
        let push = push_value(p, defs, "            ");
        if p.required {
            let _ = write!(
                out,
                "        {{\n            let value = &self.{f};\n{push}        }}\n"
            );
        } else {
            let _ = write!(out, "        if let Some(value) = &self.{f} {{\n{push}        }}\n");
        }
    }
    let args = ["self.body".to_string(), id.clone()];
    call_text(
        out,
        "        ",
        "request.body = crate::runtime::call::body",
        &args,
        "?;",
    );
    let _ = writeln!(
        out,
        "        Ok((request, self.options))\n    }}\n    #[inline]\n    fn decode_response(\n        response: crate::runtime::Response,\n    ) -> crate::runtime::call::Decoded<{ok_ty}, {err_ty}> {{"
    );
    let unit = ok_ty == "()";
    out.push_str(if unit {
        "        match response.status() {\n"
    } else {
        "        let value = match response.status() {\n"
    });
    for (pattern, value) in &arms {
        let comma = if value.ends_with('}') { "" } else { "," };
        let one = format!("            {pattern} => {value}{comma}");
        if width(&one) <= 100 {
            let _ = writeln!(out, "{one}");
        } else if let Some(early) = value.strip_prefix("return ") {
            let _ = writeln!(
                out,
                "            {pattern} => {{\n                return {early};\n            }}"
            );
        } else {
            let _ = writeln!(
                out,
                "            {pattern} => {{\n                {value}\n            }}"
            );
        }
    }
    out.push_str(if unit {
        "        }\n        Ok(response.with(()))\n    }\n"
    } else {
        "        };\n        Ok(response.with(value))\n    }\n"
    });
    if let Some(paging) = &op.paging {
        let err: TokenStream = err_ty.parse().expect("an error type's path is Rust");
        let methods = paging_methods(op, paging, &names, types, &err);
        super::format_impl_items(out, methods, &op.id);
    }
    out.push_str("}\n");
    // `send` and `IntoFuture` are the same for every builder: the runtime's macro writes them.
    call_text(
        out,
        "",
        "crate::runtime::call::send!",
        &[call.clone(), ok_ty, err_ty],
        ";",
    );
}

/// The path with parameters percent-encoded (read from the builder's fields; client-level ones
/// from locals resolved before), as an expression of type `String`.
fn path_expr(op: &Operation, names: &BTreeMap<String, String>, defs: &Defs) -> String {
    let mut pieces: Vec<String> = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        let name = &rest[start + 1..start + len];
        let Some(p) = op
            .params
            .iter()
            .find(|p| p.location == Location::Path && p.json == name)
        else {
            break;
        };
        let literal = &rest[..start];
        if !literal.is_empty() {
            pieces.push(super::literal(literal));
        }
        let f = naming::ident(&names[&key(p)]);
        let value = if p.client { f.to_string() } else { format!("self.{f}") };
        pieces.push(if p.ty == Ty::String {
            format!("&crate::runtime::encode::path(&{value})")
        } else if is_scalar(&p.ty, defs) {
            format!("&crate::runtime::encode::path(&{value}.to_string())")
        } else {
            format!("&crate::runtime::encode::path(&crate::runtime::encode::json_text(&{value}))")
        });
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        pieces.push(super::literal(rest));
    }
    match pieces.as_slice() {
        [one] if !one.starts_with('&') => format!("{one}.to_string()"),
        _ => {
            let one_line = format!("[{}].concat()", pieces.join(", "));
            // An argument of `Request::new`, twelve columns in.
            if width(&one_line) + 13 <= 100 {
                one_line
            } else {
                let mut out = String::from("[\n");
                for p in &pieces {
                    let _ = writeln!(out, "                {p},");
                }
                out.push_str("            ]\n            .concat()");
                out
            }
        }
    }
}

fn pattern(s: &Status) -> String {
    match s {
        Status::Code(c) => c.to_string(),
        Status::Range(r) => format!("{}..={}", r * 100, r * 100 + 99),
        Status::Default => "_".to_string(),
    }
}

/// How a success body is read.
fn read(r: &Resp) -> &'static str {
    match (&r.ty, r.kind) {
        (None, _) => "()",
        (Some(_), BodyKind::Text) => "response.text()?",
        (Some(_), BodyKind::Binary) => "response.bytes()?",
        (Some(_), _) => "response.json()?",
    }
}

/// The success type, and the `match` arms over the status code (pattern, value): successes, then
/// errors.
fn responses(op: &Operation) -> (String, Vec<(String, String)>) {
    let successes: Vec<&Resp> = op.responses.iter().filter(|r| r.success).collect();
    let errors: Vec<&Resp> = op.responses.iter().filter(|r| !r.success).collect();
    let mut arms = Vec::new();
    let ok_ty = match (&op.success_type, successes.as_slice()) {
        (Some(enum_ty), _) => {
            for r in &successes {
                let v = &r.variant;
                let pat = if r.status == Status::Default {
                    "200..=299".to_string()
                } else {
                    pattern(&r.status)
                };
                arms.push(match &r.ty {
                    Some(_) => (pat, format!("{enum_ty}::{v}({})", read(r))),
                    None => (pat, format!("{enum_ty}::{v}")),
                });
            }
            enum_ty.clone()
        }
        (None, [only]) => {
            // One documented success: every 2xx status decodes as it.
            let value = if only.ty.is_some() { read(only) } else { "{}" };
            arms.push(("200..=299".to_string(), value.to_string()));
            match (&only.ty, only.kind) {
                (Some(_), BodyKind::Binary) => "crate::runtime::bytes::Bytes".to_string(),
                (Some(t), _) => super::ty_text_in(t, "super::types::"),
                (None, _) => "()".to_string(),
            }
        }
        (None, _) => {
            arms.push(("200..=299".to_string(), "{}".to_string()));
            "()".to_string()
        }
    };
    let mut default_error = "return Err(response.into_error(None))".to_string();
    if let Some(enum_ty) = &op.error_type {
        for r in &errors {
            let v = &r.variant;
            // The variant's constructor fixes the body type the status decodes as.
            let error = match &r.ty {
                Some(_) => format!("return Err(response.error_as({enum_ty}::{v}))"),
                None => format!("return Err(response.into_error(Some({enum_ty}::{v})))"),
            };
            if r.status == Status::Default {
                default_error = error;
            } else {
                arms.push((pattern(&r.status), error));
            }
        }
    }
    arms.push(("_".to_string(), default_error));
    (ok_ty, arms)
}

/// The per-operation types: several successes, typed errors.
fn support_types(op: &Operation, out: &mut String) {
    let variants = |rs: Vec<&Resp>, out: &mut String| {
        for r in rs {
            super::doc_text_or(out, "    ", Some(&r.doc), "Response");
            out.push_str("    ///\n");
            let _ = match &r.status {
                Status::Code(c) => writeln!(out, "    /// Status {c}."),
                Status::Range(x) => writeln!(out, "    /// Status {x}xx."),
                Status::Default => writeln!(out, "    /// Any other status."),
            };
            let v = &r.variant;
            let _ = match (&r.ty, r.kind) {
                (Some(_), BodyKind::Binary) if r.success => {
                    writeln!(out, "    {v}(crate::runtime::bytes::Bytes),")
                }
                (Some(t), _) => writeln!(out, "    {v}({}),", super::ty_text_in(t, "super::types::")),
                (None, _) => writeln!(out, "    {v},"),
            };
        }
    };
    let mut declare = |name: &str, doc: &str, rs: Vec<&Resp>| {
        super::doc_text(out, "", doc);
        let _ = writeln!(
            out,
            "#[derive(Debug, Clone, PartialEq)]\n#[non_exhaustive]\npub enum {name} {{"
        );
        variants(rs, out);
        out.push_str("}\n");
    };
    if let Some(st) = &op.success_type {
        let doc = format!("The successful responses of operation `{}`.", op.id);
        declare(st, &doc, op.responses.iter().filter(|r| r.success).collect());
    }
    if let Some(et) = &op.error_type {
        let doc = format!(
            "The documented error responses of operation `{}`, decoded by status.",
            op.id
        );
        declare(et, &doc, op.responses.iter().filter(|r| !r.success).collect());
    }
}

/// A numeric response field as an `Option<i64>`; `value` is the response.
fn number_field(f: &FieldRef, value: &TokenStream) -> TokenStream {
    let id = naming::ident(&f.name);
    match (f.optional, &f.ty) {
        (true, Ty::I32) => quote!(#value.#id.map(i64::from)),
        (true, _) => quote!(#value.#id),
        (false, Ty::I32) => quote!(Some(i64::from(#value.#id))),
        (false, _) => quote!(Some(#value.#id)),
    }
}

/// `pages` and `items` of a paginated operation's builder: lazy streams of its responses and
/// of their items, each page requested by a copy of the builder.
fn paging_methods(
    op: &Operation,
    paging: &Paging,
    names: &BTreeMap<String, String>,
    types: &TokenStream,
    err_ty: &TokenStream,
) -> TokenStream {
    let resp_ty = ty(&paging.response_ty, types);
    let item_ty = ty(&paging.item_ty, types);
    let field_of = |json: &str| {
        let p = op
            .params
            .iter()
            .find(|p| p.location == Location::Query && p.json == json)
            .expect("paging parameters are query parameters of the operation");
        naming::ident(&names[&key(p)])
    };
    let response = quote!(response);
    let items_field = naming::ident(&paging.items.name);
    let (take_items, count_items) = if paging.items.optional {
        (
            quote!(#response.#items_field.unwrap_or_default()),
            quote!(#response.#items_field.as_ref().map_or(0, Vec::len)),
        )
    } else {
        (quote!(#response.#items_field), quote!(#response.#items_field.len()))
    };
    let (stream, how) = match &paging.kind {
        PagingKind::Token { param, next } => {
            let p = field_of(&param.json);
            let n = naming::ident(&next.name);
            let next_token = if next.optional {
                quote!(#response.#n.as_deref())
            } else {
                quote!(Some(#response.#n.as_str()))
            };
            let stream = quote! {
                let first = self.#p.clone();
                crate::runtime::pagination::token_pages(
                    first,
                    move |token: Option<String>| {
                        let mut call = self.clone();
                        call.#p = token;
                        call.send()
                    },
                    |#response: &#resp_ty| #next_token,
                )
            };
            let how = format!(
                "Starts from the `{}` set on this request (else the first page), then follows each\nresponse's `{}`; \
                 ends after a page without one.",
                param.json, next.json
            );
            (stream, how)
        }
        PagingKind::PageNumber {
            page,
            page_size,
            count,
            page_field,
            page_size_field,
        } => {
            let p = field_of(&page.json);
            let s = field_of(&page_size.json);
            let (first, set) = if page.ty == Ty::I32 {
                (
                    quote!(self.#p.map_or(0, i64::from)),
                    quote!(Some(i32::try_from(page).unwrap_or(i32::MAX))),
                )
            } else {
                (quote!(self.#p.unwrap_or(0)), quote!(Some(page)))
            };
            let size = if page_size.ty == Ty::I32 {
                quote!(self.#s.map(i64::from))
            } else {
                quote!(self.#s)
            };
            let none = quote!(None);
            let page_value = page_field.as_ref().map_or(none.clone(), |f| number_field(f, &response));
            let size_value = page_size_field.as_ref().map_or(none, |f| number_field(f, &response));
            let count_value = number_field(count, &response);
            let stream = quote! {
                let first = #first;
                let size = #size;
                crate::runtime::pagination::numbered_pages(
                    first,
                    size,
                    move |page: i64| {
                        let mut call = self.clone();
                        call.#p = #set;
                        call.send()
                    },
                    |#response: &#resp_ty| crate::runtime::pagination::PageInfo {
                        page: #page_value,
                        page_size: #size_value,
                        count: #count_value,
                        items: #count_items,
                    },
                )
            };
            let how = format!(
                "Starts from the `{}` set on this request (else 0) and counts up; ends after an empty\npage or \
                 once `(page + 1) * page_size` reaches the response's `{}`.",
                page.json, count.json
            );
            (stream, how)
        }
    };
    let lazily = "The next page is requested only when the stream is polled past the current one;\n\
                  the stream ends after the last page or after the first error. Pin it before polling\n\
                  (see [`pagination`](crate::runtime::pagination)).";
    let pages_doc = docs(&format!("Every page, fetched lazily.\n\n{how}\n{lazily}"));
    let items_doc = docs(&format!(
        "Every item (`{}`) of every page, fetched lazily: the items of [`pages`](Self::pages), in order.\n\n{lazily}",
        paging.items.json
    ));
    quote! {
        #pages_doc
        pub fn pages(self) -> impl crate::runtime::futures_core::Stream<Item = Result<#resp_ty, crate::runtime::Error<#err_ty>>> + 'a {
            #stream
        }

        #items_doc
        pub fn items(self) -> impl crate::runtime::futures_core::Stream<Item = Result<#item_ty, crate::runtime::Error<#err_ty>>> + 'a {
            crate::runtime::pagination::items(self.pages(), |#response: #resp_ty| #take_items)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(text: &str) -> String {
        prettyplease::unparse(&syn::parse_file(text).expect("the text parses"))
    }

    #[test]
    fn calls_stay_on_one_line_while_they_fit_in_an_api_crate() {
        let mut out = String::new();
        call_text(
            &mut out,
            "    ",
            "pub fn get",
            &["&self".into(), "id: impl Into<String>".into()],
            " -> GetCall<'a> {",
        );
        assert_eq!(out, "    pub fn get(&self, id: impl Into<String>) -> GetCall<'a> {\n");
        // 97 columns here, 100 once `crate::runtime::` is `sinch_sdk_runtime::`: still one line.
        let mut out = String::new();
        let arg = format!("crate::runtime::{}", "x".repeat(97 - 4 - "f(".len() - ");".len() - 16));
        call_text(&mut out, "    ", "f", std::slice::from_ref(&arg), ";");
        assert_eq!(width(out.trim_end()), 100);
        assert_eq!(out.lines().count(), 1);
        // One column more breaks it, one argument per line with a trailing comma.
        let mut out = String::new();
        call_text(&mut out, "    ", "f", &[format!("{arg}y")], ";");
        assert_eq!(out, format!("    f(\n        {arg}y,\n    );\n"));
    }

    #[test]
    fn a_broken_call_is_laid_out_as_prettyplease_prints_it() {
        // The broken form of a call is what prettyplease itself prints for a call too long for
        // one line, so formatting the written text again leaves it as it was.
        let mut out = String::from("fn f() {\n");
        let args: Vec<String> = (0..4).map(|i| format!("\"{}\"", "a".repeat(20 + i))).collect();
        call_text(&mut out, "    ", "let x = g", &args, ";");
        out.push_str("}\n");
        assert_eq!(printed(&out), out);
    }
}
