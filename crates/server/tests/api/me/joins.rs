//! The requests to join an account, answered signed in from My details: only by their person.

use super::{USER, me};
use crate::helpers::{ADMIN, EU_ADMIN, EUROPE, TestApp, get, json, post, spawn_app};
use serde_json::json;

/// A new account "Lab" of Acme Europe's administrator, who asks Uma to join it: she is also of
/// Acme Records, where that administrator may not manage her, so it is a request. Its id.
async fn lab_asks_uma(app: &TestApp) -> i64 {
    let europe = app.account_id(EUROPE).await;
    let lab = app
        .new_account("Lab", 5, europe, app.user_id(EU_ADMIN).await)
        .await;
    let eu_admin = app.signed_in(EU_ADMIN).await;
    let asked = post(
        &eu_admin,
        app.url(&format!("/accounts/{lab}/users")),
        json!({"email": USER, "first_name": "U", "last_name": "U"}),
    )
    .await;
    assert_eq!(asked.status(), 202);
    lab
}

#[tokio::test]
async fn a_join_request_is_answered_signed_in_and_only_by_its_person() {
    let app = spawn_app().await;
    let lab = lab_asks_uma(&app).await;
    let user = app.signed_in(USER).await;
    let admin = app.signed_in(ADMIN).await;

    let waiting = json(get(&user, app.url("/me/join-requests")).await).await;
    let theirs = json(get(&admin, app.url("/me/join-requests")).await).await;

    assert_eq!(theirs["items"], json!([]), "not another person's");
    let request = &waiting["items"][0];
    assert_eq!(request["account_name"], "Lab");
    assert_eq!(request["role"], "user");
    let id = request["id"].as_i64().unwrap();
    let accept = |client: &reqwest::Client| {
        let url = app.url(&format!("/me/join-requests/{id}/accept"));
        let client = client.clone();
        async move { client.post(url).send().await.unwrap() }
    };
    assert_eq!(
        accept(&admin).await.status(),
        404,
        "another person's request"
    );
    let joined = accept(&user).await;
    assert_eq!(joined.status(), 200);
    assert_eq!(json(joined).await["account_name"], "Lab");
    assert!(app.is_member(lab, app.user_id(USER).await).await);
    assert_eq!(accept(&user).await.status(), 404, "answered already");
    let mine = me(&app, &user).await.0;
    assert!(
        mine["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "Lab")
    );
}

#[tokio::test]
async fn a_declined_join_request_changes_nothing() {
    let app = spawn_app().await;
    let lab = lab_asks_uma(&app).await;
    let user = app.signed_in(USER).await;
    let waiting = json(get(&user, app.url("/me/join-requests")).await).await;
    let id = waiting["items"][0]["id"].as_i64().unwrap();

    let declined = user
        .post(app.url(&format!("/me/join-requests/{id}/decline")))
        .send()
        .await
        .unwrap();

    assert_eq!(declined.status(), 204);
    assert!(!app.is_member(lab, app.user_id(USER).await).await);
    let after = json(get(&user, app.url("/me/join-requests")).await).await;
    assert_eq!(after["items"], json!([]));
}
