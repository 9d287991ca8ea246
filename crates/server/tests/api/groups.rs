//! Groups: list, create, rename, edit policy, delete.

use crate::helpers::{
    ADMIN, DELEGATE, EU_ADMIN, EUROPE, RECORDS, delete, get, patch, policy, post, problem_code,
    spawn_app,
};
use serde_json::{Value, json};

#[tokio::test]
async fn any_member_of_an_account_lists_its_groups_by_name() {
    let app = spawn_app().await;
    let (records, europe) = (app.account_id(RECORDS).await, app.account_id(EUROPE).await);
    let admin = app.signed_in(ADMIN).await;

    let res = get(&admin, app.groups_url(records)).await;
    let as_plain_user = get(&admin, app.groups_url(europe)).await;

    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    let items = body["items"].as_array().unwrap();
    let names: Vec<_> = items.iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Default", "Finance", "Operations"]);
    assert_eq!(
        (&items[0]["is_default"], &items[0]["version"]),
        (&json!(true), &json!(1))
    );
    assert_eq!(items[0]["policy"], policy(12, 60, true));
    for item in items {
        let count = app.members_of(records, item["id"].as_i64().unwrap()).await;
        assert_eq!(item["member_count"].as_i64(), Some(count));
    }
    assert_eq!(as_plain_user.status(), 200);
    let body: Value = as_plain_user.json().await.unwrap();
    assert_eq!(body["items"][0]["name"], "Default");
}

#[tokio::test]
async fn one_group_is_shown_with_its_etag() {
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let finance = app.group_id(records, "Finance").await;
    let delegate = app.signed_in(DELEGATE).await;

    let res = get(&delegate, app.group_url(records, finance)).await;

    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["etag"], "\"1\"");
    let group: Value = res.json().await.unwrap();
    assert_eq!(
        (group["id"].as_i64(), group["name"].as_str()),
        (Some(finance), Some("Finance"))
    );
    assert_eq!(group["is_default"], false);
}

#[tokio::test]
async fn an_admin_creates_a_group_with_a_partial_policy() {
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let admin = app.signed_in(ADMIN).await;
    let body = json!({ "name": "  Field   Staff ", "policy": { "min_password_length": 16 } });

    let res = post(&admin, app.groups_url(records), body).await;

    assert_eq!(res.status(), 201);
    assert_eq!(res.headers()["etag"], "\"1\"");
    let group: Value = res.json().await.unwrap();
    assert_eq!(group["name"], "Field Staff", "the domain cleans the name");
    assert_eq!(group["policy"], policy(16, 60, true));
    assert_eq!(
        (&group["member_count"], &group["is_default"]),
        (&json!(0), &json!(false))
    );
    let url = app.group_url(records, group["id"].as_i64().unwrap());
    let shown: Value = get(&admin, url).await.json().await.unwrap();
    assert_eq!(shown, group);
}

#[tokio::test]
async fn an_invalid_name_and_out_of_range_policy_values_are_refused_together() {
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let admin = app.signed_in(ADMIN).await;
    let limits = json!({ "min_password_length": 7, "idle_timeout_minutes": 100000 });

    let res = post(
        &admin,
        app.groups_url(records),
        json!({ "name": " ", "policy": limits }),
    )
    .await;

    assert_eq!(res.status(), 422);
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["code"], "request.invalid");
    let errors = problem["errors"].as_array().unwrap();
    let fields: Vec<_> = errors
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
    assert_eq!(app.group_count(records).await, 3, "nothing was created");
}

#[tokio::test]
async fn a_name_differing_only_by_case_or_accents_is_taken() {
    let app = spawn_app().await;
    let (records, europe) = (app.account_id(RECORDS).await, app.account_id(EUROPE).await);
    let operations = app.group_id(records, "Operations").await;
    let (admin, eu_admin) = (app.signed_in(ADMIN).await, app.signed_in(EU_ADMIN).await);
    let created = post(&admin, app.groups_url(records), json!({ "name": "Équipe" })).await;
    assert_eq!(created.status(), 201);

    let same = post(&admin, app.groups_url(records), json!({ "name": "EQUIPE" })).await;
    let demo = post(
        &admin,
        app.groups_url(records),
        json!({ "name": "fînance" }),
    )
    .await;
    let url = app.group_url(records, operations);
    let rename = patch(&admin, url, "\"1\"", json!({ "name": "FINANCE" })).await;
    let elsewhere = post(
        &eu_admin,
        app.groups_url(europe),
        json!({ "name": "Équipe" }),
    )
    .await;

    for res in [same, demo, rename] {
        assert_eq!(res.status(), 409);
        assert_eq!(problem_code(res).await, "group.name_taken");
    }
    assert_eq!(elsewhere.status(), 201, "names are unique per account only");
}

#[tokio::test]
async fn a_group_of_another_account_answers_exactly_like_a_nonexistent_one() {
    let app = spawn_app().await;
    let (records, europe) = (app.account_id(RECORDS).await, app.account_id(EUROPE).await);
    let eu_default = app.group_id(europe, "Default").await;
    let finance = app.group_id(records, "Finance").await;
    let (admin, eu_admin) = (app.signed_in(ADMIN).await, app.signed_in(EU_ADMIN).await);
    let (eu_members, finance_members) = (
        app.members_of(europe, eu_default).await,
        app.members_of(records, finance).await,
    );
    let foreign = app.group_url(records, eu_default);
    let move_out = format!("{}?move_to={eu_default}", app.group_url(records, finance));

    let answers = [
        get(&admin, foreign.clone()).await,
        get(&admin, app.group_url(records, 999_999)).await,
        patch(
            &admin,
            foreign.clone(),
            "\"1\"",
            json!({ "name": "Taken over" }),
        )
        .await,
        delete(&admin, foreign).await,
        delete(&admin, move_out).await,
        get(&eu_admin, app.group_url(records, finance)).await,
        get(&eu_admin, app.groups_url(records)).await,
    ];

    let mut bodies = Vec::new();
    for res in answers {
        assert_eq!(res.status(), 404);
        bodies.push(res.text().await.unwrap());
    }
    assert!(bodies.iter().all(|b| *b == bodies[0]), "{bodies:?}");
    assert!(bodies[0].contains("request.not_found"));
    assert_eq!(
        app.group_name(europe, eu_default).await.as_deref(),
        Some("Default"),
        "the other account's group is untouched"
    );
    assert_eq!(app.members_of(europe, eu_default).await, eu_members);
    assert_eq!(app.members_of(records, finance).await, finance_members);
}

#[tokio::test]
async fn an_update_needs_the_current_etag() {
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let url = app.group_url(records, app.group_id(records, "Finance").await);
    let admin = app.signed_in(ADMIN).await;
    let change = json!({ "name": "Accounts", "policy": { "idle_timeout_minutes": 15 } });

    let missing = admin.patch(&url).json(&change).send().await.unwrap();
    let stale = patch(&admin, url.clone(), "\"0\"", change.clone()).await;
    let current = patch(&admin, url, "\"1\"", change).await;

    assert_eq!(missing.status(), 428);
    assert_eq!(problem_code(missing).await, "request.precondition_required");
    assert_eq!(stale.status(), 412);
    assert_eq!(problem_code(stale).await, "request.stale");
    assert_eq!(current.status(), 200);
    assert_eq!(current.headers()["etag"], "\"2\"");
    let group: Value = current.json().await.unwrap();
    assert_eq!(
        (&group["name"], &group["version"]),
        (&json!("Accounts"), &json!(2))
    );
    assert_eq!(group["policy"], policy(12, 15, true));
}

#[tokio::test]
async fn two_updates_with_the_same_etag_succeed_only_once() {
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let operations = app.group_id(records, "Operations").await;
    let (admin, delegate) = (app.signed_in(ADMIN).await, app.signed_in(DELEGATE).await);
    let change = |minutes: i64| json!({ "policy": { "idle_timeout_minutes": minutes } });
    let url = app.group_url(records, operations);

    let (a, b) = tokio::join!(
        patch(&admin, url.clone(), "\"1\"", change(30)),
        patch(&delegate, url.clone(), "\"1\"", change(90)),
    );

    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 412]);
    assert_eq!(app.group_version(records, operations).await, 2);
}
