//! Users: search as you type, with filters, sort and pages, small and large.

use crate::helpers::{json, problem_code, spawn_app};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

#[tokio::test]
async fn search_ignores_case_and_accents_and_pages_with_a_total() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let records = app.account_id("Acme Records").await;
    let url = |query: &str| app.url(&format!("/accounts/{records}/users?{query}"));

    let page = json(admin.get(url("q=ZOE&per_page=5")).send().await.unwrap()).await;
    let items = page["items"].as_array().unwrap();
    assert!(page["total"].as_i64().unwrap() >= 10, "{page}");
    assert_eq!(items.len(), 5);
    assert!(items.iter().all(|u| u["first_name"] == "Zoë"), "{page}");

    let all = json(admin.get(url("per_page=100")).send().await.unwrap()).await;
    let second = json(admin.get(url("per_page=100&page=2")).send().await.unwrap()).await;
    assert_eq!(all["total"], second["total"]);
    assert!(all["total"].as_i64().unwrap() > 200);
    assert_ne!(all["items"][0]["id"], second["items"][0]["id"]);

    let suspended = json(admin.get(url("state=suspended")).send().await.unwrap()).await;
    assert!(
        suspended["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["state"] == "suspended")
    );
    assert!(suspended["total"].as_i64().unwrap() > 0);

    // Short queries, long ones and text that means something to the search index all work.
    let short = json(admin.get(url("q=zo")).send().await.unwrap()).await;
    assert!(short["items"].as_array().unwrap().iter().all(|u| {
        let text = format!("{} {} {}", u["first_name"], u["last_name"], u["email"]).to_lowercase();
        text.contains("zo") || text.contains("zö")
    }));
    for odd in ["%22", "a*b%22c", "NEAR(a%20b)", "%25", "_"] {
        let res = admin.get(url(&format!("q={odd}"))).send().await.unwrap();
        assert_eq!(res.status(), 200, "q={odd}");
    }
    let renamed = json(admin.get(url("q=zoe.lefevre1%40")).send().await.unwrap()).await;
    assert_eq!(renamed["total"], 1, "{renamed}");

    let bad = admin.get(url("sort=password")).send().await.unwrap();
    assert_eq!(bad.status(), 422);
    assert_eq!(problem_code(bad).await, "request.invalid_query");
}

#[tokio::test]
async fn a_broad_search_over_thousands_of_users_is_still_sorted_and_counted() {
    let app = spawn_app().await;
    let records = roster_server::demo::seed_bulk(&app.db, 2_500)
        .await
        .unwrap();
    let admin = app.signed_in("admin@acme.test").await;
    let url = |query: &str| app.url(&format!("/accounts/{records}/users?{query}"));
    // Name order ignores case and accents: Émile sorts with Emile, not after Zoë.
    let fold = |s: &str| -> String {
        s.nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let key = |u: &Value| {
        (
            fold(u["last_name"].as_str().unwrap()),
            fold(u["first_name"].as_str().unwrap()),
            u["id"].as_i64().unwrap(),
        )
    };

    for (query, expected) in [
        ("q=bench-user&per_page=100", 2_500),
        ("q=be&per_page=100", 2_500),
        ("per_page=100", 2_702),
    ] {
        let page = json(admin.get(url(query)).send().await.unwrap()).await;
        assert!(
            page["total"].as_i64().unwrap() >= expected,
            "{query}: {}",
            page["total"]
        );
        let keys: Vec<_> = page["items"].as_array().unwrap().iter().map(key).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "{query} is in name order");
        assert_eq!(keys.len(), 100);
    }
    let last = json(
        admin
            .get(url("q=bench-user&per_page=100&sort=-name"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let keys: Vec<_> = last["items"].as_array().unwrap().iter().map(key).collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(keys, sorted, "-name is in reverse name order");
}

#[tokio::test]
async fn every_committed_change_shows_in_the_next_search_and_nothing_else_does() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let records = app.account_id("Acme Records").await;
    let europe = app.account_id("Acme Europe").await;
    let eu_admin = app.signed_in("eu-admin@acme.test").await;
    let search = |account: i64, query: &str| {
        let url = app.url(&format!("/accounts/{account}/users?{query}"));
        let client = if account == europe { &eu_admin } else { &admin }.clone();
        async move { json(client.get(url).send().await.unwrap()).await }
    };

    let created = json(
        admin
            .post(app.url(&format!("/accounts/{records}/users")))
            .json(&serde_json::json!({"email": "quentin.quill@acme.test", "first_name": "Quentin", "last_name": "Quill"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let id = created["id"].as_i64().unwrap();
    let url = app.url(&format!("/accounts/{records}/users/{id}"));
    let found = search(records, "q=QUILL").await;
    assert_eq!(
        (found["total"].as_i64(), &found["items"][0]["id"]),
        (Some(1), &created["id"])
    );
    assert_eq!(
        search(europe, "q=quill").await["total"],
        0,
        "another account's search"
    );

    // A refused edit changes nothing; an accepted one is found by its new name only.
    let tag = admin.get(&url).send().await.unwrap().headers()["etag"].clone();
    let refused = admin
        .patch(&url)
        .header("if-match", &tag)
        .json(&serde_json::json!({"last_name": "Quillon", "email": "not an email"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    assert_eq!(search(records, "q=quillon").await["total"], 0);
    let renamed = admin
        .patch(&url)
        .header("if-match", &tag)
        .json(&serde_json::json!({"last_name": "Plume"}))
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.status(), 200);
    assert_eq!(search(records, "q=quill%20plume").await["total"], 0);
    assert_eq!(search(records, "q=quentin%20plume").await["total"], 1);

    let staged = search(records, "q=quentin&state=staged").await;
    assert_eq!(staged["total"], 1);
    let deleted = admin.delete(&url).send().await.unwrap();
    assert_eq!(deleted.status(), 204);
    assert_eq!(search(records, "q=quentin").await["total"], 0);
}
