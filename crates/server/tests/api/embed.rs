//! Embedding Roster in a portal: the origins that may frame an account's pages, its portal keys,
//! the single-use tokens they mint and the embedded sessions those open, which act in one
//! account only and never by a cookie.
//!
//! The demo gives Acme Records the sample portal's origin and a portal key whose secret is
//! derived from the demo password (`roster_server::demo::portal_secret`).

use crate::helpers::{
    ADMIN, ADMIN_PAGE, DELEGATE, EU_ADMIN, EUROPE, PASSWORD, RECORDS, TestApp, delete, get, json,
    post, problem_code, spawn_app, spawn_app_with,
};
use reqwest::{Client, Response};
use roster_domain::lifecycle::UserState;
use roster_server::demo::{DEMO_EU_OPS, DEMO_PORTAL_ORIGIN, DEMO_USER, portal_secret};
use serde_json::{Value, json};

/// A client as a portal's back end is: no cookie, no Origin.
fn back_end() -> Client {
    Client::new()
}

impl TestApp {
    /// Asks for a token for `user` with the key `secret`.
    pub(crate) async fn mint(&self, secret: &str, user: &str) -> Response {
        back_end()
            .post(self.url("/embed/tokens"))
            .bearer_auth(secret)
            .json(&json!({ "user": user }))
            .send()
            .await
            .unwrap()
    }

    /// Exchanges `token` as an embedded page does (from Roster's own origin, no cookie).
    pub(crate) async fn exchange(&self, token: &str) -> Response {
        self.client()
            .post(self.url("/embed/sessions"))
            .json(&json!({ "token": token }))
            .send()
            .await
            .unwrap()
    }

    /// An embedded session for `user` in Acme Records, through the demo's key.
    pub(crate) async fn embedded(&self, user: &str) -> String {
        let minted = self.mint(&portal_secret(PASSWORD), user).await;
        assert_eq!(minted.status(), 200, "minting for {user}");
        let token = json(minted).await["token"].as_str().unwrap().to_owned();
        let opened = self.exchange(&token).await;
        assert_eq!(opened.status(), 200, "exchanging for {user}");
        json(opened).await["session"].as_str().unwrap().to_owned()
    }

    fn keys_url(&self, account: i64) -> String {
        self.url(&format!("/accounts/{account}/embed-keys"))
    }
}

/// A GET with a bearer, from a client without cookies.
pub(crate) async fn get_as(session: &str, url: String) -> Response {
    back_end()
        .get(url)
        .bearer_auth(session)
        .send()
        .await
        .unwrap()
}

// --- The origins that may frame an account's pages -------------------------------------------

#[tokio::test]
async fn top_administrators_set_the_embedding_origins_in_canonical_form_and_it_is_audited() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let records = app.account_id(RECORDS).await;
    let url = app.url(&format!("/accounts/{records}"));
    let before = json(get(&admin, url.clone()).await).await;
    assert_eq!(before["embedding_origins"], json!([DEMO_PORTAL_ORIGIN]));

    // Act
    let origins = json!(["HTTPS://Portal.Acme.test:443/", "http://127.0.0.1:8081"]);
    let res = app
        .patch_current(&admin, &url, json!({ "embedding_origins": origins }))
        .await;

    // Assert
    assert_eq!(res.status(), 200);
    let after = json(res).await;
    let expected = json!(["https://portal.acme.test", "http://127.0.0.1:8081"]);
    assert_eq!(after["embedding_origins"], expected);
    assert_eq!(after["seats"], before["seats"], "the rest stays");
    let logged = app.audit_entries(&admin, records, "account.updated").await;
    assert_eq!(
        logged[0]["before"]["embedding_origins"],
        json!([DEMO_PORTAL_ORIGIN])
    );
    assert_eq!(logged[0]["after"]["embedding_origins"], expected);
}

#[tokio::test]
async fn each_refused_origin_is_named_by_its_position_and_nothing_is_saved() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let records = app.account_id(RECORDS).await;
    let url = app.url(&format!("/accounts/{records}"));

    // Act
    let origins = json!([
        "https://portal.acme.test",
        "http://portal.acme.test",
        "https://PORTAL.acme.test",
        "https://portal.acme.test/users",
        "http://[::1]:8081",
    ]);
    let res = app
        .patch_current(&admin, &url, json!({ "embedding_origins": origins }))
        .await;

    // Assert
    assert_eq!(res.status(), 422);
    let problem = json(res).await;
    let errors: Vec<(&str, &str)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        errors,
        [
            ("embedding_origins[1]", "embedding_origin.insecure"),
            ("embedding_origins[2]", "embedding_origin.duplicate"),
            ("embedding_origins[3]", "embedding_origin.invalid"),
            ("embedding_origins[4]", "embedding_origin.bracketed_host"),
        ]
    );
    let now = json(get(&admin, url).await).await;
    assert_eq!(now["embedding_origins"], json!([DEMO_PORTAL_ORIGIN]));

    let many: Vec<String> = (0..21).map(|n| format!("https://p{n}.acme.test")).collect();
    let url = app.url(&format!("/accounts/{records}"));
    let res = app
        .patch_current(&admin, &url, json!({ "embedding_origins": many }))
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(problem_code(res).await, "embedding_origin.too_many");
}

#[tokio::test]
async fn only_top_administrators_of_the_account_change_its_embedding_origins() {
    // Arrange
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let europe = app.account_id(EUROPE).await;
    let url = app.url(&format!("/accounts/{records}"));
    let change = json!({ "embedding_origins": ["https://evil.example.com"] });
    let delegate = app.signed_in(DELEGATE).await;
    let user = app.signed_in(DEMO_USER).await;
    let eu_admin = app.signed_in(EU_ADMIN).await;

    // Act
    let by_delegate = app.patch_current(&delegate, &url, change.clone()).await;
    let by_user = crate::helpers::patch(&user, url.clone(), "\"1\"", change.clone())
        .await
        .status();
    let by_other_admin = crate::helpers::patch(&eu_admin, url.clone(), "\"1\"", change.clone())
        .await
        .status();

    // Assert
    assert_eq!(by_delegate.status(), 403);
    assert_eq!(
        problem_code(by_delegate).await,
        "authz.policy_change_not_allowed"
    );
    assert_eq!(by_user, 403);
    assert!(
        [403, 404].contains(&by_other_admin.as_u16()),
        "{by_other_admin}"
    );
    let admin = app.signed_in(ADMIN).await;
    let now = json(get(&admin, url).await).await;
    assert_eq!(now["embedding_origins"], json!([DEMO_PORTAL_ORIGIN]));
    let refusals = app.audit_entries(&admin, records, "refused").await;
    assert!(!refusals.is_empty(), "the delegate's attempt is audited");
    // Europe's own origins are none.
    let eu = json(get(&eu_admin, app.url(&format!("/accounts/{europe}"))).await).await;
    assert_eq!(eu["embedding_origins"], json!([]));
}

// --- Portal keys ------------------------------------------------------------------------------

#[tokio::test]
async fn a_key_s_secret_is_shown_once_and_the_list_tells_who_made_it() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let records = app.account_id(RECORDS).await;

    // Act
    let res = post(
        &admin,
        app.keys_url(records),
        json!({"name": " Customer portal "}),
    )
    .await;

    // Assert
    assert_eq!(res.status(), 201);
    let created = json(res).await;
    assert_eq!(created["name"], "Customer portal");
    let secret = created["secret"].as_str().unwrap();
    assert!(secret.starts_with("rpk_") && secret.len() > 40, "{secret}");
    let list = json(get(&admin, app.keys_url(records)).await).await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "the demo's key and this one");
    assert_eq!(items[0]["id"], created["id"]);
    assert_eq!(items[0]["created_by"]["name"], "Ada Admin");
    assert_eq!(items[0]["last_used_at"], Value::Null);
    assert!(items.iter().all(|k| k.get("secret").is_none()));
    assert!(!list.to_string().contains(secret));
    let logged = app
        .audit_entries(&admin, records, "embed_key.created")
        .await;
    assert_eq!(logged[0]["after"]["name"], "Customer portal");

    // The new key works, and its use shows.
    assert_eq!(app.mint(secret, DEMO_USER).await.status(), 200);
    let list = json(get(&admin, app.keys_url(records)).await).await;
    assert!(list["items"][0]["last_used_at"].is_i64());
}

#[tokio::test]
async fn a_key_needs_a_name() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let records = app.account_id(RECORDS).await;
    for (name, code) in [
        ("  ", "portal_key_name.required"),
        (&*"k".repeat(65), "portal_key_name.too_long"),
        ("a\u{202E}b", "portal_key_name.forbidden_character"),
    ] {
        let res = post(&admin, app.keys_url(records), json!({ "name": name })).await;
        assert_eq!(res.status(), 422, "{name:?}");
        let problem = json(res).await;
        assert_eq!(problem["errors"][0]["field"], "name");
        assert_eq!(problem["code"], code);
    }
}

#[tokio::test]
async fn only_top_administrators_of_the_account_see_make_and_revoke_its_keys() {
    // Arrange
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let europe = app.account_id(EUROPE).await;
    let admin = app.signed_in(ADMIN).await;
    let created = json(post(&admin, app.keys_url(records), json!({"name": "Portal"})).await).await;
    let key_url = format!("{}/{}", app.keys_url(records), created["id"]);
    let delegate = app.signed_in(DELEGATE).await;
    let user = app.signed_in(DEMO_USER).await;
    let eu_admin = app.signed_in(EU_ADMIN).await;

    for (who, client, expected) in [
        ("a delegate with less authority", &delegate, 403),
        ("a plain user", &user, 403),
    ] {
        // Act
        let listed = get(client, app.keys_url(records)).await.status();
        let made = post(client, app.keys_url(records), json!({"name": "Mine"}))
            .await
            .status();
        let revoked = delete(client, key_url.clone()).await.status();

        // Assert
        assert_eq!(listed, expected, "{who} lists");
        assert_eq!(made, expected, "{who} makes");
        assert_eq!(revoked, expected, "{who} revokes");
    }
    // The top administrator of another account: not theirs to see.
    let res = post(&eu_admin, app.keys_url(records), json!({"name": "Mine"})).await;
    assert!([403, 404].contains(&res.status().as_u16()));
    // Nor is a key of this account theirs to revoke from their own.
    let through_europe = format!("{}/{}", app.keys_url(europe), created["id"]);
    assert_eq!(delete(&eu_admin, through_europe).await.status(), 404);

    let list = json(get(&admin, app.keys_url(records)).await).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2, "nothing made");
    let refusals = app.audit_entries(&admin, records, "refused").await;
    assert!(refusals.len() >= 2, "the delegate's attempts are audited");
}

#[tokio::test]
async fn keys_are_made_listed_and_revoked_on_a_database_of_one_connection() {
    // Arrange: an in-memory database lives in one connection, as schemathesis' server has it; a
    // handler that held it while asking for another would wait until the request's deadline.
    let app = spawn_app_with(|config| config.database_url = "sqlite::memory:".into()).await;
    let admin = app.signed_in(ADMIN).await;
    let records = app.account_id(RECORDS).await;

    // Act
    let made = post(&admin, app.keys_url(records), json!({"name": "Portal"})).await;
    let listed = get(&admin, app.keys_url(records)).await.status();
    let id = json(made).await["id"].as_i64().unwrap();
    let revoked = delete(&admin, format!("{}/{id}", app.keys_url(records))).await;

    // Assert
    assert_eq!(listed, 200);
    assert_eq!(revoked.status(), 204);
}

#[tokio::test]
async fn a_revoked_key_mints_nothing_and_its_sessions_end() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let records = app.account_id(RECORDS).await;
    let created = json(post(&admin, app.keys_url(records), json!({"name": "Portal"})).await).await;
    let secret = created["secret"].as_str().unwrap();
    let minted = json(app.mint(secret, DEMO_USER).await).await;
    let session = {
        let token = json(app.mint(secret, DEMO_USER).await).await["token"]
            .as_str()
            .unwrap()
            .to_owned();
        json(app.exchange(&token).await).await["session"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(get_as(&session, app.url("/me")).await.status(), 200);

    // Act
    let key_url = format!("{}/{}", app.keys_url(records), created["id"]);
    let revoked = delete(&admin, key_url.clone()).await;

    // Assert
    assert_eq!(revoked.status(), 204);
    let res = app.mint(secret, DEMO_USER).await;
    assert_eq!(res.status(), 401);
    assert_eq!(problem_code(res).await, "auth.unauthenticated");
    let pending = minted["token"].as_str().unwrap();
    assert_eq!(app.exchange(pending).await.status(), 410, "its tokens stop");
    assert_eq!(get_as(&session, app.url("/me")).await.status(), 401);
    assert_eq!(delete(&admin, key_url).await.status(), 404, "gone");
    let logged = app
        .audit_entries(&admin, records, "embed_key.revoked")
        .await;
    assert_eq!(logged[0]["before"]["name"], "Portal");
    // The demo's key still works.
    assert_eq!(
        app.mint(&portal_secret(PASSWORD), DEMO_USER).await.status(),
        200
    );
}

// --- Tokens and sessions ----------------------------------------------------------------------

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

// --- One account only -------------------------------------------------------------------------

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

// --- The embedded pages' frame-ancestors ------------------------------------------------------

/// The `frame-ancestors` of a page's policy, and its X-Frame-Options.
pub(crate) async fn framing(app: &TestApp, path: &str) -> (String, Option<String>, String) {
    let res = reqwest::get(format!("{}{path}", app.base)).await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    let h = res.headers().clone();
    let policy = h["content-security-policy"].to_str().unwrap().to_owned();
    let ancestors = policy
        .split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix("frame-ancestors "))
        .unwrap_or_else(|| panic!("no frame-ancestors in {policy}"))
        .to_owned();
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{policy}"
    );
    assert!(policy.contains("connect-src 'self'"), "{policy}");
    let frame_options = h
        .get("x-frame-options")
        .map(|v| v.to_str().unwrap().to_owned());
    (ancestors, frame_options, res.text().await.unwrap())
}

#[tokio::test]
async fn only_the_account_s_origins_may_frame_its_embedded_pages() {
    // Arrange
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let europe = app.account_id(EUROPE).await;

    // Act
    let (ancestors, frame_options, page) =
        framing(&app, &format!("/embed/accounts/{records}/users")).await;

    // Assert
    assert_eq!(ancestors, DEMO_PORTAL_ORIGIN);
    assert_eq!(frame_options, None, "X-Frame-Options would forbid it");
    assert_eq!(page, ADMIN_PAGE);
    let (ancestors, ..) = framing(&app, &format!("/embed/accounts/{records}/users/42")).await;
    assert_eq!(ancestors, DEMO_PORTAL_ORIGIN);

    for path in [
        "/sign-in".to_owned(),
        "/".to_owned(),
        format!("/accounts/{records}/users"),
        format!("/embed/accounts/{europe}/users"),
        "/embed/accounts/999999/users".to_owned(),
        "/embed/accounts/x/users".to_owned(),
    ] {
        let (ancestors, frame_options, _) = framing(&app, &path).await;
        assert_eq!(ancestors, "'none'", "{path}");
        assert_eq!(frame_options.as_deref(), Some("DENY"), "{path}");
    }
    let api = reqwest::get(app.url("/health")).await.unwrap();
    let policy = api.headers()["content-security-policy"].to_str().unwrap();
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
}

#[tokio::test]
async fn a_change_of_origins_is_framed_at_once() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let records = app.account_id(RECORDS).await;
    let url = app.url(&format!("/accounts/{records}"));
    let origins = json!([
        "https://portal.acme.test",
        "https://intranet.acme.test:8443"
    ]);
    let res = app
        .patch_current(&admin, &url, json!({ "embedding_origins": origins }))
        .await;
    assert_eq!(res.status(), 200);
    let (ancestors, ..) = framing(&app, &format!("/embed/accounts/{records}/me")).await;
    assert_eq!(
        ancestors,
        "https://portal.acme.test https://intranet.acme.test:8443"
    );
    let res = app
        .patch_current(&admin, &url, json!({ "embedding_origins": [] }))
        .await;
    assert_eq!(res.status(), 200);
    let (ancestors, frame_options, _) =
        framing(&app, &format!("/embed/accounts/{records}/users")).await;
    assert_eq!(ancestors, "'none'");
    assert_eq!(frame_options.as_deref(), Some("DENY"));
}

#[tokio::test]
async fn embed_js_is_served_to_portals_and_posts_to_roster_only() {
    let app = spawn_app().await;
    let res = back_end()
        .get(format!("{}/embed.js", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let header = |name: &str| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    assert_eq!(
        header("content-type").as_deref(),
        Some("text/javascript; charset=utf-8")
    );
    // A portal that isolates itself (COEP) may load it too.
    assert_eq!(
        header("cross-origin-resource-policy").as_deref(),
        Some("cross-origin")
    );
    assert_eq!(header("cache-control").as_deref(), Some("no-cache"));
    let script = res.text().await.unwrap();
    assert!(script.contains("window.Roster = { mount: mount"));
    // Its messages go to Roster's origin, never to any.
    assert!(script.contains("postMessage(message, origin)"));
    assert!(!script.contains("\"*\"") && !script.contains("'*'"));
}

#[tokio::test]
async fn the_sample_portal_mints_tokens_for_its_own_page_only() {
    use roster_server::demo_portal::{PortalConfig, serve};
    let app = spawn_app().await;
    let start = |secret: String| async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let config = PortalConfig::demo(listener.local_addr().unwrap(), app.base.clone(), secret);
        let origin = config.origin.clone();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(serve(listener, config));
        (format!("http://127.0.0.1:{port}/token"), origin)
    };
    let ask = |url: String, origin: Option<String>| async move {
        let mut request = back_end().post(url).json(&json!({ "user": DEMO_USER }));
        if let Some(origin) = origin {
            request = request.header("Origin", origin);
        }
        request.send().await.unwrap()
    };
    let (url, origin) = start(portal_secret(PASSWORD)).await;

    // Its own page gets a token, which opens a session.
    let res = ask(url.clone(), Some(origin)).await;
    assert_eq!(res.status(), 200);
    let token = json(res).await["token"].as_str().unwrap().to_owned();
    assert_eq!(app.exchange(&token).await.status(), 200);

    // Another site's page, or a request of no page, gets nothing.
    let res = ask(url.clone(), Some("http://evil.example".into())).await;
    assert_eq!(res.status(), 403);
    assert_eq!(ask(url, None).await.status(), 403);

    // A portal whose key is not one: Roster's refusal, passed on.
    let (url, origin) = start("rpk_not_a_key".into()).await;
    let res = ask(url, Some(origin)).await;
    assert_eq!(res.status(), 502);
    assert!(res.text().await.unwrap().contains("401"));
}
