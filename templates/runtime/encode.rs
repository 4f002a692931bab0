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

#[cfg(test)]
mod tests {
    #[test]
    fn path_segments_are_escaped() {
        assert_eq!(super::path("a/b c?d#e:f"), "a%2Fb%20c%3Fd%23e%3Af");
        assert_eq!(super::path("01F-x.y_z~"), "01F-x.y_z~");
        assert_eq!(super::path("ü"), "%C3%BC");
    }
}
