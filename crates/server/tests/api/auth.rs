//! Signing in and out, no lockout, the same-origin guard, and the shape of every refusal.

use crate::helpers::{PASSWORD, get, json, problem_code, spawn_app};
use roster_server::demo::{self, DemoPassword};
use serde_json::{Value, json};

#[tokio::test]
async fn the_demo_admin_signs_in_and_sees_their_accounts() {
    let app = spawn_app().await;
    let client = app.client();

    let res = app.sign_in(&client, "ADMIN@acme.test", PASSWORD).await;
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let me: Value = client
        .get(app.url("/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["username"], "admin@acme.test");
    let accounts: Value = client
        .get(app.url("/accounts"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let items = accounts["items"].as_array().unwrap();
    let names: Vec<_> = items
        .iter()
        .map(|a| (a["name"].as_str().unwrap(), a["role"].as_str().unwrap()))
        .collect();
    assert_eq!(names, [("Acme Europe", "user"), ("Acme Records", "admin")]);
    let records = &items[1];
    assert_eq!(records["seats"], 25);
    let used = records["seats_used"].as_i64().unwrap();
    assert!(used > 0 && used <= 25, "seats used {used}");
}

#[tokio::test]
async fn an_unknown_user_and_a_wrong_password_get_the_very_same_answer() {
    let app = spawn_app().await;
    let client = app.client();

    let unknown = app.sign_in(&client, "nobody@acme.test", PASSWORD).await;
    let wrong = app
        .sign_in(&client, "admin@acme.test", "not the password")
        .await;

    assert_eq!(
        (unknown.status().as_u16(), wrong.status().as_u16()),
        (401, 401)
    );
    let (a, b) = (unknown.text().await.unwrap(), wrong.text().await.unwrap());
    assert_eq!(a, b);
    assert!(a.contains("auth.invalid_credentials"));
}

#[tokio::test]
async fn failed_sign_ins_never_lock_the_user_nor_end_their_sessions() {
    let app = spawn_app().await;
    let owner = app.signed_in("delegate@acme.test").await;
    let client = app.client();
    for _ in 0..6 {
        let res = app.sign_in(&client, "delegate@acme.test", "guess").await;
        assert_eq!(res.status(), 401);
        assert_eq!(problem_code(res).await, "auth.invalid_credentials");
    }

    let res = app.sign_in(&client, "delegate@acme.test", PASSWORD).await;

    assert_eq!(res.status(), 200);
    let delegate = app.user_id("delegate@acme.test").await;
    assert_eq!(app.state_of(delegate).await.as_str(), "active");
    let me = owner.get(app.url("/me")).send().await.unwrap();
    assert_eq!(me.status(), 200, "the owner's session goes on");
}

#[tokio::test]
async fn a_locked_login_answers_a_wrong_password_as_any_other_login() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    // The demo has logins locked before failures stopped locking, their locks still running.
    let records = app.account_id("Acme Records").await;
    let url = app.url(&format!("/accounts/{records}/users?state=locked"));
    let locked = json(get(&admin, url).await).await;
    let username = locked["items"][0]["username"].as_str().unwrap().to_owned();
    let client = app.client();

    let res = app.sign_in(&client, &username, "guess").await;

    assert_eq!(res.status(), 401);
    assert_eq!(problem_code(res).await, "auth.invalid_credentials");
}

#[tokio::test]
async fn starting_the_demo_again_gives_its_sign_ins_the_password_printed() {
    let app = spawn_app().await;
    let client = app.client();
    for _ in 0..5 {
        app.sign_in(&client, "admin@acme.test", "guess").await;
    }
    let sign_ins = [
        "admin@acme.test",
        "delegate@acme.test",
        "eu-admin@acme.test",
        "eu-ops@acme.test",
        "user@acme.test",
    ];
    let before = app.logins_besides(&sign_ins).await;
    let again = DemoPassword {
        password: "a new demo password".into(),
        generated: true,
    };

    demo::seed(&app.db, &again).await.unwrap();

    for user in sign_ins {
        let res = app.sign_in(&client, user, "a new demo password").await;
        assert_eq!(
            res.status(),
            200,
            "{user} signs in with the password printed"
        );
        let res = app.sign_in(&client, user, PASSWORD).await;
        assert_eq!(res.status(), 401, "{user}: the old password is gone");
    }
    let (accounts, members) = (app.account_count().await, app.membership_count().await);
    assert_eq!(accounts, 2, "the demo is not seeded twice");
    assert!(members > 100, "the people stay: {members}");
    let after = app.logins_besides(&sign_ins).await;
    assert_eq!(after, before, "nobody else changed");
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = spawn_app().await;
    let client = app.signed_in("admin@acme.test").await;

    let res = client.delete(app.url("/session")).send().await.unwrap();
    assert_eq!(res.status(), 204);

    let res = client.get(app.url("/me")).send().await.unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(problem_code(res).await, "auth.unauthenticated");
}

#[tokio::test]
async fn an_unsafe_request_from_a_foreign_origin_is_refused() {
    let app = spawn_app().await;
    let plain = reqwest::Client::new();
    let body = json!({ "username": "admin@acme.test", "password": PASSWORD });

    let foreign = plain
        .post(app.url("/session"))
        .header("origin", "https://evil.example")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), 403);
    assert_eq!(problem_code(foreign).await, "request.cross_origin");

    let cross_site = plain
        .post(app.url("/session"))
        .header("sec-fetch-site", "cross-site")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), 403);

    let same_site = plain
        .post(app.url("/session"))
        .header("sec-fetch-site", "same-origin")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(same_site.status(), 200);
}

#[tokio::test]
async fn malformed_json_unknown_fields_and_wrong_types_answer_problem_json() {
    let app = spawn_app().await;
    let client = app.client();
    let send = |body: &'static str| {
        client
            .post(app.url("/session"))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };

    let res = send("{\"username\": ").await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(problem_code(res).await, "request.malformed_json");

    let res = send(r#"{"username": "a", "password": "b", "admin": true}"#)
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "admin");
    assert_eq!(body["errors"][0]["code"], "request.unknown_field");

    let res = send(r#"{"username": 42, "password": "b"}"#).await.unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "username");

    let res = client
        .post(app.url("/session"))
        .body("username=a")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 415);
}

#[tokio::test]
async fn anything_of_an_account_i_do_not_belong_to_is_not_found() {
    let app = spawn_app().await;
    let delegate = app.signed_in("delegate@acme.test").await;
    let accounts: Value = delegate
        .get(app.url("/accounts"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        accounts["items"].as_array().unwrap().len(),
        1,
        "the delegate is only in Acme Records"
    );
    let europe = app.account_id("Acme Europe").await;

    let foreign = delegate
        .get(app.url(&format!("/accounts/{europe}/audit")))
        .send()
        .await
        .unwrap();
    let missing = delegate
        .get(app.url("/accounts/999999/audit"))
        .send()
        .await
        .unwrap();

    assert_eq!(
        (foreign.status().as_u16(), missing.status().as_u16()),
        (404, 404)
    );
    assert_eq!(foreign.text().await.unwrap(), missing.text().await.unwrap());
}
