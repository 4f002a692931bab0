//! A test server for code that uses the SDK (feature `testing`): an in-process HTTP server on
//! loopback that serves every API this crate was built with, as Sinch's descriptions describe
//! them, and an OAuth2 token endpoint, so a test runs the whole SDK (credentials included)
//! without the network.
//!
//! - By default each operation answers with its documented success status and the
//!   description's example (or a value made from the response schema).
//! - [`TestServer::on`] sets what an operation answers: a typed body with any status, errors
//!   included ([`Expectation::respond`], [`Expectation::respond_once`]).
//! - [`TestServer::received`] returns what an operation received; [`Received::json`] decodes
//!   the body into the SDK's request type, and [`TestServer::received_as`] decodes them all.
//! - Every request is checked against the description: the path, the required query and header
//!   parameters and the body (JSON decoded into the operation's request type; forms and multipart
//!   bodies read for their required fields). An invalid request is
//!   answered `400` with the violation and makes the test fail: [`TestServer::verify`] panics
//!   naming the operation and the violation, and so does dropping the server.
//!
//! ```no_run
//! # #[cfg(feature = "sms")]
//! # async fn example() {
//! use sinch_sdk::sms::types::{SendBatchObject, SendBatchObjectDeliveryReport, SendBatchObjectType};
//! use sinch_sdk::testing::{Operation, TestServer};
//!
//! let server = TestServer::start().await;
//! let sms = server.client_for::<sinch_sdk::sms::Client>();
//! // Sinch refuses the batch: the test checks how the code under test handles it.
//! server.on(Operation::SmsSendingSmsSend).respond(
//!     400,
//!     serde_json::json!({"code": "syntax_invalid_parameter_format", "text": "bad number"}),
//! );
//! let batch = SendBatchObject::new(
//!     vec!["+46700000001".to_string()],
//!     SendBatchObjectType::MtText,
//!     "Hi",
//!     SendBatchObjectDeliveryReport::None,
//! );
//! let err = sms.sending_sms().send(batch).await.unwrap_err();
//! assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
//! // What the SDK sent, decoded into its request type.
//! let sent: SendBatchObject = server.received(Operation::SmsSendingSmsSend)[0].json();
//! assert_eq!(sent.body, "Hi");
//! server.verify();
//! # }
//! ```

#[rustfmt::skip]
mod operations;

pub use crate::runtime::testing::{Canned, OperationSpec, Received, Violation};
pub use operations::Operation;

/// An API the test server serves: its table of operations and its regions' names.
struct Api {
    table: crate::runtime::testing::ApiTable,
    regions: &'static [&'static str],
}

/// The dummy credentials the test server's clients use.
pub mod credentials {
    /// The access key id.
    pub const KEY_ID: &str = "test-key-id";
    /// The access key secret.
    pub const KEY_SECRET: &str = "test-key-secret";
    /// The project id.
    pub const PROJECT_ID: &str = "test-project";
    /// The SMS service plan id.
    pub const SMS_SERVICE_PLAN_ID: &str = "test-service-plan";
    /// The SMS service plan's API token.
    pub const SMS_API_TOKEN: &str = "test-sms-token";
    /// The application key (Voice, Verification).
    pub const APPLICATION_KEY: &str = "test-application-key";
    /// The application secret (base64).
    pub const APPLICATION_SECRET: &str = "dGVzdC1hcHBsaWNhdGlvbi1zZWNyZXQ=";
    /// The Mailgun API key.
    pub const MAILGUN_API_KEY: &str = "test-mailgun-key";
    /// The Mailgun sending domain.
    pub const MAILGUN_DOMAIN: &str = "test.example.com";
    /// The MMS API key.
    pub const MMS_API_KEY: &str = "test-mms-key";
}

/// An API client the test server can build: every API's `Client` is one.
pub trait TestClient: Sized {
    /// The API's client from a [`crate::SinchClient`] whose settings point at the test server.
    fn from_sinch(sinch: &crate::SinchClient) -> Self;
}

/// The test server: serves from [`TestServer::start`] until dropped.
#[derive(Debug)]
pub struct TestServer {
    server: crate::runtime::testing::Server,
}

impl TestServer {
    /// Starts the server on a free port of 127.0.0.1, on the current tokio runtime. Panics
    /// when no loopback port can be bound.
    pub async fn start() -> Self {
        let apis = operations::apis().into_iter().map(|a| a.table).collect();
        let server = crate::runtime::testing::Server::start(apis)
            .await
            .expect("the test server binds a port on 127.0.0.1");
        TestServer { server }
    }

    /// `http://127.0.0.1:<port>`: every API is served at its own paths here, so any client's
    /// `with_base_url` can point at it.
    pub fn base_url(&self) -> String {
        self.server.base_url()
    }

    /// `http://127.0.0.1:<port>/<module>`: one API only (what [`TestServer::settings`] gives
    /// each API).
    pub fn api_url(&self, module: &str) -> String {
        self.server.api_url(module)
    }

    /// The OAuth2 token endpoint: client credentials with HTTP Basic, as Sinch's.
    pub fn token_url(&self) -> String {
        self.server.token_url()
    }

    /// Settings pointing every API and the token endpoint at this server, with the dummy
    /// [`credentials`] and each API's first region.
    pub fn settings(&self) -> crate::runtime::Settings {
        use credentials::*;
        let mut settings = crate::runtime::Settings::new()
            .key(KEY_ID, KEY_SECRET)
            .project_id(PROJECT_ID)
            .sms_service_plan(SMS_SERVICE_PLAN_ID, SMS_API_TOKEN)
            .application(APPLICATION_KEY, APPLICATION_SECRET)
            .mailgun(MAILGUN_API_KEY, MAILGUN_DOMAIN)
            .auth_url(self.token_url());
        settings.mms_api_key = Some(MMS_API_KEY.into());
        for api in operations::apis() {
            let module = api.table.module;
            if let Some(region) = api.regions.first() {
                settings = settings.region(module, *region);
            }
            settings = settings.base_url(module, self.api_url(module));
            settings.tokens.insert(module.to_string(), "test-token".into());
        }
        settings
    }

    /// A [`crate::SinchClient`] whose every API and whose OAuth2 token endpoint are this server.
    pub fn sinch_client(&self) -> crate::SinchClient {
        crate::SinchClient::new(self.settings()).expect("the test server's settings build a client")
    }

    /// One API's client against this server: `server.client_for::<sinch_sdk::sms::Client>()`.
    pub fn client_for<C: TestClient>(&self) -> C {
        C::from_sinch(&self.sinch_client())
    }

    /// What the operation answers from now on.
    pub fn on(&self, operation: Operation) -> Expectation<'_> {
        Expectation {
            server: self,
            spec: operation.spec(),
        }
    }

    /// The requests the operation received, in order (valid or not).
    pub fn received(&self, operation: Operation) -> Vec<Received> {
        self.server.received(operation.spec())
    }

    /// The bodies the operation received, in order, decoded into `T` (the operation's request
    /// type); panics naming the operation when one does not decode.
    pub fn received_as<T: serde::de::DeserializeOwned>(&self, operation: Operation) -> Vec<T> {
        self.received(operation).iter().map(Received::json).collect()
    }

    /// Every request the server received, the token endpoint's included.
    pub fn all_received(&self) -> Vec<Received> {
        self.server.all_received()
    }

    /// How many OAuth2 tokens the token endpoint issued.
    pub fn tokens_issued(&self) -> usize {
        self.server.tokens_issued()
    }

    /// Takes the violations seen so far, for a test that sends invalid requests on purpose
    /// (dropping the server then does not panic).
    pub fn take_violations(&self) -> Vec<Violation> {
        self.server.take_violations()
    }

    /// Panics when any request so far did not follow the description, naming each operation
    /// and violation.
    pub fn verify(&self) {
        self.server.verify()
    }
}

/// What one operation answers: [`TestServer::on`].
#[derive(Debug)]
#[must_use = "an expectation does nothing until it responds"]
pub struct Expectation<'a> {
    server: &'a TestServer,
    spec: &'static OperationSpec,
}

impl Expectation<'_> {
    /// Answers every later call with `status` and `body` as JSON (a generated type, or
    /// `serde_json::json!`).
    pub fn respond(self, status: u16, body: impl serde::Serialize) {
        self.server.server.respond(self.spec, Canned::json(status, &body));
    }

    /// Answers the next call only (queued after earlier ones); later calls get what they got
    /// before.
    pub fn respond_once(self, status: u16, body: impl serde::Serialize) {
        self.server.server.respond_once(self.spec, Canned::json(status, &body));
    }

    /// Answers every later call with a response of any shape (no body, text, headers).
    pub fn respond_with(self, response: Canned) {
        self.server.server.respond(self.spec, response);
    }

    /// Answers the next call only with a response of any shape.
    pub fn respond_once_with(self, response: Canned) {
        self.server.server.respond_once(self.spec, response);
    }

    /// Answers with the operation's default again.
    pub fn reset(self) {
        self.server.server.reset(self.spec);
    }
}
