//! Operations as async methods on a per-tag accessor of the API's client.

use super::{docs, docs_or, is_copy, is_scalar, ty};
use crate::model::operations::{Group, Location, Operation, Param, Resp, Status};
use crate::model::{Ty, TypeDef};
use crate::naming;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// One tag's module: its accessor struct, the operations, and their parameter, success and
/// error types.
pub fn module(group: &Group, defs: &BTreeMap<String, TypeDef>) -> TokenStream {
    let types = quote!(super::types::);
    let name = format_ident!("{}", group.type_name);
    let tag_doc = format!(" Operations tagged `{}`.", group.tag);
    let struct_doc = format!(" The `{}` operations. Get one from the API's `Client`.", group.tag);
    let methods = group.operations.iter().map(|op| method(op, defs, &types));
    let support = group.operations.iter().map(|op| support_types(op, &types));
    quote! {
        #![doc = #tag_doc]
        #![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items, clippy::too_many_arguments, clippy::large_enum_variant, clippy::vec_init_then_push)]

        #[doc = #struct_doc]
        #[derive(Debug, Clone, Copy)]
        pub struct #name<'a> {
            pub(crate) client: &'a super::Client,
        }

        impl #name<'_> {
            #(#methods)*
        }

        #(#support)*
    }
}

fn param_ident(p: &Param) -> proc_macro2::Ident {
    naming::ident(&p.name)
}

/// Arguments: path parameters, then required query and header parameters, then the body,
/// then a struct of the optional ones.
fn signature(op: &Operation, types: &TokenStream) -> Vec<TokenStream> {
    let mut args = Vec::new();
    for p in op.params.iter().filter(|p| p.location == Location::Path || p.required) {
        let id = param_ident(p);
        let t = if p.ty == Ty::String {
            quote!(&str)
        } else if is_copy(&p.ty) {
            ty(&p.ty, types)
        } else {
            let t = ty(&p.ty, types);
            quote!(&#t)
        };
        args.push(quote!(#id: #t));
    }
    if let Some(b) = &op.body {
        let t = ty(&b.ty, types);
        args.push(if b.required {
            quote!(body: &#t)
        } else {
            quote!(body: Option<&#t>)
        });
    }
    if let Some(pt) = &op.params_type {
        let pt = format_ident!("{}", pt);
        args.push(quote!(params: &#pt));
    }
    args
}

fn optional_params(op: &Operation) -> impl Iterator<Item = &Param> {
    op.params.iter().filter(|p| p.location != Location::Path && !p.required)
}

/// Code that adds one query or header value; `value` is a reference to the parameter.
fn push_value(p: &Param, value: TokenStream, defs: &BTreeMap<String, TypeDef>) -> TokenStream {
    let json = &p.json;
    let (inner, is_list) = match &p.ty {
        Ty::Vec(inner) => (inner.as_ref(), true),
        other => (other, false),
    };
    let item = if is_list { quote!(item) } else { value.clone() };
    let text = if is_scalar(inner, defs) {
        quote!(#item.to_string())
    } else {
        quote!(crate::runtime::encode::json_text(#item))
    };
    let add = match p.location {
        Location::Header => quote!(request = request.header(#json, #text);),
        _ => quote!(query.push((#json, #text));),
    };
    if is_list {
        quote!(for item in #value { #add })
    } else {
        add
    }
}

fn method(op: &Operation, defs: &BTreeMap<String, TypeDef>, types: &TokenStream) -> TokenStream {
    let fn_name = naming::ident(&op.fn_name);
    let args = signature(op, types);
    let id = &op.id;

    let mut doc_text = String::new();
    if let Some(s) = &op.summary {
        doc_text.push_str(s.trim());
        doc_text.push_str("\n\n");
    }
    if let Some(d) = &op.doc {
        doc_text.push_str(d.trim());
        doc_text.push_str("\n\n");
    }
    doc_text.push_str(&format!("`{} {}` (operation `{}`).", op.method, op.path, op.id));
    let doc = docs(&doc_text);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));

    // The path: literal pieces and percent-encoded parameters, joined.
    let mut pieces: Vec<TokenStream> = Vec::new();
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
            pieces.push(quote!(#literal));
        }
        let id = param_ident(p);
        pieces.push(if p.ty == Ty::String {
            quote!(&crate::runtime::encode::path(#id))
        } else if is_scalar(&p.ty, defs) {
            quote!(&crate::runtime::encode::path(&#id.to_string()))
        } else {
            quote!(&crate::runtime::encode::path(&crate::runtime::encode::json_text(#id)))
        });
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        pieces.push(quote!(#rest));
    }
    let path = match pieces.as_slice() {
        [one] if !one.to_string().starts_with('&') => one.clone(),
        _ => quote!(&[#(#pieces),*].concat()),
    };

    let method = format_ident!("{}", op.method);
    let mut setup = Vec::new();
    let has_query = op.params.iter().any(|p| p.location == Location::Query);
    if has_query {
        setup.push(quote!(let mut query: Vec<(&str, String)> = Vec::new();));
    }
    for p in op.params.iter().filter(|p| p.location != Location::Path) {
        let id = param_ident(p);
        if p.required {
            setup.push(push_value(p, quote!(#id), defs));
        } else {
            let push = push_value(p, quote!(value), defs);
            setup.push(quote!(if let Some(value) = &params.#id { #push }));
        }
    }
    if has_query {
        setup.push(quote!(request = request.query(&query);));
    }
    if let Some(b) = &op.body {
        setup.push(if b.required {
            quote!(request = request.json(body);)
        } else {
            quote!(if let Some(body) = body {
                request = request.json(body);
            })
        });
    }

    let (ok_ty, arms) = responses(op, types);
    let err_ty = match &op.error_type {
        Some(e) => {
            let e = format_ident!("{}", e);
            quote!(#e)
        }
        None => quote!(crate::runtime::NoErrorBody),
    };
    let mutable = if setup.is_empty() { quote!() } else { quote!(mut) };
    quote! {
        #doc
        #[doc(alias = #id)]
        #deprecated
        pub async fn #fn_name(&self, #(#args),*) -> Result<#ok_ty, crate::runtime::Error<#err_ty>> {
            let #mutable request = self.client.http.request(reqwest::Method::#method, #path);
            #(#setup)*
            let response = self.client.http.send(#id, request).await?;
            match response.status() {
                #(#arms)*
            }
        }
    }
}

fn decode_expr(r: &Resp, types: &TokenStream) -> TokenStream {
    match &r.ty {
        Some(t) => {
            let t = ty(t, types);
            quote!(response.json::<#t, _>())
        }
        None => quote!(Ok(())),
    }
}

fn pattern(s: &Status) -> TokenStream {
    match s {
        Status::Code(c) => {
            let c = proc_macro2::Literal::u16_unsuffixed(*c);
            quote!(#c)
        }
        Status::Range(r) => {
            let lo = proc_macro2::Literal::u16_unsuffixed(r * 100);
            let hi = proc_macro2::Literal::u16_unsuffixed(r * 100 + 99);
            quote!(#lo..=#hi)
        }
        Status::Default => quote!(_),
    }
}

/// The success type and the `match` arms over the status code.
fn responses(op: &Operation, types: &TokenStream) -> (TokenStream, Vec<TokenStream>) {
    let successes: Vec<&Resp> = op.responses.iter().filter(|r| r.success).collect();
    let errors: Vec<&Resp> = op.responses.iter().filter(|r| !r.success).collect();
    let mut arms = Vec::new();
    let ok_ty = match (&op.success_type, successes.as_slice()) {
        (Some(name), _) => {
            let enum_ty = format_ident!("{}", name);
            for r in &successes {
                let v = format_ident!("{}", r.variant);
                let pat = if r.status == Status::Default {
                    quote!(200..=299)
                } else {
                    pattern(&r.status)
                };
                arms.push(match &r.ty {
                    Some(_) => {
                        let d = decode_expr(r, types);
                        quote!(#pat => #d.map(#enum_ty::#v),)
                    }
                    None => quote!(#pat => Ok(#enum_ty::#v),),
                });
            }
            quote!(#enum_ty)
        }
        (None, [only]) => {
            // One documented success: every 2xx status decodes as it.
            let d = decode_expr(only, types);
            arms.push(quote!(200..=299 => #d,));
            match &only.ty {
                Some(t) => ty(t, types),
                None => quote!(()),
            }
        }
        (None, _) => {
            arms.push(quote!(200..=299 => Ok(()),));
            quote!(())
        }
    };
    let mut default_arm = quote!(_ => Err(response.into_error(None)),);
    if let Some(e) = &op.error_type {
        let enum_ty = format_ident!("{}", e);
        for r in &errors {
            let v = format_ident!("{}", r.variant);
            let typed = match &r.ty {
                Some(t) => {
                    let t = ty(t, types);
                    quote!(response.decode::<#t>().map(#enum_ty::#v))
                }
                None => quote!(Some(#enum_ty::#v)),
            };
            if r.status == Status::Default {
                default_arm = quote!(_ => { let typed = #typed; Err(response.into_error(typed)) });
            } else {
                let pat = pattern(&r.status);
                arms.push(quote!(#pat => { let typed = #typed; Err(response.into_error(typed)) }));
            }
        }
    }
    arms.push(default_arm);
    (ok_ty, arms)
}

/// The per-operation types: optional parameters, several successes, typed errors.
fn support_types(op: &Operation, types: &TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    if let Some(pt) = &op.params_type {
        let name = format_ident!("{}", pt);
        let doc = format!(
            " Optional parameters of [`{}`](super::Client) (operation `{}`).",
            op.fn_name, op.id
        );
        let fields = optional_params(op).map(|p| {
            let id = param_ident(p);
            let t = ty(&p.ty, types);
            let place = match p.location {
                Location::Header => "header",
                _ => "query parameter",
            };
            let d = docs_or(p.doc.as_deref(), &format!("The `{}` {place}.", p.json));
            quote!(#d pub #id: Option<#t>,)
        });
        out.extend(quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, Default, PartialEq)]
            pub struct #name { #(#fields)* }
        });
    }
    let variants = |rs: Vec<&Resp>| -> Vec<TokenStream> {
        rs.into_iter()
            .map(|r| {
                let v = format_ident!("{}", r.variant);
                let d = docs_or(Some(&r.doc), "Response");
                let status_doc = match &r.status {
                    Status::Code(c) => format!(" Status {c}."),
                    Status::Range(x) => format!(" Status {x}xx."),
                    Status::Default => " Any other status.".to_string(),
                };
                match &r.ty {
                    Some(t) => {
                        let t = ty(t, types);
                        quote!(#d #[doc = ""] #[doc = #status_doc] #v(#t),)
                    }
                    None => quote!(#d #[doc = ""] #[doc = #status_doc] #v,),
                }
            })
            .collect()
    };
    if let Some(st) = &op.success_type {
        let name = format_ident!("{}", st);
        let doc = format!(" The successful responses of operation `{}`.", op.id);
        let vs = variants(op.responses.iter().filter(|r| r.success).collect());
        out.extend(quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name { #(#vs)* }
        });
    }
    if let Some(et) = &op.error_type {
        let name = format_ident!("{}", et);
        let doc = format!(
            " The documented error responses of operation `{}`, decoded by status.",
            op.id
        );
        let vs = variants(op.responses.iter().filter(|r| !r.success).collect());
        out.extend(quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name { #(#vs)* }
        });
    }
    out
}
