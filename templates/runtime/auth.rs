//! Credentials. Secrets never appear in `Debug` or `Display` output.

use std::fmt;

/// A secret value (key secret, token). Its `Debug` and `Display` print `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the code that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

/// How requests are authenticated.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// HTTP Basic with an access key id and its secret (accepted by every Sinch REST API).
    Basic {
        /// The access key id (or application key).
        key_id: String,
        /// The access key secret (or application secret).
        key_secret: Secret,
    },
    /// A Bearer token: an SMS service plan API token, or an OAuth2 access token.
    Bearer(Secret),
    /// No `Authorization` header (for tests against local servers).
    None,
}

impl Auth {
    /// HTTP Basic authentication.
    pub fn basic(key_id: impl Into<String>, key_secret: impl Into<Secret>) -> Self {
        Auth::Basic {
            key_id: key_id.into(),
            key_secret: key_secret.into(),
        }
    }

    /// Bearer token authentication.
    pub fn bearer(token: impl Into<Secret>) -> Self {
        Auth::Bearer(token.into())
    }

    /// Adds the credentials to a request.
    pub fn apply(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match self {
            Auth::Basic { key_id, key_secret } => request.basic_auth(key_id, Some(key_secret.expose())),
            Auth::Bearer(token) => request.bearer_auth(token.expose()),
            Auth::None => request,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted() {
        let auth = Auth::basic("key", "very-secret");
        let shown = format!("{auth:?}");
        assert!(!shown.contains("very-secret"), "{shown}");
        assert!(shown.contains("key"));
        assert_eq!(format!("{}", Secret::new("tok")), "[redacted]");
    }
}
