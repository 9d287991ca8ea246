//! My details (`/me`): contact details across every account, email change by a confirmed link,
//! challenge, authorization number and the PIN check, sessions, my activity, and join requests
//! answered signed in. Each refusal has its test: a wrong current password, a group that forbids
//! editing, another person's session, mass assignment, an expired or reused link.

mod joins;
mod security;
mod sessions;

use crate::helpers::{
    ADMIN, EU_ADMIN, EUROPE, PASSWORD, RECORDS, TestApp, get, json, policy, problem_code, spawn_app,
};
use reqwest::Client;
use serde_json::{Value, json};

const USER: &str = "user@acme.test";

/// My details as `client` reads them, with their ETag.
async fn me(app: &TestApp, client: &Client) -> (Value, String) {
    let res = get(client, app.url("/me")).await;
    assert_eq!(res.status(), 200);
    let tag = res.headers()["etag"].to_str().unwrap().to_owned();
    (json(res).await, tag)
}

async fn patch_me(app: &TestApp, client: &Client, tag: &str, body: Value) -> reqwest::Response {
    crate::helpers::patch(client, app.url("/me"), tag, body).await
}

#[tokio::test]
async fn my_password_rule_is_the_strictest_of_my_groups() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let records = app.account_id(RECORDS).await;
    let user = app.signed_in(USER).await;
    assert_eq!(me(&app, &user).await.0["min_password_length"], 12);

    let group = app.new_group(records, "Strict").await;
    let set = app
        .patch_current(
            &admin,
            &app.group_url(records, group),
            json!({"policy": policy(16, 60, true)}),
        )
        .await;
    assert_eq!(set.status(), 200);
    app.move_to_group(records, app.user_id(USER).await, group)
        .await;

    assert_eq!(me(&app, &user).await.0["min_password_length"], 16);
}

#[tokio::test]
async fn a_plain_user_reads_their_details_and_every_membership() {
    let app = spawn_app().await;
    let user = app.signed_in(USER).await;

    let (me, tag) = me(&app, &user).await;

    assert_eq!(tag, format!("\"{}\"", me["version"]));
    assert_eq!(me["email"], USER);
    assert_eq!(me["details_locked_by"], json!([]));
    assert_eq!(me["has_authorization_number"], false);
    let accounts = me["accounts"].as_array().unwrap();
    let names: Vec<_> = accounts
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, [EUROPE, RECORDS]);
    let records = &accounts[1];
    assert_eq!(records["role"], "user");
    assert_eq!(records["group_name"], "Default");
    assert_eq!(records["licensed"], true);
    assert_eq!(records["authorities"], json!({"records": "A"}));
}

#[tokio::test]
async fn changing_my_phone_and_language_applies_in_every_account() {
    let app = spawn_app().await;
    let user = app.signed_in(USER).await;
    let (_, tag) = me(&app, &user).await;

    let res = patch_me(
        &app,
        &user,
        &tag,
        json!({"phone": "+33 6 12 34 56 78", "language": "fr", "first_name": "Umé"}),
    )
    .await;

    assert_eq!(res.status(), 200);
    let changed = json(res).await;
    assert_eq!(changed["phone"], "+33612345678");
    assert_eq!(changed["language"], "fr");
    let id = app.user_id(USER).await;
    for (admin, account) in [(ADMIN, RECORDS), (EU_ADMIN, EUROPE)] {
        let admin = app.signed_in(admin).await;
        let account = app.account_id(account).await;
        let url = app.url(&format!("/accounts/{account}/users/{id}"));
        let seen = json(get(&admin, url).await).await;
        assert_eq!(seen["first_name"], "Umé", "seen from account {account}");
        assert_eq!(seen["phone"], "+33612345678");
        let logged = app
            .audit_entries(&admin, account, "me.details_changed")
            .await;
        assert_eq!(logged.len(), 1, "the change is in account {account}'s log");
    }
    // An empty phone removes it.
    let (_, tag) = me(&app, &user).await;
    let res = patch_me(&app, &user, &tag, json!({"phone": ""})).await;
    assert_eq!(json(res).await["phone"], Value::Null);
}

#[tokio::test]
async fn my_details_need_the_current_etag_and_valid_fields() {
    let app = spawn_app().await;
    let user = app.signed_in(USER).await;
    let (_, tag) = me(&app, &user).await;

    let missing = user
        .patch(app.url("/me"))
        .json(&json!({"first_name": "X"}))
        .send()
        .await
        .unwrap();
    let stale = patch_me(&app, &user, "\"999\"", json!({"first_name": "X"})).await;
    let invalid = patch_me(&app, &user, &tag, json!({"phone": "12", "first_name": ""})).await;

    assert_eq!(missing.status(), 428);
    assert_eq!(stale.status(), 412);
    assert_eq!(invalid.status(), 422);
    let fields: Vec<_> = json(invalid).await["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert!(fields.contains(&"phone".to_owned()) && fields.contains(&"first_name".to_owned()));
    assert_eq!(
        me(&app, &user).await.0["first_name"],
        "Uma",
        "nothing was saved"
    );
}

#[tokio::test]
async fn fields_that_are_not_mine_to_change_are_refused() {
    let app = spawn_app().await;
    let user = app.signed_in(USER).await;
    let (_, tag) = me(&app, &user).await;

    for field in [
        json!({"role": "admin"}),
        json!({"state": "active"}),
        json!({"account": 1}),
        json!({"email": "x@acme.test"}),
        json!({"authorities": {"records": "E"}}),
    ] {
        let res = patch_me(&app, &user, &tag, field.clone()).await;
        assert_eq!(res.status(), 422, "{field}");
    }
    let records = app.account_id(RECORDS).await;
    let held = app.member(records, app.user_id(USER).await).await.unwrap();
    assert_eq!(held.role, roster_domain::authz::Role::User);
}

#[tokio::test]
async fn a_group_that_forbids_editing_keeps_my_details_read_only() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let records = app.account_id(RECORDS).await;
    let group = app.new_group(records, "Locked").await;
    let set = app
        .patch_current(
            &admin,
            &app.group_url(records, group),
            json!({"policy": policy(12, 60, false)}),
        )
        .await;
    assert_eq!(set.status(), 200);
    app.move_to_group(records, app.user_id(USER).await, group)
        .await;
    let user = app.signed_in(USER).await;
    let (me_now, tag) = me(&app, &user).await;

    let res = patch_me(&app, &user, &tag, json!({"phone": "+1 555 0100"})).await;
    let email = crate::helpers::post(
        &user,
        app.url("/me/email"),
        json!({"current_password": PASSWORD, "email": "uma@acme.test"}),
    )
    .await;

    assert_eq!(
        me_now["details_locked_by"],
        json!([{"account": RECORDS, "group": "Locked"}])
    );
    assert_eq!(res.status(), 403);
    assert_eq!(problem_code(res).await, "me.details_locked");
    assert_eq!(email.status(), 403);
    assert_eq!(me(&app, &user).await.0["phone"], Value::Null);
}

/// Asks to change `client`'s email to `email`.
async fn ask_email(
    app: &TestApp,
    client: &Client,
    password: &str,
    email: &str,
) -> reqwest::Response {
    crate::helpers::post(
        client,
        app.url("/me/email"),
        json!({"current_password": password, "email": email}),
    )
    .await
}

async fn confirm_email(app: &TestApp, token: &str) -> reqwest::Response {
    crate::helpers::post(
        &app.client(),
        app.url("/me/email/confirm"),
        json!({"token": token}),
    )
    .await
}

#[tokio::test]
async fn a_new_email_applies_only_once_its_link_is_followed() {
    let app = spawn_app().await;
    let user = app.signed_in(USER).await;

    let res = ask_email(&app, &user, PASSWORD, "uma.user@acme.test").await;

    assert_eq!(res.status(), 202);
    assert_eq!(json(res).await["pending_email"], "uma.user@acme.test");
    let (waiting, _) = me(&app, &user).await;
    assert_eq!(
        waiting["email"], USER,
        "not changed before the link is followed"
    );
    assert_eq!(waiting["pending_email"], "uma.user@acme.test");
    let mail = app.mailbox(&user).await;
    assert!(
        mail.iter()
            .any(|e| e["to"] == USER && e["kind"] == "email_change_notice"),
        "the present address is told"
    );
    let token = app
        .mailed_token(&user, "uma.user@acme.test", "confirm-email")
        .await;

    let res = confirm_email(&app, &token).await;

    assert_eq!(res.status(), 204);
    let (changed, _) = me(&app, &user).await;
    assert_eq!(changed["email"], "uma.user@acme.test");
    assert_eq!(
        changed["username"], "uma.user@acme.test",
        "the username followed the email"
    );
    assert_eq!(changed["pending_email"], Value::Null);
    let again = confirm_email(&app, &token).await;
    assert_eq!(again.status(), 410, "a used link");
    assert_eq!(problem_code(again).await, "me.email_link_invalid");
    let signed = app
        .sign_in(&app.client(), "uma.user@acme.test", PASSWORD)
        .await;
    assert_eq!(signed.status(), 200, "signs in with the new address");
}

#[tokio::test]
async fn an_email_change_is_refused_with_a_wrong_password_a_taken_address_or_an_expired_link() {
    let app = spawn_app().await;
    let user = app.signed_in(USER).await;

    let wrong = ask_email(&app, &user, "not my password", "uma.user@acme.test").await;
    let taken = ask_email(&app, &user, PASSWORD, ADMIN).await;
    let same = ask_email(&app, &user, PASSWORD, "User@Acme.test").await;
    let foreign = ask_email(&app, &user, PASSWORD, "uma@elsewhere.test").await;
    assert_eq!(wrong.status(), 422);
    assert_eq!(
        json(wrong).await["errors"][0]["code"],
        "auth.current_password_wrong"
    );
    assert_eq!(json(taken).await["errors"][0]["code"], "me.email_taken");
    assert_eq!(json(same).await["errors"][0]["code"], "me.email_unchanged");
    assert_eq!(
        json(foreign).await["errors"][0]["code"],
        "domain.not_approved"
    );

    let res = ask_email(&app, &user, PASSWORD, "uma.user@acme.test").await;
    assert_eq!(res.status(), 202);
    let token = app
        .mailed_token(&user, "uma.user@acme.test", "confirm-email")
        .await;
    app.expire_links_earlier(app.user_id(USER).await, 25 * 3600)
        .await;
    let expired = confirm_email(&app, &token).await;
    assert_eq!(expired.status(), 410);
    assert_eq!(me(&app, &user).await.0["email"], USER);
}
