//! Portal keys: made, listed and revoked by the account's top administrators only; a secret
//! shown once; a revoked key mints nothing.

use super::*;

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
