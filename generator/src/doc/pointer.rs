//! JSON pointers (RFC 6901) and `$ref` strings (a URI: an optional file, then `#` and a
//! percent-encoded JSON pointer).

use percent_encoding::percent_decode_str;

/// Escapes one reference token for a JSON pointer.
pub fn escape(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    push_escaped(&mut out, token);
    out
}

pub(super) fn push_escaped(out: &mut String, token: &str) {
    if !token.contains(['~', '/']) {
        out.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// The token a pointer segment stands for.
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Appends one token to a JSON pointer.
pub fn join(pointer: &str, token: &str) -> String {
    // Called for every node the walkers visit: one allocation, not three.
    let mut out = String::with_capacity(pointer.len() + 1 + token.len());
    out.push_str(pointer);
    out.push('/');
    push_escaped(&mut out, token);
    out
}

/// The unescaped tokens of a pointer (`""` has none).
pub fn tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer.trim_start_matches('/').split('/').map(unescape).collect()
}

/// The last token of a pointer, unescaped.
pub fn last(pointer: &str) -> Option<String> {
    pointer.rsplit_once('/').map(|(_, t)| unescape(t))
}

/// `components/schemas/a%20b` is a URI fragment: percent-decoded, it is a JSON pointer.
pub fn decode_fragment(fragment: &str) -> String {
    percent_decode_str(fragment).decode_utf8_lossy().into_owned()
}

/// A `$ref`, split into the file it names (empty for the same document) and the JSON pointer
/// into that file (percent-decoded; empty for the whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub file: String,
    pub pointer: String,
}

impl Ref {
    pub fn parse(reference: &str) -> Ref {
        let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        Ref {
            file: decode_fragment(file),
            pointer: decode_fragment(fragment),
        }
    }

    /// Whether it points into the document it is written in.
    pub fn is_local(&self) -> bool {
        self.file.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_round_trips() {
        for token in ["a/b", "~", "~1", "/~0/", "plain", ""] {
            assert_eq!(unescape(&escape(token)), token);
        }
        assert_eq!(join("/paths", "/a/{b}"), "/paths/~1a~1{b}");
        assert_eq!(tokens("/paths/~1a~1{b}/get"), ["paths", "/a/{b}", "get"]);
        assert_eq!(tokens(""), Vec::<String>::new());
        assert_eq!(last("/components/schemas/a~1b").as_deref(), Some("a/b"));
    }

    #[test]
    fn refs_are_split_and_percent_decoded() {
        let r = Ref::parse("#/components/schemas/a%20b");
        assert!(r.is_local());
        assert_eq!(r.pointer, "/components/schemas/a b");
        let r = Ref::parse("../common%20files/x.yaml#/Foo");
        assert_eq!(r.file, "../common files/x.yaml");
        assert_eq!(r.pointer, "/Foo");
        let r = Ref::parse("./whole.yaml");
        assert_eq!((r.file.as_str(), r.pointer.as_str()), ("./whole.yaml", ""));
        // A `%` that starts no escape stays as written.
        assert_eq!(decode_fragment("/a%zz"), "/a%zz");
        // Escaped pointer characters survive decoding: `%7E1` is `~1`, still an escaped `/`.
        assert_eq!(tokens(&decode_fragment("/a%7E1b")), ["a/b"]);
    }

    #[test]
    fn pointers_with_odd_tokens_resolve_in_documents() {
        let doc = serde_json::json!({"paths": {"/a/{b}": {"get": {"x": 1}}}, "m~n": {"": {"k": 2}}});
        let p = join(&join(&join("", "paths"), "/a/{b}"), "get");
        assert_eq!(doc.pointer(&p).and_then(|v| v.get("x")), Some(&serde_json::json!(1)));
        let p = join(&join(&join("", "m~n"), ""), "k");
        assert_eq!(p, "/m~0n//k");
        assert_eq!(doc.pointer(&p), Some(&serde_json::json!(2)));
        assert_eq!(tokens(&p), ["m~n", "", "k"]);
        // A `$ref` written with percent-escapes finds the same place.
        let r = Ref::parse("#/paths/~1a~1%7Bb%7D/get");
        assert!(doc.pointer(&r.pointer).is_some());
        // A file with a fragment that is not a pointer (an anchor) keeps it as written.
        let r = Ref::parse("other.yaml#anchor");
        assert_eq!((r.file.as_str(), r.pointer.as_str()), ("other.yaml", "anchor"));
        assert!(!r.is_local());
    }
}
