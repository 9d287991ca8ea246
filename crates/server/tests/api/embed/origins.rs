//! The origins that may frame an account's pages: set by its top administrators only, in
//! canonical form, audited; every refused entry named.

use super::*;

#[tokio::test]
async fn top_administrators_set_the_embedding_origins_in_canonical_form_and_it_is_audited() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let records = app.account_id(RECORDS).await;
    let url = app.url(&format!("/accounts/{records}"));
    let before = json(get(&admin, url.clone()).await).await;
    assert_eq!(before["embedding_origins"], json!([DEMO_PORTAL_ORIGIN]));

    // Act
    let origins = json!(["HTTPS://Portal.Acme.test:443/", "http://127.0.0.1:8081"]);
    let res = app
        .patch_current(&admin, &url, json!({ "embedding_origins": origins }))
        .await;

    // Assert
    assert_eq!(res.status(), 200);
    let after = json(res).await;
    let expected = json!(["https://portal.acme.test", "http://127.0.0.1:8081"]);
    assert_eq!(after["embedding_origins"], expected);
    assert_eq!(after["seats"], before["seats"], "the rest stays");
    let logged = app.audit_entries(&admin, records, "account.updated").await;
    assert_eq!(
        logged[0]["before"]["embedding_origins"],
        json!([DEMO_PORTAL_ORIGIN])
    );
    assert_eq!(logged[0]["after"]["embedding_origins"], expected);
}

#[tokio::test]
async fn each_refused_origin_is_named_by_its_position_and_nothing_is_saved() {
    // Arrange
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let records = app.account_id(RECORDS).await;
    let url = app.url(&format!("/accounts/{records}"));

    // Act
    let origins = json!([
        "https://portal.acme.test",
        "http://portal.acme.test",
        "https://PORTAL.acme.test",
        "https://portal.acme.test/users",
        "http://[::1]:8081",
    ]);
    let res = app
        .patch_current(&admin, &url, json!({ "embedding_origins": origins }))
        .await;

    // Assert
    assert_eq!(res.status(), 422);
    let problem = json(res).await;
    let errors: Vec<(&str, &str)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        errors,
        [
            ("embedding_origins[1]", "embedding_origin.insecure"),
            ("embedding_origins[2]", "embedding_origin.duplicate"),
            ("embedding_origins[3]", "embedding_origin.invalid"),
            ("embedding_origins[4]", "embedding_origin.bracketed_host"),
        ]
    );
    let now = json(get(&admin, url).await).await;
    assert_eq!(now["embedding_origins"], json!([DEMO_PORTAL_ORIGIN]));

    let many: Vec<String> = (0..21).map(|n| format!("https://p{n}.acme.test")).collect();
    let url = app.url(&format!("/accounts/{records}"));
    let res = app
        .patch_current(&admin, &url, json!({ "embedding_origins": many }))
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(problem_code(res).await, "embedding_origin.too_many");
}

#[tokio::test]
async fn only_top_administrators_of_the_account_change_its_embedding_origins() {
    // Arrange
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let europe = app.account_id(EUROPE).await;
    let url = app.url(&format!("/accounts/{records}"));
    let change = json!({ "embedding_origins": ["https://evil.example.com"] });
    let delegate = app.signed_in(DELEGATE).await;
    let user = app.signed_in(DEMO_USER).await;
    let eu_admin = app.signed_in(EU_ADMIN).await;

    // Act
    let by_delegate = app.patch_current(&delegate, &url, change.clone()).await;
    let by_user = crate::helpers::patch(&user, url.clone(), "\"1\"", change.clone())
        .await
        .status();
    let by_other_admin = crate::helpers::patch(&eu_admin, url.clone(), "\"1\"", change.clone())
        .await
        .status();

    // Assert
    assert_eq!(by_delegate.status(), 403);
    assert_eq!(
        problem_code(by_delegate).await,
        "authz.policy_change_not_allowed"
    );
    assert_eq!(by_user, 403);
    assert!(
        [403, 404].contains(&by_other_admin.as_u16()),
        "{by_other_admin}"
    );
    let admin = app.signed_in(ADMIN).await;
    let now = json(get(&admin, url).await).await;
    assert_eq!(now["embedding_origins"], json!([DEMO_PORTAL_ORIGIN]));
    let refusals = app.audit_entries(&admin, records, "refused").await;
    assert!(!refusals.is_empty(), "the delegate's attempt is audited");
    // Europe's own origins are none.
    let eu = json(get(&eu_admin, app.url(&format!("/accounts/{europe}"))).await).await;
    assert_eq!(eu["embedding_origins"], json!([]));
}
