//! Invitations and activation: links in the mailbox, single use, expiry, resend and revoke.

use crate::helpers::{TestApp, json, problem_code, spawn_app};
use serde_json::{Value, json};

async fn check(app: &TestApp, token: &str) -> reqwest::Response {
    app.client()
        .post(app.url("/activation/check"))
        .json(&json!({ "token": token }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_invitation_mails_a_single_link_that_a_resend_replaces_and_a_revoke_ends() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let records = app.account_id("Acme Records").await;
    let user = app.staged_user(&admin, "nina.neuer@acme.test").await;
    let url = app.url(&format!("/accounts/{records}/users/{user}/invitation"));

    let res = admin.post(&url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let invited = json(res).await;
    assert_eq!(invited["state"], "invited");
    let sent = app.invitation_sent_at(records, user).await;
    let lifetime = invited["invitation_expires_at"].as_i64().unwrap() - sent;
    assert_eq!(lifetime, 168 * 3600, "the account's invitation lifetime");
    let first = app
        .mailed_token(&admin, "nina.neuer@acme.test", "activate")
        .await;
    let emails = app.mailbox(&admin).await;
    assert!(
        emails.iter().any(|e| e["to"] == "admin@acme.test"
            && e["subject"].as_str().unwrap().contains("Nina Neuer")),
        "the requester's confirmation: {emails:?}"
    );
    assert_eq!(check(&app, &first).await.status(), 200);

    // The database never holds the token readable: not in the tokens (only hashes), nor in the
    // outbox (sealed bodies), nor anywhere else.
    assert_eq!(app.places_holding(&first).await, Vec::<String>::new());
    assert!(
        app.places_holding("nina.neuer@acme.test")
            .await
            .contains(&"outbox.to_address".to_owned()),
        "the scan does find what is stored"
    );

    // A resend, even asked for under another Host (from Roster's own page: the same-origin
    // check reads the Origin, never the Host), mails a link to the configured address, and the
    // first link stops working.
    let res = admin
        .post(&url)
        .header("host", "evil.test")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let second = app
        .mailed_token(&admin, "nina.neuer@acme.test", "activate")
        .await;
    assert_ne!(first, second);
    assert!(
        app.mailbox(&admin)
            .await
            .iter()
            .all(|e| !e["text"].as_str().unwrap().contains("evil.test"))
    );
    let old = check(&app, &first).await;
    assert_eq!(old.status(), 410);
    assert_eq!(problem_code(old).await, "invitation.link_invalid");
    assert_eq!(check(&app, &second).await.status(), 200);

    let res = admin.delete(&url).send().await.unwrap();
    assert_eq!(json(res).await["state"], "staged");
    assert_eq!(check(&app, &second).await.status(), 410);
    let again = admin.delete(&url).send().await.unwrap();
    assert_eq!(again.status(), 409);
}

#[tokio::test]
async fn activation_checks_the_rule_then_uses_the_link_once_and_signs_the_user_in() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let records = app.account_id("Acme Records").await;
    let user = app.staged_user(&admin, "nina.neuer@acme.test").await;
    let url = app.url(&format!("/accounts/{records}/users/{user}/invitation"));
    assert_eq!(admin.post(&url).send().await.unwrap().status(), 200);
    let token = app
        .mailed_token(&admin, "nina.neuer@acme.test", "activate")
        .await;

    let info = json(check(&app, &token).await).await;
    assert_eq!(info["first_name"], "Nina");
    assert_eq!(info["min_password_length"], 12);

    let client = app.client();
    let short = client
        .post(app.url("/activation"))
        .json(&json!({"token": token, "password": "too short"}))
        .send()
        .await
        .unwrap();
    assert_eq!(short.status(), 422);
    assert_eq!(problem_code(short).await, "password.too_short");
    let half = client
        .post(app.url("/activation"))
        .json(&json!({"token": token, "password": "a long enough passphrase", "challenge_question": "First pet?"}))
        .send()
        .await
        .unwrap();
    assert_eq!(problem_code(half).await, "password.challenge_incomplete");

    // Two activations at once: exactly one wins; the link is then used up.
    let body = json!({"token": token, "password": "a long enough passphrase",
        "challenge_question": "First pet?", "challenge_answer": "Rex"});
    let other = app.client();
    let (a, b) = tokio::join!(
        client.post(app.url("/activation")).json(&body).send(),
        other.post(app.url("/activation")).json(&body).send()
    );
    let (a, b) = (a.unwrap().status().as_u16(), b.unwrap().status().as_u16());
    let mut statuses = [a, b];
    statuses.sort();
    assert_eq!(statuses, [200, 410]);
    let winner = if a == 200 { &client } else { &other };
    let me = json(winner.get(app.url("/me")).send().await.unwrap()).await;
    assert_eq!(
        (me["id"].as_i64(), me["must_change_password"].as_bool()),
        (Some(user), Some(false))
    );
    assert_eq!(check(&app, &token).await.status(), 410);

    let fresh = app.client();
    let res = app
        .sign_in(&fresh, "nina.neuer@acme.test", "a long enough passphrase")
        .await;
    assert_eq!(res.status(), 200);
    let detail = json(
        admin
            .get(app.url(&format!("/accounts/{records}/users/{user}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(detail["state"], "active");
    assert_eq!(detail["invitation_expires_at"], Value::Null);
}

#[tokio::test]
async fn expired_and_made_up_links_get_the_same_answer() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let records = app.account_id("Acme Records").await;
    let user = app.staged_user(&admin, "nina.neuer@acme.test").await;
    let url = app.url(&format!("/accounts/{records}/users/{user}/invitation"));
    assert_eq!(admin.post(&url).send().await.unwrap().status(), 200);
    let token = app
        .mailed_token(&admin, "nina.neuer@acme.test", "activate")
        .await;
    app.expire_links_earlier(user, 8 * 24 * 3600).await;
    for bad in [token.as_str(), "made-up", ""] {
        let res = app
            .client()
            .post(app.url("/activation"))
            .json(&json!({"token": bad, "password": "a long enough passphrase"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 410, "{bad}");
        assert_eq!(problem_code(res).await, "invitation.link_invalid");
    }

    // The Invitations page lists it as expired, with the demo's pending and expired ones.
    let list = |status: &str| {
        let url = app.url(&format!("/accounts/{records}/invitations?status={status}"));
        let admin = admin.clone();
        async move { json(admin.get(url).send().await.unwrap()).await }
    };
    let expired = list("expired").await;
    let pending = list("pending").await;
    assert!(
        expired["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == user)
    );
    assert!(
        expired["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["expired"] == true)
    );
    assert!(
        pending["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["expired"] == false)
    );
    assert!(pending["total"].as_i64().unwrap() > 0 && expired["total"].as_i64().unwrap() > 1);
    let bad = admin
        .get(app.url(&format!("/accounts/{records}/invitations?status=old")))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
}
