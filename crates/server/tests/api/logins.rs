//! One login, one person, whatever account adds them: a username registered first by another
//! account is not the person typed, a username is never another person's email, and an email is
//! approved by every account of the person. Found by a review of safe delegation.

use crate::helpers::{PASSWORD, json, problem_code, row, spawn_app};
use roster_domain::lifecycle::UserState;
use serde_json::json;

#[tokio::test]
async fn a_username_another_account_registered_first_is_not_the_person_typed() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let europe = app.account_id("Acme Europe").await;
    let eu = app.signed_in("eu-admin@acme.test").await;
    // Europe approves any domain: eu-admin registers the username of Records' next hire.
    let squat = eu
        .post(app.url(&format!("/accounts/{europe}/users")))
        .json(
            &json!({"email": "mallory@evil.example", "username": "newhire@acme.test",
                      "first_name": "New", "last_name": "Hire"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(squat.status(), 201);
    let admin = app.signed_in("admin@acme.test").await;

    let res = admin
        .post(app.url(&format!("/accounts/{records}/users")))
        .json(
            &json!({"email": "newhire@acme.test", "first_name": "Nina", "last_name": "Hire",
                      "role": "admin", "authorities": {"records": "E"}}),
        )
        .send()
        .await
        .unwrap();
    let rows = vec![row(
        1,
        "newhire@acme.test",
        "Nina",
        json!({"role": "admin"}),
    )];
    let imported = json(app.send_chunk(&admin, records, "squat-1", rows).await).await;

    assert_eq!(
        res.status(),
        422,
        "neither joined nor asked in Nina's place"
    );
    assert_eq!(problem_code(res).await, "user.username_taken");
    assert_eq!(imported["results"][0]["outcome"], "refused");
    assert_eq!(
        imported["results"][0]["findings"][0]["code"],
        "user.username_taken"
    );
    assert_eq!(app.join_request_count().await, 0);
}

#[tokio::test]
async fn a_username_is_never_another_persons_email() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let europe = app.account_id("Acme Europe").await;
    let admin = app.signed_in("admin@acme.test").await;
    let eu = app.signed_in("eu-admin@acme.test").await;
    let delegate = app.user_id("delegate@acme.test").await;
    let delegate_url = app.url(&format!("/accounts/{records}/users/{delegate}"));
    let renamed = app
        .patch_current(&admin, &delegate_url, json!({"username": "dee"}))
        .await;
    assert_eq!(renamed.status(), 200);

    // A new login named by Dee's email would take her sign-in by email.
    let shadow = eu
        .post(app.url(&format!("/accounts/{europe}/users")))
        .json(&json!({"email": "delegate@acme.test", "first_name": "D", "last_name": "D"}))
        .send()
        .await
        .unwrap();
    // So would renaming someone else to it.
    let other = app.plain_users_only_in(records).await[0].id;
    let other_url = app.url(&format!("/accounts/{records}/users/{other}"));
    let rename = app
        .patch_current(
            &admin,
            &other_url,
            json!({"username": "DELEGATE@acme.test"}),
        )
        .await;

    for res in [shadow, rename] {
        assert_eq!(res.status(), 422);
        assert_eq!(problem_code(res).await, "user.username_taken");
    }
    let dee = app.client();
    let signed = app.sign_in(&dee, "delegate@acme.test", PASSWORD).await;
    assert_eq!(signed.status(), 200, "Dee still signs in by email");
    assert_eq!(json(signed).await["username"], "dee");
}

#[tokio::test]
async fn an_email_is_approved_by_every_account_of_the_person() {
    let app = spawn_app().await;
    let europe = app.account_id("Acme Europe").await;
    let ops = app.user_id("eu-ops@acme.test").await;
    let olga = app.signed_in("eu-ops@acme.test").await;
    let url = app.url(&format!("/accounts/{europe}/users/{ops}"));

    // Europe approves any domain; Records, which Olga also belongs to, only acme.test.
    let res = app
        .patch_current(&olga, &url, json!({"email": "olga@evil.example"}))
        .await;

    assert_eq!(res.status(), 422);
    assert_eq!(problem_code(res).await, "domain.not_approved");
    let moved = app
        .patch_current(&olga, &url, json!({"email": "olga@acme.test"}))
        .await;
    assert_eq!(moved.status(), 200, "an address every account approves");
}

#[tokio::test]
async fn a_join_is_refused_once_the_accounts_domains_no_longer_approve_the_person() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let admin = app.signed_in("admin@acme.test").await;
    let asked = admin
        .post(app.url(&format!("/accounts/{records}/users")))
        .json(&json!({"email": "eu-admin@acme.test", "first_name": "E", "last_name": "E"}))
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), 202);
    let account = app.url(&format!("/accounts/{records}"));
    let narrowed = app
        .patch_current(&admin, &account, json!({"approved_domains": ["acme.eu"]}))
        .await;
    assert_eq!(narrowed.status(), 200);

    let eva = app.signed_in("eu-admin@acme.test").await;
    let token = app.mailed_token(&eva, "eu-admin@acme.test", "join").await;
    let res = app
        .client()
        .post(app.url("/join-requests/accept"))
        .json(&json!({ "token": token }))
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 409);
    assert_eq!(problem_code(res).await, "domain.not_approved");
    let eva_id = app.user_id("eu-admin@acme.test").await;
    let member = admin
        .get(app.url(&format!("/accounts/{records}/users/{eva_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(member.status(), 404);
    assert_eq!(
        app.audit(&admin, records).await[0]["action"],
        "join.withdrawn"
    );
}

#[tokio::test]
async fn a_deprovisioned_person_joins_without_a_seat() {
    let app = spawn_app().await;
    let europe = app.account_id("Acme Europe").await;
    app.make_top_admin(europe, "admin@acme.test").await;
    // A deprovisioned person of Records only, whom Ada manages everywhere.
    let gone = app.people_in(UserState::Deprovisioned, 1).await;
    let (gone, email) = (gone[0].id, gone[0].email.clone());
    let admin = app.signed_in("admin@acme.test").await;

    let rows = vec![row(1, &email, "Gone", json!({"licence": "yes"}))];
    let answer = json(app.send_chunk(&admin, europe, "gone-1", rows).await).await;

    assert_eq!(answer["results"][0]["outcome"], "added");
    let licensed = app.is_licensed(europe, gone).await;
    assert!(!licensed, "a deprovisioned person holds no seat");
}

#[tokio::test]
async fn refusals_among_several_accounts_and_settings_sent_by_a_delegate_are_audited() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let admin_id = app.user_id("admin@acme.test").await;
    let delegate = app.signed_in("delegate@acme.test").await;
    let admin = app.signed_in("admin@acme.test").await;

    let removed = json(
        delegate
            .delete(app.url(&format!("/accounts/{records}/users/{admin_id}/memberships")))
            .json(&json!({ "accounts": [records] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    // Refused before its values are read, invalid as they are.
    let account = app.url(&format!("/accounts/{records}"));
    let settings = app
        .patch_current(&delegate, &account, json!({"seats": -5}))
        .await;

    assert_eq!(
        removed["results"][0]["code"],
        "authz.insufficient_authority"
    );
    assert_eq!(settings.status(), 403);
    let refused: Vec<String> = app
        .audit(&admin, records)
        .await
        .into_iter()
        .filter(|e| e["action"] == "refused")
        .map(|e| e["after"]["code"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        refused,
        [
            "authz.policy_change_not_allowed",
            "authz.insufficient_authority"
        ]
    );
}
