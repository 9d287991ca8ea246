//! Where I am signed in, signing out elsewhere, and my activity.

use super::{USER, me};
use crate::helpers::{ADMIN, PASSWORD, delete, get, json, spawn_app};
use serde_json::Value;

#[tokio::test]
async fn i_see_my_sessions_and_sign_one_out() {
    let app = spawn_app().await;
    let phone = app.client();
    let res = phone
        .post(app.url("/session"))
        .header("user-agent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36")
        .json(&serde_json::json!({"username": USER, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let desk = app.signed_in(USER).await;
    let admin = app.signed_in(ADMIN).await;

    let seen = json(get(&desk, app.url("/me/sessions")).await).await;

    let items = seen["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["current"], true);
    let other = &items[1];
    assert_eq!(other["current"], false);
    assert!(
        other["device"].as_str().unwrap().contains("Android"),
        "{other}"
    );
    let admins = json(get(&admin, app.url("/me/sessions")).await).await;
    let admin_session = admins["items"][0]["id"].as_i64().unwrap();

    let foreign = delete(&desk, app.url(&format!("/me/sessions/{admin_session}"))).await;
    let ended = delete(&desk, app.url(&format!("/me/sessions/{}", other["id"]))).await;

    assert_eq!(foreign.status(), 404, "another person's session");
    assert_eq!(
        get(&admin, app.url("/me")).await.status(),
        200,
        "theirs goes on"
    );
    assert_eq!(ended.status(), 204);
    assert_eq!(
        get(&phone, app.url("/me")).await.status(),
        401,
        "the phone is signed out"
    );
    assert_eq!(get(&desk, app.url("/me")).await.status(), 200);
}

#[tokio::test]
async fn signing_out_everywhere_else_keeps_this_session() {
    let app = spawn_app().await;
    let first = app.signed_in(USER).await;
    let second = app.signed_in(USER).await;

    let res = delete(&first, app.url("/me/sessions")).await;

    assert_eq!(res.status(), 204);
    assert_eq!(get(&first, app.url("/me")).await.status(), 200);
    assert_eq!(get(&second, app.url("/me")).await.status(), 401);
}

/// The actions of my activity, newest first.
async fn actions(
    app: &crate::helpers::TestApp,
    client: &reqwest::Client,
    query: &str,
) -> Vec<String> {
    let page = json(get(client, app.url(&format!("/me/activity{query}"))).await).await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["action"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn my_activity_shows_sign_ins_failures_and_changes_once_each_newest_first() {
    let app = spawn_app().await;
    let failed = app.sign_in(&app.client(), USER, "a wrong guess").await;
    assert_eq!(failed.status(), 401);
    let user = app.signed_in(USER).await;
    let (_, tag) = me(&app, &user).await;
    let res = super::patch_me(&app, &user, &tag, serde_json::json!({"last_name": "Usage"})).await;
    assert_eq!(res.status(), 200);

    // The failed sign-in is written beside its answer: wait for it, at most a few seconds.
    let mut seen = Vec::new();
    for _ in 0..50 {
        seen = actions(&app, &user, "").await;
        if seen.iter().any(|a| a == "session.sign_in_failed") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    assert_eq!(
        seen,
        [
            "me.details_changed",
            "session.signed_in",
            "session.sign_in_failed"
        ],
        "a change made in two accounts' logs shows once"
    );
    let page = json(get(&user, app.url("/me/activity?limit=1")).await).await;
    let first: &Value = &page["items"][0];
    assert_eq!(first["actor"], USER);
    let older = actions(&app, &user, &format!("?limit=1&before_id={}", first["id"])).await;
    assert_eq!(older, ["session.signed_in"]);
    let admin = app.signed_in(ADMIN).await;
    assert!(
        !actions(&app, &admin, "")
            .await
            .contains(&"me.details_changed".to_owned()),
        "another person's journal is not mine"
    );
}
