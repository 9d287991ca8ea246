//! One person in several accounts: added to and removed from several at once, a result each,
//! and an incomplete removal told to the person.

use crate::helpers::{json, spawn_app};
use serde_json::json;

#[tokio::test]
async fn a_person_is_added_to_and_removed_from_several_accounts_with_a_result_each() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let europe = app.account_id("Acme Europe").await;
    let admin_id = app.user_id("admin@acme.test").await;

    // admin@acme.test becomes an admin of Europe too, with the top levels.
    let eu = app.signed_in("eu-admin@acme.test").await;
    let url = app.url(&format!("/accounts/{europe}/users/{admin_id}"));
    let res = app.patch_current(&eu, &url, json!({"role": "admin", "authorities": {"records": "E", "interaction": "approve", "dr": "DR4"}})).await;
    assert_eq!(res.status(), 200);

    let admin = app.signed_in("admin@acme.test").await;
    let users = app.plain_users_of(records).await;
    let person = users.iter().find(|p| !p.is_member_of(europe)).unwrap().id;
    let memberships = app.url(&format!("/accounts/{records}/users/{person}/memberships"));
    let added = json(
        admin
            .post(&memberships)
            .json(&json!({"accounts": [europe, records]}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(added["results"][0]["ok"], true);
    assert_eq!(added["results"][1]["code"], "user.already_member");
    let detail = json(
        admin
            .get(app.url(&format!("/accounts/{records}/users/{person}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(detail["memberships"].as_array().unwrap().len(), 2);

    // Removed from Europe; an account that is not mine fails: the removal is incomplete.
    let removed = json(
        admin
            .delete(&memberships)
            .json(&json!({"accounts": [europe, 999_999]}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(removed["results"][0]["ok"], true);
    assert_eq!(removed["results"][1]["code"], "request.not_found");
    let left = app.memberships_of(person).await.len();
    assert_eq!(left, 1, "still in Acme Records");
    let email: String = detail["email"].as_str().unwrap().to_owned();
    let emails = app.mailbox(&admin).await;
    assert!(
        emails.iter().any(|e| e["to"] == email.as_str()
            && e["subject"] == "You were not removed from every account"),
        "{emails:?}"
    );
}
