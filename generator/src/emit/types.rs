//! Model types as Rust declarations: structs, open string enums, unions, aliases.

use super::{Items, docs_or, ty};
use crate::model::{Field, JsonKind, Kind, StringEnum, Struct, Ty, TypeDef, Union};
use crate::naming;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The head of one API's `types` module: its docs and lints. Its declarations follow, one
/// [`item`] per model type, formatted apart (`emit::file_in_parts`).
pub fn head(title: &str) -> TokenStream {
    let doc = format!(" Models of the {title} API: every schema of its description.");
    quote! {
        #![doc = #doc]
        // Descriptions are Sinch's markdown, copied verbatim.
        #![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items, clippy::large_enum_variant)]
    }
}

/// One model type's items in the `types` module: its declaration, serde code and builders, and
/// its multipart encoding where a multipart body uses it (`multipart`).
pub fn item(
    d: &TypeDef,
    defs: &std::collections::BTreeMap<String, TypeDef>,
    multipart: &std::collections::BTreeSet<String>,
) -> Items {
    let mut items = Items::default();
    declaration(d, defs, &mut items);
    if let Kind::Struct(s) = &d.kind
        && multipart.contains(&d.name)
    {
        items.tokens(super::operations::to_parts(&d.name, s, defs));
    }
    items
}

fn declaration(def: &TypeDef, defs: &std::collections::BTreeMap<String, TypeDef>, items: &mut Items) {
    let name = format_ident!("{}", def.name);
    let fallback = format!("`{}`", def.name);
    let here = TokenStream::new();
    match &def.kind {
        Kind::Alias(t) => {
            let doc = docs_or(def.doc.as_deref(), &fallback);
            let t = ty(t, &here);
            items.tokens(quote!(#doc pub type #name = #t;));
        }
        Kind::Struct(s) => {
            structure(def, s, defs, items);
            super::builders::for_struct(&def.name, s, defs, items);
        }
        Kind::Enum(e) => string_enum(def, e, items.text()),
        Kind::Union(u) => {
            union(def, u, items.text());
            super::builders::for_union(&def.name, u, defs, items.text());
        }
    }
}

fn field_ty(f: &Field) -> TokenStream {
    let mut t = ty(&f.ty, &TokenStream::new());
    if f.boxed {
        t = quote!(Box<#t>);
    }
    t
}

/// [`field_ty`] as text.
fn field_ty_text(f: &Field) -> String {
    let t = super::ty_text(&f.ty);
    if f.boxed { format!("Box<{t}>") } else { t }
}

/// A field of a struct whose serde derive reads its attributes (plain structs are text, with
/// none: their `Serialize` and `Deserialize` are both generated).
fn field(f: &Field) -> TokenStream {
    let ident = naming::ident(&f.name);
    if f.flatten {
        let doc = docs_or(f.doc.as_deref(), "Which kind this is.");
        let t = field_ty(f);
        return quote! {
            #doc
            #[serde(flatten)]
            pub #ident: #t,
        };
    }
    let doc = docs_or(f.doc.as_deref(), &format!("`{}`", f.json));
    // Compare with the identifier as written (`self_`, not `self`); `r#type` serializes as `type`.
    let written = naming::escape(&f.name);
    let rename = (written.trim_start_matches("r#") != f.json).then(|| {
        let json = &f.json;
        quote!(#[serde(rename = #json)])
    });
    let aliases = f.aliases.iter().map(|a| quote!(#[serde(alias = #a)]));
    let t = field_ty(f);
    let (attr, t) = match (f.required, f.nullable) {
        (true, false) => (quote!(), t),
        // Required but nullable: `None` is sent as an explicit null.
        (true, true) => (quote!(), quote!(Option<#t>)),
        (false, false) => (
            quote!(#[serde(default, skip_serializing_if = "Option::is_none")]),
            quote!(Option<#t>),
        ),
        // Optional and nullable: absent (`None`) and null (`Some(None)`) are different requests.
        (false, true) if f.number_as_text => (
            quote!(#[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "crate::runtime::double_option::serialize", deserialize_with = "crate::runtime::object::text::deserialize_present")]),
            quote!(Option<Option<#t>>),
        ),
        (false, true) => (
            quote!(#[serde(default, skip_serializing_if = "Option::is_none", with = "crate::runtime::double_option")]),
            quote!(Option<Option<#t>>),
        ),
    };
    let text = (f.number_as_text && (f.required || !f.nullable))
        .then(|| quote!(#[serde(deserialize_with = "crate::runtime::object::text::deserialize")]));
    quote! {
        #doc
        #rename
        #(#aliases)*
        #attr
        #text
        pub #ident: #t,
    }
}

fn structure(def: &TypeDef, s: &Struct, defs: &std::collections::BTreeMap<String, TypeDef>, items: &mut Items) {
    let all_optional = s.fields.iter().all(|f| !f.required);
    // Without a flattened union or additional properties, both sides are generated; serde's
    // derive handles `flatten`, whose serializer is private to serde.
    let plain = s.additional.is_none() && s.fields.iter().all(|f| !f.flatten);
    if plain {
        let out = items.text();
        super::doc_text_or(out, "", def.doc.as_deref(), &format!("`{}`", def.name));
        let default = if all_optional { ", Default" } else { "" };
        out.push_str(&format!(
            "#[derive(Debug, Clone, PartialEq{default})]\n#[non_exhaustive]\npub struct {} {{\n",
            def.name
        ));
        for f in &s.fields {
            super::doc_text_or(out, "    ", f.doc.as_deref(), &format!("`{}`", f.json));
            let t = field_ty_text(f);
            let t = match (f.required, f.nullable) {
                (true, false) => t,
                (true, true) | (false, false) => format!("Option<{t}>"),
                (false, true) => format!("Option<Option<{t}>>"),
            };
            out.push_str(&format!("    pub {}: {t},\n", naming::escape(&f.name)));
        }
        out.push_str("}\n");
        object(&def.name, s, all_optional, out);
        return;
    }
    let name = format_ident!("{}", def.name);
    let doc = docs_or(def.doc.as_deref(), &format!("`{}`", def.name));
    let fields = s.fields.iter().map(field);
    // A map and nothing else is the map itself on the wire: `transparent` decodes it directly,
    // where `flatten` buffers every value first (measured in generated/benches/codec.rs).
    let only_map = s.fields.is_empty() && s.additional.is_some();
    let transparent = only_map.then(|| quote!(#[serde(transparent)]));
    // The map's field and value type, named once for the declaration and the decoder.
    let map = s.additional.as_ref().map(|t| {
        let used: std::collections::BTreeSet<String> = s.fields.iter().map(|f| f.name.clone()).collect();
        (
            naming::ident(&naming::unique("additional_properties", &used)),
            ty(t, &TokenStream::new()),
        )
    });
    let additional = map.as_ref().map(|(ident, t)| {
        let flatten = (!only_map).then(|| quote!(#[serde(flatten)]));
        quote! {
            /// Properties beyond the named ones.
            #flatten
            pub #ident: std::collections::BTreeMap<String, #t>,
        }
    });
    let default = all_optional.then(|| quote!(Default,));
    let decode = (!only_map)
        .then(|| decoder(&name, s, map, all_optional, defs))
        .flatten();
    let derive_decode = decode.is_none().then(|| quote!(serde::Deserialize,));
    items.tokens(quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default serde::Serialize, #derive_decode)]
        #transparent
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #additional
        }
        #decode
    });
}

/// The `Serialize` and `Deserialize` of a struct with named fields only, as one invocation of
/// the runtime's `object!` (its documentation lists the modes): written out, they were half of
/// every generated line, formatted here and parsed again by every build.
fn object(name: &str, s: &Struct, all_optional: bool, out: &mut String) {
    // `[]` reads as the empty struct only where every field is optional (`runtime::object::seq`).
    let seq = if all_optional { "default" } else { "strict" };
    out.push_str(&format!("crate::runtime::object::object! {{\n    {name} {seq} {{\n"));
    for (i, f) in s.fields.iter().enumerate() {
        let mode = match (f.required, f.nullable) {
            (true, false) => "req",
            (true, true) => "null",
            (false, false) => "opt",
            (false, true) => "opt_null",
        };
        let mode = if f.number_as_text {
            format!("{mode} text")
        } else {
            mode.to_string()
        };
        out.push_str(&format!(
            "        {i} {}: {mode} = {}",
            naming::escape(&f.name),
            super::literal(&f.json)
        ));
        if !f.aliases.is_empty() {
            out.push_str(&format!(" [{}]", super::literals(&f.aliases)));
        }
        out.push_str(";\n");
    }
    out.push_str("    }\n}\n");
}

/// The `Deserialize` of a struct that keeps the properties it does not name (plain structs use
/// `object`): named fields are read straight from the decoder, recognised by the runtime's
/// `Keys`, and only the other properties are collected, for its one flattened union or its
/// additional properties (see `runtime/object.rs`). `None` when it has both, or several unions,
/// which the derive handles.
fn decoder(
    name: &proc_macro2::Ident,
    s: &Struct,
    map: Option<(proc_macro2::Ident, TokenStream)>,
    all_optional: bool,
    defs: &std::collections::BTreeMap<String, TypeDef>,
) -> Option<TokenStream> {
    let unions: Vec<&Field> = s.fields.iter().filter(|f| f.flatten).collect();
    let named: Vec<&Field> = s.fields.iter().filter(|f| !f.flatten).collect();
    let rest = match (unions.as_slice(), map) {
        ([union], None) => {
            // A generated union takes the collected properties as they are (or its kind straight
            // from the kind's own property); anything else is decoded from them through serde.
            let read = match &union.ty {
                Ty::Named(n) if !union.boxed && matches!(defs.get(n).map(|d| &d.kind), Some(Kind::Union(_))) => {
                    let own = named
                        .iter()
                        .flat_map(|f| std::iter::once(&f.json).chain(&f.aliases))
                        .map(String::as_str)
                        .collect();
                    match keyed_variants(n, defs, &own) {
                        Some(keyed) => UnionRead::Keyed(field_ty(union), keyed),
                        None => UnionRead::Generated(field_ty(union)),
                    }
                }
                _ => UnionRead::Serde,
            };
            Rest::Union(naming::ident(&union.name), read)
        }
        ([], Some((ident, t))) => Rest::Map(ident, t),
        // Both, or several unions (the derive handles them); plain structs go to `object`.
        _ => return None,
    };
    let keys = named.iter().enumerate().flat_map(|(i, f)| {
        std::iter::once(f.json.as_str())
            .chain(f.aliases.iter().map(String::as_str))
            .map(move |k| quote!((#k, #i)))
    });
    let slots: Vec<_> = (0..named.len()).map(|i| format_ident!("f{i}")).collect();
    let declare = named.iter().zip(&slots).map(|(f, slot)| {
        let t = field_ty(f);
        let t = if f.required && !f.nullable {
            t
        } else {
            quote!(Option<#t>)
        };
        quote!(let mut #slot: Option<#t> = None;)
    });
    let arms = named.iter().zip(&slots).enumerate().map(|(i, (f, slot))| {
        let json = &f.json;
        let read = match f.number_as_text {
            true => quote!(crate::runtime::object::text::field),
            false => quote!(crate::runtime::object::field),
        };
        quote!(crate::runtime::object::Key::Known(#i) => #read(&mut map, &mut #slot, #json)?,)
    });
    let inits = named.iter().zip(&slots).map(|(f, slot)| {
        let ident = naming::ident(&f.name);
        let json = &f.json;
        let value = match (f.required, f.nullable) {
            (true, false) => quote!(#slot.ok_or_else(|| serde::de::Error::missing_field(#json))?),
            // Absent and null are both `None`, as serde's derive has them.
            (true, true) | (false, false) => quote!(#slot.flatten()),
            // Absent is `None`, null is `Some(None)`.
            (false, true) => quote!(#slot),
        };
        quote!(#ident: #value,)
    });
    let skip = quote!(map.next_value::<serde::de::IgnoredAny>()?;);
    let mut arms: Vec<TokenStream> = arms.collect();
    let mut keys: Vec<TokenStream> = keys.collect();
    if let Rest::Union(_, UnionRead::Keyed(_, keyed)) = &rest {
        for (i, (json, read, build)) in keyed.iter().enumerate() {
            let index = named.len() + i;
            keys.push(quote!((#json, #index)));
            arms.push(quote! {
                crate::runtime::object::Key::Known(#index) => {
                    let v: #read = map.next_value()?;
                    early.read(#build, &mut rest)?;
                }
            });
        }
    }
    // Named fields by index, every other property into `rest`.
    let keep_others = || {
        quote! {
            const __KEYS: crate::runtime::object::Keys = crate::runtime::object::Keys(&[#(#keys),*]);
            while let Some(key) = map.next_key_seed(__KEYS)? {
                match key {
                    #(#arms)*
                    crate::runtime::object::Key::Known(_) => { #skip }
                    crate::runtime::object::Key::Other(name) => {
                        rest.insert(name, map.next_value()?);
                    }
                }
            }
        }
    };
    let (rest_decl, read, rest_init) = match &rest {
        Rest::Union(ident, UnionRead::Keyed(t, _)) => (
            quote! {
                let mut rest = serde_json::Map::new();
                let mut early = crate::runtime::object::Early::Nothing;
            },
            keep_others(),
            quote!(#ident: early.finish(rest, #t::from_json_value)?,),
        ),
        Rest::Union(ident, UnionRead::Generated(t)) => (
            quote!(let mut rest = serde_json::Map::new();),
            keep_others(),
            quote!(#ident: #t::from_json_value(serde_json::Value::Object(rest)).map_err(serde::de::Error::custom)?,),
        ),
        Rest::Union(ident, UnionRead::Serde) => (
            quote!(let mut rest = serde_json::Map::new();),
            keep_others(),
            quote!(#ident: crate::runtime::object::rest(rest)?,),
        ),
        Rest::Map(ident, t) => (
            quote!(let mut rest = std::collections::BTreeMap::<String, #t>::new();),
            keep_others(),
            quote!(#ident: rest,),
        ),
    };
    let expecting = format!("struct {name}");
    let expecting_name = name.to_string();
    // serde's derive also reads a struct from a sequence of its fields in order; in JSON only
    // `[]` for a struct whose fields are all optional was ever meant so (Conversation's own
    // examples send `"message_properties": []`). Such a struct derives `Default`.
    let seq = (all_optional && unions.is_empty()).then(|| {
        quote! {
            fn visit_seq<__S: serde::de::SeqAccess<'de>>(self, seq: __S) -> Result<#name, __S::Error> {
                crate::runtime::object::empty(seq, &self)?;
                Ok(<#name as Default>::default())
            }
        }
    });
    // Double-underscored names, as serde's derive has them, so no schema's type is shadowed.
    Some(quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<__D: serde::Deserializer<'de>>(deserializer: __D) -> Result<Self, __D::Error> {
                struct __Visitor;
                impl<'de> serde::de::Visitor<'de> for __Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<__A: serde::de::MapAccess<'de>>(self, mut map: __A) -> Result<#name, __A::Error> {
                        #(#declare)*
                        #rest_decl
                        #read
                        Ok(#name { #(#inits)* #rest_init })
                    }
                    #seq
                }
                deserializer.deserialize_struct(#expecting_name, &[], __Visitor)
            }
        }
    })
}

/// Where the properties a struct does not name go.
enum Rest {
    /// A flattened union field, and how it is read.
    Union(proc_macro2::Ident, UnionRead),
    /// The additional-properties map, with its value type.
    Map(proc_macro2::Ident, TokenStream),
}

/// How a struct reads its flattened union from the properties it does not name.
enum UnionRead {
    /// Through serde, from the collected properties (a union this generator did not write).
    Serde,
    /// A generated union, of its type, from the collected properties.
    Generated(TokenStream),
    /// A generated union whose every kind is read straight from a property of its own.
    Keyed(TokenStream, Vec<KeyedVariant>),
}

/// A union variant read from its own property: the property, the type its value is read as, and
/// the variant made from that value (`v`).
type KeyedVariant = (String, TokenStream, TokenStream);

/// The variants of a flattened union that can each be read straight from a property of its own
/// (`runtime::object::Early`), when every variant is a struct of one plain property whose name no
/// other variant and none of the struct's own fields (`own`) has; else `None`.
fn keyed_variants(
    union: &str,
    defs: &std::collections::BTreeMap<String, TypeDef>,
    own: &std::collections::BTreeSet<&str>,
) -> Option<Vec<KeyedVariant>> {
    let Some(Kind::Union(u)) = defs.get(union).map(|d| &d.kind) else {
        return None;
    };
    if u.discriminator.is_some() || u.variants.is_empty() {
        return None;
    }
    let union_ident = format_ident!("{}", union);
    let mut seen = std::collections::BTreeSet::new();
    u.variants
        .iter()
        .map(|v| {
            let Ty::Named(m) = &v.ty else { return None };
            if v.boxed || v.kind != JsonKind::Object || !v.values.is_empty() {
                return None;
            }
            let Some(Kind::Struct(s)) = defs.get(m).map(|d| &d.kind) else {
                return None;
            };
            let [f] = s.fields.as_slice() else { return None };
            let plain = !f.flatten && !f.nullable && f.aliases.is_empty() && s.additional.is_none();
            if !plain || v.known != [f.json.clone()] || own.contains(f.json.as_str()) || !seen.insert(&f.json) {
                return None;
            }
            let t = field_ty(f);
            let read = if f.required { t } else { quote!(Option<#t>) };
            let (variant, strukt, field) = (
                format_ident!("{}", v.name),
                format_ident!("{}", m),
                naming::ident(&f.name),
            );
            Some((
                f.json.clone(),
                read,
                quote!(#union_ident::#variant(#strukt { #field: v })),
            ))
        })
        .collect()
}

fn string_enum(def: &TypeDef, e: &StringEnum, out: &mut String) {
    super::doc_text_or(out, "", def.doc.as_deref(), &format!("`{}`", def.name));
    out.push_str(&format!(
        "///\n/// Values Sinch adds after this SDK was generated decode as `Other` and encode back unchanged.\n\
         #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]\n#[non_exhaustive]\npub enum {} {{\n",
        def.name
    ));
    for v in &e.variants {
        super::doc_text(out, "    ", &format!("`{}`", v.value));
        out.push_str(&format!("    {},\n", v.name));
    }
    out.push_str(&format!(
        "    /// A value this SDK does not know yet, kept as received.\n    Other(String),\n}}\n\
         crate::runtime::open_enum::open_enum! {{\n    {} {{\n",
        def.name
    ));
    for v in &e.variants {
        out.push_str(&format!("        {} = {},\n", v.name, super::literal(&v.value)));
    }
    out.push_str("    }\n}\n");
}

fn kind_name(k: JsonKind) -> &'static str {
    match k {
        JsonKind::Object => "Object",
        JsonKind::Array => "Array",
        JsonKind::String => "String",
        JsonKind::Integer => "Integer",
        JsonKind::Number => "Number",
        JsonKind::Bool => "Bool",
        JsonKind::Any => "Any",
    }
}

/// What makes the union from a decoded variant value: `Self::V`, or `|v| Self::V(Box::new(v))`.
fn wrap(v: &crate::model::UnionVariant) -> String {
    if v.boxed {
        format!("|v| Self::{}(Box::new(v))", v.name)
    } else {
        format!("Self::{}", v.name)
    }
}

/// A union as text: the enum, its `Serialize`, `from_json_value` and `Deserialize`. Written
/// out, not built as tokens: in descriptions made of `oneOf`s (Discord's) unions were most of the
/// lines prettyplease formatted.
fn union(def: &TypeDef, u: &Union, out: &mut String) {
    use std::fmt::Write as _;
    let name = def.name.as_str();
    let lit = super::literal;
    // `<T as serde::Deserialize>::deserialize(&value)`, then `.map(Self::V)` (boxed where the
    // variant is) and the `map_err` on lines of their own, at `indent`.
    let decoder = |v: &crate::model::UnionVariant, indent: &str, map_err: &str| {
        let (t, wrap) = (super::ty_text(&v.ty), wrap(v));
        format!("<{t} as serde::Deserialize>::deserialize(&value)\n{indent}.map({wrap})\n{indent}{map_err}")
    };
    let by_kind_impl = by_kind(name, u);
    let how = match &u.discriminator {
        Some(p) => format!(" Decoded by its `{p}` property; unknown values are kept in `Other`."),
        None if u.keeps_unknown() => " Decoded by shape: the variant whose properties fit the data best; objects with \
                                      none of the properties that tell the variants apart are kept in `Other`."
            .to_string(),
        None if by_kind_impl.is_some() => {
            " Decoded by the kind of JSON value: each variant takes a kind of its own.".to_string()
        }
        None => " Decoded by shape: the variant whose properties fit the data best.".to_string(),
    };
    super::doc_text_or(out, "", def.doc.as_deref(), &format!("`{name}`"));
    out.push_str("///\n");
    super::doc_text(out, "", &how);
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, PartialEq)]\n#[non_exhaustive]\npub enum {name} {{"
    );
    for v in &u.variants {
        let shown = match &v.ty {
            Ty::Named(n) => n.clone(),
            other => format!("{other:?}"),
        };
        super::doc_text(out, "    ", &format!("A `{shown}`."));
        let t = super::ty_text(&v.ty);
        let t = if v.boxed { format!("Box<{t}>") } else { t };
        let _ = writeln!(out, "    {}({t}),", v.name);
    }
    let other = u.discriminator.is_some() || u.keeps_unknown();
    if u.discriminator.is_some() {
        out.push_str(
            "    /// A variant this SDK does not know yet, kept as received.\n    Other(serde_json::Value),\n",
        );
    } else if other {
        out.push_str(
            "    /// A kind this SDK does not know yet (an object with none of the\n    \
             /// properties that tell the known variants apart), kept as received.\n    \
             Other(serde_json::Value),\n",
        );
    }
    out.push_str("}\n");

    let _ = writeln!(
        out,
        "impl serde::Serialize for {name} {{\n    \
         fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {{"
    );
    match &u.discriminator {
        Some(prop) => {
            out.push_str("        let (value, tag) = match self {\n");
            for v in &u.variants {
                let tag = v
                    .tags
                    .first()
                    .map_or("None".to_string(), |t| format!("Some({})", lit(t)));
                let _ = writeln!(
                    out,
                    "            Self::{}(v) => (serde_json::to_value(v).map_err(serde::ser::Error::custom)?, {tag}),",
                    v.name
                );
            }
            out.push_str("            Self::Other(v) => (v.clone(), None),\n        };\n");
            let _ = writeln!(
                out,
                "        serde::Serialize::serialize(&crate::runtime::union::with_tag(value, {}, tag), serializer)",
                lit(prop)
            );
        }
        None if u.variants.is_empty() => out.push_str("        match *self {}\n"),
        None => {
            out.push_str("        match self {\n");
            for v in &u.variants {
                let _ = writeln!(
                    out,
                    "            Self::{}(v) => serde::Serialize::serialize(v, serializer),",
                    v.name
                );
            }
            if other {
                out.push_str("            Self::Other(v) => serde::Serialize::serialize(v, serializer),\n");
            }
            out.push_str("        }\n");
        }
    }
    out.push_str("    }\n}\n");

    let _ = writeln!(
        out,
        "impl {name} {{\n    \
         /// Decodes a value already read as JSON: how a struct hands its flattened union the\n    \
         /// properties it does not name itself.\n    \
         #[doc(hidden)]\n    \
         #[inline]\n    \
         pub fn from_json_value(value: serde_json::Value) -> Result<Self, String> {{"
    );
    match &u.discriminator {
        Some(prop) => {
            let _ = writeln!(
                out,
                "        match value.get({}).and_then(serde_json::Value::as_str) {{",
                lit(prop)
            );
            for v in u.variants.iter().filter(|v| !v.tags.is_empty()) {
                let tags: Vec<String> = v.tags.iter().map(|t| format!("Some({})", lit(t))).collect();
                let _ = writeln!(
                    out,
                    "            {} => {},",
                    tags.join(" | "),
                    decoder(v, "                ", ".map_err(|e| e.to_string())")
                );
            }
            out.push_str("            _ => Ok(Self::Other(value)),\n        }\n");
        }
        None => {
            out.push_str("        const SHAPES: &[crate::runtime::union::Shape] = &[\n");
            for v in &u.variants {
                let values: Vec<String> = v
                    .values
                    .iter()
                    .map(|(p, vs)| format!("({}, &[{}])", lit(p), super::literals(vs)))
                    .collect();
                let _ = writeln!(
                    out,
                    "            crate::runtime::union::Shape {{ kind: crate::runtime::union::JsonKind::{}, \
                     required: &[{}], known: &[{}], values: &[{}] }},",
                    kind_name(v.kind),
                    super::literals(&v.required),
                    super::literals(&v.known),
                    values.join(", ")
                );
            }
            out.push_str("        ];\n");
            if other {
                out.push_str(
                    "        let candidates = crate::runtime::union::rank_claimed(&value, SHAPES);\n        \
                     if candidates.is_empty() && value.is_object() {\n            \
                     return Ok(Self::Other(value));\n        }\n",
                );
            } else {
                out.push_str("        let candidates = crate::runtime::union::rank(&value, SHAPES);\n");
            }
            // Why each fitting variant failed, so the error names the real cause.
            out.push_str(
                "        let mut tried: Vec<String> = Vec::new();\n        \
                 for index in candidates {\n            \
                 let decoded = match index {\n",
            );
            for (i, v) in u.variants.iter().enumerate() {
                // Variant names are identifiers: no braces to escape in the format string.
                let map_err = format!(".map_err(|e| format!(\"{}: {{e}}\"))", v.name);
                let _ = writeln!(
                    out,
                    "                {i} => {},",
                    decoder(v, "                    ", &map_err)
                );
            }
            let _ = writeln!(
                out,
                "                _ => continue,\n            \
                 }};\n            \
                 match decoded {{\n                \
                 Ok(decoded) => return Ok(decoded),\n                \
                 Err(e) => tried.push(e),\n            \
                 }}\n        \
                 }}\n        \
                 Err(crate::runtime::union::no_match({}, &value, SHAPES, &tried))",
                lit(name)
            );
        }
    }
    out.push_str("    }\n}\n");
    match by_kind_impl {
        Some(text) => out.push_str(&text),
        None => {
            let _ = writeln!(
                out,
                "impl<'de> serde::Deserialize<'de> for {name} {{\n    \
                 fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {{\n        \
                 let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;\n        \
                 Self::from_json_value(value).map_err(serde::de::Error::custom)\n    \
                 }}\n\
                 }}"
            );
        }
    }
}

/// The runtime's `union::ByKind` for a union without a discriminator whose variants each take a
/// different kind of JSON value (one string, one object, ...): it decodes by the kind it meets
/// instead of reading a `serde_json::Value` first and ranking the variants by shape.
fn by_kind(name: &str, u: &Union) -> Option<String> {
    use std::fmt::Write as _;
    if u.discriminator.is_some() || u.keeps_unknown() || u.variants.is_empty() {
        return None;
    }
    let kinds: Vec<JsonKind> = u.variants.iter().map(|v| v.kind).collect();
    let distinct = kinds.iter().enumerate().all(|(i, k)| !kinds[..i].contains(k));
    // A number variant also takes integers: beside an integer variant, the value decides nothing.
    let overlapping = kinds.contains(&JsonKind::Integer) && kinds.contains(&JsonKind::Number);
    if !distinct || overlapping || kinds.contains(&JsonKind::Any) {
        return None;
    }
    let mut methods = String::new();
    for v in &u.variants {
        let (t, wrap) = (super::ty_text(&v.ty), wrap(v));
        let mut scalar = |method: &str, arg: &str, de: &str| {
            let _ = writeln!(
                methods,
                "    fn {method}<E: serde::de::Error>(v: {arg}) -> Result<Self, E> {{\n        \
                 <{t} as serde::Deserialize>::deserialize(serde::de::value::{de}::<E>::new(v)).map({wrap})\n    \
                 }}"
            );
        };
        match v.kind {
            JsonKind::String => scalar("string", "String", "StringDeserializer"),
            JsonKind::Bool => scalar("boolean", "bool", "BoolDeserializer"),
            JsonKind::Integer => scalar("integer", "i64", "I64Deserializer"),
            JsonKind::Number => {
                scalar("number", "f64", "F64Deserializer");
                methods.push_str(
                    "    fn integer<E: serde::de::Error>(v: i64) -> Result<Self, E> {\n        \
                     Self::number(v as f64)\n    }\n",
                );
            }
            JsonKind::Array => {
                let _ = writeln!(
                    methods,
                    "    fn seq<'de, A: serde::de::SeqAccess<'de>>(seq: A) -> Result<Self, A::Error> {{\n        \
                     <{t} as serde::Deserialize>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map({wrap})\n    \
                     }}"
                );
            }
            JsonKind::Object => {
                let _ = writeln!(
                    methods,
                    "    fn map<'de, A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {{\n        \
                     <{t} as serde::Deserialize>::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map({wrap})\n    \
                     }}"
                );
            }
            JsonKind::Any => return None,
        }
    }
    let kinds: Vec<String> = u
        .variants
        .iter()
        .map(|v| format!("crate::runtime::union::JsonKind::{}", kind_name(v.kind)))
        .collect();
    Some(format!(
        "impl<'de> serde::Deserialize<'de> for {name} {{\n    \
         fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {{\n        \
         crate::runtime::union::by_kind(deserializer)\n    \
         }}\n\
         }}\n\
         impl crate::runtime::union::ByKind for {name} {{\n    \
         const KINDS: &'static [crate::runtime::union::JsonKind] = &[{}];\n\
         {methods}\
         }}\n",
        kinds.join(", ")
    ))
}
