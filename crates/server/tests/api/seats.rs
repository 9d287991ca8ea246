//! Licence seats and account settings: racing for the last seats, transfers, and settings that
//! never go below what is in use.

use crate::helpers::{json, problem_code, spawn_app};
use serde_json::json;

#[tokio::test]
async fn racing_requests_for_the_last_seats_never_oversell() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let admin = app.signed_in("admin@acme.test").await;
    let account_url = app.url(&format!("/accounts/{records}"));
    let res = admin.get(&account_url).send().await.unwrap();
    let tag = res.headers()["etag"].clone();
    let settings = json(res).await;
    let used = settings["seats_used"].as_i64().unwrap();

    // Too few seats is refused; three more than in use is fine.
    let below = admin
        .patch(&account_url)
        .header("if-match", &tag)
        .json(&json!({"seats": used - 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(below.status(), 409);
    assert_eq!(problem_code(below).await, "seats.below_used");
    let res = admin
        .patch(&account_url)
        .header("if-match", &tag)
        .json(&json!({"seats": used + 3}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    let unlicensed: Vec<i64> = app
        .plain_users_of(records)
        .await
        .into_iter()
        .filter(|p| !p.is_licensed_in(records))
        .map(|p| p.id)
        .take(24)
        .collect();
    assert_eq!(unlicensed.len(), 24);
    let requests = unlicensed.iter().map(|user| {
        admin
            .put(app.url(&format!("/accounts/{records}/users/{user}/licence")))
            .send()
    });
    let answers = futures_join_all(requests).await;
    let ok = answers.iter().filter(|s| **s == 200).count();
    let full = answers.iter().filter(|s| **s == 409).count();
    assert_eq!((ok, full), (3, 21), "{answers:?}");
    let after = json(admin.get(&account_url).send().await.unwrap()).await;
    assert_eq!(after["seats_used"], after["seats"]);

    // A transfer moves a seat in one step, from a holder to someone without one.
    let holder = app.seat_holders(records).await[0];
    let receiver = unlicensed
        .iter()
        .zip(&answers)
        .find(|(_, status)| **status == 409)
        .map(|(id, _)| *id)
        .unwrap();
    let transfer = |from: i64, to: i64| {
        admin
            .post(app.url(&format!("/accounts/{records}/licence-transfers")))
            .json(&json!({"from": from, "to": to}))
            .send()
    };
    let res = transfer(holder, receiver).await.unwrap();
    assert_eq!(res.status(), 204);
    let again = transfer(holder, receiver).await.unwrap();
    assert_eq!(problem_code(again).await, "seats.not_licensed");
    let after = json(admin.get(&account_url).send().await.unwrap()).await;
    assert_eq!(
        after["seats_used"], after["seats"],
        "the transfer kept the count"
    );
    let emails = json(admin.get(app.url("/dev/mailbox")).send().await.unwrap()).await;
    assert!(
        emails["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["subject"]
                .as_str()
                .unwrap()
                .starts_with("A licence in Acme Records")),
        "the receiver is told"
    );
}

/// Runs the requests at once and returns their statuses, in order.
async fn futures_join_all<F>(requests: impl Iterator<Item = F>) -> Vec<u16>
where
    F: std::future::Future<Output = reqwest::Result<reqwest::Response>> + Send + 'static,
{
    let handles: Vec<_> = requests.map(tokio::spawn).collect();
    let mut statuses = Vec::new();
    for handle in handles {
        statuses.push(handle.await.unwrap().unwrap().status().as_u16());
    }
    statuses
}

#[tokio::test]
async fn settings_are_checked_and_need_the_current_version() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let admin = app.signed_in("admin@acme.test").await;
    let url = app.url(&format!("/accounts/{records}"));
    let res = admin.get(&url).send().await.unwrap();
    let tag = res.headers()["etag"].clone();
    let missing = admin
        .patch(&url)
        .json(&json!({"seats": 30}))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 428);
    let bad = admin
        .patch(&url)
        .header("if-match", &tag)
        .json(&json!({"approved_domains": ["acme.test", "not a domain"], "invitation_lifetime_hours": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let fields: Vec<String> = json(bad).await["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["approved_domains[1]", "invitation_lifetime_hours"]);
    let ok = admin
        .patch(&url)
        .header("if-match", &tag)
        .json(&json!({"approved_domains": ["acme.test", "*.acme.eu"], "invitation_lifetime_hours": 48}))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let stale = admin
        .patch(&url)
        .header("if-match", &tag)
        .json(&json!({"seats": 40}))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 412);
    let now = json(admin.get(&url).send().await.unwrap()).await;
    assert_eq!(now["approved_domains"], json!(["acme.test", "*.acme.eu"]));
    assert_eq!(now["invitation_lifetime_hours"], 48);
}

#[tokio::test]
async fn users_outside_newly_approved_domains_are_flagged_not_deleted() {
    let app = spawn_app().await;
    let europe = app.account_id("Acme Europe").await;
    let eu = app.signed_in("eu-admin@acme.test").await;
    let url = app.url(&format!("/accounts/{europe}"));
    let tag = eu.get(&url).send().await.unwrap().headers()["etag"].clone();
    let users = app.url(&format!("/accounts/{europe}/users?per_page=100"));
    let before = json(eu.get(&users).send().await.unwrap()).await;
    assert!(
        before["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["outside_approved_domains"] == false)
    );
    let res = eu
        .patch(&url)
        .header("if-match", tag)
        .json(&json!({"approved_domains": ["acme.eu"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let after = json(eu.get(&users).send().await.unwrap()).await;
    assert_eq!(after["total"], before["total"], "nobody was removed");
    assert!(
        after["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["outside_approved_domains"] == true)
    );
    let refused = eu
        .post(app.url(&format!("/accounts/{europe}/users")))
        .json(&json!({"email": "new@acme.test", "first_name": "N", "last_name": "P"}))
        .send()
        .await
        .unwrap();
    assert_eq!(problem_code(refused).await, "domain.not_approved");
}
