//! Grants everywhere: the API's answer to every role and authority change equals the domain's
//! decision, escalation is refused through each path, and an account keeps an active admin.

use crate::helpers::{TestApp, json, problem_code, spawn_app};
use roster_domain::authz::{AuthzPolicy, AuthzRefusal, Change, Member, Role, decide};
use serde_json::{Value, json};

/// A member as the rules see them, read from the database.
async fn member(app: &TestApp, account: i64, user: i64) -> Member<i64> {
    app.member(account, user).await.unwrap()
}

/// The status and code the API answers a refusal with.
fn expected(refusal: &AuthzRefusal) -> u16 {
    match refusal {
        AuthzRefusal::LastActiveAdmin | AuthzRefusal::Lifecycle(_) => 409,
        AuthzRefusal::UnknownKind { .. } | AuthzRefusal::UnknownLevel { .. } => 422,
        _ => 403,
    }
}

/// PATCHes `body` onto `user` with the current ETag.
async fn patch(
    app: &TestApp,
    client: &reqwest::Client,
    account: i64,
    user: i64,
    body: &Value,
) -> reqwest::Response {
    let url = app.url(&format!("/accounts/{account}/users/{user}"));
    let tag = client.get(&url).send().await.unwrap().headers()["etag"].clone();
    client
        .patch(&url)
        .header("if-match", tag)
        .json(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn every_grant_the_api_answers_is_the_domains_decision() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let admin = app.signed_in("admin@acme.test").await;
    let settings = json(
        admin
            .get(app.url(&format!("/accounts/{records}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let policy: AuthzPolicy = serde_json::from_value(settings["policy"].clone()).unwrap();

    // Targets: plain users holding records A, B and C, and the other demo admin.
    let mut targets = Vec::new();
    for level in ["A", "B", "C"] {
        let mut id = None;
        for person in app.plain_users_of(records).await {
            let held = member(&app, records, person.id).await;
            if held.grants.level("records") == Some(level) {
                id = Some(person.id);
                break;
            }
        }
        targets.push(id.unwrap());
    }
    let mut checked = 0;
    for actor_name in ["delegate@acme.test", "admin@acme.test"] {
        let actor_id = app.user_id(actor_name).await;
        let client = app.signed_in(actor_name).await;
        let mut changes: Vec<(Change, Value)> = vec![
            (
                Change::SetRole { role: Role::Admin },
                json!({"role": "admin"}),
            ),
            (
                Change::SetRole { role: Role::User },
                json!({"role": "user"}),
            ),
        ];
        for kind in policy.kinds() {
            for level in kind.levels.iter().map(Some).chain([None]) {
                changes.push((
                    Change::SetAuthority {
                        kind: kind.key.clone(),
                        level: level.cloned(),
                    },
                    json!({"authorities": { kind.key.as_str(): level }}),
                ));
            }
        }
        for &target in targets
            .iter()
            .chain([&app.user_id("delegate@acme.test").await])
        {
            for (change, body) in &changes {
                let actor = member(&app, records, actor_id).await;
                let subject = member(&app, records, target).await;
                let admins = app.active_admins(records).await;
                // A change to what the target already holds is no change at all.
                let no_op = match change {
                    Change::SetRole { role } => *role == subject.role,
                    Change::SetAuthority { kind, level } => {
                        subject.grants.level(kind) == level.as_deref()
                    }
                    _ => false,
                };
                let decision = decide(&policy, Some(&actor), &subject, change, admins);
                let res = patch(&app, &client, records, target, body).await;
                let status = res.status().as_u16();
                match (&decision, no_op) {
                    (_, true) => assert_eq!(status, 200, "{actor_name} {change:?} (no change)"),
                    (Ok(()), _) => assert_eq!(status, 200, "{actor_name} {change:?} on {target}"),
                    (Err(refusal), _) => {
                        assert_eq!(
                            status,
                            expected(refusal),
                            "{actor_name} {change:?} on {target}"
                        );
                        assert_eq!(
                            problem_code(res).await,
                            roster_domain::Coded::code(refusal).as_str()
                        );
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "{checked} decisions compared");
}

#[tokio::test]
async fn a_delegate_cannot_escalate_through_any_path() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let delegate = app.signed_in("delegate@acme.test").await;
    let me = app.user_id("delegate@acme.test").await;
    let admin = app.user_id("admin@acme.test").await;

    // Above their own level, on someone else, at creation, on themselves, on a superior.
    let above = patch(
        &app,
        &delegate,
        records,
        admin,
        &json!({"authorities": {"records": "A"}}),
    )
    .await;
    assert_eq!(above.status(), 403);
    let created = delegate
        .post(app.url(&format!("/accounts/{records}/users")))
        .json(
            &json!({"email": "x.y@acme.test", "first_name": "X", "last_name": "Y",
            "role": "admin", "authorities": {"records": "E"}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 403, "records E at creation");
    let own = patch(
        &app,
        &delegate,
        records,
        me,
        &json!({"authorities": {"records": "E"}}),
    )
    .await;
    assert_eq!(problem_code(own).await, "authz.self_change");
    let interaction = patch(&app, &delegate, records, admin, &json!({"role": "user"})).await;
    assert_eq!(
        interaction.status(),
        403,
        "demoting an admin who outranks them"
    );
    let policy = delegate
        .patch(app.url(&format!("/accounts/{records}")))
        .header(
            "if-match",
            delegate
                .get(app.url(&format!("/accounts/{records}")))
                .send()
                .await
                .unwrap()
                .headers()["etag"]
                .clone(),
        )
        .json(&json!({"policy": {"kinds": []}}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        problem_code(policy).await,
        "authz.policy_change_not_allowed"
    );
    let settings = json(
        delegate
            .get(app.url(&format!("/accounts/{records}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let offered: Vec<&str> = settings["grantable"]["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["kind"] == "records")
        .flat_map(|k| {
            k["levels"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap())
        })
        .collect();
    assert_eq!(offered, ["A", "B", "C"]);
    assert_eq!(settings["grantable"]["kinds"].as_array().unwrap().len(), 1);
    assert_eq!(settings["may_change_policy"], false);
}

#[tokio::test]
async fn an_account_always_keeps_an_active_admin() {
    let app = spawn_app().await;
    let europe = app.account_id("Acme Europe").await;
    let records = app.account_id("Acme Records").await;
    let eu_admin = app.user_id("eu-admin@acme.test").await;
    // admin@acme.test is a plain user of Europe; made an admin there with the top levels, they
    // may demote the other admin, and promote them back.
    let eu = app.signed_in("eu-admin@acme.test").await;
    let admin_id = app.user_id("admin@acme.test").await;
    let top = json!({"records": "E", "interaction": "approve", "dr": "DR4"});
    let res = patch(
        &app,
        &eu,
        europe,
        admin_id,
        &json!({"role": "admin", "authorities": top}),
    )
    .await;
    assert_eq!(res.status(), 200);
    let admin = app.signed_in("admin@acme.test").await;
    let demoted = patch(&app, &admin, europe, eu_admin, &json!({"role": "user"})).await;
    assert_eq!(demoted.status(), 200, "two admins: one may be demoted");
    let back = patch(&app, &admin, europe, eu_admin, &json!({"role": "admin"})).await;
    assert_eq!(back.status(), 200);

    // Suspending the last active admin of Records (once the others are gone) is refused.
    let others = app.admins_of(records).await;
    for other in others.into_iter().filter(|&other| other != admin_id) {
        app.set_role(records, other, Role::User).await;
    }
    let self_suspend = admin
        .post(app.url(&format!("/accounts/{records}/users/{admin_id}/suspend")))
        .send()
        .await
        .unwrap();
    assert_eq!(self_suspend.status(), 403, "nobody suspends themselves");
    let eu_suspends = eu
        .post(app.url(&format!("/accounts/{europe}/users/{admin_id}/suspend")))
        .send()
        .await
        .unwrap();
    // Nor does an administrator of another account of theirs, where they are a plain user.
    assert_eq!(
        eu_suspends.status(),
        403,
        "Records is not Europe's to change"
    );
    assert_eq!(problem_code(eu_suspends).await, "authz.person_shared");
}
