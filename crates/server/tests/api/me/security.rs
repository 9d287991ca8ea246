//! The challenge question, the authorization number shown once, and the PIN check an
//! administrator makes: by whoever may manage the person, from no other account, by no lesser
//! delegate.

use super::{USER, me};
use crate::helpers::{
    ADMIN, DELEGATE, EU_ADMIN, PASSWORD, RECORDS, TestApp, json, post, problem_code, spawn_app,
};
use reqwest::Client;
use serde_json::json;

async fn new_number(app: &TestApp, client: &Client, password: &str) -> reqwest::Response {
    post(
        client,
        app.url("/me/authorization-number"),
        json!({"current_password": password}),
    )
    .await
}

async fn check_pin(
    app: &TestApp,
    client: &Client,
    account: i64,
    user: i64,
    pin: &str,
) -> reqwest::Response {
    post(
        client,
        app.url(&format!("/accounts/{account}/users/{user}/pin-check")),
        json!({ "pin": pin }),
    )
    .await
}

#[tokio::test]
async fn a_challenge_needs_the_current_password_and_both_parts() {
    let app = spawn_app().await;
    let user = app.signed_in(USER).await;
    let url = app.url("/me/challenge");
    let body = |password: &str, question: &str, answer: &str| json!({"current_password": password, "question": question, "answer": answer});

    let wrong = user
        .put(&url)
        .json(&body("nope", "Pet?", "Rex"))
        .send()
        .await
        .unwrap();
    let blank = user
        .put(&url)
        .json(&body(PASSWORD, " ", "Rex"))
        .send()
        .await
        .unwrap();
    let long = user
        .put(&url)
        .json(&body(PASSWORD, "Pet?", &"x".repeat(201)))
        .send()
        .await
        .unwrap();
    let set = user
        .put(&url)
        .json(&body(PASSWORD, " First pet? ", "  Rex "))
        .send()
        .await
        .unwrap();

    assert_eq!(
        json(wrong).await["errors"][0]["code"],
        "auth.current_password_wrong"
    );
    assert_eq!(json(blank).await["errors"][0]["field"], "question");
    assert_eq!(
        json(long).await["errors"][0]["code"],
        "me.challenge_too_long"
    );
    assert_eq!(set.status(), 204);
    assert_eq!(me(&app, &user).await.0["challenge_question"], "First pet?");
    let mail = app.mailbox(&user).await;
    assert!(
        mail.iter()
            .any(|e| e["to"] == USER && e["kind"] == "security_details_changed")
    );
}

#[tokio::test]
async fn an_authorization_number_is_shown_once_and_its_pin_checked_by_an_administrator() {
    let app = spawn_app().await;
    let user = app.signed_in(USER).await;
    let admin = app.signed_in(ADMIN).await;
    let records = app.account_id(RECORDS).await;
    let id = app.user_id(USER).await;
    let before = check_pin(&app, &admin, records, id, "1234").await;
    assert_eq!(before.status(), 409);
    assert_eq!(problem_code(before).await, "pin.not_set");

    let wrong = new_number(&app, &user, "not it").await;
    let res = new_number(&app, &user, PASSWORD).await;

    assert_eq!(wrong.status(), 422);
    assert_eq!(res.status(), 200);
    let number = json(res).await["number"].as_str().unwrap().to_owned();
    assert_eq!(number.len(), 10);
    assert!(number.bytes().all(|b| b.is_ascii_digit()));
    let (mine, _) = me(&app, &user).await;
    assert_eq!(mine["has_authorization_number"], true);
    assert!(!mine.to_string().contains(&number), "never shown again");
    let pin = &number[..4];
    let other = format!("{:04}", (pin.parse::<u32>().unwrap() + 1) % 10_000);
    let right = check_pin(&app, &admin, records, id, pin).await;
    let wrong_pin = check_pin(&app, &admin, records, id, &other).await;
    let malformed = check_pin(&app, &admin, records, id, "12a4").await;
    assert_eq!(json(right).await, json!({"matches": true}));
    assert_eq!(json(wrong_pin).await, json!({"matches": false}));
    assert_eq!(problem_code(malformed).await, "pin.invalid");
    let logged = app.audit_entries(&admin, records, "user.pin_checked").await;
    assert_eq!(logged.len(), 2, "each check is logged: {logged:?}");
    // A new number makes the old PIN stop working.
    let renewed = json(new_number(&app, &user, PASSWORD).await).await;
    let new_pin = &renewed["number"].as_str().unwrap()[..4];
    if new_pin != pin {
        let old = check_pin(&app, &admin, records, id, pin).await;
        assert_eq!(json(old).await, json!({"matches": false}));
    }
}

#[tokio::test]
async fn the_pin_check_is_refused_to_other_accounts_lesser_delegates_and_plain_users() {
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let id = app.user_id(USER).await;
    app.give_pin(id, "4821").await;
    // User is in both demo accounts: Acme Europe's administrator is not one of Acme Records,
    // the delegate (records C) is outranked there, and a plain user administers nothing.
    let eu_admin = app.signed_in(EU_ADMIN).await;
    let delegate = app.signed_in(DELEGATE).await;
    let plain = app.signed_in("eu-ops@acme.test").await;

    let europe = app.account_id(crate::helpers::EUROPE).await;
    // Above the delegate's level (records C) in Acme Records: theirs to see, not to manage.
    let top = serde_json::from_value(json!({"records": "E"})).unwrap();
    app.set_authorities(records, id, &top).await;

    let foreign = check_pin(&app, &eu_admin, records, id, "4821").await;
    let through_own = check_pin(&app, &delegate, europe, id, "4821").await;
    let lesser = check_pin(&app, &delegate, records, id, "4821").await;
    let not_admin = check_pin(&app, &plain, records, id, "4821").await;

    assert_eq!(
        foreign.status(),
        404,
        "an administrator of another account only"
    );
    assert_eq!(
        through_own.status(),
        404,
        "an account the delegate is not in"
    );
    assert_eq!(lesser.status(), 403, "a delegate the person outranks here");
    assert_eq!(problem_code(not_admin).await, "authz.not_admin");
}
