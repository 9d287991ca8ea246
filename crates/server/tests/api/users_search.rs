//! Users: search as you type, with filters, sort and pages, small and large.

use crate::helpers::{problem_code, spawn_app};
use crate::users::{account_id, json};
use serde_json::Value;

#[tokio::test]
async fn search_ignores_case_and_accents_and_pages_with_a_total() {
    let app = spawn_app().await;
    let admin = app.signed_in("admin@acme.test").await;
    let records = account_id(&app, "Acme Records").await;
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
    let key = |u: &Value| {
        (
            u["last_name"].as_str().unwrap().to_lowercase(),
            u["first_name"].as_str().unwrap().to_lowercase(),
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
