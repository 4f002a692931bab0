//! Whether a JSON value decodes into a model type, as the generated serde code would decode it:
//! the test server answers with a description's example only when the SDK can read it back.
//!
//! Conservative where the generated code is lenient (open enums take any string, unions of
//! objects keep unknown objects): a value judged to fit may still fail on a detail this does not
//! model (a union's shape rules), but a value judged not to fit does not decode.

use super::{Kind, Ty, TypeDef};
use serde_json::Value;
use std::collections::BTreeMap;

/// `Ok` when `value` decodes as `ty`; else where (a JSON pointer into the value) and why not.
pub fn fits(value: &Value, ty: &Ty, defs: &BTreeMap<String, TypeDef>) -> Result<(), String> {
    let mut at = String::new();
    check(value, ty, defs, &mut at, 0).map_err(|why| {
        if at.is_empty() {
            why
        } else {
            format!("at `{at}`: {why}")
        }
    })
}

/// Deeper than any description nests; recursive types with recursive examples stop here.
const DEPTH: usize = 64;

fn check(
    value: &Value,
    ty: &Ty,
    defs: &BTreeMap<String, TypeDef>,
    at: &mut String,
    depth: usize,
) -> Result<(), String> {
    if depth > DEPTH {
        return Ok(());
    }
    let expected = |what: &str| Err(format!("expected {what}, found {}", kind_of(value)));
    match ty {
        Ty::String | Ty::Timestamp => {
            if !value.is_string() {
                return expected("a string");
            }
        }
        Ty::Bool => {
            if !value.is_boolean() {
                return expected("a boolean");
            }
        }
        Ty::I32 => {
            if value.as_i64().is_none_or(|n| i32::try_from(n).is_err()) {
                return expected("a 32-bit integer");
            }
        }
        Ty::I64 => {
            if !value.is_i64() {
                return expected("an integer");
            }
        }
        Ty::F32 | Ty::F64 => {
            if !value.is_number() {
                return expected("a number");
            }
        }
        Ty::Json | Ty::Binary | Ty::Unit => {}
        Ty::Vec(inner) => {
            let Some(items) = value.as_array() else {
                return expected("an array");
            };
            for (i, item) in items.iter().enumerate() {
                nested(at, &i.to_string(), |at| check(item, inner, defs, at, depth + 1))?;
            }
        }
        Ty::Map(inner) => {
            let Some(members) = value.as_object() else {
                return expected("an object");
            };
            for (k, v) in members {
                nested(at, k, |at| check(v, inner, defs, at, depth + 1))?;
            }
        }
        Ty::Named(name) => {
            let Some(def) = defs.get(name) else {
                return Ok(());
            };
            return named(value, &def.kind, defs, at, depth);
        }
    }
    Ok(())
}

fn named(
    value: &Value,
    kind: &Kind,
    defs: &BTreeMap<String, TypeDef>,
    at: &mut String,
    depth: usize,
) -> Result<(), String> {
    match kind {
        Kind::Alias(ty) => check(value, ty, defs, at, depth + 1),
        // Open: values added later decode as `Other`.
        Kind::Enum(_) => match value.is_string() {
            true => Ok(()),
            false => Err(format!("expected a string, found {}", kind_of(value))),
        },
        Kind::Union(u) => {
            if let Some(prop) = &u.discriminator {
                // Tagged: the tag picks the variant; no tag, or one added later, is `Other`.
                let tag = value.get(prop).and_then(Value::as_str);
                let picked = u
                    .variants
                    .iter()
                    .find(|v| tag.is_some_and(|t| v.tags.iter().any(|x| x == t)));
                return match picked {
                    Some(v) => check(value, &v.ty, defs, at, depth + 1),
                    None => Ok(()),
                };
            }
            let mut scratch = String::new();
            if u.variants
                .iter()
                .any(|v| check(value, &v.ty, defs, &mut scratch, depth + 1).is_ok())
            {
                return Ok(());
            }
            // `Other` takes only objects with none of the properties that tell variants apart.
            let telling = |p: &String| !u.variants.iter().all(|v| v.known.contains(p));
            let unknown = value.as_object().is_some_and(|o| {
                !u.variants
                    .iter()
                    .flat_map(|v| &v.known)
                    .any(|p| telling(p) && o.contains_key(p))
            });
            match unknown && u.keeps_unknown() {
                true => Ok(()),
                false => Err(format!("{} fits none of the union's variants", kind_of(value))),
            }
        }
        Kind::Struct(s) => {
            let Some(members) = value.as_object() else {
                return Err(format!("expected an object, found {}", kind_of(value)));
            };
            for f in s.fields.iter().filter(|f| !f.flatten) {
                let found = std::iter::once(&f.json)
                    .chain(&f.aliases)
                    .find_map(|name| members.get(name).map(|v| (name, v)));
                match found {
                    None if f.required && !f.nullable => return Err(format!("missing field `{}`", f.json)),
                    None => {}
                    Some((_, Value::Null)) if f.nullable || !f.required => {}
                    Some((_, Value::Number(_))) if f.number_as_text => {}
                    Some((name, v)) => nested(at, name, |at| check(v, &f.ty, defs, at, depth + 1))?,
                }
            }
            Ok(())
        }
    }
}

/// Runs `f` with `/segment` appended to the pointer, removing it again when the value fits.
fn nested(at: &mut String, segment: &str, f: impl FnOnce(&mut String) -> Result<(), String>) -> Result<(), String> {
    let len = at.len();
    at.push('/');
    at.push_str(&segment.replace('~', "~0").replace('/', "~1"));
    f(at)?;
    at.truncate(len);
    Ok(())
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EnumVariant, Field, StringEnum, Struct};
    use serde_json::json;

    fn field(json: &str, ty: Ty, required: bool, nullable: bool) -> Field {
        Field {
            json: json.into(),
            name: json.into(),
            ty,
            required,
            nullable,
            boxed: false,
            doc: None,
            aliases: Vec::new(),
            number_as_text: false,
            flatten: false,
        }
    }

    fn defs() -> BTreeMap<String, TypeDef> {
        let def = |name: &str, kind| {
            (
                name.to_string(),
                TypeDef {
                    name: name.into(),
                    doc: None,
                    origin: String::new(),
                    kind,
                },
            )
        };
        BTreeMap::from([
            def(
                "Status",
                Kind::Struct(Struct {
                    fields: vec![
                        field("code", Ty::I32, true, false),
                        field("count", Ty::I64, false, false),
                        field("state", Ty::Named("State".into()), false, false),
                        field("note", Ty::String, true, true),
                    ],
                    additional: None,
                }),
            ),
            def(
                "State",
                Kind::Enum(StringEnum {
                    variants: vec![EnumVariant {
                        name: "Done".into(),
                        value: "done".into(),
                    }],
                }),
            ),
        ])
    }

    fn statuses() -> Ty {
        Ty::Vec(Box::new(Ty::Named("Status".into())))
    }

    #[test]
    fn a_value_of_the_described_shape_fits() {
        let v = json!([{"code": 1, "count": 20000, "state": "done", "note": null}, {"code": 2, "note": "x"}]);
        assert_eq!(fits(&v, &statuses(), &defs()), Ok(()));
    }

    #[test]
    fn open_enums_take_values_added_later() {
        let v = json!([{"code": 1, "state": "archived", "note": null}]);
        assert_eq!(fits(&v, &statuses(), &defs()), Ok(()));
    }

    #[test]
    fn a_wrong_scalar_is_named_by_its_place() {
        // Sinch's SMS delivery report example writes a count as "20 000".
        let v = json!([{"code": 1, "note": null}, {"code": 2, "count": "20 000", "note": null}]);
        assert_eq!(
            fits(&v, &statuses(), &defs()),
            Err("at `/1/count`: expected an integer, found a string".into())
        );
    }

    #[test]
    fn missing_required_fields_do_not_fit_but_nullable_ones_may_be_missing_or_null() {
        let v = json!([{"note": null}]);
        assert_eq!(
            fits(&v, &statuses(), &defs()),
            Err("at `/0`: missing field `code`".into())
        );
        // serde reads a missing `Option` field as `None`, required or not.
        let v = json!([{"code": 1}]);
        assert_eq!(fits(&v, &statuses(), &defs()), Ok(()));
        let v = json!([{"code": 1, "note": null, "count": null}]);
        assert_eq!(fits(&v, &statuses(), &defs()), Ok(()), "an optional field may be null");
    }

    #[test]
    fn integers_out_of_range_do_not_fit() {
        assert!(fits(&json!(1u64 << 40), &Ty::I32, &BTreeMap::new()).is_err());
        assert!(fits(&json!(1.5), &Ty::I64, &BTreeMap::new()).is_err());
        assert!(fits(&json!(2), &Ty::F64, &BTreeMap::new()).is_ok());
    }

    #[test]
    fn a_tag_picks_the_variant_and_unknown_tags_are_kept() {
        use crate::model::{JsonKind, Union, UnionVariant};
        let mut defs = defs();
        let variant = UnionVariant {
            name: "Status".into(),
            ty: Ty::Named("Status".into()),
            boxed: false,
            tags: vec!["status".into()],
            kind: JsonKind::Object,
            required: Vec::new(),
            known: Vec::new(),
            values: Vec::new(),
        };
        let union = Union {
            discriminator: Some("kind".into()),
            variants: vec![variant],
        };
        let def = TypeDef {
            name: "Event".into(),
            doc: None,
            origin: String::new(),
            kind: Kind::Union(union),
        };
        defs.insert("Event".into(), def);
        let event = Ty::Named("Event".into());
        assert_eq!(
            fits(&json!({"kind": "status", "code": 1, "note": null}), &event, &defs),
            Ok(())
        );
        assert_eq!(fits(&json!({"kind": "added_later"}), &event, &defs), Ok(()));
        assert_eq!(
            fits(&json!({"kind": "status", "code": "1"}), &event, &defs),
            Err("at `/code`: expected a 32-bit integer, found a string".into())
        );
    }
}
