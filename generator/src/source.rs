//! Where descriptions come from: a local mirror (`SINCH_SPECS_MIRROR`) or the manifest's URL,
//! checked against the manifest's sha256 pin either way.

use crate::diag::Error;
use crate::manifest::ApiEntry;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The environment variable naming a directory laid out like Sinch's mirror.
pub const MIRROR_VAR: &str = "SINCH_SPECS_MIRROR";

/// Finds `<key>.yaml` (or `.yml`, `.json`) or `<key>/openapi.yaml` in a mirror directory.
pub fn in_mirror(mirror: &Path, key: &str) -> Result<PathBuf, Error> {
    let candidates = [
        mirror.join(format!("{key}.yaml")),
        mirror.join(format!("{key}.yml")),
        mirror.join(format!("{key}.json")),
        mirror.join(key).join("openapi.yaml"),
        mirror.join(key).join("openapi.json"),
    ];
    candidates.iter().find(|p| p.is_file()).cloned().ok_or_else(|| {
        Error::file(
            &mirror.join(format!("{key}.yaml")),
            format!("description `{key}` is missing from the mirror (looked for {key}.yaml, {key}.yml, {key}.json and {key}/openapi.yaml)"),
        )
    })
}

/// The sha256 of a file, as lower-case hex.
pub fn sha256_file(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::file(path, format!("cannot read: {e}")))?;
    Ok(sha256_hex(&bytes))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The pin of a description: the sha256 of its file or, for a multi-file description
/// (`<key>/openapi.yaml`), of the sorted list of every file below its folder with their own
/// sha256s, so a change in any referenced file shows.
pub fn pin_of(path: &Path) -> Result<String, Error> {
    let multi = path
        .file_name()
        .is_some_and(|n| n == "openapi.yaml" || n == "openapi.json");
    if !multi {
        return sha256_file(path);
    }
    let dir = path.parent().expect("a file has a folder");
    let mut files = Vec::new();
    walk(dir, &mut files).map_err(|e| Error::file(dir, format!("cannot list: {e}")))?;
    files.sort();
    let mut listing = String::new();
    for f in &files {
        let rel = f
            .strip_prefix(dir)
            .expect("walked below dir")
            .to_string_lossy()
            .replace('\\', "/");
        listing.push_str(&format!("{}  {rel}\n", sha256_file(f)?));
    }
    Ok(sha256_hex(listing.as_bytes()))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Checks the pin; a mismatch says how to accept the new version.
pub fn verify_pin(entry: &ApiEntry, path: &Path, manifest: &Path) -> Result<(), Error> {
    let actual = pin_of(path)?;
    if actual.eq_ignore_ascii_case(&entry.sha256) {
        return Ok(());
    }
    Err(Error::file(
        path,
        format!(
            "sha256 is {actual} but {} pins `{}` to {}. If this is a new version of the description you accept, \
             set sha256 = \"{actual}\" for key \"{}\" in {}, regenerate, and review the diff under generated/",
            manifest.display(),
            entry.key,
            entry.sha256,
            entry.key,
            manifest.display()
        ),
    ))
}
