//! Join requests: an existing login asked to join an account, from the email to the membership,
//! and links that are single-use, never stored readable, and can be declined.

use crate::helpers::{json, problem_code, spawn_app};
use roster_domain::authz::{Grants, Role};
use serde_json::{Value, json};

#[tokio::test]
async fn adding_to_another_account_asks_a_person_the_admin_does_not_manage_everywhere() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let europe = app.account_id("Acme Europe").await;
    // admin@acme.test administers Acme Europe too, but only at records C: Eva, its top
    // administrator, is not theirs to manage.
    let admin_id = app.user_id("admin@acme.test").await;
    let records_c = Grants::new().with("records", "C");
    app.set_grants(europe, admin_id, Role::Admin, &records_c)
        .await;
    let eva = app.user_id("eu-admin@acme.test").await;
    let admin = app.signed_in("admin@acme.test").await;

    let res = admin
        .post(app.url(&format!("/accounts/{europe}/users/{eva}/memberships")))
        .json(&json!({ "accounts": [records] }))
        .send()
        .await
        .unwrap();

    let result = &json(res).await["results"][0];
    assert_eq!(
        (result["ok"].clone(), result["requested"].clone()),
        (json!(true), json!(true))
    );
    let member = admin
        .get(app.url(&format!("/accounts/{records}/users/{eva}")))
        .send()
        .await
        .unwrap();
    assert_eq!(member.status(), 404, "not a member until she accepts");
    app.accept_join("eu-admin@acme.test").await;
    let member = json(
        admin
            .get(app.url(&format!("/accounts/{records}/users/{eva}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(member["role"], "user");
    assert_eq!(member["shared"], true);
}

#[tokio::test]
async fn join_links_are_single_use_never_stored_and_can_be_declined() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let admin = app.signed_in("admin@acme.test").await;
    let add = |email: &'static str| {
        admin
            .post(app.url(&format!("/accounts/{records}/users")))
            .json(&json!({"email": email, "first_name": "A", "last_name": "B"}))
            .send()
    };
    assert_eq!(add("eu-admin@acme.test").await.unwrap().status(), 202);
    let person = app.signed_in("eu-admin@acme.test").await;
    let token = app
        .mailed_token(&person, "eu-admin@acme.test", "join")
        .await;
    assert!(
        app.places_holding(&token).await.is_empty(),
        "only the token's hash is kept"
    );
    let link = |path: &'static str| {
        app.client()
            .post(app.url(path))
            .json(&json!({ "token": token }))
            .send()
    };

    let check = json(link("/join-requests/check").await.unwrap()).await;
    assert_eq!(check["account_name"], "Acme Records");
    assert_eq!(check["requested_by"], "Ada Admin");
    assert_eq!(link("/join-requests/decline").await.unwrap().status(), 204);
    for path in ["/join-requests/accept", "/join-requests/check"] {
        let res = link(path).await.unwrap();
        assert_eq!(res.status(), 410, "{path}");
        assert_eq!(problem_code(res).await, "join.link_invalid");
    }
    let listed = json(
        admin
            .get(app.url(&format!("/accounts/{records}/join-requests")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(listed["items"], json!([]));
    let log = app.audit(&admin, records).await;
    assert_eq!(log[0]["action"], "join.declined");
    assert_eq!(
        log[0]["actor_id"],
        Value::Null,
        "the account learns nothing of them"
    );
}
