//! A std-only mutation fuzzer for load -> bundle -> normalise -> model -> emit: arbitrary
//! YAML/JSON and mutated real descriptions go through the whole generator, which must answer
//! each with output or an error, never a panic. `cargo run --release -p generator --bin fuzz`
//! drives it; [`run_case`] is what the regression tests call for each saved input.

use serde_json::{Map, Value, json};
use std::path::Path;

/// Runs one input through the generator. `Ok` is output or an error; `Err` is a panic's message.
pub fn run_case(path: &Path, text: &str) -> Result<(), String> {
    std::panic::catch_unwind(|| {
        let mut warnings = crate::diag::Warnings::default();
        let Ok(raw) = crate::load::parse_str(path, text, &mut warnings) else {
            return;
        };
        let Ok(raw) = crate::bundle::bundle(path, raw, &mut warnings) else {
            return;
        };
        let Ok(doc) = crate::normalise::normalise(path, raw, &mut warnings) else {
            return;
        };
        let entry = crate::manifest::ApiEntry::from_description("fuzz", &doc);
        let Ok(api) = crate::model::build(&entry, path, &doc, &mut warnings) else {
            return;
        };
        let _ = crate::render(&[(entry, api)], "fuzz", true, warnings, None);
    })
    .map_err(|panic| {
        panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a panic without a message".into())
    })
}

/// The fuzzer's choices over a seeded `fastrand` generator, so a run is reproducible from its seed.
pub struct Rng(fastrand::Rng);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(fastrand::Rng::with_seed(seed))
    }
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { self.0.usize(..n) }
    }
    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Keywords and names that steer mutations to where the generator has decisions to make.
const KEYS: &[&str] = &[
    "$ref",
    "type",
    "properties",
    "items",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "enum",
    "const",
    "nullable",
    "additionalProperties",
    "required",
    "discriminator",
    "format",
    "$defs",
    "prefixItems",
    "patternProperties",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "unevaluatedProperties",
    "$anchor",
    "$dynamicRef",
    "examples",
    "example",
    "default",
    "parameters",
    "requestBody",
    "responses",
    "content",
    "schema",
    "in",
    "name",
    "operationId",
    "tags",
    "servers",
    "paths",
    "components",
    "schemas",
    "callbacks",
    "links",
    "headers",
    "webhooks",
    "description",
    "summary",
    "security",
    "securitySchemes",
    "x-nullable",
    "readOnly",
    "mapping",
    "propertyName",
    "get",
    "post",
    "put",
    "delete",
    "query",
    "additionalOperations",
    "itemSchema",
    "style",
    "explode",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "pattern",
    "openapi",
    "swagger",
    "info",
    "version",
    "definitions",
    "consumes",
    "produces",
    "basePath",
    "host",
    "200",
    "default",
    "4XX",
    "application/json",
    "multipart/form-data",
    "text/plain",
    "application/octet-stream",
    "{id}",
    "/a/{id}",
    "id",
    "self",
    "type",
    "Type",
    "r#type",
    "",
    "a b",
    "~1",
    "%7B",
    "é",
    "123",
    "true",
    "null",
];

const STRINGS: &[&str] = &[
    "string",
    "integer",
    "number",
    "boolean",
    "object",
    "array",
    "null",
    "file",
    "date-time",
    "binary",
    "byte",
    "int64",
    "int32",
    "path",
    "query",
    "header",
    "cookie",
    "body",
    "formData",
    "querystring",
    "3.0.3",
    "3.1.0",
    "3.2.0",
    "2.0",
    "#/components/schemas/A",
    "#/components/schemas/B",
    "#/components/schemas/A/properties/x",
    "#/definitions/A",
    "#/components/parameters/P",
    "#/components/responses/R",
    "#/components/requestBodies/Q",
    "#/paths/~1a~1{id}/get/parameters/0",
    "#/$defs/D",
    "#",
    "#/",
    "other.yaml",
    "./other.yaml#/A",
    "https://example.com/x.yaml",
    "../outside.yaml",
    "/a/{id}",
    "{id}",
    "",
    " ",
    "a\nb",
    "Self",
    "type",
    "_",
    "-",
    "0",
    "ÿ",
    "😀",
    "$request.body#/url",
    "{$url}",
    "application/json",
    "*/*",
];

/// A random JSON value of bounded size, biased towards OpenAPI's shapes.
pub fn random_value(rng: &mut Rng, depth: usize) -> Value {
    let leaf = depth == 0 || rng.chance(3);
    if leaf {
        return match rng.below(8) {
            0 => Value::Null,
            1 => Value::Bool(rng.chance(2)),
            2 => json!(rng.below(1000) as i64 - 10),
            3 => json!(*rng.pick(&[0.5, -1.0, 1e300, 18446744073709551615.0])),
            4 => json!(i64::MIN),
            _ => Value::String(rng.pick(STRINGS).to_string()),
        };
    }
    match rng.below(4) {
        0 => Value::Array((0..rng.below(4)).map(|_| random_value(rng, depth - 1)).collect()),
        1 => json!({"$ref": *rng.pick(STRINGS)}),
        _ => {
            let mut m = Map::new();
            for _ in 0..rng.below(5) {
                m.insert(rng.pick(KEYS).to_string(), random_value(rng, depth - 1));
            }
            Value::Object(m)
        }
    }
}

/// A small random description: a version, paths and components of random content.
pub fn random_document(rng: &mut Rng) -> Value {
    let version = *rng.pick(&["3.0.3", "3.1.0", "3.2.0", "2.0"]);
    let mut doc = if version == "2.0" {
        json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}})
    } else {
        json!({"openapi": version, "info": {"title": "t", "version": "1"}})
    };
    let mut paths = Map::new();
    for _ in 0..rng.below(3) {
        let mut item = Map::new();
        for _ in 0..1 + rng.below(2) {
            item.insert(
                rng.pick(&["get", "post", "put", "delete", "query", "parameters"])
                    .to_string(),
                random_value(rng, 4),
            );
        }
        paths.insert(
            rng.pick(&["/a/{id}", "/a", "/b/{x}/{y}", "/"]).to_string(),
            Value::Object(item),
        );
    }
    doc["paths"] = Value::Object(paths);
    let mut schemas = Map::new();
    for name in ["A", "B", "C"].iter().take(rng.below(4)) {
        schemas.insert(name.to_string(), random_value(rng, 4));
    }
    let key = if version == "2.0" { "definitions" } else { "components" };
    if version == "2.0" {
        doc[key] = Value::Object(schemas);
    } else {
        doc[key] = json!({"schemas": schemas});
    }
    doc
}

/// Every node of a value, by JSON pointer.
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_string());
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                pointers(c, &crate::doc::join(at, k), out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                pointers(c, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// One structural mutation of a parsed description.
pub fn mutate_value(rng: &mut Rng, doc: &mut Value) {
    let mut all = Vec::new();
    pointers(doc, "", &mut all);
    let target = rng.pick(&all).clone();
    let donor = doc.pointer(rng.pick(&all).as_str()).cloned().unwrap_or(Value::Null);
    let local_ref = format!("#{}", rng.pick(&all));
    let Some(node) = doc.pointer_mut(&target) else { return };
    match rng.below(9) {
        0 => *node = random_value(rng, 3),
        1 => *node = donor,
        2 => *node = json!({"$ref": local_ref}),
        3 => {
            if let Value::Object(m) = node
                && !m.is_empty()
            {
                let i = rng.below(m.len());
                if let Some(k) = m.keys().nth(i).cloned() {
                    m.shift_remove(&k);
                }
            }
        }
        4 => {
            if let Value::Object(m) = node {
                m.insert(rng.pick(KEYS).to_string(), random_value(rng, 3));
            }
        }
        5 => {
            if let Value::Object(m) = node {
                m.insert("$ref".into(), Value::String(local_ref));
            }
        }
        6 => {
            // Wrap: the node becomes a member of a combination or an item.
            let inner = node.take();
            *node = match rng.below(4) {
                0 => json!({"allOf": [inner]}),
                1 => json!({"oneOf": [inner, {"type": "null"}]}),
                2 => json!({"type": "array", "items": inner}),
                _ => json!({"type": ["object", "null"], "additionalProperties": inner}),
            };
        }
        7 => {
            if let Value::Array(a) = node
                && !a.is_empty()
            {
                let i = rng.below(a.len());
                let copy = a[i].clone();
                a.push(copy);
            }
        }
        _ => {
            if let Value::Object(m) = node {
                // Rename a key.
                if let Some(k) = m.keys().nth(rng.below(m.len().max(1))).cloned()
                    && let Some(v) = m.shift_remove(&k)
                {
                    m.insert(rng.pick(KEYS).to_string(), v);
                }
            }
        }
    }
}

/// One textual mutation (for the YAML/JSON reader): bytes flipped, cut, repeated or inserted.
pub fn mutate_text(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return rng.pick(STRINGS).to_string();
    }
    let at = rng.below(chars.len());
    match rng.below(6) {
        0 => chars.truncate(at),
        1 => {
            chars[at] = *rng.pick(&[
                '{', '}', '[', ']', ':', '-', '\n', ' ', '"', '\'', '&', '*', '!', '#', '\t', '|', '>',
            ]);
        }
        2 => {
            let end = (at + 1 + rng.below(200)).min(chars.len());
            let piece: Vec<char> = chars[at..end].to_vec();
            let to = rng.below(chars.len());
            chars.splice(to..to, piece);
        }
        3 => {
            let insert = *rng.pick(&[
                "&a ",
                "*a",
                "!!binary ",
                "<<: *a\n",
                "? ",
                "\n  - ",
                ": ",
                "{",
                "'",
                "\"\\u",
                "~",
                "0x",
                "1e999",
                "99999999999999999999999",
                "!!int ",
                "!!float ",
                ".nan",
                "null",
                "$ref: '#/'\n",
            ]);
            chars.splice(at..at, insert.chars());
        }
        4 => {
            let end = (at + rng.below(50)).min(chars.len());
            chars.drain(at..end);
        }
        _ => {
            // Deep nesting.
            let depth = 1 + rng.below(300);
            let open: String = "[".repeat(depth);
            chars.splice(at..at, open.chars());
        }
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutations_are_reproducible() {
        let seed = json!({"openapi": "3.0.3", "paths": {"/a": {"get": {"responses": {}}}}});
        let run = || {
            let mut rng = Rng::new(7);
            let mut doc = seed.clone();
            for _ in 0..20 {
                mutate_value(&mut rng, &mut doc);
            }
            (doc, mutate_text(&mut rng, "a: b\n"), random_document(&mut rng))
        };
        assert_eq!(run(), run());
    }
}
