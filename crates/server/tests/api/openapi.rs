//! The OpenAPI document at `/api/v1/openapi.json`: served to anyone, and listing exactly the
//! routes the server answers, each error as the one `Problem` schema.

use crate::helpers::{openapi_document, spawn_app};
use reqwest::Method;
use serde_json::Value;
use std::collections::BTreeSet;

/// Every route under `/api/v1`, as the router declares it. A route added to the server must be
/// added here and documented; the probe below refuses a list that differs from the router.
const ROUTES: &[(&str, &str)] = &[
    ("get", "/health"),
    ("get", "/openapi.json"),
    ("post", "/session"),
    ("delete", "/session"),
    ("get", "/me"),
    ("get", "/accounts"),
    ("get", "/accounts/{account}"),
    ("patch", "/accounts/{account}"),
    ("put", "/accounts/{account}/users/{user}/licence"),
    ("delete", "/accounts/{account}/users/{user}/licence"),
    ("post", "/accounts/{account}/licence-transfers"),
    ("get", "/accounts/{account}/audit"),
    ("get", "/accounts/{account}/users"),
    ("post", "/accounts/{account}/users"),
    ("get", "/accounts/{account}/users/{user}"),
    ("patch", "/accounts/{account}/users/{user}"),
    ("delete", "/accounts/{account}/users/{user}"),
    ("post", "/accounts/{account}/users/{user}/{action}"),
    ("post", "/accounts/{account}/users/{user}/memberships"),
    ("delete", "/accounts/{account}/users/{user}/memberships"),
    ("get", "/accounts/{account}/groups"),
    ("post", "/accounts/{account}/groups"),
    ("get", "/accounts/{account}/groups/{group}"),
    ("patch", "/accounts/{account}/groups/{group}"),
    ("delete", "/accounts/{account}/groups/{group}"),
    ("post", "/accounts/{account}/users/{user}/invitation"),
    ("delete", "/accounts/{account}/users/{user}/invitation"),
    ("get", "/accounts/{account}/invitations"),
    ("post", "/join-requests/check"),
    ("post", "/join-requests/accept"),
    ("post", "/join-requests/decline"),
    ("get", "/accounts/{account}/join-requests"),
    ("delete", "/accounts/{account}/join-requests/{request}"),
    ("post", "/activation/check"),
    ("post", "/activation"),
    (
        "post",
        "/accounts/{account}/users/{user}/temporary-password",
    ),
    ("post", "/me/password"),
    ("post", "/password-reset"),
    ("post", "/password-reset/check"),
    ("post", "/password-reset/complete"),
    ("get", "/dev/mailbox"),
    ("post", "/accounts/{account}/imports"),
    ("post", "/accounts/{account}/imports/lookup"),
    ("get", "/accounts/{account}/users/export.csv"),
];

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// The (method, path) pairs the document lists.
fn documented(doc: &Value) -> BTreeSet<(String, String)> {
    let paths = doc["paths"].as_object().expect("paths");
    paths
        .iter()
        .flat_map(|(path, item)| {
            METHODS
                .iter()
                .filter(|m| item.get(**m).is_some())
                .map(|m| ((*m).to_owned(), path.clone()))
        })
        .collect()
}

#[tokio::test]
async fn the_document_is_served_as_json_without_a_session() {
    // Arrange
    let app = spawn_app().await;

    // Act: a bare client, no cookie, no Origin.
    let res = reqwest::get(app.url("/openapi.json")).await.unwrap();

    // Assert
    assert_eq!(res.status(), 200);
    let content_type = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    let doc: Value = res.json().await.unwrap();
    let version = doc["openapi"].as_str().unwrap();
    assert!(version.starts_with("3."), "OpenAPI {version}");
    assert_eq!(doc["info"]["title"], "Roster API");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(doc["servers"][0]["url"], "/api/v1");
}

#[tokio::test]
async fn the_document_lists_exactly_the_routes_of_the_server() {
    // Arrange
    let expected: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();

    // Act
    let listed = documented(&openapi_document().await);

    // Assert
    let undocumented: Vec<_> = expected.difference(&listed).collect();
    let unrouted: Vec<_> = listed.difference(&expected).collect();
    assert!(
        undocumented.is_empty(),
        "routes missing from the document: {undocumented:?}"
    );
    assert!(
        unrouted.is_empty(),
        "documented routes the list does not have: {unrouted:?}"
    );
}

#[tokio::test]
async fn the_server_routes_every_listed_route_and_no_other_method_on_those_paths() {
    // Arrange: without a session every listed route answers before looking anything up (401,
    // 415, 200); a method the router does not have on a path answers 405.
    let app = spawn_app().await;
    let client = app.client();
    let paths: BTreeSet<&str> = ROUTES.iter().map(|(_, p)| *p).collect();

    for path in paths {
        let concrete = path
            .replace("{account}", "1")
            .replace("{user}", "1")
            .replace("{group}", "1")
            .replace("{request}", "1")
            .replace("{action}", "suspend");
        for method in METHODS {
            // Act
            let verb = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let res = client
                .request(verb, app.url(&concrete))
                .send()
                .await
                .unwrap();

            // Assert
            let status = res.status().as_u16();
            if ROUTES.contains(&(method, path)) {
                assert!(
                    status != 404 && status != 405,
                    "{method} {path} is listed but answers {status}"
                );
            } else {
                assert_eq!(status, 405, "{method} {path} is routed but not listed");
            }
        }
    }
}

#[tokio::test]
async fn the_problem_schema_has_the_code_property_and_every_error_uses_it() {
    // Act
    let doc = openapi_document().await;

    // Assert
    let problem = &doc["components"]["schemas"]["Problem"];
    assert!(problem["properties"]["code"].is_object(), "{problem}");
    let required = problem["required"].as_array().unwrap();
    assert!(required.contains(&Value::from("code")), "{problem}");

    for (method, path) in ROUTES {
        let responses = doc["paths"][path][method]["responses"].as_object().unwrap();
        for (status, response) in responses {
            if !(status.starts_with('4') || status.starts_with('5') || status == "default") {
                continue;
            }
            let schema = &response["content"]["application/problem+json"]["schema"];
            assert_eq!(
                schema["$ref"], "#/components/schemas/Problem",
                "{method} {path} {status}"
            );
        }
    }
}
