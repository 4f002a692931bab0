//! Generates the Sinch Rust SDK from Sinch's OpenAPI descriptions.
//!
//! The data flow, one module each: [`source`] finds a description (mirror or download) and
//! checks its pin -> [`load`] parses it -> [`bundle`] pulls in what other files it references
//! -> [`normalise`] converts other formats, repairs known defects and types it
//! -> [`model`] turns it into the intermediate model -> [`emit`] renders Rust -> [`write`]
//! compares with and updates `generated/`.

pub mod allocator;
pub mod bundle;
pub mod corpus;
pub mod diag;
pub mod diff;
pub mod doc;
pub mod emit;
pub mod fetch;
pub mod fix;
pub mod fuzz;
pub mod load;
pub mod manifest;
pub mod model;
pub mod naming;
pub mod normalise;
pub mod render_cache;
pub mod sample;
pub mod source;
pub mod write;

use diag::{Error, Warnings};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What one run reads and where it writes.
#[derive(Debug, Clone)]
pub struct Config {
    /// `specs/manifest.toml`.
    pub manifest: PathBuf,
    /// The SDK crate directory (`generated/`).
    pub out: PathBuf,
    /// A directory laid out like Sinch's mirror; `None` downloads from the manifest's URLs.
    pub mirror: Option<PathBuf>,
    /// Where downloads are kept.
    pub cache: PathBuf,
    /// Where each API's rendered files are kept between runs (`None`: render every API).
    pub rendered: Option<render_cache::RenderCache>,
}

impl Config {
    /// The workspace's own layout, with the mirror from `SINCH_SPECS_MIRROR` when set.
    pub fn workspace() -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("generator/ has a parent")
            .to_path_buf();
        Config {
            manifest: root.join("specs/manifest.toml"),
            out: root.join("generated"),
            mirror: std::env::var_os(source::MIRROR_VAR).map(PathBuf::from),
            cache: root.join("specs/.cache"),
            rendered: None,
        }
    }
}

/// The whole SDK in memory: relative path -> contents.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub files: BTreeMap<PathBuf, String>,
    pub warnings: Vec<diag::Warning>,
    pub operations: usize,
}

/// Loads, normalises and models one description file.
pub fn model_file(entry: &manifest::ApiEntry, path: &Path, warnings: &mut Warnings) -> Result<model::Api, Error> {
    let doc = load_fixed(path, None, &entry.fixes, warnings)?;
    model::build(entry, path, &doc, warnings)
}

/// A description as the model sees it (bundled, converted to OpenAPI 3.0, repaired), as JSON:
/// the JSON pointers the generator reports (such as those of examples) point into this.
pub fn normalised_json(path: &Path) -> Result<serde_json::Value, Error> {
    let doc = load_description(path, &mut Warnings::default())?;
    serde_json::to_value(&doc).map_err(|e| Error::file(path, format!("cannot re-encode the description: {e}")))
}

/// Load, bundle and normalise one description.
pub fn load_description(path: &Path, warnings: &mut Warnings) -> Result<openapiv3::OpenAPI, Error> {
    load_description_within(path, None, warnings)
}

/// [`load_description`] with references allowed anywhere under `ref_root` (default: the
/// description's folder).
pub fn load_description_within(
    path: &Path,
    ref_root: Option<&Path>,
    warnings: &mut Warnings,
) -> Result<openapiv3::OpenAPI, Error> {
    load_fixed(path, ref_root, &[], warnings)
}

/// Load, correct with the manifest's `fixes` (before bundling: they point into this file),
/// bundle and normalise.
fn load_fixed(
    path: &Path,
    ref_root: Option<&Path>,
    fixes: &[manifest::Fix],
    warnings: &mut Warnings,
) -> Result<openapiv3::OpenAPI, Error> {
    let mut raw = load::load_file(path, warnings)?;
    fix::apply(path, &mut raw, fixes)?;
    let raw = bundle::bundle_within(path, raw, ref_root, warnings)?;
    normalise::normalise(path, raw, warnings)
}

/// Sample arguments of every operation of a description (see [`sample`]), by operation id.
pub fn operation_samples(path: &Path) -> Result<BTreeMap<String, sample::OperationSample>, Error> {
    let doc = load_description(path, &mut Warnings::default())?;
    Ok(sample::operations(&doc))
}

/// Generates every file of the SDK without touching the disk.
pub fn generate(config: &Config) -> Result<Output, Error> {
    let manifest = manifest::Manifest::load(&config.manifest)?;
    // The cache only ever yields a copy whose pin it has checked; a mirror's is checked here, in
    // parallel (hashing every description was a twentieth of a regeneration), and the first
    // error in manifest order is the one reported.
    let paths: Vec<(&manifest::ApiEntry, PathBuf)> = match &config.mirror {
        Some(mirror) => {
            let found: Vec<Result<PathBuf, Error>> = manifest
                .api
                .par_iter()
                .map(|entry| {
                    let path = source::in_mirror(mirror, &entry.key)?;
                    source::verify_pin(entry, &path, &config.manifest)?;
                    Ok(path)
                })
                .collect();
            manifest
                .api
                .iter()
                .zip(found)
                .map(|(entry, path)| Ok((entry, path?)))
                .collect::<Result<_, Error>>()?
        }
        // Downloads stay one at a time, with their progress, and stop at the first that fails.
        None => manifest
            .api
            .iter()
            .map(|entry| Ok((entry, cached_or_fetched(config, entry)?)))
            .collect::<Result<_, Error>>()?,
    };
    let build = || model_and_render(config, &paths);
    match &config.rendered {
        // The pins just checked fix each description's contents, and the manifest every other
        // input, so its text and where each description was read (warnings name the files) key
        // the whole run.
        Some(cache) => {
            let manifest_text = std::fs::read(&config.manifest)
                .map_err(|e| Error::file(&config.manifest, format!("cannot read: {e}")))?;
            let read_from: Vec<&Path> = paths.iter().map(|(_, p)| p.as_path()).collect();
            cache.get_or_generate(&(manifest_text, read_from), build)
        }
        None => build(),
    }
}

/// The workspace SDK from the checked descriptions of the manifest's entries.
fn model_and_render(config: &Config, paths: &[(&manifest::ApiEntry, PathBuf)]) -> Result<Output, Error> {
    // Descriptions are independent: modelled in parallel, kept in manifest order, so the first
    // error reported is the same on every run. Each API's crate is rendered as soon as its model
    // is made: waiting for every model (Provisioning's is the longest) left a core idle.
    let modelled: Vec<Result<(model::Api, Warnings, render_cache::Rendered), Error>> = largest_first(
        paths,
        |(_, path)| std::fs::metadata(path).map_or(0, |m| m.len()),
        |(entry, path)| {
            let mut warnings = Warnings::default();
            let api = model_file(entry, path, &mut warnings)?;
            let rendered = api_crate_files(entry, &api, config.rendered.as_ref());
            Ok((api, warnings, rendered))
        },
    );
    let mut warnings = Warnings::default();
    let mut apis = Vec::new();
    let mut rendered = Vec::new();
    for ((entry, _), result) in paths.iter().zip(modelled) {
        let (api, w, files) = result?;
        warnings.items.extend(w.items);
        apis.push(((*entry).clone(), api));
        rendered.push(files);
    }
    Ok(render_with(
        &apis,
        "sinch-sdk",
        false,
        warnings,
        config.rendered.as_ref(),
        Some(rendered),
    ))
}

/// An API crate's files in the SDK workspace (`apis/<module>/`), but its testing table, which
/// names operations uniquely over every API: its `Cargo.toml`, and its sources (from `cache`
/// where they are kept).
fn api_crate_files(
    entry: &manifest::ApiEntry,
    api: &model::Api,
    cache: Option<&render_cache::RenderCache>,
) -> render_cache::Rendered {
    let root = PathBuf::from("apis").join(&api.module);
    let mut files = BTreeMap::new();
    files.insert(root.join("Cargo.toml"), emit::krate::api_cargo_toml(api));
    let render = || {
        let mut own = BTreeMap::new();
        let n = api_files(&mut own, &root.join("src"), "lib.rs", entry, api, &|t| {
            emit::krate::in_api_crate(&t)
        });
        (own, n)
    };
    let (own, n) = match cache {
        Some(cache) => cache.get_or_render(entry, api, render),
        None => render(),
    };
    files.extend(own);
    (files, n)
}

/// Without a mirror: the pinned copy in the cache, else one `fetch` downloads (with
/// progress, timeouts, retries, and the pin checked before it lands in the cache).
fn cached_or_fetched(config: &Config, entry: &manifest::ApiEntry) -> Result<PathBuf, Error> {
    if let Some(path) = fetch::pinned_copy(entry, &config.cache, None) {
        return Ok(path);
    }
    let opts = fetch::Options {
        manifest: config.manifest.clone(),
        cache: config.cache.clone(),
        mirror: None,
        ..fetch::Options::workspace()
    };
    match fetch::fetch(&opts, Some(&entry.key))?.pop() {
        Some(Ok(fetch::Outcome::Verified { path, .. } | fetch::Outcome::Accepted { path, .. })) => Ok(path),
        Some(Err(e)) => Err(e),
        None => Err(Error::file(
            &config.manifest,
            format!("`{}` was not fetched", entry.key),
        )),
    }
}

/// Generates a crate of its own for one description (no manifest: its facts come from the
/// description's servers and security schemes).
pub fn generate_standalone(spec: &Path, crate_name: &str) -> Result<Output, Error> {
    generate_standalone_within(spec, crate_name, None)
}

/// [`generate_standalone`] with references allowed anywhere under `ref_root`.
pub fn generate_standalone_within(spec: &Path, crate_name: &str, ref_root: Option<&Path>) -> Result<Output, Error> {
    let mut warnings = Warnings::default();
    let doc = load_description_within(spec, ref_root, &mut warnings)?;
    let stem = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("api");
    let entry = manifest::ApiEntry::from_description(stem, &doc);
    let api = model::build(&entry, spec, &doc, &mut warnings)?;
    Ok(render(&[(entry, api)], crate_name, true, warnings, None))
}

/// Generates one crate with a module per description; used for standalone crates and to
/// compile the test fixtures together.
pub fn generate_fixtures(specs: &[PathBuf], crate_name: &str) -> Result<Output, Error> {
    let mut warnings = Warnings::default();
    let mut apis = Vec::new();
    for spec in specs {
        let doc = load_description(spec, &mut warnings)?;
        let stem = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("api");
        let entry = manifest::ApiEntry::from_description(stem, &doc);
        let api = model::build(&entry, spec, &doc, &mut warnings)?;
        apis.push((entry, api));
    }
    Ok(render(&apis, crate_name, true, warnings, None))
}

/// One API's module files in `dir` (`root` is `mod.rs` for a module, `lib.rs` for a crate):
/// its client, types and operation groups; `fix` adapts the text to where it lives. Returns its
/// number of operations.
fn api_files(
    files: &mut BTreeMap<PathBuf, String>,
    dir: &Path,
    root: &str,
    entry: &manifest::ApiEntry,
    api: &model::Api,
    fix: &(dyn Fn(String) -> String + Sync),
) -> usize {
    let mut head = emit::header();
    if root == "lib.rs" {
        head.push_str(
            "#![warn(missing_docs)]\n#![forbid(unsafe_code)]\n\
             #![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items)]\n",
        );
    }
    // The crate docs are the description's own markdown.
    emit::krate::api_mod(api, entry, &mut head);
    if root == "lib.rs" {
        head.push_str("#[cfg(feature = \"testing\")]\npub mod testing;\n");
    }
    files.insert(dir.join(root), fix(head));
    let multipart = emit::operations::multipart_types(&api.groups, &api.types);
    let defs: Vec<&model::TypeDef> = api.types.values().collect();
    files.insert(
        dir.join("types.rs"),
        fix(emit::file_in_parts(
            emit::types::head(&api.title).into(),
            &defs,
            |d| emit::types::item(d, &api.types, &multipart),
            &format!("{} types", api.key),
        )),
    );
    let groups: Vec<&model::operations::Group> = api.groups.values().collect();
    let texts: Vec<String> = groups
        .par_iter()
        .map(|g| {
            fix(emit::operations::module(
                g,
                &api.types,
                &format!("{} {}", api.key, g.module),
            ))
        })
        .collect();
    for (g, text) in groups.iter().zip(texts) {
        files.insert(dir.join(format!("{}.rs", g.module)), text);
    }
    groups.iter().map(|g| g.operations.len()).sum()
}

/// Each API's files, rendered in parallel (emitting and formatting are most of the time), in
/// the order of `apis`; with the count `each` returns.
fn in_parallel(
    apis: &[(manifest::ApiEntry, model::Api)],
    each: impl Fn(&manifest::ApiEntry, &model::Api, &mut BTreeMap<PathBuf, String>) -> usize + Sync,
) -> Vec<(BTreeMap<PathBuf, String>, usize)> {
    largest_first(
        apis,
        |(_, api)| (api.types.len() + api.groups.values().map(|g| g.operations.len()).sum::<usize>()) as u64,
        |(entry, api)| {
            let mut files = BTreeMap::new();
            let n = each(entry, api, &mut files);
            (files, n)
        },
    )
}

/// `f` of each item, in parallel, the heaviest items (by `weight`) started first, the results in
/// the items' order. Two of the three largest descriptions (Mailgun, Engage) are last in the
/// manifest: taken in its order, they started when the rest was done and were the run's tail.
fn largest_first<T: Sync, R: Send>(items: &[T], weight: impl Fn(&T) -> u64, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Cached: a weight may read the disk (a description's size), once per item is enough.
    order.sort_by_cached_key(|&i| std::cmp::Reverse(weight(&items[i])));
    // One item per task: a worker that is free takes the next item left.
    let done: Vec<(usize, R)> = order.par_iter().with_max_len(1).map(|&i| (i, f(&items[i]))).collect();
    let mut slots: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    for (i, r) in done {
        slots[i] = Some(r);
    }
    slots.into_iter().flatten().collect()
}

/// Renders the crate: `Cargo.toml`, `lib.rs`, the runtime, and per API its client, types and
/// operation groups (those of the workspace SDK from `cache` where it has them).
pub fn render(
    apis: &[(manifest::ApiEntry, model::Api)],
    crate_name: &str,
    standalone: bool,
    warnings: Warnings,
    cache: Option<&render_cache::RenderCache>,
) -> Output {
    render_with(apis, crate_name, standalone, warnings, cache, None)
}

/// [`render`], with the API crates' own files already rendered (`api_crate_files`, in the
/// order of `apis`) where `rendered` has them.
fn render_with(
    apis: &[(manifest::ApiEntry, model::Api)],
    crate_name: &str,
    standalone: bool,
    warnings: Warnings,
    cache: Option<&render_cache::RenderCache>,
    rendered: Option<Vec<render_cache::Rendered>>,
) -> Output {
    let models: Vec<model::Api> = apis.iter().map(|(_, a)| a.clone()).collect();
    let mut files = BTreeMap::new();
    let mut operations = 0;
    if standalone {
        // One crate: the runtime and every API are modules of it.
        files.insert(
            PathBuf::from("Cargo.toml"),
            emit::krate::cargo_toml(&models, crate_name, emit::krate::STANDALONE_EXTRA),
        );
        files.insert(PathBuf::from("src/lib.rs"), emit::krate::lib_rs(&models, true));
        for (name, text) in emit::krate::RUNTIME {
            files.insert(
                PathBuf::from("src/runtime").join(name),
                emit::krate::copied(text, &format!("runtime/{name}"), "//"),
            );
        }
        for (rendered, n) in in_parallel(apis, |entry, api, files| {
            api_files(
                files,
                &PathBuf::from("src").join(&api.module),
                "mod.rs",
                entry,
                api,
                &|t| t,
            )
        }) {
            files.extend(rendered);
            operations += n;
        }
    } else {
        // A workspace of crates: `runtime/`, one per API under `apis/`, and the facade that
        // re-exports them under the same paths and features.
        files.insert(
            PathBuf::from("Cargo.toml"),
            emit::krate::sdk_cargo_toml(&models, emit::krate::SDK_EXTRA),
        );
        files.insert(PathBuf::from("src/lib.rs"), emit::krate::lib_rs(&models, false));
        files.insert(
            PathBuf::from("README.md"),
            format!(
                "<!-- {}. Copied from templates/sdk/README.md: edit it there. -->\n\n{}",
                emit::MARKER,
                emit::krate::SDK_README
            ),
        );
        files.insert(
            PathBuf::from("runtime/Cargo.toml"),
            emit::krate::copied(emit::krate::RUNTIME_CARGO_TOML, "sdk/runtime.Cargo.toml.in", "#"),
        );
        for (name, text) in emit::krate::RUNTIME {
            let (path, text) = if *name == "mod.rs" {
                (PathBuf::from("runtime/src/lib.rs"), emit::krate::runtime_lib_rs())
            } else {
                (
                    PathBuf::from("runtime/src").join(name),
                    emit::krate::copied(text, &format!("runtime/{name}"), "//"),
                )
            };
            files.insert(path, text);
        }
        // prettyplease formats the API crates; rustfmt (`cargo fmt --all`) is told to leave them
        // as generated, so formatting the workspace never makes `--check` fail.
        files.insert(
            PathBuf::from("apis/rustfmt.toml"),
            "# @generated by sinch-sdk-generator: the API crates are formatted as generated.\ndisable_all_formatting = true\n"
                .to_string(),
        );
        files.insert(
            PathBuf::from("runtime/src/testing.rs"),
            emit::krate::copied(emit::krate::RUNTIME_TESTING, "runtime/testing.rs", "//"),
        );
        let names = emit::testing::variant_names(apis);
        files.insert(
            PathBuf::from("src/testing/mod.rs"),
            emit::krate::copied(emit::krate::FACADE_TESTING, "sdk/testing.rs", "//"),
        );
        // The facade's generated files are rendered beside the API crates, not after them.
        let facade_files: [&(dyn Fn() -> (&'static str, String) + Sync); 4] = [
            &|| ("src/testing/operations.rs", emit::testing::facade(apis, &names)),
            &|| ("src/sinch.rs", emit::file(emit::krate::sinch_rs(apis), "sinch.rs")),
            &|| ("tests/contract/index.rs", emit::contract::index(apis)),
            &|| ("tests/spec_examples/index.rs", emit::krate::examples_test(&models)),
        ];
        let (rendered, facade): (_, BTreeMap<PathBuf, String>) = rayon::join(
            || {
                let tables = in_parallel(apis, |_, api, files| {
                    files.insert(
                        PathBuf::from("apis").join(&api.module).join("src/testing.rs"),
                        emit::krate::in_api_crate(&emit::testing::api_table(api, &names)),
                    );
                    0
                });
                let own = rendered.unwrap_or_else(|| {
                    in_parallel(apis, |entry, api, files| {
                        let (own, n) = api_crate_files(entry, api, cache);
                        files.extend(own);
                        n
                    })
                });
                tables.into_iter().chain(own).collect::<Vec<render_cache::Rendered>>()
            },
            || {
                facade_files
                    .par_iter()
                    .map(|f| {
                        let (path, text) = f();
                        (PathBuf::from(path), text)
                    })
                    .collect()
            },
        );
        for (rendered, n) in rendered {
            files.extend(rendered);
            operations += n;
        }
        files.extend(facade);
        files.insert(PathBuf::from("tests/spec_examples.rs"), emit::krate::examples_harness());
        files.insert(
            PathBuf::from("tests/contract.rs"),
            emit::krate::copied(emit::krate::CONTRACT_TEST, "contract.rs.in", "//"),
        );
    }
    let mut warnings = warnings.items;
    warnings.sort();
    warnings.dedup();
    Output {
        files,
        warnings,
        operations,
    }
}

#[cfg(test)]
mod tests {
    use super::largest_first;
    use std::sync::Mutex;

    #[test]
    fn largest_first_starts_the_heaviest_and_keeps_the_items_order() {
        let items = [3u64, 10, 1, 7];
        let started = Mutex::new(Vec::new());
        // One worker: it takes the items in the order they are handed out.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let out = pool.install(|| {
            largest_first(
                &items,
                |&w| w,
                |&w| {
                    started.lock().unwrap().push(w);
                    w * 2
                },
            )
        });
        assert_eq!(out, vec![6, 20, 2, 14]);
        assert_eq!(started.into_inner().unwrap(), vec![10, 7, 3, 1]);
    }
}
