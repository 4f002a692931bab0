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

fn owned_files(dir: &Path, root: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            owned_files(&path, root, out)?;
        } else if std::fs::read_to_string(&path)
            .map(|t| t.lines().next().is_some_and(|l| l.contains(MARKER)))
            .unwrap_or(false)
        {
            out.push(path.strip_prefix(root).expect("walked below root").to_path_buf());
        }
    }
    Ok(())
}

/// Compares `files` (relative path -> contents) with the output directory.
pub fn plan(out: &Path, files: &BTreeMap<PathBuf, String>) -> io::Result<Changes> {
    // A broken manifest in a workspace member would stop even the generator from building.
    for (rel, text) in files.iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "toml")) {
        if let Err(e) = text.parse::<toml::Table>() {
            return Err(io::Error::other(format!(
                "{}: generated manifest does not parse: {e}",
                rel.display()
            )));
        }
    }
    let mut changes = Changes::default();
    for (rel, text) in files {
        if std::fs::read_to_string(out.join(rel)).ok().as_deref() != Some(text.as_str()) {
            changes.changed.push(rel.clone());
        }
    }
    let mut owned = Vec::new();
    // The facade's sources and tests, the runtime crate and the API crates.
    for sub in ["src", "tests", "runtime", "apis"] {
        owned_files(&out.join(sub), out, &mut owned)?;
    }
    owned.sort();
    changes.stale = owned.into_iter().filter(|p| !files.contains_key(p)).collect();
    Ok(changes)
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
