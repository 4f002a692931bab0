//! The crate around the models and operations: `Cargo.toml`, `lib.rs`, one `mod.rs` per API
//! with its client and regions, the runtime, and the example index test.

use super::{docs, docs_or};
use crate::manifest::{ApiEntry, AuthKind};
use crate::model::Api;
use crate::naming;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The runtime sources, copied verbatim (with the marker) into `src/runtime/`.
pub const RUNTIME: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../../../templates/runtime/mod.rs")),
    ("auth.rs", include_str!("../../../templates/runtime/auth.rs")),
    (
        "double_option.rs",
        include_str!("../../../templates/runtime/double_option.rs"),
    ),
    ("encode.rs", include_str!("../../../templates/runtime/encode.rs")),
    ("error.rs", include_str!("../../../templates/runtime/error.rs")),
    ("http.rs", include_str!("../../../templates/runtime/http.rs")),
    ("oauth.rs", include_str!("../../../templates/runtime/oauth.rs")),
    (
        "pagination.rs",
        include_str!("../../../templates/runtime/pagination.rs"),
    ),
    ("retry.rs", include_str!("../../../templates/runtime/retry.rs")),
    ("signing.rs", include_str!("../../../templates/runtime/signing.rs")),
    ("timestamp.rs", include_str!("../../../templates/runtime/timestamp.rs")),
    ("union.rs", include_str!("../../../templates/runtime/union.rs")),
    ("webhooks.rs", include_str!("../../../templates/runtime/webhooks.rs")),
];

const CARGO_TOML: &str = include_str!("../../../templates/Cargo.toml.in");
const LIB_RS: &str = include_str!("../../../templates/lib.rs.in");
const EXAMPLES_TEST: &str = include_str!("../../../templates/spec_examples.rs.in");

/// A template file with the generated-file marker in front.
pub fn copied(text: &str, from: &str, comment: &str) -> String {
    format!(
        "{comment} {}. Copied from templates/{from}: edit it there.\n\n{text}",
        super::MARKER
    )
}

/// What the workspace SDK adds to the template: its examples and its tests' dependencies.
pub const SDK_EXTRA: &str = include_str!("../../../templates/sdk-extra.toml.in");

/// What a standalone crate adds: it is its own workspace root.
pub const STANDALONE_EXTRA: &str = "[workspace]\n";

pub fn cargo_toml(apis: &[Api], name: &str, extra: &str) -> String {
    let mut features = format!(
        "default = [{}]\n",
        apis.iter()
            .map(|a| format!("\"{}\"", a.module))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for a in apis {
        features.push_str(&format!("# {} ({} {})\n{} = []\n", a.title, a.key, a.version, a.module));
    }
    let text = CARGO_TOML
        .replace("@FEATURES@", features.trim_end())
        .replace("@NAME@", name)
        .replace("@EXTRA@", extra);
    copied(&text, "Cargo.toml.in", "#")
}

/// `src/lib.rs`: the SDK's crate docs, or for a standalone crate the description's title.
pub fn lib_rs(apis: &[Api], standalone: bool) -> String {
    let mut out = if standalone {
        let title = apis.first().map_or("API", |a| a.title.as_str());
        format!(
            "// {}. Do not edit: regenerate it.\n\n//! A typed async client for {title}, generated from its OpenAPI description.\n#![warn(missing_docs)]\n#![forbid(unsafe_code)]\n\n#[rustfmt::skip]\npub mod runtime;\n",
            super::MARKER
        )
    } else {
        copied(LIB_RS, "lib.rs.in", "//")
    };
    for a in apis {
        // Generated modules are formatted by prettyplease; rustfmt is told to leave them be.
        out.push_str(&format!(
            "\n/// The {} API (feature `{}`).\n#[cfg(feature = \"{}\")]\n#[rustfmt::skip]\npub mod {};\n",
            a.title, a.module, a.module, a.module
        ));
    }
    out
}

fn auth_doc(kinds: &[AuthKind]) -> String {
    let names: Vec<&str> = kinds
        .iter()
        .map(|k| match k {
            AuthKind::Oauth2 => "OAuth2 client credentials (`Auth::oauth2`, or a token of your own as `Auth::bearer`)",
            AuthKind::Basic => "HTTP Basic with an access key (`Auth::basic`)",
            AuthKind::ServicePlanToken => "the service plan's API token (`Auth::bearer`)",
            AuthKind::Bearer => "a Bearer token (`Auth::bearer`)",
            AuthKind::ApplicationSigned => "signed requests with an application key and secret (`Auth::application`)",
        })
        .collect();
    if names.is_empty() {
        return " The description names no credentials.".to_string();
    }
    format!(" Accepted credentials: {}.", names.join("; "))
}

/// `src/<api>/mod.rs`: the API's docs, regions, client and module tree.
pub fn api_mod(api: &Api, entry: &ApiEntry) -> TokenStream {
    let mut doc_text = format!(
        "# {}\n\nGenerated from Sinch's `{}` description, version {}.",
        api.title, api.key, api.version
    );
    if let Some(d) = &api.description {
        doc_text = format!("{doc_text}\n\n{}", d.trim());
    }
    let module_doc = super::doc_lines(&doc_text);

    let region_idents: Vec<_> = entry
        .regions
        .iter()
        .map(|r| format_ident!("{}", naming::type_name(&r.name)))
        .collect();
    let region_urls: Vec<&str> = entry.regions.iter().map(|r| r.url.as_str()).collect();
    let region_docs = entry.regions.iter().map(|r| docs(&format!("`{}`: {}", r.name, r.url)));
    let single = entry.regions.len() == 1;
    let constructor = if single {
        let url = region_urls[0];
        let doc = format!(" A client for {url}.");
        quote! {
            #[doc = #doc]
            pub fn new(auth: crate::runtime::Auth) -> Result<Self, crate::runtime::BuildError> {
                Self::with_base_url(Region::Global.base_url(), auth)
            }
        }
    } else {
        quote! {
            /// A client for the region's host. Sinch keeps data in the region you choose, so there is no default.
            pub fn new(region: Region, auth: crate::runtime::Auth) -> Result<Self, crate::runtime::BuildError> {
                Self::with_base_url(region.base_url(), auth)
            }
        }
    };
    let region_enum_doc = if single {
        " The API's host (it has one).".to_string()
    } else {
        " The regions this API is served from.".to_string()
    };
    let client_doc = format!(" A client for the {} API.", api.title);
    let auth_doc = auth_doc(&entry.auth);

    let mut accepted: Vec<TokenStream> = Vec::new();
    for kind in &entry.auth {
        let runtime_kinds: &[&str] = match kind {
            AuthKind::Oauth2 => &["OAuth2", "Bearer"],
            AuthKind::Basic => &["Basic"],
            AuthKind::ServicePlanToken | AuthKind::Bearer => &["Bearer"],
            AuthKind::ApplicationSigned => &["Application"],
        };
        for k in runtime_kinds {
            let k = format_ident!("{}", k);
            let t = quote!(crate::runtime::AuthKind::#k);
            if !accepted.iter().any(|a| a.to_string() == t.to_string()) {
                accepted.push(t);
            }
        }
    }
    let title = &api.title;

    let groups: Vec<_> = api.groups.values().collect();
    let mod_decls = groups.iter().map(|g| {
        let m = naming::ident(&g.module);
        let d = docs_or(g.doc.as_deref(), &format!("Operations tagged `{}`.", g.tag));
        // A tag may share the API's name (`conversation::conversation`); that reads naturally.
        let inception = (g.module == api.module).then(|| quote!(#[allow(clippy::module_inception)]));
        quote!(#d #inception pub mod #m;)
    });
    let accessors = groups.iter().map(|g| {
        let m = naming::ident(&g.module);
        let t = format_ident!("{}", g.type_name);
        let d = format!(" Operations tagged `{}`.", g.tag);
        quote! {
            #[doc = #d]
            pub fn #m(&self) -> #m::#t<'_> {
                #m::#t { client: self }
            }
        }
    });

    quote! {
        #(#![doc = #module_doc])*

        /// Models: every schema of the description.
        pub mod types;
        #(#mod_decls)*

        #[doc = #region_enum_doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Region {
            #( #region_docs #region_idents, )*
        }

        impl Region {
            /// The base URL of the region's host.
            pub fn base_url(self) -> &'static str {
                match self {
                    #( Region::#region_idents => #region_urls, )*
                }
            }
        }

        /// The credentials this API accepts (from the manifest; empty means any).
        pub const ACCEPTED_AUTH: &[crate::runtime::AuthKind] = &[#(#accepted),*];

        #[doc = #client_doc]
        ///
        #[doc = #auth_doc]
        #[derive(Debug, Clone)]
        pub struct Client {
            pub(crate) http: crate::runtime::Http,
        }

        impl Client {
            #constructor

            /// A client for another base URL (a proxy, a mock server, a new Sinch host).
            pub fn with_base_url(base_url: impl Into<String>, auth: crate::runtime::Auth) -> Result<Self, crate::runtime::BuildError> {
                crate::runtime::auth::check(&auth, ACCEPTED_AUTH, #title)?;
                Ok(Self { http: crate::runtime::Http::new(base_url, auth)? })
            }

            /// The same client with another retry policy: for one call
            /// (`client.with_retry_policy(RetryPolicy::none()).…`) or for good.
            pub fn with_retry_policy(&self, policy: crate::runtime::RetryPolicy) -> Self {
                Self { http: self.http.clone().with_retry(policy) }
            }

            /// A client over an HTTP core you built (shared connection pool, custom `reqwest::Client`).
            pub fn from_http(http: crate::runtime::Http) -> Self {
                Self { http }
            }

            /// The HTTP core this client sends with (base URL, credentials, connection pool).
            pub fn http(&self) -> &crate::runtime::Http {
                &self.http
            }

            #(#accessors)*
        }
    }
}

/// `tests/spec_examples.rs`: every request and response example of every description, by
/// JSON pointer, with the type it must decode into.
pub fn examples_test(apis: &[Api]) -> String {
    let mut cases = TokenStream::new();
    for api in apis {
        let module = naming::ident(&api.module);
        let key = &api.key;
        let feature = &api.module;
        let mut entries = Vec::new();
        for g in api.groups.values() {
            for op in &g.operations {
                let body = op.body.iter().map(|b| (&b.ty, &b.examples));
                let resp = op
                    .responses
                    .iter()
                    .filter_map(|r| r.ty.as_ref().map(|t| (t, &r.examples)));
                for (t, examples) in body.chain(resp) {
                    let t = super::ty(t, &quote!(sinch_sdk::#module::types::));
                    for pointer in examples {
                        entries.push(quote!(Case { spec: #key, pointer: #pointer, check: super::round_trip::<#t> },));
                    }
                }
            }
        }
        cases.extend(quote! {
            #[cfg(feature = #feature)]
            cases.extend([#(#entries)*]);
        });
    }
    let tokens = quote! {
        use super::Case;

        /// Every example, by description and JSON pointer, with the type it must decode into.
        pub fn cases() -> Vec<Case> {
            #[allow(unused_mut)]
            let mut cases: Vec<Case> = Vec::new();
            #cases
            cases
        }
    };
    super::file(tokens, "example index")
}

/// `tests/spec_examples.rs`: the harness that checks the index.
pub fn examples_harness() -> String {
    copied(EXAMPLES_TEST, "spec_examples.rs.in", "//")
}
