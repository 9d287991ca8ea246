//! Languages: the one an account gives the people added to it without one, changed only by its
//! top administrators.

use crate::helpers::{ADMIN, DELEGATE, RECORDS, json, problem_code, row, spawn_app};
use serde_json::{Value, json};

#[tokio::test]
async fn people_added_without_a_language_get_the_account_s() {
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let admin = app.signed_in(ADMIN).await;
    let url = app.url(&format!("/accounts/{records}"));
    let settings = admin.get(&url).send().await.unwrap();
    let tag = settings.headers()["etag"].clone();
    assert_eq!(json(settings).await["default_language"], "en");

    let unknown = admin
        .patch(&url)
        .header("if-match", &tag)
        .json(&json!({"default_language": "de"}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 422);
    let problem = json(unknown).await;
    assert_eq!(problem["errors"][0]["field"], "default_language");
    assert_eq!(problem["errors"][0]["code"], "language.unsupported");

    let french = admin
        .patch(&url)
        .header("if-match", &tag)
        .json(&json!({"default_language": "fr"}))
        .send()
        .await
        .unwrap();
    assert_eq!(french.status(), 200);
    assert_eq!(json(french).await["default_language"], "fr");
    let entries = app.audit_entries(&admin, records, "account.updated").await;
    let entry = entries.first().unwrap();
    assert_eq!(entry["before"]["default_language"], "en", "{entry}");
    assert_eq!(entry["after"]["default_language"], "fr", "{entry}");

    let users = app.url(&format!("/accounts/{records}/users"));
    let add = |email: &'static str, language: Value| {
        let admin = admin.clone();
        let users = users.clone();
        async move {
            let mut body = json!({"email": email, "first_name": "Léa", "last_name": "Roux"});
            if !language.is_null() {
                body["language"] = language;
            }
            let res = admin.post(&users).json(&body).send().await.unwrap();
            assert_eq!(res.status(), 201, "{email}");
            json(res).await["language"].clone()
        }
    };
    assert_eq!(add("lea.roux@acme.test", Value::Null).await, "fr");
    assert_eq!(add("lea.blank@acme.test", json!(" ")).await, "fr");
    assert_eq!(add("lea.english@acme.test", json!("en")).await, "en");

    // Imported rows too, unless the file says.
    let rows = vec![
        row(1, "imported.fr@acme.test", "Inès", json!({})),
        row(2, "imported.en@acme.test", "Ian", json!({"language": "en"})),
    ];
    let res = app.send_chunk(&admin, records, "languages-1", rows).await;
    assert_eq!(res.status(), 200);
    for (email, language) in [
        ("imported.fr@acme.test", "fr"),
        ("imported.en@acme.test", "en"),
    ] {
        let found = json(
            admin
                .get(format!("{users}?q={email}"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        let id = found["items"][0]["id"].as_i64().unwrap();
        let user = json(admin.get(format!("{users}/{id}")).send().await.unwrap()).await;
        assert_eq!(user["language"], language, "{email}");
    }
}

#[tokio::test]
async fn only_top_administrators_choose_an_account_s_language() {
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let delegate = app.signed_in(DELEGATE).await;
    let url = app.url(&format!("/accounts/{records}"));
    let tag = delegate.get(&url).send().await.unwrap().headers()["etag"].clone();
    let res = delegate
        .patch(&url)
        .header("if-match", &tag)
        .json(&json!({"default_language": "fr"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // An administrator of another account does not even see it.
    let eu = app.signed_in("eu-admin@acme.test").await;
    let res = eu
        .patch(&url)
        .header("if-match", &tag)
        .json(&json!({"default_language": "fr"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(problem_code(res).await, "request.not_found");
    let admin = app.signed_in(ADMIN).await;
    assert_eq!(
        json(admin.get(&url).send().await.unwrap()).await["default_language"],
        "en"
    );
}
