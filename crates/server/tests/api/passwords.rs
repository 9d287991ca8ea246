//! Temporary passwords, changing one's own, and forgotten passwords.

use crate::helpers::{json, problem_code, spawn_app};
use serde_json::json;

#[tokio::test]
async fn a_temporary_password_opens_only_the_password_change_until_it_is_replaced() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let records = app.account_id("Acme Records").await;
    let user = app.staged_user(&admin, "tina.temp@acme.test").await;
    let url = app.url(&format!(
        "/accounts/{records}/users/{user}/temporary-password"
    ));
    let before = app.mailbox(&admin).await.len();

    let res = admin.post(&url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let temporary = json(res).await["password"].as_str().unwrap().to_owned();
    assert!(temporary.chars().count() >= 16);
    let emails = app.mailbox(&admin).await;
    assert_eq!(emails.len(), before, "a temporary password is never mailed");

    let first = app.client();
    let signed = app.sign_in(&first, "tina.temp@acme.test", &temporary).await;
    assert_eq!(signed.status(), 200);
    assert_eq!(json(signed).await["must_change_password"], true);
    let second = app.client();
    assert_eq!(
        app.sign_in(&second, "tina.temp@acme.test", &temporary)
            .await
            .status(),
        200
    );
    for path in ["/me", "/accounts"] {
        let res = first.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 403, "{path}");
        assert_eq!(problem_code(res).await, "auth.password_change_required");
    }

    let change = |current: &str, new: &str| {
        first
            .post(app.url("/me/password"))
            .json(&json!({"current_password": current, "new_password": new}))
            .send()
    };
    let same = change(&temporary, &temporary).await.unwrap();
    assert_eq!(problem_code(same).await, "password.same_as_current");
    let wrong = change("not it at all", "a brand new passphrase")
        .await
        .unwrap();
    assert_eq!(problem_code(wrong).await, "auth.current_password_wrong");
    let short = change(&temporary, "short").await.unwrap();
    assert_eq!(problem_code(short).await, "password.too_short");
    let done = change(&temporary, "a brand new passphrase").await.unwrap();
    assert_eq!(done.status(), 204);

    // This session goes on, the other one ended, and the user was told by email.
    let me = json(first.get(app.url("/me")).send().await.unwrap()).await;
    assert_eq!(me["must_change_password"], false);
    let own = app.mailbox(&first).await;
    assert!(
        !own.is_empty() && own.iter().all(|e| e["to"] == "tina.temp@acme.test"),
        "a plain user's mailbox holds their own emails only: {own:?}"
    );
    assert_eq!(
        second.get(app.url("/me")).send().await.unwrap().status(),
        401
    );
    assert!(
        app.mailbox(&admin)
            .await
            .iter()
            .any(|e| e["to"] == "tina.temp@acme.test"
                && e["subject"].as_str().unwrap().contains("password"))
    );
    let fresh = app.client();
    let old = app.sign_in(&fresh, "tina.temp@acme.test", &temporary).await;
    assert_eq!(old.status(), 401);
}

#[tokio::test]
async fn a_forgotten_password_is_reset_once_by_link_and_every_session_ends() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let delegate = app.signed_in("delegate@acme.test").await;

    let ask = |email: &str| {
        app.client()
            .post(app.url("/password-reset"))
            .json(&json!({ "email": email }))
            .send()
    };
    let unknown = ask("nobody@nowhere.test").await.unwrap();
    let known = ask("Delegate@Acme.test").await.unwrap();
    assert_eq!(
        (unknown.status().as_u16(), known.status().as_u16()),
        (202, 202)
    );
    assert_eq!(unknown.text().await.unwrap(), known.text().await.unwrap());
    let token = app
        .mailed_token(&admin, "delegate@acme.test", "reset-password")
        .await;
    assert_eq!(app.places_holding(&token).await, Vec::<String>::new());

    let check = app
        .client()
        .post(app.url("/password-reset/check"))
        .json(&json!({ "token": token }))
        .send()
        .await
        .unwrap();
    assert_eq!(json(check).await["username"], "delegate@acme.test");
    let complete = |password: &str| {
        app.client()
            .post(app.url("/password-reset/complete"))
            .json(&json!({ "token": token, "password": password }))
            .send()
    };
    let short = complete("short").await.unwrap();
    assert_eq!(problem_code(short).await, "password.too_short");
    assert_eq!(complete("a reset passphrase").await.unwrap().status(), 204);
    let again = complete("another reset passphrase").await.unwrap();
    assert_eq!(again.status(), 410);
    assert_eq!(problem_code(again).await, "password_reset.link_invalid");

    // Not signed in by the reset; the old session is over; the new password works.
    assert_eq!(
        delegate.get(app.url("/me")).send().await.unwrap().status(),
        401
    );
    let fresh = app.client();
    let res = app
        .sign_in(&fresh, "delegate@acme.test", "a reset passphrase")
        .await;
    assert_eq!(res.status(), 200);
    let told = app
        .mailbox(&admin)
        .await
        .iter()
        .filter(|e| e["to"] == "delegate@acme.test")
        .count();
    assert_eq!(told, 2, "the link, then the notice of the change");
}

/// No such login, or one of another account only: 404 either way, before anything is read of
/// them (schemathesis found user 0 answered 500 by the password rule's lookups).
#[tokio::test]
async fn a_temporary_password_for_no_member_of_the_account_is_not_found() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let records = app.account_id("Acme Records").await;
    let eu = app.signed_in("eu-admin@acme.test").await;
    let outsider = app.staged_user(&admin, "only.records@acme.test").await;
    let europe = app.account_id("Acme Europe").await;
    for (client, account, user) in [
        (&admin, records, 0),
        (&admin, records, 987_654),
        (&eu, europe, outsider),
    ] {
        let res = client
            .post(app.url(&format!(
                "/accounts/{account}/users/{user}/temporary-password"
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{account} {user}");
        assert_eq!(problem_code(res).await, "request.not_found");
    }
}
