//! Verification of inbound Sinch callbacks, from the raw body bytes exactly as received (before
//! any JSON parsing: re-serialized JSON does not verify). Signatures are compared in constant
//! time, and the schemes that carry a timestamp reject requests outside a window (default five
//! minutes) to limit replays. Verify first, then [`decode`] the body into a generated type.
//!
//! - [`ConversationWebhook`] (also [`SmsWebhook`]): `x-sinch-webhook-signature*` headers,
//!   `base64(hmac_sha256(secret, body "." nonce "." timestamp))`.
//! - [`NumbersWebhook`]: `X-Sinch-Signature`, `hex(hmac_sha1(secret, body))`; no timestamp.
//! - [`ApplicationWebhook`] (Voice and Verification): `Authorization: Application KEY:SIGNATURE`
//!   and `x-timestamp`, the application-signed request scheme of [`super::signing`].
//! - [`ServiceWebhook`] (Voice API v2): `Authorization: service SERVICE_ID:SIGNATURE`, the same
//!   canonical string and HMAC keyed with the service secret.
//! - [`BasicAuthWebhook`] (Fax, the `WebhookBasicAuth` scheme): the credentials you put in the
//!   callback URL (`https://user:password@host/path`) come back as `Authorization: Basic`.
//!
//! Each implements [`Verifier`], which the `axum` feature's extractor (`SinchWebhook`, in
//! `webhooks_axum` and re-exported here) uses to verify and decode a request before the handler
//! sees it.
//!
//! APIs whose descriptions document no callback authentication (Porting, 10DLC, Elastic SIP
//! Trunking, ...) can only be secured by a hard-to-guess callback URL or [`BasicAuthWebhook`] when
//! the API keeps credentials of the URL. Provisioning's callbacks carry the Conversation headers:
//! verify them with [`ConversationWebhook`].

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use sha1::Sha1;
use sha2::Sha256;
use subtle::ConstantTimeEq;

#[cfg(feature = "axum")]
pub use super::webhooks_axum::{SinchWebhook, VerifiedBody, WebhookRejection};

use super::auth::Secret;
use super::signing::{self, SigningError};
use super::timestamp::Timestamp;

/// The default accepted distance between a callback's timestamp and now: five minutes.
pub const DEFAULT_WINDOW: Duration = Duration::from_secs(300);

/// Why a callback was rejected. Never contains a secret.
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookError {
    /// A required header is absent (names the header).
    MissingHeader(&'static str),
    /// A header is present but cannot be parsed (a signature that is not base64 or hex, a
    /// timestamp that is not a time, an `Authorization` header of another scheme).
    Malformed(String),
    /// The signature does not match the body and headers under this secret (or, for
    /// application-signed callbacks, the request names another application key).
    BadSignature,
    /// The signature is valid but the timestamp is outside the accepted window.
    Stale {
        /// Now minus the callback's timestamp, in milliseconds; negative when it is in the future.
        age_millis: i64,
        /// The accepted window either side of now.
        window: Duration,
    },
    /// `x-sinch-webhook-signature-algorithm` names an algorithm other than `HmacSHA256`.
    UnsupportedAlgorithm(String),
    /// The verified body does not decode into the requested type.
    Decode(serde_json::Error),
    /// The body is larger than the receiver accepts (`limit` bytes).
    BodyTooLarge {
        /// The largest body accepted, in bytes.
        limit: usize,
    },
    /// The body could not be read (the connection failed mid-body).
    Body(String),
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::MissingHeader(name) => write!(f, "webhook header {name} is missing"),
            WebhookError::Malformed(what) => write!(f, "malformed webhook: {what}"),
            WebhookError::BadSignature => f.write_str("webhook signature does not verify"),
            WebhookError::Stale { age_millis, window } => {
                let (amount, direction) = if *age_millis < 0 {
                    (-age_millis, "in the future")
                } else {
                    (*age_millis, "old")
                };
                write!(
                    f,
                    "webhook timestamp is {}.{:03}s {direction}, outside the {}s window",
                    amount / 1000,
                    amount % 1000,
                    window.as_secs_f64()
                )
            }
            WebhookError::UnsupportedAlgorithm(name) => write!(f, "unsupported webhook signature algorithm {name:?}"),
            WebhookError::Decode(e) => write!(f, "webhook body does not decode: {e}"),
            WebhookError::BodyTooLarge { limit } => write!(f, "webhook body is larger than {limit} bytes"),
            WebhookError::Body(e) => write!(f, "webhook body could not be read: {e}"),
        }
    }
}

impl std::error::Error for WebhookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WebhookError::Decode(e) => Some(e),
            _ => None,
        }
    }
}

/// The largest callback body the `axum` extractor reads by default: 1 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 1 << 20;

/// A callback verification scheme: everything needed to tell whether an HTTP request is a
/// genuine callback, given the request's method, path, headers and raw body.
///
/// Implemented by every verifier of this module; implement it for a scheme of your own (or to
/// wrap one, for example to pin the clock in tests) to use it with the `axum` extractor.
pub trait Verifier {
    /// Verifies a callback as of `now`. `path` is the path the request was sent to (a query
    /// string is ignored where the scheme signs the path).
    fn verify_request(
        &self,
        method: &str,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), WebhookError>;

    /// The current time the extractor verifies against ([`SystemTime::now`] unless overridden).
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }

    /// The largest body accepted, in bytes ([`DEFAULT_BODY_LIMIT`] unless overridden).
    fn body_limit(&self) -> usize {
        DEFAULT_BODY_LIMIT
    }
}

impl<V: Verifier + ?Sized> Verifier for std::sync::Arc<V> {
    fn verify_request(
        &self,
        method: &str,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        (**self).verify_request(method, path, headers, body, now)
    }

    fn now(&self) -> SystemTime {
        (**self).now()
    }

    fn body_limit(&self) -> usize {
        (**self).body_limit()
    }
}

/// Decodes a verified callback body into a (generated) type.
pub fn decode<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, WebhookError> {
    serde_json::from_slice(body).map_err(WebhookError::Decode)
}

/// A header's text, trimmed; `MissingHeader` when absent.
fn header<'a>(headers: &'a HeaderMap, name: &'static str) -> Result<&'a str, WebhookError> {
    let value = headers.get(name).ok_or(WebhookError::MissingHeader(name))?;
    value
        .to_str()
        .map(str::trim)
        .map_err(|_| WebhookError::Malformed(format!("header {name} is not visible ASCII")))
}

/// At most 64 characters of untrusted text, for error messages.
fn excerpt(text: &str) -> String {
    text.chars().take(64).collect()
}

fn unix_nanos(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// Rejects a timestamp (nanoseconds since the epoch) further than `window` from `now`, either way.
fn check_window(timestamp_nanos: i128, now: SystemTime, window: Duration) -> Result<(), WebhookError> {
    let age = unix_nanos(now) - timestamp_nanos;
    if age.unsigned_abs() > window.as_nanos() {
        let age_millis = (age / 1_000_000).clamp(i64::MIN as i128, i64::MAX as i128) as i64;
        return Err(WebhookError::Stale { age_millis, window });
    }
    Ok(())
}

/// Conversation API callbacks (the SMS API signs its callbacks the same way): verifies
/// `x-sinch-webhook-signature` = `base64(hmac_sha256(secret, body "." nonce "." timestamp))`
/// with the `x-sinch-webhook-signature-nonce` and `x-sinch-webhook-signature-timestamp` (Unix
/// seconds) headers, and that the timestamp is within the window of now.
#[derive(Debug, Clone)]
pub struct ConversationWebhook {
    secret: Secret,
    window: Duration,
}

/// SMS API callbacks, signed exactly like Conversation API callbacks.
pub type SmsWebhook = ConversationWebhook;

impl ConversationWebhook {
    /// The signature header.
    pub const SIGNATURE_HEADER: &'static str = "x-sinch-webhook-signature";
    /// The nonce header.
    pub const NONCE_HEADER: &'static str = "x-sinch-webhook-signature-nonce";
    /// The timestamp header (Unix seconds).
    pub const TIMESTAMP_HEADER: &'static str = "x-sinch-webhook-signature-timestamp";
    /// The optional algorithm header; `HmacSHA256` is the only algorithm accepted.
    pub const ALGORITHM_HEADER: &'static str = "x-sinch-webhook-signature-algorithm";

    /// A verifier for the webhook secret configured on the app or callback, with the default
    /// five-minute window.
    pub fn new(secret: impl Into<Secret>) -> Self {
        ConversationWebhook {
            secret: secret.into(),
            window: DEFAULT_WINDOW,
        }
    }

    /// Sets how far the timestamp may be from now, either way.
    pub fn with_window(mut self, window: Duration) -> Self {
        self.window = window;
        self
    }

    /// Verifies a callback's headers and raw body as of `now`.
    pub fn verify(&self, headers: &HeaderMap, body: &[u8], now: SystemTime) -> Result<(), WebhookError> {
        let signature = header(headers, Self::SIGNATURE_HEADER)?;
        let nonce = header(headers, Self::NONCE_HEADER)?;
        let timestamp = header(headers, Self::TIMESTAMP_HEADER)?;
        if headers.contains_key(Self::ALGORITHM_HEADER) {
            let algorithm = header(headers, Self::ALGORITHM_HEADER)?;
            if !algorithm.eq_ignore_ascii_case("HmacSHA256") {
                return Err(WebhookError::UnsupportedAlgorithm(excerpt(algorithm)));
            }
        }
        let seconds: i64 = timestamp
            .parse()
            .ok()
            .filter(|_| timestamp.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| WebhookError::Malformed(format!("{} is not Unix seconds", Self::TIMESTAMP_HEADER)))?;
        let received = STANDARD
            .decode(signature)
            .map_err(|_| WebhookError::Malformed(format!("{} is not base64", Self::SIGNATURE_HEADER)))?;

        self.mac(body, nonce, timestamp)
            .verify_slice(&received)
            .map_err(|_| WebhookError::BadSignature)?;
        check_window(i128::from(seconds) * 1_000_000_000, now, self.window)
    }

    /// The HMAC-SHA256 of `body.nonce.timestamp` under the secret: what Sinch signs.
    fn mac(&self, body: &[u8], nonce: &str, timestamp: &str) -> Hmac<Sha256> {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(self.secret.expose().as_bytes()).expect("HMAC takes any key length");
        mac.update(body);
        mac.update(b".");
        mac.update(nonce.as_bytes());
        mac.update(b".");
        mac.update(timestamp.as_bytes());
        mac
    }

    /// Verifies a callback as of the current time.
    pub fn verify_now(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), WebhookError> {
        self.verify(headers, body, SystemTime::now())
    }

    /// The `x-sinch-webhook-signature` Sinch sends for this body, nonce and timestamp (Unix
    /// seconds, as sent in the header): for tests of your own receiver.
    pub fn sign(&self, body: &[u8], nonce: &str, timestamp: &str) -> String {
        STANDARD.encode(self.mac(body, nonce, timestamp).finalize().into_bytes())
    }

    /// Verifies a callback as of `now`, then decodes its body.
    pub fn verify_and_decode<T: serde::de::DeserializeOwned>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<T, WebhookError> {
        self.verify(headers, body, now)?;
        decode(body)
    }
}

impl Verifier for ConversationWebhook {
    fn verify_request(
        &self,
        _method: &str,
        _path: &str,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        self.verify(headers, body, now)
    }
}

/// Numbers API callbacks: verifies `X-Sinch-Signature` = lowercase
/// `hex(hmac_sha1(secret, body))` (upper-case hex is accepted too).
///
/// The scheme signs the body only, with no timestamp or nonce, so a captured callback can be
/// replayed and still verify: replay protection is not possible with it (deduplicate on the
/// event's `eventId` if that matters).
#[derive(Debug, Clone)]
pub struct NumbersWebhook {
    secret: Secret,
}

impl NumbersWebhook {
    /// The signature header.
    pub const SIGNATURE_HEADER: &'static str = "x-sinch-signature";

    /// A verifier for the callback secret configured on the Numbers project.
    pub fn new(secret: impl Into<Secret>) -> Self {
        NumbersWebhook { secret: secret.into() }
    }

    /// Verifies a callback's headers and raw body.
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), WebhookError> {
        let signature = header(headers, Self::SIGNATURE_HEADER)?;
        let received = decode_hex(signature)
            .ok_or_else(|| WebhookError::Malformed(format!("{} is not hexadecimal", Self::SIGNATURE_HEADER)))?;
        let mut mac =
            <Hmac<Sha1> as Mac>::new_from_slice(self.secret.expose().as_bytes()).expect("HMAC takes any key length");
        mac.update(body);
        mac.verify_slice(&received).map_err(|_| WebhookError::BadSignature)
    }

    /// Verifies a callback, then decodes its body.
    pub fn verify_and_decode<T: serde::de::DeserializeOwned>(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<T, WebhookError> {
        self.verify(headers, body)?;
        decode(body)
    }
}

impl Verifier for NumbersWebhook {
    fn verify_request(
        &self,
        _method: &str,
        _path: &str,
        headers: &HeaderMap,
        body: &[u8],
        _now: SystemTime,
    ) -> Result<(), WebhookError> {
        self.verify(headers, body)
    }
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if text.is_empty() || !text.len().is_multiple_of(2) {
        return None;
    }
    let nibble = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    text.as_bytes()
        .chunks(2)
        .map(|pair| Some(nibble(pair[0])? << 4 | nibble(pair[1])?))
        .collect()
}

/// Voice and Verification callbacks, signed as application-signed requests: verifies
/// `Authorization: Application KEY:SIGNATURE` for the request's method, path, `Content-Type`
/// header (as received, empty when absent), raw body and `x-timestamp` header, that `KEY` is
/// this application's key, and that `x-timestamp` (ISO-8601, UTC) is within the window of now.
#[derive(Debug, Clone)]
pub struct ApplicationWebhook {
    application_key: String,
    application_secret: Secret,
    window: Duration,
    /// The `Authorization` scheme: `Application`, or `service` for Voice API v2.
    scheme: &'static str,
}

impl ApplicationWebhook {
    /// A verifier for an application's key and (base64) secret, with the default five-minute
    /// window. Fails when the secret is not base64.
    pub fn new(
        application_key: impl Into<String>,
        application_secret_b64: impl Into<Secret>,
    ) -> Result<Self, SigningError> {
        let application_secret = application_secret_b64.into();
        signing::decode_secret(application_secret.expose())?;
        Ok(ApplicationWebhook {
            application_key: application_key.into(),
            application_secret,
            window: DEFAULT_WINDOW,
            scheme: "Application",
        })
    }

    /// Sets how far `x-timestamp` may be from now, either way.
    pub fn with_window(mut self, window: Duration) -> Self {
        self.window = window;
        self
    }

    /// Verifies a callback as of `now`. `method` is the HTTP method; `path` the request path
    /// the callback was sent to (a query string, if any, is ignored; percent-escapes are decoded).
    pub fn verify(
        &self,
        method: &str,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        let authorization = header(headers, "authorization")?;
        let timestamp = header(headers, signing::X_TIMESTAMP)?;
        let not_application =
            || WebhookError::Malformed(format!("authorization is not `{} KEY:SIGNATURE`", self.scheme));
        let (scheme, credentials) = authorization.split_once(' ').ok_or_else(not_application)?;
        if !scheme.eq_ignore_ascii_case(self.scheme) {
            return Err(not_application());
        }
        let (key, signature) = credentials.trim().rsplit_once(':').ok_or_else(not_application)?;
        let received = STANDARD
            .decode(signature)
            .map_err(|_| WebhookError::Malformed("the authorization signature is not base64".into()))?;
        let (seconds, nanos) = Timestamp::new(timestamp)
            .to_unix()
            .ok_or_else(|| WebhookError::Malformed(format!("{} is not an ISO-8601 time", signing::X_TIMESTAMP)))?;
        if key != self.application_key {
            return Err(WebhookError::BadSignature);
        }
        let content_type = match headers.get(CONTENT_TYPE) {
            None => "",
            Some(v) => v
                .to_str()
                .map_err(|_| WebhookError::Malformed("content-type is not visible ASCII".into()))?,
        };
        let to_sign = signing::string_to_sign(
            &method.to_ascii_uppercase(),
            &signing::content_md5(body),
            content_type,
            timestamp,
            &signing::canonical_path(path),
        );
        let secret = signing::decode_secret(self.application_secret.expose())
            .map_err(|_| WebhookError::Malformed("the application secret is not base64".into()))?;
        signing::mac(&secret, &to_sign)
            .verify_slice(&received)
            .map_err(|_| WebhookError::BadSignature)?;
        check_window(
            i128::from(seconds) * 1_000_000_000 + i128::from(nanos),
            now,
            self.window,
        )
    }

    /// Verifies a callback as of the current time.
    pub fn verify_now(&self, method: &str, path: &str, headers: &HeaderMap, body: &[u8]) -> Result<(), WebhookError> {
        self.verify(method, path, headers, body, SystemTime::now())
    }

    /// Verifies a callback as of `now`, then decodes its body.
    pub fn verify_and_decode<T: serde::de::DeserializeOwned>(
        &self,
        method: &str,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<T, WebhookError> {
        self.verify(method, path, headers, body, now)?;
        decode(body)
    }
}

impl Verifier for ApplicationWebhook {
    fn verify_request(
        &self,
        method: &str,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        self.verify(method, path, headers, body, now)
    }
}

/// Voice API v2 webhooks: verifies `Authorization: service SERVICE_ID:SIGNATURE`, where
/// `SIGNATURE = base64(hmac_sha256(base64decode(service secret), StringToSign))` over the same
/// canonical string as [`ApplicationWebhook`] (method, Content-MD5, the `Content-Type` header as
/// received, `x-timestamp:` and the path of the webhook URL), that `SERVICE_ID` is this
/// service's, and that `x-timestamp` is within the window of now.
#[derive(Debug, Clone)]
pub struct ServiceWebhook(ApplicationWebhook);

impl ServiceWebhook {
    /// A verifier for a Voice v2 service's identifier and (base64) secret, with the default
    /// five-minute window. Fails when the secret is not base64.
    pub fn new(service_id: impl Into<String>, service_secret_b64: impl Into<Secret>) -> Result<Self, SigningError> {
        let mut inner = ApplicationWebhook::new(service_id, service_secret_b64)?;
        inner.scheme = "service";
        Ok(ServiceWebhook(inner))
    }

    /// Sets how far `x-timestamp` may be from now, either way.
    pub fn with_window(self, window: Duration) -> Self {
        ServiceWebhook(self.0.with_window(window))
    }

    /// Verifies a webhook as of `now` (`path`: the request path; a query string is ignored).
    pub fn verify(
        &self,
        method: &str,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        self.0.verify(method, path, headers, body, now)
    }
}

impl Verifier for ServiceWebhook {
    fn verify_request(
        &self,
        method: &str,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        self.verify(method, path, headers, body, now)
    }
}

/// Callbacks authenticated with HTTP Basic credentials you chose and put in the callback URL
/// (`https://user:password@host/path`): Fax's `WebhookBasicAuth` scheme. Verifies
/// `Authorization: Basic base64(user ":" password)`, comparing SHA-256 digests in constant time
/// (so neither the content nor the length of the credentials leaks through timing).
///
/// Nothing in the request is signed or timestamped: the credentials prove the sender knows
/// them, not that the body is unaltered; use HTTPS callback URLs.
#[derive(Debug, Clone)]
pub struct BasicAuthWebhook {
    /// SHA-256 of `user ":" password`.
    expected: Secret,
    body_limit: usize,
}

/// Fax API callbacks (`WebhookBasicAuth`).
pub type FaxWebhook = BasicAuthWebhook;

impl BasicAuthWebhook {
    /// The largest body accepted by default: 64 MiB (an incoming fax carries its document).
    pub const DEFAULT_BODY_LIMIT: usize = 64 << 20;

    /// A verifier for the user name and password in the callback URL.
    pub fn new(user: impl AsRef<str>, password: impl Into<Secret>) -> Self {
        let password = password.into();
        let digest = credentials_digest(format!("{}:{}", user.as_ref(), password.expose()).as_bytes());
        BasicAuthWebhook {
            expected: Secret::new(STANDARD.encode(digest)),
            body_limit: Self::DEFAULT_BODY_LIMIT,
        }
    }

    /// Sets the largest body the `axum` extractor reads.
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// Verifies a callback's `Authorization` header.
    pub fn verify(&self, headers: &HeaderMap) -> Result<(), WebhookError> {
        let authorization = header(headers, "authorization")?;
        let not_basic = || WebhookError::Malformed("authorization is not `Basic CREDENTIALS`".into());
        let (scheme, credentials) = authorization.split_once(' ').ok_or_else(not_basic)?;
        if !scheme.eq_ignore_ascii_case("Basic") {
            return Err(not_basic());
        }
        let received = STANDARD
            .decode(credentials.trim())
            .map_err(|_| WebhookError::Malformed("the basic credentials are not base64".into()))?;
        let expected = STANDARD
            .decode(self.expected.expose())
            .map_err(|_| WebhookError::BadSignature)?;
        let matches: bool = credentials_digest(&received).ct_eq(&expected).into();
        if matches {
            Ok(())
        } else {
            Err(WebhookError::BadSignature)
        }
    }
}

fn credentials_digest(credentials: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    Sha256::digest(credentials).to_vec()
}

impl Verifier for BasicAuthWebhook {
    fn verify_request(
        &self,
        _method: &str,
        _path: &str,
        headers: &HeaderMap,
        _body: &[u8],
        _now: SystemTime,
    ) -> Result<(), WebhookError> {
        self.verify(headers)
    }

    fn body_limit(&self) -> usize {
        self.body_limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{AUTHORIZATION, HeaderName, HeaderValue};

    use super::super::signing::tests::{field, vector};

    fn expected_fields(v: &serde_json::Value) -> Vec<String> {
        v.as_object()
            .unwrap()
            .keys()
            .filter(|k| k.starts_with("expected_"))
            .cloned()
            .collect()
    }

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    HeaderName::from_bytes(k.as_bytes()).unwrap(),
                    HeaderValue::from_str(v).unwrap(),
                )
            })
            .collect()
    }

    fn at_unix(seconds: i64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds as u64)
    }

    fn is_stale(result: Result<(), WebhookError>, future: bool) -> bool {
        matches!(result, Err(WebhookError::Stale { age_millis, .. }) if (age_millis < 0) == future)
    }

    // ---- Conversation / SMS ----

    struct Conv {
        secret: String,
        body: String,
        nonce: String,
        timestamp: String,
        signature: String,
    }

    fn conv() -> Conv {
        let v = vector("conversation-webhook");
        assert_eq!(
            expected_fields(&v),
            ["expected_signature"],
            "a new expected_* field needs a check"
        );
        Conv {
            secret: field(&v, "secret").into(),
            body: field(&v, "body").into(),
            nonce: field(&v, "nonce").into(),
            timestamp: field(&v, "timestamp").into(),
            signature: field(&v, "expected_signature").into(),
        }
    }

    impl Conv {
        fn headers(&self) -> HeaderMap {
            headers(&[
                ("x-sinch-webhook-signature", &self.signature),
                ("x-sinch-webhook-signature-nonce", &self.nonce),
                ("x-sinch-webhook-signature-timestamp", &self.timestamp),
                ("x-sinch-webhook-signature-algorithm", "HmacSHA256"),
            ])
        }
        fn now(&self, offset: i64) -> SystemTime {
            at_unix(self.timestamp.parse::<i64>().unwrap() + offset)
        }
    }

    #[test]
    fn conversation_vector_verifies() {
        let c = conv();
        let hook = ConversationWebhook::new(c.secret.as_str());
        hook.verify(&c.headers(), c.body.as_bytes(), c.now(0)).unwrap();
        // The algorithm header is optional.
        let mut h = c.headers();
        h.remove(ConversationWebhook::ALGORITHM_HEADER);
        hook.verify(&h, c.body.as_bytes(), c.now(0)).unwrap();
        let value: serde_json::Value = hook
            .verify_and_decode(&c.headers(), c.body.as_bytes(), c.now(0))
            .unwrap();
        assert_eq!(value["project_id"], "e2df3a34-a71b-4448-9db5-a8d2baad28e4");
        // SMS is the same scheme.
        SmsWebhook::new(c.secret.as_str())
            .verify(&c.headers(), c.body.as_bytes(), c.now(0))
            .unwrap();
    }

    #[test]
    fn conversation_rejects_tampering_and_wrong_secret() {
        let c = conv();
        let hook = ConversationWebhook::new(c.secret.as_str());
        let mut body = c.body.clone().into_bytes();
        body[10] ^= 1;
        assert!(matches!(
            hook.verify(&c.headers(), &body, c.now(0)),
            Err(WebhookError::BadSignature)
        ));
        let wrong = ConversationWebhook::new("foo_secret1235");
        assert!(matches!(
            wrong.verify(&c.headers(), c.body.as_bytes(), c.now(0)),
            Err(WebhookError::BadSignature)
        ));
        // Nonce and timestamp are signed too.
        let mut h = c.headers();
        h.insert(
            "x-sinch-webhook-signature-nonce",
            HeaderValue::from_static("01FJA8B4A7BM43YGWSG9GBV068"),
        );
        assert!(matches!(
            hook.verify(&h, c.body.as_bytes(), c.now(0)),
            Err(WebhookError::BadSignature)
        ));
        let mut h = c.headers();
        let ts = (c.timestamp.parse::<i64>().unwrap() + 1).to_string();
        h.insert(
            "x-sinch-webhook-signature-timestamp",
            HeaderValue::from_str(&ts).unwrap(),
        );
        assert!(matches!(
            hook.verify(&h, c.body.as_bytes(), c.now(0)),
            Err(WebhookError::BadSignature)
        ));
        // Valid base64 of the wrong length.
        let mut h = c.headers();
        h.insert("x-sinch-webhook-signature", HeaderValue::from_static("AAAA"));
        assert!(matches!(
            hook.verify(&h, c.body.as_bytes(), c.now(0)),
            Err(WebhookError::BadSignature)
        ));
    }

    #[test]
    fn conversation_rejects_missing_and_malformed_headers() {
        let c = conv();
        let hook = ConversationWebhook::new(c.secret.as_str());
        for name in [
            ConversationWebhook::SIGNATURE_HEADER,
            ConversationWebhook::NONCE_HEADER,
            ConversationWebhook::TIMESTAMP_HEADER,
        ] {
            let mut h = c.headers();
            h.remove(name);
            match hook.verify(&h, c.body.as_bytes(), c.now(0)) {
                Err(WebhookError::MissingHeader(missing)) => assert_eq!(missing, name),
                other => panic!("{name}: {other:?}"),
            }
        }
        let mut h = c.headers();
        h.insert("x-sinch-webhook-signature", HeaderValue::from_static("not base64!"));
        assert!(matches!(
            hook.verify(&h, c.body.as_bytes(), c.now(0)),
            Err(WebhookError::Malformed(_))
        ));
        for bad in ["soon", "-1634579353", "1634579353.5"] {
            let mut h = c.headers();
            h.insert("x-sinch-webhook-signature-timestamp", HeaderValue::from_static(bad));
            assert!(
                matches!(
                    hook.verify(&h, c.body.as_bytes(), c.now(0)),
                    Err(WebhookError::Malformed(_))
                ),
                "{bad}"
            );
        }
        let mut h = c.headers();
        h.insert(
            "x-sinch-webhook-signature-algorithm",
            HeaderValue::from_static("HmacSHA1"),
        );
        match hook.verify(&h, c.body.as_bytes(), c.now(0)) {
            Err(WebhookError::UnsupportedAlgorithm(name)) => assert_eq!(name, "HmacSHA1"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn conversation_timestamp_window() {
        let c = conv();
        let hook = ConversationWebhook::new(c.secret.as_str());
        let (h, body) = (c.headers(), c.body.as_bytes());
        hook.verify(&h, body, c.now(300)).unwrap();
        hook.verify(&h, body, c.now(-300)).unwrap();
        assert!(is_stale(hook.verify(&h, body, c.now(301)), false));
        assert!(is_stale(hook.verify(&h, body, c.now(-301)), true));
        assert!(is_stale(
            hook.verify(&h, body, c.now(300) + Duration::from_millis(1)),
            false
        ));
        // The real clock is years after the vector.
        assert!(is_stale(hook.verify_now(&h, body), false));
        let narrow = hook.clone().with_window(Duration::from_secs(60));
        narrow.verify(&h, body, c.now(60)).unwrap();
        let err = narrow.verify(&h, body, c.now(61)).unwrap_err();
        assert!(is_stale(Err(err), false));
        let err = narrow.verify(&h, body, c.now(-61)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "webhook timestamp is 61.000s in the future, outside the 60s window"
        );
    }

    #[test]
    fn secrets_never_print() {
        let c = conv();
        let hook = ConversationWebhook::new(c.secret.as_str());
        assert!(!format!("{hook:?}").contains(&c.secret));
        let numbers = NumbersWebhook::new("secret value");
        assert!(!format!("{numbers:?}").contains("secret value"));
        let app = ApplicationWebhook::new("key", "c2VjcmV0").unwrap();
        assert!(!format!("{app:?}").contains("c2VjcmV0"));
        let err = ApplicationWebhook::new("key", "not*base64").unwrap_err();
        assert!(!err.to_string().contains("not*base64"));
    }

    // ---- Numbers ----

    #[test]
    fn numbers_vector_verifies_and_rejects() {
        let v = vector("numbers-callback");
        assert_eq!(
            expected_fields(&v),
            ["expected_signature"],
            "a new expected_* field needs a check"
        );
        let (secret, body, sig) = (
            field(&v, "secret"),
            field(&v, "body").as_bytes(),
            field(&v, "expected_signature"),
        );
        let hook = NumbersWebhook::new(secret);
        hook.verify(&headers(&[("X-Sinch-Signature", sig)]), body).unwrap();
        hook.verify(&headers(&[("x-sinch-signature", &sig.to_uppercase())]), body)
            .unwrap();
        let value: serde_json::Value = hook
            .verify_and_decode(&headers(&[("X-Sinch-Signature", sig)]), body)
            .unwrap();
        assert_eq!(value["status"], "SUCCEEDED");

        let mut tampered = body.to_vec();
        tampered[5] ^= 1;
        let h = headers(&[("X-Sinch-Signature", sig)]);
        assert!(matches!(hook.verify(&h, &tampered), Err(WebhookError::BadSignature)));
        assert!(matches!(
            NumbersWebhook::new("secret valuf").verify(&h, body),
            Err(WebhookError::BadSignature)
        ));
        assert!(matches!(
            hook.verify(&HeaderMap::new(), body),
            Err(WebhookError::MissingHeader("x-sinch-signature"))
        ));
        for bad in [&sig[1..], "zz", ""] {
            let h = headers(&[("X-Sinch-Signature", bad)]);
            assert!(
                matches!(hook.verify(&h, body), Err(WebhookError::Malformed(_))),
                "{bad:?}"
            );
        }
        let short = headers(&[("X-Sinch-Signature", &sig[2..])]);
        assert!(matches!(hook.verify(&short, body), Err(WebhookError::BadSignature)));
        let err = hook.verify_and_decode::<Vec<u8>>(&h, body).unwrap_err();
        assert!(matches!(err, WebhookError::Decode(_)));
        assert!(std::error::Error::source(&err).is_some());
    }

    // ---- Voice / Verification ----

    struct App {
        key: String,
        secret: String,
        method: String,
        path: String,
        content_type: String,
        timestamp: String,
        body: String,
        authorization: String,
    }

    fn app() -> App {
        let v = vector("voice-verification-application-signed-callback");
        assert_eq!(
            expected_fields(&v),
            ["expected_authorization"],
            "a new expected_* field needs a check"
        );
        App {
            key: field(&v, "application_key").into(),
            secret: field(&v, "application_secret").into(),
            method: field(&v, "method").into(),
            path: field(&v, "path").into(),
            content_type: field(&v, "content_type").into(),
            timestamp: field(&v, "x_timestamp").into(),
            body: field(&v, "body").into(),
            authorization: field(&v, "expected_authorization").into(),
        }
    }

    impl App {
        fn hook(&self) -> ApplicationWebhook {
            ApplicationWebhook::new(self.key.as_str(), self.secret.as_str()).unwrap()
        }
        fn headers(&self) -> HeaderMap {
            headers(&[
                ("authorization", &self.authorization),
                ("x-timestamp", &self.timestamp),
                ("content-type", &self.content_type),
            ])
        }
        fn now(&self, offset_millis: i64) -> SystemTime {
            let (s, n) = Timestamp::new(self.timestamp.as_str()).to_unix().unwrap();
            let nanos = i128::from(s) * 1_000_000_000 + i128::from(n) + i128::from(offset_millis) * 1_000_000;
            UNIX_EPOCH + Duration::from_nanos(nanos as u64)
        }
        fn verify(
            &self,
            hook: &ApplicationWebhook,
            h: &HeaderMap,
            body: &[u8],
            now: SystemTime,
        ) -> Result<(), WebhookError> {
            hook.verify(&self.method, &self.path, h, body, now)
        }
    }

    #[test]
    fn application_vector_verifies() {
        let a = app();
        let hook = a.hook();
        a.verify(&hook, &a.headers(), a.body.as_bytes(), a.now(0)).unwrap();
        // A query string on the callback URL is not signed; nor is the method's case.
        hook.verify(
            "post",
            &format!("{}?tag=1", a.path),
            &a.headers(),
            a.body.as_bytes(),
            a.now(0),
        )
        .unwrap();
        let value: serde_json::Value = hook
            .verify_and_decode(&a.method, &a.path, &a.headers(), a.body.as_bytes(), a.now(0))
            .unwrap();
        assert_eq!(value["event"], "ace");
    }

    #[test]
    fn application_fractional_timestamps_and_window() {
        let a = app();
        let hook = a.hook();
        let body = a.body.as_bytes();
        let ts = "2014-09-24T10:59:41.2729234Z";
        let auth = signing::authorization(&a.key, &a.secret, &a.method, &a.path, &a.content_type, body, ts).unwrap();
        let h = headers(&[
            ("authorization", &auth),
            ("x-timestamp", ts),
            ("content-type", &a.content_type),
        ]);
        let base = a.now(0) + Duration::from_nanos(272_923_400);
        hook.verify(&a.method, &a.path, &h, body, base).unwrap();
        hook.verify(&a.method, &a.path, &h, body, base + DEFAULT_WINDOW)
            .unwrap();
        hook.verify(&a.method, &a.path, &h, body, base - DEFAULT_WINDOW)
            .unwrap();
        let late = hook.verify(
            &a.method,
            &a.path,
            &h,
            body,
            base + DEFAULT_WINDOW + Duration::from_millis(1),
        );
        assert!(is_stale(late, false));
        let early = hook.verify(
            &a.method,
            &a.path,
            &h,
            body,
            base - DEFAULT_WINDOW - Duration::from_millis(1),
        );
        assert!(is_stale(early, true));

        let (h, body) = (a.headers(), a.body.as_bytes());
        assert!(is_stale(a.verify(&hook, &h, body, a.now(300_001)), false));
        assert!(is_stale(a.verify(&hook, &h, body, a.now(-300_001)), true));
        a.verify(&hook, &h, body, a.now(300_000)).unwrap();
        assert!(is_stale(hook.verify_now(&a.method, &a.path, &h, body), false));
        let narrow = hook.with_window(Duration::from_secs(10));
        assert!(is_stale(a.verify(&narrow, &h, body, a.now(10_001)), false));
        a.verify(&narrow, &h, body, a.now(-10_000)).unwrap();
    }

    #[test]
    fn application_rejections() {
        let a = app();
        let hook = a.hook();
        let (h, body, now) = (a.headers(), a.body.as_bytes(), a.now(0));
        let bad = |r: Result<(), WebhookError>| matches!(r, Err(WebhookError::BadSignature));

        let mut tampered = body.to_vec();
        tampered[3] ^= 1;
        assert!(bad(a.verify(&hook, &h, &tampered, now)), "tampered body");
        let wrong_secret = ApplicationWebhook::new(a.key.as_str(), "BeIukql3pTKJ8RGL5zo0DQ==").unwrap();
        assert!(bad(a.verify(&wrong_secret, &h, body, now)), "wrong secret");
        let wrong_key = ApplicationWebhook::new("669E367E-6BBA-48AB-AF15-266871C28136", a.secret.as_str()).unwrap();
        assert!(bad(a.verify(&wrong_key, &h, body, now)), "wrong key");
        assert!(bad(hook.verify("PUT", &a.path, &h, body, now)), "other method");
        assert!(
            bad(hook.verify(&a.method, "/sinch/callback/dice", &h, body, now)),
            "other path"
        );
        let mut other_type = a.headers();
        other_type.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        assert!(
            bad(a.verify(&hook, &other_type, body, now)),
            "content type is signed byte for byte"
        );
        let mut other_ts = a.headers();
        other_ts.insert("x-timestamp", HeaderValue::from_static("2014-09-24T10:59:42Z"));
        assert!(bad(a.verify(&hook, &other_ts, body, now)), "x-timestamp is signed");

        for name in ["authorization", "x-timestamp"] {
            let mut missing = a.headers();
            missing.remove(name);
            match a.verify(&hook, &missing, body, now) {
                Err(WebhookError::MissingHeader(n)) => assert_eq!(n, name),
                other => panic!("{name}: {other:?}"),
            }
        }
        let signature = a.authorization.rsplit_once(':').unwrap().1;
        for malformed in [
            format!("Basic {}", a.key),
            format!("Application {}", a.key),
            format!("Application{}:{signature}", a.key),
            format!("Application {}:not base64!", a.key),
        ] {
            let mut m = a.headers();
            m.insert(AUTHORIZATION, HeaderValue::from_str(&malformed).unwrap());
            assert!(
                matches!(a.verify(&hook, &m, body, now), Err(WebhookError::Malformed(_))),
                "{malformed}"
            );
        }
        let mut m = a.headers();
        m.insert("x-timestamp", HeaderValue::from_static("yesterday"));
        assert!(matches!(
            a.verify(&hook, &m, body, now),
            Err(WebhookError::Malformed(_))
        ));
        assert!(matches!(
            ApplicationWebhook::new("k", "not*base64"),
            Err(SigningError::InvalidSecret)
        ));
    }

    // ---- Voice v2 (service) ----

    /// The worked example of voice-v2.yaml (`callWebhook`, "Request signing").
    const V2_AUTHORIZATION: &str =
        "service a74b1566-0f18-4f8e-9c23-8e6b5df8fd3e:EWFtVTrykdhMTdyYSbn40GBJpf5UBeggO9T99sdwLyY=";
    const V2_TIMESTAMP: &str = "2026-04-01T12:00:00.0000000Z";
    const V2_BODY: &str = r#"{"event":"call.incoming","call":{"callId":"01AN4Z07BY79KA1307SR9X4MV3"}}"#;

    fn v2_headers(authorization: &str) -> HeaderMap {
        headers(&[
            ("authorization", authorization),
            ("x-timestamp", V2_TIMESTAMP),
            ("content-type", "application/json; charset=utf-8"),
        ])
    }

    #[test]
    fn service_worked_example_verifies_and_rejects() {
        let hook = ServiceWebhook::new("a74b1566-0f18-4f8e-9c23-8e6b5df8fd3e", "F5wrP9SKYU6w8sbZXkp7GA==").unwrap();
        let (s, _) = Timestamp::new(V2_TIMESTAMP).to_unix().unwrap();
        let now = at_unix(s);
        let body = V2_BODY.as_bytes();
        hook.verify("POST", "/voice-webhooks", &v2_headers(V2_AUTHORIZATION), body, now)
            .unwrap();
        let bad = |r: Result<(), WebhookError>| matches!(r, Err(WebhookError::BadSignature));
        assert!(bad(hook.verify(
            "POST",
            "/voice-webhook",
            &v2_headers(V2_AUTHORIZATION),
            body,
            now
        )));
        assert!(bad(hook.verify(
            "POST",
            "/voice-webhooks",
            &v2_headers(V2_AUTHORIZATION),
            b"{}",
            now
        )));
        let other_service =
            ServiceWebhook::new("a74b1566-0f18-4f8e-9c23-8e6b5df8fd3f", "F5wrP9SKYU6w8sbZXkp7GA==").unwrap();
        assert!(bad(other_service.verify(
            "POST",
            "/voice-webhooks",
            &v2_headers(V2_AUTHORIZATION),
            body,
            now
        )));
        // The Voice v1 scheme name is not accepted for a v2 service, nor the reverse.
        let as_application = V2_AUTHORIZATION.replacen("service", "Application", 1);
        assert!(matches!(
            hook.verify("POST", "/voice-webhooks", &v2_headers(&as_application), body, now),
            Err(WebhookError::Malformed(_))
        ));
        assert!(is_stale(
            hook.verify(
                "POST",
                "/voice-webhooks",
                &v2_headers(V2_AUTHORIZATION),
                body,
                now + Duration::from_secs(301)
            ),
            false
        ));
        let narrow = hook.with_window(Duration::from_secs(1));
        assert!(is_stale(
            narrow.verify(
                "POST",
                "/voice-webhooks",
                &v2_headers(V2_AUTHORIZATION),
                body,
                now - Duration::from_secs(2)
            ),
            true
        ));
        assert!(!format!("{narrow:?}").contains("F5wrP9SKYU6w8sbZXkp7GA=="));
    }

    // ---- Fax (Basic) ----

    #[test]
    fn basic_auth_checks_the_credentials() {
        let hook = BasicAuthWebhook::new("user", "pass word");
        let basic = |c: &str| headers(&[("authorization", &format!("Basic {}", STANDARD.encode(c)))]);
        hook.verify(&basic("user:pass word")).unwrap();
        hook.verify(&headers(&[(
            "authorization",
            &format!("basic  {}", STANDARD.encode("user:pass word")),
        )]))
        .unwrap();
        for wrong in ["user:pass wordx", "user:", ":", "usr:pass word", "user:pass word\n"] {
            assert!(
                matches!(hook.verify(&basic(wrong)), Err(WebhookError::BadSignature)),
                "{wrong}"
            );
        }
        assert!(matches!(
            hook.verify(&HeaderMap::new()),
            Err(WebhookError::MissingHeader("authorization"))
        ));
        for malformed in ["Bearer x", "Basic", "Basic not*base64"] {
            assert!(
                matches!(
                    hook.verify(&headers(&[("authorization", malformed)])),
                    Err(WebhookError::Malformed(_))
                ),
                "{malformed}"
            );
        }
        let printed = format!("{hook:?}");
        assert!(!printed.contains("pass word") && !printed.contains(&STANDARD.encode("user:pass word")));
        assert_eq!(hook.body_limit(), BasicAuthWebhook::DEFAULT_BODY_LIMIT);
        assert_eq!(hook.with_body_limit(10).body_limit(), 10);
    }

    #[test]
    fn conversation_sign_reproduces_the_vector() {
        let c = conv();
        let hook = ConversationWebhook::new(c.secret.as_str());
        assert_eq!(hook.sign(c.body.as_bytes(), &c.nonce, &c.timestamp), c.signature);
    }

    #[test]
    fn every_verifier_is_a_verifier() {
        let c = conv();
        let hook = std::sync::Arc::new(ConversationWebhook::new(c.secret.as_str()));
        hook.verify_request("POST", "/", &c.headers(), c.body.as_bytes(), c.now(0))
            .unwrap();
        assert_eq!(hook.body_limit(), DEFAULT_BODY_LIMIT);
        let a = app();
        let app_hook: &dyn Verifier = &a.hook();
        app_hook
            .verify_request(&a.method, &a.path, &a.headers(), a.body.as_bytes(), a.now(0))
            .unwrap();
    }

    #[test]
    fn decode_reports_errors() {
        assert!(matches!(
            decode::<serde_json::Value>(b"{"),
            Err(WebhookError::Decode(_))
        ));
        let n: u32 = decode(b"7").unwrap();
        assert_eq!(n, 7);
    }
}
