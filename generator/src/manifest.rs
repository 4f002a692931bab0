//! The manifest (`specs/manifest.toml`): which APIs to generate, where their descriptions
//! come from, and the facts the descriptions get wrong or leave out.

use crate::diag::{Error, Place};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Deserialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub api: Vec<ApiEntry>,
}

#[derive(Debug, Clone, Deserialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct ApiEntry {
    pub key: String,
    pub module: String,
    pub title: String,
    pub url: String,
    pub sha256: String,
    pub auth: Vec<AuthKind>,
    pub regions: Vec<Region>,
    /// Property names Sinch's servers send that the description spells differently.
    #[serde(default)]
    pub aliases: Vec<Alias>,
    /// Text properties Sinch also sends as JSON numbers: read as their decimal text.
    #[serde(default)]
    pub numbers_as_text: Vec<NumberAsText>,
    /// Paths the description writes differently from where Sinch serves them.
    #[serde(default)]
    pub paths: Vec<PathFix>,
    /// The header an `api-key` credential is sent in.
    #[serde(default)]
    pub api_key_header: Option<String>,
    /// Path parameters that are the same for every call (`project_id`): set once on the
    /// client, overridable per call. Named as in the description.
    #[serde(default)]
    pub client_params: Vec<String>,
    /// Method names by operation id, where the derived name is not the one users look for.
    #[serde(default)]
    pub renames: std::collections::BTreeMap<String, String>,
    /// Members of the description that say something other than what Sinch sends.
    #[serde(default)]
    pub fixes: Vec<Fix>,
}

/// A correction of the description, applied to it as loaded (before bundling): the members of
/// `set` are merged into the object at `at` (RFC 7396: objects merge member by member, anything
/// else replaces). A fix that no longer finds its place after an update is an error, so each
/// is looked at again when Sinch changes the description.
#[derive(Debug, Clone, Deserialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct Fix {
    /// JSON pointer into the description's entry file.
    pub at: String,
    /// The members to merge in (`{ type = "integer" }`).
    pub set: serde_json::Map<String, serde_json::Value>,
    /// `set` takes the place of the object at `at` instead of merging into it: a merge cannot
    /// take a member away (`type = "string"` beside a new `oneOf`).
    #[serde(default)]
    pub replace: bool,
    /// The evidence: what Sinch sends, and where that is seen.
    pub why: String,
}

/// An operation path as Sinch serves it: `from` as the description writes it, `to` as sent.
#[derive(Debug, Clone, Deserialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct PathFix {
    pub from: String,
    pub to: String,
}

/// Another name a property arrives under: `at` is the JSON pointer of the property in the
/// description, `alias` the name the server sends.
#[derive(Debug, Clone, Deserialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    pub at: String,
    pub alias: String,
}

/// A text property Sinch also sends as a JSON number (`15551231234` for a phone number): `at`
/// is the JSON pointer of the property in the description; `why` gives the evidence. The field
/// stays a `String` and is sent as text; a number received is read as its decimal text.
#[derive(Debug, Clone, Deserialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct NumberAsText {
    pub at: String,
    pub why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum AuthKind {
    /// OAuth2 client credentials with a project's key id and secret.
    Oauth2,
    /// HTTP Basic with a key id and secret.
    Basic,
    /// The SMS service plan's API token, sent as a Bearer token.
    ServicePlanToken,
    /// A Bearer token the user obtained elsewhere.
    Bearer,
    /// Requests signed with an application key and secret (Voice, Verification).
    ApplicationSigned,
    /// An API key in a header of the API's own (the header is named by `api_key_header`).
    ApiKey,
    /// Mailgun's HTTP Basic with the fixed user `api` and the API key as the password.
    MailgunApiKey,
}

#[derive(Debug, Clone, Deserialize, Hash)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub name: String,
    pub url: String,
    /// Sinch routes this host to the right region itself (Fax's and Voice's global hosts), so
    /// a client made from settings that name no region uses it instead of failing.
    #[serde(default)]
    pub default: bool,
}

impl Manifest {
    pub fn load(path: &Path) -> Result<Manifest, Error> {
        let text =
            std::fs::read_to_string(path).map_err(|e| Error::file(path, format!("cannot read the manifest: {e}")))?;
        let manifest: Manifest = toml::from_str(&text).map_err(|e| {
            let place = match e.span() {
                Some(span) => {
                    let before = &text[..span.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                    Place::Line { line, column }
                }
                None => Place::File,
            };
            Error::new(path, place, e.message().to_string())
        })?;
        let mut seen = std::collections::BTreeSet::new();
        for (i, api) in manifest.api.iter().enumerate() {
            if !seen.insert(api.module.clone()) {
                return Err(Error::new(
                    path,
                    Place::File,
                    format!("api[{i}]: module `{}` is listed twice", api.module),
                ));
            }
            if api.regions.is_empty() {
                return Err(Error::new(
                    path,
                    Place::File,
                    format!("api[{i}] `{}`: at least one region is needed", api.key),
                ));
            }
            if api.regions.iter().filter(|r| r.default).count() > 1 {
                return Err(Error::new(
                    path,
                    Place::File,
                    format!("api[{i}] `{}`: more than one region is the default", api.key),
                ));
            }
        }
        Ok(manifest)
    }
}

impl ApiEntry {
    /// The region a client uses when none is chosen: the only one, or the one marked `default`.
    pub fn default_region(&self) -> Option<&Region> {
        match self.regions.as_slice() {
            [only] => Some(only),
            all => all.iter().find(|r| r.default),
        }
    }

    /// The facts of a description not in the manifest, taken from the description itself:
    /// its servers as regions and its security schemes as credential kinds.
    pub fn from_description(stem: &str, doc: &openapiv3::OpenAPI) -> ApiEntry {
        use heck::ToSnakeCase;
        let mut module = stem.to_snake_case();
        if module.is_empty()
            || module.starts_with(|c: char| c.is_ascii_digit())
            || crate::naming::escape(&module) != module
        {
            module = format!("api_{module}");
        }
        let mut regions: Vec<Region> = Vec::new();
        for (i, s) in doc.servers.iter().enumerate() {
            let name = match &s.description {
                Some(d) if !d.trim().is_empty() => d.clone(),
                _ if i == 0 => "default".to_string(),
                _ => format!("server {}", i + 1),
            };
            let url = if s.url.starts_with("//") {
                format!("https:{}", s.url)
            } else {
                s.url.clone()
            };
            if !regions
                .iter()
                .any(|r| crate::naming::type_name(&r.name) == crate::naming::type_name(&name))
            {
                regions.push(Region {
                    name,
                    url,
                    default: false,
                });
            }
        }
        if regions.is_empty() {
            regions.push(Region {
                name: "default".into(),
                url: "http://localhost".into(),
                default: false,
            });
        }
        if regions.len() == 1 {
            regions[0].name = "global".into();
        }
        let mut auth = Vec::new();
        for scheme in doc.components.iter().flat_map(|c| c.security_schemes.values()) {
            let kind = match scheme {
                openapiv3::ReferenceOr::Item(openapiv3::SecurityScheme::HTTP { scheme, .. })
                    if scheme.eq_ignore_ascii_case("basic") =>
                {
                    AuthKind::Basic
                }
                openapiv3::ReferenceOr::Item(openapiv3::SecurityScheme::OAuth2 { .. }) => AuthKind::Oauth2,
                _ => AuthKind::Bearer,
            };
            if !auth.contains(&kind) {
                auth.push(kind);
            }
        }
        ApiEntry {
            key: stem.to_string(),
            module,
            title: doc.info.title.clone(),
            url: String::new(),
            sha256: String::new(),
            auth,
            regions,
            aliases: Vec::new(),
            numbers_as_text: Vec::new(),
            paths: Vec::new(),
            api_key_header: None,
            client_params: Vec::new(),
            renames: Default::default(),
            fixes: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(regions: &str) -> Result<Manifest, Error> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest.toml");
        let text = format!(
            "[[api]]\nkey = \"fax\"\nmodule = \"fax\"\ntitle = \"Fax\"\nurl = \"\"\nsha256 = \"\"\nauth = [\"basic\"]\nregions = [{regions}]\n"
        );
        std::fs::write(&path, text).unwrap();
        Manifest::load(&path)
    }

    #[test]
    fn the_default_region_is_the_marked_one_or_the_only_one() {
        let m = load(r#"{ name = "eu", url = "https://eu" }, { name = "global", url = "https://g", default = true }"#)
            .unwrap();
        assert_eq!(m.api[0].default_region().map(|r| r.name.as_str()), Some("global"));
        let m = load(r#"{ name = "eu", url = "https://eu" }, { name = "us", url = "https://us" }"#).unwrap();
        assert!(m.api[0].default_region().is_none(), "no default among several unmarked");
        let m = load(r#"{ name = "global", url = "https://g" }"#).unwrap();
        assert_eq!(m.api[0].default_region().map(|r| r.name.as_str()), Some("global"));
    }

    #[test]
    fn two_default_regions_are_an_error_naming_the_api() {
        let e = load(r#"{ name = "eu", url = "https://eu", default = true }, { name = "us", url = "https://us", default = true }"#)
            .unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains("`fax`") && text.contains("more than one region is the default"),
            "{text}"
        );
        assert!(text.contains("manifest.toml"), "names the file: {text}");
    }
}
