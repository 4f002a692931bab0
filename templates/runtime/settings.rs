//! Settings of a `SinchClient`: credentials, the project, regions and
//! hosts, from code or from the environment. Secrets are kept as [`Secret`]s, so they never
//! show in `Debug` output or errors.

use super::Secret;
use std::collections::BTreeMap;
use std::fmt;

/// What the SDK needs to call Sinch. Set what the APIs you call need; each API says what is
/// missing when you ask for its client.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Settings {
    /// Access key id (`SINCH_KEY_ID`): OAuth2 or Basic for the project APIs.
    pub key_id: Option<String>,
    /// Access key secret (`SINCH_KEY_SECRET`).
    pub key_secret: Option<Secret>,
    /// Project id (`SINCH_PROJECT_ID`): every call of the project APIs names it.
    pub project_id: Option<String>,
    /// SMS service plan id (`SINCH_SMS_SERVICE_PLAN_ID`).
    pub sms_service_plan_id: Option<String>,
    /// SMS service plan API token (`SINCH_SMS_API_TOKEN`): Bearer authentication for SMS.
    pub sms_api_token: Option<Secret>,
    /// Application key (`SINCH_APPLICATION_KEY`): signed requests for Voice and Verification.
    pub application_key: Option<String>,
    /// Application secret (`SINCH_APPLICATION_SECRET`), base64 as the dashboard shows it.
    pub application_secret: Option<Secret>,
    /// Mailgun API key (`SINCH_MAILGUN_API_KEY`).
    pub mailgun_api_key: Option<Secret>,
    /// Mailgun sending domain (`SINCH_MAILGUN_DOMAIN`).
    pub mailgun_domain: Option<String>,
    /// MMS API key (`SINCH_MMS_API_KEY`).
    pub mms_api_key: Option<Secret>,
    /// OAuth2 token endpoint (`SINCH_AUTH_URL`), instead of Sinch's.
    pub auth_url: Option<String>,
    /// Bearer tokens by API module, for APIs that take one (`SINCH_WHATSAPP_TOKEN`).
    pub tokens: BTreeMap<String, Secret>,
    /// Region names by API module (`SINCH_CONVERSATION_REGION=eu`).
    pub regions: BTreeMap<String, String>,
    /// Base URLs by API module, instead of Sinch's hosts (`SINCH_CONVERSATION_URL`).
    pub base_urls: BTreeMap<String, String>,
}

/// A setting an API needs is missing or wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SettingsError {
    /// The API module asking (`conversation`), or `settings`.
    pub api: String,
    /// The environment variable that would provide it.
    pub variable: String,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} (set {})", self.api, self.problem, self.variable)
    }
}

impl std::error::Error for SettingsError {}

impl SettingsError {
    /// What `api` needs: `variable`, and what is wrong.
    pub fn new(api: &str, variable: &str, problem: impl Into<String>) -> Self {
        SettingsError {
            api: api.to_string(),
            variable: variable.to_string(),
            problem: problem.into(),
        }
    }

    /// `api` needs `variable`, which is not set.
    pub fn missing(api: &str, variable: &str, what: &str) -> Self {
        SettingsError {
            api: api.to_string(),
            variable: variable.to_string(),
            problem: format!("{what} is not set"),
        }
    }
}

/// The environment variable of an API's region or base URL: `SINCH_<MODULE>_REGION`.
pub fn variable(module: &str, what: &str) -> String {
    format!("SINCH_{}_{what}", module.to_ascii_uppercase())
}

impl Settings {
    /// No settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every `SINCH_*` variable of the process environment (see the fields for their names).
    /// Variables that are not set leave their setting empty; an API that needs one says so
    /// when you ask for its client.
    pub fn from_env() -> Self {
        let vars: BTreeMap<String, String> = std::env::vars().filter(|(_, v)| !v.trim().is_empty()).collect();
        Self::from_map(&vars)
    }

    /// The same, from a map of variables (a test's, a configuration file's).
    pub fn from_map(vars: &BTreeMap<String, String>) -> Self {
        // Per-API variables, whichever APIs the crate has: `SINCH_<API>_REGION`, `_URL`, `_TOKEN`.
        let mut s = Self::from_lookup(|name| vars.get(name).cloned());
        for (name, value) in vars {
            let Some(rest) = name.strip_prefix("SINCH_") else {
                continue;
            };
            for (suffix, map) in [("_REGION", 0), ("_URL", 1), ("_TOKEN", 2)] {
                let Some(module) = rest.strip_suffix(suffix).filter(|m| !m.is_empty()) else {
                    continue;
                };
                let module = module.to_ascii_lowercase();
                match map {
                    0 => {
                        s.regions.entry(module).or_insert_with(|| value.clone());
                    }
                    1 if !matches!(module.as_str(), "auth") => {
                        s.base_urls.entry(module).or_insert_with(|| value.clone());
                    }
                    2 if !matches!(module.as_str(), "sms_api") => {
                        s.tokens.entry(module).or_insert_with(|| Secret::new(value.clone()));
                    }
                    _ => {}
                }
            }
        }
        s
    }

    /// The credentials and project from another source of variables (per-API variables need a
    /// map: see [`Settings::from_map`]).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        Settings {
            key_id: get("SINCH_KEY_ID"),
            key_secret: get("SINCH_KEY_SECRET").map(Secret::new),
            project_id: get("SINCH_PROJECT_ID"),
            sms_service_plan_id: get("SINCH_SMS_SERVICE_PLAN_ID"),
            sms_api_token: get("SINCH_SMS_API_TOKEN").map(Secret::new),
            application_key: get("SINCH_APPLICATION_KEY"),
            application_secret: get("SINCH_APPLICATION_SECRET").map(Secret::new),
            mailgun_api_key: get("SINCH_MAILGUN_API_KEY").map(Secret::new),
            mailgun_domain: get("SINCH_MAILGUN_DOMAIN"),
            mms_api_key: get("SINCH_MMS_API_KEY").map(Secret::new),
            auth_url: get("SINCH_AUTH_URL"),
            ..Default::default()
        }
    }

    /// Sets the access key (id and secret).
    pub fn key(mut self, id: impl Into<String>, secret: impl Into<Secret>) -> Self {
        self.key_id = Some(id.into());
        self.key_secret = Some(secret.into());
        self
    }

    /// Sets the project id.
    pub fn project_id(mut self, id: impl Into<String>) -> Self {
        self.project_id = Some(id.into());
        self
    }

    /// Sets the SMS service plan id and its API token.
    pub fn sms_service_plan(mut self, id: impl Into<String>, token: impl Into<Secret>) -> Self {
        self.sms_service_plan_id = Some(id.into());
        self.sms_api_token = Some(token.into());
        self
    }

    /// Sets the application key and secret (Voice, Verification).
    pub fn application(mut self, key: impl Into<String>, secret: impl Into<Secret>) -> Self {
        self.application_key = Some(key.into());
        self.application_secret = Some(secret.into());
        self
    }

    /// Sets the Mailgun API key and sending domain.
    pub fn mailgun(mut self, api_key: impl Into<Secret>, domain: impl Into<String>) -> Self {
        self.mailgun_api_key = Some(api_key.into());
        self.mailgun_domain = Some(domain.into());
        self
    }

    /// Sets an API's region by name (`settings.region("conversation", "eu")`).
    pub fn region(mut self, module: &str, region: impl Into<String>) -> Self {
        self.regions.insert(module.to_string(), region.into());
        self
    }

    /// Sends an API's calls to another base URL (a proxy, a test server).
    pub fn base_url(mut self, module: &str, url: impl Into<String>) -> Self {
        self.base_urls.insert(module.to_string(), url.into());
        self
    }

    /// Sets the OAuth2 token endpoint.
    pub fn auth_url(mut self, url: impl Into<String>) -> Self {
        self.auth_url = Some(url.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_do_not_show() {
        let s = Settings::new()
            .key("id", "very-secret")
            .sms_service_plan("plan", "tok-secret");
        let shown = format!("{s:?}");
        assert!(
            !shown.contains("very-secret") && !shown.contains("tok-secret"),
            "{shown}"
        );
        assert!(shown.contains("\"id\""));
    }

    #[test]
    fn environment_names() {
        let s = Settings::from_lookup(|name| match name {
            "SINCH_PROJECT_ID" => Some("p".into()),
            "SINCH_KEY_SECRET" => Some("s".into()),
            _ => None,
        });
        assert_eq!(s.project_id.as_deref(), Some("p"));
        assert_eq!(s.key_secret.map(|k| k.expose().to_string()).as_deref(), Some("s"));
        assert_eq!(variable("sms_export", "REGION"), "SINCH_SMS_EXPORT_REGION");
        let vars: BTreeMap<String, String> = [
            ("SINCH_SMS_EXPORT_REGION", "global"),
            ("SINCH_CONVERSATION_URL", "http://127.0.0.1:1"),
            ("SINCH_WHATSAPP_TOKEN", "w"),
            ("SINCH_SMS_API_TOKEN", "t"),
            ("SINCH_AUTH_URL", "http://127.0.0.1:2"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let s = Settings::from_map(&vars);
        assert_eq!(s.regions.get("sms_export").map(String::as_str), Some("global"));
        assert_eq!(s.base_urls.keys().collect::<Vec<_>>(), ["conversation"]);
        assert_eq!(s.tokens.keys().collect::<Vec<_>>(), ["whatsapp"]);
        assert_eq!(s.sms_api_token.map(|t| t.expose().to_string()).as_deref(), Some("t"));
        assert_eq!(s.auth_url.as_deref(), Some("http://127.0.0.1:2"));
    }
}
