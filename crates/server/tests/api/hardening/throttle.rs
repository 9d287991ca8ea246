//! Guessing is throttled, per address and per login, and never locks; guessable passwords are
//! refused.

use super::{client_from, outcome, sign_in};
use crate::helpers::{ADMIN, PASSWORD, TestApp, spawn_app};
use reqwest::Client;
use serde_json::{Value, json};
use std::time::Duration;

#[tokio::test]
async fn a_spray_from_one_address_is_throttled_and_the_owner_still_signs_in() {
    let app = spawn_app().await;
    let owner = client_from(&app, 2);
    assert_eq!(sign_in(&app, &owner, ADMIN, PASSWORD).await.status(), 200);

    // 130 logins, known and unknown, from one address, as in the report.
    let attacker = client_from(&app, 7);
    let mut throttled = None;
    for n in 0..130 {
        let login = if n % 2 == 0 {
            ADMIN.to_owned()
        } else {
            format!("user{n}@acme.test")
        };
        let (status, code, retry) = outcome(sign_in(&app, &attacker, &login, "guess").await).await;
        if status == 429 {
            assert_eq!(code, "auth.throttled");
            throttled = Some((n, retry));
            break;
        }
        assert_eq!((status, code.as_str()), (401, "auth.invalid_credentials"));
    }
    let (n, retry) = throttled.expect("no 429 in 130 attempts from one address");
    assert_eq!(n, 20, "throttled after its burst");
    assert!(
        retry.is_some_and(|s| (1..=6).contains(&s)),
        "Retry-After {retry:?}"
    );

    // The owner's session goes on, and they sign in again from their own address at once.
    let me = owner.get(app.url("/me")).send().await.unwrap();
    assert_eq!(me.status(), 200, "the owner's session was ended");
    let again = sign_in(&app, &client_from(&app, 3), ADMIN, PASSWORD).await;
    assert_eq!(again.status(), 200);
}

/// Sprays wrong sign-ins from `client`, each request claiming `forwarded` as the client's
/// address; the attempt that was throttled, if any.
async fn spray(app: &TestApp, client: &Client, forwarded: impl Fn(u32) -> String) -> Option<u32> {
    for n in 0..25 {
        let res = client
            .post(app.url("/session"))
            .header("x-forwarded-for", forwarded(n))
            .json(&json!({ "username": format!("user{n}@acme.test"), "password": "guess" }))
            .send()
            .await
            .unwrap();
        if res.status() == 429 {
            return Some(n);
        }
    }
    None
}

#[tokio::test]
async fn behind_a_proxy_the_forwarded_address_is_throttled_and_not_the_proxy() {
    let app = crate::helpers::spawn_app_with(|config| config.behind_proxy = true).await;
    let proxy = client_from(&app, 8);
    // What the proxy appends is the client; what the client wrote before it counts for nothing.
    let throttled = spray(&app, &proxy, |n| format!("198.51.100.{n}, 203.0.113.7")).await;
    assert_eq!(throttled, Some(20));
    let other = proxy
        .post(app.url("/session"))
        .header("x-forwarded-for", "203.0.113.8")
        .json(&json!({ "username": ADMIN, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 200, "another client of the same proxy");
}

#[tokio::test]
async fn without_a_proxy_a_forged_forwarded_address_escapes_nothing() {
    let app = spawn_app().await;
    let client = client_from(&app, 9);
    let throttled = spray(&app, &client, |n| format!("203.0.113.{n}")).await;
    assert_eq!(throttled, Some(20));
}

#[tokio::test]
async fn known_and_unknown_logins_are_throttled_alike_and_never_locked() {
    let app = spawn_app().await;
    // From many addresses, each trying once: only the login's own limit applies.
    let mut answers = Vec::new();
    for login in [ADMIN, "nobody-at-all@acme.test"] {
        let mut seen = Vec::new();
        for n in 0..31u8 {
            let client = client_from(&app, 10 + n);
            let (status, code, _) = outcome(sign_in(&app, &client, login, "guess").await).await;
            seen.push((status, code));
        }
        answers.push(seen);
    }
    assert_eq!(
        answers[0], answers[1],
        "a known login behaves as an unknown one"
    );
    assert!(
        answers[0][..30]
            .iter()
            .all(|(s, c)| (*s, c.as_str()) == (401, "auth.invalid_credentials"))
    );
    assert_eq!(answers[0][30].0, 429);
    // Nothing was locked: within the login's interval, the owner is in.
    tokio::time::sleep(Duration::from_secs(15)).await;
    let owner = sign_in(&app, &client_from(&app, 200), ADMIN, PASSWORD).await;
    assert_eq!(owner.status(), 200);
}

#[tokio::test]
async fn guessing_the_current_password_is_throttled() {
    let app = spawn_app().await;
    let me = client_from(&app, 4);
    assert_eq!(sign_in(&app, &me, ADMIN, PASSWORD).await.status(), 200);
    let mut statuses = Vec::new();
    for _ in 0..21 {
        let res = me
            .post(app.url("/me/password"))
            .json(&json!({ "current_password": "guess", "new_password": "a brand new secret" }))
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
    }
    // Signing in took one of the address's 20; the guesses take the rest.
    assert!(statuses[..19].iter().all(|s| *s == 422), "{statuses:?}");
    assert_eq!(statuses[19..], [429, 429], "{statuses:?}");
}

#[tokio::test]
async fn reset_emails_to_one_address_are_throttled() {
    let app = spawn_app().await;
    let client = client_from(&app, 5);
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let res = client
            .post(app.url("/password-reset"))
            .json(&json!({ "email": ADMIN }))
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
    }
    assert_eq!(statuses[..3], [202, 202, 202], "{statuses:?}");
    assert_eq!(statuses[3], 429);
}

#[tokio::test]
async fn common_personal_and_patterned_passwords_are_refused() {
    let app = spawn_app().await;
    let me = client_from(&app, 6);
    assert_eq!(sign_in(&app, &me, ADMIN, PASSWORD).await.status(), 200);
    for (new, code) in [
        ("password1234", "password.common"),
        ("PassWord1234", "password.common"),
        ("Qwerty123321", "password.common"),
        ("admin@acme.test", "password.personal"),
        ("aaaaaaaaaaaa", "password.pattern"),
        ("123456789012", "password.pattern"),
    ] {
        let res = me
            .post(app.url("/me/password"))
            .json(&json!({ "current_password": PASSWORD, "new_password": new }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "{new}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["errors"][0]["field"], "new_password", "{new}");
        assert_eq!(body["errors"][0]["code"], code, "{new}");
    }
    let res = me
        .post(app.url("/me/password"))
        .json(&json!({ "current_password": PASSWORD, "new_password": "violet kettle harbour" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
}
