//! OAuth2 client credentials for Sinch's project APIs (Conversation, Numbers, ...).
//!
//! One token is cached and shared by every clone and every concurrent call. It is fetched
//! once even when many calls need it at the same moment (callers wait on one lock while the
//! first fetches), renewed before it expires, and renewed once when Sinch answers 401 saying
//! the token expired (see [`OAuth2::renew`]).

use super::auth::Secret;
use base64::Engine;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Sinch's token endpoint.
pub const DEFAULT_TOKEN_URL: &str = "https://auth.sinch.com/oauth2/token";

/// Tokens are renewed this long before they expire, so no request carries a token that
/// expires in flight.
const RENEW_MARGIN: Duration = Duration::from_secs(60);

/// Getting a token failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum TokenError {
    /// The token endpoint could not be reached.
    Transport(reqwest::Error),
    /// The token endpoint refused the credentials or answered something else than a token.
    Rejected {
        /// The HTTP status.
        status: reqwest::StatusCode,
        /// The body (Sinch's error description; never a credential).
        body: String,
    },
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenError::Transport(e) => write!(f, "cannot reach the OAuth2 token endpoint: {e}"),
            TokenError::Rejected { status, body } => write!(f, "the OAuth2 token endpoint answered {status}: {body}"),
        }
    }
}

impl std::error::Error for TokenError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            TokenError::Transport(e) => Some(e),
            TokenError::Rejected { .. } => None,
        }
    }
}

#[derive(Clone)]
struct Token {
    value: Secret,
    renew_at: Instant,
}

struct Inner {
    key_id: String,
    key_secret: Secret,
    token_url: String,
    http: reqwest::Client,
    token: tokio::sync::Mutex<Option<Token>>,
    fetches: AtomicUsize,
}

/// OAuth2 client-credentials authentication with a shared, self-renewing token.
#[derive(Clone)]
pub struct OAuth2 {
    inner: Arc<Inner>,
}

impl fmt::Debug for OAuth2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth2")
            .field("key_id", &self.inner.key_id)
            .field("key_secret", &self.inner.key_secret)
            .field("token_url", &self.inner.token_url)
            .finish_non_exhaustive()
    }
}

impl PartialEq for OAuth2 {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Eq for OAuth2 {}

impl OAuth2 {
    /// Credentials for Sinch's token endpoint: an access key id and its secret.
    pub fn new(key_id: impl Into<String>, key_secret: impl Into<Secret>) -> Self {
        Self::with_token_url(key_id, key_secret, DEFAULT_TOKEN_URL)
    }

    /// The same, with another token endpoint (a test server, a regional endpoint).
    pub fn with_token_url(
        key_id: impl Into<String>,
        key_secret: impl Into<Secret>,
        token_url: impl Into<String>,
    ) -> Self {
        let http = reqwest::Client::builder()
            .user_agent(super::http::USER_AGENT)
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap_or_default();
        OAuth2 {
            inner: Arc::new(Inner {
                key_id: key_id.into(),
                key_secret: key_secret.into(),
                token_url: token_url.into(),
                http,
                token: tokio::sync::Mutex::new(None),
                fetches: AtomicUsize::new(0),
            }),
        }
    }

    /// How many tokens have been fetched (for monitoring and tests).
    pub fn fetch_count(&self) -> usize {
        self.inner.fetches.load(Ordering::Relaxed)
    }

    /// A valid token: the cached one, or a new one when none is cached or it is about to expire.
    pub async fn token(&self) -> Result<Secret, TokenError> {
        let mut slot = self.inner.token.lock().await;
        if let Some(t) = slot.as_ref().filter(|t| Instant::now() < t.renew_at) {
            return Ok(t.value.clone());
        }
        let fresh = self.fetch().await?;
        *slot = Some(fresh.clone());
        Ok(fresh.value)
    }

    /// Renews the token after Sinch rejected `stale` as expired. When another call already
    /// renewed it, that newer token is returned without a second fetch.
    pub async fn renew(&self, stale: &Secret) -> Result<Secret, TokenError> {
        let mut slot = self.inner.token.lock().await;
        if let Some(t) = slot
            .as_ref()
            .filter(|t| t.value != *stale && Instant::now() < t.renew_at)
        {
            return Ok(t.value.clone());
        }
        let fresh = self.fetch().await?;
        *slot = Some(fresh.clone());
        Ok(fresh.value)
    }

    async fn fetch(&self) -> Result<Token, TokenError> {
        self.inner.fetches.fetch_add(1, Ordering::Relaxed);
        let response = self
            .inner
            .http
            .post(&self.inner.token_url)
            .basic_auth(&self.inner.key_id, Some(self.inner.key_secret.expose()))
            .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials")
            .send()
            .await
            .map_err(TokenError::Transport)?;
        let status = response.status();
        let body = response.text().await.map_err(TokenError::Transport)?;
        let rejected = |body: String| TokenError::Rejected { status, body };
        if !status.is_success() {
            return Err(rejected(body));
        }
        let parsed: serde_json::Value =
            serde_json::from_str(&body).map_err(|_| rejected("not a JSON token response".into()))?;
        let Some(value) = parsed.get("access_token").and_then(|v| v.as_str()) else {
            return Err(rejected("no access_token in the token response".into()));
        };
        let lifetime = parsed
            .get("expires_in")
            .and_then(|v| v.as_u64())
            .map(Duration::from_secs)
            .or_else(|| jwt_lifetime(value))
            .unwrap_or(Duration::from_secs(300));
        let renew_at = Instant::now() + lifetime.saturating_sub(RENEW_MARGIN.min(lifetime / 2));
        Ok(Token {
            value: Secret::new(value),
            renew_at,
        })
    }
}

/// The time left before a JWT's `exp` claim, when the token is a JWT.
fn jwt_lifetime(token: &str) -> Option<Duration> {
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let exp = claims.get("exp")?.as_u64()?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(exp.saturating_sub(now)))
}

/// Whether a 401 response says the token expired (and so one renewal may help).
pub fn says_expired(headers: &reqwest::header::HeaderMap) -> bool {
    headers
        .get_all(reqwest::header::WWW_AUTHENTICATE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("expired") || v.contains("invalid_token")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jwt_exp_gives_the_lifetime() {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
        let claims = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{{\"exp\":{}}}", now + 120));
        let left = jwt_lifetime(&format!("h.{claims}.s")).unwrap();
        assert!(
            left <= Duration::from_secs(120) && left >= Duration::from_secs(115),
            "{left:?}"
        );
        assert!(jwt_lifetime("opaque-token").is_none());
    }

    #[test]
    fn expired_is_read_from_www_authenticate() {
        let mut h = reqwest::header::HeaderMap::new();
        h.insert(
            reqwest::header::WWW_AUTHENTICATE,
            "Bearer error=\"invalid_token\", error_description=\"Jwt expired\""
                .parse()
                .unwrap(),
        );
        assert!(says_expired(&h));
        assert!(!says_expired(&reqwest::header::HeaderMap::new()));
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let o = OAuth2::new("key", "top-secret");
        assert!(!format!("{o:?}").contains("top-secret"));
    }
}
