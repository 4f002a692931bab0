//! Operations: added, removed, renamed or moved, and their parameters, bodies and responses.

use super::pairing::rust_ty;
use super::{Area, Change, Class, Cx};
use crate::model::Api;
use crate::model::operations::{Group, Location, Operation, Param, Resp, Status, placeholders};

/// One operation with the group (accessor) it belongs to.
#[derive(Clone, Copy)]
pub struct Op<'a> {
    pub group: &'a Group,
    pub op: &'a Operation,
}

impl Op<'_> {
    /// `Batches::send_sms`: the accessor's type and the method.
    pub fn rust(&self) -> String {
        format!("{}::{}", self.group.type_name, self.op.fn_name)
    }
}

/// Operations of two versions, matched.
pub struct Matched<'a> {
    pub pairs: Vec<(Op<'a>, Op<'a>)>,
    pub removed: Vec<Op<'a>>,
    pub added: Vec<Op<'a>>,
    /// The matched operations alone, for pairing types.
    pub matched: Vec<(&'a Operation, &'a Operation)>,
}

fn all(api: &Api) -> Vec<Op<'_>> {
    api.groups
        .values()
        .flat_map(|g| g.operations.iter().map(move |op| Op { group: g, op }))
        .collect()
}

/// Whether the description gave the operation an id (the model names it `get /path` otherwise).
pub fn has_id(op: &Operation) -> bool {
    op.id != format!("{} {}", op.method.to_lowercase(), op.path)
}

/// A path with its placeholders' names left out: `/batches/{}`.
fn shape(path: &str) -> String {
    let mut out = path.trim_end_matches('/').to_string();
    for name in placeholders(path) {
        out = out.replacen(&format!("{{{name}}}"), "{}", 1);
    }
    out
}

/// Whether two operations are the same one.
type Rule = dyn Fn(&Operation, &Operation) -> bool;

/// Matches operations by operationId, then by method and path.
pub fn match_operations<'a>(old: &'a Api, new: &'a Api) -> Matched<'a> {
    let old_ops = all(old);
    let new_ops = all(new);
    let mut new_taken = vec![false; new_ops.len()];
    let mut found: Vec<Option<usize>> = vec![None; old_ops.len()];
    let rules: [&Rule; 3] = [
        &|a, b| has_id(a) && has_id(b) && a.id == b.id,
        &|a, b| has_id(a) && has_id(b) && a.id.eq_ignore_ascii_case(&b.id),
        &|a, b| a.method == b.method && shape(&a.path) == shape(&b.path),
    ];
    for rule in rules {
        for (i, o) in old_ops.iter().enumerate() {
            if found[i].is_some() {
                continue;
            }
            if let Some(j) = (0..new_ops.len()).find(|&j| !new_taken[j] && rule(o.op, new_ops[j].op)) {
                new_taken[j] = true;
                found[i] = Some(j);
            }
        }
    }
    let mut m = Matched {
        pairs: Vec::new(),
        removed: Vec::new(),
        added: Vec::new(),
        matched: Vec::new(),
    };
    for (i, o) in old_ops.iter().enumerate() {
        match found[i] {
            Some(j) => {
                m.pairs.push((*o, new_ops[j]));
                m.matched.push((o.op, new_ops[j].op));
            }
            None => m.removed.push(*o),
        }
    }
    for (j, n) in new_ops.iter().enumerate() {
        if !new_taken[j] {
            m.added.push(*n);
        }
    }
    m
}

/// Parameters of two versions of an operation: path parameters by their position in the
/// path, the others by place and name (headers ignoring case).
pub fn matched_params<'a>(old: &'a Operation, new: &'a Operation) -> Vec<(Option<&'a Param>, Option<&'a Param>)> {
    let old_slots = placeholders(&old.path);
    let new_slots = placeholders(&new.path);
    let same = |a: &Param, b: &Param| -> bool {
        if a.location != b.location {
            return false;
        }
        match a.location {
            Location::Path => {
                let i = old_slots.iter().position(|s| *s == a.json);
                let j = new_slots.iter().position(|s| *s == b.json);
                match (i, j) {
                    (Some(i), Some(j)) => i == j,
                    _ => a.json == b.json,
                }
            }
            Location::Header => a.json.eq_ignore_ascii_case(&b.json),
            _ => a.json == b.json,
        }
    };
    let mut taken = vec![false; new.params.len()];
    let mut out = Vec::new();
    for a in &old.params {
        match (0..new.params.len()).find(|&j| !taken[j] && same(a, &new.params[j])) {
            Some(j) => {
                taken[j] = true;
                out.push((Some(a), Some(&new.params[j])));
            }
            None => out.push((Some(a), None)),
        }
    }
    for (j, b) in new.params.iter().enumerate() {
        if !taken[j] {
            out.push((None, Some(b)));
        }
    }
    out
}

/// `SendSMS (POST /xms/v1/{service_plan_id}/batches)`, or only the method and path when the
/// description gives no operationId.
pub fn label(op: &Operation) -> String {
    if has_id(op) {
        format!("{} ({} {})", op.id, op.method, op.path)
    } else {
        format!("{} {}", op.method, op.path)
    }
}

fn location(l: Location) -> &'static str {
    match l {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Cookie => "cookie",
    }
}

fn status(s: &Status) -> String {
    match s {
        Status::Code(c) => c.to_string(),
        Status::Range(r) => format!("{r}XX"),
        Status::Default => "default".into(),
    }
}

/// Whether a parameter is an argument of the method (path, or required) rather than a setter
/// of its request builder (optional ones, and those set on the client).
fn is_argument(p: &Param) -> bool {
    !p.client && (p.location == Location::Path || p.required)
}

fn param_rust(op: Op<'_>, p: &Param) -> String {
    if is_argument(p) {
        format!("{}({})", op.rust(), crate::naming::escape(&p.name))
    } else {
        format!("{}::{}", op.op.call_type, crate::naming::escape(&p.name))
    }
}

/// Whether the method takes the body as an argument (see `emit::operations`): required,
/// a union, or a struct with required fields; otherwise it is the builder's `body` setter.
fn body_is_argument(api: &Api, b: &crate::model::operations::Body) -> bool {
    use crate::model::{Kind, Ty};
    let mut t = &b.ty;
    let shape = loop {
        match t {
            Ty::Named(n) => match api.types.get(n).map(|d| &d.kind) {
                Some(Kind::Alias(next)) => t = next,
                Some(Kind::Union(_)) => break true,
                Some(Kind::Struct(s)) => break s.fields.iter().any(|f| f.required),
                _ => break false,
            },
            _ => break false,
        }
    };
    b.required || shape
}

fn param_openapi(op: &Operation, p: &Param) -> String {
    format!("{} {} parameter `{}`", label(op), location(p.location), p.json)
}

/// What the method returns on success, as declared.
fn returns(op: &Operation) -> String {
    if let Some(st) = &op.success_type {
        return st.clone();
    }
    match op.responses.iter().find(|r| r.success) {
        Some(Resp { ty: Some(t), .. }) => rust_ty(t),
        _ => "()".into(),
    }
}

fn error_type(op: &Operation) -> String {
    format!(
        "Error<{}>",
        op.error_type.clone().unwrap_or_else(|| "NoErrorBody".into())
    )
}

fn resp_rust(op: Op<'_>, r: &Resp) -> String {
    match (r.success, &op.op.success_type, &op.op.error_type) {
        (true, Some(st), _) => format!("{st}::{}", r.variant),
        (false, _, Some(et)) => format!("{et}::{}", r.variant),
        _ => op.rust(),
    }
}

fn opt_ty(t: &Option<crate::model::Ty>) -> String {
    t.as_ref().map(rust_ty).unwrap_or_else(|| "no body".into())
}

pub fn compare(cx: &Cx<'_>, m: &Matched<'_>, out: &mut Vec<Change>) {
    for o in &m.removed {
        out.push(Change {
            class: Class::Breaking,
            area: Area::Operation,
            change: "removed".into(),
            rust: Some(o.rust()),
            openapi: label(o.op),
            detail: Some(format!("with its request builder {}", o.op.call_type)),
            usage: None,
            reason: "the method is gone: calls to it no longer compile".into(),
        });
    }
    for (o, n) in &m.pairs {
        operation(cx, *o, *n, out);
    }
    for n in &m.added {
        out.push(Change {
            class: Class::Additive,
            area: Area::Operation,
            change: "added".into(),
            rust: Some(n.rust()),
            openapi: label(n.op),
            detail: None,
            usage: None,
            reason: "a new method".into(),
        });
    }
}

fn operation(cx: &Cx<'_>, o: Op<'_>, n: Op<'_>, out: &mut Vec<Change>) {
    let openapi = label(n.op);
    let push = |out: &mut Vec<Change>, class, area, change: &str, rust: String, openapi: String, detail, reason| {
        out.push(Change {
            class,
            area,
            change: change.into(),
            rust: Some(rust),
            openapi,
            detail,
            usage: None,
            reason,
        })
    };
    if o.rust() != n.rust() {
        push(
            out,
            Class::Breaking,
            Area::Operation,
            "renamed",
            o.rust(),
            openapi.clone(),
            Some(if o.op.call_type != n.op.call_type {
                format!(
                    "{} -> {} (request builder {} -> {})",
                    o.rust(),
                    n.rust(),
                    o.op.call_type,
                    n.op.call_type
                )
            } else {
                format!("{} -> {}", o.rust(), n.rust())
            }),
            if o.op.id != n.op.id {
                format!(
                    "the operationId changed ({} -> {}): calls to the old method name no longer compile",
                    o.op.id, n.op.id
                )
            } else {
                "the operation moved to another tag (accessor): calls through the old one no longer compile".into()
            },
        );
    }
    if o.op.method != n.op.method || shape(&o.op.path) != shape(&n.op.path) {
        push(
            out,
            Class::Breaking,
            Area::Operation,
            "moved",
            n.rust(),
            openapi.clone(),
            Some(format!(
                "{} {} -> {} {}",
                o.op.method, o.op.path, n.op.method, n.op.path
            )),
            "the operation has another method or path: requests from the old SDK go to the old one".into(),
        );
    }
    if !o.op.deprecated && n.op.deprecated {
        push(
            out,
            Class::Additive,
            Area::Operation,
            "deprecated",
            n.rust(),
            openapi.clone(),
            None,
            "the method is now #[deprecated]: it still works, calls get a warning".into(),
        );
    }
    if o.op.deprecated && !n.op.deprecated {
        push(
            out,
            Class::Additive,
            Area::Operation,
            "no longer deprecated",
            n.rust(),
            openapi.clone(),
            None,
            "the deprecation was withdrawn".into(),
        );
    }

    // Parameters.
    for (a, b) in matched_params(o.op, n.op) {
        match (a, b) {
            (Some(a), None) => push(
                out,
                Class::Breaking,
                Area::Parameter,
                "removed",
                param_rust(o, a),
                param_openapi(o.op, a),
                None,
                if is_argument(a) {
                    format!("the method loses its `{}` argument", crate::naming::escape(&a.name))
                } else {
                    "the API no longer takes it; code calling the setter no longer compiles".into()
                },
            ),
            (None, Some(b)) => {
                let (class, change, reason) = if is_argument(b) {
                    (
                        Class::Breaking,
                        "added (required)",
                        "a new argument of the method: every call must pass it".to_string(),
                    )
                } else {
                    (
                        Class::Additive,
                        "added (optional)",
                        format!("a new setter of {}; calls may leave it out", n.op.call_type),
                    )
                };
                push(
                    out,
                    class,
                    Area::Parameter,
                    change,
                    param_rust(n, b),
                    param_openapi(n.op, b),
                    Some(rust_ty(&b.ty)),
                    reason,
                )
            }
            (Some(a), Some(b)) => {
                if !cx.pairs.same(&a.ty, &b.ty) {
                    push(
                        out,
                        Class::Breaking,
                        Area::Parameter,
                        "retyped",
                        param_rust(n, b),
                        param_openapi(n.op, b),
                        Some(format!("{} -> {}", rust_ty(&a.ty), rust_ty(&b.ty))),
                        cx.retype_reason(
                            &a.ty,
                            &b.ty,
                            "the parameter has another type: calls passing the old one no longer compile",
                        ),
                    );
                } else if is_argument(a) != is_argument(b) {
                    let (change, reason) = if is_argument(b) {
                        (
                            "made required",
                            "the API now requires it: it moves from a setter of the request builder into the method's arguments",
                        )
                    } else {
                        (
                            "made optional",
                            "the API no longer requires it, but it moves from the method's arguments to a setter of the request builder",
                        )
                    };
                    push(
                        out,
                        Class::Breaking,
                        Area::Parameter,
                        change,
                        param_rust(n, b),
                        param_openapi(n.op, b),
                        None,
                        reason.into(),
                    );
                } else if a.name != b.name {
                    let (class, reason) = if is_argument(b) {
                        (
                            Class::Additive,
                            "only the argument's name changes; arguments are passed by position",
                        )
                    } else {
                        (Class::Breaking, "the setter of the request builder has another name")
                    };
                    push(
                        out,
                        class,
                        Area::Parameter,
                        "renamed",
                        param_rust(n, b),
                        param_openapi(n.op, b),
                        Some(format!("{} -> {}", a.json, b.json)),
                        reason.into(),
                    );
                }
            }
            (None, None) => {}
        }
    }

    // Request body.
    let body_rust = |op: Op<'_>| format!("{}(body)", op.rust());
    let body_openapi = format!("{openapi} request body");
    match (&o.op.body, &n.op.body) {
        (None, Some(b)) => {
            let (class, reason) = if body_is_argument(cx.new.api, b) {
                (Class::Breaking, "the method gains a `body` argument")
            } else {
                (
                    Class::Additive,
                    "the request builder gains a `body` setter; calls may leave it out",
                )
            };
            push(
                out,
                class,
                Area::RequestBody,
                "added",
                body_rust(n),
                body_openapi,
                Some(rust_ty(&b.ty)),
                reason.into(),
            )
        }
        (Some(a), None) => push(
            out,
            Class::Breaking,
            Area::RequestBody,
            "removed",
            body_rust(o),
            body_openapi,
            Some(rust_ty(&a.ty)),
            if body_is_argument(cx.old.api, a) {
                "the method loses its `body` argument".into()
            } else {
                "the request builder loses its `body` setter".into()
            },
        ),
        (Some(a), Some(b)) => {
            let (was, is) = (body_is_argument(cx.old.api, a), body_is_argument(cx.new.api, b));
            if !cx.pairs.same(&a.ty, &b.ty) {
                push(
                    out,
                    Class::Breaking,
                    Area::RequestBody,
                    "retyped",
                    body_rust(n),
                    body_openapi,
                    Some(format!("{} -> {}", rust_ty(&a.ty), rust_ty(&b.ty))),
                    cx.retype_reason(
                        &a.ty,
                        &b.ty,
                        "the body has another type: calls passing the old one no longer compile",
                    ),
                );
            } else if a.required != b.required {
                let change = if b.required { "made required" } else { "made optional" };
                let (class, reason) = match (was, is) {
                    (false, true) => (
                        Class::Breaking,
                        "the body moves from the request builder's `body` setter into the method's arguments",
                    ),
                    (true, false) => (
                        Class::Breaking,
                        "the body moves from the method's arguments to the request builder's `body` setter",
                    ),
                    _ => (Class::Additive, "the method takes the body as before"),
                };
                push(
                    out,
                    class,
                    Area::RequestBody,
                    change,
                    body_rust(n),
                    body_openapi,
                    None,
                    reason.into(),
                );
            }
        }
        (None, None) => {}
    }

    // Responses.
    let old_success: Vec<&Resp> = o.op.responses.iter().filter(|r| r.success).collect();
    let new_success: Vec<&Resp> = n.op.responses.iter().filter(|r| r.success).collect();
    let single = old_success.len() == 1 && new_success.len() == 1;
    let mut pairs: Vec<(Option<&Resp>, Option<&Resp>)> = Vec::new();
    if single {
        pairs.push((Some(old_success[0]), Some(new_success[0])));
    }
    for r in &o.op.responses {
        if single && r.success {
            continue;
        }
        let m =
            n.op.responses
                .iter()
                .find(|s| s.status == r.status && !(single && s.success));
        pairs.push((Some(r), m));
    }
    for s in &n.op.responses {
        if single && s.success {
            continue;
        }
        if !o
            .op
            .responses
            .iter()
            .any(|r| r.status == s.status && !(single && r.success))
        {
            pairs.push((None, Some(s)));
        }
    }
    let resp_openapi = |r: &Resp| format!("{openapi} response {}", status(&r.status));
    for (r, s) in pairs {
        match (r, s) {
            (Some(r), None) => {
                let reason = if r.success {
                    match &o.op.success_type {
                        Some(st) => format!("`{st}::{}` is gone", r.variant),
                        None => "the method's only success response is gone".into(),
                    }
                } else {
                    match &o.op.error_type {
                        Some(et) => format!(
                            "`{et}::{}` is gone: code matching it no longer compiles (such errors keep only their raw body)",
                            r.variant
                        ),
                        None => "no longer documented".into(),
                    }
                };
                push(
                    out,
                    Class::Breaking,
                    Area::Response,
                    "removed",
                    resp_rust(o, r),
                    resp_openapi(r),
                    Some(opt_ty(&r.ty)),
                    reason,
                );
            }
            (None, Some(s)) => {
                let (class, reason) = if s.success {
                    if o.op.success_type.is_some() && n.op.success_type.is_some() {
                        (
                            Class::Additive,
                            format!("a new variant of {}", n.op.success_type.as_deref().unwrap_or_default()),
                        )
                    } else {
                        (
                            Class::Breaking,
                            format!("the method now returns {} instead of {}", returns(n.op), returns(o.op)),
                        )
                    }
                } else if o.op.error_type.is_none() {
                    (
                        Class::Breaking,
                        format!(
                            "the method's error type changes from {} to {}",
                            error_type(o.op),
                            error_type(n.op)
                        ),
                    )
                } else {
                    (
                        Class::Additive,
                        format!(
                            "a new variant of {}: such errors now decode into it (before, only the raw body was kept)",
                            n.op.error_type.as_deref().unwrap_or_default()
                        ),
                    )
                };
                push(
                    out,
                    class,
                    Area::Response,
                    "added",
                    resp_rust(n, s),
                    resp_openapi(s),
                    Some(opt_ty(&s.ty)),
                    reason,
                );
            }
            (Some(r), Some(s)) => {
                let same = match (&r.ty, &s.ty) {
                    (Some(a), Some(b)) => cx.pairs.same(a, b),
                    (None, None) => true,
                    _ => false,
                };
                if !same {
                    push(
                        out,
                        Class::Breaking,
                        Area::Response,
                        "retyped",
                        resp_rust(n, s),
                        resp_openapi(s),
                        Some(format!("{} -> {}", opt_ty(&r.ty), opt_ty(&s.ty))),
                        match (&r.ty, &s.ty, s.success) {
                            (Some(a), Some(b), _) if cx.equivalent(a, b) => cx.retype_reason(a, b, ""),
                            (_, _, true) => {
                                "the method returns another type: code using the old one no longer compiles".into()
                            }
                            (_, _, false) => {
                                "the error body has another type: code reading the old one no longer compiles".into()
                            }
                        },
                    );
                } else if r.status != s.status {
                    push(
                        out,
                        Class::Additive,
                        Area::Response,
                        "status changed",
                        resp_rust(n, s),
                        resp_openapi(s),
                        Some(format!("{} -> {}", status(&r.status), status(&s.status))),
                        "the method returns the same type; every 2xx status decodes as it".into(),
                    );
                }
            }
            (None, None) => {}
        }
    }
}
