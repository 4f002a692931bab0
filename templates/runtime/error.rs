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
    /// The request could not be authenticated (no OAuth2 token, a secret that is not base64).
    Auth {
        /// The operation id.
        operation: &'static str,
        /// What went wrong (never a credential).
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The request could not be built: a parameter set on the client is missing, a file
    /// cannot be read, a body cannot be encoded.
    Request {
        /// The operation id.
        operation: &'static str,
        /// What went wrong.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The request could not be sent or the response not received.
    Transport {
        /// The operation id.
        operation: &'static str,
        /// The underlying error.
        source: reqwest::Error,
    },
}

impl Error {
    /// The same error as the error type of an operation. The errors raised before a response is
    /// read (request, credentials, transport) carry no typed body, so nothing is lost; an
    /// `Api` error keeps its status, headers and body, without a typed body.
    pub fn widen<E>(self) -> Error<E> {
        match self {
            Error::Api(e) => {
                let ApiError {
                    operation,
                    status,
                    headers,
                    body,
                    typed: _,
                } = *e;
                Error::Api(Box::new(ApiError {
                    operation,
                    status,
                    headers,
                    body,
                    typed: None,
                }))
            }
            Error::Decode {
                operation,
                status,
                body,
                source,
            } => Error::Decode {
                operation,
                status,
                body,
                source,
            },
            Error::Auth { operation, source } => Error::Auth { operation, source },
            Error::Request { operation, source } => Error::Request { operation, source },
            Error::Transport { operation, source } => Error::Transport { operation, source },
        }
    }
}

impl<E> Error<E> {
    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<reqwest::StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode { status, .. } => Some(*status),
            Error::Transport { source, .. } => source.status(),
            Error::Auth { .. } | Error::Request { .. } => None,
        }
    }

    /// Sinch's own error body (any of its three shapes), when the response carried one.
    pub fn sinch_error(&self) -> Option<SinchError> {
        match self {
            Error::Api(e) => SinchError::parse(&e.body),
            Error::Decode { body, .. } => SinchError::parse(body),
            _ => None,
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
            Error::Api(e) => match SinchError::parse(&e.body) {
                Some(sinch) => write!(f, "{} failed with status {}: {sinch}", e.operation, e.status),
                None => write!(f, "{} failed with status {}: {}", e.operation, e.status, shown(&e.body)),
            },
            Error::Auth { operation, source } => write!(f, "{operation}: authentication failed: {source}"),
            Error::Request { operation, source } => write!(f, "{operation}: the request cannot be made: {source}"),
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
            Error::Auth { source, .. } | Error::Request { source, .. } => Some(source.as_ref()),
        }
    }
}

/// Sinch's error bodies. The APIs use three shapes.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SinchError {
    /// `{"error": {"code", "message", "status", "details"}}` (Conversation, Numbers, Provisioning, ...).
    Api {
        /// The numeric code (usually the HTTP status).
        code: Option<i64>,
        /// What went wrong.
        message: String,
        /// The status name, such as `INVALID_ARGUMENT`.
        status: Option<String>,
        /// Further details.
        details: Vec<serde_json::Value>,
    },
    /// SMS: `{"code", "text"}`.
    Sms {
        /// The error code, such as `syntax_invalid_json`.
        code: String,
        /// What went wrong.
        text: String,
    },
    /// Verification and Voice: `{"errorCode", "message", "reference"}`.
    Verification {
        /// The numeric error code.
        error_code: i64,
        /// What went wrong.
        message: String,
        /// A reference for Sinch's support.
        reference: Option<String>,
    },
}

impl SinchError {
    /// Reads any of the three shapes from a body.
    pub fn parse(body: &[u8]) -> Option<SinchError> {
        let v: serde_json::Value = serde_json::from_slice(body).ok()?;
        let text = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let number = |v: &serde_json::Value, k: &str| {
            v.get(k)
                .and_then(|x| x.as_i64().or_else(|| x.as_str().and_then(|s| s.parse().ok())))
        };
        if let Some(e) = v.get("error").filter(|e| e.is_object()) {
            return Some(SinchError::Api {
                code: number(e, "code"),
                message: text(e, "message").unwrap_or_default(),
                status: text(e, "status"),
                details: e.get("details").and_then(|d| d.as_array()).cloned().unwrap_or_default(),
            });
        }
        if let (Some(code), Some(t)) = (text(&v, "code"), text(&v, "text")) {
            return Some(SinchError::Sms { code, text: t });
        }
        if let Some(error_code) = number(&v, "errorCode") {
            return Some(SinchError::Verification {
                error_code,
                message: text(&v, "message").unwrap_or_default(),
                reference: text(&v, "reference"),
            });
        }
        None
    }

    /// The human-readable message.
    pub fn message(&self) -> &str {
        match self {
            SinchError::Api { message, .. } | SinchError::Verification { message, .. } => message,
            SinchError::Sms { text, .. } => text,
        }
    }
}

impl fmt::Display for SinchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SinchError::Api {
                code, message, status, ..
            } => {
                write!(f, "{message}")?;
                if let Some(s) = status {
                    write!(f, " ({s})")?;
                }
                if let Some(c) = code {
                    write!(f, " [code {c}]")?;
                }
                Ok(())
            }
            SinchError::Sms { code, text } => write!(f, "{text} ({code})"),
            SinchError::Verification {
                error_code,
                message,
                reference,
            } => {
                write!(f, "{message} [errorCode {error_code}]")?;
                if let Some(r) = reference {
                    write!(f, " reference {r}")?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ApiError, Error, SinchError};

    #[test]
    fn widening_keeps_what_was_received() {
        let api: Error = Error::Api(Box::new(ApiError {
            operation: "op",
            status: reqwest::StatusCode::TOO_MANY_REQUESTS,
            headers: Default::default(),
            body: bytes::Bytes::from_static(b"{\"code\":\"slow\",\"text\":\"down\"}"),
            typed: None,
        }));
        let wide: Error<String> = api.widen();
        assert_eq!(wide.status(), Some(reqwest::StatusCode::TOO_MANY_REQUESTS));
        assert_eq!(
            wide.sinch_error().map(|e| e.message().to_string()).as_deref(),
            Some("down")
        );
        let Error::Api(e) = wide else {
            panic!("not an Api error")
        };
        assert_eq!((e.operation, e.typed), ("op", None));
        let request: Error = Error::Request {
            operation: "op",
            source: "no file".into(),
        };
        let wide: Error<u8> = request.widen();
        assert!(matches!(wide, Error::Request { operation: "op", ref source } if source.to_string() == "no file"));
    }

    #[test]
    fn the_three_error_shapes_are_read() {
        let api =
            br#"{"error":{"code":400,"message":"Invalid argument","status":"INVALID_ARGUMENT","details":[{"x":1}]}}"#;
        assert!(
            matches!(SinchError::parse(api), Some(SinchError::Api { code: Some(400), ref status, .. }) if status.as_deref() == Some("INVALID_ARGUMENT"))
        );
        let sms = br#"{"code":"syntax_invalid_json","text":"The JSON is invalid"}"#;
        assert_eq!(SinchError::parse(sms).unwrap().message(), "The JSON is invalid");
        let ver = br#"{"errorCode":40003,"message":"Invalid identity","reference":"ref-1"}"#;
        assert!(matches!(
            SinchError::parse(ver),
            Some(SinchError::Verification { error_code: 40003, .. })
        ));
        assert!(SinchError::parse(b"not json").is_none());
        assert!(SinchError::parse(br#"{"other":1}"#).is_none());
    }
}
