//! Operations as async methods on a per-tag accessor of the API's client.

use super::{docs, docs_or, is_copy, is_scalar, ty};
use crate::model::operations::{Group, Location, Operation, Param, Resp, Status};
use crate::model::pagination::{FieldRef, Paging, PagingKind};
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
    let methods = group.operations.iter().map(|op| {
        let paged = op.paging.as_ref().map(|p| paging_methods(op, p, &types));
        let one = method(op, defs, &types);
        quote!(#one #paged)
    });
    let support = group.operations.iter().map(|op| support_types(op, &types));
    // The paging streams borrow the client, not the accessor, so they outlive `client.x()`.
    let impl_head = if group.operations.iter().any(|op| op.paging.is_some()) {
        quote!(impl<'a> #name<'a>)
    } else {
        quote!(impl #name<'_>)
    };
    quote! {
        #![doc = #tag_doc]
        #![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items, clippy::too_many_arguments, clippy::large_enum_variant, clippy::vec_init_then_push)]

        #[doc = #struct_doc]
        #[derive(Debug, Clone, Copy)]
        pub struct #name<'a> {
            pub(crate) client: &'a super::Client,
        }

        #impl_head {
            #(#methods)*
        }

        #(#support)*
    }
}

/// `#[doc(alias = "<operationId>")]`, where rustc allows it: not the item's own name, no
/// quotes, tabs or newlines, no leading or trailing space. (The operation id is always in the
/// method's docs as well.)
fn alias(id: &str, item: &str) -> TokenStream {
    let allowed = !id.is_empty()
        && id != item
        && !id.starts_with(' ')
        && !id.ends_with(' ')
        && !id
            .chars()
            .any(|c| c == '"' || c == '\'' || (c.is_whitespace() && c != ' '));
    if allowed {
        quote!(#[doc(alias = #id)])
    } else {
        TokenStream::new()
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
    let text_of = |item: TokenStream| {
        if is_scalar(inner, defs) {
            quote!(#item.to_string())
        } else {
            quote!(crate::runtime::encode::json_text(#item))
        }
    };
    let add = |text: TokenStream| match p.location {
        Location::Header => quote!(request = request.header(#json, #text);),
        _ => quote!(query.push((#json, #text));),
    };
    if !is_list {
        return add(text_of(value));
    }
    if p.explode && p.location == Location::Query {
        let one = add(text_of(quote!(item)));
        return quote!(for item in #value { #one });
    }
    // Not exploded (and always for headers): one comma-separated value.
    let item = text_of(quote!(item));
    add(quote!(#value.iter().map(|item| #item).collect::<Vec<_>>().join(",")))
}

fn method(op: &Operation, defs: &BTreeMap<String, TypeDef>, types: &TokenStream) -> TokenStream {
    let fn_name = naming::ident(&op.fn_name);
    let alias = alias(&op.id, &op.fn_name);
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
        // Forms are sent as forms; everything else the model types is JSON.
        let body_call = if b.media.starts_with("application/x-www-form-urlencoded") {
            quote!(request = request.form(body);)
        } else {
            quote!(request = request.json(body);)
        };
        setup.push(if b.required {
            body_call.clone()
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
        #alias
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

/// The method's return type (or the success variant) fixes the type the body decodes as.
fn decode_expr(r: &Resp) -> TokenStream {
    match &r.ty {
        Some(_) => quote!(response.json()),
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
                        let d = decode_expr(r);
                        quote!(#pat => #d.map(#enum_ty::#v),)
                    }
                    None => quote!(#pat => Ok(#enum_ty::#v),),
                });
            }
            quote!(#enum_ty)
        }
        (None, [only]) => {
            // One documented success: every 2xx status decodes as it.
            let d = decode_expr(only);
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
            // The variant's constructor fixes the body type the status decodes as.
            let error = match &r.ty {
                Some(_) => quote!(Err(response.error_as(#enum_ty::#v))),
                None => quote!(Err(response.into_error(Some(#enum_ty::#v)))),
            };
            if r.status == Status::Default {
                default_arm = quote!(_ => #error,);
            } else {
                let pat = pattern(&r.status);
                arms.push(quote!(#pat => #error,));
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

/// The `…_pages` and `…_stream` methods of a paginated operation: lazy streams of its
/// responses and of their items, each request made by the operation's own method.
fn paging_methods(op: &Operation, paging: &Paging, types: &TokenStream) -> TokenStream {
    let fn_name = naming::ident(&op.fn_name);
    let pages_name = format_ident!("{}_pages", op.fn_name);
    let stream_name = format_ident!("{}_stream", op.fn_name);
    let pages_alias = alias(&op.id, &pages_name.to_string());
    let stream_alias = alias(&op.id, &stream_name.to_string());
    let args = signature(op, types);
    let resp_ty = ty(&paging.response_ty, types);
    let item_ty = ty(&paging.item_ty, types);
    let err_ty = match &op.error_type {
        Some(e) => {
            let e = format_ident!("{}", e);
            quote!(#e)
        }
        None => quote!(crate::runtime::NoErrorBody),
    };
    let deprecated = op.deprecated.then(|| quote!(#[deprecated] #[allow(deprecated)]));

    // Owned copies of the borrowed arguments go into the stream; each request borrows them.
    let required: Vec<&Param> = op
        .params
        .iter()
        .filter(|p| p.location == Location::Path || p.required)
        .collect();
    let owned = required.iter().filter(|p| !is_copy(&p.ty)).map(|p| {
        let id = param_ident(p);
        if p.ty == Ty::String {
            quote!(let #id = #id.to_owned();)
        } else {
            quote!(let #id = #id.clone();)
        }
    });
    let per_request = required.iter().filter(|p| !is_copy(&p.ty)).map(|p| {
        let id = param_ident(p);
        quote!(let #id = #id.clone();)
    });
    let call_args: Vec<TokenStream> = required
        .iter()
        .map(|p| {
            let id = param_ident(p);
            if is_copy(&p.ty) { quote!(#id) } else { quote!(&#id) }
        })
        .chain(std::iter::once(quote!(&params)))
        .collect();
    let pass_args: Vec<TokenStream> = required
        .iter()
        .map(|p| {
            let id = param_ident(p);
            quote!(#id)
        })
        .chain(std::iter::once(quote!(params)))
        .collect();

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
            let p = naming::ident(&param.name);
            let n = naming::ident(&next.name);
            let next_token = if next.optional {
                quote!(#response.#n.as_deref())
            } else {
                quote!(Some(#response.#n.as_str()))
            };
            let stream = quote! {
                let first = params.#p.clone();
                crate::runtime::pagination::token_pages(
                    first,
                    move |token: Option<String>| {
                        #(#per_request)*
                        let mut params = params.clone();
                        params.#p = token;
                        async move { ops.#fn_name(#(#call_args),*).await }
                    },
                    |#response: &#resp_ty| #next_token,
                )
            };
            let how = format!(
                "Starts from `params.{}` when set (else the first page), then follows each\nresponse's `{}`; \
                 ends after a page without one.",
                param.name, next.json
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
            let p = naming::ident(&page.name);
            let s = naming::ident(&page_size.name);
            let (first, set) = if page.ty == Ty::I32 {
                (
                    quote!(params.#p.map_or(0, i64::from)),
                    quote!(Some(i32::try_from(page).unwrap_or(i32::MAX))),
                )
            } else {
                (quote!(params.#p.unwrap_or(0)), quote!(Some(page)))
            };
            let size = if page_size.ty == Ty::I32 {
                quote!(params.#s.map(i64::from))
            } else {
                quote!(params.#s)
            };
            let none = quote!(None);
            let page_value = page_field.as_ref().map_or(none.clone(), |f| number_field(f, &response));
            let size_value = page_size_field.as_ref().map_or(none, |f| number_field(f, &response));
            let count_value = number_field(count, &response);
            let stream = quote! {
                crate::runtime::pagination::numbered_pages(
                    #first,
                    #size,
                    move |page: i64| {
                        #(#per_request)*
                        let mut params = params.clone();
                        params.#p = #set;
                        async move { ops.#fn_name(#(#call_args),*).await }
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
                "Starts from page `params.{}` when set (else 0) and counts up; ends after an empty\npage or \
                 once `(page + 1) * page_size` reaches the response's `{}`.",
                page.name, count.json
            );
            (stream, how)
        }
    };

    let title = match op.summary.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => s.trim_end_matches('.').to_string(),
        None => format!("`{}`", op.id),
    };
    let lazily = "The next page is requested only when the stream is polled past the current one;\n\
                  the stream ends after the last page or after the first error. Pin it before polling\n\
                  (see [`pagination`](crate::runtime::pagination)).";
    let pages_doc = docs(&format!(
        "{title}: every page, fetched lazily.\n\n\
         Calls [`{f}`](Self::{f}) once per page.\n{how}\n{lazily}\n\n\
         `{} {}` (operation `{}`).",
        op.method,
        op.path,
        op.id,
        f = op.fn_name,
    ));
    let stream_doc = docs(&format!(
        "{title}: every item (`{items}`) of every page, fetched lazily.\n\n\
         The items of [`{f}_pages`](Self::{f}_pages), in order.\n{lazily}\n\n\
         `{} {}` (operation `{}`).",
        op.method,
        op.path,
        op.id,
        items = paging.items.json,
        f = op.fn_name,
    ));
    quote! {
        #pages_doc
        #pages_alias
        #deprecated
        pub fn #pages_name(&self, #(#args),*)
            -> impl futures_core::Stream<Item = Result<#resp_ty, crate::runtime::Error<#err_ty>>> + use<'a>
        {
            let ops = *self;
            #(#owned)*
            let params = params.clone();
            #stream
        }

        #stream_doc
        #stream_alias
        #deprecated
        pub fn #stream_name(&self, #(#args),*)
            -> impl futures_core::Stream<Item = Result<#item_ty, crate::runtime::Error<#err_ty>>> + use<'a>
        {
            crate::runtime::pagination::items(
                self.#pages_name(#(#pass_args),*),
                |#response: #resp_ty| #take_items,
            )
        }
    }
}
