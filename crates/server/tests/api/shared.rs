//! A person shared by several accounts: the attacks of the safe-delegation issue, each tried as
//! it was on the demo, and what an administrator of every account of theirs may do.

use crate::helpers::{TestApp, json, problem_code, spawn_app};
use roster_domain::lifecycle::UserState;
use serde_json::{Value, json};

/// An active plain user of both demo accounts, with the demo password.
async fn shared_user(app: &TestApp) -> (i64, String) {
    let person = app.shared_plain_users().await.remove(0);
    app.give_demo_password(person.id).await;
    (person.id, person.email)
}

#[tokio::test]
async fn an_administrator_of_another_account_cannot_take_over_a_shared_person() {
    let app = spawn_app().await;
    let europe = app.account_id("Acme Europe").await;
    let records = app.account_id("Acme Records").await;
    let admin_id = app.user_id("admin@acme.test").await;
    let eu = app.signed_in("eu-admin@acme.test").await;
    let person = app.url(&format!("/accounts/{europe}/users/{admin_id}"));

    let temporary = eu
        .post(format!("{person}/temporary-password"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        temporary.status(),
        403,
        "no password for Records' top admin"
    );
    assert_eq!(problem_code(temporary).await, "authz.person_shared");
    for action in ["suspend", "deprovision"] {
        let res = eu.post(format!("{person}/{action}")).send().await.unwrap();
        assert_eq!(res.status(), 403, "{action}");
        assert_eq!(problem_code(res).await, "authz.person_shared");
    }
    let edit = app
        .patch_current(&eu, &person, json!({"email": "mine@evil.test"}))
        .await;
    assert_eq!(edit.status(), 403);
    assert_eq!(problem_code(edit).await, "authz.person_shared");

    // The page offers none of it, and says why.
    let seen = json(eu.get(&person).send().await.unwrap()).await;
    assert_eq!(seen["allowed_actions"], json!([]));
    assert_eq!(
        (seen["editable"].clone(), seen["shared"].clone()),
        (json!(false), json!(true))
    );
    // Still admin@acme.test with their password, and the probing is in both logs.
    let admin = app.signed_in("admin@acme.test").await;
    for account in [records, europe] {
        let reader = if account == records { &admin } else { &eu };
        let refused: Vec<Value> = app
            .audit(reader, account)
            .await
            .into_iter()
            .filter(|e| e["action"] == "refused" && e["target_user_id"] == admin_id)
            .collect();
        assert_eq!(refused.len(), 4, "in account {account}: {refused:?}");
        assert_eq!(refused[0]["after"]["code"], "authz.person_shared");
    }
}

#[tokio::test]
async fn a_staged_shared_person_is_neither_invited_nor_deleted_from_one_account() {
    let app = spawn_app().await;
    let europe = app.account_id("Acme Europe").await;
    let person = app.people_in(UserState::Staged, 2).await[0].id;
    let eu = app.signed_in("eu-admin@acme.test").await;
    let url = app.url(&format!("/accounts/{europe}/users/{person}"));

    let invite = eu.post(format!("{url}/invitation")).send().await.unwrap();
    let delete = eu.delete(&url).send().await.unwrap();

    for res in [invite, delete] {
        assert_eq!(res.status(), 403);
        assert_eq!(problem_code(res).await, "authz.person_shared");
    }
    assert_eq!(app.state_of(person).await.as_str(), "staged");
}

#[tokio::test]
async fn a_delegate_cannot_pull_another_accounts_admin_into_theirs() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let europe_admin = app.user_id("eu-admin@acme.test").await;
    let delegate = app.signed_in("delegate@acme.test").await;

    let res = delegate
        .post(app.url(&format!("/accounts/{records}/users")))
        .json(&json!({"email": "eu-admin@acme.test", "first_name": "X", "last_name": "Y"}))
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 202);
    let answer = json(res).await;
    let request = &answer["join_request"];
    assert_eq!(request["email"], "eu-admin@acme.test");
    assert_eq!(request["requested_by"], "delegate@acme.test");
    let mut keys: Vec<&String> = request.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "email",
            "expires_at",
            "id",
            "requested_at",
            "requested_by",
            "role"
        ],
        "the request, and nothing of the person: {answer}"
    );
    assert!(!answer.to_string().contains("Europa"));
    // Not a member: nothing of them is the delegate's to change.
    let temporary = delegate
        .post(app.url(&format!(
            "/accounts/{records}/users/{europe_admin}/temporary-password"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(temporary.status(), 404);
    assert!(!app.is_member(records, europe_admin).await);
    // The request waits in the account's list; its link went to the person only.
    let listed = json(
        delegate
            .get(app.url(&format!("/accounts/{records}/join-requests")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(listed["items"][0]["email"], "eu-admin@acme.test");
    let admin = app.signed_in("admin@acme.test").await;
    let seen = app.mailbox(&admin).await;
    assert!(seen.iter().all(|e| e["kind"] != "join_request"), "{seen:?}");
    assert!(
        app.mailbox(&delegate)
            .await
            .iter()
            .all(|e| e["kind"] != "join_request")
    );

    // Once they accept, they are a plain member of Records; their login stays Europe's too.
    let joined = app.accept_join("eu-admin@acme.test").await;
    assert_eq!(joined["account_name"], "Acme Records");
    let temporary = delegate
        .post(app.url(&format!(
            "/accounts/{records}/users/{europe_admin}/temporary-password"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(temporary.status(), 403);
    assert_eq!(problem_code(temporary).await, "authz.person_shared");
}

#[tokio::test]
async fn a_delegate_cannot_reach_a_superior_through_side_doors() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let admin_id = app.user_id("admin@acme.test").await;
    let delegate = app.signed_in("delegate@acme.test").await;
    let admin = app.signed_in("admin@acme.test").await;

    let seat = delegate
        .delete(app.url(&format!("/accounts/{records}/users/{admin_id}/licence")))
        .send()
        .await
        .unwrap();
    assert_eq!(seat.status(), 403, "releasing the records-E admin's seat");
    assert_eq!(problem_code(seat).await, "authz.insufficient_authority");

    // admin@acme.test moves into Finance; the delegate may neither move them out by deleting
    // it nor change its rules.
    let finance = app.group_id(records, "Finance").await;
    let default = app.default_group(records).await;
    let me = app.url(&format!("/accounts/{records}/users/{admin_id}"));
    let moved = app
        .patch_current(&admin, &me, json!({ "group": finance }))
        .await;
    assert_eq!(moved.status(), 200);
    let group = app.url(&format!("/accounts/{records}/groups/{finance}"));
    let deleted = delegate
        .delete(format!("{group}?move_to={default}"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 403);
    assert_eq!(problem_code(deleted).await, "authz.group_has_superiors");
    let policy = json!({"policy": {"min_password_length": 8, "idle_timeout_minutes": 1440}});
    let policy = app.patch_current(&delegate, &group, policy).await;
    assert_eq!(policy.status(), 403);
    assert_eq!(problem_code(policy).await, "authz.group_has_superiors");
    let rename = app
        .patch_current(&delegate, &group, json!({"name": "Money"}))
        .await;
    assert_eq!(
        rename.status(),
        200,
        "a name changes nothing for its members"
    );

    // Nor the account's seats, approved domains or invitation lifetime.
    let account = app.url(&format!("/accounts/{records}"));
    for change in [
        json!({"seats": 500}),
        json!({"approved_domains": ["evil.test"]}),
        json!({"invitation_lifetime_hours": 2160}),
    ] {
        let res = app.patch_current(&delegate, &account, change.clone()).await;
        assert_eq!(res.status(), 403, "{change}");
        assert_eq!(problem_code(res).await, "authz.policy_change_not_allowed");
    }
    let settings = json(delegate.get(&account).send().await.unwrap()).await;
    assert_eq!(settings["seats"], 25);
    assert_eq!(settings["approved_domains"], json!(["acme.test"]));
}

#[tokio::test]
async fn an_administrator_of_every_account_changes_the_person_and_each_log_says_so() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let europe = app.account_id("Acme Europe").await;
    app.make_top_admin(europe, "admin@acme.test").await;
    let (person, _) = shared_user(&app).await;
    let admin = app.signed_in("admin@acme.test").await;
    let eu = app.signed_in("eu-admin@acme.test").await;
    let url = app.url(&format!("/accounts/{records}/users/{person}"));

    let res = app
        .patch_current(&admin, &url, json!({"last_name": "Renamed"}))
        .await;
    assert_eq!(res.status(), 200);

    let here = app.audit(&admin, records).await;
    let there = app.audit(&eu, europe).await;
    assert_eq!(here[0]["action"], "user.updated");
    assert_eq!(here[0]["origin_account_id"], Value::Null);
    assert_eq!(here[0]["after"]["role"], "user");
    assert_eq!(there[0]["action"], "user.updated");
    assert_eq!(there[0]["target_user_id"], person);
    assert_eq!(there[0]["origin_account"], "Acme Records");
    assert_eq!(there[0]["after"]["last_name"], "Renamed");
    assert!(
        there[0]["after"].get("group_name").is_none(),
        "Records' membership is not Europe's business"
    );
}

#[tokio::test]
async fn a_person_removed_from_a_second_account_hears_of_that_account() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let europe = app.account_id("Acme Europe").await;
    app.make_top_admin(europe, "admin@acme.test").await;
    let (person, _) = shared_user(&app).await;
    let admin = app.signed_in("admin@acme.test").await;

    let res = admin
        .delete(app.url(&format!("/accounts/{records}/users/{person}/memberships")))
        .json(&json!({ "accounts": [europe] }))
        .send()
        .await
        .unwrap();

    assert_eq!(json(res).await["results"][0]["ok"], true);
    let emails = app.mailbox(&admin).await;
    let confirmation = emails
        .iter()
        .find(|e| e["kind"] == "removal_confirmation")
        .unwrap();
    assert!(
        confirmation["subject"]
            .as_str()
            .unwrap()
            .ends_with("was removed from Acme Europe"),
        "{confirmation}"
    );
}
