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
        // Swagger 2.0's reusable objects, and a 2.0 response's schema.
        (Document, "definitions") => Map(Schema),
        (Document, "parameters") => Map(Parameter),
        (Document, "responses") => Map(Response),
        (Response, "schema") => One(Schema),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_by_kind_and_member() {
        use Child::*;
        use Kind::*;
        let rows = [
            (Document, "paths", Map(PathItem)),
            (Document, "webhooks", Map(PathItem)),
            (Document, "components", One(Components)),
            (Document, "info", Leaf),
            (Document, "definitions", Map(Schema)),
            (Response, "schema", One(Schema)),
            (Document, "tags", Leaf),
            (Components, "schemas", Map(Schema)),
            (Components, "pathItems", Map(PathItem)),
            (PathItem, "get", One(Operation)),
            (PathItem, "query", One(Operation)),
            (PathItem, "additionalOperations", Map(Operation)),
            (PathItem, "parameters", One(Parameter)),
            (PathItem, "summary", Leaf),
            (Operation, "requestBody", One(RequestBody)),
            (Operation, "responses", Map(Response)),
            (Operation, "callbacks", Map(Callback)),
            (Callback, "{$request.body#/url}", One(PathItem)),
            (Response, "headers", Map(Header)),
            (Response, "links", Map(Link)),
            (Response, "content", Map(MediaType)),
            (MediaType, "schema", One(Schema)),
            (MediaType, "itemSchema", One(Schema)),
            (MediaType, "examples", Map(Example)),
            (MediaType, "example", Leaf),
            (Parameter, "schema", One(Schema)),
            (Header, "content", Map(MediaType)),
            (Encoding, "headers", Map(Header)),
            (Schema, "properties", Map(Schema)),
            (Schema, "patternProperties", Map(Schema)),
            (Schema, "$defs", Map(Schema)),
            (Schema, "dependentSchemas", Map(Schema)),
            (Schema, "items", One(Schema)),
            (Schema, "prefixItems", One(Schema)),
            (Schema, "allOf", One(Schema)),
            (Schema, "if", One(Schema)),
            (Schema, "unevaluatedProperties", One(Schema)),
            (Schema, "enum", Leaf),
            (Schema, "const", Leaf),
            (Schema, "default", Leaf),
            (Schema, "example", Leaf),
            (Schema, "examples", Leaf),
            (Schema, "x-anything", Leaf),
            (Operation, "x-codeSamples", Leaf),
        ];
        for (kind, key, expected) in rows {
            assert_eq!(child(kind, key), expected, "{kind:?}.{key}");
        }
    }

    #[test]
    fn sections_and_methods() {
        assert_eq!(section(Kind::Parameter), Some("parameters"));
        assert_eq!(section(Kind::PathItem), None);
        assert_eq!(section_kind("requestBodies"), Some(Kind::RequestBody));
        assert_eq!(section_kind("x-mine"), None);
        for kind in [
            Kind::Schema,
            Kind::Response,
            Kind::Parameter,
            Kind::RequestBody,
            Kind::Header,
            Kind::Example,
            Kind::Link,
            Kind::Callback,
            Kind::SecurityScheme,
        ] {
            assert_eq!(section(kind).and_then(section_kind), Some(kind));
        }
        assert!(is_method("query") && is_method("get") && !is_method("parameters"));
        assert!(METHODS_30.iter().all(|m| is_method(m)));
    }
}
