//! Groups: deleting, with and without moving the members, and the audit trail of every change.

use crate::helpers::{
    ADMIN, EUROPE, RECORDS, delete, get, patch, policy, post, problem_code, spawn_app,
};
use serde_json::{Value, json};

#[tokio::test]
async fn a_plain_user_cannot_create_change_or_delete_a_group() {
    let app = spawn_app().await;
    let europe = app.account_id(EUROPE).await;
    let default = app.group_id(europe, "Default").await;
    let admin = app.signed_in(ADMIN).await;

    let create = post(&admin, app.groups_url(europe), json!({ "name": "Mine" })).await;
    let url = app.group_url(europe, default);
    let update = patch(&admin, url.clone(), "\"1\"", json!({ "name": "Mine" })).await;
    let delete = delete(&admin, url).await;

    for res in [create, update, delete] {
        assert_eq!(res.status(), 403);
        assert_eq!(problem_code(res).await, "authz.not_admin");
    }
}

#[tokio::test]
async fn a_group_with_members_is_not_deleted_unless_they_are_moved() {
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let url = app.group_url(records, app.group_id(records, "Operations").await);
    let admin = app.signed_in(ADMIN).await;

    let res = delete(&admin, url.clone()).await;

    assert_eq!(res.status(), 409);
    assert_eq!(problem_code(res).await, "group.not_empty");
    assert_eq!(get(&admin, url).await.status(), 200);
}

#[tokio::test]
async fn deleting_with_move_to_moves_the_members_then_deletes_the_group() {
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let finance = app.group_id(records, "Finance").await;
    let operations = app.group_id(records, "Operations").await;
    let (in_finance, in_operations) = (
        app.members_of(records, finance).await,
        app.members_of(records, operations).await,
    );
    assert!(in_finance > 0);
    let admin = app.signed_in(ADMIN).await;

    let res = delete(
        &admin,
        format!("{}?move_to={operations}", app.group_url(records, finance)),
    )
    .await;

    assert_eq!(res.status(), 204);
    assert_eq!(app.members_of(records, finance).await, 0);
    assert_eq!(
        get(&admin, app.group_url(records, finance)).await.status(),
        404
    );
    let group: Value = get(&admin, app.group_url(records, operations))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        group["member_count"].as_i64(),
        Some(in_finance + in_operations)
    );
}

#[tokio::test]
async fn an_empty_group_is_deleted_without_moving_anyone() {
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let admin = app.signed_in(ADMIN).await;
    let created = post(&admin, app.groups_url(records), json!({ "name": "Temp" })).await;
    let created: Value = created.json().await.unwrap();
    let url = app.group_url(records, created["id"].as_i64().unwrap());

    let res = delete(&admin, url.clone()).await;

    assert_eq!(res.status(), 204);
    assert_eq!(get(&admin, url).await.status(), 404);
}

#[tokio::test]
async fn the_default_group_cannot_be_deleted_even_with_move_to() {
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let default = app.group_id(records, "Default").await;
    let finance = app.group_id(records, "Finance").await;
    let before = app.members_of(records, default).await;
    let admin = app.signed_in(ADMIN).await;
    let url = app.group_url(records, default);

    let plain = delete(&admin, url.clone()).await;
    let moving = delete(&admin, format!("{url}?move_to={finance}")).await;

    for res in [plain, moving] {
        assert_eq!(res.status(), 409);
        assert_eq!(problem_code(res).await, "group.default_not_deletable");
    }
    assert_eq!(app.members_of(records, default).await, before);
}

#[tokio::test]
async fn moving_members_into_the_group_being_deleted_is_refused() {
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let finance = app.group_id(records, "Finance").await;
    let admin = app.signed_in(ADMIN).await;

    let res = delete(
        &admin,
        format!("{}?move_to={finance}", app.group_url(records, finance)),
    )
    .await;

    assert_eq!(res.status(), 422);
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "move_to");
}

#[tokio::test]
async fn every_group_change_is_in_the_audit_log() {
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let operations = app.group_id(records, "Operations").await;
    let admin = app.signed_in(ADMIN).await;

    let created = post(&admin, app.groups_url(records), json!({ "name": "Audit" })).await;
    let id = created.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let change = json!({ "name": "Audited", "policy": { "members_may_edit_own_details": false } });
    let updated = patch(&admin, app.group_url(records, id), "\"1\"", change).await;
    assert_eq!(updated.status(), 200);
    let move_out = format!("{}?move_to={operations}", app.group_url(records, id));
    assert_eq!(delete(&admin, move_out).await.status(), 204);

    let created = app.audit_entries(&admin, records, "group.created").await;
    let updated = app.audit_entries(&admin, records, "group.updated").await;
    let deleted = app.audit_entries(&admin, records, "group.deleted").await;
    for entries in [&created, &updated, &deleted] {
        assert_eq!(entries.len(), 1, "{entries:?}");
        assert_eq!(entries[0]["target_group_id"].as_i64(), Some(id));
        assert_eq!(entries[0]["actor"], ADMIN, "actor_id is the admin's");
        assert_eq!(entries[0]["account_id"].as_i64(), Some(records));
    }
    assert_eq!(
        (&created[0]["before"], &created[0]["after"]["name"]),
        (&Value::Null, &json!("Audit"))
    );
    assert_eq!(updated[0]["before"]["name"], "Audit");
    assert_eq!(updated[0]["after"]["name"], "Audited");
    assert_eq!(updated[0]["after"]["policy"], policy(12, 60, false));
    assert_eq!(deleted[0]["before"]["name"], "Audited");
    assert_eq!(
        deleted[0]["after"]["members_moved_to"].as_i64(),
        Some(operations)
    );
}
