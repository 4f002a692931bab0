//! `tests/contract/index.rs`: one call of every operation through the SDK, for the contract
//! tests that run each API's description in Prism (`tests/contract.rs`). The arguments come
//! from the description at run time (its examples, or values made from its schemas: see
//! `generator::sample`), so the index only says how to call each method.

use crate::manifest::{ApiEntry, AuthKind};
use crate::model::operations::{BodyKind, Location};
use crate::model::{Api, Kind, Ty, TypeDef};
use crate::naming;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};

type Defs = BTreeMap<String, TypeDef>;

/// Whether the method takes the body as an argument (as `emit::operations` decides).
fn body_is_argument(b: &crate::model::operations::Body, defs: &Defs) -> bool {
    let mut t = &b.ty;
    let shape = loop {
        match t {
            Ty::Named(n) => match defs.get(n).map(|d| &d.kind) {
                Some(Kind::Alias(next)) => t = next,
                Some(Kind::Union(_)) => break true,
                Some(Kind::Struct(s)) => break s.fields.iter().any(|f| f.required),
                _ => break false,
            },
            _ => break false,
        }
    };
    b.required || shape
}

/// The credentials a contract test sends: the first kind the API accepts that needs no token
/// endpoint (Prism checks that they are present, not that they are valid).
fn auth(entry: &ApiEntry) -> TokenStream {
    let header = entry.api_key_header.clone().unwrap_or_else(|| "x-api-key".into());
    // Prism cannot check a signature: where the API takes Basic too, it gets Basic.
    if entry.auth.first() == Some(&AuthKind::ApplicationSigned) && entry.auth.contains(&AuthKind::Basic) {
        return quote!(Auth::basic("key", "secret"));
    }
    match entry.auth.first() {
        Some(AuthKind::Basic | AuthKind::MailgunApiKey) => quote!(Auth::basic("key", "secret")),
        Some(AuthKind::ServicePlanToken | AuthKind::Bearer | AuthKind::Oauth2) => quote!(Auth::bearer("token")),
        Some(AuthKind::ApplicationSigned) => quote!(Auth::application("app-key", "BeIukql3pTKJ8RGL5zo0DA==")),
        Some(AuthKind::ApiKey) => quote!(Auth::api_key(#header, "key")),
        None => quote!(Auth::None),
    }
}

pub fn index(apis: &[(ApiEntry, Api)]) -> String {
    use std::fmt::Write as _;
    let mut fns = String::new();
    let mut list = String::new();
    for (entry, api) in apis {
        let module = naming::ident(&api.module);
        let feature = &api.module;
        let key = &api.key;
        let auth = auth(entry);
        let client_fn = format_ident!("client_{}", api.module);
        let api_fn = format_ident!("api_{}", api.module);
        // Client-level parameters, from each call's own sample.
        let mut seen = BTreeSet::new();
        let client_params: Vec<TokenStream> = api
            .groups
            .values()
            .flat_map(|g| &g.operations)
            .flat_map(|o| &o.params)
            .filter(|p| p.client && seen.insert(p.name.clone()))
            .map(|p| {
                let with = format_ident!("with_{}", p.name);
                let json = &p.json;
                quote!(if let Some(v) = cx.text_param(#json) { client = client.#with(v); })
            })
            .collect();
        let build = quote! {
            sinch_sdk::#module::Client::with_base_url(cx.url.clone(), #auth)
                .expect("the client builds")
                .with_retry_policy(RetryPolicy::none())
        };
        let body = if client_params.is_empty() {
            build
        } else {
            quote! {
                let mut client = #build;
                #(#client_params)*
                client
            }
        };
        super::format_into(
            &mut fns,
            quote! {
                #[cfg(feature = #feature)]
                fn #client_fn(cx: &Cx) -> sinch_sdk::#module::Client {
                    #body
                }
            },
            "contract index",
        );
        // The calls are written as text: prettyplease prints a macro's arguments (`vec![..]`) as
        // running text, and laying out hundreds of them was a fortieth of a regeneration.
        let feature = super::literal(feature);
        let _ = write!(
            fns,
            "#[cfg(feature = {feature})]\nfn {api_fn}() -> Api {{\n    Api {{\n        key: {},\n        calls: vec![\n",
            super::literal(key)
        );
        let types = format!("sinch_sdk::{module}::types::");
        for g in api.groups.values() {
            let accessor = naming::ident(&g.module);
            for op in &g.operations {
                let id = super::literal(&op.id);
                let method = naming::ident(&op.fn_name);
                let mut args: Vec<String> = op
                    .params
                    .iter()
                    .filter(|p| !p.client && (p.location == Location::Path || p.required))
                    .map(|p| {
                        format!(
                            "cx.param::<{}>({})",
                            super::ty_text_in(&p.ty, &types),
                            super::literal(&p.json)
                        )
                    })
                    .collect();
                let mut setters = String::new();
                if let Some(b) = &op.body {
                    let media = super::literal(&b.media);
                    let value = match b.kind {
                        BodyKind::Binary => "cx.file()".to_string(),
                        BodyKind::Text => format!("cx.text_body({media})"),
                        _ => format!("cx.body::<{}>({media})", super::ty_text_in(&b.ty, &types)),
                    };
                    if body_is_argument(b, &api.types) {
                        args.push(value);
                    } else {
                        setters = format!(".body({value})");
                    }
                }
                let deprecated = if op.deprecated {
                    "                    #[allow(deprecated)]\n"
                } else {
                    ""
                };
                let _ = write!(
                    fns,
                    "            Call {{\n                id: {id},\n                run: |cx: Cx| Box::pin(async move {{\n                    let client = {client_fn}(&cx);\n{deprecated}                    let result = client.{accessor}().{method}({}){setters}.send().await;\n                    cx.outcome({id}, result)\n                }}),\n            }},\n",
                    args.join(", ")
                );
            }
        }
        fns.push_str("        ],\n    }\n}\n");
        let _ = writeln!(list, "    #[cfg(feature = {feature})]\n    apis.push({api_fn}());");
    }
    let mut out = super::header();
    super::format_into(
        &mut out,
        quote! {
            #![allow(clippy::needless_update, clippy::vec_init_then_push, unused_imports)]
            use super::{Api, Call, Cx};
            use sinch_sdk::runtime::{Auth, RetryPolicy};
        },
        "contract index",
    );
    out.push_str(&fns);
    let _ = write!(
        out,
        "/// Every API compiled in, with one call per operation.\npub fn apis() -> Vec<Api> {{\n    #[allow(unused_mut)]\n    let mut apis: Vec<Api> = Vec::new();\n{list}    apis\n}}\n"
    );
    out
}
