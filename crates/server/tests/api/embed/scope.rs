//! An embedded session acts in its one account only, with its person's own rights, and never
//! mixed with a cookie.

use super::*;

#[tokio::test]
async fn an_embedded_session_knows_of_its_one_account_only() {
    // Arrange: the administrator of Acme Records is a plain user of Acme Europe.
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let europe = app.account_id(EUROPE).await;
    let session = app.embedded(ADMIN).await;

    // Act
    let accounts = json(get_as(&session, app.url("/accounts")).await).await;
    let me = json(get_as(&session, app.url("/me")).await).await;

    // Assert
    let ids: Vec<i64> = accounts["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [records]);
    let mine: Vec<i64> = me["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert_eq!(mine, [records]);
    assert!(!me.to_string().contains(EUROPE), "{me}");

    // Anything of another account, or telling of one, is not found.
    for path in [
        format!("/accounts/{europe}"),
        format!("/accounts/{europe}/users"),
        format!("/accounts/{europe}/audit"),
        "/me/activity".to_owned(),
        "/me/join-requests".to_owned(),
        format!("/accounts/{records}/embed-keys"),
    ] {
        let res = get_as(&session, app.url(&path)).await;
        assert_eq!(res.status(), 404, "{path}");
        assert_eq!(problem_code(res).await, "request.not_found", "{path}");
    }
    // Its own account is its to use, as the person's rights allow.
    let users = get_as(&session, app.url(&format!("/accounts/{records}/users"))).await;
    assert_eq!(users.status(), 200);
    let settings = get_as(&session, app.url(&format!("/accounts/{records}"))).await;
    assert_eq!(settings.status(), 200);
    assert_eq!(json(settings).await["may_change_policy"], false);
    // But what governs the portal itself is not.
    let made = back_end()
        .post(app.keys_url(records))
        .bearer_auth(&session)
        .json(&json!({"name": "Another"}))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 404);
    let changed = back_end()
        .patch(app.url(&format!("/accounts/{records}")))
        .bearer_auth(&session)
        .header("if-match", "\"1\"")
        .json(&json!({"embedding_origins": ["https://evil.example.com"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 404);
}

#[tokio::test]
async fn a_user_s_page_names_the_embedded_account_alone() {
    // Arrange: the administrator also administers Acme Europe, where a person of both is.
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let europe = app.account_id(EUROPE).await;
    app.make_top_admin(europe, ADMIN).await;
    let shared = app.user_id(DEMO_USER).await;
    let url = app.url(&format!("/accounts/{records}/users/{shared}"));
    let admin = app.signed_in(ADMIN).await;
    let by_cookie = json(get(&admin, url.clone()).await).await;
    assert_eq!(by_cookie["memberships"].as_array().unwrap().len(), 2);

    // Act
    let session = app.embedded(ADMIN).await;
    let embedded = json(get_as(&session, url).await).await;

    // Assert
    let named: Vec<i64> = embedded["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["account_id"].as_i64().unwrap())
        .collect();
    assert_eq!(named, [records]);
    let add = back_end()
        .post(app.url(&format!("/accounts/{records}/users/{shared}/memberships")))
        .bearer_auth(&session)
        .json(&json!({ "accounts": [europe] }))
        .send()
        .await
        .unwrap();
    assert_eq!(add.status(), 404, "memberships name other accounts");
}

#[tokio::test]
async fn an_embedded_session_has_the_person_s_own_rights() {
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let session = app.embedded(DEMO_USER).await;
    let res = get_as(&session, app.url(&format!("/accounts/{records}/users"))).await;
    assert_eq!(res.status(), 403);
    assert_eq!(problem_code(res).await, "authz.not_admin");
    // My details are theirs.
    let me = get_as(&session, app.url("/me")).await;
    assert_eq!(me.status(), 200);
}

#[tokio::test]
async fn an_embedded_session_changes_a_shared_person_as_its_one_account_allows() {
    // Arrange: the administrator is a top administrator of both accounts of a shared person, so
    // by cookie they may change the person; the portal's session is of Acme Records alone.
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let europe = app.account_id(EUROPE).await;
    app.make_top_admin(europe, ADMIN).await;
    let shared = app.shared_plain_users().await.remove(0).id;
    let person = app.url(&format!("/accounts/{records}/users/{shared}"));
    let session = app.embedded(ADMIN).await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "authorization",
        format!("Bearer {session}").parse().unwrap(),
    );
    let portal = Client::builder().default_headers(headers).build().unwrap();

    // Act
    let suspended = portal
        .post(format!("{person}/suspend"))
        .send()
        .await
        .unwrap();
    let edited = app
        .patch_current(&portal, &person, json!({"email": "taken@evil.test"}))
        .await;

    // Assert: refused as for an administrator of Acme Records alone, and nothing changed.
    assert_eq!(suspended.status(), 403);
    assert_eq!(problem_code(suspended).await, "authz.person_shared");
    assert_eq!(edited.status(), 403);
    assert_eq!(problem_code(edited).await, "authz.person_shared");
    let seen = json(get_as(&session, person.clone()).await).await;
    assert_eq!(seen["state"], "active");
    assert_ne!(seen["email"], "taken@evil.test");
    assert_eq!(seen["editable"], false, "{seen}");
    // The same administrator by cookie manages the person in both accounts.
    let admin = app.signed_in(ADMIN).await;
    let by_cookie = admin
        .post(format!("{person}/suspend"))
        .send()
        .await
        .unwrap();
    assert_eq!(by_cookie.status(), 200);
}

#[tokio::test]
async fn a_bearer_is_never_mixed_with_a_cookie() {
    // Arrange
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let europe = app.account_id(EUROPE).await;
    let admin = app.signed_in(ADMIN).await;
    let session = app.embedded(DEMO_USER).await;
    let users = app.url(&format!("/accounts/{records}/users"));

    // A cookie of an administrator and the bearer of a plain user: the bearer alone counts.
    let res = admin
        .get(&users)
        .bearer_auth(&session)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // A bearer that names no session is refused, whatever cookie comes with it.
    let res = admin
        .get(&users)
        .bearer_auth("made-up")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    // Any other scheme of Authorization is no session either, and the cookie is not read.
    let res = admin
        .get(&users)
        .header("authorization", "Basic YWRhOnB3")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    // A page of another origin sending the cookie with a made-up bearer changes nothing.
    let res = admin
        .post(app.url(&format!("/accounts/{europe}/users")))
        .header("origin", "https://evil.example.com")
        .bearer_auth("made-up")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    // And without a bearer the cookie still needs Roster's own origin.
    let res = admin
        .post(&users)
        .header("origin", "https://evil.example.com")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(problem_code(res).await, "request.cross_origin");
    // An embedded session put in a cookie is no cookie session.
    let cookie = format!("roster_session={session}");
    let res = back_end()
        .get(app.url("/me"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}
