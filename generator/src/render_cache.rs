//! Each API's rendered files, kept so that a regeneration formats only the APIs whose model
//! changed; and the whole SDK of the last run, kept under a key of its inputs, so that a run with
//! nothing changed neither models nor renders anything (`RenderCache::get_or_generate`). Emitting and formatting (syn parsing the tokens back, prettyplease) are four fifths of
//! a regeneration, and an API's files are a function of its manifest entry and model alone (the
//! runtime templates are compiled into the binary). The key is a hash of both and of the
//! binary's identity (size and modification time), so a rebuilt generator starts afresh.
//!
//! One file per API module (`<module>.rendered`), replaced atomically: concurrent runs with other
//! inputs may take turns evicting each other, never read half a file. Anything unreadable is a
//! miss. The files' own hash is checked on reading, so a damaged entry is rendered again.

use crate::diag::{Error, Warning};
use crate::{Output, manifest::ApiEntry, model::Api};
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
        self.key_of(&(entry, api))
    }

    fn key_of(&self, inputs: &impl Hash) -> String {
        let pass = |salt: u8| {
            let mut h = DefaultHasher::new();
            (salt, HEADER, self.binary, inputs).hash(&mut h);
            h.finish()
        };
        format!("{:016x}{:016x}", pass(0), pass(1))
    }

    /// The whole SDK of a run whose inputs hash as `inputs`, from the cache when the last run kept
    /// it under the same key, else from `generate` (kept when it succeeds). The caller names every
    /// input: for the workspace SDK, the manifest's text and where each description was read,
    /// whose contents the manifest's checked pins then fix.
    pub fn get_or_generate(
        &self,
        inputs: &impl Hash,
        generate: impl FnOnce() -> Result<Output, Error>,
    ) -> Result<Output, Error> {
        let key = self.key_of(&("whole run", inputs));
        let path = self.dir.join(WHOLE_RUN);
        if let Some(hit) = std::fs::read(&path).ok().and_then(|bytes| decode_output(&bytes, &key)) {
            return Ok(hit);
        }
        let output = generate()?;
        let _ = self.write_atomically(&path, &encode_output(&key, &output));
        Ok(output)
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
        self.write_atomically(path, &encode(key, rendered))
    }

    fn write_atomically(&self, path: &Path, text: &str) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        out.write_all(text.as_bytes())?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, path).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }
}

/// The whole run's entry; API modules' entries end in `.rendered`, so no module name can clash.
const WHOLE_RUN: &str = "sdk.output";

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
    encode_files(&mut out, files);
    out
}

fn encode_files(out: &mut String, files: &BTreeMap<PathBuf, String>) {
    for (path, text) in files {
        out.push_str(&format!("{}\n{}\n", path.display(), text.len()));
        out.push_str(text);
    }
}

/// A text of known length, then a newline: warnings' messages may hold newlines themselves.
fn encode_text(out: &mut String, text: &str) {
    out.push_str(&format!("{}\n{text}\n", text.len()));
}

fn output_hash(output: &Output) -> u64 {
    let mut h = DefaultHasher::new();
    (&output.files, output.operations, &output.warnings).hash(&mut h);
    h.finish()
}

/// As [`encode`], with the number of warnings after the operations and each warning (file,
/// pointer, message) before the files.
fn encode_output(key: &str, output: &Output) -> String {
    let mut out = format!(
        "{HEADER}\n{key}\n{}\n{:016x}\n{}\n",
        output.operations,
        output_hash(output),
        output.warnings.len()
    );
    for w in &output.warnings {
        encode_text(&mut out, &w.file.to_string_lossy());
        encode_text(&mut out, &w.pointer);
        encode_text(&mut out, &w.message);
    }
    encode_files(&mut out, &output.files);
    out
}

/// Reads what `encode_*` wrote, line by line and text by length; `None` at the first mismatch.
struct Reader<'a> {
    rest: &'a str,
}

impl<'a> Reader<'a> {
    fn line(&mut self) -> Option<&'a str> {
        let (l, r) = self.rest.split_once('\n')?;
        self.rest = r;
        Some(l)
    }

    fn text(&mut self) -> Option<&'a str> {
        let len: usize = self.line()?.parse().ok()?;
        let body = self.rest.get(..len)?;
        self.rest = self.rest[len..].strip_prefix('\n')?;
        Some(body)
    }

    fn head(&mut self, key: &str) -> Option<(usize, u64)> {
        if self.line()? != HEADER || self.line()? != key {
            return None;
        }
        let operations = self.line()?.parse().ok()?;
        let hash = u64::from_str_radix(self.line()?, 16).ok()?;
        Some((operations, hash))
    }

    fn files(mut self) -> Option<BTreeMap<PathBuf, String>> {
        let mut files = BTreeMap::new();
        while !self.rest.is_empty() {
            let path = self.line()?;
            let len: usize = self.line()?.parse().ok()?;
            let body = self.rest.get(..len)?;
            self.rest = &self.rest[len..];
            files.insert(PathBuf::from(path), body.to_string());
        }
        Some(files)
    }
}

fn decode_output(bytes: &[u8], key: &str) -> Option<Output> {
    let mut r = Reader {
        rest: std::str::from_utf8(bytes).ok()?,
    };
    let (operations, hash) = r.head(key)?;
    let count: usize = r.line()?.parse().ok()?;
    let mut warnings = Vec::with_capacity(count.min(1 << 16));
    for _ in 0..count {
        warnings.push(Warning {
            file: PathBuf::from(r.text()?),
            pointer: r.text()?.to_string(),
            message: r.text()?.to_string(),
        });
    }
    let output = Output {
        files: r.files()?,
        warnings,
        operations,
    };
    (output_hash(&output) == hash).then_some(output)
}

fn decode(bytes: &[u8], key: &str) -> Option<Rendered> {
    let mut r = Reader {
        rest: std::str::from_utf8(bytes).ok()?,
    };
    let (operations, hash) = r.head(key)?;
    let rendered = (r.files()?, operations);
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

    fn output() -> Output {
        Output {
            files: sample().0,
            warnings: vec![Warning {
                file: PathBuf::from("/specs/sms.yaml"),
                pointer: "/paths/~1batches/post".into(),
                message: "two lines:\nthe second".into(),
            }],
            operations: 17,
        }
    }

    #[test]
    fn a_whole_run_is_read_back_with_its_warnings_under_its_key_only() {
        let text = encode_output("k", &output());
        assert_eq!(decode_output(text.as_bytes(), "k"), Some(output()));
        assert_eq!(decode_output(text.as_bytes(), "other"), None);
        let damaged = text.replacen("the second", "the Second", 1);
        assert_eq!(decode_output(damaged.as_bytes(), "k"), None);
        assert_eq!(decode_output(&text.as_bytes()[..text.len() - 1], "k"), None);
        // A per-API entry is never taken for a whole run, nor the reverse.
        assert_eq!(decode_output(encode("k", &sample()).as_bytes(), "k"), None);
        assert_eq!(decode(text.as_bytes(), "k"), None);
    }

    #[test]
    fn a_whole_run_is_generated_once_per_inputs_and_a_failure_is_not_kept() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let cache = RenderCache {
            dir: dir.path().join("c"),
            binary: (1, 2),
        };
        let failed = cache.get_or_generate(&"inputs", || Err(Error::file(Path::new("m.toml"), "broken")));
        assert!(failed.is_err());
        assert!(
            !dir.path().join("c").join(WHOLE_RUN).exists(),
            "a failed run keeps nothing"
        );
        let mut runs = 0;
        let mut run = |inputs: &str| {
            cache
                .get_or_generate(&inputs, || {
                    runs += 1;
                    let mut o = output();
                    o.operations = inputs.len();
                    Ok(o)
                })
                .expect("no error")
        };
        assert_eq!(run("inputs").operations, 6);
        assert_eq!(run("inputs").operations, 6);
        assert_eq!(run("changed").operations, 7);
        assert_eq!(runs, 2);
        let rebuilt = RenderCache {
            binary: (1, 3),
            ..cache.clone()
        };
        assert!(
            rebuilt
                .get_or_generate(&"changed", || Ok(output()))
                .is_ok_and(|o| o.operations == 17)
        );
    }
}
