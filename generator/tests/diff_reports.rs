//! API change reports (`generator diff`): small fixture pairs in `tests/diff_fixtures/` that
//! exercise each kind of change and each breaking/additive decision, and real version pairs of
//! Sinch's descriptions read at run time from `../shared` (`SINCH_SPECS_MIRROR` for the specs,
//! `SINCH_CORPUS` or the mirror's sibling `corpus/` for the older copies). The reports are
//! snapshots (`snapshots/`, review with `cargo insta review`); the decisions that matter most
//! are also asserted one by one.

use generator::diff::{self, Area, Class, Report};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff_fixtures")
}

fn fixture(name: &str) -> Report {
    let dir = fixtures();
    let (old, new) = (
        dir.join(format!("{name}.old.yaml")),
        dir.join(format!("{name}.new.yaml")),
    );
    diff::diff_files(&old, &new, None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The report with the machine's directories left out.
fn text(r: &Report, dirs: &[(&Path, &str)]) -> String {
    let mut t = r.to_text();
    for (dir, name) in dirs {
        t = t.replace(&dir.display().to_string(), name);
    }
    t
}

/// The one change to `rust` of this kind; panics with the whole report otherwise.
fn find<'a>(r: &'a Report, rust: &str, change: &str) -> &'a diff::Change {
    let found: Vec<&diff::Change> = r
        .changes
        .iter()
        .filter(|c| c.rust.as_deref() == Some(rust) && c.change == change)
        .collect();
    match found.as_slice() {
        [c] => c,
        _ => panic!(
            "expected one `{change}` change of {rust}, found {}:\n{}",
            found.len(),
            r.to_text()
        ),
    }
}

fn class(r: &Report, rust: &str, change: &str) -> Class {
    find(r, rust, change).class
}

#[test]
fn operations_fixture() {
    let r = fixture("operations");
    use Class::{Additive, Breaking};
    assert_eq!(class(&r, "Items::legacy_ping", "removed"), Breaking);
    assert_eq!(class(&r, "Items::health", "added"), Additive);
    // Method names drop the tag's words (`DeleteItem` in `Items` is `delete`).
    assert_eq!(class(&r, "Items::delete", "renamed"), Breaking);
    assert_eq!(class(&r, "Stock::get", "renamed"), Breaking);
    assert_eq!(class(&r, "Items::replace", "moved"), Breaking);
    assert_eq!(class(&r, "Items::list", "deprecated"), Additive);
    // Parameters: a new argument breaks; a new optional one is a new setter of the request
    // builder, whether or not the operation had optional parameters before.
    assert_eq!(class(&r, "Items::list(x_tenant)", "added (required)"), Breaking);
    assert_eq!(class(&r, "ListItemsCall::filter", "added (optional)"), Additive);
    assert_eq!(class(&r, "GetItemCall::expand", "added (optional)"), Additive);
    assert_eq!(class(&r, "ListItemsCall::legacy", "removed"), Breaking);
    assert_eq!(class(&r, "ListItemsCall::page", "retyped"), Breaking);
    assert_eq!(class(&r, "Items::list(region)", "made required"), Breaking);
    assert_eq!(class(&r, "ListItemsCall::sort", "made optional"), Breaking);
    assert_eq!(class(&r, "Items::get(item_id)", "renamed"), Additive);
    // Bodies: an argument when required; an optional body of a type without required fields
    // is the builder's `body` setter, so adding one is additive.
    assert_eq!(class(&r, "Items::create(body)", "retyped"), Breaking);
    assert_eq!(class(&r, "Items::remove(body)", "added"), Additive);
    assert_eq!(class(&r, "Items::archive(body)", "made required"), Breaking);
    // Responses.
    assert_eq!(class(&r, "CreateItemSuccess::Status202", "added"), Breaking);
    assert_eq!(class(&r, "CreateItemError::Status429", "added"), Additive);
    assert_eq!(class(&r, "CreateItemError::Status404", "removed"), Breaking);
    assert_eq!(class(&r, "CreateItemError::Status400", "retyped"), Breaking);
    assert_eq!(class(&r, "GetItemError::Status404", "added"), Breaking);
    assert_eq!(class(&r, "Inventory::get_stock", "retyped"), Breaking);
    assert_eq!(class(&r, "Reports::list", "retyped"), Breaking);
    assert_eq!(class(&r, "Items::remove", "status changed"), Additive);
    // Nothing about the untouched `size` parameter.
    assert!(
        !r.changes.iter().any(|c| c.openapi.contains("`size`")),
        "{}",
        r.to_text()
    );
    insta::assert_snapshot!(text(&r, &[(&fixtures(), "<fixtures>")]));
}

#[test]
fn types_fixture() {
    let r = fixture("types");
    use Class::{Additive, Breaking};
    // Request-only type.
    assert_eq!(class(&r, "NewOrder.channel", "added (required)"), Breaking);
    assert_eq!(class(&r, "NewOrder.tags", "added (optional)"), Additive);
    assert_eq!(class(&r, "NewOrder.coupon", "removed"), Breaking);
    assert_eq!(class(&r, "NewOrder.gift", "retyped"), Breaking);
    assert_eq!(class(&r, "NewOrder.note", "made required"), Breaking);
    assert_eq!(class(&r, "NewOrder.quantity", "made optional"), Breaking);
    assert_eq!(class(&r, "NewOrder.comment", "made non-nullable"), Breaking);
    // Response-only type: new fields are additive even when required.
    assert_eq!(class(&r, "Order.carrier", "added (required)"), Additive);
    assert_eq!(class(&r, "Order.eta", "added (optional)"), Additive);
    assert_eq!(class(&r, "Order.legacy_code", "removed"), Breaking);
    assert_eq!(class(&r, "Order.placed", "made nullable"), Breaking);
    let status = find(&r, "Order.status", "made required");
    assert_eq!(status.class, Breaking);
    assert!(status.reason.contains("responses only"), "{}", status.reason);
    // A type used both ways: a required field breaks callers.
    let code = find(&r, "Shared.code", "added (required)");
    assert_eq!(code.class, Breaking);
    assert!(code.reason.contains("no longer implements Default"), "{}", code.reason);
    let shared = code.usage.unwrap();
    assert!(shared.request && shared.response);
    // A type no operation uses (a webhook payload) is judged as a response.
    assert_eq!(class(&r, "OrderEvent.at", "added (required)"), Additive);
    // Types: renamed schemas are recognised by where they are used, inline ones too.
    assert_eq!(class(&r, "Money", "renamed"), Breaking);
    assert!(
        !r.changes.iter().any(|c| c.rust.as_deref() == Some("NewOrder.total")),
        "{}",
        r.to_text()
    );
    assert_eq!(class(&r, "SearchOrdersRequest", "renamed"), Breaking);
    assert_eq!(class(&r, "FindOrdersRequest.limit", "added (optional)"), Additive);
    assert_eq!(class(&r, "Retired", "removed"), Breaking);
    assert_eq!(class(&r, "Fresh", "added"), Additive);
    assert_eq!(class(&r, "Flavour", "changed kind"), Breaking);
    assert_eq!(class(&r, "Amount", "retyped"), Breaking);
    assert_eq!(class(&r, "OrderExtra.additional_properties", "added"), Additive);
    // Both names are given.
    let channel = find(&r, "NewOrder.channel", "added (required)");
    assert_eq!(channel.openapi, "NewOrder.channel");
    assert_eq!(channel.detail.as_deref(), Some("String"));
    insta::assert_snapshot!(text(&r, &[(&fixtures(), "<fixtures>")]));
}

#[test]
fn enums_fixture() {
    let r = fixture("enums");
    use Class::{Additive, Breaking};
    // Request enum: a removed value is rejected by the API; a new one is a new choice.
    let fax = find(&r, "Channel::Fax", "removed");
    assert_eq!(fax.class, Breaking);
    assert!(fax.reason.contains("requests"), "{}", fax.reason);
    assert_eq!(class(&r, "Channel::Rcs", "added"), Additive);
    // Response enum: a new value is safe thanks to `Other`; a removed variant is still gone.
    let read = find(&r, "State::Read", "added");
    assert_eq!(read.class, Additive);
    assert!(read.reason.contains("State::Other"), "{}", read.reason);
    assert_eq!(class(&r, "State::Expired", "removed"), Breaking);
    // Unions.
    assert_eq!(class(&r, "Body", "discriminator changed"), Breaking);
    assert_eq!(class(&r, "Body::Location", "removed"), Breaking);
    assert_eq!(class(&r, "Body::Sticker", "added"), Additive);
    assert_eq!(class(&r, "Event::Sticker", "added"), Additive);
    insta::assert_snapshot!(text(&r, &[(&fixtures(), "<fixtures>")]));
}

#[test]
fn servers_and_security_fixture() {
    let r = fixture("servers_security");
    let by = |area: Area, what: &str, openapi: &str| -> Class {
        let c = r
            .changes
            .iter()
            .find(|c| c.area == area && c.change == what && c.openapi.contains(openapi))
            .unwrap_or_else(|| panic!("no {what} of {openapi}:\n{}", r.to_text()));
        c.class
    };
    use Class::{Additive, Breaking};
    assert_eq!(by(Area::Server, "removed", "old.calls.test"), Breaking);
    assert_eq!(by(Area::Server, "added", "new.calls.test"), Additive);
    assert_eq!(by(Area::Server, "value removed", "region"), Breaking);
    assert_eq!(by(Area::Server, "value added", "region"), Additive);
    assert_eq!(by(Area::Server, "default changed", "region"), Breaking);
    assert_eq!(by(Area::Security, "scheme removed", "`Key`"), Breaking);
    assert_eq!(by(Area::Security, "scheme changed", "`Signed`"), Breaking);
    assert_eq!(by(Area::Security, "scheme added", "`Bearer`"), Additive);
    assert_eq!(by(Area::Security, "requirement removed", "GetCall"), Breaking);
    assert_eq!(by(Area::Security, "requirement added", "GetCall"), Additive);
    insta::assert_snapshot!(text(&r, &[(&fixtures(), "<fixtures>")]));
}

#[test]
fn identical_versions_have_no_changes() {
    let file = fixtures().join("operations.old.yaml");
    let r = diff::diff_files(&file, &file, None).unwrap();
    assert!(r.changes.is_empty(), "{}", r.to_text());
    assert!(r.to_text().contains("No changes to the API."));
}

#[test]
fn json_report_shape() {
    let r = fixture("enums");
    let mut j = r.to_json();
    for side in ["old", "new"] {
        let file = j[side]["file"]
            .as_str()
            .unwrap()
            .replace(&fixtures().display().to_string(), "<fixtures>");
        j[side]["file"] = file.into();
    }
    assert_eq!(j["breaking"], r.breaking());
    assert_eq!(j["additive"], r.additive());
    assert_eq!(j["changes"].as_array().unwrap().len(), r.changes.len());
    insta::assert_snapshot!(serde_json::to_string_pretty(&j).unwrap());
}

/// The binary: text by default, JSON with --json, and the exit status says whether anything
/// breaking changed (2 when the files cannot be compared).
#[test]
fn cli_exit_status_and_formats() {
    let dir = fixtures();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_generator"))
            .arg("diff")
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap()
    };
    let breaking = run(&["enums.old.yaml", "enums.new.yaml"]);
    assert_eq!(breaking.status.code(), Some(1));
    let out = String::from_utf8(breaking.stdout).unwrap();
    assert!(out.contains("5 breaking, 5 additive"), "{out}");

    let same = run(&["enums.old.yaml", "enums.old.yaml"]);
    assert_eq!(same.status.code(), Some(0));

    let json = run(&["--json", "enums.old.yaml", "enums.new.yaml"]);
    assert_eq!(json.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["breaking"], 5);
    assert_eq!(v["changes"][0]["class"], "breaking");

    let missing = run(&["enums.old.yaml", "nope.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.yaml"));
}

fn shared_specs() -> PathBuf {
    let dir = PathBuf::from(
        std::env::var_os("SINCH_SPECS_MIRROR")
            .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/specs").into()),
    );
    assert!(
        dir.is_dir(),
        "the Sinch mirror is needed at {} (set SINCH_SPECS_MIRROR)",
        dir.display()
    );
    dir
}

fn shared_corpus() -> PathBuf {
    let dir = match std::env::var_os("SINCH_CORPUS") {
        Some(d) => PathBuf::from(d),
        None => shared_specs().join("../corpus"),
    };
    let variants = dir.join("sinch-variants");
    assert!(
        variants.is_dir(),
        "the corpus of older Sinch descriptions is needed at {} (set SINCH_CORPUS to the folder holding sinch-variants/)",
        variants.display()
    );
    variants
}

/// Compares a real pair of versions; `old` and `new` name files in the corpus (`corpus:`) or the
/// mirror (`specs:`). The manifest's entry names things as the committed SDK does.
fn real_pair(old: &str, new: &str, key: &str) -> String {
    let (specs, corpus) = (shared_specs(), shared_corpus());
    let locate = |name: &str| -> PathBuf {
        let path = match name.split_once(':') {
            Some(("specs", f)) => specs.join(f),
            Some(("corpus", f)) => corpus.join(f),
            _ => panic!("bad name {name}"),
        };
        assert!(path.is_file(), "{} is missing from ../shared", path.display());
        path
    };
    let manifest =
        generator::manifest::Manifest::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/manifest.toml"))
            .unwrap();
    let entry = manifest.api.iter().find(|e| e.key == key).unwrap();
    let r = diff::diff_files(&locate(old), &locate(new), Some(entry)).unwrap_or_else(|e| panic!("{e}"));
    // Every change names the Rust item beside the OpenAPI one, except servers and API-wide security.
    for c in &r.changes {
        assert!(
            c.rust.is_some() || matches!(c.area, Area::Server | Area::Security),
            "no Rust name: {c:?}"
        );
    }
    let specs = specs.canonicalize().unwrap_or(specs);
    let corpus = corpus.canonicalize().unwrap_or(corpus);
    let mut t = text(&r, &[(&shared_corpus(), "<corpus>"), (&shared_specs(), "<specs>")]);
    t = t
        .replace(&corpus.display().to_string(), "<corpus>")
        .replace(&specs.display().to_string(), "<specs>");
    t
}

#[test]
fn real_sms_ballerina_to_current() {
    insta::assert_snapshot!(real_pair("corpus:sms.ballerina.yaml", "specs:sms.yaml", "sms"));
}

#[test]
fn real_voice_ballerina_earliest_to_later() {
    insta::assert_snapshot!(real_pair(
        "corpus:voice.ballerina-earliest.yaml",
        "corpus:voice.ballerina.yaml",
        "voice"
    ));
}

#[test]
fn real_numbers_workshop_to_current() {
    insta::assert_snapshot!(real_pair(
        "corpus:numbers.workshop.yaml",
        "specs:numbers.yaml",
        "numbers"
    ));
}

#[test]
fn real_verification_1_3_to_2_0() {
    insta::assert_snapshot!(real_pair(
        "corpus:verification.workshop.yaml",
        "specs:verification.yaml",
        "verification"
    ));
}

/// The real pairs Sinch published: the 2021 copies and today's descriptions (issue: today's Sinch).
#[test]
fn real_2021_to_2026_pairs() {
    for key in ["conversation", "numbers", "voice", "verification"] {
        let t = real_pair(&format!("corpus:{key}.2021.yaml"), &format!("specs:{key}.yaml"), key);
        insta::assert_snapshot!(format!("real_2021_to_2026_{key}"), t);
    }
    // Conversation's server is now written with a `{region}` variable: the regional hosts are
    // the same (plus two), not removed.
    let t = real_pair(
        "corpus:conversation.2021.yaml",
        "specs:conversation.yaml",
        "conversation",
    );
    assert!(!t.contains("removed: server"), "{t}");
    assert!(t.contains("added: server https://us.conversation.api.sinch.com"), "{t}");
    assert!(t.contains("added: server https://br.conversation.api.sinch.com"), "{t}");
}
