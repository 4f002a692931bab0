//! Sinch application-signed requests, the scheme the Voice and Verification APIs accept for
//! requests and use to sign their callbacks:
//!
//! ```text
//! ContentMD5   = base64(md5(body))                  (empty when the body is empty)
//! StringToSign = METHOD "\n" ContentMD5 "\n" Content-Type "\n" "x-timestamp:" TS "\n" path
//! Signature    = base64(hmac_sha256(base64decode(application secret), StringToSign))
//! Authorization: Application KEY:Signature           (plus the header x-timestamp: TS)
//! ```
//!
//! Canonicalization choices (the published examples do not pin them down):
//! - the path is the URL path only, without the query string, percent-decoded (as Sinch's Java
//!   SDK does with `URI.getPath()`); [`string_to_sign`] and [`authorization`] use the path
//!   exactly as given, [`sign_request`] and the callback verifier canonicalize it first;
//! - the Content-Type is the header value byte for byte: `application/json` (what reqwest's
//!   `.json()` sends) and `application/json; charset=utf-8` sign differently;
//! - no `Content-MD5` header is sent: Sinch recomputes it from the body.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue};
use sha2::Sha256;

/// The header carrying the signing timestamp.
pub const X_TIMESTAMP: &str = "x-timestamp";

/// Why a request could not be signed. Never contains the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SigningError {
    /// The application secret is not valid base64.
    InvalidSecret,
    /// A computed header value is not a valid HTTP header value (names the header).
    InvalidHeaderValue(&'static str),
    /// The request body is a stream, whose bytes cannot be hashed before sending.
    StreamingBody,
}

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SigningError::InvalidSecret => f.write_str("the application secret is not valid base64"),
            SigningError::InvalidHeaderValue(name) => write!(f, "the {name} header value is not valid"),
            SigningError::StreamingBody => f.write_str("a streaming request body cannot be signed"),
        }
    }
}

impl std::error::Error for SigningError {}

/// `base64(md5(body))`, or the empty string for an empty body.
pub fn content_md5(body: &[u8]) -> String {
    if body.is_empty() {
        return String::new();
    }
    STANDARD.encode(Md5::digest(body))
}

/// The text that is signed: method, Content-MD5, Content-Type, `x-timestamp:` header and path,
/// joined by `\n`. Every part is used exactly as given.
pub fn string_to_sign(method: &str, content_md5: &str, content_type: &str, timestamp: &str, path: &str) -> String {
    format!("{method}\n{content_md5}\n{content_type}\n{X_TIMESTAMP}:{timestamp}\n{path}")
}

/// The HMAC-SHA256 key: the base64-decoded application secret.
pub(crate) fn decode_secret(application_secret_b64: &str) -> Result<Vec<u8>, SigningError> {
    STANDARD
        .decode(application_secret_b64.trim())
        .map_err(|_| SigningError::InvalidSecret)
}

/// An HMAC-SHA256 keyed with the decoded secret, fed with `string_to_sign`.
pub(crate) fn mac(key: &[u8], string_to_sign: &str) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(string_to_sign.as_bytes());
    mac
}

/// `base64(hmac_sha256(base64decode(application_secret_b64), string_to_sign))`.
pub fn signature(application_secret_b64: &str, string_to_sign: &str) -> Result<String, SigningError> {
    let key = decode_secret(application_secret_b64)?;
    Ok(STANDARD.encode(mac(&key, string_to_sign).finalize().into_bytes()))
}

/// The full `Authorization` header value, `Application KEY:SIGNATURE`, for a request with this
/// method, path (used as given), Content-Type (empty when none), body and `x-timestamp`.
pub fn authorization(
    application_key: &str,
    application_secret_b64: &str,
    method: &str,
    path: &str,
    content_type: &str,
    body: &[u8],
    timestamp: &str,
) -> Result<String, SigningError> {
    let to_sign = string_to_sign(method, &content_md5(body), content_type, timestamp, path);
    let signature = signature(application_secret_b64, &to_sign)?;
    Ok(format!("Application {application_key}:{signature}"))
}

/// The signed path of a URL path (possibly with a query string): the path alone, without the
/// query or fragment, percent-decoded.
pub(crate) fn canonical_path(path_and_query: &str) -> String {
    let path = path_and_query.split(['?', '#']).next().unwrap_or_default();
    percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned()
}

/// Signs a built request in place: sets `x-timestamp: timestamp` and the `Authorization`
/// header, computed over the request's method, URL path (without the query string,
/// percent-decoded), `Content-Type` header (empty when absent) and body bytes (empty when there
/// is no body). A streaming body cannot be signed.
pub fn sign_request(
    application_key: &str,
    application_secret_b64: &str,
    request: &mut reqwest::Request,
    timestamp: &str,
) -> Result<(), SigningError> {
    let body: &[u8] = match request.body() {
        None => &[],
        Some(body) => body.as_bytes().ok_or(SigningError::StreamingBody)?,
    };
    let content_type = match request.headers().get(CONTENT_TYPE) {
        None => "",
        Some(value) => value
            .to_str()
            .map_err(|_| SigningError::InvalidHeaderValue("content-type"))?,
    };
    let path = canonical_path(request.url().path());
    let value = authorization(
        application_key,
        application_secret_b64,
        request.method().as_str(),
        &path,
        content_type,
        body,
        timestamp,
    )?;
    let mut value = HeaderValue::try_from(value).map_err(|_| SigningError::InvalidHeaderValue("authorization"))?;
    value.set_sensitive(true);
    let ts = HeaderValue::from_str(timestamp).map_err(|_| SigningError::InvalidHeaderValue(X_TIMESTAMP))?;
    let headers = request.headers_mut();
    headers.insert(HeaderName::from_static(X_TIMESTAMP), ts);
    headers.insert(AUTHORIZATION, value);
    Ok(())
}

/// The current time as an ISO-8601 UTC timestamp with milliseconds, e.g.
/// `2024-05-01T12:00:00.123Z`, for `x-timestamp`.
pub fn timestamp_now() -> String {
    format_timestamp(SystemTime::now())
}

/// Formats a time as `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC).
pub(crate) fn format_timestamp(time: SystemTime) -> String {
    let millis: i128 = match time.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_millis() as i128,
        Err(e) => -(e.duration().as_millis() as i128),
    };
    let secs = millis.div_euclid(1000) as i64;
    let ms = millis.rem_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60
    )
}

/// The civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::time::Duration;

    /// `signatures.json`: `SINCH_VECTORS`, else beside the mirror's specs, else in
    /// ../shared beside the repository.
    fn vectors_path() -> std::path::PathBuf {
        if let Some(p) = std::env::var_os("SINCH_VECTORS") {
            return p.into();
        }
        if let Some(specs) = std::env::var_os("SINCH_SPECS_MIRROR") {
            return std::path::Path::new(&specs).join("../vectors/signatures.json");
        }
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/vectors/signatures.json").into()
    }

    /// One known-answer vector by name; the vectors are required, never skipped.
    pub(crate) fn vector(name: &str) -> serde_json::Value {
        let path = vectors_path();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "known-answer vectors not found at {} ({e}); they are required",
                path.display()
            )
        });
        let all: Vec<serde_json::Value> = serde_json::from_str(&text).expect("signatures.json is a JSON array");
        all.into_iter()
            .find(|v| v["name"] == name)
            .unwrap_or_else(|| panic!("vector {name} missing from {}", path.display()))
    }

    pub(crate) fn field<'a>(v: &'a serde_json::Value, key: &str) -> &'a str {
        v[key].as_str().unwrap_or_else(|| panic!("vector field {key} missing"))
    }

    const APP: &str = "voice-verification-application-signed-callback";

    #[test]
    fn application_vector_reproduces_every_expected_field() {
        let v = vector(APP);
        let expected: Vec<&String> = v
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| k.starts_with("expected_"))
            .collect();
        assert_eq!(
            expected,
            ["expected_authorization"],
            "a new expected_* field needs a check"
        );
        let (key, secret) = (field(&v, "application_key"), field(&v, "application_secret"));
        let (method, path, ct, ts) = (
            field(&v, "method"),
            field(&v, "path"),
            field(&v, "content_type"),
            field(&v, "x_timestamp"),
        );
        let body = field(&v, "body").as_bytes();
        let auth = authorization(key, secret, method, path, ct, body, ts).unwrap();
        assert_eq!(auth, field(&v, "expected_authorization"));

        // The pieces agree with the whole.
        let to_sign = string_to_sign(method, &content_md5(body), ct, ts, path);
        let lines: Vec<&str> = to_sign.split('\n').collect();
        assert_eq!(
            lines,
            [
                method,
                content_md5(body).as_str(),
                ct,
                &format!("x-timestamp:{ts}"),
                path
            ]
        );
        let sig = signature(secret, &to_sign).unwrap();
        assert_eq!(format!("Application {key}:{sig}"), auth);
    }

    #[test]
    fn sign_request_sets_headers_and_ignores_query_string() {
        let v = vector(APP);
        let (key, secret, ts) = (
            field(&v, "application_key"),
            field(&v, "application_secret"),
            field(&v, "x_timestamp"),
        );
        let url = format!("https://callbacks.example.com{}?page=2&x=%2B1", field(&v, "path"));
        let mut request = reqwest::Request::new(field(&v, "method").parse().unwrap(), url.parse().unwrap());
        request
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_str(field(&v, "content_type")).unwrap());
        *request.body_mut() = Some(field(&v, "body").to_owned().into());
        sign_request(key, secret, &mut request, ts).unwrap();
        assert_eq!(request.headers()[AUTHORIZATION], field(&v, "expected_authorization"));
        assert!(request.headers()[AUTHORIZATION].is_sensitive());
        assert_eq!(request.headers()[X_TIMESTAMP], ts);
        assert!(request.headers().get("content-md5").is_none());
    }

    #[test]
    fn sign_request_without_body_or_content_type() {
        let mut request = reqwest::Request::new(
            reqwest::Method::GET,
            "https://calling.api.sinch.com/calling/v1/calls/id/abc%2B1"
                .parse()
                .unwrap(),
        );
        sign_request("key", "c2VjcmV0", &mut request, "2024-05-01T12:00:00.123Z").unwrap();
        let expected = authorization(
            "key",
            "c2VjcmV0",
            "GET",
            "/calling/v1/calls/id/abc+1",
            "",
            b"",
            "2024-05-01T12:00:00.123Z",
        )
        .unwrap();
        assert_eq!(request.headers()[AUTHORIZATION], expected.as_str());
    }

    #[test]
    fn content_md5_known_answers() {
        assert_eq!(content_md5(b""), "");
        assert_eq!(
            content_md5(b"The quick brown fox jumps over the lazy dog"),
            "nhB9nTcrtoJr2B01QqQZ1g=="
        );
    }

    #[test]
    fn invalid_secret_is_an_error_that_does_not_leak_it() {
        let secret = "not*base64!";
        let err = signature(secret, "x").unwrap_err();
        assert_eq!(err, SigningError::InvalidSecret);
        assert!(!err.to_string().contains(secret));
        assert!(!format!("{err:?}").contains(secret));
        assert!(authorization("k", secret, "GET", "/", "", b"", "t").is_err());
        let mut request = reqwest::Request::new(reqwest::Method::GET, "https://x.test/".parse().unwrap());
        assert_eq!(
            sign_request("k", secret, &mut request, "t"),
            Err(SigningError::InvalidSecret)
        );
        assert!(request.headers().get(AUTHORIZATION).is_none());
    }

    #[test]
    fn header_value_errors() {
        let mut request = reqwest::Request::new(reqwest::Method::GET, "https://x.test/".parse().unwrap());
        let err = sign_request("bad\nkey", "c2VjcmV0", &mut request, "t").unwrap_err();
        assert_eq!(err, SigningError::InvalidHeaderValue("authorization"));
    }

    #[test]
    fn canonical_path_strips_query_and_decodes() {
        assert_eq!(canonical_path("/a/b?c=d#e"), "/a/b");
        assert_eq!(canonical_path("/v1/number/%2B46700000000"), "/v1/number/+46700000000");
        assert_eq!(canonical_path("/plain"), "/plain");
    }

    #[test]
    fn timestamps_format_as_iso_8601_utc_with_millis() {
        let at = |secs: u64, ms: u64| format_timestamp(UNIX_EPOCH + Duration::from_millis(secs * 1000 + ms));
        assert_eq!(at(0, 0), "1970-01-01T00:00:00.000Z");
        assert_eq!(at(1_411_556_381, 0), "2014-09-24T10:59:41.000Z");
        assert_eq!(at(1_714_564_800, 123), "2024-05-01T12:00:00.123Z");
        assert_eq!(at(1_709_164_799, 999), "2024-02-28T23:59:59.999Z");
        assert_eq!(at(1_709_251_199, 5), "2024-02-29T23:59:59.005Z");
        assert_eq!(at(951_782_400, 0), "2000-02-29T00:00:00.000Z");
        assert_eq!(at(4_107_542_400, 0), "2100-03-01T00:00:00.000Z");
        assert_eq!(
            format_timestamp(UNIX_EPOCH - Duration::from_millis(1)),
            "1969-12-31T23:59:59.999Z"
        );

        let now = timestamp_now();
        assert_eq!(now.len(), 24, "{now}");
        let (secs, _) = super::super::timestamp::Timestamp::new(now.as_str()).to_unix().unwrap();
        let system = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
        assert!((system - secs).abs() <= 2);
    }
}
