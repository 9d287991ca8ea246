//! The local mailbox: the outbox as administrators read it while SMTP is not configured.

use super::{PATIENT, enqueue, smtp};
use crate::helpers::{PASSWORD, TestApp, problem_code, spawn_app, spawn_app_with};
use crate::outbox::smtp_sink::free_port;
use crate::users::json;

/// Signed in as an active member who administers no account.
async fn plain_member(app: &TestApp) -> reqwest::Client {
    let (email,): (String,) = sqlx::query_as(
        "SELECT email FROM users u WHERE state = 'active' AND password_hash IS NULL
           AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND role = 'admin')
         LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    // Their password is the demo's, so that they can sign in.
    sqlx::query(
        "UPDATE users SET password_hash = (SELECT password_hash FROM users
                                           WHERE email = 'admin@acme.test')
         WHERE email = ?1",
    )
    .bind(&email)
    .execute(&app.db)
    .await
    .unwrap();
    let client = app.client();
    let res = app.sign_in(&client, &email, PASSWORD).await;
    assert_eq!(res.status(), 200, "sign-in of {email}");
    client
}
#[tokio::test]
async fn the_mailbox_shows_the_outbox_newest_first_to_an_administrator() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let first = enqueue(&app, "ada@acme.test", "First").await;
    let second = enqueue(&app, "bob@acme.test", "Second").await;

    let res = admin.get(app.url("/dev/mailbox")).send().await.unwrap();

    assert_eq!(res.status(), 200);
    let items = json(res).await["items"].as_array().unwrap().clone();
    let ids: Vec<i64> = items.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [second, first]);
    assert_eq!(items[1]["to"], "ada@acme.test");
    assert_eq!(items[1]["kind"], "activation");
    assert_eq!(items[1]["subject"], "First");
    assert_eq!(items[1]["text"], "Text of First.\nZoë says hello.");
    assert_eq!(
        items[1]["html"],
        "<p>HTML of First.</p><p>Zoë says hello.</p>"
    );
    assert!(items[1]["created_at"].as_i64().unwrap() > 1_700_000_000);

    let res = admin
        .get(app.url("/dev/mailbox?to=BOB@acme.test"))
        .send()
        .await
        .unwrap();
    let items = json(res).await["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], second);
}

#[tokio::test]
async fn the_mailbox_is_for_administrators_only() {
    let app = spawn_app().await;
    enqueue(&app, "ada@acme.test", "Secret link").await;

    let anonymous = app.client().get(app.url("/dev/mailbox")).send().await;
    let member = plain_member(&app).await;
    let plain = member.get(app.url("/dev/mailbox")).send().await;

    assert_eq!(
        problem_code(anonymous.unwrap()).await,
        "auth.unauthenticated"
    );
    let plain = plain.unwrap();
    assert_eq!(plain.status(), 403);
    assert_eq!(problem_code(plain).await, "authz.not_admin");
}

#[tokio::test]
async fn the_mailbox_is_not_found_when_smtp_is_configured() {
    let app = spawn_app_with(smtp(free_port(), PATIENT)).await;
    let admin = app.signed_in("admin@acme.test").await;

    for client in [admin, app.client()] {
        let res = client.get(app.url("/dev/mailbox")).send().await.unwrap();
        assert_eq!(res.status(), 404);
        assert_eq!(problem_code(res).await, "request.not_found");
    }
}
