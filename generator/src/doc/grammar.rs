//! The grammar of OpenAPI 3.0 to 3.2 (and of Swagger 2.0's shared parts): which member of which
//! object holds schemas, path items, operations, responses, callbacks, links and examples, and
//! the one list of HTTP methods. Every stage asks this module instead of knowing it itself.

/// What an object in an OpenAPI description is, as far as references and schemas go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Document,
    Components,
    PathItem,
    Operation,
    Callback,
    Parameter,
    Header,
    RequestBody,
    Response,
    MediaType,
    Encoding,
    Schema,
    Example,
    Link,
    SecurityScheme,
}

/// Where the member `key` of an object of some kind leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Child {
    /// One object of this kind, or a list of them (`parameters`, `allOf`).
    One(Kind),
    /// A map from names to objects of this kind (`properties`, `responses`).
    Map(Kind),
    /// Data or text: nothing to walk (`example`, `enum`, `info`, extensions).
    Leaf,
}

/// The HTTP methods of a path item, including OpenAPI 3.2's `query` (Swagger 2.0 has the
/// first seven).
pub const METHODS: [&str; 9] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// The methods OpenAPI 3.0 (and so the model) has; `query` is 3.2's and has no 3.0 form.
pub const METHODS_30: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Whether a path item member is an operation.
pub fn is_method(key: &str) -> bool {
    METHODS.contains(&key)
}

/// The grammar of OpenAPI 3.0 to 3.2, reduced to what holds objects that can be referenced.
pub fn child(kind: Kind, key: &str) -> Child {
    use Child::*;
    use Kind::*;
    if key.starts_with("x-") {
        return Leaf;
    }
    match (kind, key) {
        (Document, "paths" | "webhooks") => Map(PathItem),
        (Document, "components") => One(Components),
        (Components, "schemas") => Map(Schema),
        (Components, "responses") => Map(Response),
        (Components, "parameters") => Map(Parameter),
        (Components, "examples") => Map(Example),
        (Components, "requestBodies") => Map(RequestBody),
        (Components, "headers") => Map(Header),
        (Components, "securitySchemes") => Map(SecurityScheme),
        (Components, "links") => Map(Link),
        (Components, "callbacks") => Map(Callback),
        (Components, "pathItems") => Map(PathItem),
        (Components, "mediaTypes") => Map(MediaType),
        (PathItem, m) if METHODS.contains(&m) => One(Operation),
        (PathItem, "additionalOperations") => Map(Operation),
        (PathItem | Operation, "parameters") => One(Parameter),
        (Operation, "requestBody") => One(RequestBody),
        (Operation, "responses") => Map(Response),
        (Operation, "callbacks") => Map(Callback),
        (Callback, _) => One(PathItem),
        (Parameter | Header, "schema") => One(Schema),
        (Parameter | Header | RequestBody | Response, "content") => Map(MediaType),
        (Parameter | Header | MediaType, "examples") => Map(Example),
        (Response, "headers") | (Encoding, "headers") => Map(Header),
        (Response, "links") => Map(Link),
        (MediaType, "schema" | "itemSchema") => One(Schema),
        (MediaType, "encoding") => Map(Encoding),
        (MediaType, "prefixEncoding" | "itemEncoding") => One(Encoding),
        (Schema, "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas") => Map(Schema),
        (
            Schema,
            "items"
            | "additionalItems"
            | "additionalProperties"
            | "not"
            | "if"
            | "then"
            | "else"
            | "contains"
            | "propertyNames"
            | "unevaluatedItems"
            | "unevaluatedProperties"
            | "contentSchema",
        ) => One(Schema),
        (Schema, "allOf" | "anyOf" | "oneOf" | "prefixItems") => One(Schema),
        _ => Leaf,
    }
}

/// The components section an object of this kind is kept in, if it is one that is referenced
/// rather than inlined.
pub fn section(kind: Kind) -> Option<&'static str> {
    Some(match kind {
        Kind::Schema => "schemas",
        Kind::Response => "responses",
        Kind::Parameter => "parameters",
        Kind::RequestBody => "requestBodies",
        Kind::Header => "headers",
        Kind::Example => "examples",
        Kind::Link => "links",
        Kind::Callback => "callbacks",
        Kind::SecurityScheme => "securitySchemes",
        _ => return None,
    })
}

pub fn section_kind(section: &str) -> Option<Kind> {
    match child(Kind::Components, section) {
        Child::Map(kind) => Some(kind),
        _ => None,
    }
}
