//! Groups: list, create, rename, edit policy, delete.

use crate::helpers::{TestApp, problem_code, spawn_app};
use serde_json::{Value, json};

const ADMIN: &str = "admin@acme.test";
const EU_ADMIN: &str = "eu-admin@acme.test";

/// The id of the demo account called `name`.
async fn account_id(app: &TestApp, name: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM accounts WHERE name = ?1")
        .bind(name)
        .fetch_one(&app.db)
        .await
        .unwrap();
    id
}

/// The id of the group called `name` in `account`.
async fn group_id(app: &TestApp, account: i64, name: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM groups WHERE account_id = ?1 AND name = ?2")
        .bind(account)
        .bind(name)
        .fetch_one(&app.db)
        .await
        .unwrap();
    id
}

/// How many memberships are in `group`, counted underneath the API.
async fn members_of(app: &TestApp, group: i64) -> i64 {
    let (count,): (i64,) = sqlx::query_as("SELECT count(*) FROM memberships WHERE group_id = ?1")
        .bind(group)
        .fetch_one(&app.db)
        .await
        .unwrap();
    count
}

fn groups_url(app: &TestApp, account: i64) -> String {
    app.url(&format!("/accounts/{account}/groups"))
}

fn group_url(app: &TestApp, account: i64, group: i64) -> String {
    app.url(&format!("/accounts/{account}/groups/{group}"))
}

/// The audit entries of `account` with `action`, newest first.
async fn audit_entries(
    app: &TestApp,
    client: &reqwest::Client,
    account: i64,
    action: &str,
) -> Vec<Value> {
    let url = app.url(&format!("/accounts/{account}/audit?action={action}"));
    let page: Value = client.get(url).send().await.unwrap().json().await.unwrap();
    page["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn any_member_of_an_account_lists_its_groups_by_name() {
    let app = spawn_app().await;
    let records = account_id(&app, "Acme Records").await;
    let europe = account_id(&app, "Acme Europe").await;
    let admin = app.signed_in(ADMIN).await;

    let res = admin.get(groups_url(&app, records)).send().await.unwrap();
    let as_user = admin.get(groups_url(&app, europe)).send().await.unwrap();

    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    let items = body["items"].as_array().unwrap();
    let names: Vec<_> = items.iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Default", "Finance", "Operations"]);
    let default = &items[0];
    assert_eq!(default["is_default"], true);
    assert_eq!(
        default["policy"],
        json!({ "min_password_length": 12, "idle_timeout_minutes": 60, "members_may_edit_own_details": true })
    );
    assert_eq!(default["version"], 1);
    for item in items {
        let id = item["id"].as_i64().unwrap();
        assert_eq!(
            item["member_count"].as_i64().unwrap(),
            members_of(&app, id).await
        );
    }
    assert_eq!(
        as_user.status(),
        200,
        "a plain user of Acme Europe lists its groups too"
    );
    let body: Value = as_user.json().await.unwrap();
    assert_eq!(body["items"][0]["name"], "Default");
}

#[tokio::test]
async fn one_group_is_shown_with_its_etag() {
    let app = spawn_app().await;
    let records = account_id(&app, "Acme Records").await;
    let finance = group_id(&app, records, "Finance").await;
    let delegate = app.signed_in("delegate@acme.test").await;

    let res = delegate
        .get(group_url(&app, records, finance))
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["etag"], "\"1\"");
    let group: Value = res.json().await.unwrap();
    assert_eq!(
        (
            group["id"].as_i64().unwrap(),
            group["name"].as_str().unwrap()
        ),
        (finance, "Finance")
    );
    assert_eq!(group["is_default"], false);
}

#[tokio::test]
async fn an_admin_creates_a_group_with_a_partial_policy() {
    let app = spawn_app().await;
    let records = account_id(&app, "Acme Records").await;
    let admin = app.signed_in(ADMIN).await;
    let body = json!({ "name": "  Field   Staff ", "policy": { "min_password_length": 16 } });

    let res = admin
        .post(groups_url(&app, records))
        .json(&body)
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 201);
    assert_eq!(res.headers()["etag"], "\"1\"");
    let group: Value = res.json().await.unwrap();
    let id = group["id"].as_i64().unwrap();
    assert_eq!(
        group["name"], "Field Staff",
        "the name is cleaned by the domain"
    );
    assert_eq!(
        group["policy"],
        json!({ "min_password_length": 16, "idle_timeout_minutes": 60, "members_may_edit_own_details": true })
    );
    assert_eq!(
        (
            group["member_count"].as_i64(),
            group["is_default"].as_bool()
        ),
        (Some(0), Some(false))
    );
    let shown: Value = admin
        .get(group_url(&app, records, id))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(shown, group);
}

#[tokio::test]
async fn an_invalid_name_and_out_of_range_policy_values_are_refused_together() {
    let app = spawn_app().await;
    let records = account_id(&app, "Acme Records").await;
    let admin = app.signed_in(ADMIN).await;
    let body = json!({ "name": "   ", "policy": { "min_password_length": 7, "idle_timeout_minutes": 100000 } });

    let res = admin
        .post(groups_url(&app, records))
        .json(&body)
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 422);
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["code"], "request.invalid");
    let fields: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        [
            ("name", "group_name.required"),
            (
                "policy.min_password_length",
                "policy.password_length_out_of_range"
            ),
            (
                "policy.idle_timeout_minutes",
                "policy.idle_timeout_out_of_range"
            ),
        ]
    );
    let (count,): (i64,) = sqlx::query_as("SELECT count(*) FROM groups WHERE account_id = ?1")
        .bind(records)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 3, "nothing was created");
}

#[tokio::test]
async fn a_name_differing_only_by_case_or_accents_is_taken() {
    let app = spawn_app().await;
    let records = account_id(&app, "Acme Records").await;
    let europe = account_id(&app, "Acme Europe").await;
    let operations = group_id(&app, records, "Operations").await;
    let admin = app.signed_in(ADMIN).await;
    let eu_admin = app.signed_in(EU_ADMIN).await;
    let created = admin
        .post(groups_url(&app, records))
        .json(&json!({ "name": "Équipe" }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);

    let same = admin
        .post(groups_url(&app, records))
        .json(&json!({ "name": "EQUIPE" }))
        .send()
        .await
        .unwrap();
    let demo = admin
        .post(groups_url(&app, records))
        .json(&json!({ "name": "fînance" }))
        .send()
        .await
        .unwrap();
    let rename = admin
        .patch(group_url(&app, records, operations))
        .header("if-match", "\"1\"")
        .json(&json!({ "name": "FINANCE" }))
        .send()
        .await
        .unwrap();
    let other_account = eu_admin
        .post(groups_url(&app, europe))
        .json(&json!({ "name": "Équipe" }))
        .send()
        .await
        .unwrap();

    assert_eq!(same.status(), 409);
    assert_eq!(problem_code(same).await, "group.name_taken");
    assert_eq!(demo.status(), 409);
    assert_eq!(problem_code(demo).await, "group.name_taken");
    assert_eq!(rename.status(), 409);
    assert_eq!(problem_code(rename).await, "group.name_taken");
    assert_eq!(
        other_account.status(),
        201,
        "names are unique per account only"
    );
}

#[tokio::test]
async fn a_plain_user_cannot_create_change_or_delete_a_group() {
    let app = spawn_app().await;
    let europe = account_id(&app, "Acme Europe").await;
    let default = group_id(&app, europe, "Default").await;
    let admin = app.signed_in(ADMIN).await;

    let create = admin
        .post(groups_url(&app, europe))
        .json(&json!({ "name": "Mine" }))
        .send()
        .await
        .unwrap();
    let update = admin
        .patch(group_url(&app, europe, default))
        .header("if-match", "\"1\"")
        .json(&json!({ "name": "Mine" }))
        .send()
        .await
        .unwrap();
    let delete = admin
        .delete(group_url(&app, europe, default))
        .send()
        .await
        .unwrap();

    for res in [create, update, delete] {
        assert_eq!(res.status(), 403);
        assert_eq!(problem_code(res).await, "authz.not_admin");
    }
}

#[tokio::test]
async fn a_group_of_another_account_answers_exactly_like_a_nonexistent_one() {
    let app = spawn_app().await;
    let records = account_id(&app, "Acme Records").await;
    let europe = account_id(&app, "Acme Europe").await;
    let eu_default = group_id(&app, europe, "Default").await;
    let finance = group_id(&app, records, "Finance").await;
    let admin = app.signed_in(ADMIN).await;
    let eu_admin = app.signed_in(EU_ADMIN).await;
    let change = json!({ "name": "Taken over" });
    let eu_members = members_of(&app, eu_default).await;

    let answers = [
        admin
            .get(group_url(&app, records, eu_default))
            .send()
            .await
            .unwrap(),
        admin
            .get(group_url(&app, records, 999_999))
            .send()
            .await
            .unwrap(),
        admin
            .patch(group_url(&app, records, eu_default))
            .header("if-match", "\"1\"")
            .json(&change)
            .send()
            .await
            .unwrap(),
        admin
            .delete(group_url(&app, records, eu_default))
            .send()
            .await
            .unwrap(),
        admin
            .delete(format!(
                "{}?move_to={eu_default}",
                group_url(&app, records, finance)
            ))
            .send()
            .await
            .unwrap(),
        eu_admin
            .get(group_url(&app, records, finance))
            .send()
            .await
            .unwrap(),
        eu_admin
            .get(groups_url(&app, records))
            .send()
            .await
            .unwrap(),
    ];

    let mut bodies = Vec::new();
    for res in answers {
        assert_eq!(res.status(), 404);
        bodies.push(res.text().await.unwrap());
    }
    assert!(bodies.iter().all(|b| *b == bodies[0]), "{bodies:?}");
    assert!(bodies[0].contains("request.not_found"));
    assert_eq!(members_of(&app, eu_default).await, eu_members);
    let (name,): (String,) = sqlx::query_as("SELECT name FROM groups WHERE id = ?1")
        .bind(eu_default)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(name, "Default", "the other account's group is untouched");
    assert!(
        members_of(&app, finance).await > 0,
        "Finance's members did not move"
    );
}

#[tokio::test]
async fn an_update_needs_the_current_etag() {
    let app = spawn_app().await;
    let records = account_id(&app, "Acme Records").await;
    let finance = group_id(&app, records, "Finance").await;
    let admin = app.signed_in(ADMIN).await;
    let change = json!({ "name": "Accounts", "policy": { "idle_timeout_minutes": 15 } });

    let missing = admin
        .patch(group_url(&app, records, finance))
        .json(&change)
        .send()
        .await
        .unwrap();
    let stale = admin
        .patch(group_url(&app, records, finance))
        .header("if-match", "\"0\"")
        .json(&change)
        .send()
        .await
        .unwrap();
    let current = admin
        .patch(group_url(&app, records, finance))
        .header("if-match", "\"1\"")
        .json(&change)
        .send()
        .await
        .unwrap();

    assert_eq!(missing.status(), 428);
    assert_eq!(problem_code(missing).await, "request.precondition_required");
    assert_eq!(stale.status(), 412);
    assert_eq!(problem_code(stale).await, "request.stale");
    assert_eq!(current.status(), 200);
    assert_eq!(current.headers()["etag"], "\"2\"");
    let group: Value = current.json().await.unwrap();
    assert_eq!(
        (group["name"].as_str(), group["version"].as_i64()),
        (Some("Accounts"), Some(2))
    );
    assert_eq!(
        group["policy"],
        json!({ "min_password_length": 12, "idle_timeout_minutes": 15, "members_may_edit_own_details": true })
    );
}

#[tokio::test]
async fn two_updates_with_the_same_etag_succeed_only_once() {
    let app = spawn_app().await;
    let records = account_id(&app, "Acme Records").await;
    let operations = group_id(&app, records, "Operations").await;
    let admin = app.signed_in(ADMIN).await;
    let delegate = app.signed_in("delegate@acme.test").await;
    let send = |client: &reqwest::Client, minutes: i64| {
        client
            .patch(group_url(&app, records, operations))
            .header("if-match", "\"1\"")
            .json(&json!({ "policy": { "idle_timeout_minutes": minutes } }))
            .send()
    };

    let (a, b) = tokio::join!(send(&admin, 30), send(&delegate, 90));

    let mut statuses = [a.unwrap().status().as_u16(), b.unwrap().status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 412]);
    let (version,): (i64,) = sqlx::query_as("SELECT version FROM groups WHERE id = ?1")
        .bind(operations)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(version, 2);
}

#[tokio::test]
async fn a_group_with_members_is_not_deleted_unless_they_are_moved() {
    let app = spawn_app().await;
    let records = account_id(&app, "Acme Records").await;
    let operations = group_id(&app, records, "Operations").await;
    let admin = app.signed_in(ADMIN).await;

    let res = admin
        .delete(group_url(&app, records, operations))
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 409);
    assert_eq!(problem_code(res).await, "group.not_empty");
    let still = admin
        .get(group_url(&app, records, operations))
        .send()
        .await
        .unwrap();
    assert_eq!(still.status(), 200);
}

#[tokio::test]
async fn deleting_with_move_to_moves_the_members_then_deletes_the_group() {
    let app = spawn_app().await;
    let records = account_id(&app, "Acme Records").await;
    let finance = group_id(&app, records, "Finance").await;
    let operations = group_id(&app, records, "Operations").await;
    let (in_finance, in_operations) = (
        members_of(&app, finance).await,
        members_of(&app, operations).await,
    );
    assert!(in_finance > 0);
    let admin = app.signed_in(ADMIN).await;

    let url = format!("{}?move_to={operations}", group_url(&app, records, finance));
    let res = admin.delete(url).send().await.unwrap();

    assert_eq!(res.status(), 204);
    assert_eq!(members_of(&app, finance).await, 0);
    let gone = admin
        .get(group_url(&app, records, finance))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 404);
    let group: Value = admin
        .get(group_url(&app, records, operations))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        group["member_count"].as_i64().unwrap(),
        in_finance + in_operations
    );
}

#[tokio::test]
async fn an_empty_group_is_deleted_without_moving_anyone() {
    let app = spawn_app().await;
    let records = account_id(&app, "Acme Records").await;
    let admin = app.signed_in(ADMIN).await;
    let created: Value = admin
        .post(groups_url(&app, records))
        .json(&json!({ "name": "Temp" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_i64().unwrap();

    let res = admin
        .delete(group_url(&app, records, id))
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 204);
    let gone = admin
        .get(group_url(&app, records, id))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 404);
}

#[tokio::test]
async fn the_default_group_cannot_be_deleted_even_with_move_to() {
    let app = spawn_app().await;
    let records = account_id(&app, "Acme Records").await;
    let default = group_id(&app, records, "Default").await;
    let finance = group_id(&app, records, "Finance").await;
    let before = members_of(&app, default).await;
    let admin = app.signed_in(ADMIN).await;

    let plain = admin
        .delete(group_url(&app, records, default))
        .send()
        .await
        .unwrap();
    let moving = admin
        .delete(format!(
            "{}?move_to={finance}",
            group_url(&app, records, default)
        ))
        .send()
        .await
        .unwrap();

    for res in [plain, moving] {
        assert_eq!(res.status(), 409);
        assert_eq!(problem_code(res).await, "group.default_not_deletable");
    }
    assert_eq!(members_of(&app, default).await, before);
}

#[tokio::test]
async fn moving_members_into_the_group_being_deleted_is_refused() {
    let app = spawn_app().await;
    let records = account_id(&app, "Acme Records").await;
    let finance = group_id(&app, records, "Finance").await;
    let admin = app.signed_in(ADMIN).await;

    let res = admin
        .delete(format!(
            "{}?move_to={finance}",
            group_url(&app, records, finance)
        ))
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 422);
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "move_to");
}

#[tokio::test]
async fn every_group_change_is_in_the_audit_log() {
    let app = spawn_app().await;
    let records = account_id(&app, "Acme Records").await;
    let operations = group_id(&app, records, "Operations").await;
    let admin = app.signed_in(ADMIN).await;
    let (admin_id,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE username_key = ?1")
        .bind(ADMIN)
        .fetch_one(&app.db)
        .await
        .unwrap();

    let created: Value = admin
        .post(groups_url(&app, records))
        .json(&json!({ "name": "Audit" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_i64().unwrap();
    let updated = admin
        .patch(group_url(&app, records, id))
        .header("if-match", "\"1\"")
        .json(&json!({ "name": "Audited", "policy": { "members_may_edit_own_details": false } }))
        .send()
        .await
        .unwrap();
    assert_eq!(updated.status(), 200);
    let deleted = admin
        .delete(format!(
            "{}?move_to={operations}",
            group_url(&app, records, id)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);

    let created = audit_entries(&app, &admin, records, "group.created").await;
    let updated = audit_entries(&app, &admin, records, "group.updated").await;
    let deleted = audit_entries(&app, &admin, records, "group.deleted").await;
    for entries in [&created, &updated, &deleted] {
        assert_eq!(entries.len(), 1, "{entries:?}");
        let entry = &entries[0];
        assert_eq!(entry["target_group_id"].as_i64(), Some(id));
        assert_eq!(entry["actor_id"].as_i64(), Some(admin_id));
        assert_eq!(entry["account_id"].as_i64(), Some(records));
    }
    assert_eq!(created[0]["before"], Value::Null);
    assert_eq!(created[0]["after"]["name"], "Audit");
    assert_eq!(updated[0]["before"]["name"], "Audit");
    assert_eq!(updated[0]["after"]["name"], "Audited");
    assert_eq!(
        updated[0]["after"]["policy"]["members_may_edit_own_details"],
        false
    );
    assert_eq!(deleted[0]["before"]["name"], "Audited");
    assert_eq!(
        deleted[0]["after"]["members_moved_to"]["id"].as_i64(),
        Some(operations)
    );
}
