//! The audit log's filters: by person (made by them or to them) and by time, as every reader of
//! the log may use them, and the group names beside group ids.

use crate::helpers::{ADMIN, DELEGATE, EU_ADMIN, EUROPE, RECORDS, get, json, problem_code};
use crate::helpers::{TestApp, spawn_app};
use reqwest::Client;
use serde_json::{Value, json};

/// The entries of Acme Records' log that `reader` gets for `query`, or the answer's status and
/// code.
async fn read(app: &TestApp, reader: &Client, query: &str) -> Result<Vec<Value>, (u16, String)> {
    let records = app.account_id(RECORDS).await;
    let url = app.url(&format!("/accounts/{records}/audit?limit=200&{query}"));
    let res = get(reader, url).await;
    match res.status().as_u16() {
        200 => Ok(json(res).await["items"].as_array().unwrap().clone()),
        status => Err((status, problem_code(res).await)),
    }
}

fn ids(entries: &[Value]) -> Vec<i64> {
    entries.iter().map(|e| e["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn the_log_is_filtered_by_person_made_by_or_to_them() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let nina = app.staged_user(&admin, "nina.neuer@acme.test").await;
    let other = app.staged_user(&admin, "otto.other@acme.test").await;
    let me = app.user_id(ADMIN).await;

    let of_nina = read(&app, &admin, &format!("person={nina}")).await.unwrap();
    let of_admin = read(&app, &admin, &format!("person={me}")).await.unwrap();

    assert_eq!(
        of_nina.iter().map(|e| &e["action"]).collect::<Vec<_>>(),
        ["user.created"]
    );
    assert_eq!(of_nina[0]["target_user_id"], nina);
    assert!(
        of_admin
            .iter()
            .all(|e| e["actor_id"] == me || e["target_user_id"] == me),
        "only the admin's own entries: {of_admin:?}"
    );
    let targets: Vec<&Value> = of_admin.iter().map(|e| &e["target_user_id"]).collect();
    assert!(targets.contains(&&json!(nina)) && targets.contains(&&json!(other)));
}

#[tokio::test]
async fn the_log_is_filtered_by_time_from_included_to_excluded() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let nina = app.staged_user(&admin, "nina.neuer@acme.test").await;
    let created = read(&app, &admin, &format!("person={nina}")).await.unwrap();
    let at = created[0]["at"].as_i64().unwrap();
    let within = |from: i64, to: i64| {
        let (app, admin) = (&app, &admin);
        async move {
            ids(
                &read(app, admin, &format!("person={nina}&from={from}&to={to}"))
                    .await
                    .unwrap(),
            )
        }
    };

    assert_eq!(within(at, at + 1).await, ids(&created));
    assert_eq!(within(at - 86_400, at).await, Vec::<i64>::new());
    assert_eq!(within(at + 1, at + 86_400).await, Vec::<i64>::new());
    let since = read(&app, &admin, &format!("from={at}")).await.unwrap();
    assert!(since.iter().all(|e| e["at"].as_i64().unwrap() >= at));
    assert!(ids(&since).contains(&ids(&created)[0]));
}

#[tokio::test]
async fn a_bad_date_or_a_range_ending_before_it_starts_is_refused() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let invalid = (422, "request.invalid_query".to_owned());

    for query in [
        "from=yesterday",
        "to=2026-12-01",
        "from=1.5",
        "to=99999999999999999999",
        "person=nina",
        "from=1000&to=999",
    ] {
        assert_eq!(
            read(&app, &admin, query).await,
            Err(invalid.clone()),
            "{query}"
        );
    }
    assert_eq!(read(&app, &admin, "from=1000&to=1000").await, Ok(vec![]));
}

#[tokio::test]
async fn a_person_of_another_account_finds_nothing_of_them_and_readers_are_guarded() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let delegate = app.signed_in(DELEGATE).await;
    let eu_admin = app.signed_in(EU_ADMIN).await;
    // A plain user of Acme Records (and an administrator of Acme Europe).
    let plain = app.signed_in("eu-ops@acme.test").await;
    let nina = app.staged_user(&admin, "nina.neuer@acme.test").await;
    let foreigner = app.user_id(EU_ADMIN).await;
    let europe = app.account_id(EUROPE).await;
    let query = format!("person={nina}&from=0");

    // Only Acme Europe's administrator: nothing of them is in Acme Records' log.
    assert_eq!(
        read(&app, &admin, &format!("person={foreigner}")).await,
        Ok(vec![])
    );
    // Acme Records' log is not theirs to read, with or without a filter.
    let foreign = get(
        &eu_admin,
        app.url(&format!(
            "/accounts/{}/audit?{query}",
            app.account_id(RECORDS).await
        )),
    )
    .await;
    assert_eq!(foreign.status(), 404);
    assert_eq!(
        read(&app, &plain, &query).await,
        Err((403, "authz.not_admin".to_owned()))
    );
    // A lesser delegate reads the same entries of the log as the top administrator.
    assert_eq!(
        ids(&read(&app, &delegate, &query).await.unwrap()),
        ids(&read(&app, &admin, &query).await.unwrap())
    );
    // Nor does Acme Europe's log name the people of Acme Records.
    let res = get(
        &eu_admin,
        app.url(&format!("/accounts/{europe}/audit?person={nina}")),
    )
    .await;
    assert_eq!(json(res).await["items"], json!([]));
}

#[tokio::test]
async fn a_request_to_join_names_its_group_beside_its_id() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let records = app.account_id(RECORDS).await;
    let operations = app.group_id(records, "Operations").await;

    let res = admin
        .post(app.url(&format!("/accounts/{records}/users")))
        .json(&json!({"email": EU_ADMIN, "first_name": "E", "last_name": "U", "group": operations}))
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 202);
    let entry = &app.audit_entries(&admin, records, "join.requested").await[0];
    assert_eq!(
        (&entry["after"]["group"], &entry["after"]["group_name"]),
        (&json!(operations), &json!("Operations"))
    );
}
