//! The hand-written runtime the generated operations call: HTTP, authentication, errors,
//! and the few serde helpers the models need.

pub mod auth;
pub mod body;
pub mod call;
pub mod double_option;
pub mod encode;
pub mod error;
pub mod http;
pub mod oauth;
pub mod object;
pub mod open_enum;
pub mod pagination;
pub mod retry;
pub mod settings;
pub mod signing;
pub mod timestamp;
pub mod union;
pub mod webhooks;
#[cfg(feature = "axum")]
pub mod webhooks_axum;

pub use auth::{Auth, AuthKind, Secret};
pub use body::{Body, File, Part};
pub use call::{CallOptions, Request, WithResponse};
pub use error::{ApiError, Error, NoErrorBody, SinchError};
pub use http::{BuildError, Http, HttpBuilder, Response};
pub use oauth::OAuth2;
pub use retry::RetryPolicy;
pub use settings::{Settings, SettingsError};
pub use timestamp::Timestamp;

// What generated code names through the runtime, so it needs no dependency of its own on them.
pub use bytes;
pub use futures_core;
pub use reqwest;
