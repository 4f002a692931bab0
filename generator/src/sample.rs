//! Sample values for a description's operations: the examples it gives, or values made from
//! its schemas (required properties only, formats and bounds honoured) where it gives none.
//! The contract tests call every operation with these, and the test server answers with them.

use openapiv3::{
    AdditionalProperties, OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, Schema, SchemaKind, Type,
};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

type Properties = indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>;

/// How deep nested schemas are followed (recursive schemas stop here).
const MAX_DEPTH: usize = 8;

/// Sample inputs of one operation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OperationSample {
    /// Path parameters and required query and header parameters, by name.
    pub params: BTreeMap<String, Value>,
    /// Candidate request bodies by media type: the description's examples first, then one made
    /// from the schema.
    pub bodies: BTreeMap<String, Vec<Value>>,
}

/// Samples of every operation of a (normalised) description, by operation id.
pub fn operations(doc: &OpenAPI) -> BTreeMap<String, OperationSample> {
    let mut out = BTreeMap::new();
    for (path, item) in doc.paths.paths.iter() {
        let ReferenceOr::Item(item) = item else { continue };
        for (method, op) in item.iter() {
            let id = op.operation_id.clone().unwrap_or_else(|| format!("{method} {path}"));
            let mut sample = OperationSample::default();
            // Variables of the server URL's path (Porting's `/v1/projects/{projectId}`) are
            // path parameters of every operation.
            if let Some(server) = doc.servers.first() {
                for (name, v) in server.variables.iter().flatten() {
                    if server.url.contains(&format!("/{{{name}}}")) {
                        sample.params.insert(name.clone(), json!(v.default));
                    }
                }
            }
            for p in item.parameters.iter().chain(&op.parameters) {
                let Some(p) = resolve_param(doc, p) else { continue };
                let data = p.parameter_data_ref();
                let path_param = matches!(p, Parameter::Path { .. });
                if !(path_param || data.required) || matches!(p, Parameter::Cookie { .. }) {
                    continue;
                }
                let value = first_example(doc, &data.example, &data.examples)
                    .or_else(|| match &data.format {
                        ParameterSchemaOrContent::Schema(s) => Some(Sampler::new(doc, true).value(s, 0)),
                        ParameterSchemaOrContent::Content(_) => None,
                    })
                    .unwrap_or_else(|| json!("string"));
                // A path parameter must not be empty.
                let value = match value {
                    Value::String(s) if s.is_empty() && path_param => json!("x"),
                    v => v,
                };
                sample.params.insert(data.name.clone(), value);
            }
            if let Some(rb) = &op.request_body
                && let Some(rb) = resolve_body(doc, rb)
            {
                for (media, m) in &rb.content {
                    let mut candidates: Vec<Value> = Vec::new();
                    if let Some(e) = &m.example {
                        candidates.push(e.clone());
                    }
                    candidates.extend(m.examples.values().filter_map(|e| example_value(doc, e)));
                    if let Some(s) = &m.schema {
                        candidates.push(Sampler::new(doc, true).value(s, 0));
                    }
                    sample.bodies.insert(media.clone(), candidates);
                }
            }
            out.insert(id, sample);
        }
    }
    out
}

/// A sample as the text of a parameter or a text body: strings as they are, other values as
/// JSON.
pub fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A value made from a schema: its example, default or first enum value when it has one;
/// otherwise built from its type.
pub fn value(doc: &OpenAPI, schema: &ReferenceOr<Schema>, request: bool) -> Value {
    Sampler::new(doc, request).value(schema, 0)
}

/// A value made from a schema alone, its examples and defaults ignored: what is left when an
/// example somewhere inside does not fit its type.
pub fn made(doc: &OpenAPI, schema: &ReferenceOr<Schema>, request: bool) -> Value {
    Sampler {
        examples: false,
        ..Sampler::new(doc, request)
    }
    .value(schema, 0)
}

/// A media type's own example: its `example`, else its first named example that resolves.
pub fn example(doc: &OpenAPI, m: &openapiv3::MediaType) -> Option<Value> {
    first_example(doc, &m.example, &m.examples)
}

/// An `example`, else the first of `examples` that resolves.
fn first_example(
    doc: &OpenAPI,
    example: &Option<Value>,
    examples: &indexmap::IndexMap<String, ReferenceOr<openapiv3::Example>>,
) -> Option<Value> {
    example
        .clone()
        .or_else(|| examples.values().find_map(|e| example_value(doc, e)))
}

fn resolve_param<'a>(doc: &'a OpenAPI, p: &'a ReferenceOr<Parameter>) -> Option<&'a Parameter> {
    let mut p = p;
    for _ in 0..16 {
        match p {
            ReferenceOr::Item(p) => return Some(p),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/parameters/")?;
                p = doc.components.as_ref()?.parameters.get(name)?;
            }
        }
    }
    None
}

fn resolve_body<'a>(
    doc: &'a OpenAPI,
    rb: &'a ReferenceOr<openapiv3::RequestBody>,
) -> Option<&'a openapiv3::RequestBody> {
    let mut rb = rb;
    for _ in 0..16 {
        match rb {
            ReferenceOr::Item(b) => return Some(b),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/requestBodies/")?;
                rb = doc.components.as_ref()?.request_bodies.get(name)?;
            }
        }
    }
    None
}

/// The value of an Example object, following a reference to `components/examples`.
fn example_value(doc: &OpenAPI, e: &ReferenceOr<openapiv3::Example>) -> Option<Value> {
    match e {
        ReferenceOr::Item(e) => e.value.clone(),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/examples/")?;
            match doc.components.as_ref()?.examples.get(name)? {
                ReferenceOr::Item(e) => e.value.clone(),
                ReferenceOr::Reference { .. } => None,
            }
        }
    }
}

/// Whether a schema stands for a string, number or boolean (its sample recurses no further).
fn scalar(s: &Schema) -> bool {
    match &s.schema_kind {
        SchemaKind::Type(Type::String(_) | Type::Integer(_) | Type::Number(_) | Type::Boolean(_)) => true,
        SchemaKind::Any(a) => {
            a.all_of.is_empty()
                && a.one_of.is_empty()
                && a.any_of.is_empty()
                && a.properties.is_empty()
                && matches!(a.typ.as_deref(), Some("string" | "integer" | "number" | "boolean"))
        }
        _ => false,
    }
}

/// Whether a value is of the JSON type a schema declares (any value for schemas without one).
fn of_type(kind: &SchemaKind, v: &Value) -> bool {
    match kind {
        SchemaKind::Type(Type::String(_)) => v.is_string(),
        SchemaKind::Type(Type::Integer(_)) => v.is_i64() || v.is_u64(),
        SchemaKind::Type(Type::Number(_)) => v.is_number(),
        SchemaKind::Type(Type::Boolean(_)) => v.is_boolean(),
        SchemaKind::Type(Type::Object(_)) => v.is_object(),
        SchemaKind::Type(Type::Array(_)) => v.is_array(),
        _ => true,
    }
}

struct Sampler<'a> {
    doc: &'a OpenAPI,
    /// Read-only properties are left out of requests.
    request: bool,
    /// Whether schemas' own examples and defaults are used (else every value is made).
    examples: bool,
    /// Component schemas being expanded (a cycle stops at the second visit).
    stack: Vec<String>,
}

impl<'a> Sampler<'a> {
    fn new(doc: &'a OpenAPI, request: bool) -> Self {
        Sampler {
            doc,
            request,
            examples: true,
            stack: Vec::new(),
        }
    }

    /// The schema a reference names, through aliases; none for a chain of aliases that comes
    /// back to itself (`A: {$ref: B}`, `B: {$ref: A}`: the model reports it as an error).
    fn component(&self, reference: &str) -> Option<&'a Schema> {
        let schemas = &self.doc.components.as_ref()?.schemas;
        let mut reference = reference;
        for _ in 0..=schemas.len() {
            match schemas.get(reference.strip_prefix("#/components/schemas/")?)? {
                ReferenceOr::Item(s) => return Some(s),
                ReferenceOr::Reference { reference: next } => reference = next,
            }
        }
        None
    }

    fn value(&mut self, schema: &ReferenceOr<Schema>, depth: usize) -> Value {
        match schema {
            ReferenceOr::Reference { reference } => {
                let Some(s) = self.component(reference) else {
                    return Value::Null;
                };
                // Deep or recursive: objects and arrays stop here, but a scalar (an enum at
                // the bottom of a deep listing) costs nothing and keeps its object valid.
                if (depth > MAX_DEPTH || self.stack.iter().filter(|r| *r == reference).count() > 1) && !scalar(s) {
                    return Value::Null;
                }
                self.stack.push(reference.clone());
                let v = self.schema(s, depth + 1);
                self.stack.pop();
                v
            }
            ReferenceOr::Item(s) => self.schema(s, depth + 1),
        }
    }

    fn boxed(&mut self, schema: &ReferenceOr<Box<Schema>>, depth: usize) -> Value {
        match schema {
            ReferenceOr::Reference { reference } => self.value(
                &ReferenceOr::Reference {
                    reference: reference.clone(),
                },
                depth,
            ),
            ReferenceOr::Item(s) => self.schema(s, depth + 1),
        }
    }

    fn schema(&mut self, s: &Schema, depth: usize) -> Value {
        let data = &s.schema_data;
        // A schema's own example or default, unless it contradicts the schema's type (an
        // integer count whose example is "20 000"): the SDK could not read it back.
        let given = [&data.example, &data.default]
            .into_iter()
            .flatten()
            .filter(|_| self.examples);
        if let Some(v) = given.filter(|v| !v.is_null()).find(|v| of_type(&s.schema_kind, v)) {
            return v.clone();
        }
        match &s.schema_kind {
            SchemaKind::Type(Type::String(t)) => {
                if let Some(v) = t.enumeration.iter().flatten().next() {
                    return json!(v);
                }
                let format = match &t.format {
                    openapiv3::VariantOrUnknownOrEmpty::Item(f) => format!("{f:?}").to_ascii_lowercase(),
                    openapiv3::VariantOrUnknownOrEmpty::Unknown(f) => f.to_ascii_lowercase(),
                    openapiv3::VariantOrUnknownOrEmpty::Empty => String::new(),
                };
                json!(string(&format, t.pattern.as_deref(), t.min_length, t.max_length))
            }
            SchemaKind::Type(Type::Integer(t)) => {
                if let Some(v) = t.enumeration.iter().flatten().next() {
                    return json!(v);
                }
                let mut n = t
                    .minimum
                    .map(|m| if t.exclusive_minimum { m + 1 } else { m })
                    .unwrap_or(1);
                if let Some(max) = t.maximum {
                    n = n.min(if t.exclusive_maximum { max - 1 } else { max });
                }
                json!(n)
            }
            SchemaKind::Type(Type::Number(t)) => {
                if let Some(v) = t.enumeration.iter().flatten().next() {
                    return json!(v);
                }
                let mut n = t
                    .minimum
                    .map(|m| if t.exclusive_minimum { m + 1.0 } else { m })
                    .unwrap_or(1.0);
                if let Some(max) = t.maximum {
                    n = n.min(max);
                }
                json!(n)
            }
            SchemaKind::Type(Type::Boolean(_)) => json!(true),
            SchemaKind::Type(Type::Array(a)) => {
                let n = a.min_items.unwrap_or(1).max(1);
                let item = match &a.items {
                    Some(i) => self.boxed(i, depth),
                    None => json!("string"),
                };
                if item.is_null() {
                    return json!([]);
                }
                Value::Array(vec![item; n])
            }
            SchemaKind::Type(Type::Object(o)) => {
                self.object(&o.properties, &o.required, o.additional_properties.as_ref(), depth)
            }
            SchemaKind::OneOf { one_of } | SchemaKind::AnyOf { any_of: one_of } => self.union(s, one_of, depth),
            SchemaKind::AllOf { all_of } => self.all_of(all_of, depth),
            SchemaKind::Not { .. } => Value::Null,
            SchemaKind::Any(a) => {
                if !a.all_of.is_empty() {
                    let mut v = self.all_of(&a.all_of, depth);
                    if let (Value::Object(m), Value::Object(own)) =
                        (&mut v, self.object(&a.properties, &a.required, None, depth))
                    {
                        m.extend(own);
                    }
                    // `required` beside `allOf` names properties its members define.
                    if let Value::Object(m) = &mut v {
                        for name in &a.required {
                            if m.contains_key(name) {
                                continue;
                            }
                            let found = a.all_of.iter().find_map(|member| self.property(member, name, 0));
                            if let Some(p) = found {
                                if self.request && self.read_only(&p) {
                                    continue;
                                }
                                let value = self.boxed(&p, depth);
                                if !value.is_null() {
                                    m.insert(name.clone(), value);
                                }
                            }
                        }
                    }
                    return v;
                }
                if !a.one_of.is_empty() {
                    return self.union(s, &a.one_of, depth);
                }
                if !a.any_of.is_empty() {
                    return self.union(s, &a.any_of, depth);
                }
                if let Some(v) = a.enumeration.iter().find(|v| !v.is_null()) {
                    return v.clone();
                }
                if !a.properties.is_empty() || a.typ.as_deref() == Some("object") {
                    return self.object(&a.properties, &a.required, a.additional_properties.as_ref(), depth);
                }
                match a.typ.as_deref() {
                    Some("string") => json!(string(
                        a.format.as_deref().unwrap_or_default(),
                        a.pattern.as_deref(),
                        a.min_length,
                        a.max_length
                    )),
                    Some("integer") => json!(a.minimum.map(|m| m as i64).unwrap_or(1)),
                    Some("number") => json!(a.minimum.unwrap_or(1.0)),
                    Some("boolean") => json!(true),
                    Some("array") => match &a.items {
                        Some(i) => {
                            let v = self.boxed(i, depth);
                            if v.is_null() { json!([]) } else { json!([v]) }
                        }
                        None => json!([]),
                    },
                    _ => json!({}),
                }
            }
        }
    }

    fn object(
        &mut self,
        props: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        depth: usize,
    ) -> Value {
        let mut out = Map::new();
        // Nothing required: the first property, so a body says something (an empty multipart
        // body is no body at all).
        let first: Vec<String> = if required.is_empty() {
            props
                .iter()
                .find(|(_, p)| !(self.request && self.read_only(p)))
                .map(|(k, _)| vec![k.clone()])
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        for name in required.iter().chain(&first) {
            let Some(p) = props.get(name) else { continue };
            if self.request && self.read_only(p) {
                continue;
            }
            let v = self.boxed(p, depth);
            if !v.is_null() {
                out.insert(name.clone(), v);
            }
        }
        if out.is_empty()
            && props.is_empty()
            && let Some(AdditionalProperties::Schema(s)) = additional
        {
            let v = self.value(s, depth);
            if !v.is_null() {
                out.insert("key".into(), v);
            }
        }
        Value::Object(out)
    }

    /// The discriminator property and this member's tag, when the member extends (through
    /// `allOf`) a base that has a discriminator.
    fn inherited_tag(&self, reference: &str) -> Option<(String, String)> {
        let member = self.component(reference)?;
        let parts: &[ReferenceOr<Schema>] = match &member.schema_kind {
            SchemaKind::AllOf { all_of } => all_of,
            SchemaKind::Any(a) => &a.all_of,
            _ => return None,
        };
        let squash = |s: &str| {
            s.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        };
        for part in parts {
            let ReferenceOr::Reference { reference: base_ref } = part else {
                continue;
            };
            let Some(base) = self.component(base_ref) else { continue };
            let Some(d) = &base.schema_data.discriminator else {
                continue;
            };
            if let Some((tag, _)) = d.mapping.iter().find(|(_, r)| *r == reference) {
                return Some((d.property_name.clone(), tag.clone()));
            }
            let name = squash(reference.rsplit('/').next().unwrap_or_default());
            let values: Vec<String> = match &base.schema_kind {
                SchemaKind::Type(Type::Object(o)) => o.properties.get(&d.property_name),
                SchemaKind::Any(a) => a.properties.get(&d.property_name),
                _ => None,
            }
            .and_then(|p| match p {
                ReferenceOr::Item(s) => match &s.schema_kind {
                    SchemaKind::Type(Type::String(t)) => Some(t.enumeration.iter().flatten().cloned().collect()),
                    _ => None,
                },
                ReferenceOr::Reference { .. } => None,
            })
            .unwrap_or_default();
            let tag = values
                .iter()
                .filter(|v| !v.is_empty() && name.starts_with(&squash(v)))
                .max_by_key(|v| v.len())
                .cloned()
                .unwrap_or_else(|| reference.rsplit('/').next().unwrap_or_default().to_string());
            return Some((d.property_name.clone(), tag));
        }
        None
    }

    /// The schema of property `name`, wherever a schema's members define it.
    fn property(&self, schema: &ReferenceOr<Schema>, name: &str, depth: usize) -> Option<ReferenceOr<Box<Schema>>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let s = match schema {
            ReferenceOr::Item(s) => s,
            ReferenceOr::Reference { reference } => self.component(reference)?,
        };
        let (props, members): (Option<&Properties>, &[ReferenceOr<Schema>]) = match &s.schema_kind {
            SchemaKind::Type(Type::Object(o)) => (Some(&o.properties), &[]),
            SchemaKind::AllOf { all_of } => (None, all_of),
            SchemaKind::Any(a) => (Some(&a.properties), &a.all_of),
            _ => (None, &[]),
        };
        if let Some(p) = props.and_then(|p| p.get(name)) {
            return Some(p.clone());
        }
        members.iter().find_map(|m| self.property(m, name, depth + 1))
    }

    fn read_only(&self, p: &ReferenceOr<Box<Schema>>) -> bool {
        match p {
            ReferenceOr::Item(s) => s.schema_data.read_only,
            ReferenceOr::Reference { reference } => self.component(reference).is_some_and(|s| s.schema_data.read_only),
        }
    }

    fn union(&mut self, s: &Schema, members: &[ReferenceOr<Schema>], depth: usize) -> Value {
        let Some(first) = members.first() else {
            return Value::Null;
        };
        let mut v = self.value(first, depth);
        // Members that extend one base naming the discriminator (WhatsApp's messages): the tag
        // is the base's mapping for the member, else the base's value its name starts with.
        if s.schema_data.discriminator.is_none()
            && let (ReferenceOr::Reference { reference }, Value::Object(m)) = (first, &mut v)
            && let Some((property, tag)) = self.inherited_tag(reference)
        {
            m.insert(property, json!(tag));
        }
        // The discriminator names the member written.
        if let (Some(d), Value::Object(m)) = (&s.schema_data.discriminator, &mut v) {
            let tag = match first {
                ReferenceOr::Reference { reference } => d
                    .mapping
                    .iter()
                    .find(|(_, r)| *r == reference)
                    .map(|(k, _)| k.clone())
                    .or_else(|| reference.rsplit('/').next().map(str::to_string)),
                ReferenceOr::Item(_) => None,
            };
            if let Some(tag) = tag {
                m.insert(d.property_name.clone(), json!(tag));
            }
        }
        v
    }

    fn all_of(&mut self, members: &[ReferenceOr<Schema>], depth: usize) -> Value {
        let mut out = Map::new();
        let mut made = false;
        for m in members {
            match self.value(m, depth) {
                Value::Object(o) => {
                    made = true;
                    out.extend(o)
                }
                Value::Null => {}
                other if members.len() == 1 => return other,
                _ => made = true,
            }
        }
        // Every member cut off (too deep, or a cycle): nothing, rather than an empty object
        // standing for a value of any type.
        if !made {
            return Value::Null;
        }
        // A member may only make others' properties required (`{required: [version]}`).
        let required: Vec<String> = members
            .iter()
            .filter_map(|m| match m {
                ReferenceOr::Item(s) => match &s.schema_kind {
                    SchemaKind::Any(a) if a.properties.is_empty() => Some(a.required.clone()),
                    SchemaKind::Type(Type::Object(o)) if o.properties.is_empty() => Some(o.required.clone()),
                    _ => None,
                },
                ReferenceOr::Reference { .. } => None,
            })
            .flatten()
            .collect();
        for name in required {
            if out.contains_key(&name) {
                continue;
            }
            if let Some(p) = members.iter().find_map(|m| self.property(m, &name, 0)) {
                if self.request && self.read_only(&p) {
                    continue;
                }
                let v = self.boxed(&p, depth);
                if !v.is_null() {
                    out.insert(name, v);
                }
            }
        }
        Value::Object(out)
    }
}

/// A string for a format, a pattern and length bounds.
fn string(format: &str, pattern: Option<&str>, min: Option<usize>, max: Option<usize>) -> String {
    let mut s = match format {
        "date-time" | "datetime" => "2026-01-01T00:00:00Z".to_string(),
        "date" => "2026-01-01".to_string(),
        "time" => "12:00:00".to_string(),
        "uuid" => "123e4567-e89b-12d3-a456-426614174000".to_string(),
        "email" => "user@example.com".to_string(),
        "uri" | "url" | "uri-reference" => "https://example.com/path".to_string(),
        "hostname" => "example.com".to_string(),
        "ipv4" => "192.0.2.1".to_string(),
        "ipv6" => "2001:db8::1".to_string(),
        "byte" => "U2luY2g=".to_string(),
        "binary" => "file".to_string(),
        "e164" | "phone" | "phone-number" => "+15551234567".to_string(),
        _ if pattern.is_some_and(|p| p.contains("\\+") && (p.contains("\\d") || p.contains("[0-9]"))) => {
            "+15551234567".to_string()
        }
        _ => match pattern {
            Some(p) => from_pattern(p),
            None => "string".to_string(),
        },
    };
    if let Some(min) = min {
        while s.chars().count() < min {
            s.push('a');
        }
    }
    if let Some(max) = max {
        s = s.chars().take(max).collect();
    }
    s
}

/// A string matching a pattern, for the simple ones descriptions use: a sequence of literal
/// characters, escapes (`\d`, `\w`, `\+`) and character classes with quantifiers. Anything
/// more (alternation, groups, lookaround) gives a plain word.
fn from_pattern(p: &str) -> String {
    let p = p.trim_start_matches('^').trim_end_matches('$');
    let chars: Vec<char> = p.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        // One atom: the character it stands for.
        let atom = match chars[i] {
            '\\' => {
                i += 1;
                match chars.get(i) {
                    Some('d') => '1',
                    Some('w') => 'a',
                    Some('s') => ' ',
                    Some(c) => *c,
                    None => return "string".into(),
                }
            }
            '[' => {
                let Some(end) = chars[i..].iter().position(|c| *c == ']').map(|e| e + i) else {
                    return "string".into();
                };
                let class: String = chars[i + 1..end].iter().collect();
                i = end;
                if class.starts_with('^') {
                    'x'
                } else if class.contains("a-z") {
                    'a'
                } else if class.contains("A-Z") {
                    'A'
                } else if class.contains("0-9") || class.contains("1-9") || class.contains("\\d") {
                    '1'
                } else {
                    class.chars().find(|c| *c != '\\').unwrap_or('a')
                }
            }
            '(' | ')' | '|' | '?' => return "string".into(),
            '.' => 'a',
            c => c,
        };
        i += 1;
        // Its quantifier: how many times.
        let times = match chars.get(i) {
            Some('*') | Some('?') => {
                i += 1;
                0
            }
            Some('+') => {
                i += 1;
                1
            }
            Some('{') => {
                let Some(end) = chars[i..].iter().position(|c| *c == '}').map(|e| e + i) else {
                    return "string".into();
                };
                let spec: String = chars[i + 1..end].iter().collect();
                i = end + 1;
                spec.split(',')
                    .next()
                    .and_then(|n| n.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .max(1)
            }
            _ => 1,
        };
        for _ in 0..times {
            out.push(atom);
        }
    }
    if out.is_empty() { "string".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(yaml: &str) -> OpenAPI {
        let file = std::path::Path::new("t.yaml");
        let mut w = crate::diag::Warnings::default();
        let raw = crate::load::parse_str(file, yaml, &mut w).unwrap();
        crate::normalise::normalise(file, raw, &mut w).unwrap()
    }

    #[test]
    fn required_properties_formats_and_discriminators() {
        let d = doc(r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /p/{id}:
    post:
      operationId: Send
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, format: uuid}}
        - {name: q, in: query, required: true, schema: {type: integer, minimum: 5}}
        - {name: opt, in: query, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Msg"}
      responses: {"200": {description: ok}}
components:
  schemas:
    Msg:
      type: object
      required: [to, kind, at, body, id]
      properties:
        id: {type: string, readOnly: true}
        to: {type: array, items: {type: string, pattern: '^\+[1-9]\d{1,14}$'}}
        at: {type: string, format: date-time}
        kind: {type: string, enum: [text, media]}
        body: {$ref: "#/components/schemas/Body"}
        note: {type: string}
    Body:
      oneOf: [{$ref: "#/components/schemas/Text"}]
      discriminator: {propertyName: type, mapping: {t: "#/components/schemas/Text"}}
    Text:
      type: object
      required: [text]
      properties: {text: {type: string, minLength: 8}}
"##);
        let s = &operations(&d)["Send"];
        assert_eq!(s.params["id"], json!("123e4567-e89b-12d3-a456-426614174000"));
        assert_eq!(s.params["q"], json!(5));
        assert!(!s.params.contains_key("opt"));
        let body = &s.bodies["application/json"][0];
        assert_eq!(
            body,
            &json!({"to": ["+15551234567"], "kind": "text", "at": "2026-01-01T00:00:00Z",
                    "body": {"text": "stringaa", "type": "t"}})
        );
    }

    #[test]
    fn simple_patterns_are_matched() {
        assert_eq!(from_pattern("^[a-z0-9][a-z0-9_]*[a-z0-9]$"), "aa");
        assert_eq!(from_pattern("^[A-Z]{2}$"), "AA");
        assert_eq!(from_pattern("^\\d{3}-\\d{4}$"), "111-1111");
        assert_eq!(from_pattern("^(a|b)$"), "string");
        assert_eq!(string("", Some("^\\+[1-9]\\d{1,14}$"), None, None), "+15551234567");
    }

    #[test]
    fn examples_come_first_and_cycles_end() {
        let d = doc(r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /n:
    post:
      operationId: Make
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Node"}
            example: {name: given}
      responses: {"200": {description: ok}}
components:
  schemas:
    Node:
      type: object
      required: [name, child]
      properties:
        name: {type: string}
        child: {$ref: "#/components/schemas/Node"}
"##);
        let bodies = &operations(&d)["Make"].bodies["application/json"];
        assert_eq!(bodies[0], json!({"name": "given"}));
        // Made from the schema: the cycle ends instead of recursing forever.
        assert!(bodies[1]["child"]["name"].is_string());
    }

    #[test]
    fn a_schema_example_of_the_wrong_type_is_passed_over() {
        let d = doc(r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Status:
      type: object
      required: [count, code]
      properties:
        count: {type: integer, example: "20 000"}
        code: {type: integer, example: 400, default: 0}
"##);
        let schema = ReferenceOr::Reference {
            reference: "#/components/schemas/Status".into(),
        };
        // Sinch's SMS delivery report writes a count's example as "20 000".
        assert_eq!(value(&d, &schema, false), json!({"count": 1, "code": 400}));
    }

    #[test]
    fn deep_listings_keep_enums_and_never_make_empty_objects() {
        // Provisioning's WhatsApp template listing: page -> templates -> analytics -> buttons ->
        // `type: {allOf: [$ref: enum]}`, deeper than the sampler follows objects. The enum at the
        // bottom was made as `{}`, which the SDK cannot read as the enum.
        let d = doc(r##"
openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Kind: {type: string, enum: [QUICK_REPLY, URL], description: Type.}
    Button:
      type: object
      required: [type]
      properties:
        type:
          description: Type of button.
          uniqueItems: false
          allOf: [{$ref: "#/components/schemas/Kind"}]
    L1: {type: object, required: [next], properties: {next: {type: array, items: {$ref: "#/components/schemas/L2"}}}}
    L2: {type: object, required: [next], properties: {next: {type: array, items: {$ref: "#/components/schemas/L3"}}}}
    L3: {type: object, required: [next], properties: {next: {type: array, items: {$ref: "#/components/schemas/L4"}}}}
    L4: {type: object, required: [next], properties: {next: {type: array, items: {$ref: "#/components/schemas/L5"}}}}
    L5: {type: object, required: [next], properties: {next: {type: array, items: {$ref: "#/components/schemas/L6"}}}}
    L6: {type: object, required: [next], properties: {next: {type: array, items: {$ref: "#/components/schemas/L7"}}}}
    L7: {type: object, required: [next], properties: {next: {type: array, items: {$ref: "#/components/schemas/L8"}}}}
    L8: {type: object, required: [next], properties: {next: {type: array, items: {$ref: "#/components/schemas/L9"}}}}
    L9: {type: object, required: [next], properties: {next: {type: array, items: {$ref: "#/components/schemas/L10"}}}}
    L10: {type: object, required: [next], properties: {next: {type: array, items: {$ref: "#/components/schemas/L11"}}}}
    L11: {type: object, required: [next], properties: {next: {type: array, items: {$ref: "#/components/schemas/L12"}}}}
    L12: {type: object, required: [next], properties: {next: {type: array, items: {$ref: "#/components/schemas/Button"}}}}
"##);
        fn no_empty_objects(v: &Value) -> bool {
            match v {
                Value::Object(m) => !m.is_empty() && m.values().all(no_empty_objects),
                Value::Array(a) => a.iter().all(no_empty_objects),
                _ => true,
            }
        }
        /// Every button's `type`, however deep.
        fn types(v: &Value, out: &mut Vec<Value>) {
            match v {
                Value::Object(m) => {
                    out.extend(m.get("type").cloned());
                    m.values().for_each(|v| types(v, out));
                }
                Value::Array(a) => a.iter().for_each(|v| types(v, out)),
                _ => {}
            }
        }
        let mut deepest = 0;
        for (depth, start) in [
            "Button", "L12", "L11", "L10", "L9", "L8", "L7", "L6", "L5", "L4", "L3", "L2", "L1",
        ]
        .iter()
        .enumerate()
        {
            let schema = ReferenceOr::Reference {
                reference: format!("#/components/schemas/{start}"),
            };
            let v = made(&d, &schema, false);
            assert!(no_empty_objects(&v), "{start}: {v}");
            let mut found = Vec::new();
            types(&v, &mut found);
            assert!(found.iter().all(|t| t == "QUICK_REPLY"), "{start}: {v}");
            if !found.is_empty() {
                deepest = depth;
            }
        }
        assert!(deepest >= 3, "buttons are made under a few levels of listing");
    }
}
