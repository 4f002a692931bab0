//! One call of an operation: what the generated request builders hand to [`Http`](super::Http)
//! (method, path, query, headers, body, and the host when the operation has its own), the
//! per-call options a user may set, and a success value with the response's status and headers.

use super::body::Body;
use super::error::Error;
use super::retry::RetryPolicy;
use std::time::Duration;

/// A request of one operation, as data.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Request {
    /// The operation id, as in Sinch's description.
    pub operation: &'static str,
    /// The HTTP method.
    pub method: reqwest::Method,
    /// The host the description names for this operation, when it is not the API's.
    pub server: Option<&'static str>,
    /// The path, parameters filled in and percent-encoded.
    pub path: String,
    /// Query pairs, in order.
    pub query: Vec<(&'static str, String)>,
    /// Header parameters.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Body,
}

impl Request {
    /// A request without parameters or body.
    pub fn new(operation: &'static str, method: reqwest::Method, path: String) -> Self {
        Request {
            operation,
            method,
            server: None,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::Empty,
        }
    }
}

/// Options of one call: set them on any operation's request builder.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct CallOptions {
    /// Time for each attempt of this call (instead of the client's).
    pub timeout: Option<Duration>,
    /// Headers added to this call (after the SDK's own, so they win).
    pub headers: Vec<(reqwest::header::HeaderName, reqwest::header::HeaderValue)>,
    /// Retries for this call (instead of the client's policy).
    pub retry: Option<RetryPolicy>,
}

/// A success value with the status and headers of the response it came in.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct WithResponse<T> {
    /// The decoded body.
    pub value: T,
    /// The HTTP status.
    pub status: reqwest::StatusCode,
    /// The response headers.
    pub headers: reqwest::header::HeaderMap,
}

impl<T> WithResponse<T> {
    /// The decoded body, dropping status and headers.
    pub fn into_value(self) -> T {
        self.value
    }

    /// A header's value, when present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Logs a header a call was given that is not a valid header (name or value).
pub fn ignored_header(name: &str) {
    tracing::warn!(header = name, "ignored an invalid header");
}

/// The per-call option setters every request builder has (it must have an `options:
/// CallOptions` field).
#[macro_export]
#[doc(hidden)]
macro_rules! __call_options {
    () => {
        /// Time for each attempt of this call (instead of the client's timeout).
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.timeout = Some(timeout);
            self
        }
        /// Adds a header to this call; an invalid name or value is ignored with a warning in the log.
        pub fn header(mut self, name: &str, value: &str) -> Self {
            match (
                $crate::__runtime::reqwest::header::HeaderName::from_bytes(name.as_bytes()),
                $crate::__runtime::reqwest::header::HeaderValue::from_str(value),
            ) {
                (Ok(n), Ok(v)) => self.options.headers.push((n, v)),
                _ => $crate::__runtime::call::ignored_header(name),
            }
            self
        }
        /// Retries for this call (instead of the client's policy).
        pub fn retry_policy(mut self, policy: $crate::__runtime::RetryPolicy) -> Self {
            self.options.retry = Some(policy);
            self
        }
    };
}
pub use __call_options as call_options;

/// The value of a client-level parameter (a project id, a service plan) for one call: the call's
/// own, else the client's. Unset in both is an error with `unset`, which says where to set it.
pub fn client_param<E>(
    own: &Option<String>,
    client: &Option<String>,
    operation: &'static str,
    unset: &'static str,
) -> Result<String, Error<E>> {
    match own.as_ref().or(client.as_ref()) {
        Some(value) => Ok(value.clone()),
        None => Err(Error::Request {
            operation,
            source: unset.into(),
        }),
    }
}

/// The body a request builder encoded when it was given, or why it could not be encoded.
pub fn body<E>(body: Result<Body, String>, operation: &'static str) -> Result<Body, Error<E>> {
    body.map_err(|e| Error::Request {
        operation,
        source: e.into(),
    })
}

/// A request builder's `send` and its `IntoFuture`, for a builder `$call<'a>` whose
/// `send_with_response` gives `WithResponse<$ok>` or `Error<$err>`: awaiting the builder sends it.
/// An operation's call: the request its builder made (or the error making it) is sent, and the
/// response read by the operation's `decode`. The generated operations have no `async` body of
/// their own: two state machines per operation (`send_with_response` and `send`) were a fifth of
/// rustc's instructions for Engage's crate. Generic, so it is compiled where a call is awaited.
pub async fn exchange<T, E>(
    http: &super::Http,
    request: Result<(Request, CallOptions), Error<E>>,
    decode: fn(super::Response) -> Result<WithResponse<T>, Error<E>>,
) -> Result<WithResponse<T>, Error<E>> {
    let (request, options) = request?;
    let response = http.exchange(request, &options).await.map_err(Error::widen)?;
    decode(response)
}

/// The value of a call's response, without its status and headers: `send` of every operation.
pub async fn value<T, E>(
    call: impl std::future::Future<Output = Result<WithResponse<T>, Error<E>>>,
) -> Result<T, Error<E>> {
    call.await.map(WithResponse::into_value)
}

#[macro_export]
#[doc(hidden)]
macro_rules! __send {
    ($call:ident, $ok:ty, $err:ty $(,)?) => {
        #[allow(deprecated)]
        impl<'a> $call<'a> {
            /// Sends the request.
            #[inline]
            pub fn send(
                self,
            ) -> impl ::core::future::Future<Output = ::core::result::Result<$ok, $crate::__runtime::Error<$err>>>
            + ::core::marker::Send
            + 'a {
                $crate::__runtime::call::value(self.send_with_response())
            }
        }
        #[allow(deprecated)]
        impl<'a> ::core::future::IntoFuture for $call<'a> {
            type Output = ::core::result::Result<$ok, $crate::__runtime::Error<$err>>;
            type IntoFuture = ::core::pin::Pin<
                ::std::boxed::Box<dyn ::core::future::Future<Output = Self::Output> + ::core::marker::Send + 'a>,
            >;
            // Inline, so the operation's body (its state machine and the decoding of its
            // response) is compiled in the crate that awaits it, as generic code is, and an
            // application compiles only the operations it calls. Boxing it here compiled every
            // operation into the API crate: three quarters of Engage's code.
            #[inline]
            fn into_future(self) -> Self::IntoFuture {
                ::std::boxed::Box::pin(self.send())
            }
        }
    };
}
pub use __send as send;
