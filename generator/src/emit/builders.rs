//! Constructors and setters, so users never write a struct literal (the types are
//! `#[non_exhaustive]`, which rules literals out, so that Sinch adding a field is not a
//! breaking change): `SendMessageRequest::new(app_id, recipient, message).ttl("10s")`, and one
//! constructor per union variant (`AppMessageTypes::text("hi")`, delegated to the struct that
//! flattens the union: `AppMessage::text("hi")`).

use super::ty_text;
use crate::model::{Field, Kind, Struct, Ty, TypeDef, Union};
use crate::naming;
use heck::ToSnakeCase;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

type Defs = BTreeMap<String, TypeDef>;

/// The struct a type names, through aliases.
fn struct_of<'a>(t: &Ty, defs: &'a Defs) -> Option<(&'a str, &'a Struct)> {
    let mut t = t;
    for _ in 0..16 {
        let Ty::Named(n) = t else { return None };
        let def = defs.get(n)?;
        match &def.kind {
            Kind::Struct(s) => return Some((def.name.as_str(), s)),
            Kind::Alias(next) => t = next,
            _ => return None,
        }
    }
    None
}

fn union_of<'a>(t: &Ty, defs: &'a Defs) -> Option<&'a Union> {
    let mut t = t;
    for _ in 0..16 {
        let Ty::Named(n) = t else { return None };
        match &defs.get(n)?.kind {
            Kind::Union(u) => return Some(u),
            Kind::Alias(next) => t = next,
            _ => return None,
        }
    }
    None
}

fn has_optional(s: &Struct) -> bool {
    s.fields.iter().any(|f| !f.required)
}

fn required(s: &Struct) -> Vec<&Field> {
    s.fields.iter().filter(|f| f.required).collect()
}

/// The type a field holds, as the argument of a constructor or setter takes it.
fn value_ty(f: &Field) -> String {
    ty_text(&f.ty)
}

/// `value.into()`, boxed where the field is.
fn wrap(f: &Field, value: &str) -> String {
    if f.boxed {
        format!("Box::new({value}.into())")
    } else {
        format!("{value}.into()")
    }
}

/// The expression that builds a struct from arguments named after its required fields, and
/// the parameters it takes.
fn new_call(name: &str, s: &Struct) -> (Vec<String>, String) {
    let mut params = Vec::new();
    let mut args = Vec::new();
    for f in required(s) {
        let arg = naming::escape(&f.name);
        let t = value_ty(f);
        if f.nullable {
            params.push(format!("{arg}: impl Into<Option<{t}>>"));
        } else {
            params.push(format!("{arg}: impl Into<{t}>"));
        }
        args.push(arg);
    }
    (params, format!("{name}::new({})", args.join(", ")))
}

/// A struct's `new` as the runtime's `constructor!` table, its setters as its `setters!` table
/// (text: one line each), then whatever is written out (`impl Name { union shortcuts, with_new }`).
pub fn for_struct(name: &str, s: &Struct, defs: &Defs, items: &mut super::Items) {
    let mut args = String::new();
    let mut rest = String::new();
    let mut setters = String::new();
    let mut table = Vec::new();
    let mut taken: BTreeSet<String> = BTreeSet::from(["new".to_string()]);
    for f in &s.fields {
        let written = naming::escape(&f.name);
        if f.required {
            let t = super::ty_text(&f.ty);
            let t = if f.nullable { format!("Option<{t}>") } else { t };
            args.push_str(&format!("        {written}: {t};\n"));
            continue;
        }
        rest.push_str(&format!("        {written};\n"));
        let t = value_ty(f);
        let setter_name = if f.name == "new" {
            "with_new".to_string()
        } else {
            written.clone()
        };
        taken.insert(setter_name.trim_start_matches("r#").to_string());
        let setter = naming::escape(setter_name.trim_start_matches("r#"));
        let v = wrap(f, "value");
        let stored = if f.nullable {
            format!("Some(Some({v}))")
        } else {
            format!("Some({v})")
        };
        let json = if f.json.is_empty() { &f.name } else { &f.json };
        if setter == written {
            // The runtime's `setters!` table; `with_new` is written out below.
            table.push(format!(
                "        {written}: {} = {};\n",
                super::ty_text(&f.ty),
                super::literal(json)
            ));
            continue;
        }
        super::doc_text(&mut setters, "    ", &format!("Sets `{json}`."));
        let _ = writeln!(
            setters,
            "    pub fn {setter}(mut self, value: impl Into<{t}>) -> Self {{\n        \
             self.{written} = {stored};\n        \
             self\n    \
             }}"
        );
    }
    if s.additional.is_some() {
        let used: BTreeSet<String> = s.fields.iter().map(|f| f.name.clone()).collect();
        rest.push_str(&format!(
            "        {};\n",
            naming::escape(&naming::unique("additional_properties", &used))
        ));
    }
    // A struct whose only required field is a flattened union gets one shortcut per variant.
    let mut shortcuts = String::new();
    let req = required(s);
    if let [only] = req.as_slice()
        && only.flatten
        && let Some(u) = union_of(&only.ty, defs)
    {
        let union_ty = value_ty(only);
        for (fname, uparams, uargs) in union_constructors(u, defs) {
            if !taken.insert(fname.clone()) {
                continue;
            }
            super::doc_text(
                &mut shortcuts,
                "    ",
                &format!(
                    "A value whose `{}` is [`{}::{fname}`].",
                    only.name,
                    union_ty.replace(' ', "")
                ),
            );
            let _ = writeln!(
                shortcuts,
                "    pub fn {fname}({}) -> Self {{\n        \
                 Self::new({union_ty}::{fname}({}))\n    \
                 }}",
                uparams.join(", "),
                uargs.join(", ")
            );
        }
    }
    let out = items.text();
    if args.is_empty() {
        // Every field is optional, and the struct derives `Default`: `new` is its default.
        out.push_str(&format!("crate::runtime::object::constructor! {{ {name} }}\n"));
    } else {
        let rest = if rest.is_empty() {
            "{}".to_string()
        } else {
            format!("{{\n{rest}    }}")
        };
        out.push_str(&format!(
            "crate::runtime::object::constructor! {{\n    {name} {{\n{args}    }} {rest}\n}}\n"
        ));
    }
    if !table.is_empty() {
        out.push_str(&format!("crate::runtime::object::setters! {{\n    {name} {{\n"));
        out.extend(table);
        out.push_str("    }\n}\n");
    }
    if !shortcuts.is_empty() || !setters.is_empty() {
        let _ = writeln!(
            out,
            "// Setters are named after the fields, even where a field is called `add` or `not`.\n\
             #[allow(clippy::should_implement_trait)]\n\
             impl {name} {{\n\
             {shortcuts}{setters}\
             }}"
        );
    }
}

/// Per variant of a union: (constructor name, parameters, argument names).
fn union_constructors(u: &Union, defs: &Defs) -> Vec<(String, Vec<String>, Vec<String>)> {
    let names: Vec<String> = u.variants.iter().map(|v| v.name.to_snake_case()).collect();
    // `text_message_field`, `card_message_field`, ... -> `text`, `card`: the suffix every
    // variant shares says nothing.
    let short_names = constructor_names(&names);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (v, fname) in u.variants.iter().zip(short_names) {
        if fname.starts_with("r#") || !seen.insert(fname.clone()) {
            continue;
        }
        let (params, args) = constructor_params(&v.ty, defs, u.discriminator.as_deref());
        out.push((fname, params, args));
    }
    out
}

/// Variant constructor names: the variant names in snake case without the words every variant
/// shares at the start or the end (`destination_pstn`, `destination_sip` -> `pstn`, `sip`;
/// `text_message_field`, `card_message_field` -> `text`, `card`). Keywords are escaped.
fn constructor_names(names: &[String]) -> Vec<String> {
    let suffix = common_suffix(names);
    let stripped: Vec<String> = names
        .iter()
        .map(|n| n.strip_suffix(&suffix).unwrap_or(n).trim_end_matches('_').to_string())
        .collect();
    let prefix = common_prefix(&stripped);
    names
        .iter()
        .zip(&stripped)
        .map(|(full, s)| {
            let short = s.strip_prefix(&prefix).unwrap_or(s).trim_start_matches('_');
            let pick = if !short.is_empty() && !short.starts_with(|c: char| c.is_ascii_digit()) {
                short
            } else if !s.is_empty() {
                s.as_str()
            } else {
                full.as_str()
            };
            naming::escape(pick)
        })
        .collect()
}

fn common_prefix(names: &[String]) -> String {
    if names.len() < 2 {
        return String::new();
    }
    let parts: Vec<Vec<&str>> = names.iter().map(|n| n.split('_').collect()).collect();
    let mut prefix: Vec<&str> = Vec::new();
    loop {
        let i = prefix.len();
        let Some(word) = parts[0].get(i) else { break };
        if parts.iter().all(|p| p.len() > i + 1 && p[i] == *word) {
            prefix.push(word);
        } else {
            break;
        }
    }
    if prefix.is_empty() {
        String::new()
    } else {
        format!("{}_", prefix.join("_"))
    }
}

fn common_suffix(names: &[String]) -> String {
    if names.len() < 2 {
        return String::new();
    }
    let parts: Vec<Vec<&str>> = names.iter().map(|n| n.split('_').collect()).collect();
    let mut suffix: Vec<&str> = Vec::new();
    loop {
        let i = suffix.len();
        let word = parts[0].len().checked_sub(i + 1).map(|k| parts[0][k]);
        let Some(word) = word else { break };
        if parts.iter().all(|p| p.len() > i + 1 && p[p.len() - i - 1] == word) {
            suffix.insert(0, word);
        } else {
            break;
        }
    }
    if suffix.is_empty() {
        String::new()
    } else {
        format!("_{}", suffix.join("_"))
    }
}

/// The parameters a variant's constructor takes: the variant type's required fields, or,
/// for a wrapper with one property (besides the discriminator), the wrapped struct's.
fn constructor_params(t: &Ty, defs: &Defs, discriminator: Option<&str>) -> (Vec<String>, Vec<String>) {
    let Some((name, s)) = struct_of(t, defs) else {
        return (
            vec![format!("value: impl Into<{}>", ty_text(t))],
            vec!["value".to_string()],
        );
    };
    let own: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| Some(f.json.as_str()) != discriminator || f.required)
        .collect();
    if let [inner] = own.as_slice()
        && let Some((inner_name, inner_s)) = struct_of(&inner.ty, defs)
    {
        if inner_name != name && !inner.nullable && !has_optional(inner_s) {
            let (params, _) = new_call(inner_name, inner_s);
            return (params, required_args(inner_s));
        }
        if inner_name != name && !inner.nullable {
            return (
                vec![format!("value: impl Into<{}>", ty_text(&inner.ty))],
                vec!["value".to_string()],
            );
        }
    }
    let (params, _) = new_call(name, s);
    (params, required_args(s))
}

/// The required fields' names, as the arguments that pass a constructor's parameters on.
fn required_args(s: &Struct) -> Vec<String> {
    required(s).iter().map(|f| naming::escape(&f.name)).collect()
}

/// `impl Union { one constructor per variant }` and `From<Variant>` where a type is one
/// variant's only.
pub fn for_union(name: &str, u: &Union, defs: &Defs, out: &mut String) {
    let mut fns = String::new();
    let names: Vec<String> = u.variants.iter().map(|v| v.name.to_snake_case()).collect();
    let mut seen = BTreeSet::new();
    for (v, fname) in u.variants.iter().zip(constructor_names(&names)) {
        if fname.starts_with("r#") || !seen.insert(fname.clone()) {
            continue;
        }
        let (params, _) = constructor_params(&v.ty, defs, u.discriminator.as_deref());
        let body = variant_value(&v.ty, defs, u.discriminator.as_deref());
        let body = if v.boxed { format!("Box::new({body})") } else { body };
        super::doc_text(&mut fns, "    ", &format!("The `{}` variant.", v.name));
        let _ = writeln!(
            fns,
            "    #[allow(clippy::too_many_arguments)]\n    \
             pub fn {fname}({}) -> Self {{\n        \
             Self::{}({body})\n    \
             }}",
            params.join(", "),
            v.name
        );
    }
    if !fns.is_empty() {
        let _ = writeln!(out, "impl {name} {{\n{fns}}}");
    }
    // Aliases name the same type: one `From` per type the variants resolve to.
    let resolved = |t: &Ty| -> Ty {
        let mut t = t.clone();
        for _ in 0..16 {
            match &t {
                Ty::Named(n) => match defs.get(n).map(|d| &d.kind) {
                    Some(Kind::Alias(next)) => t = next.clone(),
                    _ => break,
                },
                _ => break,
            }
        }
        t
    };
    let mut counts: BTreeMap<Ty, usize> = BTreeMap::new();
    for v in &u.variants {
        *counts.entry(resolved(&v.ty)).or_default() += 1;
    }
    // A variant that is the union itself through aliases has `From` already (`From<T> for T`).
    // A text variant converts too, from `String` and `&str`: a property that becomes a union
    // of a text and something else (an MMS body beside the SMS text) then still takes the
    // text its callers passed.
    for v in u.variants.iter().filter(|v| {
        counts[&resolved(&v.ty)] == 1
            && matches!(v.ty, Ty::Named(_) | Ty::String)
            && resolved(&v.ty) != Ty::Named(name.to_string())
    }) {
        let variant = &v.name;
        let value = if v.boxed { "Box::new(value)" } else { "value" };
        let _ = writeln!(
            out,
            "impl From<{t}> for {name} {{\n    \
             fn from(value: {t}) -> Self {{\n        \
             Self::{variant}({value})\n    \
             }}\n\
             }}",
            t = ty_text(&v.ty)
        );
        if v.ty == Ty::String {
            let _ = writeln!(
                out,
                "impl From<&str> for {name} {{\n    \
                 fn from(value: &str) -> Self {{\n        \
                 Self::{variant}(value.to_owned())\n    \
                 }}\n\
                 }}"
            );
        }
    }
}

/// The variant's value built from the constructor's parameters.
fn variant_value(t: &Ty, defs: &Defs, discriminator: Option<&str>) -> String {
    let Some((name, s)) = struct_of(t, defs) else {
        return "value.into()".to_string();
    };
    let own: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| Some(f.json.as_str()) != discriminator || f.required)
        .collect();
    if let [inner] = own.as_slice()
        && let Some((inner_name, inner_s)) = struct_of(&inner.ty, defs)
        && inner_name != name
        && !inner.nullable
    {
        let setter = naming::escape(if inner.name == "new" { "with_new" } else { &inner.name });
        // With optional fields, the wrapped struct is taken whole; without, built from its
        // required fields.
        let value = if has_optional(inner_s) {
            "value".to_string()
        } else {
            new_call(inner_name, inner_s).1
        };
        return if inner.required {
            // The wrapper's only required field is the wrapped struct.
            format!("{name}::new({value})")
        } else {
            format!("{name}::new().{setter}({value})")
        };
    }
    new_call(name, s).1
}
