//! Users: search, create, read, update with ETags, state actions, deleting, and other accounts.

use crate::helpers::{PASSWORD, json, problem_code, spawn_app};
use serde_json::{Value, json};

#[tokio::test]
async fn an_admin_adds_a_user_after_correcting_an_invalid_field() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let records = app.account_id("Acme Records").await;
    let url = app.url(&format!("/accounts/{records}/users"));

    let res = admin
        .post(&url)
        .json(&json!({"email": "new.person@", "first_name": "", "last_name": "Person", "phone": "12"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = json(res).await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["email", "first_name", "phone"]);

    let res = admin
        .post(&url)
        .json(&json!({"email": "new.person@acme.test", "first_name": "Nouveau", "last_name": "Person", "phone": "+33 6 12 34 56 78"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    assert!(res.headers().contains_key("etag"));
    let user = json(res).await;
    assert_eq!(
        (user["state"].as_str(), user["username"].as_str()),
        (Some("staged"), Some("new.person@acme.test"))
    );
    assert_eq!(user["phone"], "+33612345678");
    assert_eq!(user["group_name"], "Default");
}

#[tokio::test]
async fn an_email_outside_the_approved_domains_is_refused() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let records = app.account_id("Acme Records").await;

    let res = admin
        .post(app.url(&format!("/accounts/{records}/users")))
        .json(&json!({"email": "someone@elsewhere.test", "first_name": "Some", "last_name": "One"}))
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 422);
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["code"], "domain.not_approved");
    // The field says which domains the account approves.
    assert_eq!(problem["errors"][0]["field"], "email");
    assert_eq!(problem["errors"][0]["allowed"], json!(["acme.test"]));
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .ends_with("(acme.test)"),
        "{problem}"
    );
}

#[tokio::test]
async fn a_login_of_accounts_i_do_not_manage_is_asked_and_added_once_it_accepts() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let records = app.account_id("Acme Records").await;
    let url = app.url(&format!("/accounts/{records}/users"));
    let body = json!({"email": "eu-admin@acme.test", "first_name": "Eva", "last_name": "Europa"});

    let first = admin.post(&url).json(&body).send().await.unwrap();
    assert_eq!(first.status(), 202, "Acme Europe is not admin@acme.test's");
    let answer = json(first).await;
    assert_eq!(answer["join_request"]["email"], "eu-admin@acme.test");
    assert!(answer.get("id").is_none() && answer.get("first_name").is_none());

    app.accept_join("eu-admin@acme.test").await;
    let again = admin.post(&url).json(&body).send().await.unwrap();
    assert_eq!(again.status(), 409);
    assert_eq!(problem_code(again).await, "user.already_member");
}

#[tokio::test]
async fn updates_need_the_current_etag_and_one_of_two_racing_updates_wins() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let records = app.account_id("Acme Records").await;
    let target = app.user_id("delegate@acme.test").await;
    let url = app.url(&format!("/accounts/{records}/users/{target}"));
    let res = admin.get(&url).send().await.unwrap();
    let tag = res.headers()["etag"].to_str().unwrap().to_owned();

    let missing = admin
        .patch(&url)
        .json(&json!({"first_name": "Dora"}))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 428);
    let (first, second) = tokio::join!(
        admin
            .patch(&url)
            .header("if-match", &tag)
            .json(&json!({"first_name": "Dora"}))
            .send(),
        admin
            .patch(&url)
            .header("if-match", &tag)
            .json(&json!({"first_name": "Dana"}))
            .send(),
    );
    let (first, second) = (first.unwrap(), second.unwrap());

    let mut statuses = [first.status().as_u16(), second.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 412]);
    let (winner, loser) = if first.status() == 200 {
        (first, second)
    } else {
        (second, first)
    };
    assert_eq!(problem_code(loser).await, "request.stale");
    let won = json(winner).await["first_name"].clone();
    let now = json(admin.get(&url).send().await.unwrap()).await;
    assert_eq!(now["first_name"], won);
    // The search index follows the change.
    let name = won.as_str().unwrap().to_lowercase();
    let found = json(
        admin
            .get(app.url(&format!("/accounts/{records}/users?q={name}%20delegate")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(found["total"], 1, "{found}");
}

#[tokio::test]
async fn the_username_waits_for_activation_and_invalid_edits_keep_what_was_saved() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let records = app.account_id("Acme Records").await;
    let list = json(
        admin
            .get(app.url(&format!(
                "/accounts/{records}/users?state=staged&per_page=1"
            )))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let staged = list["items"][0]["id"].as_i64().unwrap();
    let url = app.url(&format!("/accounts/{records}/users/{staged}"));
    let before = admin.get(&url).send().await.unwrap();
    let tag = before.headers()["etag"].to_str().unwrap().to_owned();
    let before = json(before).await;

    let rename = admin
        .patch(&url)
        .header("if-match", &tag)
        .json(&json!({"username": "new-name"}))
        .send()
        .await
        .unwrap();
    assert_eq!(rename.status(), 422);
    assert_eq!(
        problem_code(rename).await,
        "user.username_locked_until_activation"
    );
    let bad = admin
        .patch(&url)
        .header("if-match", &tag)
        .json(&json!({"last_name": "\u{202e}evil"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);

    let after = json(admin.get(&url).send().await.unwrap()).await;
    assert_eq!(after, before);
}

#[tokio::test]
async fn a_username_that_is_the_email_follows_a_corrected_email_before_activation() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let records = app.account_id("Acme Records").await;
    let typo = app.staged_user(&admin, "nina.neur@acme.test").await;
    let kept = app.staged_user(&admin, "nino.neur@acme.test").await;
    let user_url = |id: i64| app.url(&format!("/accounts/{records}/users/{id}"));

    // The email corrected: the username, which was it, follows.
    let fixed = app
        .patch_current(
            &admin,
            &user_url(typo),
            json!({"email": "nina.neuer@acme.test"}),
        )
        .await;
    // "Same as username" cleared: the username sent as it was stays, though not activated.
    let apart = app
        .patch_current(
            &admin,
            &user_url(kept),
            json!({"email": "nino.neuer@acme.test", "username": "nino.neur@acme.test"}),
        )
        .await;

    assert_eq!(fixed.status(), 200);
    let fixed = json(fixed).await;
    assert_eq!(
        (fixed["email"].as_str(), fixed["username"].as_str()),
        (Some("nina.neuer@acme.test"), Some("nina.neuer@acme.test"))
    );
    assert_eq!(apart.status(), 200);
    let apart = json(apart).await;
    assert_eq!(
        (apart["email"].as_str(), apart["username"].as_str()),
        (Some("nino.neuer@acme.test"), Some("nino.neur@acme.test"))
    );
}

#[tokio::test]
async fn every_user_endpoint_answers_not_found_for_another_accounts_ids() {
    let app = spawn_app().await;
    let delegate = app.signed_in("delegate@acme.test").await;
    let europe = app.account_id("Acme Europe").await;
    let records = app.account_id("Acme Records").await;
    let eu_admin = app.user_id("eu-admin@acme.test").await;
    let body = json!({"email": "x@acme.test", "first_name": "X", "last_name": "Y"});

    let answers = [
        delegate
            .get(app.url(&format!("/accounts/{europe}/users")))
            .send()
            .await
            .unwrap(),
        delegate
            .post(app.url(&format!("/accounts/{europe}/users")))
            .json(&body)
            .send()
            .await
            .unwrap(),
        delegate
            .get(app.url(&format!("/accounts/{europe}/users/{eu_admin}")))
            .send()
            .await
            .unwrap(),
        delegate
            .patch(app.url(&format!("/accounts/{europe}/users/{eu_admin}")))
            .header("if-match", "\"1\"")
            .json(&json!({"first_name": "Z"}))
            .send()
            .await
            .unwrap(),
        delegate
            .post(app.url(&format!("/accounts/{europe}/users/{eu_admin}/suspend")))
            .send()
            .await
            .unwrap(),
        delegate
            .delete(app.url(&format!("/accounts/{europe}/users/{eu_admin}")))
            .send()
            .await
            .unwrap(),
        // A user of another account through my own account's path.
        delegate
            .get(app.url(&format!("/accounts/{records}/users/{eu_admin}")))
            .send()
            .await
            .unwrap(),
        delegate
            .get(app.url(&format!("/accounts/{records}/users/not-a-number")))
            .send()
            .await
            .unwrap(),
    ];
    for res in answers {
        assert_eq!(res.status(), 404, "{}", res.url());
        assert_eq!(problem_code(res).await, "request.not_found");
    }
}

#[tokio::test]
async fn a_plain_user_cannot_administer() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let europe = app.account_id("Acme Europe").await;

    let res = admin
        .get(app.url(&format!("/accounts/{europe}/users")))
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 403);
    assert_eq!(problem_code(res).await, "authz.not_admin");
}

#[tokio::test]
async fn an_activated_user_can_be_renamed_but_not_to_a_taken_username() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let records = app.account_id("Acme Records").await;
    let target = app.user_id("delegate@acme.test").await;
    let url = app.url(&format!("/accounts/{records}/users/{target}"));
    let tag = |res: &reqwest::Response| res.headers()["etag"].to_str().unwrap().to_owned();
    let current = admin.get(&url).send().await.unwrap();

    let taken = admin
        .patch(&url)
        .header("if-match", tag(&current))
        .json(&json!({"username": "ADMIN@acme.test"}))
        .send()
        .await
        .unwrap();
    assert_eq!(taken.status(), 422);
    assert_eq!(problem_code(taken).await, "user.username_taken");

    let renamed = admin
        .patch(&url)
        .header("if-match", tag(&current))
        .json(&json!({"username": "dee"}))
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.status(), 200);
    assert_eq!(json(renamed).await["username"], "dee");
    let signed_in = app.client();
    assert_eq!(app.sign_in(&signed_in, "dee", PASSWORD).await.status(), 200);
}

/// `sqlite::memory:` lives in one connection: a change that asked the pool for a second one
/// while its transaction held the first would wait until the pool gave up.
#[tokio::test]
async fn an_in_memory_database_serves_changes_with_its_one_connection() {
    let app = crate::helpers::spawn_app_with(|c| c.database_url = "sqlite::memory:".into()).await;
    let admin = app.signed_in("admin@acme.test").await;
    let records = app.account_id("Acme Records").await;
    let operations = app.group_id(records, "Operations").await;
    let started = std::time::Instant::now();

    let res = crate::helpers::post(
        &admin,
        app.url(&format!("/accounts/{records}/users")),
        json!({"email": "memory@acme.test", "first_name": "Mem", "last_name": "Ory", "group": operations}),
    )
    .await;
    assert_eq!(res.status(), 201);
    let tag = res.headers()["etag"].to_str().unwrap().to_owned();
    let user = json(res).await["id"].as_i64().unwrap();

    let url = app.url(&format!("/accounts/{records}/users/{user}"));
    let body = json!({"email": "memory.renamed@acme.test", "group": operations});
    let res = crate::helpers::patch(&admin, url, &tag, body).await;
    assert_eq!(res.status(), 200);

    let res = crate::helpers::post(
        &admin,
        app.url(&format!("/accounts/{records}/users/{user}/invitation")),
        json!({}),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "the changes waited for a connection: {:?}",
        started.elapsed()
    );
}
