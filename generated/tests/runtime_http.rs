//! The runtime against real HTTP servers on loopback (wiremock), asserting what goes over the
//! wire: OAuth2 tokens, retries, signatures, error bodies, secrets kept out of errors.

#![cfg(all(feature = "numbers", feature = "voice", feature = "sms"))]

use sinch_sdk::runtime::{Auth, Error, OAuth2, RetryPolicy, SinchError};
use sinch_sdk::{numbers, sms, voice};
use std::time::{Duration, Instant};
use wiremock::matchers::{header, header_regex, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const NUMBER: &str = r#"{"phoneNumber":"+12025550134","projectId":"p1"}"#;

fn token(value: &str, expires_in: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({
        "access_token": value, "expires_in": expires_in, "scope": "", "token_type": "bearer"
    }))
}

fn fast_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts: attempts,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        max_elapsed: Duration::from_secs(30),
    }
}

async fn numbers_client(server: &MockServer, oauth: &OAuth2) -> numbers::Client {
    numbers::Client::with_base_url(server.uri(), Auth::OAuth2(oauth.clone()))
        .unwrap()
        .with_project_id("p1")
}

fn requests_to(all: &[Request], p: &str) -> usize {
    all.iter().filter(|r| r.url.path() == p).count()
}

#[tokio::test]
async fn fifty_concurrent_calls_fetch_one_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(header("authorization", "Basic a2V5OnNlY3JldA=="))
        .respond_with(token("t1", 3600).set_delay(Duration::from_millis(200)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/projects/p1/activeNumbers/%2B12025550134"))
        .and(header("authorization", "Bearer t1"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(NUMBER, "application/json"))
        .expect(50)
        .mount(&server)
        .await;
    let oauth = OAuth2::with_token_url("key", "secret", format!("{}/oauth2/token", server.uri()));
    let client = numbers_client(&server, &oauth).await;
    let calls = (0..50).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.active_number().get("+12025550134").await })
    });
    for call in calls {
        let number = call.await.unwrap().unwrap();
        assert_eq!(number.phone_number.as_deref(), Some("+12025550134"));
    }
    assert_eq!(oauth.fetch_count(), 1);
}

#[tokio::test]
async fn tokens_are_renewed_before_they_expire() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth2/token"))
        .respond_with(token("short", 1))
        .mount(&server)
        .await;
    Mock::given(path("/v1/projects/p1/activeNumbers/%2B1"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(NUMBER, "application/json"))
        .mount(&server)
        .await;
    let oauth = OAuth2::with_token_url("key", "secret", format!("{}/oauth2/token", server.uri()));
    let client = numbers_client(&server, &oauth).await;
    client.active_number().get("+1").await.unwrap();
    client.active_number().get("+1").await.unwrap();
    assert_eq!(oauth.fetch_count(), 1, "still fresh");
    tokio::time::sleep(Duration::from_millis(700)).await;
    client.active_number().get("+1").await.unwrap();
    assert_eq!(oauth.fetch_count(), 2, "renewed ahead of the expiry, before any 401");
}

#[tokio::test]
async fn an_expired_401_renews_once_and_resends() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth2/token"))
        .respond_with(token("old", 3600))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/oauth2/token"))
        .respond_with(token("new", 3600))
        .mount(&server)
        .await;
    Mock::given(path("/v1/projects/p1/activeNumbers/%2B1"))
        .and(header("authorization", "Bearer old"))
        .respond_with(ResponseTemplate::new(401).insert_header(
            "www-authenticate",
            "Bearer error=\"invalid_token\", error_description=\"Jwt expired\"",
        ))
        .mount(&server)
        .await;
    Mock::given(path("/v1/projects/p1/activeNumbers/%2B1"))
        .and(header("authorization", "Bearer new"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(NUMBER, "application/json"))
        .mount(&server)
        .await;
    let oauth = OAuth2::with_token_url("key", "secret", format!("{}/oauth2/token", server.uri()));
    let client = numbers_client(&server, &oauth).await;
    client.active_number().get("+1").await.unwrap();
    assert_eq!(oauth.fetch_count(), 2);
    let all = server.received_requests().await.unwrap();
    assert_eq!(requests_to(&all, "/v1/projects/p1/activeNumbers/%2B1"), 2);
}

#[tokio::test]
async fn a_401_that_is_not_about_expiry_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth2/token"))
        .respond_with(token("t", 3600))
        .mount(&server)
        .await;
    Mock::given(path("/v1/projects/p1/activeNumbers/%2B1"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_raw(r#"{"error":{"code":401,"message":"Unauthorized"}}"#, "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let oauth = OAuth2::with_token_url("key", "secret", format!("{}/oauth2/token", server.uri()));
    let e = numbers_client(&server, &oauth)
        .await
        .active_number()
        .get("+1")
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(oauth.fetch_count(), 1);
}

#[tokio::test]
async fn a_429_is_retried_after_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/xms/v1/plan/groups"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/xms/v1/plan/groups"))
        .and(header("authorization", "Bearer api-token"))
        .respond_with(ResponseTemplate::new(201).set_body_raw(r#"{"id":"g1"}"#, "application/json"))
        .mount(&server)
        .await;
    let client = sms::Client::with_base_url(server.uri(), Auth::bearer("api-token")).unwrap();
    let started = Instant::now();
    let group = client.with_service_plan_id("plan").groups().create().await.unwrap();
    assert_eq!(group.id.as_deref(), Some("g1"));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited for Retry-After: {:?}",
        started.elapsed()
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn retries_stop_at_the_bound() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503).set_body_raw(r#"{"code":"unavailable","text":"Try later"}"#, "application/json"),
        )
        .mount(&server)
        .await;
    let client = sms::Client::with_base_url(server.uri(), Auth::bearer("t"))
        .unwrap()
        .with_retry_policy(fast_retries(3));
    let e = client
        .with_service_plan_id("plan")
        .groups()
        .retrieve("g1")
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    assert_eq!(
        e.sinch_error(),
        Some(SinchError::Sms {
            code: "unavailable".into(),
            text: "Try later".into()
        })
    );
    assert!(e.to_string().contains("Try later (unavailable)"), "{e}");
}

#[tokio::test]
async fn a_post_is_not_resent_after_a_503() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = sms::Client::with_base_url(server.uri(), Auth::bearer("t"))
        .unwrap()
        .with_retry_policy(fast_retries(5));
    client.with_service_plan_id("plan").groups().create().await.unwrap_err();
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "Sinch may have processed it"
    );
}

#[tokio::test]
async fn a_refused_connection_is_retried_even_for_a_post() {
    // Nothing listens on this port: every attempt is refused before anything is sent.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = sms::Client::with_base_url(format!("http://127.0.0.1:{port}"), Auth::bearer("t"))
        .unwrap()
        .with_retry_policy(fast_retries(3));
    let started = Instant::now();
    let e = client.with_service_plan_id("plan").groups().create().await.unwrap_err();
    assert!(matches!(e, Error::Transport { .. }), "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn voice_requests_are_application_signed() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/calling/v1/callouts"))
        .and(header_regex("authorization", "^Application app-key:[A-Za-z0-9+/=]+$"))
        .and(header_regex("x-timestamp", r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"callId":"c1"}"#, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    let secret = "BeIukql3pTKJ8RGL5zo0DA==";
    let client = voice::Client::with_base_url(server.uri(), Auth::application("app-key", secret)).unwrap();
    let body: voice::types::CalloutRequest =
        serde_json::from_value(serde_json::json!({"method": "ttsCallout"})).unwrap();
    let call = client.callouts().call(body).await.unwrap();
    assert_eq!(call.call_id.as_deref(), Some("c1"));
    // Recompute the signature from what arrived.
    let req = &server.received_requests().await.unwrap()[0];
    let h = |n: &str| {
        req.headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let expected = sinch_sdk::runtime::signing::authorization(
        "app-key",
        secret,
        "POST",
        req.url.path(),
        &h("content-type"),
        &req.body,
        &h("x-timestamp"),
    )
    .unwrap();
    assert_eq!(h("authorization"), expected);
}

#[tokio::test]
async fn apis_refuse_credentials_sinch_does_not_accept_for_them() {
    let e = voice::Client::new(voice::Region::Global, Auth::bearer("t")).unwrap_err();
    assert!(e.to_string().contains("does not accept"), "{e}");
    assert!(sms::Client::new(sms::Region::Eu, Auth::bearer("t")).is_ok());
}

#[tokio::test]
async fn secrets_stay_out_of_errors_and_debug() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(r#"{"error":"invalid_client"}"#, "application/json"))
        .mount(&server)
        .await;
    let oauth = OAuth2::with_token_url("key", "hunter2-secret", format!("{}/oauth2/token", server.uri()));
    let client = numbers_client(&server, &oauth).await;
    let e = client.active_number().get("+1").await.unwrap_err();
    assert!(matches!(e, Error::Auth { .. }), "{e:?}");
    for shown in [
        e.to_string(),
        format!("{e:?}"),
        format!("{client:?}"),
        format!("{oauth:?}"),
    ] {
        assert!(!shown.contains("hunter2"), "{shown}");
    }
    let bearer = sms::Client::with_base_url(server.uri(), Auth::bearer("tok-abc123")).unwrap();
    assert!(!format!("{bearer:?}").contains("tok-abc123"));
}
