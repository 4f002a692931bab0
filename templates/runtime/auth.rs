//! Credentials. Secrets never appear in `Debug` or `Display` output.

use super::oauth::{OAuth2, TokenError};
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

/// How requests are authenticated. Each API's client says which kinds Sinch accepts for it.
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
    /// A Bearer token: an SMS service plan API token, or an OAuth2 access token you manage.
    Bearer(Secret),
    /// OAuth2 client credentials: a shared token, fetched and renewed by the SDK.
    OAuth2(OAuth2),
    /// Requests signed with an application key and secret (Voice and Verification).
    Application {
        /// The application key.
        key: String,
        /// The application secret, base64 as the dashboard shows it.
        secret: Secret,
    },
    /// An API key sent as the value of a header of the API's own (MMS: `x-api-key`).
    ApiKey {
        /// The header name.
        header: String,
        /// The key.
        key: Secret,
    },
    /// No `Authorization` header (for tests against local servers).
    None,
}

/// The kinds of [`Auth`], for saying which an API accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthKind {
    /// [`Auth::Basic`].
    Basic,
    /// [`Auth::Bearer`].
    Bearer,
    /// [`Auth::OAuth2`].
    OAuth2,
    /// [`Auth::Application`].
    Application,
    /// [`Auth::ApiKey`].
    ApiKey,
    /// [`Auth::None`].
    None,
}

/// Authenticating a request failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum AuthError {
    /// No OAuth2 token could be had.
    Token(TokenError),
    /// The request could not be signed (for example, the application secret is not base64).
    Signing(String),
}

impl std::fmt::Display for AuthError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuthError::Token(e) => e.fmt(f),
            AuthError::Signing(e) => write!(f, "cannot sign the request: {e}"),
        }
    }
}

impl std::error::Error for AuthError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            AuthError::Token(e) => Some(e),
            AuthError::Signing(_) => None,
        }
    }
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

    /// OAuth2 client credentials against Sinch's token endpoint.
    pub fn oauth2(key_id: impl Into<String>, key_secret: impl Into<Secret>) -> Self {
        Auth::OAuth2(OAuth2::new(key_id, key_secret))
    }

    /// Application-signed requests (Voice, Verification).
    pub fn application(key: impl Into<String>, secret: impl Into<Secret>) -> Self {
        Auth::Application {
            key: key.into(),
            secret: secret.into(),
        }
    }

    /// An API key sent in `header` (the MMS API takes `x-api-key`).
    pub fn api_key(header: impl Into<String>, key: impl Into<Secret>) -> Self {
        Auth::ApiKey {
            header: header.into(),
            key: key.into(),
        }
    }

    /// Mailgun's credentials: HTTP Basic with the user `api` and the API key as the password.
    pub fn mailgun(api_key: impl Into<Secret>) -> Self {
        Auth::basic("api", api_key)
    }

    /// Which kind of credentials these are.
    pub fn kind(&self) -> AuthKind {
        match self {
            Auth::Basic { .. } => AuthKind::Basic,
            Auth::Bearer(_) => AuthKind::Bearer,
            Auth::OAuth2(_) => AuthKind::OAuth2,
            Auth::Application { .. } => AuthKind::Application,
            Auth::ApiKey { .. } => AuthKind::ApiKey,
            Auth::None => AuthKind::None,
        }
    }

    /// Adds the credentials to a built request (signing needs its final body). Returns the
    /// OAuth2 token used, so a 401 saying it expired can renew exactly that token.
    pub async fn authorize(&self, request: &mut reqwest::Request) -> Result<Option<Secret>, AuthError> {
        let bearer = |request: &mut reqwest::Request, token: &str| {
            if let Ok(value) = reqwest::header::HeaderValue::from_str(&format!("Bearer {token}")) {
                let mut value = value;
                value.set_sensitive(true);
                request.headers_mut().insert(reqwest::header::AUTHORIZATION, value);
            }
        };
        match self {
            Auth::Basic { key_id, key_secret } => {
                use base64::Engine;
                let raw = format!("{key_id}:{}", key_secret.expose());
                let encoded = base64::engine::general_purpose::STANDARD.encode(raw);
                if let Ok(mut value) = reqwest::header::HeaderValue::from_str(&format!("Basic {encoded}")) {
                    value.set_sensitive(true);
                    request.headers_mut().insert(reqwest::header::AUTHORIZATION, value);
                }
                Ok(None)
            }
            Auth::Bearer(token) => {
                bearer(request, token.expose());
                Ok(None)
            }
            Auth::OAuth2(oauth) => {
                let token = oauth.token().await.map_err(AuthError::Token)?;
                bearer(request, token.expose());
                Ok(Some(token))
            }
            Auth::Application { key, secret } => {
                let timestamp = super::signing::timestamp_now();
                super::signing::sign_request(key, secret.expose(), request, &timestamp)
                    .map_err(|e| AuthError::Signing(e.to_string()))?;
                Ok(None)
            }
            Auth::ApiKey { header, key } => {
                let name = reqwest::header::HeaderName::from_bytes(header.as_bytes())
                    .map_err(|_| AuthError::Signing(format!("`{header}` is not a valid header name")))?;
                let mut value = reqwest::header::HeaderValue::from_str(key.expose())
                    .map_err(|_| AuthError::Signing(format!("the key for `{header}` is not a valid header value")))?;
                value.set_sensitive(true);
                request.headers_mut().insert(name, value);
                Ok(None)
            }
            Auth::None => Ok(None),
        }
    }
}

/// Checks that an API accepts these credentials. `Auth::None` is always allowed, for local
/// test servers.
pub fn check(auth: &Auth, accepted: &[AuthKind], api: &str) -> Result<(), super::BuildError> {
    if accepted.is_empty() || auth.kind() == AuthKind::None || accepted.contains(&auth.kind()) {
        return Ok(());
    }
    Err(super::BuildError::UnsupportedAuth {
        api: api.to_string(),
        kind: auth.kind(),
        accepted: accepted.to_vec(),
    })
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
        let shown = format!("{:?}", Auth::application("app", "c2VjcmV0"));
        assert!(!shown.contains("c2VjcmV0"), "{shown}");
    }

    #[test]
    fn apis_refuse_credentials_they_do_not_accept() {
        let voice = [AuthKind::Application, AuthKind::Basic];
        assert!(check(&Auth::application("k", "s"), &voice, "Voice").is_ok());
        assert!(check(&Auth::None, &voice, "Voice").is_ok());
        let e = check(&Auth::bearer("t"), &voice, "Voice").unwrap_err();
        assert!(e.to_string().contains("Voice"), "{e}");
    }
}
