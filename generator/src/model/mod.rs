//! The intermediate model: what the SDK needs to know about one API, independent of both the
//! OpenAPI document it came from and the Rust tokens it becomes.

pub mod fits;
pub mod operations;
pub mod pagination;
pub mod recursion;
pub mod types;

use std::collections::BTreeMap;

/// A Rust type as a field, parameter or body uses it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ty {
    String,
    Bool,
    I32,
    I64,
    F32,
    F64,
    /// A date-time kept as Sinch sent it, parsed on demand (see the runtime's `Timestamp`).
    Timestamp,
    /// Free-form JSON.
    Json,
    /// A file (`format: binary`): uploaded as a multipart part or a raw body.
    Binary,
    Unit,
    Named(String),
    Vec(Box<Ty>),
    Map(Box<Ty>),
}

impl Ty {
    /// The type as Rust text inside an API's `types` module: `full` spells the runtime's and
    /// std's types by path (`crate::runtime::Timestamp`, `std::collections::BTreeMap`), as the
    /// generated code does; without it, by name, as reports read.
    pub fn written(&self, full: bool) -> String {
        self.written_in(full, "")
    }

    /// [`written`](Self::written) from another module: `types` is the path to the API's types
    /// (`super::types::`) put before every named type.
    pub fn written_in(&self, full: bool, types: &str) -> String {
        let path = |short: &'static str, long: &'static str| if full { long } else { short };
        match self {
            Ty::String => "String".into(),
            Ty::Bool => "bool".into(),
            Ty::I32 => "i32".into(),
            Ty::I64 => "i64".into(),
            Ty::F32 => "f32".into(),
            Ty::F64 => "f64".into(),
            Ty::Timestamp => path("Timestamp", "crate::runtime::Timestamp").into(),
            Ty::Json => "serde_json::Value".into(),
            Ty::Unit => "()".into(),
            Ty::Named(n) => format!("{types}{n}"),
            Ty::Vec(inner) => format!("Vec<{}>", inner.written_in(full, types)),
            Ty::Binary => path("File", "crate::runtime::File").into(),
            Ty::Map(inner) => format!(
                "{}<String, {}>",
                path("BTreeMap", "std::collections::BTreeMap"),
                inner.written_in(full, types)
            ),
        }
    }
}

/// What kind of JSON value a union variant accepts, for decoding by shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JsonKind {
    Object,
    Array,
    String,
    Integer,
    Number,
    Bool,
    Any,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct TypeDef {
    pub name: String,
    pub doc: Option<String>,
    /// JSON pointer of the schema this type was made from.
    pub origin: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub enum Kind {
    Struct(Struct),
    Enum(StringEnum),
    Union(Union),
    Alias(Ty),
}

#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties` beside named properties, kept in a flattened map.
    pub additional: Option<Ty>,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Field {
    pub json: String,
    pub name: String,
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
    pub boxed: bool,
    pub doc: Option<String>,
    /// Other names the property arrives under (manifest facts).
    pub aliases: Vec<String>,
    /// A text property Sinch also sends as a JSON number (manifest fact): read as its text.
    pub number_as_text: bool,
    /// A union an `allOf` merges beside object members: its variant's properties sit in the
    /// same JSON object as the struct's own (`#[serde(flatten)]`), so `json` is empty.
    pub flatten: bool,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct StringEnum {
    pub variants: Vec<EnumVariant>,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct EnumVariant {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Union {
    /// The property that names the variant, when the description gives one.
    pub discriminator: Option<String>,
    pub variants: Vec<UnionVariant>,
}

impl Union {
    /// Whether a union decoded by shape keeps unknown kinds in an `Other` variant: every
    /// variant is an object with a property of its own (one not every variant knows), so a
    /// value with none of them is a kind added after generation. The runtime's
    /// `union::keeps_unknown` is the same rule.
    pub fn keeps_unknown(&self) -> bool {
        self.variants.len() >= 2
            && self.variants.iter().all(|v| {
                v.kind == JsonKind::Object
                    && v.known
                        .iter()
                        .any(|p| !self.variants.iter().all(|other| other.known.contains(p)))
            })
    }
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct UnionVariant {
    pub name: String,
    pub ty: Ty,
    pub boxed: bool,
    /// Discriminator values that select this variant.
    pub tags: Vec<String>,
    pub kind: JsonKind,
    /// For objects: properties that must be present, and all properties the variant knows.
    pub required: Vec<String>,
    pub known: Vec<String>,
    /// For objects: properties that only take the listed string values (`type: username`).
    pub values: Vec<(String, Vec<String>)>,
}

/// One API as the emitter sees it.
#[derive(Debug, Clone, Hash)]
pub struct Api {
    pub key: String,
    pub module: String,
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub servers: Vec<String>,
    /// Every named type, ordered by name so output does not depend on input order.
    pub types: BTreeMap<String, TypeDef>,
    pub groups: BTreeMap<String, operations::Group>,
}

/// Module and accessor names an operation group may not take.
const RESERVED: &[&str] = &["types", "new", "with_base_url", "from_http", "http", "region", "client"];

/// Builds the model of one API from its normalised description.
pub fn build(
    entry: &crate::manifest::ApiEntry,
    file: &std::path::Path,
    doc: &openapiv3::OpenAPI,
    warnings: &mut crate::diag::Warnings,
) -> Result<Api, crate::diag::Error> {
    let mut types = types::Types::new(file, doc, warnings);
    for a in &entry.aliases {
        types.aliases.entry(a.at.clone()).or_default().push(a.alias.clone());
    }
    types.numbers_as_text = entry.numbers_as_text.iter().map(|n| n.at.clone()).collect();
    types.convert_components();
    for at in types
        .aliases
        .keys()
        .filter(|at| !types.aliased.contains(*at))
        .cloned()
        .collect::<Vec<_>>()
    {
        types.warnings.push(
            file,
            &at,
            "the manifest names an alias for a property that is not there; ignored",
        );
    }
    let reserved = RESERVED.iter().map(|s| s.to_string()).collect();
    let settings = operations::Settings {
        client_params: entry.client_params.clone(),
        renames: entry.renames.clone(),
    };
    let mut groups = operations::convert(&mut types, &reserved, &settings)?;
    for at in types.numbers_as_text.difference(&types.found_as_text) {
        types.warnings.push(
            file,
            at,
            "the manifest reads numbers as text in a property that is not there; ignored",
        );
    }
    let ops: Vec<&operations::Operation> = groups.values().flat_map(|g| &g.operations).collect();
    for name in &entry.client_params {
        if !ops.iter().any(|o| o.params.iter().any(|p| p.client && p.json == *name)) {
            types.warnings.push(
                file,
                "/paths",
                format!("the manifest's client parameter `{name}` is no path parameter of any operation; ignored"),
            );
        }
    }
    for id in entry.renames.keys() {
        if !ops.iter().any(|o| o.id == *id) {
            types.warnings.push(
                file,
                "/paths",
                format!("the manifest renames operation `{id}`, which the description does not have; ignored"),
            );
        }
    }
    for fix in &entry.paths {
        let ops = groups
            .values_mut()
            .flat_map(|g| g.operations.iter_mut())
            .filter(|op| op.path == fix.from);
        let mut found = false;
        for op in ops {
            op.path = fix.to.clone();
            found = true;
        }
        if !found {
            let pointer = crate::diag::join("/paths", &fix.from);
            types.warnings.push(
                file,
                &pointer,
                "the manifest fixes a path the description does not have; ignored",
            );
        }
    }
    let mut defs = std::mem::take(&mut types.defs);
    recursion::alias_cycles(&mut defs, file, types.warnings)?;
    recursion::self_variants(&mut defs, file, types.warnings);
    recursion::box_cycles(&mut defs);
    pagination::annotate(&mut groups, &defs);
    Ok(Api {
        key: entry.key.clone(),
        module: entry.module.clone(),
        title: entry.title.clone(),
        version: doc.info.version.clone(),
        description: doc.info.description.clone(),
        servers: doc.servers.iter().map(|s| s.url.clone()).collect(),
        types: defs,
        groups,
    })
}

#[cfg(test)]
mod tests {
    mod operations_table;
    mod types_table;
}
