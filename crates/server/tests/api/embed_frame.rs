//! What the portal's frame shows beyond the administration's pages: My details, for a person who
//! administers nothing, and Import users, for an administrator. Both act with the embedded
//! session, with the person's own rights in the key's account only; their pages are framed by the
//! account's embedding origins alone (the rest of embedding is `embed`'s).

use crate::embed::{framing, get_as};
use crate::helpers::{
    ADMIN, ADMIN_PAGE, EU_ADMIN, EUROPE, IMPORT_PAGE, PASSWORD, RECORDS, TestApp, json, policy,
    problem_code, row, spawn_app,
};
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};
use reqwest::{Client, Response};
use roster_server::demo::{DEMO_PORTAL_ORIGIN, DEMO_USER, portal_secret};
use serde_json::{Value, json};

/// A client that sends `session` as bearer with every request, as the embedded page does, and no
/// cookie.
fn framed(session: &str) -> Client {
    let mut headers = HeaderMap::new();
    let bearer = HeaderValue::from_str(&format!("Bearer {session}")).unwrap();
    headers.insert(AUTHORIZATION, bearer);
    Client::builder().default_headers(headers).build().unwrap()
}

/// My details as `client` reads them, with their ETag.
async fn my_details(app: &TestApp, client: &Client) -> (Value, String) {
    let res = client.get(app.url("/me")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let tag = res.headers()["etag"].to_str().unwrap().to_owned();
    (json(res).await, tag)
}

async fn patch_me(app: &TestApp, client: &Client, tag: &str, body: Value) -> Response {
    client
        .patch(app.url("/me"))
        .header("if-match", tag)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// The ids of the accounts `me` names.
fn accounts_of(me: &Value) -> Vec<i64> {
    me["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect()
}

// --- My details ---------------------------------------------------------------------------------

#[tokio::test]
async fn a_plain_person_keeps_their_own_details_in_the_frame() {
    // Arrange: a plain user of Acme Records (and of Acme Europe), in the frame.
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let frame = framed(&app.embedded(DEMO_USER).await);
    let (before, tag) = my_details(&app, &frame).await;
    assert_eq!(accounts_of(&before), [records]);

    // Act
    let res = patch_me(
        &app,
        &frame,
        &tag,
        json!({"first_name": "Ulla", "phone": "+1 555 0100"}),
    )
    .await;

    // Assert: changed, and the same login outside the frame sees it.
    assert_eq!(res.status(), 200);
    let after = json(res).await;
    assert_eq!(after["first_name"], "Ulla");
    assert_eq!(accounts_of(&after), [records], "{after}");
    let outside = app.signed_in(DEMO_USER).await;
    let seen = json(outside.get(app.url("/me")).send().await.unwrap()).await;
    assert_eq!(seen["first_name"], "Ulla");
    assert_eq!(seen["phone"], after["phone"]);
    // A change on a stale ETag is refused, as outside the frame.
    let stale = patch_me(&app, &frame, &tag, json!({"first_name": "Old"})).await;
    assert_eq!(stale.status(), 412);

    // The sessions, this one among them.
    let sessions = json(frame.get(app.url("/me/sessions")).send().await.unwrap()).await;
    let current: Vec<&Value> = sessions["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["current"] == json!(true))
        .collect();
    assert_eq!(current.len(), 1, "{sessions}");

    // What protects the login is reached, and asks for the current password.
    let email = frame
        .post(app.url("/me/email"))
        .json(&json!({"current_password": "not it", "email": "ulla@acme.test"}))
        .send()
        .await
        .unwrap();
    assert_ne!(email.status(), 404);
    assert!(email.status().is_client_error(), "{}", email.status());
    let challenge = frame
        .put(app.url("/me/challenge"))
        .json(
            &json!({"current_password": PASSWORD, "question": "My first record?",
            "answer": "Kind of Blue"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(challenge.status(), 204);

    // The administration's pages are not theirs: the frame shows them My details.
    let users = get_as(
        &app.embedded(DEMO_USER).await,
        app.url(&format!("/accounts/{records}/users")),
    )
    .await;
    assert_eq!(users.status(), 403);
    assert_eq!(problem_code(users).await, "authz.not_admin");
}

#[tokio::test]
async fn my_details_in_the_frame_reach_no_other_account() {
    // Arrange: Acme Europe makes a portal key of its own; the plain user belongs to both.
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let europe = app.account_id(EUROPE).await;
    app.make_top_admin(europe, EU_ADMIN).await;
    let eu_admin = app.signed_in(EU_ADMIN).await;
    let made = eu_admin
        .post(app.url(&format!("/accounts/{europe}/embed-keys")))
        .json(&json!({"name": "EU portal"}))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 201);
    let eu_secret = json(made).await["secret"].as_str().unwrap().to_owned();
    let minted = app.mint(&eu_secret, DEMO_USER).await;
    assert_eq!(minted.status(), 200);
    let token = json(minted).await["token"].as_str().unwrap().to_owned();
    let opened = json(app.exchange(&token).await).await;
    assert_eq!(opened["account"], europe);
    let eu_frame = framed(opened["session"].as_str().unwrap());
    let records_frame = framed(&app.embedded(DEMO_USER).await);

    // Act & Assert: each frame's My details name its own account alone.
    let (in_europe, _) = my_details(&app, &eu_frame).await;
    assert_eq!(accounts_of(&in_europe), [europe]);
    let (in_records, _) = my_details(&app, &records_frame).await;
    assert_eq!(accounts_of(&in_records), [records]);
    assert!(!in_records.to_string().contains(EUROPE), "{in_records}");

    // Anything of the other account is not found, whichever frame asks.
    for (frame, other) in [(&eu_frame, records), (&records_frame, europe)] {
        for path in [
            format!("/accounts/{other}"),
            format!("/accounts/{other}/users"),
            format!("/accounts/{other}/groups"),
        ] {
            let res = frame.get(app.url(&path)).send().await.unwrap();
            assert_eq!(res.status(), 404, "{path}");
        }
    }
    // The key of one account mints nothing for the other's members.
    let people = app.people().await;
    for (secret, of, not_of) in [
        (portal_secret(PASSWORD), europe, records),
        (eu_secret, records, europe),
    ] {
        let outsider = people
            .iter()
            .find(|p| p.is_member_of(of) && !p.is_member_of(not_of))
            .expect("someone of one account alone");
        let refused = app.mint(&secret, &outsider.email).await;
        assert_eq!(refused.status(), 422, "{}", outsider.email);
        assert_eq!(problem_code(refused).await, "embed.user_not_member");
    }
}

#[tokio::test]
async fn a_lock_of_another_account_s_group_holds_in_the_frame_without_naming_it() {
    // Arrange: a group of Acme Europe keeps the plain user's details read-only.
    let app = spawn_app().await;
    let europe = app.account_id(EUROPE).await;
    app.make_top_admin(europe, EU_ADMIN).await;
    let eu_admin = app.signed_in(EU_ADMIN).await;
    let group = app.new_group(europe, "Locked").await;
    let set = app
        .patch_current(
            &eu_admin,
            &app.group_url(europe, group),
            json!({"policy": policy(12, 60, false)}),
        )
        .await;
    assert_eq!(set.status(), 200);
    app.move_to_group(europe, app.user_id(DEMO_USER).await, group)
        .await;
    let frame = framed(&app.embedded(DEMO_USER).await);

    // Act
    let (me, tag) = my_details(&app, &frame).await;
    let res = patch_me(&app, &frame, &tag, json!({"phone": "+1 555 0100"})).await;

    // Assert: one login, one rule; the frame says why without the other account's name.
    assert_eq!(me["details_locked_by"], json!([]));
    assert_eq!(res.status(), 403);
    let body = res.text().await.unwrap();
    assert!(body.contains("me.details_locked"), "{body}");
    assert!(!body.contains(EUROPE) && !body.contains("Locked"), "{body}");
}

// --- Import users -------------------------------------------------------------------------------

#[tokio::test]
async fn an_administrator_imports_in_the_frame_into_the_key_s_account_only() {
    // Arrange: the administrator of Acme Records is a plain user of Acme Europe.
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let europe = app.account_id(EUROPE).await;
    let frame = framed(&app.embedded(ADMIN).await);
    let rows = || vec![row(1, "framed.import@acme.test", "Framed", json!({}))];

    // Act
    let lookup = frame
        .post(app.url(&format!("/accounts/{records}/imports/lookup")))
        .json(&json!({"usernames": ["framed.import"]}))
        .send()
        .await
        .unwrap();
    let res = app.send_chunk(&frame, records, "frame-1", rows()).await;

    // Assert
    assert_eq!(lookup.status(), 200);
    assert_eq!(res.status(), 200);
    let answer = json(res).await;
    assert_eq!(answer["results"][0]["outcome"], "created", "{answer}");
    let created = answer["results"][0]["user"].as_i64().unwrap();
    assert!(app.is_member(records, created).await);
    // Into another account: not found, though a cookie session of the same person would be
    // refused (403) there.
    let elsewhere = app.send_chunk(&frame, europe, "frame-2", rows()).await;
    assert_eq!(elsewhere.status(), 404);
    assert!(!app.is_member(europe, created).await);
    // A plain person's frame may not import.
    let plain = framed(&app.embedded(DEMO_USER).await);
    let refused = app.send_chunk(&plain, records, "frame-3", rows()).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(problem_code(refused).await, "authz.not_admin");
}

// --- Their pages -------------------------------------------------------------------------------

#[tokio::test]
async fn import_users_and_my_details_are_framed_by_the_account_s_origins_only() {
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let europe = app.account_id(EUROPE).await;

    // Import users: the Import bundle's page, which the account's origins may frame.
    for path in [
        format!("/embed/accounts/{records}/users/import"),
        format!("/embed/accounts/{records}/users/import/"),
    ] {
        let (ancestors, frame_options, page) = framing(&app, &path).await;
        assert_eq!(ancestors, DEMO_PORTAL_ORIGIN, "{path}");
        assert_eq!(frame_options, None, "{path}");
        assert_eq!(page, IMPORT_PAGE, "{path}");
    }
    // My details: the administration bundle's (the people's has no embedded page).
    let (ancestors, frame_options, page) =
        framing(&app, &format!("/embed/accounts/{records}/me")).await;
    assert_eq!(ancestors, DEMO_PORTAL_ORIGIN);
    assert_eq!(frame_options, None);
    assert_eq!(page, ADMIN_PAGE);

    // Another account's, which names no origin, and the pages outside the frame: framed by none.
    for (path, bundle) in [
        (
            format!("/embed/accounts/{europe}/users/import"),
            IMPORT_PAGE,
        ),
        (format!("/embed/accounts/{europe}/me"), ADMIN_PAGE),
        (format!("/accounts/{records}/users/import"), IMPORT_PAGE),
    ] {
        let (ancestors, frame_options, page) = framing(&app, &path).await;
        assert_eq!(ancestors, "'none'", "{path}");
        assert_eq!(frame_options.as_deref(), Some("DENY"), "{path}");
        assert_eq!(page, bundle, "{path}");
    }
    let me = reqwest::get(format!("{}/me", app.base)).await.unwrap();
    let policy = me.headers()["content-security-policy"].to_str().unwrap();
    assert!(policy.ends_with("frame-ancestors 'none'"), "{policy}");
}
