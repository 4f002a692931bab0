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
                    if let Some(t) = by_value(&f.ty)
                        && reaches(types, t, &name)
                    {
                        to_box.push(i);
                    }
                }
            }
            Kind::Union(u) => {
                for (i, v) in u.variants.iter().enumerate() {
                    if let Some(t) = by_value(&v.ty)
                        && reaches(types, t, &name)
                    {
                        to_box.push(i);
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

/// The named types inside a type, through `Vec` and maps, each with whether it is the type
/// itself (a plain `Named`) rather than inside a container.
fn named_in(ty: &Ty, direct: bool, out: &mut Vec<(String, bool)>) {
    match ty {
        Ty::Named(n) => out.push((n.clone(), direct)),
        Ty::Vec(t) | Ty::Map(t) => named_in(t, false, out),
        _ => {}
    }
}

/// The alias cycle through `start`, if any: the aliases on it in order, and whether every hop
/// is the next alias itself (`A = B`, `B = A`: nothing but references) rather than a container
/// of it (`A = Vec<A>`).
fn alias_cycle(types: &BTreeMap<String, TypeDef>, start: &str) -> Option<(Vec<String>, bool)> {
    fn dfs(
        types: &BTreeMap<String, TypeDef>,
        at: &str,
        start: &str,
        path: &mut Vec<(String, bool)>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        let Some(TypeDef {
            kind: Kind::Alias(ty), ..
        }) = types.get(at)
        else {
            return false;
        };
        let mut next = Vec::new();
        named_in(ty, true, &mut next);
        for (n, direct) in next {
            path.push((n.clone(), direct));
            if n == start {
                return true;
            }
            if seen.insert(n.clone()) && dfs(types, &n, start, path, seen) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut path = Vec::new();
    let mut seen = BTreeSet::new();
    if !dfs(types, start, start, &mut path, &mut seen) {
        return None;
    }
    let pure = path.iter().all(|(_, direct)| *direct);
    let mut names = vec![start.to_string()];
    names.extend(path.iter().take(path.len() - 1).map(|(n, _)| n.clone()));
    Some((names, pure))
}

/// Rust has no recursive type aliases. A cycle of references with no content (`A: {$ref: B}`,
/// `B: {$ref: A}`) describes no value and is an error naming each place; an alias that holds
/// itself through a list or map (`A: {type: array, items: {$ref: A}}`) keeps its shape with
/// the inner reference typed as free-form JSON, and a warning.
pub fn alias_cycles(
    types: &mut BTreeMap<String, TypeDef>,
    file: &std::path::Path,
    warnings: &mut crate::diag::Warnings,
) -> Result<(), crate::diag::Error> {
    let aliases: Vec<String> = types
        .iter()
        .filter(|(_, d)| matches!(d.kind, Kind::Alias(_)))
        .map(|(n, _)| n.clone())
        .collect();
    for name in aliases {
        let Some((cycle, pure)) = alias_cycle(types, &name) else {
            continue;
        };
        let origins: Vec<String> = cycle.iter().map(|n| format!("#{}", types[n].origin)).collect();
        if pure {
            return Err(crate::diag::Error::at(
                file,
                &types[&name].origin,
                format!(
                    "a cycle of references with no content: {} -> {}",
                    origins.join(" -> "),
                    origins[0]
                ),
            ));
        }
        let back = cycle.get(1).cloned().unwrap_or_else(|| name.clone());
        let def = types.get_mut(&name).expect("an alias");
        if let Kind::Alias(ty) = &mut def.kind {
            replace_named(ty, &back);
        }
        warnings.push(
            file,
            &def.origin,
            format!(
                "a type that contains itself through a list or map ({}): the inner reference is typed as free-form JSON",
                origins.join(" -> ")
            ),
        );
    }
    Ok(())
}

/// A union variant that is the union itself (through aliases: `Item: {oneOf: [{$ref: ItemAlias},
/// ..]}`, `ItemAlias: {$ref: Item}`) adds no value a JSON document can have, and decoding would
/// try it forever: it is left out, with a warning.
pub fn self_variants(
    types: &mut BTreeMap<String, TypeDef>,
    file: &std::path::Path,
    warnings: &mut crate::diag::Warnings,
) {
    let resolve = |types: &BTreeMap<String, TypeDef>, t: &Ty| -> Option<String> {
        let mut t = t.clone();
        for _ in 0..64 {
            match &t {
                Ty::Named(n) => match types.get(n).map(|d| &d.kind) {
                    Some(Kind::Alias(next)) => t = next.clone(),
                    _ => return Some(n.clone()),
                },
                _ => return None,
            }
        }
        None
    };
    let unions: Vec<String> = types
        .iter()
        .filter(|(_, d)| matches!(d.kind, Kind::Union(_)))
        .map(|(n, _)| n.clone())
        .collect();
    for name in unions {
        let Kind::Union(u) = &types[&name].kind else { continue };
        let selfish: Vec<String> = u
            .variants
            .iter()
            .filter(|v| resolve(types, &v.ty).as_deref() == Some(name.as_str()))
            .map(|v| v.name.clone())
            .collect();
        if selfish.is_empty() {
            continue;
        }
        let def = types.get_mut(&name).expect("a union");
        if let Kind::Union(u) = &mut def.kind {
            u.variants.retain(|v| !selfish.contains(&v.name));
            if u.variants.is_empty() {
                def.kind = Kind::Alias(Ty::Json);
            }
        }
        warnings.push(
            file,
            &def.origin,
            format!(
                "union members that are the union itself ({}): left out",
                selfish.join(", ")
            ),
        );
    }
}

fn replace_named(ty: &mut Ty, name: &str) {
    match ty {
        Ty::Named(n) if n == name => *ty = Ty::Json,
        Ty::Vec(t) | Ty::Map(t) => replace_named(t, name),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alias(name: &str, ty: Ty) -> (String, TypeDef) {
        (
            name.to_string(),
            TypeDef {
                name: name.to_string(),
                doc: None,
                origin: format!("/components/schemas/{name}"),
                kind: Kind::Alias(ty),
            },
        )
    }

    #[test]
    fn a_cycle_of_bare_references_is_an_error_naming_each_place() {
        let mut types: BTreeMap<String, TypeDef> =
            [alias("A", Ty::Named("B".into())), alias("B", Ty::Named("A".into()))].into();
        let mut w = crate::diag::Warnings::default();
        let e = alias_cycles(&mut types, std::path::Path::new("t.yaml"), &mut w).unwrap_err();
        assert!(
            e.message
                .contains("#/components/schemas/A -> #/components/schemas/B -> #/components/schemas/A"),
            "{e}"
        );
    }

    #[test]
    fn an_alias_holding_itself_in_a_list_is_broken_with_json() {
        let mut types: BTreeMap<String, TypeDef> = [
            alias("A", Ty::Vec(Box::new(Ty::Named("A".into())))),
            alias("M", Ty::Map(Box::new(Ty::Named("N".into())))),
            alias("N", Ty::Named("M".into())),
        ]
        .into();
        let mut w = crate::diag::Warnings::default();
        alias_cycles(&mut types, std::path::Path::new("t.yaml"), &mut w).unwrap();
        assert_eq!(types["A"].kind, Kind::Alias(Ty::Vec(Box::new(Ty::Json))));
        assert_eq!(types["M"].kind, Kind::Alias(Ty::Map(Box::new(Ty::Json))));
        assert_eq!(types["N"].kind, Kind::Alias(Ty::Named("M".into())));
        assert_eq!(w.items.len(), 2);
    }
}
