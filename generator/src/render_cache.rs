//! Each API's rendered files, kept so that a regeneration formats only the APIs whose model
//! changed. Emitting and formatting (syn parsing the tokens back, prettyplease) are four fifths of
//! a regeneration, and an API's files are a function of its manifest entry and model alone (the
//! runtime templates are compiled into the binary). The key is a hash of both and of the
//! binary's identity (size and modification time), so a rebuilt generator starts afresh.
//!
//! One file per API module (`<module>.rendered`), replaced atomically: concurrent runs with other
//! inputs may take turns evicting each other, never read half a file. Anything unreadable is a
//! miss. The files' own hash is checked on reading, so a damaged entry is rendered again.

use crate::{manifest::ApiEntry, model::Api};
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write as _;
use std::path::{Path, PathBuf};

const HEADER: &str = "sinch-sdk-generator rendered files 1";

/// A directory of rendered API files.
#[derive(Debug, Clone)]
pub struct RenderCache {
    dir: PathBuf,
    binary: (u64, u128),
}

/// One API's files (relative to the SDK workspace) and its number of operations.
pub type Rendered = (BTreeMap<PathBuf, String>, usize);

impl RenderCache {
    /// A cache in `dir` for the running binary; `None` when the binary cannot be identified.
    pub fn for_this_binary(dir: PathBuf) -> Option<Self> {
        Self::for_binary(&std::env::current_exe().ok()?, dir)
    }

    /// `generator-cache/` beside the running binary (`target/debug/` under `cargo run`).
    pub fn beside_binary() -> Option<Self> {
        let exe = std::env::current_exe().ok()?;
        Self::for_binary(&exe, exe.parent()?.join("generator-cache"))
    }

    fn for_binary(exe: &Path, dir: PathBuf) -> Option<Self> {
        let meta = std::fs::metadata(exe).ok()?;
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(RenderCache {
            dir,
            binary: (meta.len(), modified),
        })
    }

    /// 128 bits of the inputs: two keyed passes of std's SipHash, so an accidental collision
    /// between two models is out of reach (nothing here defends against a crafted one, and no
    /// untrusted party writes this directory).
    fn key(&self, entry: &ApiEntry, api: &Api) -> String {
        let pass = |salt: u8| {
            let mut h = DefaultHasher::new();
            (salt, HEADER, self.binary, entry, api).hash(&mut h);
            h.finish()
        };
        format!("{:016x}{:016x}", pass(0), pass(1))
    }

    /// The files rendered for `api`, from the cache when its key matches, else from `render`
    /// (and then stored; a failure to store only costs the next run the same work).
    pub fn get_or_render(&self, entry: &ApiEntry, api: &Api, render: impl FnOnce() -> Rendered) -> Rendered {
        let key = self.key(entry, api);
        let path = self.dir.join(format!("{}.rendered", api.module));
        if let Some(hit) = std::fs::read(&path).ok().and_then(|bytes| decode(&bytes, &key)) {
            return hit;
        }
        let rendered = render();
        let _ = self.store(&path, &key, &rendered);
        rendered
    }

    fn store(&self, path: &Path, key: &str, rendered: &Rendered) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        out.write_all(encode(key, rendered).as_bytes())?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, path).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }
}

fn content_hash(rendered: &Rendered) -> u64 {
    let mut h = DefaultHasher::new();
    rendered.hash(&mut h);
    h.finish()
}

/// `HEADER`, key, operations and content hash on a line each, then per file its path and byte
/// length on a line, and the text.
fn encode(key: &str, rendered: &Rendered) -> String {
    let (files, operations) = rendered;
    let mut out = format!("{HEADER}\n{key}\n{operations}\n{:016x}\n", content_hash(rendered));
    for (path, text) in files {
        out.push_str(&format!("{}\n{}\n", path.display(), text.len()));
        out.push_str(text);
    }
    out
}

fn decode(bytes: &[u8], key: &str) -> Option<Rendered> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut rest = text;
    let mut line = || -> Option<&str> {
        let (l, r) = rest.split_once('\n')?;
        rest = r;
        Some(l)
    };
    if line()? != HEADER || line()? != key {
        return None;
    }
    let operations: usize = line()?.parse().ok()?;
    let hash = u64::from_str_radix(line()?, 16).ok()?;
    let mut files = BTreeMap::new();
    while !rest.is_empty() {
        let (path, r) = rest.split_once('\n')?;
        let (len, r) = r.split_once('\n')?;
        let len: usize = len.parse().ok()?;
        let body = r.get(..len)?;
        rest = &r[len..];
        files.insert(PathBuf::from(path), body.to_string());
    }
    let rendered = (files, operations);
    (content_hash(&rendered) == hash).then_some(rendered)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Rendered {
        let mut files = BTreeMap::new();
        files.insert(PathBuf::from("apis/sms/src/lib.rs"), "//! SMS\nline two\n".to_string());
        files.insert(
            PathBuf::from("apis/sms/src/types.rs"),
            "ünïcode and\nno final newline".to_string(),
        );
        (files, 17)
    }

    fn entry() -> ApiEntry {
        toml::from_str(
            "key = 'sms'\nmodule = 'sms'\ntitle = 'SMS'\nurl = 'https://example.com/sms.yaml'\nsha256 = '00'\nauth = []\nregions = []\n",
        )
        .expect("a minimal manifest entry")
    }

    fn api() -> Api {
        Api {
            key: "sms".into(),
            module: "sms".into(),
            title: "SMS".into(),
            version: "1".into(),
            description: None,
            servers: vec![],
            types: BTreeMap::new(),
            groups: BTreeMap::new(),
        }
    }

    #[test]
    fn what_is_stored_is_read_back_under_its_key_only() {
        let text = encode("k1", &sample());
        assert_eq!(decode(text.as_bytes(), "k1"), Some(sample()));
        assert_eq!(decode(text.as_bytes(), "k2"), None);
    }

    #[test]
    fn a_damaged_entry_is_a_miss() {
        let text = encode("k", &sample());
        let flipped = text.replacen("line two", "line 2!!", 1);
        assert_eq!(flipped.len(), text.len());
        assert_eq!(decode(flipped.as_bytes(), "k"), None);
        assert_eq!(decode(&text.as_bytes()[..text.len() - 3], "k"), None);
        assert_eq!(decode(b"", "k"), None);
    }

    #[test]
    fn the_key_follows_the_model_and_the_binary() {
        let cache = RenderCache {
            dir: PathBuf::new(),
            binary: (1, 2),
        };
        let (entry, api) = (entry(), api());
        let key = cache.key(&entry, &api);
        assert_eq!(key, cache.key(&entry, &api.clone()));
        let mut other = api.clone();
        other.version = "2".into();
        assert_ne!(key, cache.key(&entry, &other));
        let rebuilt = RenderCache {
            binary: (1, 3),
            ..cache.clone()
        };
        assert_ne!(key, rebuilt.key(&entry, &api));
    }

    #[test]
    fn a_miss_renders_and_stores_and_a_hit_does_not_render() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let cache = RenderCache {
            dir: dir.path().join("c"),
            binary: (1, 2),
        };
        let (entry, api) = (entry(), api());
        let mut renders = 0;
        assert_eq!(
            cache.get_or_render(&entry, &api, || {
                renders += 1;
                sample()
            }),
            sample()
        );
        assert_eq!(
            cache.get_or_render(&entry, &api, || {
                renders += 1;
                (BTreeMap::new(), 0)
            }),
            sample()
        );
        assert_eq!(renders, 1);
        let mut changed = api.clone();
        changed.title = "Short messages".into();
        assert_eq!(cache.get_or_render(&entry, &changed, || (BTreeMap::new(), 3)).1, 3);
    }
}
