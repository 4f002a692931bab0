//! Write: compare the generated files with what is on disk, then write only what changed.
//!
//! Everything is generated in memory first, so a failed run never touches the output; here
//! each file is written to a temporary name and renamed into place.

use crate::emit::MARKER;
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// What a run would change under the output directory.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Files to create or rewrite (relative paths).
    pub changed: Vec<PathBuf>,
    /// Generated files no longer generated, to delete (relative paths).
    pub stale: Vec<PathBuf>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.stale.is_empty()
    }
}

/// The generated files under `dir` that `files` does not have (relative to `root`): whatever is
/// in `files` is generated again, so only the others are opened, and only their first line read.
fn stale_files(dir: &Path, root: &Path, files: &BTreeMap<PathBuf, String>, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            stale_files(&path, root, files, out)?;
            continue;
        }
        let rel = path.strip_prefix(root).expect("walked below root");
        if !files.contains_key(rel) && first_line_has_marker(&path) {
            out.push(rel.to_path_buf());
        }
    }
    Ok(())
}

/// Whether the file's first line (within its first KiB; the marker comment is short) names
/// the generator.
fn first_line_has_marker(path: &Path) -> bool {
    use std::io::Read as _;
    let mut head = Vec::with_capacity(1024);
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    if file.take(1024).read_to_end(&mut head).is_err() {
        return false;
    }
    let first = head.split(|&b| b == b'\n').next().unwrap_or_default();
    String::from_utf8_lossy(first).contains(MARKER)
}

/// Compares `files` (relative path -> contents) with the output directory.
pub fn plan(out: &Path, files: &BTreeMap<PathBuf, String>) -> io::Result<Changes> {
    use rayon::prelude::*;
    // A broken manifest in a workspace member would stop even the generator from building.
    for (rel, text) in files.iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "toml")) {
        if let Err(e) = text.parse::<toml::Table>() {
            return Err(io::Error::other(format!(
                "{}: generated manifest does not parse: {e}",
                rel.display()
            )));
        }
    }
    // Reading the SDK's 300 files back was a serial tail of every run.
    let listed: Vec<(&PathBuf, &String)> = files.iter().collect();
    let changed = listed
        .par_iter()
        .filter(|(rel, text)| std::fs::read(out.join(rel)).ok().as_deref() != Some(text.as_bytes()))
        .map(|(rel, _)| (*rel).clone())
        .collect();
    let mut stale = Vec::new();
    // The facade's sources and tests, the runtime crate and the API crates.
    for sub in ["src", "tests", "runtime", "apis"] {
        stale_files(&out.join(sub), out, files, &mut stale)?;
    }
    stale.sort();
    Ok(Changes { changed, stale })
}

/// Applies a plan.
pub fn apply(out: &Path, files: &BTreeMap<PathBuf, String>, changes: &Changes) -> io::Result<()> {
    for rel in &changes.changed {
        let path = out.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let tmp = path.with_extension("rs.tmp-generator");
        std::fs::write(&tmp, &files[rel])?;
        std::fs::rename(&tmp, &path)?;
    }
    for rel in &changes.stale {
        std::fs::remove_file(out.join(rel))?;
        // A folder the generator emptied (an API that moved or went away) goes too.
        let mut dir = out.join(rel);
        while dir.pop() && dir != out {
            if std::fs::remove_dir(&dir).is_err() {
                break;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_lists_changed_files_and_only_unlisted_generated_ones_as_stale() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir_all(out.join("src/deep")).unwrap();
        let marked = format!("// {MARKER}. Do not edit.\nfn x() {{}}\n");
        std::fs::write(out.join("src/same.rs"), &marked).unwrap();
        std::fs::write(out.join("src/edited.rs"), "// edited\n").unwrap();
        std::fs::write(out.join("src/deep/gone.rs"), &marked).unwrap();
        std::fs::write(out.join("src/mine.rs"), "// a user's file\n").unwrap();
        // The marker on a later line does not make a file the generator's.
        std::fs::write(out.join("src/later.rs"), format!("// mine\n// {MARKER}\n")).unwrap();
        let files: BTreeMap<PathBuf, String> = [
            (PathBuf::from("src/same.rs"), marked.clone()),
            (PathBuf::from("src/edited.rs"), marked.clone()),
            (PathBuf::from("src/new.rs"), marked.clone()),
        ]
        .into();
        let changes = plan(out, &files).unwrap();
        assert_eq!(
            changes.changed,
            [PathBuf::from("src/edited.rs"), PathBuf::from("src/new.rs")]
        );
        assert_eq!(changes.stale, [PathBuf::from("src/deep/gone.rs")]);
    }
}
