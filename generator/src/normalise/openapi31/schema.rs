//! The schema-level part of the 3.1/3.2 -> 3.0 conversion: JSON Schema 2020-12 keywords
//! mapped to their 3.0 form or removed with a warning, and `$defs` hoisted into components.

use super::{ANNOTATIONS, Converter, UNSUPPORTED, component_schemas, wrap_ref};
use crate::diag::{self, Warnings};
use crate::doc::pointer::unescape;
use crate::doc::{Child, Flow, Kind, child, component_name, unique_name};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// `type: [..]` written in an OpenAPI 3.0 or Swagger 2.0 description (a 3.1 habit 3.0 readers
/// refuse): converted as 3.1's is, with a warning for each place.
pub fn type_lists(file: &Path, doc: &mut Value, warnings: &mut Warnings) {
    let mut c = Converter {
        file,
        warnings,
        defs: Vec::new(),
        removed_schemes: BTreeSet::new(),
        removed_parameters: BTreeSet::new(),
    };
    crate::doc::walk_mut(doc, Kind::Document, "", &mut |map, kind, pointer| {
        if kind == Kind::Schema && map.get("type").is_some_and(Value::is_array) {
            c.warn(
                &diag::join(pointer, "type"),
                "a list of types (OpenAPI 3.1) in an earlier version; converted as 3.1's",
            );
            c.types(map, pointer);
            c.null_members(map, pointer);
        }
        Flow::Enter
    });
}

impl Converter<'_> {
    /// One schema (or a boolean where a schema may be): members first, then the schema itself,
    /// so warnings name the places as they are written.
    pub(super) fn schema(&mut self, node: &mut Value, pointer: &str, member: bool) {
        match node {
            Value::Bool(true) => *node = Value::Object(Map::new()),
            Value::Bool(false) => {
                self.warn(
                    pointer,
                    "the schema `false` (nothing is valid) has no 3.0 form; written as `not: {}`",
                );
                *node = json!({"not": {}});
            }
            Value::Array(items) => {
                // `allOf: [..]` and the like: the caller passes lists here.
                for (i, item) in items.iter_mut().enumerate() {
                    self.schema(item, &format!("{pointer}/{i}"), member);
                }
            }
            Value::Object(map) => {
                for key in ["$defs", "definitions"] {
                    if let Some(Value::Object(defs)) = map.shift_remove(key) {
                        let here = diag::join(pointer, key);
                        for (name, mut def) in defs {
                            let at = diag::join(&here, &name);
                            self.schema(&mut def, &at, false);
                            self.defs.push((at, name, def));
                        }
                    }
                }
                for (key, value) in map.iter_mut() {
                    let here = diag::join(pointer, key);
                    if UNSUPPORTED.contains(&key.as_str()) {
                        // Removed below, with a warning for the keyword as a whole.
                        continue;
                    }
                    match child(Kind::Schema, key) {
                        Child::Leaf => {}
                        Child::One(_)
                            if value.is_boolean() && matches!(key.as_str(), "additionalProperties" | "items") => {}
                        Child::One(_) => match (key.as_str(), value) {
                            ("oneOf" | "anyOf", Value::Array(items)) => {
                                for (i, item) in items.iter_mut().enumerate() {
                                    if !is_null_schema(item) {
                                        self.schema(item, &format!("{here}/{i}"), true);
                                    }
                                }
                            }
                            (_, value) => self.schema(value, &here, false),
                        },
                        Child::Map(_) => {
                            if let Value::Object(entries) = value {
                                for (name, entry) in entries.iter_mut() {
                                    self.schema(entry, &diag::join(&here, name), false);
                                }
                            }
                        }
                    }
                }
                self.convert(map, pointer, member);
            }
            _ => {}
        }
    }

    /// The 3.1 -> 3.0 rewrites of one schema object, whose members are already converted.
    fn convert(&mut self, map: &mut Map<String, Value>, pointer: &str, member: bool) {
        map.shift_remove("$comment");
        if map.shift_remove("$schema").is_some() {
            self.warn(
                &diag::join(pointer, "$schema"),
                "`$schema` is ignored: schemas are read as OpenAPI 3.0",
            );
        }
        if let Some(v) = map.shift_remove("const") {
            if v.is_null() {
                map.insert("nullable".into(), Value::Bool(true));
            }
            if map.contains_key("enum") {
                self.warn(
                    &diag::join(pointer, "const"),
                    "`const` beside `enum`: the `const` value is kept",
                );
            }
            // A `const` says its type: `{const: true}` is a boolean, not any JSON value.
            let ty = match &v {
                Value::Bool(_) => Some("boolean"),
                Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
                Value::Number(_) => Some("number"),
                Value::String(_) => Some("string"),
                Value::Array(_) => Some("array"),
                Value::Object(_) => Some("object"),
                Value::Null => None,
            };
            let typed = ["type", "allOf", "oneOf", "anyOf", "$ref"]
                .iter()
                .any(|k| map.contains_key(*k));
            if let (Some(ty), false) = (ty, typed) {
                map.insert("type".into(), Value::String(ty.into()));
            }
            map.insert("enum".into(), Value::Array(vec![v]));
        }
        if let Some(examples) = map.shift_remove("examples")
            && let Some(first) = examples.as_array().and_then(|e| e.first())
        {
            map.entry("example").or_insert_with(|| first.clone());
        }
        self.types(map, pointer);
        self.null_members(map, pointer);
        for (exclusive, bound, stricter) in [
            ("exclusiveMinimum", "minimum", std::cmp::Ordering::Greater),
            ("exclusiveMaximum", "maximum", std::cmp::Ordering::Less),
        ] {
            let Some(Value::Number(limit)) = map.get(exclusive).cloned() else {
                continue;
            };
            let inclusive_wins = map
                .get(bound)
                .and_then(Value::as_f64)
                .is_some_and(|inclusive| inclusive.partial_cmp(&limit.as_f64().unwrap_or(0.0)) == Some(stricter));
            if inclusive_wins {
                // The inclusive bound is the stricter one.
                map.shift_remove(exclusive);
            } else {
                map.insert(bound.into(), Value::Number(limit));
                map.insert(exclusive.into(), Value::Bool(true));
            }
        }
        if let Some(encoding) = map.shift_remove("contentEncoding") {
            let base64 = matches!(encoding.as_str(), Some("base64" | "base64url"));
            if base64 && !map.contains_key("format") {
                map.insert("format".into(), Value::String("byte".into()));
            } else {
                self.warn(
                    &diag::join(pointer, "contentEncoding"),
                    format!("`contentEncoding: {encoding}` has no 3.0 form; removed"),
                );
            }
        }
        if let Some(media) = map.shift_remove("contentMediaType") {
            let text = media
                .as_str()
                .is_some_and(|m| m.starts_with("text/") || m.contains("json") || m.contains("xml"));
            if !text && !map.contains_key("format") {
                map.insert("format".into(), Value::String("binary".into()));
            } else if map.get("format").and_then(Value::as_str) != Some("byte") {
                self.warn(
                    &diag::join(pointer, "contentMediaType"),
                    format!("`contentMediaType: {media}` has no 3.0 form: the value is a plain string"),
                );
            }
        }
        self.pattern_properties(map, pointer);
        self.tuples(map, pointer);
        for key in UNSUPPORTED.iter().chain(&["minContains", "maxContains"]) {
            if map.shift_remove(*key).is_some() {
                self.warn(
                    &diag::join(pointer, key),
                    format!("JSON Schema keyword `{key}` has no OpenAPI 3.0 form; removed (not checked, not typed)"),
                );
            }
        }
        wrap_ref(self.file, map, pointer, member, None);
    }

    /// `type: [X, "null"]`, `type: "null"` and several types.
    pub(super) fn types(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        let types: Vec<String> = match map.get("type") {
            Some(Value::String(t)) if t == "null" => vec!["null".into()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            _ => return,
        };
        let mut concrete: Vec<String> = Vec::new();
        for t in &types {
            if t == "null" {
                map.insert("nullable".into(), Value::Bool(true));
            } else if !concrete.contains(t) {
                concrete.push(t.clone());
            }
        }
        match concrete.len() {
            0 => {
                map.shift_remove("type");
                self.warn(
                    &diag::join(pointer, "type"),
                    "a schema that only allows null has no 3.0 form; typed as free-form JSON",
                );
            }
            1 => {
                map.insert("type".into(), Value::String(concrete.remove(0)));
            }
            _ => {
                let key = ["oneOf", "anyOf"].into_iter().find(|k| !map.contains_key(*k));
                let Some(key) = key else {
                    self.warn(
                        &diag::join(pointer, "type"),
                        format!(
                            "several types beside `oneOf` and `anyOf`: only `{}` is kept",
                            concrete[0]
                        ),
                    );
                    map.insert("type".into(), Value::String(concrete.remove(0)));
                    return;
                };
                map.shift_remove("type");
                let members: Vec<Value> = concrete.iter().map(|t| Value::Object(split_by_type(map, t))).collect();
                for keys in KEYWORDS_BY_TYPE.iter().map(|(_, k)| k) {
                    for k in *keys {
                        map.shift_remove(*k);
                    }
                }
                map.shift_remove("format");
                map.shift_remove("enum");
                map.insert(key.into(), Value::Array(members));
            }
        }
    }

    /// `oneOf`/`anyOf` with a null member: the member becomes `nullable`.
    fn null_members(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        for key in ["oneOf", "anyOf"] {
            let Some(Value::Array(members)) = map.get_mut(key) else {
                continue;
            };
            let before = members.len();
            members.retain(|m| !is_null_schema(m));
            if members.len() == before {
                continue;
            }
            let mut rest = std::mem::take(members);
            map.insert("nullable".into(), Value::Bool(true));
            match rest.len() {
                0 => {
                    map.shift_remove(key);
                    self.warn(
                        &diag::join(pointer, key),
                        "a schema that only allows null has no 3.0 form; typed as free-form JSON",
                    );
                }
                1 if !map.contains_key("discriminator") => {
                    map.shift_remove(key);
                    let only = rest.remove(0);
                    let is_ref = only.as_object().is_some_and(|o| o.contains_key("$ref"));
                    let overlaps = only.as_object().is_some_and(|o| {
                        o.keys()
                            .any(|k| map.contains_key(k) && !ANNOTATIONS.contains(&k.as_str()))
                    });
                    if is_ref || overlaps || !only.is_object() {
                        match map.get_mut("allOf") {
                            Some(Value::Array(all)) => all.insert(0, only),
                            _ => {
                                map.insert("allOf".into(), Value::Array(vec![only]));
                            }
                        }
                    } else if let Value::Object(only) = only {
                        for (k, v) in only {
                            map.entry(k).or_insert(v);
                        }
                    }
                }
                _ => {
                    map.insert(key.into(), Value::Array(rest));
                }
            }
        }
    }

    /// `patternProperties`: the values' schema becomes `additionalProperties` (keys are not checked).
    fn pattern_properties(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        let Some(Value::Object(patterns)) = map.shift_remove("patternProperties") else {
            return;
        };
        let here = diag::join(pointer, "patternProperties");
        let names = patterns.keys().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let mut schemas: Vec<Value> = Vec::new();
        for v in patterns.into_values() {
            if !schemas.contains(&v) {
                schemas.push(v);
            }
        }
        let open = match map.get("additionalProperties") {
            None | Some(Value::Bool(_)) => true,
            Some(Value::Object(o)) => o.is_empty(),
            _ => false,
        };
        if !open {
            self.warn(
                &here,
                format!("`patternProperties` {names} beside a schema for `additionalProperties`: removed"),
            );
            return;
        }
        let value = match schemas.len() {
            1 => schemas.remove(0),
            _ => json!({"anyOf": schemas}),
        };
        map.insert("additionalProperties".into(), value);
        map.entry("type").or_insert_with(|| Value::String("object".into()));
        self.warn(
            &here,
            format!("`patternProperties` {names} written as `additionalProperties`: key patterns are not checked"),
        );
    }

    /// `prefixItems` (and draft 4's list form of `items`): tuples have no 3.0 form.
    fn tuples(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        let (key, prefix) = match (map.shift_remove("prefixItems"), map.get("items")) {
            (Some(p), _) => ("prefixItems", p),
            (None, Some(Value::Array(_))) => ("items", map.shift_remove("items").expect("present")),
            (None, Some(Value::Bool(_))) => {
                map.shift_remove("items");
                return;
            }
            (None, _) => return,
        };
        let rest = match key {
            "prefixItems" => map.shift_remove("items"),
            _ => map.shift_remove("additionalItems"),
        }
        .filter(Value::is_object);
        let prefix = prefix.as_array().cloned().unwrap_or_default();
        let mut distinct: Vec<&Value> = Vec::new();
        for v in prefix.iter().chain(rest.iter()) {
            if !distinct.contains(&v) {
                distinct.push(v);
            }
        }
        let items = match distinct.len() {
            0 => None,
            1 => Some(distinct[0].clone()),
            _ => Some(json!({"anyOf": distinct})),
        };
        if let Some(items) = items {
            map.insert("items".into(), items);
        }
        map.entry("type").or_insert_with(|| Value::String("array".into()));
        self.warn(
            &diag::join(pointer, key),
            "a tuple (items by position) has no 3.0 form: typed as an array of any of its item schemas",
        );
    }

    /// The `$defs` taken out of schemas become component schemas; references follow them.
    pub(super) fn hoist_defs(&mut self, doc: &mut Value) {
        if self.defs.is_empty() {
            return;
        }
        let Value::Object(root) = doc else { return };
        let schemas = component_schemas(root);
        let mut taken: BTreeSet<String> = schemas.keys().cloned().collect();
        let mut moved: BTreeMap<String, String> = BTreeMap::new();
        let mut by_name: Vec<(String, String, String)> = Vec::new();
        for (at, name, def) in std::mem::take(&mut self.defs) {
            // The same definition may already be a component (bundling makes one for each
            // `#/$defs/..` reference inside another file): it is reused.
            let base = component_name(&name);
            let new = if schemas.get(&base) == Some(&def) {
                base
            } else {
                let new = unique_name(&base, &taken);
                taken.insert(new.clone());
                schemas.insert(new.clone(), def);
                new
            };
            let target = diag::join("/components/schemas", &new);
            let container = at.rsplit_once('/').map(|(c, _)| c.to_string()).unwrap_or_default();
            by_name.push((container, name, target.clone()));
            moved.insert(at, target);
        }
        let root_defs = root.contains_key("$defs");
        let mut rewrite = Rewrite {
            moved: &moved,
            by_name: &by_name,
            root_defs,
            file: self.file,
            warnings: self.warnings,
        };
        rewrite.walk(doc, "");
    }
}

/// The keywords that apply to each JSON type, for splitting `type: [A, B]` into members.
const KEYWORDS_BY_TYPE: [(&str, &[&str]); 5] = [
    (
        "object",
        &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ],
    ),
    ("array", &["items", "minItems", "maxItems", "uniqueItems"]),
    ("string", &["minLength", "maxLength", "pattern"]),
    (
        "number",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    ),
    (
        "integer",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    ),
];

/// The member of a split `type: [..]` for one type: that type and its keywords.
fn split_by_type(map: &Map<String, Value>, t: &str) -> Map<String, Value> {
    let mut member = Map::new();
    member.insert("type".into(), Value::String(t.to_string()));
    for (ty, keys) in KEYWORDS_BY_TYPE {
        if ty == t {
            for k in keys {
                if let Some(v) = map.get(*k) {
                    member.insert((*k).to_string(), v.clone());
                }
            }
        }
    }
    if let Some(Value::String(format)) = map.get("format") {
        let wants = match format.as_str() {
            "int32" | "int64" => "integer",
            "float" | "double" => "number",
            _ => "string",
        };
        if wants == t {
            member.insert("format".into(), Value::String(format.clone()));
        }
    }
    if let Some(Value::Array(values)) = map.get("enum") {
        let fits: Vec<Value> = values
            .iter()
            .filter(|v| match t {
                "string" => v.is_string(),
                "integer" => v.is_i64() || v.is_u64(),
                "number" => v.is_number(),
                "boolean" => v.is_boolean(),
                "array" => v.is_array(),
                "object" => v.is_object(),
                _ => false,
            })
            .cloned()
            .collect();
        if !fits.is_empty() {
            member.insert("enum".into(), Value::Array(fits));
        }
    }
    member
}

/// `{type: "null"}`, `{type: ["null"]}`, `{const: null}` or `{enum: [null]}`.
fn is_null_schema(v: &Value) -> bool {
    let Some(map) = v.as_object() else { return false };
    let only_null = |v: &Value| match v {
        Value::String(s) => s == "null",
        Value::Array(a) => !a.is_empty() && a.iter().all(|t| t == "null" || t.is_null()),
        _ => v.is_null(),
    };
    let structural = map
        .keys()
        .filter(|k| !ANNOTATIONS.contains(&k.as_str()) && !k.starts_with("x-"))
        .collect::<Vec<_>>();
    match structural.as_slice() {
        [k] if *k == "type" || *k == "enum" || *k == "const" => only_null(&map[k.as_str()]),
        _ => false,
    }
}

/// Rewrites references to moved `$defs`.
struct Rewrite<'a> {
    /// Old pointer of a definition -> its component's pointer.
    moved: &'a BTreeMap<String, String>,
    /// (the `$defs` object's pointer, a definition's name, its component's pointer).
    by_name: &'a [(String, String, String)],
    root_defs: bool,
    file: &'a Path,
    warnings: &'a mut Warnings,
}

impl Rewrite<'_> {
    pub(super) fn walk(&mut self, node: &mut Value, pointer: &str) {
        match node {
            Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    let here = diag::join(pointer, key);
                    match (key.as_str(), &*value) {
                        ("$ref", Value::String(r)) => {
                            if let Some(new) = self.target(r, pointer) {
                                *value = Value::String(new);
                            }
                        }
                        ("example" | "examples" | "default" | "enum", _) => {}
                        ("mapping", Value::Object(_)) => {
                            if let Value::Object(mapping) = value {
                                for v in mapping.values_mut() {
                                    if let Some(new) = v.as_str().and_then(|r| self.target(r, pointer)) {
                                        *v = Value::String(new);
                                    }
                                }
                            }
                        }
                        _ => self.walk(value, &here),
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.walk(item, &format!("{pointer}/{i}"));
                }
            }
            _ => {}
        }
    }

    /// The new reference for `r`, written in the schema at `site`, when it points into a moved
    /// definition.
    fn target(&mut self, r: &str, site: &str) -> Option<String> {
        let old = crate::doc::pointer::decode_fragment(r.strip_prefix('#')?);
        let found = self
            .moved
            .iter()
            .filter(|(from, _)| old == **from || old.starts_with(&format!("{from}/")))
            .max_by_key(|(from, _)| from.len());
        if let Some((from, to)) = found {
            return Some(format!("#{to}{}", &old[from.len()..]));
        }
        // `#/$defs/X` written inside a schema means that schema's `$defs` to many tools
        // (JSON Schema resolves it against the document, which has none).
        let rest = old
            .strip_prefix("/$defs/")
            .or_else(|| old.strip_prefix("/definitions/"))?;
        if self.root_defs {
            return None;
        }
        let (name, tail) = match rest.split_once('/') {
            Some((n, t)) => (n, format!("/{t}")),
            None => (rest, String::new()),
        };
        let name = unescape(name);
        let (_, _, to) = self
            .by_name
            .iter()
            .filter(|(container, n, _)| {
                *n == name && {
                    let owner = container.rsplit_once('/').map(|(o, _)| o).unwrap_or("");
                    site == owner || site.starts_with(&format!("{owner}/"))
                }
            })
            .max_by_key(|(container, _, _)| container.len())?;
        self.warnings.push(
            self.file,
            site,
            format!("`{r}` is read as the enclosing schema's definition `{name}`"),
        );
        Some(format!("#{to}{tail}"))
    }
}
