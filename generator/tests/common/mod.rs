//! What the generator's integration tests share.

/// A tiny valid description: one operation, one schema.
pub const GOOD: &str = r#"openapi: 3.0.3
info: {title: Tiny, version: "1"}
servers: [{url: "https://tiny.test"}]
paths:
  /things/{id}:
    get:
      operationId: GetThing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
components:
  schemas:
    Thing: {type: object, properties: {id: {type: string}}}
"#;
