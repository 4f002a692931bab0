//! Which type of the new version is which type of the old one, and where types are used.

use super::Usage;
use crate::model::operations::Operation;
use crate::model::{Api, Field, Kind, Ty, TypeDef, UnionVariant};
use std::collections::{BTreeMap, BTreeSet};

/// Old type name <-> new type name.
#[derive(Debug, Default)]
pub struct Pairs {
    old_to_new: BTreeMap<String, String>,
    new_to_old: BTreeMap<String, String>,
}

impl Pairs {
    /// Pairs two types when neither is paired yet.
    fn pair(&mut self, old: &str, new: &str) -> bool {
        if self.old_to_new.contains_key(old) || self.new_to_old.contains_key(new) {
            return false;
        }
        self.old_to_new.insert(old.to_string(), new.to_string());
        self.new_to_old.insert(new.to_string(), old.to_string());
        true
    }

    pub fn new_of(&self, old: &str) -> Option<&str> {
        self.old_to_new.get(old).map(String::as_str)
    }

    pub fn old_of(&self, new: &str) -> Option<&str> {
        self.new_to_old.get(new).map(String::as_str)
    }

    /// Every pair, by old name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.old_to_new.iter().map(|(o, n)| (o.as_str(), n.as_str()))
    }

    /// Whether two types are the same once paired types are taken as equal.
    pub fn same(&self, old: &Ty, new: &Ty) -> bool {
        match (old, new) {
            (Ty::Named(a), Ty::Named(b)) => self.new_of(a) == Some(b.as_str()),
            (Ty::Vec(a), Ty::Vec(b)) | (Ty::Map(a), Ty::Map(b)) => self.same(a, b),
            _ => old == new,
        }
    }
}

/// Pairs the types of two versions: by the place in the description they were made from (a
/// component schema's name), then by Rust name, then by position: the bodies, parameters and
/// responses of matched operations, and the fields and variants of paired types (so inline
/// types whose generated names changed are still recognised).
pub fn pair_types(old: &Api, new: &Api, ops: &[(&Operation, &Operation)]) -> Pairs {
    let mut pairs = Pairs::default();
    let by_origin: BTreeMap<&str, &str> = new
        .types
        .values()
        .map(|t| (t.origin.as_str(), t.name.as_str()))
        .collect();
    for t in old.types.values() {
        if let Some(n) = by_origin.get(t.origin.as_str()) {
            pairs.pair(&t.name, n);
        }
    }
    for name in old.types.keys() {
        if new.types.contains_key(name) {
            pairs.pair(name, name);
        }
    }

    let mut queue: Vec<(Ty, Ty)> = Vec::new();
    for (o, n) in ops {
        for (a, b) in super::operations::matched_params(o, n) {
            if let (Some(a), Some(b)) = (a, b) {
                queue.push((a.ty.clone(), b.ty.clone()));
            }
        }
        if let (Some(a), Some(b)) = (&o.body, &n.body) {
            queue.push((a.ty.clone(), b.ty.clone()));
        }
        for r in &o.responses {
            if let Some(s) = n.responses.iter().find(|s| s.status == r.status)
                && let (Some(a), Some(b)) = (&r.ty, &s.ty)
            {
                queue.push((a.clone(), b.clone()));
            }
        }
    }
    // Old names first so pairs found by name or origin reach their children too.
    let initial: Vec<(Ty, Ty)> = pairs
        .iter()
        .map(|(o, n)| (Ty::Named(o.to_string()), Ty::Named(n.to_string())))
        .collect();
    queue.splice(0..0, initial);
    let mut done: BTreeSet<(String, String)> = BTreeSet::new();
    let mut i = 0;
    while i < queue.len() {
        let (a, b) = queue[i].clone();
        i += 1;
        match (&a, &b) {
            (Ty::Vec(x), Ty::Vec(y)) | (Ty::Map(x), Ty::Map(y)) => queue.push(((**x).clone(), (**y).clone())),
            (Ty::Named(x), Ty::Named(y)) => {
                if pairs.new_of(x) != Some(y.as_str()) && !pairs.pair(x, y) {
                    continue;
                }
                if !done.insert((x.clone(), y.clone())) {
                    continue;
                }
                if let (Some(o), Some(n)) = (old.types.get(x), new.types.get(y)) {
                    queue.extend(children(o, n));
                }
            }
            _ => {}
        }
    }
    pairs
}

/// The types inside two paired types that stand in the same place.
fn children(old: &TypeDef, new: &TypeDef) -> Vec<(Ty, Ty)> {
    let mut out = Vec::new();
    match (&old.kind, &new.kind) {
        (Kind::Struct(a), Kind::Struct(b)) => {
            for (f, g) in matched_fields(&a.fields, &b.fields) {
                if let (Some(f), Some(g)) = (f, g) {
                    out.push((f.ty.clone(), g.ty.clone()));
                }
            }
            if let (Some(x), Some(y)) = (&a.additional, &b.additional) {
                out.push((x.clone(), y.clone()));
            }
        }
        (Kind::Union(a), Kind::Union(b)) => {
            for (v, w) in matched_variants(&a.variants, &b.variants, None) {
                if let (Some(v), Some(w)) = (v, w) {
                    out.push((v.ty.clone(), w.ty.clone()));
                }
            }
        }
        (Kind::Alias(x), Kind::Alias(y)) => out.push((x.clone(), y.clone())),
        _ => {}
    }
    out
}

/// Fields by JSON name: old ones in order (with their new counterpart, if any), then the new ones.
pub fn matched_fields<'a>(old: &'a [Field], new: &'a [Field]) -> Vec<(Option<&'a Field>, Option<&'a Field>)> {
    let mut out: Vec<(Option<&Field>, Option<&Field>)> = old
        .iter()
        .map(|f| (Some(f), new.iter().find(|g| g.json == f.json)))
        .collect();
    out.extend(
        new.iter()
            .filter(|g| !old.iter().any(|f| f.json == g.json))
            .map(|g| (None, Some(g))),
    );
    out
}

/// Union variants: by paired type, then by discriminator tag, then by Rust name.
pub fn matched_variants<'a>(
    old: &'a [UnionVariant],
    new: &'a [UnionVariant],
    pairs: Option<&Pairs>,
) -> Vec<(Option<&'a UnionVariant>, Option<&'a UnionVariant>)> {
    let mut taken = BTreeSet::new();
    let mut out = Vec::new();
    for v in old {
        let found = new
            .iter()
            .enumerate()
            .filter(|(i, _)| !taken.contains(i))
            .find(|(_, w)| pairs.is_some_and(|p| p.same(&v.ty, &w.ty)))
            .or_else(|| {
                new.iter()
                    .enumerate()
                    .filter(|(i, _)| !taken.contains(i))
                    .find(|(_, w)| v.tags.iter().any(|t| w.tags.contains(t)))
            })
            .or_else(|| {
                new.iter()
                    .enumerate()
                    .filter(|(i, _)| !taken.contains(i))
                    .find(|(_, w)| w.name == v.name)
            });
        match found {
            Some((i, w)) => {
                taken.insert(i);
                out.push((Some(v), Some(w)));
            }
            None => out.push((Some(v), None)),
        }
    }
    for (i, w) in new.iter().enumerate() {
        if !taken.contains(&i) {
            out.push((None, Some(w)));
        }
    }
    out
}

/// Where each type of one version is used: reachable from a parameter or request body
/// (request) or from a response, through fields, variants and aliases.
pub fn usage(api: &Api) -> BTreeMap<String, Usage> {
    let mut out = BTreeMap::new();
    for op in api.groups.values().flat_map(|g| &g.operations) {
        for p in &op.params {
            mark(api, &p.ty, true, &mut out);
        }
        if let Some(b) = &op.body {
            mark(api, &b.ty, true, &mut out);
        }
        for r in &op.responses {
            if let Some(t) = &r.ty {
                mark(api, t, false, &mut out);
            }
        }
    }
    out
}

fn mark(api: &Api, ty: &Ty, request: bool, out: &mut BTreeMap<String, Usage>) {
    match ty {
        Ty::Vec(t) | Ty::Map(t) => mark(api, t, request, out),
        Ty::Named(n) => {
            let u = out.entry(n.clone()).or_default();
            let flag = if request { &mut u.request } else { &mut u.response };
            if *flag {
                return;
            }
            *flag = true;
            let Some(def) = api.types.get(n) else { return };
            match &def.kind {
                Kind::Struct(s) => {
                    for f in &s.fields {
                        mark(api, &f.ty, request, out);
                    }
                    if let Some(t) = &s.additional {
                        mark(api, t, request, out);
                    }
                }
                Kind::Union(u) => {
                    for v in &u.variants {
                        mark(api, &v.ty, request, out);
                    }
                }
                Kind::Alias(t) => mark(api, t, request, out),
                Kind::Enum(_) => {}
            }
        }
        _ => {}
    }
}

/// A model type as it reads in the generated crate.
pub fn rust_ty(ty: &Ty) -> String {
    ty.written(false)
}

/// A struct field's type as declared: boxed when recursive, `Option` when optional or
/// nullable, `Option<Option<_>>` when both.
pub fn field_ty(f: &Field) -> String {
    let mut t = rust_ty(&f.ty);
    if f.boxed {
        t = format!("Box<{t}>");
    }
    match (f.required, f.nullable) {
        (true, false) => t,
        (true, true) | (false, false) => format!("Option<{t}>"),
        (false, true) => format!("Option<Option<{t}>>"),
    }
}
