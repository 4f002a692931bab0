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

impl CallOptions {
    /// Adds a header, or logs that it is not a valid header (name or value) and leaves it out:
    /// the body of every builder's `header`, compiled once here.
    pub fn add_header(&mut self, name: &str, value: &str) {
        match (
            reqwest::header::HeaderName::from_bytes(name.as_bytes()),
            reqwest::header::HeaderValue::from_str(value),
        ) {
            (Ok(n), Ok(v)) => self.headers.push((n, v)),
            _ => tracing::warn!(header = name, "ignored an invalid header"),
        }
    }
}

/// The per-call option setters every request builder has (it must have an `options:
/// CallOptions` field).
///
/// They are `#[inline]`, as are the other non-generic functions the runtime's macros write
/// (`open_enum!`'s conversions, `object!`'s `expecting`, `constructor!`'s `new`): an API's crate
/// then compiles none of them to machine code, only the calling crate the ones it uses. That was
/// 86k of the 95k lines of LLVM IR Engage's crate had, and 19% of rustc's instructions building
/// it (`valgrind --tool=callgrind`: 10.8 -> 8.8 G).
#[macro_export]
#[doc(hidden)]
macro_rules! __call_options {
    () => {
        /// Time for each attempt of this call (instead of the client's timeout).
        #[inline]
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.timeout = Some(timeout);
            self
        }
        /// Adds a header to this call; an invalid name or value is ignored with a warning in the log.
        #[inline]
        pub fn header(mut self, name: &str, value: &str) -> Self {
            self.options.add_header(name, value);
            self
        }
        /// Retries for this call (instead of the client's policy).
        #[inline]
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

/// What a builder's `request_parts` makes: the request and the call's options, or the error
/// making them.
pub type Built<E> = Result<(Request, CallOptions), Error<E>>;

/// What a builder's `decode_response` reads a response as.
pub type Decoded<T, E> = Result<WithResponse<T>, Error<E>>;

/// The future of an operation's `send_with_response`: the request its builder made (or the error
/// making it) is sent, and the response read by the operation's `decode`. A type, not an `async`
/// body per operation: two state machines per operation (`send_with_response` and `send`), each
/// boxed as `dyn Future + Send`, were a fifth of rustc's instructions for Engage's crate.
#[must_use = "futures do nothing unless awaited"]
pub struct Sending<'a, T, E> {
    state: State<'a, E>,
    decode: fn(super::Response) -> Decoded<T, E>,
}

enum State<'a, E> {
    Sending(super::http::Exchange<'a>),
    Failed(Option<Error<E>>),
}

// Nothing is pinned in place: the request's own future is boxed.
impl<T, E> Unpin for Sending<'_, T, E> {}

impl<'a, T, E> Sending<'a, T, E> {
    /// Sends `request` through `http` (or fails with the error building it) and reads the response
    /// with `decode`.
    pub fn new(http: &'a super::Http, request: Built<E>, decode: fn(super::Response) -> Decoded<T, E>) -> Self {
        let state = match request {
            Ok((request, options)) => State::Sending(http.exchange_owned(request, options)),
            Err(e) => State::Failed(Some(e)),
        };
        Sending { state, decode }
    }
}

impl<T, E> std::future::Future for Sending<'_, T, E> {
    type Output = Decoded<T, E>;
    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Self::Output> {
        use std::task::Poll;
        let this = self.get_mut();
        match &mut this.state {
            State::Failed(e) => Poll::Ready(Err(e.take().expect("a call polled after it completed"))),
            State::Sending(exchange) => match exchange.as_mut().poll(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(Ok(response)) => Poll::Ready((this.decode)(response)),
                Poll::Ready(Err(e)) => Poll::Ready(Err(e.widen())),
            },
        }
    }
}

impl<T, E> std::fmt::Debug for Sending<'_, T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sending")
    }
}

/// The future of an operation's `send`, and what awaiting its builder gives: [`Sending`]'s value
/// without the response's status and headers.
#[must_use = "futures do nothing unless awaited"]
#[derive(Debug)]
pub struct Value<'a, T, E>(Sending<'a, T, E>);

impl<'a, T, E> Value<'a, T, E> {
    /// The value `sending` receives.
    pub fn new(sending: Sending<'a, T, E>) -> Self {
        Value(sending)
    }
}

impl<T, E> std::future::Future for Value<'_, T, E> {
    type Output = Result<T, Error<E>>;
    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Self::Output> {
        std::pin::Pin::new(&mut self.get_mut().0)
            .poll(cx)
            .map(|r| r.map(WithResponse::into_value))
    }
}

/// A request builder's `send_with_response`, `send` and `IntoFuture`, for a builder `$call<'a>`
/// whose `request_parts` builds its request and whose `decode_response` reads the response as
/// `WithResponse<$ok>` or `Error<$err>`: awaiting the builder sends it.
#[macro_export]
#[doc(hidden)]
macro_rules! __send {
    ($call:ident, $ok:ty, $err:ty $(,)?) => {
        #[allow(deprecated)]
        impl<'a> $call<'a> {
            /// Sends the request; the value comes with the response's status and headers.
            // Inline, as are `request_parts` and `decode_response`, so they are compiled where a
            // call is awaited, as generic code is.
            #[inline]
            pub fn send_with_response(self) -> $crate::__runtime::call::Sending<'a, $ok, $err> {
                let client = self.client;
                $crate::__runtime::call::Sending::new(&client.http, self.request_parts(), Self::decode_response)
            }
            /// Sends the request.
            #[inline]
            pub fn send(self) -> $crate::__runtime::call::Value<'a, $ok, $err> {
                $crate::__runtime::call::Value::new(self.send_with_response())
            }
        }
        #[allow(deprecated)]
        impl<'a> ::core::future::IntoFuture for $call<'a> {
            type Output = ::core::result::Result<$ok, $crate::__runtime::Error<$err>>;
            type IntoFuture = $crate::__runtime::call::Value<'a, $ok, $err>;
            // Inline, so the decoding of the operation's response is compiled in the crate that
            // awaits it, as generic code is, and an application compiles only the operations it
            // calls.
            #[inline]
            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }
    };
}
pub use __send as send;
