//! Schema conversion: OpenAPI schemas (component and inline) into named Rust types.

use super::{EnumVariant, Field, JsonKind, Kind, StringEnum, Struct, Ty, TypeDef, Union, UnionVariant};
use crate::diag::{self, Warnings};
use crate::doc::pointer::{decode_fragment, unescape};
use crate::naming;
use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, OpenAPI, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty as Fmt,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// One schema seen through the few distinctions the model cares about. `openapiv3` splits
/// typed and untyped schemas (`SchemaKind::Type` vs `SchemaKind::Any`); this view joins them.
enum View<'a> {
    String {
        format: Option<&'a str>,
        values: Vec<String>,
    },
    Integer {
        format: Option<&'a str>,
    },
    /// Every number is an `f64`, whatever its format.
    Number,
    Bool,
    Object {
        props: &'a IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &'a [String],
        additional: Option<&'a AdditionalProperties>,
    },
    Array(Option<&'a ReferenceOr<Box<Schema>>>),
    OneOf(&'a [ReferenceOr<Schema>]),
    AllOf(&'a [ReferenceOr<Schema>]),
    Free,
}

fn fmt_str<T: std::fmt::Debug>(f: &Fmt<T>, known: impl Fn(&T) -> &'static str) -> Option<&str> {
    match f {
        Fmt::Item(t) => Some(known(t)),
        Fmt::Unknown(s) => Some(s.as_str()),
        Fmt::Empty => None,
    }
}

fn view(schema: &Schema) -> View<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => View::String {
            format: fmt_str(&s.format, |f| match f {
                StringFormat::Date => "date",
                StringFormat::DateTime => "date-time",
                StringFormat::Password => "password",
                StringFormat::Byte => "byte",
                StringFormat::Binary => "binary",
            }),
            values: s.enumeration.iter().flatten().cloned().collect(),
        },
        SchemaKind::Type(Type::Integer(i)) => View::Integer {
            format: fmt_str(&i.format, |f| match f {
                IntegerFormat::Int32 => "int32",
                IntegerFormat::Int64 => "int64",
            }),
        },
        SchemaKind::Type(Type::Number(_)) => View::Number,
        SchemaKind::Type(Type::Boolean(_)) => View::Bool,
        SchemaKind::Type(Type::Object(o)) => View::Object {
            props: &o.properties,
            required: &o.required,
            additional: o.additional_properties.as_ref(),
        },
        SchemaKind::Type(Type::Array(a)) => View::Array(a.items.as_ref()),
        SchemaKind::OneOf { one_of } => View::OneOf(one_of),
        SchemaKind::AnyOf { any_of } => View::OneOf(any_of),
        SchemaKind::AllOf { all_of } => View::AllOf(all_of),
        SchemaKind::Not { .. } => View::Free,
        SchemaKind::Any(a) => {
            if !a.all_of.is_empty() {
                View::AllOf(&a.all_of)
            } else if !a.one_of.is_empty() {
                View::OneOf(&a.one_of)
            } else if !a.any_of.is_empty() {
                View::OneOf(&a.any_of)
            } else if !a.properties.is_empty() || a.typ.as_deref() == Some("object") {
                View::Object {
                    props: &a.properties,
                    required: &a.required,
                    additional: a.additional_properties.as_ref(),
                }
            } else if a.items.is_some() || a.typ.as_deref() == Some("array") {
                View::Array(a.items.as_ref())
            } else if !a.enumeration.is_empty() && a.enumeration.iter().all(|v| v.is_string() || v.is_null()) {
                View::String {
                    format: None,
                    values: a
                        .enumeration
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect(),
                }
            } else {
                match a.typ.as_deref() {
                    Some("string") => View::String {
                        format: a.format.as_deref(),
                        values: Vec::new(),
                    },
                    Some("integer") => View::Integer {
                        format: a.format.as_deref(),
                    },
                    Some("number") => View::Number,
                    Some("boolean") => View::Bool,
                    _ => View::Free,
                }
            }
        }
    }
}

/// Builds the named types of one API. Owns the set of names already used.
pub struct Types<'a> {
    pub file: &'a Path,
    pub doc: &'a OpenAPI,
    pub warnings: &'a mut Warnings,
    /// Component schema name -> Rust type name.
    pub names: BTreeMap<String, String>,
    pub defs: BTreeMap<String, TypeDef>,
    taken: BTreeSet<String>,
    /// Inline schemas already converted, by the JSON pointer where they are written.
    inline_done: BTreeMap<String, Ty>,
    /// Other names properties arrive under, by the property's JSON pointer (manifest facts).
    pub aliases: BTreeMap<String, Vec<String>>,
    /// The aliased pointers that were found.
    pub aliased: BTreeSet<String>,
    /// Text properties Sinch also sends as JSON numbers, by JSON pointer (manifest facts).
    pub numbers_as_text: BTreeSet<String>,
    /// Those found among the properties converted.
    pub found_as_text: BTreeSet<String>,
}

fn doc_of(schema: &Schema) -> Option<String> {
    let d = &schema.schema_data;
    match (&d.title, &d.description) {
        (_, Some(desc)) if !desc.trim().is_empty() => Some(desc.trim().to_string()),
        (Some(t), _) if !t.trim().is_empty() => Some(t.trim().to_string()),
        _ => None,
    }
}

impl<'a> Types<'a> {
    pub fn new(file: &'a Path, doc: &'a OpenAPI, warnings: &'a mut Warnings) -> Self {
        let schemas = doc
            .components
            .as_ref()
            .map(|c| c.schemas.keys().map(String::as_str).collect::<Vec<_>>())
            .unwrap_or_default();
        let names = naming::schema_names(schemas, &naming::prelude());
        let mut taken: BTreeSet<String> = names.values().cloned().collect();
        taken.extend(naming::prelude());
        Types {
            file,
            doc,
            warnings,
            names,
            defs: BTreeMap::new(),
            taken,
            inline_done: BTreeMap::new(),
            aliases: BTreeMap::new(),
            aliased: BTreeSet::new(),
            numbers_as_text: BTreeSet::new(),
            found_as_text: BTreeSet::new(),
        }
    }

    /// Converts every component schema. Called once, before operations.
    pub fn convert_components(&mut self) {
        let Some(components) = &self.doc.components else { return };
        for (raw, schema) in &components.schemas {
            let name = self.names[raw].clone();
            let pointer = diag::join("/components/schemas", raw);
            match schema {
                ReferenceOr::Reference { reference } => {
                    let ty = self.reference(reference, &pointer);
                    self.define(TypeDef {
                        name,
                        doc: None,
                        origin: pointer,
                        kind: Kind::Alias(ty),
                    });
                }
                ReferenceOr::Item(s) => {
                    let kind = match self.kind_of(s, &name, &pointer) {
                        Some(kind) => kind,
                        None => Kind::Alias(self.ty_of(s, &name, &pointer)),
                    };
                    self.define(TypeDef {
                        name,
                        doc: doc_of(s),
                        origin: pointer,
                        kind,
                    });
                }
            }
        }
    }

    fn define(&mut self, def: TypeDef) {
        self.taken.insert(def.name.clone());
        self.defs.insert(def.name.clone(), def);
    }

    /// A fresh type name derived from `hint`.
    pub fn fresh(&mut self, hint: &str) -> String {
        let name = naming::unique(&naming::type_name(hint), &self.taken);
        self.taken.insert(name.clone());
        name
    }

    /// The type of a schema that is referenced or written inline at `pointer`. Inline
    /// schemas that need a type of their own get one named from `hint`.
    pub fn ty(&mut self, schema: &ReferenceOr<Schema>, hint: &str, pointer: &str) -> Ty {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, pointer),
            ReferenceOr::Item(s) => self.inline(s, hint, pointer),
        }
    }

    pub fn ty_boxed(&mut self, schema: &ReferenceOr<Box<Schema>>, hint: &str, pointer: &str) -> Ty {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, pointer),
            ReferenceOr::Item(s) => self.inline(s, hint, pointer),
        }
    }

    fn reference(&mut self, reference: &str, pointer: &str) -> Ty {
        if let Some(raw) = reference.strip_prefix(SCHEMA_PREFIX) {
            let raw = unescape(&decode_fragment(raw));
            if let Some(name) = self.names.get(&raw) {
                return Ty::Named(name.clone());
            }
        }
        self.warnings.push(
            self.file,
            pointer,
            format!("reference `{reference}` is not a component schema; typed as free-form JSON"),
        );
        Ty::Json
    }

    fn inline(&mut self, schema: &Schema, hint: &str, pointer: &str) -> Ty {
        // Only schemas that need a declaration get a name; the rest are plain types.
        let needs_name = match view(schema) {
            View::String { values, .. } => !values.is_empty(),
            View::Object { props, .. } => !props.is_empty(),
            View::OneOf(members) => members.len() > 1,
            View::AllOf(members) => members.len() > 1 || matches!(members.first(), Some(ReferenceOr::Item(_))),
            _ => false,
        };
        if !needs_name {
            return self.ty_of(schema, hint, pointer);
        }
        if let Some(done) = self.inline_done.get(pointer) {
            return done.clone();
        }
        let name = self.fresh(hint);
        // Reserved before its content is converted: an inline schema that reaches itself (an
        // `allOf` item merging the component it is written in) refers to its own type.
        self.inline_done.insert(pointer.to_string(), Ty::Named(name.clone()));
        match self.kind_of(schema, &name, pointer) {
            Some(kind) => {
                self.defs.insert(
                    name.clone(),
                    TypeDef {
                        name: name.clone(),
                        doc: doc_of(schema),
                        origin: pointer.to_string(),
                        kind,
                    },
                );
                self.inline_done.insert(pointer.to_string(), Ty::Named(name.clone()));
                Ty::Named(name)
            }
            None => {
                self.taken.remove(&name);
                self.inline_done.remove(pointer);
                self.ty_of(schema, hint, pointer)
            }
        }
    }

    /// The plain type of a schema that needs no declaration of its own.
    fn ty_of(&mut self, schema: &Schema, hint: &str, pointer: &str) -> Ty {
        match view(schema) {
            View::String { format, .. } => match format {
                Some("date-time") => Ty::Timestamp,
                Some("binary") => Ty::Binary,
                _ => Ty::String,
            },
            View::Integer { format } => match format {
                Some("int32") => Ty::I32,
                _ => Ty::I64,
            },
            // `float` too: amounts and coordinates lose digits in an `f32`.
            View::Number => Ty::F64,
            View::Bool => Ty::Bool,
            View::Array(items) => match items {
                Some(items) => Ty::Vec(Box::new(self.ty_boxed(
                    items,
                    &format!("{hint}Item"),
                    &format!("{pointer}/items"),
                ))),
                None => Ty::Vec(Box::new(Ty::Json)),
            },
            View::Object { additional, .. } => match additional {
                Some(AdditionalProperties::Schema(s)) => Ty::Map(Box::new(self.ty(
                    s,
                    &format!("{hint}Value"),
                    &format!("{pointer}/additionalProperties"),
                ))),
                _ => Ty::Map(Box::new(Ty::Json)),
            },
            View::OneOf(members) | View::AllOf(members) if members.len() == 1 => self.ty(
                &members[0],
                hint,
                &format!(
                    "{pointer}/{}/0",
                    if matches!(view(schema), View::AllOf(_)) {
                        "allOf"
                    } else {
                        "oneOf"
                    }
                ),
            ),
            _ => Ty::Json,
        }
    }

    /// The declaration a schema needs, if it needs one.
    fn kind_of(&mut self, schema: &Schema, name: &str, pointer: &str) -> Option<Kind> {
        match view(schema) {
            View::String { values, .. } if !values.is_empty() => Some(Kind::Enum(string_enum(&values))),
            View::Object {
                props,
                required,
                additional,
            } => {
                if props.is_empty() && additional.is_some() {
                    return None;
                }
                if props.is_empty() {
                    return None;
                }
                Some(Kind::Struct(self.object(props, required, additional, name, pointer)))
            }
            // One reference with nothing beside it is that type; with properties or `required`
            // of its own, it is a struct that merges them.
            View::AllOf(members)
                if !(members.len() == 1
                    && matches!(members[0], ReferenceOr::Reference { .. })
                    && !matches!(&schema.schema_kind, SchemaKind::Any(a) if !a.properties.is_empty() || !a.required.is_empty())) =>
            {
                Some(Kind::Struct(self.all_of(schema, members, name, pointer)))
            }
            View::OneOf(members) if members.len() > 1 => Some(Kind::Union(self.union(schema, members, name, pointer))),
            _ => None,
        }
    }

    fn object(
        &mut self,
        props: &IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        name: &str,
        pointer: &str,
    ) -> Struct {
        self.object_with_origins(props, required, additional, name, pointer, &BTreeMap::new())
    }

    /// Hint for the type of a property written at `origin`: named after the component that
    /// writes it (`ContentMessageType`), not after whichever schema merges it first.
    fn origin_hint(&self, origin: &str) -> Option<String> {
        let rest = origin.strip_prefix("/components/schemas/")?;
        let (raw, prop) = rest.split_once("/properties/")?;
        let raw = unescape(raw);
        let prop = unescape(prop);
        if prop.contains('/') {
            return None;
        }
        Some(format!("{}{}", self.names.get(&raw)?, naming::type_name(&prop)))
    }

    fn object_with_origins(
        &mut self,
        props: &IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        name: &str,
        pointer: &str,
        origins: &BTreeMap<String, String>,
    ) -> Struct {
        let mut fields = Vec::new();
        let mut field_names = BTreeSet::new();
        let mut placeholder: Option<Ty> = None;
        // `"{parameter_key}": {...}` names no property: it stands for any key (SMS parameters).
        let key_placeholder = props
            .keys()
            .find(|k| k.len() > 2 && k.starts_with('{') && k.ends_with('}') && !k[1..].contains('{'))
            .filter(|_| additional.is_none())
            .cloned();
        for (json, prop) in props {
            let Some(key) = &key_placeholder else {
                break;
            };
            let p = diag::join(&format!("{pointer}/properties"), json);
            if json == key {
                // Dotted siblings (`{parameter_key}.default`) say each value is an object of strings.
                let dotted = props.keys().any(|k| k.starts_with(&format!("{key}.")));
                let ty = if dotted {
                    Ty::Map(Box::new(Ty::String))
                } else {
                    self.ty_boxed(prop, &format!("{name}Value"), &p)
                };
                self.warnings.push(
                    self.file,
                    &p,
                    format!("property `{json}` is a placeholder for any key; typed as a map"),
                );
                placeholder = Some(ty);
            }
        }
        for (json, prop) in props {
            if let Some(key) = &key_placeholder
                && (json == key || json.starts_with(&format!("{key}.")))
            {
                continue;
            }
            let p = match origins.get(json) {
                Some(origin) => origin.clone(),
                None => diag::join(&format!("{pointer}/properties"), json),
            };
            let hint = match origins.get(json).and_then(|o| self.origin_hint(o)) {
                Some(h) => h,
                None => format!("{name}{}", naming::type_name(json)),
            };
            let ty = self.ty_boxed(prop, &hint, &p);
            let (nullable, doc, read_only) = match prop {
                ReferenceOr::Item(s) => (s.schema_data.nullable, doc_of(s), s.schema_data.read_only),
                ReferenceOr::Reference { .. } => (false, None, false),
            };
            let rust = naming::unique(&naming::field_name(json), &field_names);
            field_names.insert(rust.clone());
            let aliases = self.aliases.get(&p).cloned().unwrap_or_default();
            if !aliases.is_empty() {
                self.aliased.insert(p.clone());
            }
            let mut doc = doc;
            let marked = self.numbers_as_text.contains(&p);
            if marked {
                self.found_as_text.insert(p.clone());
                if ty != Ty::String {
                    self.warnings.push(
                        self.file,
                        &p,
                        "the manifest reads numbers as text here, but the property is not text; ignored",
                    );
                }
            }
            let number_as_text = marked && ty == Ty::String;
            if number_as_text {
                // Users see why a number in a payload does not fail to decode.
                let note = "Sinch also sends it as a JSON number, which is read as its decimal text.";
                doc = Some(match doc {
                    Some(d) => format!("{d}\n\n{note}"),
                    None => note.into(),
                });
            }
            fields.push(Field {
                json: json.clone(),
                name: rust,
                ty,
                // A read-only property is never sent: required only in responses, it is an
                // `Option` so the type can still be built for a request.
                required: required.contains(json) && !read_only,
                nullable,
                boxed: false,
                doc,
                aliases,
                number_as_text,
                flatten: false,
            });
        }
        let additional = match additional {
            Some(AdditionalProperties::Schema(s)) => {
                Some(self.ty(s, &format!("{name}Value"), &format!("{pointer}/additionalProperties")))
            }
            Some(AdditionalProperties::Any(true)) => Some(Ty::Json),
            _ => placeholder,
        };
        Struct { fields, additional }
    }

    /// `allOf`: the properties of every member (referenced ones resolved) in one struct.
    fn all_of(&mut self, schema: &Schema, members: &[ReferenceOr<Schema>], name: &str, pointer: &str) -> Struct {
        let mut merged = Merged::default();
        self.collect_all_of(members, &mut merged, pointer);
        // A schema may give `properties`/`required` beside its `allOf` (openapiv3 keeps them in `Any`).
        if let SchemaKind::Any(a) = &schema.schema_kind {
            for (k, v) in &a.properties {
                merged.props.insert(k.clone(), v.clone());
            }
            merged.required.extend(a.required.iter().cloned());
        }
        let Merged {
            props,
            required,
            additional,
            origins,
            unions,
            ..
        } = merged;
        let mut s = self.object_with_origins(&props, &required, additional.as_ref(), name, pointer, &origins);
        // Unions merged with objects (`allOf: [AppMessageTypes, AppMessageCommonProps]`): the
        // variant's properties sit beside the shared ones, in one flattened field.
        for (i, (member, at)) in unions.iter().enumerate() {
            let hint = if unions.len() == 1 {
                format!("{name}Kind")
            } else {
                format!("{name}Kind{i}")
            };
            let ty = self.ty(member, &hint, at);
            let taken: BTreeSet<String> = s.fields.iter().map(|f| f.name.clone()).collect();
            let field_name = naming::unique("kind", &taken);
            let doc = match member {
                ReferenceOr::Reference { reference } => self.resolve(reference).and_then(doc_of),
                ReferenceOr::Item(schema) => doc_of(schema),
            };
            s.fields.push(Field {
                json: String::new(),
                name: field_name,
                ty,
                required: true,
                nullable: false,
                boxed: false,
                doc: Some(
                    doc.unwrap_or_else(|| "Which kind this is: the properties of one of the union's variants.".into()),
                ),
                aliases: Vec::new(),
                number_as_text: false,
                flatten: true,
            });
        }
        s
    }

    fn collect_all_of(&mut self, members: &[ReferenceOr<Schema>], merged: &mut Merged, pointer: &str) {
        for (i, m) in members.iter().enumerate() {
            // Where the member's own properties are written: inline types made for them are
            // shared by every schema that merges the member.
            let member_pointer = match m {
                ReferenceOr::Item(_) => format!("{pointer}/allOf/{i}"),
                ReferenceOr::Reference { reference } => reference.trim_start_matches('#').to_string(),
            };
            let schema = match m {
                ReferenceOr::Item(s) => s,
                ReferenceOr::Reference { reference } => {
                    if !merged.seen.insert(reference.clone()) {
                        continue;
                    }
                    match self.resolve(reference) {
                        Some(s) => s,
                        None => {
                            self.warnings.push(
                                self.file,
                                &format!("{pointer}/allOf/{i}"),
                                format!("cannot merge `{reference}`; left out"),
                            );
                            continue;
                        }
                    }
                }
            };
            match view(schema) {
                View::Object {
                    props: p,
                    required: r,
                    additional: a,
                } => {
                    for (k, v) in p {
                        merged.props.insert(k.clone(), v.clone());
                        let origin = diag::join(&format!("{member_pointer}/properties"), k);
                        merged.origins.insert(k.clone(), origin);
                    }
                    merged.required.extend(r.iter().cloned());
                    if a.is_some() {
                        merged.additional = a.cloned();
                    }
                }
                View::AllOf(inner) => {
                    let inner = inner.to_vec();
                    self.collect_all_of(&inner, merged, &member_pointer);
                    if let SchemaKind::Any(a) = &schema.schema_kind {
                        for (k, v) in &a.properties {
                            merged.props.insert(k.clone(), v.clone());
                        }
                        merged.required.extend(a.required.iter().cloned());
                    }
                }
                // `{required: [version]}`: a member that only makes merged properties required.
                View::Free if matches!(&schema.schema_kind, SchemaKind::Any(a) if !a.required.is_empty()) => {
                    if let SchemaKind::Any(a) = &schema.schema_kind {
                        merged.required.extend(a.required.iter().cloned());
                    }
                }
                View::OneOf(variants) if variants.len() > 1 => {
                    merged.unions.push((m.clone(), format!("{pointer}/allOf/{i}")));
                }
                _ => self.warnings.push(
                    self.file,
                    &format!("{pointer}/allOf/{i}"),
                    "allOf member is not an object; left out of the merge",
                ),
            }
        }
    }

    /// The component schema a `$ref` names, following chains of references.
    pub fn resolve(&self, reference: &str) -> Option<&'a Schema> {
        let mut reference = reference.to_string();
        for _ in 0..32 {
            let raw = reference.strip_prefix(SCHEMA_PREFIX)?;
            match self.doc.components.as_ref()?.schemas.get(raw)? {
                ReferenceOr::Item(s) => return Some(s),
                ReferenceOr::Reference { reference: next } => reference = next.clone(),
            }
        }
        None
    }

    fn union(&mut self, schema: &Schema, members: &[ReferenceOr<Schema>], name: &str, pointer: &str) -> Union {
        let own = schema.schema_data.discriminator.as_ref();
        let inherited = if own.is_none() {
            self.inherited_discriminator(members)
        } else {
            None
        };
        if inherited.is_some() {
            self.warnings.push(
                self.file,
                pointer,
                "oneOf without a discriminator: using the one its members inherit through allOf",
            );
        }
        let mut variants: Vec<UnionVariant> = Vec::new();
        let mut variant_names = BTreeSet::from(["Other".to_string()]);
        let key = if matches!(schema.schema_kind, SchemaKind::AnyOf { .. }) {
            "anyOf"
        } else {
            "oneOf"
        };
        for (i, m) in members.iter().enumerate() {
            let p = format!("{pointer}/{key}/{i}");
            let ty = self.ty(m, &format!("{name}Variant{i}"), &p);
            let target = match m {
                ReferenceOr::Reference { reference } => self.resolve(reference),
                ReferenceOr::Item(s) => Some(s),
            };
            let Shape {
                kind,
                required,
                known,
                values,
            } = target.map(|s| self.shape(s)).unwrap_or_default();
            // A plain member (a string beside an object) is named by its title where it has one.
            let title = match m {
                ReferenceOr::Item(s) => s.schema_data.title.as_deref().filter(|t| !t.trim().is_empty()),
                ReferenceOr::Reference { .. } => None,
            };
            let base = match (&ty, title) {
                (Ty::Named(n), _) => n.clone(),
                (_, Some(title)) => naming::type_name(title),
                (other, None) => naming::type_name(&format!("{other:?}")),
            };
            let vname = naming::unique(&base, &variant_names);
            variant_names.insert(vname.clone());
            let mut tags = Vec::new();
            if let ReferenceOr::Reference { reference } = m {
                let schema_name = reference.rsplit('/').next().unwrap_or_default().to_string();
                if let Some(d) = own {
                    tags = d
                        .mapping
                        .iter()
                        .filter(|(_, r)| *r == reference || reference.ends_with(&format!("/{r}")))
                        .map(|(k, _)| k.clone())
                        .collect();
                    if tags.is_empty() {
                        tags.push(schema_name);
                    }
                } else if let Some(inherited) = &inherited {
                    tags = inherited.tags_for(reference, &schema_name);
                }
            }
            variants.push(UnionVariant {
                name: vname,
                ty,
                boxed: false,
                tags,
                kind,
                required,
                known,
                values,
            });
        }
        let discriminator = own.map(|d| d.property_name.clone()).or(inherited.map(|i| i.property));
        Union {
            discriminator,
            variants,
        }
    }

    /// The discriminator every member of a `oneOf` inherits from one base schema through
    /// `allOf` (WhatsApp's messages extend `ContentMessage`, which names `type`).
    fn inherited_discriminator(&self, members: &[ReferenceOr<Schema>]) -> Option<Inherited> {
        let mut found: Option<(String, &Schema)> = None;
        for m in members {
            let ReferenceOr::Reference { reference } = m else {
                return None;
            };
            let View::AllOf(parts) = view(self.resolve(reference)?) else {
                return None;
            };
            let base = parts.iter().find_map(|p| match p {
                ReferenceOr::Reference { reference } => {
                    let s = self.resolve(reference)?;
                    s.schema_data.discriminator.as_ref().map(|_| (reference.clone(), s))
                }
                ReferenceOr::Item(_) => None,
            })?;
            match &found {
                Some((r, _)) if *r != base.0 => return None,
                _ => found = Some(base),
            }
        }
        let (_, base) = found?;
        let d = base.schema_data.discriminator.as_ref()?;
        // The values the base allows for the property, when it lists them.
        let values = match view(base) {
            View::Object { props, .. } => match props.get(&d.property_name) {
                Some(ReferenceOr::Item(p)) => match view(p) {
                    View::String { values, .. } => values,
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        Some(Inherited {
            property: d.property_name.clone(),
            mapping: d.mapping.clone(),
            values,
        })
    }
    /// The string values a property allows, when its schema (through references) lists them.
    fn enum_values(&self, prop: &ReferenceOr<Box<Schema>>) -> Vec<String> {
        let schema: Option<&Schema> = match prop {
            ReferenceOr::Item(s) => Some(s),
            ReferenceOr::Reference { reference } => self.resolve(reference),
        };
        let Some(schema) = schema else { return Vec::new() };
        match view(schema) {
            View::String { values, .. } => values,
            View::AllOf(members) | View::OneOf(members) if members.len() == 1 => match &members[0] {
                ReferenceOr::Reference { reference } => match self.resolve(reference).map(view) {
                    Some(View::String { values, .. }) => values,
                    _ => Vec::new(),
                },
                ReferenceOr::Item(s) => match view(s) {
                    View::String { values, .. } => values,
                    _ => Vec::new(),
                },
            },
            _ => Vec::new(),
        }
    }

    /// What a union member looks like on the wire, for decoding by shape.
    fn shape(&self, schema: &Schema) -> Shape {
        self.shape_in(schema, 0)
    }

    /// [`Self::shape`] of a schema `depth` references deep: a union that is its own member
    /// (through references) has no shape beyond some depth.
    fn shape_in(&self, schema: &Schema, depth: usize) -> Shape {
        if depth > 16 {
            return Shape {
                kind: JsonKind::Any,
                ..Shape::default()
            };
        }
        let kind_only = |kind| Shape {
            kind,
            ..Shape::default()
        };
        match view(schema) {
            // A required property the schema never defines cannot tell variants apart.
            View::Object { props, required, .. } => Shape {
                kind: JsonKind::Object,
                required: required.iter().filter(|r| props.contains_key(*r)).cloned().collect(),
                known: props.keys().cloned().collect(),
                values: props
                    .iter()
                    .map(|(k, p)| (k.clone(), self.enum_values(p)))
                    .filter(|(_, v)| !v.is_empty())
                    .collect(),
            },
            View::AllOf(members) => {
                let mut out = kind_only(JsonKind::Object);
                for m in members {
                    let s = match m {
                        ReferenceOr::Item(s) => Some(s),
                        ReferenceOr::Reference { reference } => self.resolve(reference),
                    };
                    if let Some(s) = s {
                        let inner = self.shape_in(s, depth + 1);
                        out.required.extend(inner.required);
                        out.known.extend(inner.known);
                        out.values.extend(inner.values);
                    }
                }
                if let SchemaKind::Any(a) = &schema.schema_kind {
                    out.known.extend(a.properties.keys().cloned());
                    out.required.extend(
                        a.required
                            .iter()
                            .filter(|r| out.known.contains(r))
                            .cloned()
                            .collect::<Vec<_>>(),
                    );
                }
                out
            }
            View::String { .. } => kind_only(JsonKind::String),
            View::Integer { .. } => kind_only(JsonKind::Integer),
            View::Number => kind_only(JsonKind::Number),
            View::Bool => kind_only(JsonKind::Bool),
            View::Array(_) => kind_only(JsonKind::Array),
            // A union of objects: any variant's properties are the union's.
            View::OneOf(members) => {
                let mut known = Vec::new();
                let mut objects = true;
                for m in members {
                    let s = match m {
                        ReferenceOr::Item(s) => Some(s),
                        ReferenceOr::Reference { reference } => self.resolve(reference),
                    };
                    match s.map(|s| self.shape_in(s, depth + 1)) {
                        Some(inner) if inner.kind == JsonKind::Object => known.extend(inner.known),
                        _ => objects = false,
                    }
                }
                if objects {
                    Shape {
                        kind: JsonKind::Object,
                        known,
                        ..Shape::default()
                    }
                } else {
                    kind_only(JsonKind::Any)
                }
            }
            View::Free => kind_only(JsonKind::Any),
        }
    }
}

/// A union member's shape on the wire.
#[derive(Debug, Clone)]
struct Shape {
    kind: JsonKind,
    required: Vec<String>,
    known: Vec<String>,
    /// Properties that only take listed string values.
    values: Vec<(String, Vec<String>)>,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            kind: JsonKind::Any,
            required: Vec::new(),
            known: Vec::new(),
            values: Vec::new(),
        }
    }
}

/// What an `allOf` merge has gathered so far.
#[derive(Default)]
struct Merged {
    props: IndexMap<String, ReferenceOr<Box<Schema>>>,
    required: Vec<String>,
    additional: Option<AdditionalProperties>,
    /// Where each merged property is written (its inline types are shared with that place).
    origins: BTreeMap<String, String>,
    /// References already merged (a base reached twice is merged once).
    seen: BTreeSet<String>,
    /// `oneOf`/`anyOf` members, with the pointer where each is written.
    unions: Vec<(ReferenceOr<Schema>, String)>,
}

/// A discriminator a union takes over from the base its members extend.
struct Inherited {
    property: String,
    mapping: IndexMap<String, String>,
    /// The values the base's property may take.
    values: Vec<String>,
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

impl Inherited {
    /// The tags that select a member: the base's mapping, else its schema name; and the value
    /// of the base's enum that names it (`text` for `TextMessage`), which Sinch actually sends
    /// and so comes first, to be written when encoding.
    fn tags_for(&self, reference: &str, schema_name: &str) -> Vec<String> {
        let mapped: Vec<String> = self
            .mapping
            .iter()
            .filter(|(_, r)| *r == reference || reference.ends_with(&format!("/{r}")))
            .map(|(k, _)| k.clone())
            .collect();
        if !mapped.is_empty() {
            return mapped;
        }
        let name = squash(schema_name);
        let mut tags: Vec<String> = self
            .values
            .iter()
            .filter(|v| !v.is_empty() && name.starts_with(&squash(v)))
            .max_by_key(|v| v.len())
            .cloned()
            .into_iter()
            .collect();
        tags.push(schema_name.to_string());
        tags
    }
}

fn string_enum(values: &[String]) -> StringEnum {
    // `Other` carries values Sinch adds after this SDK was generated.
    let mut taken = BTreeSet::from(["Other".to_string()]);
    let mut variants = Vec::new();
    let mut seen = BTreeSet::new();
    for v in values {
        if !seen.insert(v.clone()) {
            continue;
        }
        let base = if v.is_empty() {
            "Empty".to_string()
        } else {
            naming::type_name(v)
        };
        let name = naming::unique(&base, &taken);
        taken.insert(name.clone());
        variants.push(EnumVariant { name, value: v.clone() });
    }
    StringEnum { variants }
}
