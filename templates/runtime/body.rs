//! Request bodies as the descriptions say to send them: JSON, forms (arrays as repeated keys),
//! `multipart/form-data` (text parts and files streamed from a path or given as bytes), raw
//! bytes or a file, and text. A body is data until it is sent, so every attempt (a retry, a
//! resend with a renewed token) builds it afresh, reopening files.

use bytes::Bytes;
use std::path::{Path, PathBuf};

/// A file to upload: from a path (streamed from disk when the request is sent) or from bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct File {
    source: Source,
    file_name: Option<String>,
    content_type: Option<String>,
}

#[derive(Clone, PartialEq, Eq)]
enum Source {
    Path(PathBuf),
    Bytes(Bytes),
}

impl std::fmt::Debug for File {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("File");
        match &self.source {
            Source::Path(p) => d.field("path", p),
            Source::Bytes(b) => d.field("bytes", &b.len()),
        };
        d.field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// The media type for common file extensions; others are `application/octet-stream`.
fn guess(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "tif" | "tiff" => "image/tiff",
        "txt" => "text/plain",
        "html" | "htm" => "text/html",
        "csv" => "text/csv",
        "json" => "application/json",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "mp4" => "video/mp4",
        "zip" => "application/zip",
        _ => return None,
    })
}

impl File {
    /// A file on disk, read (streamed) when the request is sent. Its name is the path's file
    /// name; its media type follows the extension.
    pub fn from_path(path: impl AsRef<Path>) -> Self {
        let path = path.as_ref().to_path_buf();
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        File {
            content_type: file_name.as_deref().and_then(guess).map(str::to_string),
            source: Source::Path(path),
            file_name,
        }
    }

    /// File contents in memory, with the name the receiver sees.
    pub fn from_bytes(file_name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        let file_name = file_name.into();
        File {
            content_type: guess(&file_name).map(str::to_string),
            source: Source::Bytes(bytes.into()),
            file_name: Some(file_name),
        }
    }

    /// Sets the file name the receiver sees.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Sets the media type (otherwise guessed from the file name).
    pub fn content_type(mut self, media: impl Into<String>) -> Self {
        self.content_type = Some(media.into());
        self
    }

    /// The name the receiver sees, if any.
    pub fn name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The media type, when known.
    pub fn media_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The bytes: read from disk for a path.
    pub async fn read(&self) -> std::io::Result<Bytes> {
        match &self.source {
            Source::Bytes(b) => Ok(b.clone()),
            Source::Path(p) => tokio::fs::read(p).await.map(Bytes::from),
        }
    }

    /// A body streaming the file (a path is opened now).
    pub(crate) async fn body(&self) -> std::io::Result<reqwest::Body> {
        match &self.source {
            Source::Bytes(b) => Ok(reqwest::Body::from(b.clone())),
            Source::Path(p) => {
                let file = tokio::fs::File::open(p).await?;
                Ok(reqwest::Body::wrap_stream(tokio_util::io::ReaderStream::new(file)))
            }
        }
    }

    /// The file's length, when it is known without reading it.
    async fn len(&self) -> Option<u64> {
        match &self.source {
            Source::Bytes(b) => Some(b.len() as u64),
            Source::Path(p) => tokio::fs::metadata(p).await.ok().map(|m| m.len()),
        }
    }
}

/// A file in a model is sent as a multipart part, never as JSON: encoded, it is its name;
/// decoded (an example, a file field of a response), the text is both its name and contents.
impl serde::Serialize for File {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.file_name.as_deref().unwrap_or(""))
    }
}

impl<'de> serde::Deserialize<'de> for File {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        Ok(File::from_bytes(text.clone(), Bytes::from(text)))
    }
}

impl From<&Path> for File {
    fn from(path: &Path) -> Self {
        File::from_path(path)
    }
}

impl From<PathBuf> for File {
    fn from(path: PathBuf) -> Self {
        File::from_path(path)
    }
}

/// One part of a `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    name: String,
    value: PartValue,
}

#[derive(Debug, Clone, PartialEq)]
enum PartValue {
    Text(String),
    Json(String),
    File(File),
}

impl Part {
    /// A text part.
    pub fn text(name: impl Into<String>, value: impl Into<String>) -> Self {
        Part {
            name: name.into(),
            value: PartValue::Text(value.into()),
        }
    }

    /// A structured value, sent as JSON text with `Content-Type: application/json`.
    pub fn json<T: serde::Serialize>(name: impl Into<String>, value: &T) -> Self {
        Part {
            name: name.into(),
            value: PartValue::Json(serde_json::to_string(value).unwrap_or_default()),
        }
    }

    /// A file part.
    pub fn file(name: impl Into<String>, file: File) -> Self {
        Part {
            name: name.into(),
            value: PartValue::File(file),
        }
    }

    /// The part's field name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// A model sent as `multipart/form-data`: its fields as parts (the generator writes this for
/// every type a description sends that way).
pub trait ToParts {
    /// One part per field (arrays repeat the field; files are file parts).
    fn to_parts(&self) -> Vec<Part>;
}

/// A request body, kept as data until each attempt builds it.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub enum Body {
    /// No body.
    #[default]
    Empty,
    /// JSON, already encoded.
    Json(Bytes),
    /// `application/x-www-form-urlencoded`, already encoded.
    Form(String),
    /// `multipart/form-data`.
    Multipart(Vec<Part>),
    /// Raw bytes or a file, with their media type.
    File(File, String),
    /// Text, with its media type.
    Text(String, String),
}

impl Body {
    /// A JSON body.
    pub fn json<T: serde::Serialize>(value: &T) -> Result<Body, serde_json::Error> {
        serde_json::to_vec(value).map(|v| Body::Json(Bytes::from(v)))
    }

    /// A `multipart/form-data` body of a model's fields.
    pub fn multipart<T: ToParts>(value: &T) -> Result<Body, String> {
        Ok(Body::Multipart(value.to_parts()))
    }

    /// A form body; see [`form`].
    pub fn form<T: serde::Serialize>(value: &T) -> Result<Body, serde_json::Error> {
        form(value).map(Body::Form)
    }

    /// A body of raw bytes or a file (a copy of `file`, which is a path or shared bytes), sent
    /// as `media`.
    pub fn file(file: &File, media: &str) -> Body {
        Body::File(file.clone(), media.to_string())
    }

    /// A text body (`value`'s text), sent as `media`.
    pub fn text<T: ToString + ?Sized>(value: &T, media: &str) -> Body {
        Body::Text(value.to_string(), media.to_string())
    }

    /// Puts the body on a request (opening files).
    pub(crate) async fn apply(&self, request: reqwest::RequestBuilder) -> std::io::Result<reqwest::RequestBuilder> {
        use reqwest::header::CONTENT_TYPE;
        Ok(match self {
            Body::Empty => request,
            Body::Json(b) => request.header(CONTENT_TYPE, "application/json").body(b.clone()),
            Body::Form(f) => request
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(f.clone()),
            Body::Text(t, media) => request.header(CONTENT_TYPE, media.as_str()).body(t.clone()),
            Body::File(file, media) => {
                let media = file.media_type().unwrap_or(media).to_string();
                request.header(CONTENT_TYPE, media).body(file.body().await?)
            }
            Body::Multipart(parts) => {
                let mut form = reqwest::multipart::Form::new();
                for part in parts {
                    let p = match &part.value {
                        PartValue::Text(t) => reqwest::multipart::Part::text(t.clone()),
                        PartValue::Json(j) => reqwest::multipart::Part::text(j.clone())
                            .mime_str("application/json")
                            .expect("a valid media type"),
                        PartValue::File(f) => {
                            let body = f.body().await?;
                            let mut p = match f.len().await {
                                Some(len) => reqwest::multipart::Part::stream_with_length(body, len),
                                None => reqwest::multipart::Part::stream(body),
                            };
                            if let Some(name) = f.name() {
                                p = p.file_name(name.to_string());
                            }
                            let media = f.media_type().unwrap_or("application/octet-stream");
                            p.mime_str(media)
                                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?
                        }
                    };
                    form = form.part(part.name.clone(), p);
                }
                request.multipart(form)
            }
        })
    }
}

/// `application/x-www-form-urlencoded` of a value's JSON form: one pair per property; arrays as
/// one pair per item (`to=a&to=b`), objects as JSON text; `null`s left out.
pub fn form<T: serde::Serialize>(value: &T) -> Result<String, serde_json::Error> {
    let value = serde_json::to_value(value)?;
    let mut out = form_urlencoded::Serializer::new(String::new());
    if let serde_json::Value::Object(map) = value {
        for (key, v) in map {
            match v {
                serde_json::Value::Null => {}
                serde_json::Value::Array(items) => {
                    for item in items {
                        out.append_pair(&key, &scalar_text(&item));
                    }
                }
                other => {
                    out.append_pair(&key, &scalar_text(&other));
                }
            }
        }
    }
    Ok(out.finish())
}

/// Text parts of a value's JSON form, one per property (arrays repeat the property, objects
/// are JSON text): for multipart bodies that are not a struct the SDK knows field by field.
pub fn parts_of<T: serde::Serialize>(value: &T) -> Vec<Part> {
    let mut parts = Vec::new();
    if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(value) {
        for (key, v) in map {
            match v {
                serde_json::Value::Null => {}
                serde_json::Value::Array(items) => {
                    for item in items {
                        parts.push(Part::text(key.clone(), scalar_text(&item)));
                    }
                }
                serde_json::Value::Object(_) => parts.push(Part::json(key, &v)),
                other => parts.push(Part::text(key, scalar_text(&other))),
            }
        }
    }
    parts
}

/// A JSON value as form or part text: strings as they are, everything else as JSON.
pub fn scalar_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_repeat_array_items() {
        let v = serde_json::json!({"to": ["a@x", "b@x"], "o:tag": "t 1", "n": 2, "skip": null, "obj": {"a": 1}});
        assert_eq!(
            form(&v).unwrap(),
            "to=a%40x&to=b%40x&o%3Atag=t+1&n=2&obj=%7B%22a%22%3A1%7D"
        );
    }

    #[test]
    fn files_know_their_name_and_type() {
        let f = File::from_path("/tmp/x/report.PDF");
        assert_eq!(f.name(), Some("report.PDF"));
        assert_eq!(f.media_type(), Some("application/pdf"));
        let f = File::from_bytes("a.bin", vec![1u8, 2]).content_type("application/x-thing");
        assert_eq!(f.media_type(), Some("application/x-thing"));
        assert_eq!(
            format!("{f:?}"),
            r#"File { bytes: 2, file_name: Some("a.bin"), content_type: Some("application/x-thing") }"#
        );
    }
}
