//! Users: state actions, deleting for good, and which actions each viewer is offered.

use crate::helpers::{json, problem_code, spawn_app};
use serde_json::{Value, json};

#[tokio::test]
async fn suspending_ends_the_users_sessions_and_is_audited() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let delegate = app.signed_in("delegate@acme.test").await;
    let records = app.account_id("Acme Records").await;
    let target = app.user_id("delegate@acme.test").await;

    let res = admin
        .post(app.url(&format!("/accounts/{records}/users/{target}/suspend")))
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 200);
    assert_eq!(json(res).await["state"], "suspended");
    assert_eq!(
        delegate.get(app.url("/me")).send().await.unwrap().status(),
        401
    );
    let audit = json(
        admin
            .get(app.url(&format!("/accounts/{records}/audit?target={target}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let entry = &audit["items"][0];
    assert_eq!(entry["action"], "user.suspended");
    assert_eq!(
        (
            entry["before"]["state"].as_str(),
            entry["after"]["state"].as_str()
        ),
        (Some("active"), Some("suspended"))
    );
    assert_eq!(entry["actor"], "admin@acme.test");

    let again = admin
        .post(app.url(&format!("/accounts/{records}/users/{target}/suspend")))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 409);
    assert_eq!(problem_code(again).await, "user.action_not_allowed");
    let back = admin
        .post(app.url(&format!("/accounts/{records}/users/{target}/unsuspend")))
        .send()
        .await
        .unwrap();
    assert_eq!(json(back).await["state"], "active");
}

#[tokio::test]
async fn nobody_acts_on_themselves_and_the_last_admin_stays() {
    let app = spawn_app().await;
    let eu_admin = app.signed_in("eu-admin@acme.test").await;
    let admin = app.signed_in("admin@acme.test").await;
    let europe = app.account_id("Acme Europe").await;
    let records = app.account_id("Acme Records").await;
    let me = app.user_id("eu-admin@acme.test").await;

    let own = eu_admin
        .post(app.url(&format!("/accounts/{europe}/users/{me}/suspend")))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 403);
    assert_eq!(problem_code(own).await, "authz.self_change");

    // Joined to Acme Records, the only admin of Acme Europe cannot be suspended from there: their
    // login is Acme Europe's too.
    let res = admin
        .post(app.url(&format!("/accounts/{records}/users")))
        .json(&json!({"email": "eu-admin@acme.test", "first_name": "Eva", "last_name": "Europa"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    app.accept_join("eu-admin@acme.test").await;
    let res = admin
        .post(app.url(&format!("/accounts/{records}/users/{me}/suspend")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(problem_code(res).await, "authz.person_shared");
}

#[tokio::test]
async fn deprovisioned_users_are_restored_to_staged_and_only_waiting_users_are_deleted() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let records = app.account_id("Acme Records").await;
    let target = app.user_id("delegate@acme.test").await;
    let base = app.url(&format!("/accounts/{records}/users/{target}"));

    let gone = admin
        .post(format!("{base}/deprovision"))
        .send()
        .await
        .unwrap();
    assert_eq!(json(gone).await["state"], "deprovisioned");
    let restored = admin.post(format!("{base}/restore")).send().await.unwrap();
    assert_eq!(json(restored).await["state"], "staged");

    let list = json(
        admin
            .get(app.url(&format!(
                "/accounts/{records}/users?state=active&role=user&per_page=1"
            )))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let active_user = list["items"][0]["id"].as_i64().unwrap();
    let refused = admin
        .delete(app.url(&format!("/accounts/{records}/users/{active_user}")))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 409);
    assert_eq!(problem_code(refused).await, "user.action_not_allowed");

    let deleted = admin.delete(&base).send().await.unwrap();
    assert_eq!(deleted.status(), 204);
    assert_eq!(admin.get(&base).send().await.unwrap().status(), 404);
}

#[tokio::test]
async fn only_the_actions_the_viewer_may_take_are_offered() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let delegate = app.signed_in("delegate@acme.test").await;
    let records = app.account_id("Acme Records").await;
    let top = app.user_id("admin@acme.test").await;
    let dee = app.user_id("delegate@acme.test").await;
    let actions = |v: Value| -> Vec<String> {
        v["allowed_actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_owned())
            .collect()
    };

    let by_delegate = json(
        delegate
            .get(app.url(&format!("/accounts/{records}/users/{top}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let by_admin = json(
        admin
            .get(app.url(&format!("/accounts/{records}/users/{dee}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let own = json(
        admin
            .get(app.url(&format!("/accounts/{records}/users/{top}")))
            .send()
            .await
            .unwrap(),
    )
    .await;

    assert_eq!(
        actions(by_delegate),
        Vec::<String>::new(),
        "records C cannot manage records E"
    );
    assert!(actions(by_admin).contains(&"suspend".to_owned()));
    assert!(
        !actions(own).contains(&"suspend".to_owned()),
        "nobody is offered to suspend themselves"
    );
}
