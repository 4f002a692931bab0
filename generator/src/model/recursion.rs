//! Recursive types: a struct that contains itself by value must hold a `Box` somewhere.

use super::{Kind, Ty, TypeDef};
use std::collections::{BTreeMap, BTreeSet};

/// The named types a type holds by value (not behind a `Vec` or map, which already box).
fn by_value(ty: &Ty) -> Option<&str> {
    match ty {
        Ty::Named(n) => Some(n),
        _ => None,
    }
}

fn edges(def: &TypeDef) -> Vec<&str> {
    match &def.kind {
        Kind::Struct(s) => s.fields.iter().filter_map(|f| by_value(&f.ty)).collect(),
        Kind::Union(u) => u.variants.iter().filter_map(|v| by_value(&v.ty)).collect(),
        Kind::Alias(t) => by_value(t).into_iter().collect(),
        Kind::Enum(_) => Vec::new(),
    }
}

fn reaches(types: &BTreeMap<String, TypeDef>, from: &str, target: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_string()];
    while let Some(n) = stack.pop() {
        if n == target {
            return true;
        }
        if !seen.insert(n.clone()) {
            continue;
        }
        if let Some(def) = types.get(&n) {
            stack.extend(edges(def).into_iter().map(str::to_string));
        }
    }
    false
}

/// Marks every by-value reference that closes a cycle as boxed.
pub fn box_cycles(types: &mut BTreeMap<String, TypeDef>) {
    let names: Vec<String> = types.keys().cloned().collect();
    for name in names {
        let def = &types[&name];
        let mut to_box: Vec<usize> = Vec::new();
        match &def.kind {
            Kind::Struct(s) => {
                for (i, f) in s.fields.iter().enumerate() {
                    if let Some(t) = by_value(&f.ty) {
                        if reaches(types, t, &name) {
                            to_box.push(i);
                        }
                    }
                }
            }
            Kind::Union(u) => {
                for (i, v) in u.variants.iter().enumerate() {
                    if let Some(t) = by_value(&v.ty) {
                        if reaches(types, t, &name) {
                            to_box.push(i);
                        }
                    }
                }
            }
            _ => {}
        }
        let def = types.get_mut(&name).expect("name came from the map");
        match &mut def.kind {
            Kind::Struct(s) => to_box.iter().for_each(|&i| s.fields[i].boxed = true),
            Kind::Union(u) => to_box.iter().for_each(|&i| u.variants[i].boxed = true),
            _ => {}
        }
    }
}
