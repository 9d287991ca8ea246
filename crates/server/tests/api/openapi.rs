//! The OpenAPI document at `/api/v1/openapi.json`: served to anyone, and listing exactly the
//! routes the server answers, each error as the one `Problem` schema.

use crate::helpers::{ADMIN, RECORDS, openapi_document, spawn_app};
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
    ("patch", "/me"),
    ("post", "/me/email"),
    ("post", "/me/email/confirm"),
    ("put", "/me/challenge"),
    ("post", "/me/authorization-number"),
    ("get", "/me/sessions"),
    ("delete", "/me/sessions"),
    ("delete", "/me/sessions/{id}"),
    ("get", "/me/activity"),
    ("get", "/me/join-requests"),
    ("post", "/me/join-requests/{id}/accept"),
    ("post", "/me/join-requests/{id}/decline"),
    ("post", "/accounts/{account}/users/{user}/pin-check"),
    ("post", "/password-reset"),
    ("post", "/password-reset/check"),
    ("post", "/password-reset/complete"),
    ("get", "/dev/mailbox"),
    ("post", "/accounts/{account}/imports"),
    ("post", "/accounts/{account}/imports/lookup"),
    ("get", "/accounts/{account}/users/export.csv"),
    ("get", "/accounts/{account}/embed-keys"),
    ("post", "/accounts/{account}/embed-keys"),
    ("delete", "/accounts/{account}/embed-keys/{key}"),
    ("post", "/embed/tokens"),
    ("post", "/embed/sessions"),
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
            .replace("{key}", "1")
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

/// Every operation of the document: its method, path and object.
fn operations(doc: &Value) -> Vec<(&'static str, String, Value)> {
    let paths = doc["paths"].as_object().expect("paths");
    let mut all = Vec::new();
    for (path, item) in paths {
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                all.push((method, path.clone(), operation.clone()));
            }
        }
    }
    all
}

/// The names of an operation's parameters in `place` (`path`, `query`, `header`).
fn parameters(operation: &Value, place: &str) -> Vec<String> {
    operation["parameters"]
        .as_array()
        .map(|all| {
            all.iter()
                .filter(|p| p["in"] == place)
                .map(|p| p["name"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The schema of an operation's parameter.
fn parameter<'a>(operation: &'a Value, name: &str) -> &'a Value {
    let all = operation["parameters"].as_array().unwrap();
    &all.iter().find(|p| p["name"] == name).unwrap()["schema"]
}

#[tokio::test]
async fn every_operation_lists_every_status_it_can_answer_and_leaves_none_to_a_default() {
    // Arrange
    let doc = openapi_document().await;

    for (method, path, operation) in operations(&doc) {
        // Act
        let responses = operation["responses"].as_object().unwrap();
        let has = |status: &str| responses.contains_key(status);
        let public = operation["security"] == serde_json::json!([{}]);
        let body = operation["requestBody"].is_object();

        // Assert: a `default` answer would let any status pass for documented.
        assert!(!has("default"), "{method} {path} has a default answer");
        for status in ["408", "500"] {
            assert!(has(status), "{method} {path} lacks {status}");
        }
        if !public {
            assert!(has("401"), "{method} {path} needs a session but lacks 401");
        }
        if method != "get" {
            assert!(
                has("403"),
                "{method} {path} is refused cross-origin but lacks 403"
            );
        }
        if !parameters(&operation, "path").is_empty() {
            assert!(has("404"), "{method} {path} names something but lacks 404");
        }
        for status in ["400", "413", "415", "422"] {
            assert!(
                !body || has(status),
                "{method} {path} reads a body but lacks {status}"
            );
        }
        if !parameters(&operation, "query").is_empty() {
            assert!(has("422"), "{method} {path} reads a query but lacks 422");
        }
    }
}

#[tokio::test]
async fn every_operation_taking_if_match_lists_412_and_428_and_takes_only_entity_tags() {
    // Arrange
    let doc = openapi_document().await;
    let mut taking = BTreeSet::new();

    for (method, path, operation) in operations(&doc) {
        if !parameters(&operation, "header").contains(&"If-Match".to_owned()) {
            continue;
        }
        taking.insert(operation["operationId"].as_str().unwrap().to_owned());

        // Act
        let responses = &operation["responses"];
        let pattern = parameter(&operation, "If-Match")["pattern"].as_str();

        // Assert: `*` and an empty value are 428, a tag of another version 412.
        for status in ["412", "428"] {
            assert!(
                responses[status].is_object(),
                "{method} {path} lacks {status}"
            );
        }
        let pattern = pattern.unwrap_or_else(|| panic!("{method} {path}: If-Match unbounded"));
        assert!(
            pattern.starts_with("^(W/)?\"") && pattern.ends_with('$'),
            "{pattern}"
        );
    }
    let expected = [
        "act_on_user",
        "invite_user",
        "revoke_invitation",
        "update_account",
        "update_group",
        "update_me",
        "update_user",
    ];
    assert_eq!(taking, expected.map(str::to_owned).into());

    // And each is linked from the answer that gives the ETag to send.
    let mut linked = BTreeSet::new();
    for (_, _, operation) in operations(&doc) {
        let links = operation["responses"]["200"]["links"].as_object();
        for link in links.into_iter().flat_map(|l| l.values()) {
            assert_eq!(
                link["parameters"]["header.If-Match"],
                "$response.header.ETag"
            );
            linked.insert(link["operationId"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(linked, taking);
}

#[tokio::test]
async fn the_throttled_operations_list_429_with_retry_after() {
    // Arrange
    let doc = openapi_document().await;
    let throttled = [
        "sign_in",
        "change_my_password",
        "request_password_reset",
        "check_password_reset",
        "complete_password_reset",
        "check_activation",
        "activate",
        "check_join_request",
        "accept_join_request",
        "decline_join_request",
        "change_my_email",
        "confirm_my_email",
        "set_my_challenge",
        "new_authorization_number",
        "check_pin",
        "create_embed_token",
    ];

    for (method, path, operation) in operations(&doc) {
        // Act
        let id = operation["operationId"].as_str().unwrap();
        let answer = &operation["responses"]["429"];

        // Assert
        if throttled.contains(&id) {
            assert_eq!(
                answer["headers"]["Retry-After"]["schema"]["type"], "integer",
                "{method} {path}"
            );
        } else {
            assert!(answer.is_null(), "{method} {path} is not throttled");
        }
    }
}

#[tokio::test]
async fn the_page_bounds_of_the_document_are_the_servers() {
    // Arrange
    let doc = openapi_document().await;
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let account = app.account_id(RECORDS).await;
    let mut paged = 0;

    for (method, path, operation) in operations(&doc) {
        let query = parameters(&operation, "query");
        if !query.contains(&"per_page".to_owned()) {
            continue;
        }
        paged += 1;
        let (page, per_page) = (
            parameter(&operation, "page"),
            parameter(&operation, "per_page"),
        );
        assert_eq!(page["minimum"], 1, "{method} {path}");
        assert_eq!(per_page["minimum"], 1, "{method} {path}");
        let max = per_page["maximum"]
            .as_i64()
            .expect("per_page has a maximum");
        let url = app.url(&path.replace("{account}", &account.to_string()));

        for (query, status) in [
            (format!("page=1&per_page={max}"), 200),
            (format!("page=1&per_page={}", max + 1), 422),
            ("per_page=0".to_owned(), 422),
            ("page=0".to_owned(), 422),
            (format!("page={}", i64::MAX), 200),
        ] {
            // Act
            let res = admin.get(format!("{url}?{query}")).send().await.unwrap();

            // Assert
            assert_eq!(res.status(), status, "{method} {path}?{query}");
        }
    }
    assert_eq!(
        paged, 2,
        "the users list and the invitations list are paged"
    );
}

#[tokio::test]
async fn the_users_list_takes_every_value_the_document_lists_and_no_other() {
    // Arrange
    let doc = openapi_document().await;
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let account = app.account_id(RECORDS).await;
    let list = &doc["paths"]["/accounts/{account}/users"]["get"];
    let url = app.url(&format!("/accounts/{account}/users"));

    for name in ["state", "role", "sort"] {
        let values = parameter(list, name)["enum"].as_array().unwrap();
        assert!(!values.is_empty(), "{name}");
        for value in values {
            // Act
            let value = value.as_str().unwrap();
            let res = admin
                .get(format!("{url}?{name}={value}"))
                .send()
                .await
                .unwrap();

            // Assert
            assert_eq!(res.status(), 200, "{name}={value}");
        }
        let res = admin
            .get(format!("{url}?{name}=bogus"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "{name}=bogus");
    }
}

#[tokio::test]
async fn integers_of_a_body_may_be_written_as_whole_numbers_with_a_fraction_of_zero() {
    // Arrange: JSON Schema counts `12.0` as the integer 12, and so must the server.
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let account = app.account_id(RECORDS).await;
    let url = app.url(&format!("/accounts/{account}/groups"));
    let group = |name: &str, length: Value| {
        serde_json::json!({
            "name": name,
            "policy": { "min_password_length": length, "idle_timeout_minutes": 30.0 }
        })
    };

    // Act
    let whole = admin
        .post(&url)
        .json(&group("Whole", 12.0.into()))
        .send()
        .await
        .unwrap();
    let fraction = admin
        .post(&url)
        .json(&group("Half", 12.5.into()))
        .send()
        .await
        .unwrap();

    // Assert
    assert_eq!(whole.status(), 201);
    let created: Value = whole.json().await.unwrap();
    assert_eq!(created["policy"]["min_password_length"], 12);
    assert_eq!(fraction.status(), 422);

    // A large whole float too, which a parser that is off by a bit would make a fraction: no
    // such member (404), rather than a value of the wrong type (422).
    let transfer = admin
        .post(app.url(&format!("/accounts/{account}/licence-transfers")))
        .header("content-type", "application/json")
        .body(r#"{"from": -2251799813685247.0, "to": 9.0}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(transfer.status(), 404);
}

#[tokio::test]
async fn the_limits_of_the_document_are_the_domains() {
    // Act
    let doc = openapi_document().await;
    let schemas = &doc["components"]["schemas"];

    // Assert
    assert_eq!(
        schemas["ImportChunk"]["properties"]["rows"]["maxItems"],
        roster_domain::import::MAX_CHUNK_ROWS
    );
    assert_eq!(
        schemas["LookupRequest"]["properties"]["usernames"]["maxItems"],
        roster_domain::import::MAX_ROWS
    );
    assert_eq!(
        schemas["PolicyInput"]["properties"]["kinds"]["maxItems"],
        roster_domain::authz::MAX_KINDS
    );
}
