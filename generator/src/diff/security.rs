//! Servers and security, read from the descriptions themselves.

use super::operations::{Matched, label};
use super::{Area, Change, Class, Version};
use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityRequirement, SecurityScheme};
use std::collections::{BTreeMap, BTreeSet};

// One argument per field of the change: clearer at the call sites than a builder.
#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<Change>,
    class: Class,
    area: Area,
    what: &str,
    rust: Option<String>,
    openapi: String,
    detail: Option<String>,
    reason: &str,
) {
    out.push(Change {
        class,
        area,
        change: what.into(),
        rust,
        openapi,
        detail,
        usage: None,
        reason: reason.into(),
    });
}

/// A server URL as compared: protocol-relative ones (`//numbers.api.sinch.com`) are HTTPS.
fn url_key(url: &str) -> String {
    let url = url.trim_end_matches('/');
    match url.strip_prefix("//") {
        Some(rest) => format!("https://{rest}"),
        None => url.to_string(),
    }
}

/// Every host a server stands for: its URL with each variable replaced by each of its
/// values (`https://{region}.conversation.api.sinch.com` with `region` in `us`, `eu`, `br` is
/// three hosts). A variable without a list of values stays a placeholder.
fn hosts(server: &openapiv3::Server) -> Vec<String> {
    let mut out = vec![url_key(&server.url)];
    for (name, v) in server.variables.iter().flatten() {
        if v.enumeration.is_empty() {
            continue;
        }
        let hole = format!("{{{name}}}");
        out = out
            .iter()
            .flat_map(|u| {
                v.enumeration
                    .iter()
                    .map(|value| u.replace(&hole, value))
                    .collect::<Vec<_>>()
            })
            .collect();
    }
    out
}

/// Servers by the hosts they stand for (so a list of regional hosts rewritten as one URL with
/// a `{region}` variable is no change), and the variables of servers written the same way.
pub fn servers(old: &Version, new: &Version, out: &mut Vec<Change>) {
    let find = |doc: &OpenAPI, url: &str| doc.servers.iter().find(|s| url_key(&s.url) == url_key(url)).cloned();
    let all = |doc: &OpenAPI| doc.servers.iter().flat_map(hosts).collect::<BTreeSet<String>>();
    let (old_hosts, new_hosts) = (all(&old.doc), all(&new.doc));
    for s in &old.doc.servers {
        let Some(t) = find(&new.doc, &s.url) else {
            for host in hosts(s).into_iter().filter(|h| !new_hosts.contains(h)) {
                push(
                    out,
                    Class::Breaking,
                    Area::Server,
                    "removed",
                    None,
                    format!("server {host}"),
                    (host != url_key(&s.url)).then(|| format!("from {}", s.url)),
                    "clients pointed at this host (a Region or with_base_url) may stop working; check the manifest's regions",
                );
            }
            continue;
        };
        let empty = Default::default();
        let (a, b) = (
            s.variables.as_ref().unwrap_or(&empty),
            t.variables.as_ref().unwrap_or(&empty),
        );
        for (name, v) in a {
            let openapi = format!("server {} variable `{name}`", s.url);
            let Some(w) = b.get(name) else {
                push(
                    out,
                    Class::Breaking,
                    Area::Server,
                    "variable removed",
                    None,
                    openapi,
                    None,
                    "the host no longer takes this variable",
                );
                continue;
            };
            for value in v.enumeration.iter().filter(|x| !w.enumeration.contains(x)) {
                push(
                    out,
                    Class::Breaking,
                    Area::Server,
                    "value removed",
                    None,
                    openapi.clone(),
                    Some(format!("\"{value}\"")),
                    "clients using this value may stop working; check the manifest's regions",
                );
            }
            for value in w.enumeration.iter().filter(|x| !v.enumeration.contains(x)) {
                push(
                    out,
                    Class::Additive,
                    Area::Server,
                    "value added",
                    None,
                    openapi.clone(),
                    Some(format!("\"{value}\"")),
                    "a new choice of host; the manifest's regions may want it",
                );
            }
            if v.default != w.default {
                push(
                    out,
                    Class::Breaking,
                    Area::Server,
                    "default changed",
                    None,
                    openapi.clone(),
                    Some(format!("\"{}\" -> \"{}\"", v.default, w.default)),
                    "requests that rely on the default go to another host",
                );
            }
        }
        for name in b.keys().filter(|k| !a.contains_key(*k)) {
            push(
                out,
                Class::Additive,
                Area::Server,
                "variable added",
                None,
                format!("server {} variable `{name}`", s.url),
                None,
                "the host takes a new variable (with a default)",
            );
        }
    }
    for t in &new.doc.servers {
        if find(&old.doc, &t.url).is_some() {
            continue;
        }
        for host in hosts(t).into_iter().filter(|h| !old_hosts.contains(h)) {
            push(
                out,
                Class::Additive,
                Area::Server,
                "added",
                None,
                format!("server {host}"),
                (host != url_key(&t.url)).then(|| format!("from {}", t.url)),
                "a new host; the manifest's regions may want it",
            );
        }
    }
}

/// A security scheme as what a client must present.
fn describe(s: &SecurityScheme) -> String {
    match s {
        SecurityScheme::APIKey { location, name, .. } => {
            let place = match location {
                APIKeyLocation::Query => "query",
                APIKeyLocation::Header => "header",
                APIKeyLocation::Cookie => "cookie",
            };
            format!("API key in {place} `{name}`")
        }
        SecurityScheme::HTTP { scheme, .. } => format!("HTTP {}", scheme.to_lowercase()),
        SecurityScheme::OAuth2 { flows, .. } => {
            let mut parts = Vec::new();
            if let Some(f) = &flows.client_credentials {
                parts.push(format!("client credentials at {}", f.token_url));
            }
            if let Some(f) = &flows.password {
                parts.push(format!("password at {}", f.token_url));
            }
            if let Some(f) = &flows.authorization_code {
                parts.push(format!("authorization code at {}", f.token_url));
            }
            if flows.implicit.is_some() {
                parts.push("implicit".into());
            }
            format!("OAuth2 ({})", parts.join(", "))
        }
        SecurityScheme::OpenIDConnect {
            open_id_connect_url, ..
        } => format!("OpenID Connect {open_id_connect_url}"),
    }
}

fn schemes(doc: &OpenAPI) -> BTreeMap<String, String> {
    doc.components
        .iter()
        .flat_map(|c| c.security_schemes.iter())
        .map(|(name, s)| {
            let d = match s {
                ReferenceOr::Item(s) => describe(s),
                ReferenceOr::Reference { reference } => format!("reference {reference}"),
            };
            (name.clone(), d)
        })
        .collect()
}

/// The alternatives a requirement list accepts, each as the schemes it combines (by what they
/// are, not their names, so renaming a scheme changes nothing). An empty list means no
/// credentials.
fn alternatives(reqs: &[SecurityRequirement], schemes: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for r in reqs {
        let mut parts: Vec<String> = r
            .keys()
            .map(|k| {
                schemes
                    .get(k)
                    .cloned()
                    .unwrap_or_else(|| format!("undefined scheme `{k}`"))
            })
            .collect();
        parts.sort();
        out.insert(if parts.is_empty() {
            "no credentials".to_string()
        } else {
            parts.join(" + ")
        });
    }
    if out.is_empty() {
        out.insert("no credentials".into());
    }
    out
}

fn find_op<'a>(doc: &'a OpenAPI, path: &str, method: &str) -> Option<&'a openapiv3::Operation> {
    match doc.paths.paths.get(path)? {
        ReferenceOr::Item(item) => item
            .iter()
            .find(|(m, _)| m.eq_ignore_ascii_case(method))
            .map(|(_, op)| op),
        ReferenceOr::Reference { .. } => None,
    }
}

pub fn security(old: &Version, new: &Version, ops: &Matched<'_>, out: &mut Vec<Change>) {
    let (a, b) = (schemes(&old.doc), schemes(&new.doc));
    let old_kinds: BTreeSet<&String> = a.values().collect();
    let new_kinds: BTreeSet<&String> = b.values().collect();
    let mut gone = BTreeSet::new();
    for (name, d) in &a {
        match b.get(name) {
            Some(e) if e != d => {
                push(
                    out,
                    Class::Breaking,
                    Area::Security,
                    "scheme changed",
                    None,
                    format!("security scheme `{name}`"),
                    Some(format!("{d} -> {e}")),
                    "credentials presented the old way are no longer accepted",
                );
                gone.insert(d.clone());
            }
            Some(_) => {}
            None if new_kinds.contains(d) => {}
            None => {
                push(
                    out,
                    Class::Breaking,
                    Area::Security,
                    "scheme removed",
                    None,
                    format!("security scheme `{name}`"),
                    Some(d.clone()),
                    "a previously accepted kind of credentials is gone; check the manifest's `auth`",
                );
                gone.insert(d.clone());
            }
        }
    }
    for (name, e) in &b {
        if !a.contains_key(name) && !old_kinds.contains(e) {
            push(
                out,
                Class::Additive,
                Area::Security,
                "scheme added",
                None,
                format!("security scheme `{name}`"),
                Some(e.clone()),
                "a new kind of credentials; the manifest's `auth` may want it",
            );
        }
    }
    let covered = |alt: &str, set: &BTreeSet<String>| set.iter().any(|s| alt.contains(s.as_str()));
    // What each matched operation accepts, where both versions say (a description that states
    // no security at all says nothing, rather than "no credentials").
    let effective = |op: &openapiv3::Operation, doc: &OpenAPI, s: &BTreeMap<String, String>| {
        op.security
            .as_ref()
            .or(doc.security.as_ref())
            .map(|r| alternatives(r, s))
    };
    // (removed?, alternative) -> the operations it concerns.
    let mut changed: BTreeMap<(bool, String), Vec<(String, String)>> = BTreeMap::new();
    let mut compared = 0;
    for (o, n) in &ops.pairs {
        let (Some(x), Some(y)) = (
            find_op(&old.doc, &o.op.path, &o.op.method),
            find_op(&new.doc, &n.op.path, &n.op.method),
        ) else {
            continue;
        };
        let (Some(before), Some(after)) = (effective(x, &old.doc, &a), effective(y, &new.doc, &b)) else {
            continue;
        };
        compared += 1;
        let who = (n.rust(), label(n.op));
        for alt in before.difference(&after) {
            changed.entry((true, alt.clone())).or_default().push(who.clone());
        }
        for alt in after.difference(&before) {
            changed.entry((false, alt.clone())).or_default().push(who.clone());
        }
    }
    if ops.pairs.is_empty()
        && let (Some(x), Some(y)) = (&old.doc.security, &new.doc.security)
    {
        for alt in alternatives(x, &a).difference(&alternatives(y, &b)) {
            changed.entry((true, alt.clone())).or_default();
        }
        for alt in alternatives(y, &b).difference(&alternatives(x, &a)) {
            changed.entry((false, alt.clone())).or_default();
        }
    }
    for ((removed, alt), who) in changed {
        // A removed scheme was reported already; where a new one is accepted is news.
        if removed && covered(&alt, &gone) {
            continue;
        }
        let (class, what, reason) = if removed {
            (
                Class::Breaking,
                "requirement removed",
                "requests authorised this way are no longer accepted",
            )
        } else {
            (
                Class::Additive,
                "requirement added",
                "another accepted way to authorise requests",
            )
        };
        let places: Vec<(Option<String>, String)> = if who.is_empty() || (who.len() == compared && compared > 1) {
            vec![(None, "security of every operation".to_string())]
        } else {
            who.into_iter()
                .map(|(r, l)| (Some(r), format!("{l} security")))
                .collect()
        };
        for (rust, openapi) in places {
            push(
                out,
                class,
                Area::Security,
                what,
                rust,
                openapi,
                Some(alt.clone()),
                reason,
            );
        }
    }
}
