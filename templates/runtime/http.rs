//! The HTTP core shared by every API client: one `reqwest` client (rustls), a base URL and
//! the credentials.

use super::{ApiError, Auth, Error};
use serde::de::DeserializeOwned;
use std::fmt;

/// The SDK's `User-Agent`.
pub const USER_AGENT: &str = concat!("sinch-sdk-rust/", env!("CARGO_PKG_VERSION"));

/// Building the HTTP client failed (for example, no TLS backend).
#[derive(Debug)]
pub struct BuildError(reqwest::Error);

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build the HTTP client: {}", self.0)
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// Sends requests for one API: base URL, credentials, connection pool.
#[derive(Clone, Debug)]
pub struct Http {
    client: reqwest::Client,
    base_url: String,
    auth: Auth,
}

impl Http {
    /// A client for `base_url` (scheme and host, plus any path prefix) with `auth`.
    pub fn new(base_url: impl Into<String>, auth: Auth) -> Result<Self, BuildError> {
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .build()
            .map_err(BuildError)?;
        Ok(Self::with_client(client, base_url, auth))
    }

    /// Uses a `reqwest::Client` you configured (proxies, timeouts, pools).
    pub fn with_client(client: reqwest::Client, base_url: impl Into<String>, auth: Auth) -> Self {
        let base_url = base_url.into().trim_end_matches('/').to_string();
        Http { client, base_url, auth }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Starts a request to `path` (below the base URL), for operations the SDK does not cover.
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client.request(method, format!("{}{}", self.base_url, path))
    }

    /// Sends a request with the credentials and reads the whole response.
    pub async fn send<E>(
        &self,
        operation: &'static str,
        request: reqwest::RequestBuilder,
    ) -> Result<Response, Error<E>> {
        let transport = |source| Error::Transport { operation, source };
        let response = self.auth.apply(request).send().await.map_err(transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(transport)?;
        Ok(Response {
            operation,
            status,
            headers,
            body,
        })
    }
}

/// A received response, before it is decoded.
#[derive(Debug)]
pub struct Response {
    operation: &'static str,
    status: reqwest::StatusCode,
    headers: reqwest::header::HeaderMap,
    body: bytes::Bytes,
}

impl Response {
    /// The status code.
    pub fn status(&self) -> u16 {
        self.status.as_u16()
    }

    /// Decodes a success body. An empty body decodes as JSON `null`.
    pub fn json<T: DeserializeOwned, E>(&self) -> Result<T, Error<E>> {
        let body: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &self.body
        };
        serde_json::from_slice(body).map_err(|source| Error::Decode {
            operation: self.operation,
            status: self.status,
            body: self.body.clone(),
            source,
        })
    }

    /// Decodes an error body, when it matches the documented type.
    pub fn decode<T: DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The error for a non-success status.
    pub fn into_error<E>(self, typed: Option<E>) -> Error<E> {
        Error::Api(Box::new(ApiError {
            operation: self.operation,
            status: self.status,
            headers: self.headers,
            body: self.body,
            typed,
        }))
    }
}
