//! Receiving Sinch callbacks in an [axum](https://docs.rs/axum) server (the `axum` feature):
//! extractors that read the raw body (up to the verifier's limit), verify it with a
//! [`Verifier`] taken from the router's state, and hand the handler the decoded event.
//!
//! ```ignore
//! use axum::{Router, routing::post};
//! use sinch_sdk::conversation::types::ConversationWebhookEvent;
//! use sinch_sdk::webhooks::{ConversationWebhook, SinchWebhook};
//!
//! async fn inbound(SinchWebhook(event, ..): SinchWebhook<ConversationWebhookEvent>) {
//!     // Only verified, fresh, decodable callbacks get here.
//! }
//!
//! let app: Router = Router::new()
//!     .route("/sinch/conversation", post(inbound))
//!     .with_state(ConversationWebhook::new("the app's webhook secret"));
//! ```
//!
//! Several verifiers share one state through [`FromRef`]: a struct holding a
//! `ConversationWebhook` and a `NumbersWebhook`, with `#[derive(FromRef)]` or hand-written
//! `FromRef` impls, and `SinchWebhook<NumbersEvent, NumbersWebhook>` in the Numbers handler.
//!
//! Rejections ([`WebhookRejection`]) answer `401 Unauthorized` (missing, malformed or wrong
//! signature or credentials, a timestamp outside the window), `400 Bad Request` (a verified body
//! that does not decode, or that cannot be read) or `413 Payload Too Large`, with a one-line
//! body that does not say which check failed; the reason is logged with `tracing` at debug
//! level (target `sinch_sdk_runtime::webhooks_axum`), and a handler that takes
//! `Result<SinchWebhook<..>, WebhookRejection>` gets it as [`WebhookRejection::error`].

use std::marker::PhantomData;

use axum::extract::{FromRef, FromRequest, OriginalUri, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

use super::webhooks::{Verifier, WebhookError, decode};

/// A verified callback decoded into `T` (a generated event type, or `serde_json::Value`),
/// verified with the `V` found in the router's state (`V: FromRef<S>`). Conversation by default.
///
/// Destructure it as `SinchWebhook(event, ..)`.
pub struct SinchWebhook<T, V = super::webhooks::ConversationWebhook>(
    /// The decoded event.
    pub T,
    /// Which verifier accepted it.
    pub PhantomData<fn() -> V>,
);

impl<T, V> SinchWebhook<T, V> {
    /// The decoded event.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: std::fmt::Debug, V> std::fmt::Debug for SinchWebhook<T, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("SinchWebhook").field(&self.0).finish()
    }
}

/// The raw body of a verified callback, for bodies that are not JSON (Fax sends
/// `multipart/form-data` unless told otherwise) or that you decode yourself.
///
/// Destructure it as `VerifiedBody(bytes, ..)`.
pub struct VerifiedBody<V>(
    /// The body exactly as received.
    pub Bytes,
    /// Which verifier accepted it.
    pub PhantomData<fn() -> V>,
);

impl<V> std::fmt::Debug for VerifiedBody<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("VerifiedBody").field(&self.0.len()).finish()
    }
}

/// Why a callback was turned away, and the response it gets: `401`, `400` or `413` with a terse
/// body that names no check, secret or header value.
#[derive(Debug)]
pub struct WebhookRejection {
    error: WebhookError,
}

impl WebhookRejection {
    /// The status the rejection answers with.
    pub fn status(&self) -> StatusCode {
        match self.error {
            WebhookError::Decode(_) | WebhookError::Body(_) => StatusCode::BAD_REQUEST,
            WebhookError::BodyTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            _ => StatusCode::UNAUTHORIZED,
        }
    }

    /// Why, in detail (for your logs; never sent to the caller).
    pub fn error(&self) -> &WebhookError {
        &self.error
    }

    /// The detailed reason, by value.
    pub fn into_error(self) -> WebhookError {
        self.error
    }
}

impl From<WebhookError> for WebhookRejection {
    fn from(error: WebhookError) -> Self {
        WebhookRejection { error }
    }
}

impl std::fmt::Display for WebhookRejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for WebhookRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        let status = self.status();
        tracing::debug!(status = status.as_u16(), reason = %self.error, "webhook rejected");
        let body = match status {
            StatusCode::UNAUTHORIZED => "invalid webhook signature\n",
            StatusCode::PAYLOAD_TOO_LARGE => "webhook body too large\n",
            _ => "invalid webhook body\n",
        };
        (status, body).into_response()
    }
}

/// Reads the body within the verifier's limit and verifies the request.
async fn verified<V: Verifier>(req: Request, verifier: &V) -> Result<Bytes, WebhookError> {
    let limit = verifier.body_limit();
    let (parts, body) = req.into_parts();
    let declared = parts
        .headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(WebhookError::BodyTooLarge { limit });
    }
    let body = axum::body::to_bytes(body, limit).await.map_err(|e| {
        let inner = e.into_inner();
        if inner.is::<http_body_util::LengthLimitError>() {
            WebhookError::BodyTooLarge { limit }
        } else {
            WebhookError::Body(inner.to_string())
        }
    })?;
    // The path Sinch signed is the one it called: inside `Router::nest` the request's own URI
    // has lost the prefix, `OriginalUri` keeps it.
    let path = match parts.extensions.get::<OriginalUri>() {
        Some(OriginalUri(uri)) => uri.path().to_string(),
        None => parts.uri.path().to_string(),
    };
    verifier.verify_request(parts.method.as_str(), &path, &parts.headers, &body, verifier.now())?;
    Ok(body)
}

impl<S, T, V> FromRequest<S> for SinchWebhook<T, V>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned,
    V: Verifier + FromRef<S> + Send + Sync,
{
    type Rejection = WebhookRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = V::from_ref(state);
        let body = verified(req, &verifier).await?;
        Ok(SinchWebhook(decode(&body)?, PhantomData))
    }
}

impl<S, V> FromRequest<S> for VerifiedBody<V>
where
    S: Send + Sync,
    V: Verifier + FromRef<S> + Send + Sync,
{
    type Rejection = WebhookRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = V::from_ref(state);
        Ok(VerifiedBody(verified(req, &verifier).await?, PhantomData))
    }
}
