//! Examples run against `sinch_sdk::testing` instead of a hand-written loopback server: the test
//! server checks each request against the description (auth, path, parameters, body), records
//! it decoded, and runs the OAuth2 token flow, so these tests only say what they expect.
//! (Tests that assert wire details the description does not state, such as multipart parts or
//! retries, keep their own server: `examples_more_e2e.rs`, `examples_e2e.rs`.)

mod examples_support;

use examples_support::run;
use sinch_sdk::testing::{Operation, TestServer, credentials};

/// The environment `SinchClient::from_env` reads, pointed at `server` for `api`.
fn env(server: &TestServer, api: &str) -> Vec<(&'static str, String)> {
    let url_variable = match api {
        "numbers" => "SINCH_NUMBERS_URL",
        "number_lookup" => "SINCH_NUMBER_LOOKUP_URL",
        other => panic!("no URL variable for {other}"),
    };
    vec![
        ("SINCH_KEY_ID", credentials::KEY_ID.into()),
        ("SINCH_KEY_SECRET", credentials::KEY_SECRET.into()),
        ("SINCH_PROJECT_ID", credentials::PROJECT_ID.into()),
        ("SINCH_AUTH_URL", server.token_url()),
        (url_variable, server.api_url(api)),
    ]
}

#[tokio::test]
async fn number_lookup_example_against_the_test_server() {
    let server = TestServer::start().await;
    server.on(Operation::NumberLookupNumberLookupV2Lookup).respond(
        200,
        serde_json::json!({
            "number": "+12025550134",
            "line": {"carrier": "T-Mobile USA", "type": "Mobile"}
        }),
    );
    let mut env = env(&server, "number_lookup");
    env.push(("SINCH_NUMBER", "+12025550134".into()));
    let (out, err, ok) = run("number_lookup", &env).await;
    assert!(ok, "{err}");
    assert_eq!(out, "+12025550134 T-Mobile USA Mobile");

    // What the example sent, decoded as the description's request type.
    let sent: Vec<sinch_sdk::number_lookup::types::NumberLookupRequest> =
        server.received_as(Operation::NumberLookupNumberLookupV2Lookup);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].number, "+12025550134");
    let received = server.received(Operation::NumberLookupNumberLookupV2Lookup);
    assert_eq!(
        received[0].path,
        format!("/v2/projects/{}/lookups", credentials::PROJECT_ID)
    );
    assert_eq!(server.tokens_issued(), 1, "one OAuth2 token for the call");
    server.verify();
}

#[tokio::test]
async fn numbers_list_active_example_follows_every_page_of_the_test_server() {
    let server = TestServer::start().await;
    let op = Operation::NumbersActiveNumberList;
    server.on(op).respond_once(
        200,
        serde_json::json!({
            "activeNumbers": [{"phoneNumber": "+12025550101"}, {"phoneNumber": "+12025550102"}],
            "nextPageToken": "p2"
        }),
    );
    server.on(op).respond_once(
        200,
        serde_json::json!({"activeNumbers": [{"phoneNumber": "+12025550103"}], "nextPageToken": ""}),
    );
    let mut env = env(&server, "numbers");
    env.push(("SINCH_REGION_CODE", "US".into()));
    let (out, err, ok) = run("numbers_list_active", &env).await;
    assert!(ok, "{err}");
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        ["+12025550101", "+12025550102", "+12025550103"]
    );
    let received = server.received(op);
    assert_eq!(received.len(), 2, "one request per page");
    assert!(received.iter().all(|r| r.query("regionCode") == Some("US")));
    assert_eq!(received[0].query("pageToken"), None);
    assert_eq!(received[1].query("pageToken"), Some("p2"));
    server.verify();
}

#[tokio::test]
async fn without_an_expectation_the_example_gets_the_description_s_answer() {
    // No `on(..)`: the server answers with the description's own example, which the example
    // program decodes and prints.
    let server = TestServer::start().await;
    let mut env = env(&server, "number_lookup");
    env.push(("SINCH_NUMBER", "+12025550134".into()));
    let (out, err, ok) = run("number_lookup", &env).await;
    assert!(ok, "{err}");
    let answer: serde_json::Value =
        serde_json::from_str(Operation::NumberLookupNumberLookupV2Lookup.spec().body).unwrap();
    let carrier = answer["line"]["carrier"]
        .as_str()
        .expect("the description's example has a carrier");
    assert!(
        out.contains(carrier),
        "prints the carrier of the description's example: {out}"
    );
    assert_eq!(server.received(Operation::NumberLookupNumberLookupV2Lookup).len(), 1);
    server.verify();
}
