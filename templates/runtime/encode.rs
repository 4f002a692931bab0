//! Encoding of path segments and query values.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986 unreserved characters is escaped in a path segment, so an id with
/// `/`, `?`, `#` or `:` can never change which resource a request names.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes one path parameter.
pub fn path(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// A structured query or header value, sent as its JSON text.
pub fn json_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A list parameter that is not exploded (and every list in a header): its values as one
/// comma-separated text.
pub fn joined<T: ToString>(values: &[T]) -> String {
    values.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
}

/// [`joined`] of values sent as their JSON text.
pub fn joined_json<T: serde::Serialize>(values: &[T]) -> String {
    values.iter().map(json_text).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_that_are_not_exploded_are_joined_by_commas() {
        assert_eq!(super::joined(&[1, 2, 3]), "1,2,3");
        assert_eq!(super::joined::<String>(&[]), "");
        assert_eq!(
            super::joined_json(&[serde_json::json!({"a": 1}), serde_json::json!("b")]),
            r#"{"a":1},"b""#
        );
    }

    #[test]
    fn path_segments_are_escaped() {
        assert_eq!(super::path("a/b c?d#e:f"), "a%2Fb%20c%3Fd%23e%3Af");
        assert_eq!(super::path("01F-x.y_z~"), "01F-x.y_z~");
        assert_eq!(super::path("ü"), "%C3%BC");
    }
}
