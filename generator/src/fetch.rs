//! `fetch`: copies each description of the manifest into a local cache (`specs/.cache/`, laid
//! out like a mirror, so `--mirror specs/.cache` reads it), from `SINCH_SPECS_MIRROR` when set
//! or else from its URL, and checks it against the manifest's sha256 pin.
//!
//! Downloads time out when the server goes quiet, are retried with backoff, show progress on
//! stderr, and are written to a `.part` file that is renamed into place only once complete and
//! verified: whatever fails, the cache keeps what it had and no partial file is left.
//!
//! `fetch --update` accepts a new version instead of refusing it: it compares the cached version
//! (if any) with the new one ([`crate::diff`]), installs the new one and rewrites that entry's
//! `sha256 = "..."` line in the manifest, leaving every other line as it was.

use crate::diag::Error;
use crate::diff::{self, Report};
use crate::manifest::{ApiEntry, Manifest};
use crate::source;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What `fetch` reads and where it writes.
#[derive(Debug, Clone)]
pub struct Options {
    pub manifest: PathBuf,
    /// The cache directory (`specs/.cache/`).
    pub cache: PathBuf,
    /// Copy from this mirror instead of downloading.
    pub mirror: Option<PathBuf>,
    /// How long a connection may stay silent (connecting, awaiting the response, between reads).
    pub timeout: Duration,
    /// Further attempts after a failed download (timeouts, dropped connections, 5xx, 429).
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub backoff: Duration,
    /// Accept new versions: rewrite the pins.
    pub update: bool,
}

impl Options {
    /// The workspace's manifest and cache, with the mirror from `SINCH_SPECS_MIRROR` when set.
    pub fn workspace() -> Options {
        let config = crate::Config::workspace();
        Options {
            manifest: config.manifest,
            cache: config.cache,
            mirror: config.mirror,
            timeout: Duration::from_secs(30),
            retries: 3,
            backoff: Duration::from_millis(500),
            update: false,
        }
    }
}

/// What became of one description.
#[derive(Debug)]
pub enum Outcome {
    /// The cache holds the pinned version.
    Verified { key: String, path: PathBuf, pin: String },
    /// A new version was accepted: it is in the cache and the manifest pins it.
    Accepted {
        key: String,
        path: PathBuf,
        old_pin: String,
        new_pin: String,
        /// The change from the previously cached version; `None` when there was none to compare.
        report: Option<Box<Report>>,
    },
}

/// Fetches every description of the manifest, or only `only`: one result per description.
/// Download progress and retries are reported on stderr.
pub fn fetch(opts: &Options, only: Option<&str>) -> Result<Vec<Result<Outcome, Error>>, Error> {
    let manifest = Manifest::load(&opts.manifest)?;
    let entries: Vec<&ApiEntry> = manifest
        .api
        .iter()
        .filter(|e| only.is_none_or(|k| e.key == k))
        .collect();
    if let Some(k) = only
        && entries.is_empty()
    {
        let keys: Vec<&str> = manifest.api.iter().map(|e| e.key.as_str()).collect();
        return Err(Error::file(
            &opts.manifest,
            format!("no API with key `{k}` (keys: {})", keys.join(", ")),
        ));
    }
    Ok(entries.into_iter().map(|e| fetch_one(opts, e)).collect())
}

/// A description staged beside its place in the cache.
struct Staged {
    /// The `.part` file or folder.
    part: PathBuf,
    /// The description file inside it (the folder's `openapi.yaml` for multi-file ones).
    description: PathBuf,
    /// Where it goes.
    target: PathBuf,
    /// Where it came from, for messages.
    from: String,
}

impl Staged {
    fn discard(&self) {
        remove(&self.part);
    }

    /// Moves the staged copy into place; the description file at its new place.
    fn install(&self, cache: &Path, key: &str) -> std::io::Result<PathBuf> {
        let inner = self
            .description
            .strip_prefix(&self.part)
            .ok()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf);
        if self.part.is_dir() {
            let old = self.target.with_extension("old");
            remove(&old);
            if self.target.exists() {
                std::fs::rename(&self.target, &old)?;
            }
            std::fs::rename(&self.part, &self.target)?;
            remove(&old);
        } else {
            if self.target.is_dir() {
                std::fs::remove_dir_all(&self.target)?;
            }
            std::fs::rename(&self.part, &self.target)?;
        }
        // Other layouts of the same key would shadow or confuse the one just written.
        for other in layouts(cache, key) {
            if other != self.target {
                remove(&other);
            }
        }
        Ok(match inner {
            Some(inner) => self.target.join(inner),
            None => self.target.clone(),
        })
    }
}

/// Every place a description of `key` can have in a mirror-like folder.
fn layouts(dir: &Path, key: &str) -> Vec<PathBuf> {
    vec![
        dir.join(format!("{key}.yaml")),
        dir.join(format!("{key}.yml")),
        dir.join(format!("{key}.json")),
        dir.join(key),
    ]
}

fn remove(path: &Path) {
    if path.is_dir() {
        let _ = std::fs::remove_dir_all(path);
    } else if path.exists() {
        let _ = std::fs::remove_file(path);
    }
}

/// The cached copy of a description, if there is one.
pub fn cached(cache: &Path, key: &str) -> Option<PathBuf> {
    source::in_mirror(cache, key).ok()
}

/// A copy of the pinned version: the cache's, else the mirror's, when it matches the pin.
pub fn pinned_copy(entry: &ApiEntry, cache: &Path, mirror: Option<&Path>) -> Option<PathBuf> {
    let candidates = [
        cached(cache, &entry.key),
        mirror.and_then(|m| source::in_mirror(m, &entry.key).ok()),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| source::pin_of(p).is_ok_and(|pin| pin.eq_ignore_ascii_case(&entry.sha256)))
}

fn fetch_one(opts: &Options, entry: &ApiEntry) -> Result<Outcome, Error> {
    std::fs::create_dir_all(&opts.cache)
        .map_err(|e| Error::file(&opts.cache, format!("cannot create the cache: {e}")))?;
    let staged = match &opts.mirror {
        Some(mirror) => stage_from_mirror(mirror, &opts.cache, &entry.key)?,
        None => stage_download(opts, entry)?,
    };
    let result = check_and_install(opts, entry, &staged);
    if result.is_err() {
        staged.discard();
    }
    result
}

fn check_and_install(opts: &Options, entry: &ApiEntry, staged: &Staged) -> Result<Outcome, Error> {
    let pin = source::pin_of(&staged.description)?;
    let fail = |m: String| Error::file(&staged.target, m);
    if pin.eq_ignore_ascii_case(&entry.sha256) {
        let path = staged
            .install(&opts.cache, &entry.key)
            .map_err(|e| fail(format!("cannot move the download into place: {e}")))?;
        return Ok(Outcome::Verified {
            key: entry.key.clone(),
            path,
            pin,
        });
    }
    if !opts.update {
        return Err(fail(format!(
            "{} has sha256 {pin} but {} pins `{}` to {}: a new version of the description? \
             Nothing was written. To see what changed and accept it: cargo run -p generator -- fetch --update {}",
            staged.from,
            opts.manifest.display(),
            entry.key,
            entry.sha256,
            entry.key
        )));
    }
    // The new version must load and model before it is accepted.
    let previous = cached(&opts.cache, &entry.key);
    let mut warnings = crate::diag::Warnings::default();
    let new = diff::Version::load(&staged.description, Some(entry), &entry.key, &mut warnings)?;
    let report = match &previous {
        Some(p) => match diff::Version::load(p, Some(entry), &entry.key, &mut warnings) {
            Ok(old) => {
                let mut report = diff::compare(&old, &new);
                report.old.file = format!("{} (as cached before this update)", report.old.file);
                report.new.file = staged.from.clone();
                Some(Box::new(report))
            }
            Err(e) => {
                eprintln!("note: the cached version does not load, so there is no change report: {e}");
                None
            }
        },
        None => None,
    };
    let path = staged
        .install(&opts.cache, &entry.key)
        .map_err(|e| fail(format!("cannot move the download into place: {e}")))?;
    set_pin(&opts.manifest, &entry.key, &pin)?;
    Ok(Outcome::Accepted {
        key: entry.key.clone(),
        path,
        old_pin: entry.sha256.clone(),
        new_pin: pin,
        report,
    })
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            std::fs::copy(&path, &dest)?;
        }
    }
    Ok(())
}

fn stage_from_mirror(mirror: &Path, cache: &Path, key: &str) -> Result<Staged, Error> {
    let src = source::in_mirror(mirror, key)?;
    let multi = src
        .file_name()
        .is_some_and(|n| n == "openapi.yaml" || n == "openapi.json");
    let staged = if multi {
        let folder = src.parent().expect("a file has a folder");
        let part = cache.join(format!("{key}.part"));
        Staged {
            description: part.join(src.file_name().expect("a file name")),
            target: cache.join(key),
            from: folder.display().to_string(),
            part,
        }
    } else {
        let name = src.file_name().expect("a file name").to_string_lossy().into_owned();
        let part = cache.join(format!("{name}.part"));
        Staged {
            description: part.clone(),
            target: cache.join(name),
            from: src.display().to_string(),
            part,
        }
    };
    remove(&staged.part);
    let copied = if multi {
        copy_dir(src.parent().expect("a file has a folder"), &staged.part)
    } else {
        std::fs::copy(&src, &staged.part).map(|_| ())
    };
    if let Err(e) = copied {
        staged.discard();
        return Err(Error::file(&src, format!("cannot copy into {}: {e}", cache.display())));
    }
    Ok(staged)
}

fn stage_download(opts: &Options, entry: &ApiEntry) -> Result<Staged, Error> {
    let target = opts.cache.join(format!("{}.yaml", entry.key));
    let part = opts.cache.join(format!("{}.yaml.part", entry.key));
    let staged = Staged {
        description: part.clone(),
        target: target.clone(),
        from: entry.url.clone(),
        part,
    };
    match download(&entry.url, &staged.part, opts, &entry.key) {
        Ok(_) => Ok(staged),
        Err(m) => {
            staged.discard();
            Err(Error::file(
                &target,
                format!(
                    "downloading {}: {m}; nothing was written (set {} to copy from a local mirror instead)",
                    entry.url,
                    source::MIRROR_VAR
                ),
            ))
        }
    }
}

/// Why one attempt failed, and whether another may succeed.
struct Failed {
    message: String,
    retry: bool,
}

fn from_ureq(e: ureq::Error) -> Failed {
    let retry = match &e {
        ureq::Error::StatusCode(c) => *c == 429 || *c == 408 || *c >= 500,
        ureq::Error::Timeout(_) | ureq::Error::Io(_) | ureq::Error::ConnectionFailed | ureq::Error::Protocol(_) => true,
        _ => false,
    };
    let message = match &e {
        ureq::Error::StatusCode(c) => format!("the server answered HTTP {c}"),
        ureq::Error::Timeout(_) => "timed out: no data".to_string(),
        other => other.to_string(),
    };
    Failed { message, retry }
}

/// Downloads `url` into `part` with retries; the number of bytes written.
fn download(url: &str, part: &Path, opts: &Options, key: &str) -> Result<u64, String> {
    let t = Some(opts.timeout);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(t)
        .timeout_recv_response(t)
        .timeout_per_read(t)
        .user_agent(concat!("sinch-sdk-generator/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut attempt = 0;
    loop {
        match download_once(&agent, url, part, opts, key) {
            Ok(n) => return Ok(n),
            Err(f) => {
                remove(part);
                if !f.retry || attempt >= opts.retries {
                    let tries = if attempt == 0 {
                        String::new()
                    } else {
                        format!(" (after {} attempts)", attempt + 1)
                    };
                    return Err(format!("{}{tries}", f.message));
                }
                let wait = opts.backoff.saturating_mul(1 << attempt.min(6));
                eprintln!(
                    "{key}: {}; retrying in {:.1} s ({} of {} retries)",
                    f.message,
                    wait.as_secs_f64(),
                    attempt + 1,
                    opts.retries
                );
                std::thread::sleep(wait);
                attempt += 1;
            }
        }
    }
}

fn download_once(agent: &ureq::Agent, url: &str, part: &Path, opts: &Options, key: &str) -> Result<u64, Failed> {
    let io = |what: &str, e: std::io::Error| Failed {
        message: format!("{what} {}: {e}", part.display()),
        retry: false,
    };
    let response = agent.get(url).call().map_err(from_ureq)?;
    let expected = response.body().content_length();
    let mut reader = response
        .into_body()
        .into_with_config()
        .limit(256 * 1024 * 1024)
        .reader();
    let mut file = std::fs::File::create(part).map_err(|e| io("cannot create", e))?;
    let mut progress = Progress::new(key, expected);
    let mut buf = vec![0u8; 64 * 1024];
    let mut received: u64 = 0;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                progress.abandon(received);
                let timed_out = matches!(e.kind(), std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock)
                    || e.to_string().to_lowercase().contains("timeout");
                let message = if timed_out {
                    format!("timed out after {} bytes: no data for {:?}", received, opts.timeout)
                } else {
                    format!("the connection broke after {received} bytes: {e}")
                };
                return Err(Failed { message, retry: true });
            }
        };
        file.write_all(&buf[..n]).map_err(|e| io("cannot write", e))?;
        received += n as u64;
        progress.update(received);
    }
    if let Some(len) = expected
        && received != len
    {
        progress.abandon(received);
        return Err(Failed {
            message: format!("the connection closed after {received} of {len} bytes"),
            retry: true,
        });
    }
    file.sync_all().map_err(|e| io("cannot write", e))?;
    progress.finish(received, url);
    Ok(received)
}

/// A progress line on stderr: rewritten in place on a terminal, one line at the end otherwise.
struct Progress {
    key: String,
    total: Option<u64>,
    tty: bool,
    last: Instant,
    shown: bool,
}

fn size(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
    } else if n >= 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} B")
    }
}

impl Progress {
    fn new(key: &str, total: Option<u64>) -> Progress {
        Progress {
            key: key.to_string(),
            total,
            tty: std::io::stderr().is_terminal(),
            last: Instant::now(),
            shown: false,
        }
    }

    fn line(&self, received: u64) -> String {
        match self.total {
            Some(t) if t > 0 => format!(
                "{}: {} of {} ({}%)",
                self.key,
                size(received),
                size(t),
                received * 100 / t
            ),
            _ => format!("{}: {}", self.key, size(received)),
        }
    }

    fn update(&mut self, received: u64) {
        if self.tty && self.last.elapsed() >= Duration::from_millis(100) {
            self.last = Instant::now();
            self.shown = true;
            eprint!("\r{}\x1b[K", self.line(received));
        }
    }

    fn abandon(&mut self, received: u64) {
        if self.shown {
            eprintln!("\r{} (interrupted)\x1b[K", self.line(received));
            self.shown = false;
        }
    }

    fn finish(&mut self, received: u64, url: &str) {
        if self.tty {
            eprintln!("\r{}: received {} from {url}\x1b[K", self.key, size(received));
        } else {
            eprintln!("{}: received {} from {url}", self.key, size(received));
        }
        self.shown = false;
    }
}

/// Sets the `sha256` of one `[[api]]` entry of a manifest's text, leaving every other byte as it
/// was (comments and layout included).
pub fn rewrite_pin(text: &str, key: &str, pin: &str) -> Result<String, String> {
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e| format!("not a TOML document: {e}"))?;
    let apis = doc
        .get_mut("api")
        .and_then(toml_edit::Item::as_array_of_tables_mut)
        .ok_or_else(|| "no [[api]] entries".to_string())?;
    let mut entries: Vec<&mut toml_edit::Table> = apis
        .iter_mut()
        .filter(|t| t.get("key").and_then(|k| k.as_str()) == Some(key))
        .collect();
    let entry = match entries.as_mut_slice() {
        [one] => one,
        [] => return Err(format!("no [[api]] entry with key = \"{key}\"")),
        _ => return Err(format!("key `{key}` is listed more than once")),
    };
    let Some(item) = entry.get_mut("sha256") else {
        return Err(format!("the entry for `{key}` has no sha256 line"));
    };
    let Some(value) = item.as_value_mut() else {
        return Err(format!("the sha256 of `{key}` is not a value"));
    };
    // The new string keeps the old one's surrounding spaces and comment.
    let decor = value.decor().clone();
    *value = toml_edit::Value::from(pin);
    *value.decor_mut() = decor;
    Ok(doc.to_string())
}

/// Sets the pin of one entry in the manifest file (in place: written whole or not at all).
pub fn set_pin(manifest: &Path, key: &str, pin: &str) -> Result<(), Error> {
    let text = std::fs::read_to_string(manifest)
        .map_err(|e| Error::file(manifest, format!("cannot read the manifest: {e}")))?;
    let updated = rewrite_pin(&text, key, pin).map_err(|m| Error::file(manifest, m))?;
    // The result must still be a manifest that pins `key` to `pin`.
    let parsed: Manifest = toml::from_str(&updated)
        .map_err(|e| Error::file(manifest, format!("rewriting the pin broke the manifest: {e}")))?;
    if !parsed.api.iter().any(|a| a.key == key && a.sha256 == pin) {
        return Err(Error::file(manifest, format!("could not set the pin of `{key}`")));
    }
    let tmp = manifest.with_extension("toml.tmp-generator");
    std::fs::write(&tmp, &updated)
        .and_then(|_| std::fs::rename(&tmp, manifest))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::file(manifest, format!("cannot write the manifest: {e}"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# comment\n[[api]]\nkey = \"a\"\nsha256 = \"old-a\"  # pin\n\n[[api]]\nkey = 'b'\nurl = \"x\"\nsha256 = \"old-b\"\n";

    #[test]
    fn rewrites_only_the_pin_of_its_entry() {
        let out = rewrite_pin(TEXT, "b", "new").unwrap();
        assert_eq!(out, TEXT.replace("\"old-b\"", "\"new\""));
        let out = rewrite_pin(TEXT, "a", "new").unwrap();
        assert_eq!(out, TEXT.replace("\"old-a\"  # pin", "\"new\"  # pin"));
    }

    #[test]
    fn refuses_unknown_keys() {
        assert!(rewrite_pin(TEXT, "c", "new").unwrap_err().contains("no [[api]] entry"));
    }
}
