//! The crate around the models and operations: `Cargo.toml`, `lib.rs`, one `mod.rs` per API
//! with its client and regions, the runtime, and the example index test.

use crate::manifest::{ApiEntry, AuthKind};
use crate::model::Api;
use crate::naming;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// The runtime sources, copied verbatim (with the marker) into `src/runtime/`.
pub const RUNTIME: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../../../templates/runtime/mod.rs")),
    ("auth.rs", include_str!("../../../templates/runtime/auth.rs")),
    ("body.rs", include_str!("../../../templates/runtime/body.rs")),
    ("call.rs", include_str!("../../../templates/runtime/call.rs")),
    (
        "double_option.rs",
        include_str!("../../../templates/runtime/double_option.rs"),
    ),
    ("encode.rs", include_str!("../../../templates/runtime/encode.rs")),
    ("error.rs", include_str!("../../../templates/runtime/error.rs")),
    ("http.rs", include_str!("../../../templates/runtime/http.rs")),
    ("oauth.rs", include_str!("../../../templates/runtime/oauth.rs")),
    ("object.rs", include_str!("../../../templates/runtime/object.rs")),
    ("open_enum.rs", include_str!("../../../templates/runtime/open_enum.rs")),
    (
        "pagination.rs",
        include_str!("../../../templates/runtime/pagination.rs"),
    ),
    ("retry.rs", include_str!("../../../templates/runtime/retry.rs")),
    ("settings.rs", include_str!("../../../templates/runtime/settings.rs")),
    ("signing.rs", include_str!("../../../templates/runtime/signing.rs")),
    ("timestamp.rs", include_str!("../../../templates/runtime/timestamp.rs")),
    ("union.rs", include_str!("../../../templates/runtime/union.rs")),
    ("webhooks.rs", include_str!("../../../templates/runtime/webhooks.rs")),
    (
        "webhooks_axum.rs",
        include_str!("../../../templates/runtime/webhooks_axum.rs"),
    ),
];

/// The runtime's test server (`runtime/src/testing.rs`, feature `testing`): SDK workspace only.
pub const RUNTIME_TESTING: &str = include_str!("../../../templates/runtime/testing.rs");

/// The facade's `testing` module (`src/testing/mod.rs`); its tables are generated.
pub const FACADE_TESTING: &str = include_str!("../../../templates/sdk/testing.rs");

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

/// The contract tests' harness (`tests/contract.rs`); the index of calls is generated.
pub const CONTRACT_TEST: &str = include_str!("../../../templates/contract.rs.in");

/// The SDK's facade crate, runtime crate and API crates.
pub const SDK_CARGO_TOML: &str = include_str!("../../../templates/sdk/Cargo.toml.in");
pub const RUNTIME_CARGO_TOML: &str = include_str!("../../../templates/sdk/runtime.Cargo.toml.in");
/// The facade crate's README (the quick start crates.io and docs.rs show).
pub const SDK_README: &str = include_str!("../../../templates/sdk/README.md");
pub const API_CARGO_TOML: &str = include_str!("../../../templates/sdk/api.Cargo.toml.in");

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
            "// {}. Do not edit: regenerate it.\n\n//! A typed async client for {title}, generated from its OpenAPI description.\n#![warn(missing_docs)]\n#![forbid(unsafe_code)]\n\n#[rustfmt::skip]\npub mod runtime;\n// The runtime's macros name it `$crate::__runtime` (as in the SDK's runtime crate), so one\n// macro serves both places it lives.\n#[doc(hidden)]\npub use runtime as __runtime;\n",
            super::MARKER
        )
    } else {
        copied(LIB_RS, "lib.rs.in", "//")
    };
    // Written as rustfmt would, so `cargo fmt` leaves lib.rs as generated.
    let modules: String = apis.iter().map(|a| format!("    {:?},\n", a.module)).collect();
    out.push_str(&format!(
        "\n/// The API modules this crate was generated with (whether or not their feature is on).\npub const API_MODULES: &[&str] = &[\n{modules}];\n"
    ));
    if !standalone {
        out.push_str("\n#[rustfmt::skip]\nmod sinch;\npub use sinch::SinchClient;\n");
        out.push_str("\n#[cfg(feature = \"testing\")]\npub mod testing;\n");
    }
    for a in apis {
        if standalone {
            // Generated modules are formatted by prettyplease; rustfmt is told to leave them be.
            out.push_str(&format!(
                "\n/// The {} API (feature `{}`).\n#[cfg(feature = \"{}\")]\n#[rustfmt::skip]\npub mod {};\n",
                a.title, a.module, a.module, a.module
            ));
        } else {
            out.push_str(&format!(
                "\n/// The {} API (feature `{}`, crate `{}`).\n#[cfg(feature = \"{}\")]\npub use {} as {};\n",
                a.title,
                a.module,
                api_crate(a),
                a.module,
                api_crate(a).replace('-', "_"),
                a.module
            ));
        }
    }
    out
}

/// The crate of one API in the SDK's workspace: `sinch-sdk-sms-export`.
pub fn api_crate(api: &Api) -> String {
    format!("sinch-sdk-{}", api.module.replace('_', "-"))
}

/// The SDK's facade crate: its features turn on the API crates it re-exports.
pub fn sdk_cargo_toml(apis: &[Api], extra: &str) -> String {
    let mut features = format!(
        "default = [{}]\n",
        apis.iter()
            .map(|a| format!("\"{}\"", a.module))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut deps = String::new();
    let mut testing = vec!["\"dep:serde\"".to_string(), "\"sinch-sdk-runtime/testing\"".to_string()];
    testing.extend(apis.iter().map(|a| format!("\"{}?/testing\"", api_crate(a))));
    features.push_str(&format!(
        "# The test server `sinch_sdk::testing`, serving every API this crate is built with\ntesting = [{}]\n",
        testing.join(", ")
    ));
    for a in apis {
        let krate = api_crate(a);
        features.push_str(&format!(
            "# {} ({} {})\n{} = [\"dep:{krate}\"]\n",
            a.title, a.key, a.version, a.module
        ));
        deps.push_str(&format!(
            "{krate} = {{ path = \"apis/{}\", version = \"0.1.0\", optional = true }}\n",
            a.module
        ));
    }
    let text = SDK_CARGO_TOML
        .replace("@FEATURES@", features.trim_end())
        .replace("@API_DEPS@", deps.trim_end())
        .replace("@EXTRA@", extra);
    copied(&text, "sdk/Cargo.toml.in", "#")
}

/// One API crate's `Cargo.toml`.
pub fn api_cargo_toml(api: &Api) -> String {
    let text = API_CARGO_TOML.replace("@CRATE@", &api_crate(api)).replace(
        "@DESCRIPTION@",
        &format!(
            "Sinch's {} API (part of sinch-sdk, generated from Sinch's description)",
            api.title
        )
        .replace('"', "'"),
    );
    copied(&text, "sdk/api.Cargo.toml.in", "#")
}

/// The runtime crate's `lib.rs`: the runtime's module file with the crate's lints.
pub fn runtime_lib_rs() -> String {
    let module = RUNTIME
        .iter()
        .find(|(n, _)| *n == "mod.rs")
        .map(|(_, t)| *t)
        .unwrap_or_default();
    let docs: Vec<&str> = module.lines().take_while(|l| l.starts_with("//!")).collect();
    let rest: Vec<&str> = module.lines().skip(docs.len()).collect();
    let text = format!(
        "{}\n#![warn(missing_docs)]\n#![forbid(unsafe_code)]\n{}\n\n#[cfg(feature = \"testing\")]\npub mod testing;\n\n// The runtime's macros name it `$crate::__runtime` (as a standalone crate does, where the runtime\n// is a module), so one macro serves both places it lives.\n#[doc(hidden)]\npub use crate as __runtime;\n",
        docs.join("\n"),
        rest.join("\n")
    );
    copied(&text, "runtime/mod.rs", "//")
}

/// Generated code names the runtime `crate::runtime`; in the SDK's API crates it is a crate.
pub fn in_api_crate(text: &str) -> String {
    text.replace("crate::runtime::", "sinch_sdk_runtime::")
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
            AuthKind::ApiKey => "an API key in its own header (`Auth::api_key`)",
            AuthKind::MailgunApiKey => "HTTP Basic with the user `api` and your API key (`Auth::mailgun`)",
        })
        .collect();
    if names.is_empty() {
        return " The description names no credentials.".to_string();
    }
    format!(" Accepted credentials: {}.", names.join("; "))
}

/// `src/<api>/mod.rs`: the API's docs, regions, client and module tree.
pub fn api_mod(api: &Api, entry: &ApiEntry, out: &mut String) {
    use std::fmt::Write as _;
    let lit = super::literal;
    let mut doc_text = format!(
        "# {}\n\nGenerated from Sinch's `{}` description, version {}.",
        api.title, api.key, api.version
    );
    if let Some(d) = &api.description {
        doc_text = format!("{doc_text}\n\n{}", d.trim());
    }
    for line in super::doc_lines(&doc_text) {
        let _ = writeln!(out, "//!{}", line.trim_end_matches(' '));
    }
    out.push_str("/// Models: every schema of the description.\npub mod types;\n");
    let groups: Vec<_> = api.groups.values().collect();
    for g in &groups {
        super::doc_text_or(out, "", g.doc.as_deref(), &format!("Operations tagged `{}`.", g.tag));
        // A tag may share the API's name (`conversation::conversation`); that reads naturally.
        if g.module == api.module {
            out.push_str("#[allow(clippy::module_inception)]\n");
        }
        let _ = writeln!(out, "pub mod {};", naming::escape(&g.module));
    }

    let single = entry.regions.len() == 1;
    let default_region = entry.default_region().map(|d| d.name.as_str());
    let region_idents: Vec<String> = entry.regions.iter().map(|r| naming::type_name(&r.name)).collect();
    super::doc_text(
        out,
        "",
        if single {
            "The API's host (it has one)."
        } else {
            "The regions this API is served from."
        },
    );
    let default_derive = if default_region.is_some() { ", Default" } else { "" };
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash{default_derive})]\n#[non_exhaustive]\npub enum Region {{"
    );
    for (r, ident) in entry.regions.iter().zip(&region_idents) {
        let is_default = default_region == Some(r.name.as_str());
        let mut text = format!("`{}`: {}", r.name, r.url);
        if is_default && entry.regions.len() > 1 {
            text.push_str("\n\nThe default: Sinch routes each request to the right region itself.");
        }
        super::doc_text(out, "    ", &text);
        if is_default {
            out.push_str("    #[default]\n");
        }
        let _ = writeln!(out, "    {ident},");
    }
    out.push_str(
        "}\n\
         impl std::str::FromStr for Region {\n    \
         type Err = String;\n    \
         /// A region by its name (`eu`), as `SINCH_…_REGION` gives it; any case.\n    \
         fn from_str(name: &str) -> Result<Self, String> {\n",
    );
    for (r, ident) in entry.regions.iter().zip(&region_idents) {
        let _ = writeln!(
            out,
            "        if name.eq_ignore_ascii_case({}) {{\n            return Ok(Region::{ident});\n        }}",
            lit(&r.name)
        );
    }
    let names: Vec<String> = entry.regions.iter().map(|r| lit(&r.name)).collect();
    let _ = writeln!(
        out,
        "        Err(format!(\"`{{name}}` is not one of {{}}\", Region::NAMES.join(\", \")))\n    \
         }}\n\
         }}\n\
         impl Region {{\n    \
         /// The regions' names.\n    \
         pub const NAMES: &[&str] = &[{}];\n    \
         /// The base URL of the region's host.\n    \
         pub fn base_url(self) -> &'static str {{\n        \
         match self {{",
        names.join(", ")
    );
    for (r, ident) in entry.regions.iter().zip(&region_idents) {
        let _ = writeln!(out, "            Region::{ident} => {},", lit(&r.url));
    }
    out.push_str("        }\n    }\n}\n");

    let mut accepted: Vec<&str> = Vec::new();
    for kind in &entry.auth {
        let runtime_kinds: &[&str] = match kind {
            AuthKind::Oauth2 => &["OAuth2", "Bearer"],
            AuthKind::Basic => &["Basic"],
            AuthKind::ServicePlanToken | AuthKind::Bearer => &["Bearer"],
            AuthKind::ApplicationSigned => &["Application"],
            AuthKind::ApiKey => &["ApiKey"],
            AuthKind::MailgunApiKey => &["Basic"],
        };
        for k in runtime_kinds {
            if !accepted.contains(k) {
                accepted.push(k);
            }
        }
    }
    let accepted: Vec<String> = accepted
        .iter()
        .map(|k| format!("crate::runtime::AuthKind::{k}"))
        .collect();
    let _ = writeln!(
        out,
        "/// The credentials this API accepts (from the manifest; empty means any).\n\
         pub const ACCEPTED_AUTH: &[crate::runtime::AuthKind] = &[{}];",
        accepted.join(", ")
    );

    // Path parameters set once on the client (the manifest's `client_params`).
    let mut client_params: BTreeMap<String, String> = BTreeMap::new();
    for p in api
        .groups
        .values()
        .flat_map(|g| &g.operations)
        .flat_map(|o| &o.params)
        .filter(|p| p.client)
    {
        client_params.entry(p.name.clone()).or_insert_with(|| p.json.clone());
    }
    super::doc_text(out, "", &format!("A client for the {} API.", api.title));
    out.push_str("///\n");
    super::doc_text(out, "", auth_doc(&entry.auth).trim_start());
    out.push_str("#[derive(Debug, Clone)]\npub struct Client {\n    pub(crate) http: crate::runtime::Http,\n");
    for name in client_params.keys() {
        let _ = writeln!(out, "    pub(crate) {}: Option<String>,", naming::escape(name));
    }
    out.push_str("}\nimpl Client {\n");
    if single {
        super::doc_text(out, "    ", &format!("A client for {}.", entry.regions[0].url));
        out.push_str(
            "    pub fn new(auth: crate::runtime::Auth) -> Result<Self, crate::runtime::BuildError> {\n        \
             let mut client = Self::with_base_url(Region::Global.base_url(), auth)?;\n",
        );
    } else {
        super::doc_text(
            out,
            "    ",
            if default_region.is_some() {
                "A client for the region's host (`Region::default()` lets Sinch route each request)."
            } else {
                "A client for the region's host. Sinch keeps data in the region you choose, so there is no default."
            },
        );
        out.push_str(
            "    pub fn new(region: Region, auth: crate::runtime::Auth) -> Result<Self, crate::runtime::BuildError> {\n        \
             let mut client = Self::with_base_url(region.base_url(), auth)?;\n",
        );
    }
    let fields: Vec<String> = std::iter::once("http".to_string())
        .chain(client_params.keys().map(|n| format!("{}: None", naming::escape(n))))
        .collect();
    let _ = writeln!(
        out,
        "        client.http = client.http.with_declared_servers(true);\n        \
         Ok(client)\n    \
         }}\n    \
         /// A client for another base URL (a proxy, a mock server, a new Sinch host).\n    \
         pub fn with_base_url(base_url: impl Into<String>, auth: crate::runtime::Auth) -> Result<Self, crate::runtime::BuildError> {{\n        \
         crate::runtime::auth::check(&auth, ACCEPTED_AUTH, {title})?;\n        \
         Ok(Self::from_http(crate::runtime::Http::new(base_url, auth)?))\n    \
         }}\n    \
         /// The same client with another retry policy (set one for a single call with the\n    \
         /// call's `retry_policy`).\n    \
         pub fn with_retry_policy(&self, policy: crate::runtime::RetryPolicy) -> Self {{\n        \
         let mut client = self.clone();\n        \
         client.http = client.http.with_retry(policy);\n        \
         client\n    \
         }}\n    \
         /// Sends what the description serves from `host` (an operation's own server, such as\n    \
         /// Voice's `https://callingapi.sinch.com`) to `to` instead: a proxy, a test server.\n    \
         pub fn with_server(mut self, host: impl Into<String>, to: impl Into<String>) -> Self {{\n        \
         self.http = self.http.with_server(host, to);\n        \
         self\n    \
         }}\n    \
         /// A client over an HTTP core you built (shared connection pool, custom `reqwest::Client`).\n    \
         pub fn from_http(http: crate::runtime::Http) -> Self {{\n        \
         Self {{ {fields} }}\n    \
         }}",
        title = lit(&api.title),
        fields = fields.join(", ")
    );
    for (name, json) in &client_params {
        let f = naming::escape(name);
        super::doc_text(
            out,
            "    ",
            &format!("Sets `{json}` for every call (a call can still set its own)."),
        );
        let _ = writeln!(
            out,
            "    pub fn with_{name}(mut self, value: impl Into<String>) -> Self {{\n        \
             self.{f} = Some(value.into());\n        \
             self\n    \
             }}"
        );
        super::doc_text(
            out,
            "    ",
            &format!("The `{json}` calls use unless they set their own."),
        );
        let _ = writeln!(
            out,
            "    pub fn {f}(&self) -> Option<&str> {{\n        self.{f}.as_deref()\n    }}"
        );
    }
    out.push_str(
        "    /// The HTTP core this client sends with (base URL, credentials, connection pool).\n    \
         pub fn http(&self) -> &crate::runtime::Http {\n        \
         &self.http\n    \
         }\n",
    );
    for g in &groups {
        let m = naming::escape(&g.module);
        let t = &g.type_name;
        super::doc_text(out, "    ", &format!("Operations tagged `{}`.", g.tag));
        let _ = writeln!(
            out,
            "    pub fn {m}(&self) -> {m}::{t}<'_> {{\n        {m}::{t} {{ client: self }}\n    }}"
        );
    }
    out.push_str("}\n");
}

/// `tests/spec_examples.rs`: every request and response example of every description, by
/// JSON pointer, with the type it must decode into.
pub fn examples_test(apis: &[Api]) -> String {
    use std::fmt::Write as _;
    // Written as text: thousands of entries of one shape, which prettyplease took a thirtieth of
    // a regeneration to lay out.
    let mut out = super::header();
    out.push_str(
        "use super::Case;\n\
         /// Every example, by description and JSON pointer, with the type it must decode into.\n\
         pub fn cases() -> Vec<Case> {\n    #[allow(unused_mut)]\n    let mut cases: Vec<Case> = Vec::new();\n",
    );
    for api in apis {
        let _ = write!(
            out,
            "    #[cfg(feature = {})]\n    cases\n        .extend([\n",
            super::literal(&api.module)
        );
        let key = super::literal(&api.key);
        let types = format!("sinch_sdk::{}::types::", naming::ident(&api.module));
        for g in api.groups.values() {
            for op in &g.operations {
                let body = op.body.iter().map(|b| (&b.ty, &b.examples));
                let resp = op
                    .responses
                    .iter()
                    .filter_map(|r| r.ty.as_ref().map(|t| (t, &r.examples)));
                for (t, examples) in body.chain(resp) {
                    let t = super::ty_text_in(t, &types);
                    for pointer in examples {
                        let _ = write!(
                            out,
                            "            Case {{\n                spec: {key},\n                pointer: {},\n                check: super::round_trip::<{t}>,\n            }},\n",
                            super::literal(pointer)
                        );
                    }
                }
            }
        }
        out.push_str("        ]);\n");
    }
    out.push_str("    cases\n}\n");
    out
}

/// `tests/spec_examples.rs`: the harness that checks the index.
pub fn examples_harness() -> String {
    copied(EXAMPLES_TEST, "spec_examples.rs.in", "//")
}

/// The setting that fills a client-level path parameter, by its name in the descriptions.
pub(crate) fn setting_of(param: &str) -> Option<(&'static str, &'static str)> {
    match param {
        "project_id" | "projectId" => Some(("project_id", "SINCH_PROJECT_ID")),
        "service_plan_id" => Some(("sms_service_plan_id", "SINCH_SMS_SERVICE_PLAN_ID")),
        "domain_name" => Some(("mailgun_domain", "SINCH_MAILGUN_DOMAIN")),
        _ => None,
    }
}

/// `src/sinch.rs`: [`SinchClient`], one entry point that hands out every API's client over
/// one connection pool and one OAuth2 token.
pub fn sinch_rs(apis: &[(ApiEntry, Api)]) -> TokenStream {
    let accessors = apis.iter().map(|(entry, api)| {
        let module = naming::ident(&api.module);
        let feature = &api.module;
        let name = &api.module;
        let doc = format!(" The {} API's client, from the settings.", api.title);
        let region = if entry.regions.len() == 1 {
            quote!(let region = crate::#module::Region::Global;)
        } else {
            let variable = format!("SINCH_{}_REGION", api.module.to_ascii_uppercase());
            // Unset: the host Sinch routes itself where there is one, else an error naming it.
            let unset = if entry.default_region().is_some() {
                quote!(crate::#module::Region::default())
            } else {
                let names = entry.regions.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join(", ");
                let what = format!("the region ({names})");
                quote!(return Err(crate::runtime::SettingsError::missing(#name, #variable, #what)))
            };
            quote! {
                let region: crate::#module::Region = match self.settings.regions.get(#name) {
                    Some(r) => r.parse().map_err(|problem: String| crate::runtime::SettingsError::new(#name, #variable, problem))?,
                    None => #unset,
                };
            }
        };
        // Credentials in the manifest's order of preference: the first the settings can give.
        let mut tries = Vec::new();
        let mut needs = Vec::new();
        for kind in &entry.auth {
            let (code, need) = match kind {
                AuthKind::Oauth2 => (
                    quote!(if let Some(oauth) = &self.oauth { break 'auth crate::runtime::Auth::OAuth2(oauth.clone()); }),
                    "SINCH_KEY_ID and SINCH_KEY_SECRET",
                ),
                AuthKind::Basic => (
                    quote!(if let (Some(id), Some(secret)) = (&self.settings.key_id, &self.settings.key_secret) { break 'auth crate::runtime::Auth::basic(id.clone(), secret.clone()); }),
                    "SINCH_KEY_ID and SINCH_KEY_SECRET",
                ),
                AuthKind::ServicePlanToken => (
                    quote!(if let Some(token) = &self.settings.sms_api_token { break 'auth crate::runtime::Auth::Bearer(token.clone()); }),
                    "SINCH_SMS_API_TOKEN",
                ),
                AuthKind::ApplicationSigned => (
                    quote!(if let (Some(key), Some(secret)) = (&self.settings.application_key, &self.settings.application_secret) { break 'auth crate::runtime::Auth::application(key.clone(), secret.clone()); }),
                    "SINCH_APPLICATION_KEY and SINCH_APPLICATION_SECRET",
                ),
                AuthKind::ApiKey => {
                    let header = entry.api_key_header.clone().unwrap_or_else(|| "x-api-key".into());
                    (
                        quote!(if let Some(key) = &self.settings.mms_api_key { break 'auth crate::runtime::Auth::api_key(#header, key.clone()); }),
                        "SINCH_MMS_API_KEY",
                    )
                }
                AuthKind::MailgunApiKey => (
                    quote!(if let Some(key) = &self.settings.mailgun_api_key { break 'auth crate::runtime::Auth::mailgun(key.clone()); }),
                    "SINCH_MAILGUN_API_KEY",
                ),
                AuthKind::Bearer => (
                    quote!(if let Some(token) = self.settings.tokens.get(#name) { break 'auth crate::runtime::Auth::Bearer(token.clone()); }),
                    "",
                ),
            };
            tries.push(code);
            needs.push(if need.is_empty() {
                format!("SINCH_{}_TOKEN", api.module.to_ascii_uppercase())
            } else {
                need.to_string()
            });
        }
        needs.dedup();
        let first_need = needs.first().cloned().unwrap_or_default();
        let problem = format!("credentials are not set (it takes {})", needs.join(", or "));
        // Client-level parameters filled from the settings.
        let mut seen = std::collections::BTreeSet::new();
        let params = api
            .groups
            .values()
            .flat_map(|g| &g.operations)
            .flat_map(|o| &o.params)
            .filter(|p| p.client && seen.insert(p.name.clone()))
            .filter_map(|p| {
                let (setting, _) = setting_of(&p.json)?;
                let setting = format_ident!("{}", setting);
                let with = format_ident!("with_{}", p.name);
                Some(quote!(if let Some(v) = &self.settings.#setting { client = client.#with(v.clone()); }))
            })
            .collect::<Vec<_>>();
        let mutable = if params.is_empty() { quote!() } else { quote!(mut) };
        quote! {
            #[doc = #doc]
            #[cfg(feature = #feature)]
            pub fn #module(&self) -> Result<crate::#module::Client, crate::runtime::SettingsError> {
                #[allow(unreachable_code)]
                let auth = 'auth: {
                    #(#tries)*
                    return Err(crate::runtime::SettingsError::new(#name, #first_need, #problem));
                };
                crate::runtime::auth::check(&auth, crate::#module::ACCEPTED_AUTH, #name)
                    .map_err(|e| crate::runtime::SettingsError::new(#name, #first_need, e.to_string()))?;
                let (base, declared) = match self.settings.base_urls.get(#name) {
                    Some(url) => (url.clone(), false),
                    // A base URL of the user's (a proxy, a test server) needs no region.
                    None => {
                        #region
                        (region.base_url().to_string(), true)
                    }
                };
                let http = crate::runtime::Http::with_client(self.http.clone(), base, auth)
                    .with_retry(self.retry.clone())
                    .with_declared_servers(declared);
                let #mutable client = crate::#module::Client::from_http(http);
                #(#params)*
                Ok(client)
            }
        }
    });
    quote! {
        //! [`SinchClient`]: one entry point for every API.

        /// Every API's client from one set of [`Settings`](crate::runtime::Settings): one
        /// connection pool and one OAuth2 token shared by all of them, the project id (and the
        /// SMS service plan, the Mailgun domain) set on each client.
        ///
        /// ```no_run
        /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
        /// let sinch = sinch_sdk::SinchClient::from_env()?;
        /// # Ok(()) }
        /// ```
        #[derive(Clone, Debug)]
        pub struct SinchClient {
            settings: crate::runtime::Settings,
            http: crate::runtime::reqwest::Client,
            oauth: Option<crate::runtime::OAuth2>,
            retry: crate::runtime::RetryPolicy,
        }

        impl SinchClient {
            /// A client from settings.
            pub fn new(settings: crate::runtime::Settings) -> Result<Self, crate::runtime::BuildError> {
                let http = crate::runtime::reqwest::Client::builder()
                    .user_agent(crate::runtime::http::USER_AGENT)
                    .connect_timeout(crate::runtime::http::DEFAULT_CONNECT_TIMEOUT)
                    .timeout(crate::runtime::http::DEFAULT_TIMEOUT)
                    .build()
                    .map_err(crate::runtime::BuildError::Http)?;
                let oauth = match (&settings.key_id, &settings.key_secret) {
                    (Some(id), Some(secret)) => Some(match &settings.auth_url {
                        Some(url) => crate::runtime::OAuth2::with_token_url(id.clone(), secret.clone(), url.clone()),
                        None => crate::runtime::OAuth2::new(id.clone(), secret.clone()),
                    }),
                    _ => None,
                };
                Ok(SinchClient { settings, http, oauth, retry: crate::runtime::RetryPolicy::default() })
            }

            /// A client from the `SINCH_*` environment variables (see
            /// [`Settings`](crate::runtime::Settings) for their names). An API whose settings
            /// are missing says which variable to set when you ask for its client.
            pub fn from_env() -> Result<Self, crate::runtime::BuildError> {
                Self::new(crate::runtime::Settings::from_env())
            }

            /// The same client with another retry policy for every API.
            pub fn with_retry_policy(mut self, policy: crate::runtime::RetryPolicy) -> Self {
                self.retry = policy;
                self
            }

            /// The settings.
            pub fn settings(&self) -> &crate::runtime::Settings {
                &self.settings
            }

            /// The connection pool every API's client shares (for an `Http` core of your own).
            pub fn http_client(&self) -> &crate::runtime::reqwest::Client {
                &self.http
            }

            /// The OAuth2 credentials and token every project API's client shares, when the
            /// settings have an access key.
            pub fn oauth2(&self) -> Option<&crate::runtime::OAuth2> {
                self.oauth.as_ref()
            }

            #(#accessors)*
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The dependency lines of a Cargo.toml template's `[dependencies]` (without comments).
    fn dependencies(template: &str) -> BTreeSet<&str> {
        template
            .lines()
            .skip_while(|l| *l != "[dependencies]")
            .skip(1)
            .take_while(|l| !l.starts_with('['))
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('@'))
            .collect()
    }

    /// The two templates list the runtime's dependencies twice (a standalone crate carries the
    /// runtime as a module): an edit to one must reach the other.
    #[test]
    fn a_standalone_crate_depends_on_the_runtime_as_the_runtime_crate_does() {
        let runtime = dependencies(RUNTIME_CARGO_TOML);
        let standalone = dependencies(CARGO_TOML);
        assert!(standalone.len() > 10, "{standalone:?}");
        let drifted: Vec<_> = standalone.difference(&runtime).collect();
        assert!(
            drifted.is_empty(),
            "templates/Cargo.toml.in declares these otherwise than templates/sdk/runtime.Cargo.toml.in: {drifted:#?}"
        );
    }
}
