//! The report as text for a terminal and as JSON for CI.

use super::{Change, Class, Report};
use serde_json::{Value, json};

fn one_line(c: &Change) -> String {
    let mut s = format!("- {}: ", c.change);
    match &c.rust {
        Some(r) => s.push_str(&format!("{r} (OpenAPI: {})", c.openapi)),
        None => s.push_str(&c.openapi),
    }
    if let Some(d) = &c.detail {
        s.push_str(&format!(": {d}"));
    }
    s
}

pub fn text(r: &Report) -> String {
    let mut out = String::new();
    let title = if r.old.title == r.new.title {
        r.new.title.clone()
    } else {
        format!("{} (was {})", r.new.title, r.old.title)
    };
    out.push_str(&format!("API change report: {title}, module `{}`\n", r.module));
    out.push_str(&format!("  old: {} (version {})\n", r.old.file, r.old.version));
    out.push_str(&format!("  new: {} (version {})\n", r.new.file, r.new.version));
    if r.changes.is_empty() {
        out.push_str("\nNo changes to the API.\n");
        return out;
    }
    out.push_str(&format!("  {} breaking, {} additive\n", r.breaking(), r.additive()));
    for class in [Class::Breaking, Class::Additive] {
        let changes: Vec<&Change> = r.changes.iter().filter(|c| c.class == class).collect();
        if changes.is_empty() {
            continue;
        }
        let heading = match class {
            Class::Breaking => "BREAKING: existing code may stop compiling or working",
            Class::Additive => "ADDITIVE: existing code keeps working",
        };
        out.push_str(&format!("\n{heading} ({})\n", changes.len()));
        let mut area = None;
        for c in changes {
            if area != Some(c.area) {
                area = Some(c.area);
                out.push_str(&format!("  {}\n", c.area.heading()));
            }
            out.push_str(&format!("    {}\n", one_line(c)));
            out.push_str(&format!("        {}\n", c.reason));
        }
    }
    out
}

pub fn json(r: &Report) -> Value {
    let side = |s: &super::Side| json!({"file": s.file, "title": s.title, "version": s.version});
    let changes: Vec<Value> = r
        .changes
        .iter()
        .map(|c| {
            json!({
                "class": c.class.as_str(),
                "area": c.area.as_str(),
                "change": c.change,
                "rust": c.rust,
                "openapi": c.openapi,
                "detail": c.detail,
                "used_in": c.usage.map(|u| {
                    let mut v = Vec::new();
                    if u.request { v.push("request"); }
                    if u.response { v.push("response"); }
                    v
                }),
                "reason": c.reason,
            })
        })
        .collect();
    json!({
        "api": r.key,
        "module": r.module,
        "old": side(&r.old),
        "new": side(&r.new),
        "breaking": r.breaking(),
        "additive": r.additive(),
        "changes": changes,
    })
}
