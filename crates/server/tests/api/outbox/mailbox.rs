//! The local mailbox: the outbox as each person may read it, while SMTP is not configured and
//! the mailbox is on.

use super::smtp_sink::free_port;
use super::{PATIENT, enqueue, smtp};
use crate::helpers::{PASSWORD, TestApp, json, problem_code, spawn_app, spawn_app_with};
use roster_domain::lifecycle::UserState;
use roster_domain::notify::EmailKind;
use roster_server::outbox::{self, Email};

/// Signed in as `email`, an active member who administers no account.
async fn plain_member(app: &TestApp, email: &str) -> reqwest::Client {
    // Their password is the demo's, so that they can sign in; their address is their
    // username, as for everyone of the demo.
    app.give_demo_password(app.user_id(email).await).await;
    let client = app.client();
    let res = app.sign_in(&client, email, PASSWORD).await;
    assert_eq!(res.status(), 200, "sign-in of {email}");
    client
}
/// Writes an email of `kind` to the person with address `to`, as a change would.
async fn enqueue_to(app: &TestApp, to: &str, subject: &str, kind: EmailKind) -> i64 {
    // Their address is their username, as for everyone of the demo.
    let user = app.user_id(to).await;
    let email = Email {
        to_address: to.into(),
        user_id: Some(user),
        account_id: None,
        kind,
        language: "en".into(),
        text: format!("Text of {subject}.\nZoë says hello."),
        html: format!("<p>HTML of {subject}.</p><p>Zoë says hello.</p>"),
        subject: subject.into(),
    };
    let mut tx = app.db.begin().await.unwrap();
    let id = outbox::enqueue(&mut tx, &app.sealer, &email).await.unwrap();
    tx.commit().await.unwrap();
    id
}

/// The addresses of two active people of Acme Records only (so admin@acme.test manages them
/// everywhere), and of one shared with Acme Europe (where admin@acme.test is a plain user).
async fn people(app: &TestApp) -> (String, String, String) {
    let records = app.account_id("Acme Records").await;
    let only_records = app.plain_users_only_in(records).await;
    let shared = app.people_in(UserState::Active, 2).await;
    let shared = shared.into_iter().find(|p| !p.has_password).unwrap();
    (
        only_records[0].email.clone(),
        only_records[1].email.clone(),
        shared.email,
    )
}

#[tokio::test]
async fn an_administrator_sees_the_emails_of_people_they_manage_everywhere_newest_first() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let (ada, bob, shared) = people(&app).await;
    let first = enqueue_to(&app, &ada, "First", EmailKind::Activation).await;
    let second = enqueue_to(&app, &bob, "Second", EmailKind::PasswordReset).await;
    enqueue_to(&app, &shared, "Not mine", EmailKind::PasswordReset).await;
    enqueue_to(
        &app,
        "eu-admin@acme.test",
        "Not mine either",
        EmailKind::Activation,
    )
    .await;
    enqueue(&app, "nobody@elsewhere.test", "To no user").await;

    let res = admin.get(app.url("/dev/mailbox")).send().await.unwrap();

    assert_eq!(res.status(), 200);
    let items = json(res).await["items"].as_array().unwrap().clone();
    let ids: Vec<i64> = items.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [second, first]);
    assert_eq!(items[1]["to"], ada.as_str());
    assert_eq!(items[1]["kind"], "activation");
    assert_eq!(items[1]["subject"], "First");
    assert_eq!(items[1]["text"], "Text of First.\nZoë says hello.");
    assert_eq!(
        items[1]["html"],
        "<p>HTML of First.</p><p>Zoë says hello.</p>"
    );
    assert!(items[1]["created_at"].as_i64().unwrap() > 1_700_000_000);

    let res = admin
        .get(app.url(&format!("/dev/mailbox?to={}", bob.to_uppercase())))
        .send()
        .await
        .unwrap();
    let items = json(res).await["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], second);
}

#[tokio::test]
async fn everyone_sees_their_own_emails_and_a_join_request_only_its_addressee() {
    let app = spawn_app().await;
    let (ada, _, _) = people(&app).await;
    let reset = enqueue_to(&app, &ada, "Your reset", EmailKind::PasswordReset).await;
    let join = enqueue_to(&app, &ada, "Join us", EmailKind::JoinRequest).await;
    let member = plain_member(&app, &ada).await;
    let admin = app.signed_in("admin@acme.test").await;

    let own: Vec<i64> =
        json(member.get(app.url("/dev/mailbox")).send().await.unwrap()).await["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect();
    let seen: Vec<i64> =
        json(admin.get(app.url("/dev/mailbox")).send().await.unwrap()).await["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect();

    assert_eq!(own, [join, reset], "their own, nobody else's");
    assert!(seen.contains(&reset), "the admin manages them everywhere");
    assert!(!seen.contains(&join), "only they may answer a join request");
    let anonymous = app.client().get(app.url("/dev/mailbox")).send().await;
    assert_eq!(
        problem_code(anonymous.unwrap()).await,
        "auth.unauthenticated"
    );
}

#[tokio::test]
async fn the_mailbox_is_off_unless_asked_for() {
    let app = spawn_app_with(|config| config.mailbox = false).await;
    let admin = app.signed_in("admin@acme.test").await;

    let res = admin.get(app.url("/dev/mailbox")).send().await.unwrap();

    assert_eq!(res.status(), 404);
    assert_eq!(problem_code(res).await, "request.not_found");
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
