//! Tokens and the sessions they open: single use, a minute at most, for active members of the
//! key's account only, throttled per key; a session ends at its end or when signed out.

use super::*;

#[tokio::test]
async fn a_token_opens_one_session_once_and_no_cookie_is_set() {
    // Arrange
    let app = spawn_app().await;
    let minted = app.mint(&portal_secret(PASSWORD), DEMO_USER).await;
    assert_eq!(minted.status(), 200);
    let minted = json(minted).await;
    assert_eq!(minted["expires_in"], 60);
    let token = minted["token"].as_str().unwrap();

    // Act
    let first = app.exchange(token).await;
    let second = app.exchange(token).await;

    // Assert
    assert_eq!(first.status(), 200);
    assert!(first.headers().get("set-cookie").is_none());
    let opened = json(first).await;
    let records = app.account_id(RECORDS).await;
    assert_eq!(opened["account"], records);
    assert!(opened["expires_at"].as_i64().unwrap() > 0);
    assert_eq!(second.status(), 410);
    assert_eq!(problem_code(second).await, "embed.token_invalid");
    let session = opened["session"].as_str().unwrap();
    let me = json(get_as(session, app.url("/me")).await).await;
    assert_eq!(me["email"], DEMO_USER);
}

#[tokio::test]
async fn a_token_does_not_work_after_a_minute() {
    let app = spawn_app().await;
    let minted = json(app.mint(&portal_secret(PASSWORD), DEMO_USER).await).await;
    app.expire_embed_tokens_earlier(61).await;
    let res = app.exchange(minted["token"].as_str().unwrap()).await;
    assert_eq!(res.status(), 410);
    assert_eq!(problem_code(res).await, "embed.token_invalid");
    for made_up in ["made-up", ""] {
        assert_eq!(app.exchange(made_up).await.status(), 410, "{made_up:?}");
    }
}

#[tokio::test]
async fn tokens_are_minted_only_for_active_members_of_the_key_s_account() {
    // Arrange
    let app = spawn_app().await;
    let secret = portal_secret(PASSWORD);
    let europe = app.account_id(EUROPE).await;
    let records = app.account_id(RECORDS).await;
    let only_in_europe = app
        .people()
        .await
        .into_iter()
        .find(|p| p.is_member_of(europe) && !p.is_member_of(records))
        .expect("someone of Acme Europe alone");
    let suspended = app.user_id(DEMO_EU_OPS).await;
    app.put_in_state(suspended, UserState::Suspended).await;

    for user in [
        only_in_europe.email.as_str(),
        "nobody@acme.test",
        DEMO_EU_OPS,
        "",
    ] {
        // Act
        let res = app.mint(&secret, user).await;

        // Assert: the same answer whether the login exists or not.
        assert_eq!(res.status(), 422, "{user:?}");
        let problem = json(res).await;
        assert_eq!(problem["code"], "embed.user_not_member", "{user:?}");
        assert_eq!(problem["errors"][0]["field"], "user");
    }
    // By username or email, in any case.
    assert_eq!(app.mint(&secret, " USER@acme.test ").await.status(), 200);
}

#[tokio::test]
async fn a_token_stops_working_when_its_person_is_suspended_before_it_is_used() {
    // Arrange
    let app = spawn_app().await;
    let minted = json(app.mint(&portal_secret(PASSWORD), DEMO_USER).await).await;
    let person = app.user_id(DEMO_USER).await;
    app.put_in_state(person, UserState::Suspended).await;

    // Act
    let res = app.exchange(minted["token"].as_str().unwrap()).await;

    // Assert
    assert_eq!(res.status(), 410);
    assert_eq!(problem_code(res).await, "embed.token_invalid");
}

#[tokio::test]
async fn without_a_key_nothing_is_minted() {
    let app = spawn_app().await;
    let body = json!({ "user": DEMO_USER });
    let url = app.url("/embed/tokens");
    let bare = back_end().post(&url).json(&body).send().await.unwrap();
    assert_eq!(
        bare.status(),
        403,
        "no key and no origin: refused as cross-origin"
    );
    for secret in ["rpk_made-up", "Basic abc"] {
        let res = back_end()
            .post(&url)
            .bearer_auth(secret)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401, "{secret}");
    }
    // A session's own cookie is no key.
    let admin = app.signed_in(ADMIN).await;
    assert_eq!(post(&admin, url, body).await.status(), 401);
}

#[tokio::test]
async fn a_key_mints_a_burst_then_is_throttled() {
    let app = spawn_app().await;
    let secret = portal_secret(PASSWORD);
    let mut refused = None;
    // A burst of 60 (`throttle::EMBED_TOKEN_BURST`), then two a second.
    for n in 0..=60 {
        let res = app.mint(&secret, DEMO_USER).await;
        if res.status() == 429 {
            refused = Some((n, res));
            break;
        }
        assert_eq!(res.status(), 200);
    }
    let (n, res) = refused.expect("throttled after the burst");
    assert!(n >= 59, "after {n}");
    assert!(res.headers().contains_key("retry-after"));
    assert_eq!(problem_code(res).await, "auth.throttled");
    // Another key is not slowed by this one.
    let admin = app.signed_in(ADMIN).await;
    let records = app.account_id(RECORDS).await;
    let other = json(post(&admin, app.keys_url(records), json!({"name": "Other"})).await).await;
    let other = other["secret"].as_str().unwrap();
    assert_eq!(app.mint(other, DEMO_USER).await.status(), 200);
}

#[tokio::test]
async fn an_embedded_session_ends_at_its_end() {
    let app = spawn_app().await;
    let session = app.embedded(DEMO_USER).await;
    assert_eq!(get_as(&session, app.url("/me")).await.status(), 200);
    app.expire_embedded_sessions_earlier(3600).await;
    let res = get_as(&session, app.url("/me")).await;
    assert_eq!(res.status(), 401);
    assert_eq!(problem_code(res).await, "auth.unauthenticated");
}

#[tokio::test]
async fn an_embedded_session_ends_when_it_is_signed_out_without_a_cookie() {
    let app = spawn_app().await;
    let session = app.embedded(DEMO_USER).await;
    let res = back_end()
        .delete(app.url("/session"))
        .bearer_auth(&session)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert!(res.headers().get("set-cookie").is_none());
    assert_eq!(get_as(&session, app.url("/me")).await.status(), 401);

    // Ending it from the list of my sessions, likewise.
    let session = app.embedded(DEMO_USER).await;
    let mine = json(get_as(&session, app.url("/me/sessions")).await).await;
    let here = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["current"] == true)
        .expect("this session is listed")["id"]
        .clone();
    let res = back_end()
        .delete(app.url(&format!("/me/sessions/{here}")))
        .bearer_auth(&session)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert!(res.headers().get("set-cookie").is_none());
    assert_eq!(get_as(&session, app.url("/me")).await.status(), 401);
}
