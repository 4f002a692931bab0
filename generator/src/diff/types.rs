//! Types: component schemas added or removed, and the fields, enum values and union variants of
//! the types both versions have.

use super::pairing::{field_ty, matched_fields, matched_variants, rust_ty};
use super::{Area, Change, Class, Cx, Usage};
use crate::model::{Kind, StringEnum, Struct, TypeDef, Union};

/// Whether a type is a component schema of its own (rather than made for an inline schema).
fn is_component(def: &TypeDef) -> bool {
    def.origin
        .strip_prefix("/components/schemas/")
        .is_some_and(|rest| !rest.contains('/'))
}

use crate::doc::pointer::unescape;

/// A JSON pointer into a description as a reader would say it: `sendBatchObject.parameters{}`,
/// `POST /batches request body`, `ListBatches (GET /batches) response 200`.
pub fn openapi_label(pointer: &str) -> String {
    let tokens: Vec<String> = pointer.split('/').skip(1).map(unescape).collect();
    let (mut out, rest): (String, &[String]) = match tokens.as_slice() {
        [c, s, name, tail @ ..] if c == "components" && s == "schemas" => (name.clone(), tail),
        [c, kind, name, tail @ ..] if c == "components" => (format!("{kind} {name}"), tail),
        [p, path, method, tail @ ..] if p == "paths" => (format!("{} {path}", method.to_uppercase()), tail),
        _ => return format!("#{pointer}"),
    };
    let mut i = 0;
    while i < rest.len() {
        let t = rest[i].as_str();
        let next = rest.get(i + 1).map(String::as_str);
        match (t, next) {
            ("properties", Some(p)) => {
                out.push('.');
                out.push_str(p);
                i += 1;
            }
            ("items", _) => out.push_str("[]"),
            ("additionalProperties", _) => out.push_str("{}"),
            ("allOf" | "oneOf" | "anyOf", Some(n)) => {
                out.push_str(&format!(" {t}[{n}]"));
                i += 1;
            }
            ("requestBody", _) => out.push_str(" request body"),
            ("responses", Some(code)) => {
                out.push_str(&format!(" response {code}"));
                i += 1;
            }
            ("parameters", Some(n)) => {
                out.push_str(&format!(" parameter {n}"));
                i += 1;
            }
            ("content", Some(_)) => i += 1,
            ("schema", _) => {}
            (other, _) => {
                out.push('/');
                out.push_str(other);
            }
        }
        i += 1;
    }
    out
}

// One argument per field of the change: clearer at the call sites than a builder.
#[allow(clippy::too_many_arguments)]
fn change(
    class: Class,
    area: Area,
    what: &str,
    rust: String,
    openapi: String,
    detail: Option<String>,
    usage: Usage,
    reason: String,
) -> Change {
    Change {
        class,
        area,
        change: what.into(),
        rust: Some(rust),
        openapi,
        detail,
        usage: Some(usage),
        reason,
    }
}

pub fn compare(cx: &Cx<'_>, out: &mut Vec<Change>) {
    let (old, new) = (cx.old.api, cx.new.api);
    for (name, def) in &old.types {
        if cx.pairs.new_of(name).is_none() && is_component(def) {
            let usage = cx.old.usage.get(name).copied().unwrap_or_default();
            out.push(change(
                Class::Breaking,
                Area::Type,
                "removed",
                name.clone(),
                openapi_label(&def.origin),
                None,
                usage,
                "the type is gone: code naming it no longer compiles".into(),
            ));
        }
    }
    for (o, n) in cx.pairs.iter() {
        if let (Some(o), Some(n)) = (old.types.get(o), new.types.get(n)) {
            compare_type(cx, o, n, out);
        }
    }
    for (name, def) in &new.types {
        if cx.pairs.old_of(name).is_none() && is_component(def) {
            let usage = cx.new.usage.get(name).copied().unwrap_or_default();
            out.push(change(
                Class::Additive,
                Area::Type,
                "added",
                name.clone(),
                openapi_label(&def.origin),
                None,
                usage,
                "a new type".into(),
            ));
        }
    }
}

fn kind_name(k: &Kind) -> &'static str {
    match k {
        Kind::Struct(_) => "struct",
        Kind::Enum(_) => "enum",
        Kind::Union(_) => "union (enum of shapes)",
        Kind::Alias(_) => "type alias",
    }
}

fn compare_type(cx: &Cx<'_>, o: &TypeDef, n: &TypeDef, out: &mut Vec<Change>) {
    let usage = cx.usage(&o.name, &n.name);
    let label = openapi_label(&n.origin);
    if o.name != n.name {
        let old_label = openapi_label(&o.origin);
        let why = match (is_component(o), is_component(n)) {
            (true, true) if o.origin != n.origin => format!("the schema was renamed ({old_label} -> {label})"),
            (true, false) => format!("the schema {old_label} is now written inline ({label})"),
            (false, true) => format!("the inline schema ({old_label}) is now the component {label}"),
            _ => "its generated name follows an operation or parent that changed".into(),
        };
        out.push(change(
            Class::Breaking,
            Area::Type,
            "renamed",
            o.name.clone(),
            label.clone(),
            Some(format!("{} -> {}", o.name, n.name)),
            usage,
            format!("{why}: code naming the old type no longer compiles"),
        ));
    }
    match (&o.kind, &n.kind) {
        (Kind::Struct(a), Kind::Struct(b)) => structure(cx, n, &label, usage, a, b, out),
        (Kind::Enum(a), Kind::Enum(b)) => string_enum(n, &label, usage, a, b, out),
        (Kind::Union(a), Kind::Union(b)) => union(cx, n, &label, usage, a, b, out),
        (Kind::Alias(a), Kind::Alias(b)) => {
            if !cx.pairs.same(a, b) {
                out.push(change(
                    Class::Breaking,
                    Area::Type,
                    "retyped",
                    n.name.clone(),
                    label,
                    Some(format!("{} -> {}", rust_ty(a), rust_ty(b))),
                    usage,
                    cx.retype_reason(
                        a,
                        b,
                        "the alias stands for another type: code using it no longer compiles",
                    ),
                ));
            }
        }
        (a, b) => out.push(change(
            Class::Breaking,
            Area::Type,
            "changed kind",
            n.name.clone(),
            label,
            Some(format!("{} -> {}", kind_name(a), kind_name(b))),
            usage,
            "the Rust type is declared differently: code using it no longer compiles".into(),
        )),
    }
}

fn structure(cx: &Cx<'_>, n: &TypeDef, label: &str, usage: Usage, a: &Struct, b: &Struct, out: &mut Vec<Change>) {
    let eff = usage.effective();
    let had_default = a.fields.iter().all(|f| !f.required);
    let has_default = b.fields.iter().all(|f| !f.required);
    for (f, g) in matched_fields(&a.fields, &b.fields) {
        let rust = |name: &str| format!("{}.{}", n.name, crate::naming::escape(name));
        match (f, g) {
            (Some(f), None) => {
                let reason = match (eff.request, eff.response) {
                    (true, true) => "callers can no longer send it and responses no longer carry it",
                    (true, false) => "used in requests: the API no longer takes it",
                    _ => "used in responses: Sinch no longer sends it",
                };
                out.push(change(
                    Class::Breaking,
                    Area::Field,
                    "removed",
                    rust(&f.name),
                    format!("{label}.{}", f.json),
                    Some(field_ty(f)),
                    usage,
                    format!("{reason}; code naming the field no longer compiles"),
                ));
            }
            (None, Some(g)) => {
                let no_default = if had_default && !has_default {
                    format!("; {} no longer implements Default", n.name)
                } else {
                    String::new()
                };
                let (class, what, reason) = if g.required && eff.request {
                    (
                        Class::Breaking,
                        "added (required)",
                        format!("used in requests: every caller must set it{no_default}"),
                    )
                } else if g.required {
                    (
                        Class::Additive,
                        "added (required)",
                        format!(
                            "used in responses only: Sinch always sends it; nothing that decoded before fails{no_default}"
                        ),
                    )
                } else {
                    let reason = match (eff.request, eff.response) {
                        (true, true) => "callers may leave it out (None); responses may carry it",
                        (true, false) => "callers may leave it out (None)",
                        _ => "responses may carry it",
                    };
                    // Generated structs are #[non_exhaustive]: no code outside the crate spells
                    // every field, so a new optional one breaks nothing.
                    let literal = if eff.request {
                        "; the type is #[non_exhaustive], built with `new` and setters"
                    } else {
                        ""
                    };
                    (Class::Additive, "added (optional)", format!("{reason}{literal}"))
                };
                out.push(change(
                    class,
                    Area::Field,
                    what,
                    rust(&g.name),
                    format!("{label}.{}", g.json),
                    Some(field_ty(g)),
                    usage,
                    reason,
                ));
            }
            (Some(f), Some(g)) => {
                let detail = Some(format!("{} -> {}", field_ty(f), field_ty(g)));
                let openapi = format!("{label}.{}", g.json);
                if f.name != g.name {
                    out.push(change(
                        Class::Breaking,
                        Area::Field,
                        "renamed",
                        rust(&f.name),
                        openapi.clone(),
                        Some(format!("{} -> {}", f.name, g.name)),
                        usage,
                        "the Rust field has another name: code naming the old one no longer compiles".into(),
                    ));
                }
                if !cx.pairs.same(&f.ty, &g.ty) || f.boxed != g.boxed {
                    let reason = if cx.pairs.same(&f.ty, &g.ty) {
                        "the field is boxed differently (a recursive type changed): code building it no longer compiles"
                            .to_string()
                    } else {
                        cx.retype_reason(
                            &f.ty,
                            &g.ty,
                            "the field has another type: code reading or setting it no longer compiles",
                        )
                    };
                    out.push(change(
                        Class::Breaking,
                        Area::Field,
                        "retyped",
                        rust(&g.name),
                        openapi,
                        detail,
                        usage,
                        reason,
                    ));
                } else if f.required != g.required {
                    let (what, reason) = if g.required {
                        (
                            "made required",
                            if eff.request {
                                "used in requests: every caller must now set it"
                            } else {
                                "used in responses only: Sinch now always sends it, which is safe on the wire, \
                                 but the field loses its Option, so code reading it no longer compiles"
                            },
                        )
                    } else {
                        (
                            "made optional",
                            if eff.response {
                                "used in responses: Sinch may leave it out, and the field becomes an Option"
                            } else {
                                "used in requests only: callers may leave it out, \
                                 but the field becomes an Option, so code setting it no longer compiles"
                            },
                        )
                    };
                    out.push(change(
                        Class::Breaking,
                        Area::Field,
                        what,
                        rust(&g.name),
                        openapi,
                        detail,
                        usage,
                        reason.into(),
                    ));
                } else if f.nullable != g.nullable {
                    let (what, reason) = if g.nullable {
                        (
                            "made nullable",
                            if eff.response {
                                "responses may carry null; the field's type gains an Option"
                            } else {
                                "used in requests only: callers may send null, but the field's type gains an Option"
                            },
                        )
                    } else {
                        (
                            "made non-nullable",
                            if eff.request {
                                "used in requests: the API no longer accepts null; the field's type loses an Option"
                            } else {
                                "used in responses only: Sinch no longer sends null, but the field's type loses an Option"
                            },
                        )
                    };
                    out.push(change(
                        Class::Breaking,
                        Area::Field,
                        what,
                        rust(&g.name),
                        openapi,
                        detail,
                        usage,
                        reason.into(),
                    ));
                }
            }
            (None, None) => {}
        }
    }
    let rust = format!("{}.additional_properties", n.name);
    let openapi = format!("{label}{{}}");
    match (&a.additional, &b.additional) {
        (None, Some(t)) => out.push(change(
            Class::Additive,
            Area::Field,
            "added",
            rust,
            openapi,
            Some(format!("BTreeMap<String, {}>", rust_ty(t))),
            usage,
            "properties beyond the named ones are now kept in a map".into(),
        )),
        (Some(t), None) => out.push(change(
            Class::Breaking,
            Area::Field,
            "removed",
            rust,
            openapi,
            Some(format!("BTreeMap<String, {}>", rust_ty(t))),
            usage,
            "the map of properties beyond the named ones is gone: code using it no longer compiles".into(),
        )),
        (Some(x), Some(y)) if !cx.pairs.same(x, y) => out.push(change(
            Class::Breaking,
            Area::Field,
            "retyped",
            rust,
            openapi,
            Some(format!("{} -> {}", rust_ty(x), rust_ty(y))),
            usage,
            "the values beyond the named properties have another type".into(),
        )),
        _ => {}
    }
}

fn string_enum(n: &TypeDef, label: &str, usage: Usage, a: &StringEnum, b: &StringEnum, out: &mut Vec<Change>) {
    let eff = usage.effective();
    for v in &a.variants {
        let openapi = format!("{label} \"{}\"", v.value);
        match b.variants.iter().find(|w| w.value == v.value) {
            None => {
                let rust = format!("{}::{}", n.name, v.name);
                let reason = if eff.request {
                    format!("used in requests: the API no longer accepts it, and {rust} is gone")
                } else {
                    format!(
                        "used in responses only: Sinch no longer sends it; {rust} is gone, so code naming it no longer compiles"
                    )
                };
                out.push(change(
                    Class::Breaking,
                    Area::EnumValue,
                    "removed",
                    rust,
                    openapi,
                    None,
                    usage,
                    reason,
                ));
            }
            Some(w) if w.name != v.name => out.push(change(
                Class::Breaking,
                Area::EnumValue,
                "renamed",
                format!("{}::{}", n.name, v.name),
                openapi,
                Some(format!("{} -> {}", v.name, w.name)),
                usage,
                "the variant has another Rust name: code naming the old one no longer compiles".into(),
            )),
            Some(_) => {}
        }
    }
    for w in &b.variants {
        if a.variants.iter().any(|v| v.value == w.value) {
            continue;
        }
        let rust = format!("{}::{}", n.name, w.name);
        let reason = match (eff.request, eff.response) {
            (true, true) => format!(
                "callers may send it; responses carrying it decode as {rust} (the old SDK keeps it as {}::Other)",
                n.name
            ),
            (true, false) => format!("used in requests: callers may send it ({rust})"),
            _ => format!(
                "used in responses: Sinch may send it; it decodes as {rust} (the old SDK keeps it as {}::Other)",
                n.name
            ),
        };
        out.push(change(
            Class::Additive,
            Area::EnumValue,
            "added",
            rust,
            format!("{label} \"{}\"", w.value),
            None,
            usage,
            reason,
        ));
    }
}

fn union(cx: &Cx<'_>, n: &TypeDef, label: &str, usage: Usage, a: &Union, b: &Union, out: &mut Vec<Change>) {
    if a.discriminator != b.discriminator {
        let show = |d: &Option<String>| d.clone().unwrap_or_else(|| "none (decoded by shape)".into());
        out.push(change(
            Class::Breaking,
            Area::UnionVariant,
            "discriminator changed",
            n.name.clone(),
            label.to_string(),
            Some(format!("{} -> {}", show(&a.discriminator), show(&b.discriminator))),
            usage,
            "values are told apart by another property: payloads the old SDK wrote or read change meaning".into(),
        ));
    }
    for (v, w) in matched_variants(&a.variants, &b.variants, Some(cx.pairs)) {
        match (v, w) {
            (Some(v), None) => out.push(change(
                Class::Breaking,
                Area::UnionVariant,
                "removed",
                format!("{}::{}", n.name, v.name),
                format!("{label} variant {}", rust_ty(&v.ty)),
                None,
                usage,
                format!("{}::{} is gone: code naming it no longer compiles", n.name, v.name),
            )),
            (None, Some(w)) => out.push(change(
                Class::Additive,
                Area::UnionVariant,
                "added",
                format!("{}::{}", n.name, w.name),
                format!("{label} variant {}", rust_ty(&w.ty)),
                None,
                usage,
                "a new alternative; values of this kind decode into it (the old SDK keeps them as Other)".into(),
            )),
            (Some(v), Some(w)) => {
                let rust = format!("{}::{}", n.name, w.name);
                let openapi = format!("{label} variant {}", rust_ty(&w.ty));
                if v.name != w.name {
                    out.push(change(
                        Class::Breaking,
                        Area::UnionVariant,
                        "renamed",
                        format!("{}::{}", n.name, v.name),
                        openapi.clone(),
                        Some(format!("{} -> {}", v.name, w.name)),
                        usage,
                        "the variant has another Rust name: code naming the old one no longer compiles".into(),
                    ));
                }
                if !cx.pairs.same(&v.ty, &w.ty) {
                    out.push(change(
                        Class::Breaking,
                        Area::UnionVariant,
                        "retyped",
                        rust.clone(),
                        openapi.clone(),
                        Some(format!("{} -> {}", rust_ty(&v.ty), rust_ty(&w.ty))),
                        usage,
                        cx.retype_reason(
                            &v.ty,
                            &w.ty,
                            "the variant holds another type: code building or matching it no longer compiles",
                        ),
                    ));
                }
                let lost: Vec<&String> = v.tags.iter().filter(|t| !w.tags.contains(t)).collect();
                let gained: Vec<&String> = w.tags.iter().filter(|t| !v.tags.contains(t)).collect();
                if !lost.is_empty() {
                    out.push(change(
                        Class::Breaking,
                        Area::UnionVariant,
                        "tags removed",
                        rust.clone(),
                        openapi.clone(),
                        Some(format!("{lost:?}")),
                        usage,
                        "payloads with these discriminator values no longer decode into this variant".into(),
                    ));
                }
                if !gained.is_empty() {
                    out.push(change(
                        Class::Additive,
                        Area::UnionVariant,
                        "tags added",
                        rust,
                        openapi,
                        Some(format!("{gained:?}")),
                        usage,
                        "payloads with these discriminator values now decode into this variant too".into(),
                    ));
                }
            }
            (None, None) => {}
        }
    }
}
