//! API change reports: what changed between two versions of one description, for a reviewer.
//!
//! Both versions go through the same stages as generation (load, bundle, normalise, model), and
//! the two [`model::Api`]s are compared, so every change is named twice: in the terms of the
//! generated crate (`SendSmsRequest.delivery_report`, `Batches::send_sms`) and in the
//! description's own (`sendBatchObject.delivery_report`, `SendSMS (POST /xms/v1/...)`).
//!
//! Each change is classed for users of the generated SDK:
//!
//! - **breaking**: code written against the old SDK may stop compiling or stop working: a
//!   request the API now rejects, a response it no longer sends that way, or a Rust item
//!   removed, renamed or retyped;
//! - **additive**: something new that existing code does not have to know about.
//!
//! Whether a type is used in requests, responses or both ([`pairing::usage`]) decides the
//! cases where it matters (a new required field breaks callers that build the type, not code
//! that only reads it).

mod operations;
mod pairing;
mod render;
mod security;
mod types;

use crate::diag::{Error, Warnings};
use crate::manifest::ApiEntry;
use crate::model::Api;
use std::path::{Path, PathBuf};

/// One version of a description, loaded and modelled.
pub struct Version {
    pub file: PathBuf,
    pub doc: openapiv3::OpenAPI,
    pub api: Api,
}

impl Version {
    /// Loads and models one version. `entry` is the manifest's entry for the API (its module
    /// and facts); without one they come from the description, with `stem` as its key.
    pub fn load(path: &Path, entry: Option<&ApiEntry>, stem: &str, warnings: &mut Warnings) -> Result<Version, Error> {
        let doc = crate::load_description(path, warnings)?;
        let entry = match entry {
            Some(e) => e.clone(),
            None => ApiEntry::from_description(stem, &doc),
        };
        let api = crate::model::build(&entry, path, &doc, warnings)?;
        Ok(Version {
            file: path.to_path_buf(),
            doc,
            api,
        })
    }
}

/// The key a description file stands for: `sms` for `sms.yaml`, `sms.ballerina.yaml` and
/// `sms/openapi.yaml`.
pub fn stem_of(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("api");
    let name = if name.starts_with("openapi.") {
        path.parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or("api")
    } else {
        name
    };
    name.split('.')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("api")
        .to_string()
}

/// Loads two files and compares them; `entry` as for [`Version::load`] (the stem of `new`
/// otherwise, so both sides get the same module name).
pub fn diff_files(old: &Path, new: &Path, entry: Option<&ApiEntry>) -> Result<Report, Error> {
    let mut warnings = Warnings::default();
    let stem = stem_of(new);
    let old = Version::load(old, entry, &stem, &mut warnings)?;
    let new = Version::load(new, entry, &stem, &mut warnings)?;
    Ok(compare(&old, &new))
}

/// Breaking or additive, for users of the generated SDK.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    Breaking,
    Additive,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Additive => "additive",
        }
    }
}

/// What part of the API a change is about; the report groups changes by it, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    Server,
    Security,
    Operation,
    Parameter,
    RequestBody,
    Response,
    Type,
    Field,
    EnumValue,
    UnionVariant,
}

impl Area {
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Server => "server",
            Area::Security => "security",
            Area::Operation => "operation",
            Area::Parameter => "parameter",
            Area::RequestBody => "request body",
            Area::Response => "response",
            Area::Type => "type",
            Area::Field => "field",
            Area::EnumValue => "enum value",
            Area::UnionVariant => "union variant",
        }
    }

    /// The heading of the area's group in the text report.
    pub fn heading(self) -> &'static str {
        match self {
            Area::Server => "servers",
            Area::Security => "security",
            Area::Operation => "operations",
            Area::Parameter => "parameters",
            Area::RequestBody => "request bodies",
            Area::Response => "responses",
            Area::Type => "types",
            Area::Field => "fields",
            Area::EnumValue => "enum values",
            Area::UnionVariant => "union variants",
        }
    }
}

/// Where a type is used: decides whether some changes break callers or only readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Usage {
    /// Reachable from a parameter or request body: users build it.
    pub request: bool,
    /// Reachable from a response: the SDK decodes it.
    pub response: bool,
}

impl Usage {
    pub const UNUSED: Usage = Usage {
        request: false,
        response: false,
    };

    pub fn union(self, other: Usage) -> Usage {
        Usage {
            request: self.request || other.request,
            response: self.response || other.response,
        }
    }

    /// Types no operation uses are callback and webhook payloads, which users decode: they
    /// are judged as responses.
    pub fn effective(self) -> Usage {
        if self == Usage::UNUSED {
            Usage {
                request: false,
                response: true,
            }
        } else {
            self
        }
    }

    pub fn label(self) -> &'static str {
        match (self.request, self.response) {
            (true, true) => "requests and responses",
            (true, false) => "requests",
            (false, true) => "responses",
            (false, false) => "no operation",
        }
    }
}

/// One change, named in Rust and OpenAPI terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub class: Class,
    pub area: Area,
    /// What happened: `added`, `removed`, `retyped`, `made required`, ...
    pub change: String,
    /// The item in the generated crate (`SendSmsRequest.delivery_report`, `Batches::send_sms`).
    pub rust: Option<String>,
    /// The item in the description (`sendBatchObject.delivery_report`).
    pub openapi: String,
    /// Before and after, when there is more to say than the change itself.
    pub detail: Option<String>,
    /// For changes inside a type: where the type is used (both versions together).
    pub usage: Option<Usage>,
    /// Why the change is breaking or additive.
    pub reason: String,
}

/// One side of the report's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    pub file: String,
    pub title: String,
    pub version: String,
}

impl Side {
    fn of(v: &Version) -> Side {
        Side {
            file: v.file.display().to_string(),
            title: v.api.title.clone(),
            version: v.api.version.clone(),
        }
    }
}

/// Every change between two versions, breaking ones first.
#[derive(Debug, Clone)]
pub struct Report {
    pub key: String,
    pub module: String,
    pub old: Side,
    pub new: Side,
    pub changes: Vec<Change>,
}

impl Report {
    pub fn breaking(&self) -> usize {
        self.changes.iter().filter(|c| c.class == Class::Breaking).count()
    }

    pub fn additive(&self) -> usize {
        self.changes.iter().filter(|c| c.class == Class::Additive).count()
    }

    pub fn has_breaking(&self) -> bool {
        self.breaking() > 0
    }

    /// The report for a terminal.
    pub fn to_text(&self) -> String {
        render::text(self)
    }

    /// The report for CI.
    pub fn to_json(&self) -> serde_json::Value {
        render::json(self)
    }
}

/// Compares two versions of one API.
pub fn compare(old: &Version, new: &Version) -> Report {
    let mut out = Vec::new();
    security::servers(old, new, &mut out);
    let ops = operations::match_operations(&old.api, &new.api);
    security::security(old, new, &ops, &mut out);
    let pairs = pairing::pair_types(&old.api, &new.api, &ops.matched);
    let (old_ref, new_ref) = (side_ref(old), side_ref(new));
    let cx = Cx {
        old: &old_ref,
        new: &new_ref,
        pairs: &pairs,
    };
    operations::compare(&cx, &ops, &mut out);
    types::compare(&cx, &mut out);
    // Breaking first, then by area; within an area the order of discovery (description order).
    out.sort_by_key(|c| (c.class, c.area));
    Report {
        key: new.api.key.clone(),
        module: new.api.module.clone(),
        old: Side::of(old),
        new: Side::of(new),
        changes: out,
    }
}

/// One version as the comparison sees it: the model and where each type is used.
pub(crate) struct SideRef<'a> {
    pub api: &'a Api,
    pub usage: std::collections::BTreeMap<String, Usage>,
}

fn side_ref(v: &Version) -> SideRef<'_> {
    SideRef {
        api: &v.api,
        usage: pairing::usage(&v.api),
    }
}

/// What the comparisons share.
pub(crate) struct Cx<'a> {
    pub old: &'a SideRef<'a>,
    pub new: &'a SideRef<'a>,
    pub pairs: &'a pairing::Pairs,
}

impl Cx<'_> {
    /// Where a type is used, in either version.
    pub fn usage(&self, old: &str, new: &str) -> Usage {
        let o = self.old.usage.get(old).copied().unwrap_or_default();
        let n = self.new.usage.get(new).copied().unwrap_or_default();
        o.union(n)
    }
}

impl Cx<'_> {
    /// Whether two types have the same JSON shape, whatever their Rust names: same fields
    /// (names, requiredness, nullability, shapes), same enum values, same variants.
    pub fn equivalent(&self, old: &crate::model::Ty, new: &crate::model::Ty) -> bool {
        let mut seen = std::collections::BTreeSet::new();
        self.equivalent_in(old, new, &mut seen)
    }

    fn equivalent_in(
        &self,
        old: &crate::model::Ty,
        new: &crate::model::Ty,
        seen: &mut std::collections::BTreeSet<(String, String)>,
    ) -> bool {
        use crate::model::{Kind, Ty};
        let resolve = |api: &Api, t: &Ty| -> Ty {
            let mut t = t.clone();
            for _ in 0..16 {
                match &t {
                    Ty::Named(n) => match api.types.get(n).map(|d| &d.kind) {
                        Some(Kind::Alias(inner)) => t = inner.clone(),
                        _ => break,
                    },
                    _ => break,
                }
            }
            t
        };
        let (old, new) = (resolve(self.old.api, old), resolve(self.new.api, new));
        match (&old, &new) {
            (Ty::Vec(a), Ty::Vec(b)) | (Ty::Map(a), Ty::Map(b)) => self.equivalent_in(a, b, seen),
            (Ty::Named(a), Ty::Named(b)) => {
                if self.pairs.new_of(a) == Some(b.as_str()) || !seen.insert((a.clone(), b.clone())) {
                    return true;
                }
                let (Some(x), Some(y)) = (self.old.api.types.get(a), self.new.api.types.get(b)) else {
                    return false;
                };
                match (&x.kind, &y.kind) {
                    (Kind::Struct(s), Kind::Struct(t)) => {
                        s.fields.len() == t.fields.len()
                            && s.fields.iter().all(|f| {
                                t.fields.iter().any(|g| {
                                    g.json == f.json
                                        && g.required == f.required
                                        && g.nullable == f.nullable
                                        && self.equivalent_in(&f.ty, &g.ty, seen)
                                })
                            })
                            && match (&s.additional, &t.additional) {
                                (Some(p), Some(q)) => self.equivalent_in(p, q, seen),
                                (None, None) => true,
                                _ => false,
                            }
                    }
                    (Kind::Enum(e), Kind::Enum(f)) => {
                        let values = |e: &crate::model::StringEnum| {
                            e.variants
                                .iter()
                                .map(|v| v.value.clone())
                                .collect::<std::collections::BTreeSet<_>>()
                        };
                        values(e) == values(f)
                    }
                    (Kind::Union(u), Kind::Union(v)) => {
                        u.discriminator == v.discriminator
                            && u.variants.len() == v.variants.len()
                            && u.variants
                                .iter()
                                .zip(&v.variants)
                                .all(|(p, q)| self.equivalent_in(&p.ty, &q.ty, seen))
                    }
                    _ => false,
                }
            }
            _ => old == new,
        }
    }

    /// Why a retyping breaks: `default`, or that only the Rust type's name changed.
    pub fn retype_reason(&self, old: &crate::model::Ty, new: &crate::model::Ty, default: &str) -> String {
        if self.equivalent(old, new) {
            format!(
                "same JSON shape, but another Rust type ({} -> {}): code naming the old type no longer compiles",
                pairing::rust_ty(old),
                pairing::rust_ty(new)
            )
        } else {
            default.to_string()
        }
    }
}
