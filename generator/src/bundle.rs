//! Bundle: resolve `$ref`s that point into other files, so the rest of the generator sees one
//! document (Sinch Engage is split over 200 files with nearly 600 references between them).
//!
//! Every referenced file is loaded once. What a reference stands for is decided by where it is
//! written (a `$ref` under `parameters:` is a parameter, under `schema:` a schema, ...):
//!
//! - schemas, responses, parameters, request bodies, headers, examples, links, callbacks and
//!   security schemes become components of the root document, named after the fragment's last
//!   token or else the file's stem (made unique in the order they are met), and the reference
//!   is rewritten to the local `#/components/...` pointer. A root component that is nothing but
//!   a reference to another file (`components/schemas/Foo: {$ref: ./Foo.yaml}`) keeps its name
//!   and receives the content in place;
//! - path items (under `paths`, `webhooks`, callbacks) and anything else are inlined.
//!
//! References inside a referenced file are relative to that file; local ones (`#/...`) point
//! into that file's own document and are resolved the same way. Cycles end at components: a
//! component is named before its content is bundled, so a file that refers back to one that
//! is being bundled gets the local pointer. A cycle through inlined objects is an error.

use crate::diag::{self, Error, Warnings};
use crate::doc::pointer::{decode_fragment as decode_uri_fragment, unescape};
use crate::doc::{Child, Kind, child, component_name, section, unique_name};
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// What is escaped when a JSON pointer is written as a URI fragment.
const FRAGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'%')
    .add(b'#')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`');

/// Inlines every external reference of the document loaded from `file`. References may not
/// leave the folder of `file` (see [`bundle_within`]).
pub fn bundle(file: &Path, doc: Value, warnings: &mut Warnings) -> Result<Value, Error> {
    bundle_within(file, doc, None, warnings)
}

/// [`bundle`], with references allowed anywhere under `ref_root` (default: the folder of
/// `file`). A reference that leads outside it, by `..` or through a symbolic link, is an error:
/// a description from elsewhere must not make the generator read other files of the machine.
pub fn bundle_within(
    file: &Path,
    doc: Value,
    ref_root: Option<&Path>,
    warnings: &mut Warnings,
) -> Result<Value, Error> {
    if !has_external_refs(&doc) {
        return Ok(doc);
    }
    let root = identity(file);
    let allowed = match ref_root {
        Some(dir) => identity(dir),
        None => root.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    let mut b = Bundler {
        allowed,
        swagger2: doc.get("swagger").is_some(),
        root: root.clone(),
        files: HashMap::new(),
        shown: HashMap::new(),
        registry: HashMap::new(),
        in_place: HashSet::new(),
        taken: HashMap::new(),
        added: Vec::new(),
        inlining: Vec::new(),
        warnings,
    };
    b.files.insert(root.clone(), Rc::new(doc.clone()));
    b.shown.insert(root.clone(), file.to_path_buf());
    let mut doc = doc;
    for place in b.places() {
        if let Some(entries) = doc.pointer_mut(&format!("/{place}")) {
            b.expand_map_ref(entries, &root, &format!("/{place}/$ref"))?;
        }
    }
    b.reserve_root_components(&doc)?;
    b.walk(&mut doc, Kind::Document, &root, "")?;
    b.merge(&mut doc);
    Ok(doc)
}

/// Whether any `$ref` points into another file (else bundling is a no-op). Any at all: one in
/// an example makes the walk run for nothing, but the walk knows what is an example (a
/// response named `default` is not a schema's default value).
fn has_external_refs(v: &Value) -> bool {
    match v {
        Value::Object(map) => map.iter().any(|(k, v)| match (k.as_str(), v) {
            ("$ref", Value::String(r)) => !r.starts_with('#'),
            _ => has_external_refs(v),
        }),
        Value::Array(items) => items.iter().any(has_external_refs),
        _ => false,
    }
}

/// Which file a path names: canonical when it exists, else cleaned of `.` and `..`.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| clean(path))
}

/// `a/./b/../c` -> `a/c`, without touching the file system.
fn clean(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !matches!(out.components().next_back(), Some(Component::Normal(_))) || !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// A reference that points somewhere, split into file and JSON pointer.
struct Target {
    file: PathBuf,
    pointer: String,
}

struct Bundler<'w> {
    /// The folder references may lead into (canonical).
    allowed: PathBuf,
    /// A Swagger 2.0 document keeps schemas, parameters and responses at its top level
    /// (`definitions`, ...) and has no other reusable objects.
    swagger2: bool,
    root: PathBuf,
    /// Every file loaded so far, by identity.
    files: HashMap<PathBuf, Rc<Value>>,
    /// How each file is named in messages: the path as it was reached, cleaned.
    shown: HashMap<PathBuf, PathBuf>,
    /// (file, pointer, section) -> the component's name.
    registry: HashMap<(PathBuf, String, &'static str), String>,
    /// Root components that are a bare reference to another file: they receive the content.
    in_place: HashSet<(&'static str, String)>,
    /// Names used per components section.
    taken: HashMap<&'static str, BTreeSet<String>>,
    /// Components made while bundling, in the order they were met.
    added: Vec<(&'static str, String, Value)>,
    /// The objects being inlined, to report cycles through them.
    inlining: Vec<(PathBuf, String)>,
    warnings: &'w mut Warnings,
}

impl Bundler<'_> {
    fn shown(&self, file: &Path) -> PathBuf {
        self.shown.get(file).cloned().unwrap_or_else(|| file.to_path_buf())
    }

    /// Where components of a kind are kept in the root document (`components/schemas`, or
    /// Swagger 2.0's `definitions`), if the kind is kept rather than inlined.
    fn place(&self, kind: Kind) -> Option<&'static str> {
        if self.swagger2 {
            return match kind {
                Kind::Schema => Some("definitions"),
                Kind::Parameter => Some("parameters"),
                Kind::Response => Some("responses"),
                _ => None,
            };
        }
        Some(match section(kind)? {
            "schemas" => "components/schemas",
            "responses" => "components/responses",
            "parameters" => "components/parameters",
            "requestBodies" => "components/requestBodies",
            "headers" => "components/headers",
            "examples" => "components/examples",
            "links" => "components/links",
            "callbacks" => "components/callbacks",
            "securitySchemes" => "components/securitySchemes",
            _ => return None,
        })
    }

    fn places(&self) -> Vec<&'static str> {
        [
            Kind::Schema,
            Kind::Response,
            Kind::Parameter,
            Kind::RequestBody,
            Kind::Header,
            Kind::Example,
            Kind::Link,
            Kind::Callback,
            Kind::SecurityScheme,
        ]
        .into_iter()
        .filter_map(|k| self.place(k))
        .collect()
    }

    /// Names in the root's components are taken; a root component that only refers to another
    /// file keeps its name for what it refers to.
    fn reserve_root_components(&mut self, doc: &Value) -> Result<(), Error> {
        for place in self.places() {
            let Some(entries) = doc.pointer(&format!("/{place}")).and_then(Value::as_object) else {
                continue;
            };
            self.taken.entry(place).or_default().extend(entries.keys().cloned());
            for (name, entry) in entries {
                let Some(r) = bare_external_ref(entry) else { continue };
                let pointer = format!("{}/$ref", diag::join(&format!("/{place}"), name));
                let root = self.root.clone();
                let target = self.target(&root, &pointer, r)?;
                let slot = (target.file, target.pointer, place);
                if let std::collections::hash_map::Entry::Vacant(e) = self.registry.entry(slot) {
                    e.insert(name.clone());
                    self.in_place.insert((place, name.clone()));
                }
            }
        }
        Ok(())
    }

    /// Resolves the reference `r`, written in `file` at `pointer` (the `$ref` member's), to
    /// a file and a pointer in it. Loads the file if it is new.
    fn target(&mut self, file: &Path, pointer: &str, r: &str) -> Result<Target, Error> {
        let shown = self.shown(file);
        let (path, fragment) = match r.split_once('#') {
            Some((p, f)) => (p, f),
            None => (r, ""),
        };
        let fragment = decode_uri_fragment(fragment);
        if !fragment.is_empty() && !fragment.starts_with('/') {
            return Err(Error::at(
                &shown,
                pointer,
                format!("reference `{r}` names an anchor; only JSON pointer fragments (`#/...`) are supported"),
            ));
        }
        if path.is_empty() {
            return Ok(Target {
                file: file.to_path_buf(),
                pointer: fragment,
            });
        }
        if path.contains("://") || path.starts_with("//") {
            return Err(Error::at(
                &shown,
                pointer,
                format!("reference `{r}` points to a URL; only files next to the description can be bundled"),
            ));
        }
        let relative = decode_uri_fragment(path);
        let base = shown.parent().unwrap_or(Path::new(""));
        let reached = clean(&base.join(&relative));
        let id = std::fs::canonicalize(&reached).map_err(|e| {
            Error::at(
                &shown,
                pointer,
                format!("reference `{r}`: cannot read {}: {e}", reached.display()),
            )
        })?;
        if !id.starts_with(&self.allowed) {
            return Err(Error::at(
                &shown,
                pointer,
                format!(
                    "reference `{r}` leads to {}, outside {} (the folder of the description); allow a wider folder with --ref-root DIR",
                    id.display(),
                    self.allowed.display()
                ),
            ));
        }
        if !self.files.contains_key(&id) {
            self.shown.insert(id.clone(), reached.clone());
            let value = crate::load::load_file(&reached, self.warnings)?;
            self.files.insert(id.clone(), Rc::new(value));
        }
        Ok(Target {
            file: id,
            pointer: fragment,
        })
    }

    /// A copy of what a target points at.
    fn content(&self, target: &Target, from: &Path, pointer: &str, r: &str) -> Result<Value, Error> {
        let doc = &self.files[&target.file];
        let found = if target.pointer.is_empty() {
            Some(doc.as_ref())
        } else {
            doc.pointer(&target.pointer)
        };
        found.cloned().ok_or_else(|| {
            Error::at(
                &self.shown(from),
                pointer,
                format!(
                    "reference `{r}`: {} has nothing at #{}",
                    self.shown(&target.file).display(),
                    target.pointer
                ),
            )
        })
    }

    fn walk(&mut self, node: &mut Value, kind: Kind, file: &Path, pointer: &str) -> Result<(), Error> {
        match node {
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.walk(item, kind, file, &format!("{pointer}/{i}"))?;
                }
                Ok(())
            }
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    let r = r.clone();
                    if let Some(replacement) = self.reference(map, kind, file, pointer, &r)? {
                        *node = replacement;
                        return Ok(());
                    }
                }
                if kind == Kind::Schema {
                    self.discriminator_mapping(map, file, pointer)?;
                }
                self.text(map, file, pointer)?;
                if kind == Kind::Document {
                    if let Some(Value::Object(info)) = map.get_mut("info") {
                        self.text(info, file, &diag::join(pointer, "info"))?;
                    }
                    if let Some(Value::Array(tags)) = map.get_mut("tags") {
                        for (i, tag) in tags.iter_mut().enumerate() {
                            if let Value::Object(tag) = tag {
                                self.text(tag, file, &format!("{pointer}/tags/{i}"))?;
                            }
                        }
                    }
                }
                for (key, value) in map.iter_mut() {
                    if key == "$ref" {
                        continue;
                    }
                    let here = diag::join(pointer, key);
                    match child(kind, key) {
                        Child::Leaf => {}
                        Child::One(k) => self.walk(value, k, file, &here)?,
                        Child::Map(k) => {
                            self.expand_map_ref(value, file, &diag::join(&here, "$ref"))?;
                            if let Value::Object(entries) = value {
                                for (name, entry) in entries.iter_mut() {
                                    if name.starts_with("x-") && k != Kind::Schema {
                                        continue;
                                    }
                                    self.walk(entry, k, file, &diag::join(&here, name))?;
                                }
                            }
                        }
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Handles the `$ref` of `map`. Returns what replaces the whole object when it is inlined;
    /// otherwise the reference is rewritten in place and the other members are walked.
    fn reference(
        &mut self,
        map: &mut Map<String, Value>,
        kind: Kind,
        file: &Path,
        pointer: &str,
        r: &str,
    ) -> Result<Option<Value>, Error> {
        let at = diag::join(pointer, "$ref");
        if r.starts_with('#') && file == self.root {
            return Ok(None);
        }
        let target = self.target(file, &at, r)?;
        if target.file == self.root {
            map.insert("$ref".into(), Value::String(format!("#{}", target.pointer)));
            return Ok(None);
        }
        // A root component that is only a reference receives the content under its own name.
        if file == self.root && self.receives_in_place(&target, kind, pointer) {
            let mut content = self.content(&target, file, &at, r)?;
            self.walk_target(&mut content, kind, &target, file, &at)?;
            return Ok(Some(content));
        }
        match self.place(kind) {
            Some(place) => {
                let name = self.component(&target, kind, place, file, &at, r)?;
                map.insert(
                    "$ref".into(),
                    Value::String(format!("#/{place}/{}", diag::escape_token(&name))),
                );
                Ok(None)
            }
            None => {
                let mut content = self.content(&target, file, &at, r)?;
                self.walk_target(&mut content, kind, &target, file, &at)?;
                if let Value::Object(inlined) = &mut content {
                    // Members beside the reference (a path item's `summary`) override the target's.
                    for (k, v) in map.iter() {
                        if k != "$ref" {
                            inlined.insert(k.clone(), v.clone());
                        }
                    }
                }
                Ok(Some(content))
            }
        }
    }

    /// Whether `pointer` in the root is the component reserved to receive `target` in place.
    fn receives_in_place(&self, target: &Target, kind: Kind, pointer: &str) -> bool {
        let Some(place) = self.place(kind) else { return false };
        let slot = (target.file.clone(), target.pointer.clone(), place);
        self.registry.get(&slot).is_some_and(|name| {
            diag::join(&format!("/{place}"), name) == pointer && self.in_place.contains(&(place, name.clone()))
        })
    }

    /// Walks the content of a target in its own file, reporting cycles through inlined objects.
    fn walk_target(
        &mut self,
        content: &mut Value,
        kind: Kind,
        target: &Target,
        from: &Path,
        at: &str,
    ) -> Result<(), Error> {
        let key = (target.file.clone(), target.pointer.clone());
        if self.inlining.contains(&key) {
            return Err(Error::at(
                &self.shown(from),
                at,
                format!(
                    "circular reference to {}#{} through objects that must be inlined",
                    self.shown(&target.file).display(),
                    target.pointer
                ),
            ));
        }
        self.inlining.push(key);
        let file = target.file.clone();
        let result = self.walk(content, kind, &file, &target.pointer);
        self.inlining.pop();
        result
    }

    /// The name of the component that holds `target`, bundling it the first time.
    fn component(
        &mut self,
        target: &Target,
        kind: Kind,
        section: &'static str,
        from: &Path,
        at: &str,
        r: &str,
    ) -> Result<String, Error> {
        let slot = (target.file.clone(), target.pointer.clone(), section);
        if let Some(name) = self.registry.get(&slot) {
            return Ok(name.clone());
        }
        let mut content = self.content(target, from, at, r)?;
        let raw = match target.pointer.rsplit('/').next() {
            Some(last) if !target.pointer.is_empty() => unescape(last),
            _ => self
                .shown(&target.file)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        let taken = self.taken.entry(section).or_default();
        let name = unique_name(&component_name(&raw), taken);
        taken.insert(name.clone());
        self.registry.insert(slot, name.clone());
        // The slot is reserved before the content is bundled, so parents come before the
        // components they refer to, and cycles end here.
        let index = self.added.len();
        self.added.push((section, name.clone(), Value::Null));
        let file = target.file.clone();
        self.walk(&mut content, kind, &file, &target.pointer)?;
        self.added[index].2 = content;
        Ok(name)
    }

    /// `description: {$ref: intro.md}` or `summary: {$ref: other.yaml#/x}` (DigitalOcean's tags,
    /// Vonage's operations): the text is copied from the other file. What is not text is left
    /// for normalisation to report.
    fn text(&mut self, map: &mut Map<String, Value>, file: &Path, pointer: &str) -> Result<(), Error> {
        for key in crate::doc::TEXT_MEMBERS {
            let Some(Value::String(r)) = map.get(key).and_then(|v| v.get("$ref")) else {
                continue;
            };
            if r.starts_with('#') && file == self.root {
                continue;
            }
            let r = r.clone();
            let at = format!("{}/$ref", diag::join(pointer, key));
            let target = self.target(file, &at, &r)?;
            let content = self.content(&target, file, &at, &r)?;
            if content.is_string() {
                map.insert(key.into(), content);
            }
        }
        Ok(())
    }

    /// A map given as a reference (`properties: {$ref: attributes.yml#/ids}` in DigitalOcean's
    /// description, `components: {parameters: {$ref: parameters.json}}` in SendGrid's): each
    /// entry of the target becomes a reference to it, so each is bundled as any other.
    fn expand_map_ref(&mut self, value: &mut Value, file: &Path, at: &str) -> Result<(), Error> {
        let Some(Value::String(r)) = value.get("$ref") else {
            return Ok(());
        };
        if value.as_object().is_some_and(|m| m.len() != 1) || (r.starts_with('#') && file == self.root) {
            return Ok(());
        }
        let r = r.clone();
        let target = self.target(file, at, &r)?;
        let content = self.content(&target, file, at, &r)?;
        let Value::Object(entries) = content else {
            return Ok(());
        };
        let base = r.split_once('#').map_or(r.as_str(), |(p, _)| p);
        let expanded = entries
            .keys()
            .map(|name| {
                let pointer = diag::join(&target.pointer, name);
                let fragment = utf8_percent_encode(&pointer, FRAGMENT).to_string();
                (name.clone(), serde_json::json!({"$ref": format!("{base}#{fragment}")}))
            })
            .collect();
        *value = Value::Object(expanded);
        Ok(())
    }

    /// `discriminator.mapping` values may be references to other files too.
    fn discriminator_mapping(&mut self, map: &mut Map<String, Value>, file: &Path, pointer: &str) -> Result<(), Error> {
        let Some(Value::Object(mapping)) = map.get_mut("discriminator").and_then(|d| d.get_mut("mapping")) else {
            return Ok(());
        };
        let here = format!("{pointer}/discriminator/mapping");
        for (tag, value) in mapping.iter_mut() {
            let Value::String(r) = value else { continue };
            let is_ref =
                r.contains('#') || r.contains('/') || [".yaml", ".yml", ".json"].iter().any(|e| r.ends_with(e));
            if !is_ref || (r.starts_with('#') && file == self.root) {
                continue;
            }
            let r = r.clone();
            let at = diag::join(&here, tag);
            let target = self.target(file, &at, &r)?;
            let local = if target.file == self.root {
                format!("#{}", target.pointer)
            } else {
                let place = self.place(Kind::Schema).unwrap_or("components/schemas");
                let name = self.component(&target, Kind::Schema, place, file, &at, &r)?;
                format!("#/{place}/{}", diag::escape_token(&name))
            };
            *value = Value::String(local);
        }
        Ok(())
    }

    /// Adds the components made while bundling to the root document.
    fn merge(&mut self, doc: &mut Value) {
        for (place, name, content) in self.added.drain(..) {
            let mut node = &mut *doc;
            for token in place.split('/') {
                if !node.is_object() {
                    *node = Value::Object(Map::new());
                }
                let Value::Object(map) = node else {
                    unreachable!("made an object above")
                };
                node = map.entry(token).or_insert_with(|| Value::Object(Map::new()));
            }
            if !node.is_object() {
                *node = Value::Object(Map::new());
            }
            if let Value::Object(entries) = node {
                entries.insert(name, content);
            }
        }
    }
}

/// The reference of an object that is nothing but a reference to another file.
fn bare_external_ref(v: &Value) -> Option<&str> {
    let map = v.as_object()?;
    if map.len() != 1 {
        return None;
    }
    let r = map.get("$ref")?.as_str()?;
    (!r.starts_with('#')).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Place;
    use serde_json::json;

    /// A fresh directory under the system's temp dir, removed when dropped.
    struct Tree(PathBuf);

    impl Tree {
        fn new(name: &str, files: &[(&str, &str)]) -> Tree {
            let dir = std::env::temp_dir().join(format!("bundle-test-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            for (path, text) in files {
                let p = dir.join(path);
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(p, text).unwrap();
            }
            Tree(dir)
        }

        /// Bundles `root` with references allowed anywhere in the tree.
        fn bundle(&self, root: &str) -> Result<(Value, Warnings), Error> {
            self.bundle_under(root, Some(&self.0))
        }

        fn bundle_under(&self, root: &str, ref_root: Option<&Path>) -> Result<(Value, Warnings), Error> {
            let path = self.0.join(root);
            let mut w = Warnings::default();
            let doc = crate::load::load_file(&path, &mut w)?;
            bundle_within(&path, doc, ref_root, &mut w).map(|d| (d, w))
        }
    }

    impl Drop for Tree {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

    #[test]
    fn schemas_in_other_files_become_components() {
        let t = Tree::new(
            "schemas",
            &[
                (
                    "api/openapi.yaml",
                    &format!(
                        "{HEAD}paths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: './schemas/Pet.yaml'}}\n"
                    ),
                ),
                (
                    "api/schemas/Pet.yaml",
                    "type: object\nproperties:\n  owner: {$ref: '../../shared/Owner.yaml'}\n  tag: {$ref: '#/definitions/Tag'}\ndefinitions:\n  Tag: {type: string}\n",
                ),
                (
                    "shared/Owner.yaml",
                    "type: object\nproperties:\n  name: {type: string}\n",
                ),
            ],
        );
        let (doc, _) = t.bundle("api/openapi.yaml").unwrap();
        let schema = &doc["paths"]["/pets"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(schema, &json!({"$ref": "#/components/schemas/Pet"}));
        let schemas = &doc["components"]["schemas"];
        assert_eq!(
            schemas["Pet"]["properties"]["owner"],
            json!({"$ref": "#/components/schemas/Owner"})
        );
        // A local reference inside Pet.yaml points into Pet.yaml.
        assert_eq!(
            schemas["Pet"]["properties"]["tag"],
            json!({"$ref": "#/components/schemas/Tag"})
        );
        assert_eq!(schemas["Tag"], json!({"type": "string"}));
        assert_eq!(schemas["Owner"]["properties"]["name"], json!({"type": "string"}));
    }

    #[test]
    fn the_place_of_a_reference_decides_its_section() {
        let t = Tree::new(
            "sections",
            &[
                (
                    "openapi.yaml",
                    &format!(
                        "{HEAD}paths:\n  /a:\n    $ref: paths/a.yaml\n  /b:\n    summary: kept\n    $ref: paths/b.yaml\n"
                    ),
                ),
                (
                    "paths/a.yaml",
                    "get:\n  parameters:\n    - $ref: ../parameters.yaml#/Limit\n  requestBody: {$ref: ../bodies/New.yaml}\n  responses:\n    '404': {$ref: ../responses/NotFound.yaml}\n",
                ),
                (
                    "paths/b.yaml",
                    "summary: replaced\nget: {responses: {'204': {description: none}}}\n",
                ),
                (
                    "parameters.yaml",
                    "Limit: {name: limit, in: query, schema: {type: integer}}\n",
                ),
                (
                    "bodies/New.yaml",
                    "content:\n  application/json:\n    schema: {$ref: '../parameters.yaml#/Limit/schema'}\n",
                ),
                (
                    "responses/NotFound.yaml",
                    "description: missing\nheaders:\n  X-Id: {$ref: ../headers/Id.yaml}\n",
                ),
                ("headers/Id.yaml", "schema: {type: string}\n"),
            ],
        );
        let (doc, _) = t.bundle("openapi.yaml").unwrap();
        let get = &doc["paths"]["/a"]["get"];
        assert_eq!(get["parameters"][0], json!({"$ref": "#/components/parameters/Limit"}));
        assert_eq!(get["requestBody"], json!({"$ref": "#/components/requestBodies/New"}));
        assert_eq!(
            get["responses"]["404"],
            json!({"$ref": "#/components/responses/NotFound"})
        );
        let c = &doc["components"];
        assert_eq!(c["parameters"]["Limit"]["name"], "limit");
        assert_eq!(
            c["requestBodies"]["New"]["content"]["application/json"]["schema"],
            json!({"$ref": "#/components/schemas/schema"})
        );
        assert_eq!(c["schemas"]["schema"], json!({"type": "integer"}));
        assert_eq!(
            c["responses"]["NotFound"]["headers"]["X-Id"],
            json!({"$ref": "#/components/headers/Id"})
        );
        // Path items are inlined; members beside the reference win.
        assert_eq!(doc["paths"]["/b"]["summary"], "kept");
        assert_eq!(doc["paths"]["/b"]["get"]["responses"]["204"]["description"], "none");
    }

    #[test]
    fn root_components_that_only_refer_keep_their_names() {
        let t = Tree::new(
            "inplace",
            &[
                (
                    "openapi.yaml",
                    &format!(
                        "{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: './s.yaml#/Thing'}}\ncomponents:\n  schemas:\n    Renamed: {{$ref: './s.yaml#/Thing'}}\n    Thing: {{type: boolean}}\n"
                    ),
                ),
                ("s.yaml", "Thing: {type: string, enum: [a, b]}\n"),
            ],
        );
        let (doc, _) = t.bundle("openapi.yaml").unwrap();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        assert_eq!(schemas.keys().collect::<Vec<_>>(), ["Renamed", "Thing"]);
        assert_eq!(schemas["Renamed"], json!({"type": "string", "enum": ["a", "b"]}));
        assert_eq!(
            doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"],
            json!({"$ref": "#/components/schemas/Renamed"})
        );
    }

    #[test]
    fn names_are_unique_and_deterministic() {
        let t = Tree::new(
            "names",
            &[
                (
                    "openapi.yaml",
                    &format!(
                        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Item: {{type: integer}}\n    Both:\n      type: object\n      properties:\n        a: {{$ref: a/Item.yaml}}\n        b: {{$ref: b/Item.yaml}}\n        again: {{$ref: ./a/../a/Item.yaml}}\n"
                    ),
                ),
                ("a/Item.yaml", "type: string\n"),
                ("b/Item.yaml", "type: boolean\n"),
            ],
        );
        let (doc, _) = t.bundle("openapi.yaml").unwrap();
        let props = &doc["components"]["schemas"]["Both"]["properties"];
        assert_eq!(props["a"], json!({"$ref": "#/components/schemas/Item2"}));
        assert_eq!(props["b"], json!({"$ref": "#/components/schemas/Item3"}));
        assert_eq!(props["again"], json!({"$ref": "#/components/schemas/Item2"}));
        assert_eq!(doc["components"]["schemas"]["Item2"], json!({"type": "string"}));
        assert_eq!(doc["components"]["schemas"]["Item3"], json!({"type": "boolean"}));
    }

    #[test]
    fn cycles_through_files_end_at_components() {
        let t = Tree::new(
            "cycle",
            &[
                (
                    "openapi.yaml",
                    &format!(
                        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Node: {{$ref: node.yaml}}\n    Self: {{$ref: '#/components/schemas/Node'}}\n"
                    ),
                ),
                (
                    "node.yaml",
                    "type: object\nproperties:\n  children: {type: array, items: {$ref: edge.yaml}}\n  root: {$ref: 'openapi.yaml#/components/schemas/Self'}\n",
                ),
                ("edge.yaml", "type: object\nproperties:\n  to: {$ref: node.yaml}\n"),
            ],
        );
        let (doc, _) = t.bundle("openapi.yaml").unwrap();
        let s = &doc["components"]["schemas"];
        assert_eq!(
            s["Node"]["properties"]["children"]["items"],
            json!({"$ref": "#/components/schemas/edge"})
        );
        assert_eq!(
            s["edge"]["properties"]["to"],
            json!({"$ref": "#/components/schemas/Node"})
        );
        assert_eq!(
            s["Node"]["properties"]["root"],
            json!({"$ref": "#/components/schemas/Self"})
        );
        assert_eq!(s["Self"], json!({"$ref": "#/components/schemas/Node"}));
    }

    #[test]
    fn a_cycle_through_inlined_objects_is_an_error() {
        let t = Tree::new(
            "inline-cycle",
            &[
                ("openapi.yaml", &format!("{HEAD}paths:\n  /a: {{$ref: a.yaml}}\n")),
                (
                    "a.yaml",
                    "get: {responses: {}}\ncallbacks: {}\nx-note: 1\nservers: []\n$ref: a.yaml\n",
                ),
            ],
        );
        let e = t.bundle("openapi.yaml").unwrap_err();
        assert!(e.message.contains("circular reference"), "{e}");
        assert!(e.file.ends_with("a.yaml"), "{e}");
    }

    #[test]
    fn a_missing_file_names_the_referencing_file_and_pointer() {
        let t = Tree::new(
            "missing",
            &[
                ("openapi.yaml", &format!("{HEAD}paths:\n  /a: {{$ref: paths/a.yaml}}\n")),
                (
                    "paths/a.yaml",
                    "get:\n  responses:\n    '200':\n      description: ok\n      content:\n        application/json:\n          schema: {$ref: '../schemas/Nope.yaml'}\n",
                ),
            ],
        );
        let e = t.bundle("openapi.yaml").unwrap_err();
        assert!(e.file.ends_with("paths/a.yaml"), "{e}");
        assert_eq!(
            e.place,
            Place::Pointer("/get/responses/200/content/application~1json/schema/$ref".into())
        );
        assert!(e.message.contains("../schemas/Nope.yaml"), "{e}");
        assert!(e.message.contains("schemas/Nope.yaml"), "{e}");
    }

    #[test]
    fn a_missing_fragment_is_an_error() {
        let t = Tree::new(
            "fragment",
            &[
                (
                    "openapi.yaml",
                    &format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: 's.yaml#/Nope'}}\n"),
                ),
                ("s.yaml", "Yes: {type: string}\n"),
            ],
        );
        let e = t.bundle("openapi.yaml").unwrap_err();
        assert_eq!(e.place, Place::Pointer("/components/schemas/A/$ref".into()));
        assert!(e.message.contains("nothing at #/Nope"), "{e}");
    }

    #[test]
    fn urls_are_refused() {
        let mut w = Warnings::default();
        let doc = json!({"openapi": "3.0.3", "paths": {"/a": {"$ref": "https://example.com/a.yaml"}}});
        let e = bundle(Path::new("x.yaml"), doc, &mut w).unwrap_err();
        assert_eq!(e.place, Place::Pointer("/paths/~1a/$ref".into()));
    }

    #[test]
    fn single_file_documents_are_unchanged() {
        let mut w = Warnings::default();
        let doc =
            json!({"openapi": "3.0.3", "components": {"schemas": {"A": {"$ref": "#/components/schemas/B"}, "B": {}}}});
        assert_eq!(bundle(Path::new("x.yaml"), doc.clone(), &mut w).unwrap(), doc);
    }

    #[test]
    fn discriminator_mappings_are_rewritten() {
        let t = Tree::new(
            "mapping",
            &[
                (
                    "openapi.yaml",
                    &format!(
                        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Pet:\n      oneOf: [{{$ref: cat.yaml}}]\n      discriminator:\n        propertyName: kind\n        mapping: {{cat: cat.yaml, dog: Dog}}\n"
                    ),
                ),
                ("cat.yaml", "type: object\n"),
            ],
        );
        let (doc, _) = t.bundle("openapi.yaml").unwrap();
        let pet = &doc["components"]["schemas"]["Pet"];
        assert_eq!(
            pet["discriminator"]["mapping"],
            json!({"cat": "#/components/schemas/cat", "dog": "Dog"})
        );
        assert_eq!(pet["oneOf"][0], json!({"$ref": "#/components/schemas/cat"}));
    }

    #[test]
    fn references_may_not_leave_the_folder_of_the_description() {
        let t = Tree::new(
            "escape",
            &[
                (
                    "api/openapi.yaml",
                    &format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: '../secret.yaml'}}\n"),
                ),
                ("secret.yaml", "type: string\n"),
            ],
        );
        let e = t.bundle_under("api/openapi.yaml", None).unwrap_err();
        assert_eq!(e.place, Place::Pointer("/components/schemas/A/$ref".into()));
        assert!(e.message.contains("outside"), "{e}");
        assert!(e.message.contains("--ref-root"), "{e}");
        // A wider root allows it.
        let (doc, _) = t.bundle("api/openapi.yaml").unwrap();
        assert_eq!(doc["components"]["schemas"]["A"], json!({"type": "string"}));
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_out_of_the_folder_are_refused() {
        let outside = Tree::new("symlink-target", &[("secret.yaml", "type: string\n")]);
        let t = Tree::new(
            "symlink",
            &[(
                "openapi.yaml",
                &format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: 'link/secret.yaml'}}\n"),
            )],
        );
        std::os::unix::fs::symlink(&outside.0, t.0.join("link")).unwrap();
        let e = t.bundle_under("openapi.yaml", None).unwrap_err();
        assert!(e.message.contains("outside"), "{e}");
    }

    #[test]
    fn swagger_2_components_go_to_its_own_sections() {
        let t = Tree::new(
            "swagger2",
            &[
                (
                    "swagger.yaml",
                    "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters: [{$ref: 'common.yaml#/parameters/Limit'}]\n      responses:\n        default:\n          description: ok\n          schema: {$ref: 'common.yaml#/definitions/Thing'}\n        '404': {$ref: 'common.yaml#/responses/NotFound'}\ndefinitions:\n  Local: {type: string}\n",
                ),
                (
                    "common.yaml",
                    "parameters:\n  Limit: {name: limit, in: query, type: integer}\nresponses:\n  NotFound: {description: gone, schema: {$ref: '#/definitions/Thing'}}\ndefinitions:\n  Thing: {type: object, properties: {id: {type: string}}}\n",
                ),
            ],
        );
        let (doc, _) = t.bundle("swagger.yaml").unwrap();
        let get = &doc["paths"]["/a"]["get"];
        assert_eq!(get["parameters"][0], json!({"$ref": "#/parameters/Limit"}));
        assert_eq!(
            get["responses"]["default"]["schema"],
            json!({"$ref": "#/definitions/Thing"})
        );
        assert_eq!(get["responses"]["404"], json!({"$ref": "#/responses/NotFound"}));
        assert_eq!(
            doc["definitions"]["Thing"]["properties"]["id"],
            json!({"type": "string"})
        );
        assert_eq!(doc["definitions"]["Local"], json!({"type": "string"}));
        assert_eq!(
            doc["responses"]["NotFound"]["schema"],
            json!({"$ref": "#/definitions/Thing"})
        );
        assert!(doc.get("components").is_none());
    }

    #[test]
    fn paths_are_cleaned() {
        assert_eq!(clean(Path::new("a/./b/../c.yaml")), PathBuf::from("a/c.yaml"));
        assert_eq!(clean(Path::new("../x/../../y")), PathBuf::from("../../y"));
    }
}
