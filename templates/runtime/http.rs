//! The HTTP core shared by every API client: one `reqwest` client (rustls), a base URL, the
//! credentials and the retry policy.

use super::auth::{AuthKind, Secret};
use super::retry::{self, RetryPolicy};
use super::{ApiError, Auth, Error};
use serde::de::DeserializeOwned;
use std::fmt;
use std::time::{Duration, Instant};
use tracing::Instrument;

/// The SDK's `User-Agent`.
pub const USER_AGENT: &str = concat!("sinch-sdk-rust/", env!("CARGO_PKG_VERSION"));

/// Default time to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Default time for a whole request and response.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A client could not be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// The HTTP client could not be built (for example, no TLS backend).
    Http(reqwest::Error),
    /// The API does not accept this kind of credentials.
    UnsupportedAuth {
        /// The API's title.
        api: String,
        /// The kind given.
        kind: AuthKind,
        /// The kinds the API accepts.
        accepted: Vec<AuthKind>,
    },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Http(e) => write!(f, "cannot build the HTTP client: {e}"),
            BuildError::UnsupportedAuth { api, kind, accepted } => {
                write!(
                    f,
                    "the {api} API does not accept {kind:?} credentials; it accepts {accepted:?}"
                )
            }
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Http(e) => Some(e),
            BuildError::UnsupportedAuth { .. } => None,
        }
    }
}

/// The future of [`Http::exchange`]: the whole response, or the error that ended the call.
pub type Exchange<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Response, Error>> + Send + 'a>>;

/// Settings for an [`Http`] core: timeouts, retries, proxies.
#[derive(Debug)]
pub struct HttpBuilder {
    base_url: String,
    auth: Auth,
    connect_timeout: Duration,
    timeout: Duration,
    retry: RetryPolicy,
    proxies: Vec<reqwest::Proxy>,
}

impl HttpBuilder {
    /// Time to establish a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time for a whole attempt, request and response (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How requests are retried (default [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Sends through a proxy (reqwest also reads `HTTPS_PROXY` and friends by itself).
    pub fn proxy(mut self, proxy: reqwest::Proxy) -> Self {
        self.proxies.push(proxy);
        self
    }

    /// Builds the core.
    pub fn build(self) -> Result<Http, BuildError> {
        let mut client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout);
        for proxy in self.proxies {
            client = client.proxy(proxy);
        }
        let client = client.build().map_err(BuildError::Http)?;
        Ok(Http::with_client(client, self.base_url, self.auth).with_retry(self.retry))
    }
}

/// Sends requests for one API: base URL, credentials, retries, connection pool.
#[derive(Clone, Debug)]
pub struct Http {
    client: reqwest::Client,
    base_url: String,
    auth: Auth,
    retry: RetryPolicy,
    /// Whether operations the description serves from another host go there (a client for a
    /// region), or everything goes to `base_url` (a client for a base URL of your choice).
    declared_servers: bool,
    /// Hosts replaced by others (`https://callingapi.sinch.com` -> a test server).
    servers: std::sync::Arc<Vec<(String, String)>>,
}

impl Http {
    /// A core for `base_url` (scheme and host, plus any path prefix) with `auth` and defaults.
    pub fn new(base_url: impl Into<String>, auth: Auth) -> Result<Self, BuildError> {
        Self::builder(base_url, auth).build()
    }

    /// Settings beyond the defaults.
    pub fn builder(base_url: impl Into<String>, auth: Auth) -> HttpBuilder {
        HttpBuilder {
            base_url: base_url.into(),
            auth,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            proxies: Vec::new(),
        }
    }

    /// Uses a `reqwest::Client` you configured (proxies, timeouts, pools).
    pub fn with_client(client: reqwest::Client, base_url: impl Into<String>, auth: Auth) -> Self {
        let base_url = base_url.into().trim_end_matches('/').to_string();
        Http {
            client,
            base_url,
            auth,
            retry: RetryPolicy::default(),
            declared_servers: false,
            servers: Default::default(),
        }
    }

    /// Sends operations that the description serves from another host (Voice's application
    /// management on `callingapi.sinch.com`) to that host. Set for clients built for a region;
    /// a client for a base URL of your own sends everything there.
    pub fn with_declared_servers(mut self, yes: bool) -> Self {
        self.declared_servers = yes;
        self
    }

    /// Sends what would go to `host` (a base URL the description names) to `to` instead.
    pub fn with_server(mut self, host: impl Into<String>, to: impl Into<String>) -> Self {
        let mut servers = (*self.servers).clone();
        let host = host.into().trim_end_matches('/').to_string();
        servers.retain(|(h, _)| *h != host);
        servers.push((host, to.into().trim_end_matches('/').to_string()));
        self.servers = std::sync::Arc::new(servers);
        self.declared_servers = true;
        self
    }

    /// Where a request goes: the operation's own host (or its replacement), else the base URL.
    pub fn url_for(&self, server: Option<&str>, path: &str) -> String {
        if let Some(server) = server {
            let server = server.trim_end_matches('/');
            if let Some((_, to)) = self.servers.iter().find(|(h, _)| h == server) {
                return format!("{to}{path}");
            }
            if self.declared_servers {
                return format!("{server}{path}");
            }
        }
        format!("{}{}", self.base_url, path)
    }

    /// Sends one operation's request with the credentials and the call's options, retrying
    /// as the policy allows, and reads the whole response.
    pub async fn execute<E>(
        &self,
        request: super::call::Request,
        options: &super::call::CallOptions,
    ) -> Result<Response, Error<E>> {
        self.exchange(request, options).await.map_err(Error::widen)
    }

    /// [`Http::execute`] without the operation's error type, which nothing before the response
    /// needs: the generated operations send through this (by [`call::Sending`](super::call::Sending),
    /// which owns the options) and [`Error::widen`], so the retry and
    /// credential machinery is compiled once, not once per operation (it was a quarter of an
    /// API crate's code).
    ///
    /// The future is boxed here so that its state machine (and the reqwest, tokio and body
    /// streaming code it polls) is compiled in this crate once: an `async fn`'s body is compiled
    /// where it is polled, which was in every API crate, half of a small one's code.
    pub fn exchange<'a>(
        &'a self,
        request: super::call::Request,
        options: &'a super::call::CallOptions,
    ) -> Exchange<'a> {
        Box::pin(self.exchange_here(request, options))
    }

    /// [`Http::exchange`] with the call's options moved into the future, for [`call::Sending`](super::call::Sending),
    /// which holds that future beside nothing it borrows.
    pub(crate) fn exchange_owned(
        &self,
        request: super::call::Request,
        options: super::call::CallOptions,
    ) -> Exchange<'_> {
        Box::pin(async move { self.exchange_here(request, &options).await })
    }

    async fn exchange_here(
        &self,
        request: super::call::Request,
        options: &super::call::CallOptions,
    ) -> Result<Response, Error> {
        let operation = request.operation;
        let url = self.url_for(request.server, &request.path);
        let span = tracing::debug_span!(
            "sinch.request",
            operation,
            method = %request.method,
            path = request.path.split('?').next().unwrap_or_default(),
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
        );
        let retry = options.retry.as_ref().unwrap_or(&self.retry);
        let build = || async {
            let mut builder = self.client.request(request.method.clone(), &url);
            if !request.query.is_empty() {
                builder = builder.query(&request.query);
            }
            for (name, value) in &request.headers {
                builder = builder.header(*name, value.as_str());
            }
            builder = request.body.apply(builder).await.map_err(|e| Error::Request {
                operation,
                source: Box::new(e),
            })?;
            for (name, value) in &options.headers {
                builder = builder.header(name.clone(), value.clone());
            }
            if let Some(t) = options.timeout {
                builder = builder.timeout(t);
            }
            builder.build().map_err(|source| Error::Transport { operation, source })
        };
        self.attempts_with(operation, retry, request.method.clone(), build)
            .instrument(span)
            .await
    }

    /// The same core with another retry policy (for one call, or a client of its own).
    pub fn with_retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The credentials requests carry.
    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// Starts a request to `path` (below the base URL), for operations the SDK does not cover.
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client.request(method, format!("{}{}", self.base_url, path))
    }

    /// Sends a request with the credentials, retrying as the policy allows, and reads the
    /// whole response.
    pub async fn send<E>(
        &self,
        operation: &'static str,
        request: reqwest::RequestBuilder,
    ) -> Result<Response, Error<E>> {
        self.send_any(operation, request).await.map_err(Error::widen)
    }

    /// Boxed for the reason [`Http::exchange`] is.
    fn send_any<'a>(&'a self, operation: &'static str, request: reqwest::RequestBuilder) -> Exchange<'a> {
        Box::pin(self.send_here(operation, request))
    }

    async fn send_here(&self, operation: &'static str, request: reqwest::RequestBuilder) -> Result<Response, Error> {
        let transport = |source| Error::Transport { operation, source };
        let request = request.build().map_err(transport)?;
        // The path only: query strings may carry personal data, credentials never go there.
        let span = tracing::debug_span!(
            "sinch.request",
            operation,
            method = %request.method(),
            path = request.url().path(),
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
        );
        let method = request.method().clone();
        let build = || async {
            // Bodies built with reqwest's builder are in memory, so they can be cloned.
            request.try_clone().ok_or_else(|| Error::Request {
                operation,
                source: "a streamed body cannot be sent again".into(),
            })
        };
        self.attempts_with(operation, &self.retry, method, build)
            .instrument(span)
            .await
    }

    /// The attempts of one request; `build` makes it afresh for each (files are reopened).
    async fn attempts_with<F, Fut>(
        &self,
        operation: &'static str,
        policy: &RetryPolicy,
        method: reqwest::Method,
        build: F,
    ) -> Result<Response, Error>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<reqwest::Request, Error>>,
    {
        let idempotent = retry::is_idempotent(&method);
        let started = Instant::now();
        let mut attempt: u32 = 0;
        let mut renewed = false;
        loop {
            attempt += 1;
            let mut this = build().await?;
            let token: Option<Secret> = self.auth.authorize(&mut this).await.map_err(|source| Error::Auth {
                operation,
                source: Box::new(source),
            })?;
            let may_retry =
                |delay: Duration| attempt < policy.max_attempts && started.elapsed() + delay < policy.max_elapsed;
            let response = match self.client.execute(this).await {
                Ok(r) => r,
                Err(source) => {
                    let delay = policy.delay(attempt, None);
                    if policy.retries_error(&source, idempotent) && may_retry(delay) {
                        tracing::debug!(attempt, ?delay, error = %source, "retrying after a connection error");
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    return Err(Error::Transport { operation, source });
                }
            };
            let status = response.status();
            let headers = response.headers().clone();
            if let (401, Auth::OAuth2(oauth), Some(stale), false) = (status.as_u16(), &self.auth, &token, renewed)
                && super::oauth::says_expired(&headers)
            {
                // Renewed once; the resend does not count as an attempt.
                renewed = true;
                attempt -= 1;
                tracing::debug!("token expired; renewing it and sending again");
                oauth.renew(stale).await.map_err(|e| Error::Auth {
                    operation,
                    source: Box::new(e),
                })?;
                continue;
            }
            if policy.retries_status(status.as_u16(), idempotent) {
                let delay = policy.delay(attempt, retry::retry_after(&headers));
                if may_retry(delay) {
                    tracing::debug!(attempt, status = status.as_u16(), ?delay, "retrying");
                    tokio::time::sleep(delay).await;
                    continue;
                }
            }
            let span = tracing::Span::current();
            span.record("status", status.as_u16());
            span.record("attempts", attempt);
            let body = response
                .bytes()
                .await
                .map_err(|source| Error::Transport { operation, source })?;
            return Ok(Response {
                operation,
                status,
                headers,
                body,
            });
        }
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

    /// The response headers.
    pub fn headers(&self) -> &reqwest::header::HeaderMap {
        &self.headers
    }

    /// The raw body.
    pub fn body(&self) -> &[u8] {
        &self.body
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

    /// A text body (`text/plain`, `text/csv`); bytes that are not UTF-8 are replaced.
    pub fn text<E>(&self) -> Result<String, Error<E>> {
        Ok(String::from_utf8_lossy(&self.body).into_owned())
    }

    /// A binary body (a PDF, an attachment).
    pub fn bytes<E>(&self) -> Result<bytes::Bytes, Error<E>> {
        Ok(self.body.clone())
    }

    /// A decoded value with this response's status and headers.
    pub fn with<T>(self, value: T) -> super::call::WithResponse<T> {
        super::call::WithResponse {
            value,
            status: self.status,
            headers: self.headers,
        }
    }

    /// Decodes an error body, when it matches the documented type.
    pub fn decode<T: DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The error for a documented error status: the body decoded as that status's type `T`
    /// (when it decodes) and wrapped in the operation's error variant.
    pub fn error_as<T: DeserializeOwned, E>(self, variant: impl FnOnce(T) -> E) -> Error<E> {
        let typed = self.decode::<T>().map(variant);
        self.into_error(typed)
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
