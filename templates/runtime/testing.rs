//! A test server for code that uses the SDK (feature `testing`): an HTTP/1.1 server on loopback
//! that serves the operations of the APIs it is given, from tables the generator writes (one
//! [`OperationSpec`] per operation), and an OAuth2 token endpoint.
//!
//! - Each operation answers with its documented success status and the description's example
//!   (or a value made from the response schema) unless a response was set for it.
//! - Every request is checked against the description: the path template, the required query
//!   and header parameters, and the body (decoded into the operation's request type). A request
//!   that fails is answered `400` with the violation in Sinch's error shape, and the violation
//!   is kept: [`Server::verify`] panics naming the operation and the violation, and so does
//!   dropping the server, so a test cannot pass over an invalid request by handling the error.
//! - Every request that reaches an operation is recorded, in order ([`Server::received`]).
//!
//! `sinch_sdk::testing` wraps this with the typed `Operation` enum and ready-made clients.

use bytes::Bytes;
use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

/// Checks a request body: decodes it into the operation's request type, or says why it cannot.
pub type Validator = fn(&[u8]) -> Result<(), String>;

/// The path of the token endpoint the test server serves.
pub const TOKEN_PATH: &str = "/oauth2/token";

/// The access tokens the test server issues start with this.
pub const TOKEN_PREFIX: &str = "sinch-test-token-";

/// One operation as the test server knows it (generated: one table per API).
#[derive(Debug)]
pub struct OperationSpec {
    /// The operation's name in `sinch_sdk::testing::Operation` (`SmsSendingSmsSend`).
    pub name: &'static str,
    /// The API module (`sms`).
    pub api: &'static str,
    /// The operation id in Sinch's description (`SendSMS`).
    pub id: &'static str,
    /// The HTTP method (`POST`).
    pub method: &'static str,
    /// The path template, with the server's path (`/xms/v1/{service_plan_id}/batches`).
    pub path: &'static str,
    /// The query parameters the description requires.
    pub required_query: &'static [&'static str],
    /// The header parameters the description requires.
    pub required_headers: &'static [&'static str],
    /// Whether the description requires a body.
    pub body_required: bool,
    /// Decodes a body into the operation's request type (JSON bodies only).
    pub validate: Option<Validator>,
    /// For form and multipart bodies: the fields the description requires.
    pub required_fields: &'static [&'static str],
    /// For form and multipart bodies: the fields whose values must read as a number or a
    /// boolean (every other text field is a string; file parts are not read).
    pub typed_fields: &'static [(&'static str, FieldKind)],
    /// The documented success status the operation answers with by default.
    pub status: u16,
    /// Decodes a body into the type the SDK reads the default answer as (JSON answers only):
    /// what the SDK's own tests hold every default answer to.
    pub answer: Option<Validator>,
    /// The media type of the default answer's body.
    pub content_type: &'static str,
    /// The default answer's body: the description's example, or a value made from its schema.
    pub body: &'static str,
}

/// What a form or multipart field's text must read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// An integer (`42`).
    Integer,
    /// Any number (`1.5`).
    Number,
    /// `true` or `false`.
    Boolean,
}

impl FieldKind {
    /// Whether `text` reads as this kind; else what it should have been.
    fn check(self, text: &str) -> Result<(), &'static str> {
        let (ok, wanted) = match self {
            FieldKind::Integer => (text.parse::<i64>().is_ok(), "an integer"),
            FieldKind::Number => (text.parse::<f64>().is_ok_and(f64::is_finite), "a number"),
            FieldKind::Boolean => (text == "true" || text == "false", "`true` or `false`"),
        };
        if ok { Ok(()) } else { Err(wanted) }
    }
}

impl OperationSpec {
    /// `Operation::SmsSendingSmsSend (POST /xms/v1/{service_plan_id}/batches)`.
    pub fn label(&self) -> String {
        format!("Operation::{} ({} {})", self.name, self.method, self.path)
    }
}

/// The validator of JSON bodies: the body must decode into `T`; the error names the field.
pub fn json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<(), String> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(_) => Ok(()),
        Err(e) => {
            let path = e.path().to_string();
            if path == "." || path.is_empty() {
                Err(e.into_inner().to_string())
            } else {
                Err(format!("at `{path}`: {}", e.into_inner()))
            }
        }
    }
}

/// A response the server gives.
#[derive(Debug, Clone)]
pub struct Canned {
    /// The status code.
    pub status: u16,
    /// Headers to send (`content-type` included when there is a body).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Bytes,
}

impl Canned {
    /// A JSON response.
    pub fn json(status: u16, body: &impl serde::Serialize) -> Self {
        let body = serde_json::to_vec(body).expect("the response body serializes to JSON");
        Canned {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.into(),
        }
    }

    /// A response with a body of the given media type (empty for none).
    pub fn raw(status: u16, content_type: &str, body: impl Into<Bytes>) -> Self {
        let body = body.into();
        let headers = if body.is_empty() || content_type.is_empty() {
            Vec::new()
        } else {
            vec![("content-type".into(), content_type.into())]
        };
        Canned { status, headers, body }
    }

    /// Adds a header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// A request the server received.
#[derive(Debug, Clone)]
pub struct Received {
    /// The operation it reached (`None` for requests no operation serves).
    pub operation: Option<&'static OperationSpec>,
    /// The HTTP method.
    pub method: String,
    /// The path as sent (without the API's prefix on the test server).
    pub path: String,
    /// The query pairs, decoded.
    pub query: Vec<(String, String)>,
    /// The headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Bytes,
}

impl Received {
    /// The body decoded as `T` (the operation's request type); panics naming the operation
    /// when it does not decode.
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        self.try_json().unwrap_or_else(|e| panic!("{e}"))
    }

    /// The body decoded as `T`, or why it does not decode.
    pub fn try_json<T: serde::de::DeserializeOwned>(&self) -> Result<T, String> {
        serde_json::from_slice(&self.body).map_err(|e| {
            let at = self
                .operation
                .map_or_else(|| format!("{} {}", self.method, self.path), |o| o.label());
            format!("{at}: the request body does not decode: {e}")
        })
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The first value of a header (the name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }

    /// The first value of a query parameter.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// A request that does not follow the description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The operation it reached, as [`OperationSpec::label`] names it; the method and path
    /// when it reached none.
    pub operation: String,
    /// What is wrong.
    pub problem: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.operation, self.problem)
    }
}

/// An API the server serves: its module and its operations.
#[derive(Debug, Clone, Copy)]
pub struct ApiTable {
    /// The API module (`sms`); its operations are also served under `/<module>`.
    pub module: &'static str,
    /// Its operations.
    pub operations: &'static [OperationSpec],
}

type Key = (&'static str, &'static str);

fn key(spec: &OperationSpec) -> Key {
    (spec.api, spec.id)
}

#[derive(Default)]
struct State {
    once: HashMap<Key, VecDeque<Canned>>,
    always: HashMap<Key, Canned>,
    received: Vec<Received>,
    violations: Vec<Violation>,
    tokens: usize,
}

struct Shared {
    apis: Vec<ApiTable>,
    state: Mutex<State>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while the lock is held cannot leave the state half-written.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The test server: serves until dropped. Dropping it with violations not taken panics.
pub struct Server {
    shared: Arc<Shared>,
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// Starts serving `apis` on a free port of 127.0.0.1, on the current tokio runtime.
    pub async fn start(apis: Vec<ApiTable>) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            apis,
            state: Mutex::new(State::default()),
        });
        let serving = shared.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let shared = serving.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req| {
                        let shared = shared.clone();
                        async move { Ok::<_, Infallible>(handle(&shared, req).await) }
                    });
                    let io = hyper_util::rt::TokioIo::new(stream);
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(io, service)
                        .await;
                });
            }
        });
        Ok(Server { shared, addr, task })
    }

    /// `http://127.0.0.1:<port>`: every API's operations are served at their own paths here.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://127.0.0.1:<port>/<module>`: one API's operations only.
    pub fn api_url(&self, module: &str) -> String {
        format!("http://{}/{module}", self.addr)
    }

    /// The OAuth2 token endpoint's URL.
    pub fn token_url(&self) -> String {
        format!("http://{}{TOKEN_PATH}", self.addr)
    }

    /// Answers every later call of the operation with `response`.
    pub fn respond(&self, spec: &'static OperationSpec, response: Canned) {
        self.shared.state().always.insert(key(spec), response);
    }

    /// Answers the next call of the operation with `response` (queued after earlier ones);
    /// later calls get what they got before.
    pub fn respond_once(&self, spec: &'static OperationSpec, response: Canned) {
        self.shared
            .state()
            .once
            .entry(key(spec))
            .or_default()
            .push_back(response);
    }

    /// Forgets the responses set for the operation: it answers with its default again.
    pub fn reset(&self, spec: &'static OperationSpec) {
        let mut state = self.shared.state();
        state.always.remove(&key(spec));
        state.once.remove(&key(spec));
    }

    /// The requests the operation received, in order (valid or not).
    pub fn received(&self, spec: &'static OperationSpec) -> Vec<Received> {
        self.shared
            .state()
            .received
            .iter()
            .filter(|r| r.operation.is_some_and(|o| key(o) == key(spec)))
            .cloned()
            .collect()
    }

    /// Every request received, in order, the token endpoint's and unmatched ones included.
    pub fn all_received(&self) -> Vec<Received> {
        self.shared.state().received.clone()
    }

    /// How many tokens the token endpoint issued.
    pub fn tokens_issued(&self) -> usize {
        self.shared.state().tokens
    }

    /// Takes the violations seen so far (a test that sends invalid requests on purpose checks
    /// them here, so that dropping the server does not panic).
    pub fn take_violations(&self) -> Vec<Violation> {
        std::mem::take(&mut self.shared.state().violations)
    }

    /// Panics when any request so far did not follow the description, naming each operation
    /// and violation.
    pub fn verify(&self) {
        let violations = self.take_violations();
        if !violations.is_empty() {
            panic!("{}", report(&violations));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
        if !std::thread::panicking() {
            let violations = self.take_violations();
            if !violations.is_empty() {
                panic!("{}", report(&violations));
            }
        }
    }
}

fn report(violations: &[Violation]) -> String {
    let mut out = format!(
        "the test server received {} request(s) that do not follow the description:",
        violations.len()
    );
    for v in violations {
        out.push_str(&format!("\n  - {v}"));
    }
    out
}

type Reply = hyper::Response<http_body_util::Full<Bytes>>;

async fn handle(shared: &Shared, req: hyper::Request<hyper::body::Incoming>) -> Reply {
    use http_body_util::BodyExt;
    let (parts, body) = req.into_parts();
    let body = match body.collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => Bytes::new(),
    };
    let query = parts
        .uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let headers = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let content_type = parts
        .headers
        .get(hyper::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let fields = form_fields(content_type, &body).await;
    let received = Received {
        operation: None,
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        query,
        headers,
        body,
    };
    let canned = answer(shared, received, fields);
    let mut reply = hyper::Response::builder().status(canned.status);
    for (k, v) in &canned.headers {
        reply = reply.header(k, v);
    }
    reply
        .body(http_body_util::Full::new(canned.body))
        .unwrap_or_else(|_| hyper::Response::new(http_body_util::Full::new(Bytes::new())))
}

/// Sinch's error shape, carrying a violation.
fn violation_reply(status: u16, violation: &Violation) -> Canned {
    Canned::json(
        status,
        &serde_json::json!({"error": {"code": status, "message": violation.to_string(), "status": "INVALID_ARGUMENT"}}),
    )
}

/// The fields of a form or multipart body in the order sent: each name, with its text (`None`
/// for a file part, which is not read); `None` for other media types.
async fn form_fields(content_type: Option<&str>, body: &Bytes) -> Option<Result<Fields, String>> {
    let content_type = content_type?;
    let media = content_type.split(';').next().unwrap_or_default().trim();
    if media.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return Some(Ok(form_urlencoded::parse(body)
            .map(|(k, v)| (k.into_owned(), Some(v.into_owned())))
            .collect()));
    }
    if !media.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let parts = async {
        let boundary = multer::parse_boundary(content_type).map_err(|e| e.to_string())?;
        let body = body.clone();
        let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
        let mut multipart = multer::Multipart::new(stream, boundary);
        let mut fields = Vec::new();
        while let Some(field) = multipart.next_field().await.map_err(|e| e.to_string())? {
            let Some(name) = field.name().map(str::to_string) else {
                continue;
            };
            let text = match field.file_name() {
                Some(_) => None,
                None => Some(field.text().await.map_err(|e| e.to_string())?),
            };
            fields.push((name, text));
        }
        Ok(fields)
    };
    Some(parts.await)
}

/// A form or multipart body's fields: name and text (`None` for a file part).
type Fields = Vec<(String, Option<String>)>;

fn answer(shared: &Shared, mut received: Received, fields: Option<Result<Fields, String>>) -> Canned {
    if received.path == TOKEN_PATH {
        return token(shared, received);
    }
    let spec = match route(&shared.apis, &received.method, &received.path) {
        Ok((spec, path)) => {
            received.path = path;
            spec
        }
        Err(problem) => {
            let violation = Violation {
                operation: format!("{} {}", received.method, received.path),
                problem,
            };
            let mut state = shared.state();
            state.received.push(received);
            state.violations.push(violation.clone());
            return violation_reply(404, &violation);
        }
    };
    received.operation = Some(spec);
    let problems = check(spec, &received, fields.as_ref());
    let mut state = shared.state();
    state.received.push(received);
    if !problems.is_empty() {
        let violation = Violation {
            operation: spec.label(),
            problem: problems.join("; "),
        };
        state.violations.push(violation.clone());
        return violation_reply(400, &violation);
    }
    if let Some(canned) = state.once.get_mut(&key(spec)).and_then(|q| q.pop_front()) {
        return canned;
    }
    if let Some(canned) = state.always.get(&key(spec)) {
        return canned.clone();
    }
    Canned::raw(spec.status, spec.content_type, spec.body.as_bytes().to_vec())
}

/// The token endpoint: client credentials with HTTP Basic, as Sinch's.
fn token(shared: &Shared, received: Received) -> Canned {
    let mut problems = Vec::new();
    if received.method != "POST" {
        problems.push(format!("the token endpoint takes POST, not {}", received.method));
    }
    if !received
        .header("authorization")
        .is_some_and(|a| a.starts_with("Basic "))
    {
        problems.push("the token request has no HTTP Basic credentials (the access key id and secret)".into());
    }
    let grant = form_urlencoded::parse(&received.body).any(|(k, v)| k == "grant_type" && v == "client_credentials");
    if !grant {
        problems.push("the token request's body is not `grant_type=client_credentials`".into());
    }
    let mut state = shared.state();
    state.received.push(received);
    if !problems.is_empty() {
        let violation = Violation {
            operation: format!("POST {TOKEN_PATH}"),
            problem: problems.join("; "),
        };
        state.violations.push(violation.clone());
        return violation_reply(401, &violation);
    }
    state.tokens += 1;
    let token = format!("{TOKEN_PREFIX}{}", state.tokens);
    Canned::json(
        200,
        &serde_json::json!({"access_token": token, "token_type": "bearer", "expires_in": 3599, "scope": ""}),
    )
}

/// The operation serving `method path`, and the path without the API's prefix.
fn route(apis: &[ApiTable], method: &str, path: &str) -> Result<(&'static OperationSpec, String), String> {
    // `/<module>/...` serves that API only; any other path is looked up in every API.
    let scoped = path.strip_prefix('/').and_then(|rest| {
        let (first, tail) = rest.split_once('/').unwrap_or((rest, ""));
        let api = apis.iter().find(|a| a.module == first)?;
        Some((api, format!("/{tail}")))
    });
    let mut tries: Vec<(Vec<&ApiTable>, String)> = Vec::new();
    if let Some((api, tail)) = scoped {
        tries.push((vec![api], tail));
    }
    tries.push((apis.iter().collect(), path.to_string()));
    let mut other_methods = Vec::new();
    for (apis, path) in tries {
        let mut best: Option<(usize, &'static OperationSpec)> = None;
        for api in apis {
            for spec in api.operations {
                let Some(score) = matches(spec.path, &path) else {
                    continue;
                };
                if !spec.method.eq_ignore_ascii_case(method) {
                    other_methods.push(format!("{} {}", spec.method, spec.path));
                    continue;
                }
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, spec));
                }
            }
        }
        if let Some((_, spec)) = best {
            return Ok((spec, path));
        }
    }
    if other_methods.is_empty() {
        Err("no operation of the description has this path".into())
    } else {
        other_methods.sort();
        other_methods.dedup();
        Err(format!(
            "no operation takes {method} at this path (it has {})",
            other_methods.join(", ")
        ))
    }
}

/// Whether `path` fits the template; how many literal characters matched (the more, the
/// better the fit: `/batches/dry_run` before `/batches/{batch_id}`).
fn matches(template: &str, path: &str) -> Option<usize> {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    if t.len() != p.len() {
        return None;
    }
    let mut score = 0;
    for (t, p) in t.iter().zip(&p) {
        score += segment(t, p)?;
    }
    Some(score)
}

/// One path segment against a template segment (`{id}`, `messages:send`, `{id}:cancel`).
fn segment(t: &str, s: &str) -> Option<usize> {
    let Some(open) = t.find('{') else {
        return (t == s).then_some(t.len());
    };
    let prefix = &t[..open];
    let rest = s.strip_prefix(prefix)?;
    let close = open + t[open..].find('}')?;
    let after = &t[close + 1..];
    if after.is_empty() {
        return (!rest.is_empty()).then_some(prefix.len());
    }
    // The placeholder takes at least one character, then the rest of the template follows.
    rest.char_indices()
        .skip(1)
        .find_map(|(i, _)| segment(after, &rest[i..]))
        .map(|n| n + prefix.len())
}

/// What is wrong with a request for `spec`, if anything (`fields`: the names a form or
/// multipart body holds).
fn check(spec: &OperationSpec, r: &Received, fields: Option<&Result<Fields, String>>) -> Vec<String> {
    let mut problems = Vec::new();
    for q in spec.required_query {
        if r.query(q).is_none() {
            problems.push(format!("the required query parameter `{q}` is missing"));
        }
    }
    for h in spec.required_headers {
        if r.header(h).is_none() {
            problems.push(format!("the required header `{h}` is missing"));
        }
    }
    if r.body.is_empty() {
        if spec.body_required {
            problems.push("the request body is required, and there is none".into());
        }
    } else if let Some(validate) = spec.validate
        && let Err(e) = validate(&r.body)
    {
        problems.push(format!("the body does not match the description: {e}"));
    } else {
        // A JSON body sent where the description also takes JSON is `validate`'s to judge.
        match fields {
            Some(Ok(fields)) => {
                let missing = spec
                    .required_fields
                    .iter()
                    .filter(|f| !fields.iter().any(|(n, _)| n == *f));
                problems.extend(missing.map(|f| format!("the required field `{f}` is missing from the body")));
                for (name, text) in fields {
                    let kind = spec.typed_fields.iter().find(|(n, _)| n == name).map(|(_, k)| *k);
                    if let (Some(kind), Some(text)) = (kind, text)
                        && let Err(wanted) = kind.check(text)
                    {
                        problems.push(format!("the field `{name}` is `{text}`, not {wanted}"));
                    }
                }
            }
            Some(Err(e)) => problems.push(format!("the multipart body does not parse: {e}")),
            None => {}
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(required_fields: &'static [&'static str]) -> OperationSpec {
        OperationSpec {
            name: "FaxFaxesSend",
            api: "fax",
            id: "sendFax",
            method: "POST",
            path: "/v3/projects/{projectId}/faxes",
            required_query: &[],
            required_headers: &[],
            body_required: true,
            validate: None,
            required_fields,
            typed_fields: &[("retries", FieldKind::Integer), ("coverPage", FieldKind::Boolean)],
            status: 200,
            answer: None,
            content_type: "",
            body: "",
        }
    }

    fn received(content_type: &str, body: &'static str) -> Received {
        Received {
            operation: None,
            method: "POST".into(),
            path: "/v3/projects/p/faxes".into(),
            query: Vec::new(),
            headers: vec![("content-type".into(), content_type.into())],
            body: Bytes::from_static(body.as_bytes()),
        }
    }

    async fn problems(content_type: &str, body: &'static str) -> Vec<String> {
        let r = received(content_type, body);
        let fields = form_fields(Some(content_type), &r.body).await;
        check(&spec(&["to", "file"]), &r, fields.as_ref())
    }

    #[tokio::test]
    async fn form_and_multipart_bodies_must_hold_the_required_fields() {
        let multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\n+46700000001\r\n\
                         --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\
                         Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--XyZ--\r\n";
        assert_eq!(
            problems("multipart/form-data; boundary=XyZ", multipart).await,
            Vec::<String>::new()
        );
        let without_file = "--XyZ\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\n+46700000001\r\n--XyZ--\r\n";
        assert_eq!(
            problems("multipart/form-data; boundary=XyZ", without_file).await,
            ["the required field `file` is missing from the body"]
        );
        let broken = problems("multipart/form-data", without_file).await;
        assert!(broken[0].starts_with("the multipart body does not parse"), "{broken:?}");
        assert_eq!(
            problems("application/x-www-form-urlencoded", "file=x&cc=y").await,
            ["the required field `to` is missing from the body"]
        );
        // JSON where a form is described is for the JSON validator (an alternate media type).
        assert!(problems("application/json", "{}").await.is_empty());
    }

    #[tokio::test]
    async fn form_and_multipart_values_must_read_as_their_types() {
        assert!(
            problems(
                "application/x-www-form-urlencoded",
                "to=1&file=x&retries=3&coverPage=true"
            )
            .await
            .is_empty()
        );
        assert_eq!(
            problems(
                "application/x-www-form-urlencoded",
                "to=1&file=x&retries=three&coverPage=yes"
            )
            .await,
            [
                "the field `retries` is `three`, not an integer",
                "the field `coverPage` is `yes`, not `true` or `false`"
            ]
        );
        // A file part is not read, whatever its name; a text part is.
        let multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\n+46700000001\r\n\
                         --XyZ\r\nContent-Disposition: form-data; name=\"retries\"; filename=\"r.txt\"\r\n\r\nnot read\r\n\
                         --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF\r\n\
                         --XyZ\r\nContent-Disposition: form-data; name=\"retries\"\r\n\r\n2.5\r\n--XyZ--\r\n";
        assert_eq!(
            problems("multipart/form-data; boundary=XyZ", multipart).await,
            ["the field `retries` is `2.5`, not an integer"]
        );
    }

    #[test]
    fn templates_match_segments() {
        assert_eq!(matches("/v1/{id}/batches", "/v1/x/batches"), Some(9));
        assert_eq!(matches("/v1/{id}/batches", "/v1//batches"), None);
        assert!(matches("/v1/messages:send", "/v1/messages:send").is_some());
        assert!(matches("/v1/{id}:cancel", "/v1/abc:cancel").is_some());
        assert!(matches("/v1/{id}:cancel", "/v1/abc").is_none());
        assert!(matches("/a/dry_run", "/a/dry_run") > matches("/a/{id}", "/a/dry_run"));
    }
}
