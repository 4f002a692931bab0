//! The error every operation returns: keeps the operation, status, headers and body.

use std::fmt;

/// The error type parameter of operations that document no error body.
pub type NoErrorBody = std::convert::Infallible;

/// A response with a status the operation does not treat as success.
#[derive(Debug)]
pub struct ApiError<E> {
    /// The operation id, as in Sinch's description.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: reqwest::StatusCode,
    /// The response headers.
    pub headers: reqwest::header::HeaderMap,
    /// The raw response body.
    pub body: bytes::Bytes,
    /// The body decoded into the type documented for this status, when it decoded.
    pub typed: Option<E>,
}

/// Everything that can go wrong calling an operation.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = NoErrorBody> {
    /// Sinch answered with an error status (boxed: it holds headers and body).
    Api(Box<ApiError<E>>),
    /// A success response whose body does not match the documented type.
    Decode {
        /// The operation id.
        operation: &'static str,
        /// The HTTP status.
        status: reqwest::StatusCode,
        /// The raw body.
        body: bytes::Bytes,
        /// What did not match.
        source: serde_json::Error,
    },
    /// The request could not be sent or the response not received.
    Transport {
        /// The operation id.
        operation: &'static str,
        /// The underlying error.
        source: reqwest::Error,
    },
}

impl<E> Error<E> {
    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<reqwest::StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode { status, .. } => Some(*status),
            Error::Transport { source, .. } => source.status(),
        }
    }

    /// The typed error body, when the status is documented and the body decoded.
    pub fn typed(&self) -> Option<&E> {
        match self {
            Error::Api(e) => e.typed.as_ref(),
            _ => None,
        }
    }
}

/// At most this much of a body is shown in a message; the whole body stays in the error.
const SHOWN: usize = 512;

fn shown(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(SHOWN)]).into_owned();
    if body.len() > SHOWN { format!("{text}…") } else { text }
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => write!(f, "{} failed with status {}: {}", e.operation, e.status, shown(&e.body)),
            Error::Decode {
                operation,
                status,
                body,
                source,
            } => {
                write!(
                    f,
                    "{operation}: the {status} response did not decode ({source}): {}",
                    shown(body)
                )
            }
            // reqwest's message names the URL but no credentials: they travel in headers.
            Error::Transport { operation, source } => write!(f, "{operation}: request failed: {source}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Api(_) => None,
            Error::Decode { source, .. } => Some(source),
            Error::Transport { source, .. } => Some(source),
        }
    }
}
