//! Importing over the API: every row checked again whatever the client claims, a chunk retried
//! with its key creating nothing twice, the one lookup of existing logins, and the export.

use crate::helpers::{json, problem_code, row, spawn_app};
use roster_domain::authz::AuthzPolicy;
use roster_domain::import::read;
use serde_json::{Value, json};

/// Each result's (row, outcome, codes).
fn outcomes(answer: &Value) -> Vec<(u64, String, Vec<String>)> {
    answer["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let codes = r["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    format!(
                        "{} {}",
                        f["column"].as_str().unwrap(),
                        f["code"].as_str().unwrap()
                    )
                })
                .collect();
            (
                r["row"].as_u64().unwrap(),
                r["outcome"].as_str().unwrap().to_owned(),
                codes,
            )
        })
        .collect()
}

#[tokio::test]
async fn rows_a_browser_would_refuse_are_refused_when_a_client_skips_the_browser() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let delegate = app.signed_in("delegate@acme.test").await;
    let rows = vec![
        row(
            1,
            "new.one@acme.test",
            "New",
            json!({"group": "finance", "licence": "no"}),
        ),
        row(2, "not-an-email", "Bad", json!({})),
        row(3, "outsider@elsewhere.test", "Out", json!({})),
        row(4, "NEW.ONE@acme.test", "Twice", json!({})),
        row(5, "grouped@acme.test", "Group", json!({"group": "Sales"})),
        // The delegate holds records C: granting E is not theirs to do.
        row(
            6,
            "boss@acme.test",
            "Boss",
            json!({"authorities": {"records": "E"}}),
        ),
        row(7, "admin@acme.test", "Member", json!({})),
        row(
            8,
            "eu-admin@acme.test",
            "Elsewhere",
            json!({"role": "user"}),
        ),
        row(
            9,
            "typo@acme.test",
            "Typo",
            json!({"licence": "perhaps", "role": "owner"}),
        ),
    ];
    let before = app.login_count().await;
    let res = app.send_chunk(&delegate, records, "chunk-1", rows).await;
    assert_eq!(res.status(), 200);
    let answer = json(res).await;
    let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        outcomes(&answer),
        vec![
            (1, "created".into(), vec![]),
            (2, "refused".into(), s(&["email email.missing_at"])),
            (3, "refused".into(), s(&["email domain.not_approved"])),
            (4, "refused".into(), s(&["email import.duplicate_email"])),
            (5, "refused".into(), s(&["group import.unknown_group"])),
            (
                6,
                "refused".into(),
                s(&["records authz.insufficient_authority"])
            ),
            (7, "refused".into(), s(&["email user.already_member"])),
            // A login of Acme Europe, which the delegate does not administer: asked to join.
            (8, "requested".into(), vec![]),
            (
                9,
                "refused".into(),
                s(&["role import.invalid_role", "licence import.invalid_yes_no"])
            ),
        ]
    );
    assert_eq!(
        app.login_count().await,
        before + 1,
        "only row 1 is a new login"
    );
    let new_id = answer["results"][0]["user"].as_i64().unwrap();
    let (state, group) = app.state_and_group(records, new_id).await;
    assert_eq!((state.as_str(), group.as_str()), ("staged", "Finance"));
    let message = &answer["results"][1]["findings"][0]["message"];
    assert!(
        message.as_str().unwrap().contains("needs an @"),
        "{message}"
    );
}

#[tokio::test]
async fn a_chunk_sent_again_with_its_key_creates_nobody_twice() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let admin = app.signed_in("admin@acme.test").await;
    let rows = || {
        (1..=3)
            .map(|n| row(n, &format!("retry{n}@acme.test"), "Retry", json!({})))
            .collect::<Vec<_>>()
    };
    let before = app.login_count().await;
    let first = json(app.send_chunk(&admin, records, "k-42", rows()).await).await;
    // The answer was lost on the way: the client sends the very same chunk again.
    let again = app.send_chunk(&admin, records, "k-42", rows()).await;
    assert_eq!(again.status(), 200);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(json(again).await, first);
    assert_eq!(app.login_count().await, before + 3);
    // A new key for rows already imported: each is a member already, nobody is created.
    let other = json(app.send_chunk(&admin, records, "k-43", rows()).await).await;
    assert!(
        outcomes(&other)
            .iter()
            .all(|(_, o, c)| o == "refused" && c == &["email user.already_member"])
    );
    assert_eq!(app.login_count().await, before + 3);

    // The same key with other rows, no key, too many rows: refused as a whole.
    let changed = app
        .send_chunk(
            &admin,
            records,
            "k-42",
            vec![row(1, "x@acme.test", "X", json!({}))],
        )
        .await;
    assert_eq!(changed.status(), 422);
    assert_eq!(problem_code(changed).await, "import.idempotency_mismatch");
    let keyless = admin
        .post(app.url(&format!("/accounts/{records}/imports")))
        .json(&json!({"rows": []}))
        .send()
        .await
        .unwrap();
    assert_eq!(keyless.status(), 400);
    assert_eq!(problem_code(keyless).await, "import.key_required");
    let many = (1..=501)
        .map(|n| row(n, &format!("m{n}@acme.test"), "M", json!({})))
        .collect();
    let too_many = app.send_chunk(&admin, records, "k-44", many).await;
    assert_eq!(too_many.status(), 422);
    assert_eq!(problem_code(too_many).await, "import.too_many_in_chunk");
    // A foreign account is not mine to import into.
    let europe = app.account_id("Acme Europe").await;
    let eu = app.signed_in("eu-admin@acme.test").await;
    let foreign = app.send_chunk(&eu, records, "k-45", rows()).await;
    assert_eq!(foreign.status(), 404);
    // In Acme Europe the demo admin is a plain user.
    let mine = app.send_chunk(&admin, europe, "k-46", rows()).await;
    assert_eq!(mine.status(), 403);
    assert_eq!(problem_code(mine).await, "authz.not_admin");
    let bad_json = admin
        .post(app.url(&format!("/accounts/{records}/imports")))
        .header("idempotency-key", "k-47")
        .header("content-type", "application/json")
        .body("{\"rows\": [")
        .send()
        .await
        .unwrap();
    assert_eq!(bad_json.status(), 400);
    assert_eq!(problem_code(bad_json).await, "request.malformed_json");
}

#[tokio::test]
async fn answers_are_kept_a_day_and_a_later_retry_still_creates_nobody_twice() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let admin = app.signed_in("admin@acme.test").await;
    let rows = || vec![row(1, "old.retry@acme.test", "Old", json!({}))];
    app.send_chunk(&admin, records, "k-yesterday", rows()).await;
    app.send_chunk(&admin, records, "k-today", vec![]).await;
    let kept = |key| app.answers_kept(records, key);
    // Both answers are kept while they are fresh.
    assert_eq!((kept("k-yesterday").await, kept("k-today").await), (1, 1));
    // A day and a minute later, the next chunk sent takes the old answer away.
    app.age_answers("k-yesterday", 86_460).await;
    let before = app.login_count().await;
    app.send_chunk(&admin, records, "k-later", vec![]).await;
    assert_eq!((kept("k-yesterday").await, kept("k-today").await), (0, 1));
    // Retried with its key after that, the chunk is answered afresh: nobody twice.
    let retry = app.send_chunk(&admin, records, "k-yesterday", rows()).await;
    assert!(retry.headers().get("idempotent-replayed").is_none());
    let retry = json(retry).await;
    assert_eq!(
        outcomes(&retry),
        [(
            1,
            "refused".to_owned(),
            vec!["email user.already_member".to_owned()]
        )]
    );
    assert_eq!(app.login_count().await, before);
}

#[tokio::test]
async fn licences_beyond_the_free_seats_are_refused_row_by_row() {
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
    let free = settings["seats"].as_i64().unwrap() - settings["seats_used"].as_i64().unwrap();
    let rows = (1..=free + 2)
        .map(|n| {
            row(
                n as u32,
                &format!("seat{n}@acme.test"),
                "Seat",
                json!({"licence": "oui"}),
            )
        })
        .collect();
    let answer = json(app.send_chunk(&admin, records, "seats", rows).await).await;
    let results = outcomes(&answer);
    let created = results.iter().filter(|(_, o, _)| o == "created").count();
    assert_eq!(created as i64, free);
    for (_, outcome, codes) in &results[free as usize..] {
        assert_eq!(
            (outcome.as_str(), codes.as_slice()),
            ("refused", &["licence seats.none_free".to_owned()][..])
        );
    }
    let after = json(
        admin
            .get(app.url(&format!("/accounts/{records}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(after["seats_used"], after["seats"]);
}

#[tokio::test]
async fn the_lookup_tells_here_from_elsewhere_and_the_export_reads_back() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let admin = app.signed_in("admin@acme.test").await;
    let res = admin
        .post(app.url(&format!("/accounts/{records}/imports/lookup")))
        .json(&json!({"usernames": ["ADMIN@acme.test", "eu-admin@acme.test", "nobody@acme.test"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // eu-admin@acme.test administers Acme Europe, where admin@acme.test is a plain user: an
    // import would ask them to join.
    assert_eq!(
        json(res).await,
        json!({"here": ["admin@acme.test"], "elsewhere": [], "consent": ["eu-admin@acme.test"]})
    );

    // A name a spreadsheet would run as a formula comes back neutralised.
    let rows = vec![row(
        1,
        "formula@acme.test",
        "=HYPERLINK(\"http://evil.test\")",
        json!({"phone": "+33 1 23 45 67 89"}),
    )];
    let answer = json(app.send_chunk(&admin, records, "formula", rows).await).await;
    assert_eq!(outcomes(&answer)[0].1, "created");
    let res = admin
        .get(app.url(&format!("/accounts/{records}/users/export.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let text = res.text().await.unwrap();
    assert!(text.starts_with("\u{FEFF}email,first_name,last_name,username,phone,language,group,role,licence,records,interaction,dr,exchange_domain,exchange_username\r\n"));
    assert!(text.contains("formula@acme.test,\"'=HYPERLINK(\"\"http://evil.test\"\")\",Imported,,\"'+33123456789\""), "{text}");
    // The export is an import file: every member reads back, valid, with their values.
    let sheet = read(text.as_bytes(), &AuthzPolicy::default()).unwrap();
    let members = app.member_count(records).await;
    assert_eq!(sheet.rows.len() as i64, members);
    let formula = sheet
        .rows
        .iter()
        .find(|r| r.cell(0) == "formula@acme.test")
        .unwrap();
    assert_eq!(formula.cell(1), "=HYPERLINK(\"http://evil.test\")");
    assert_eq!(formula.cell(4), "+33123456789");
    let foreigner = app.signed_in("eu-admin@acme.test").await;
    let res = foreigner
        .get(app.url(&format!("/accounts/{records}/users/export.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn the_import_page_is_answered_with_its_own_bundle() {
    let app = spawn_app().await;
    let page = |path: &'static str| {
        let url = format!("{}{path}", app.base);
        async move { reqwest::get(url).await.unwrap().text().await.unwrap() }
    };
    assert!(
        page("/accounts/1/users/import")
            .await
            .contains("Import users · Roster")
    );
    assert!(!page("/accounts/1/users").await.contains("Import users"));
    assert!(!page("/accounts/1/users/7").await.contains("Import users"));
}

/// The chunk's work is written in batches: the logins are looked up once for the chunk, and the
/// new people written together before anything that reads what they change. Every row still
/// ends as one at a time would: new people, logins of other accounts joining or asked to, the
/// same login named twice, and usernames that are the email of a login made earlier in the
/// chunk or before it.
#[tokio::test]
async fn a_chunk_mixing_new_people_and_existing_logins_ends_as_row_by_row() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let admin = app.signed_in("admin@acme.test").await;
    // A login of an account of the admin's only, where they manage it: joins at once.
    let admin_id = app.user_id("admin@acme.test").await;
    let side = app.new_account("Side", 0, records, admin_id).await;
    let res = admin
        .post(app.url(&format!("/accounts/{side}/users")))
        .json(&json!({"email": "side.one@acme.test", "first_name": "Sid", "last_name": "One"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let side_one = json(res).await["id"].as_i64().unwrap();
    // A login whose username is not its email.
    let res = admin
        .post(app.url(&format!("/accounts/{records}/users")))
        .json(&json!({"email": "named@acme.test", "username": "named",
                      "first_name": "Nam", "last_name": "Ed"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let last_entry = app.audit(&admin, records).await[0]["id"].as_i64().unwrap();
    let rows = vec![
        row(1, "mix.one@acme.test", "One", json!({"username": "mixone"})),
        row(2, "side.one@acme.test", "Side", json!({})),
        row(3, "mix.three@acme.test", "Three", json!({})),
        // A login of Acme Europe, where the admin is a plain user: asked to join.
        row(4, "eu-admin@acme.test", "Asked", json!({})),
        // Row 1's email, made a moment ago in this very chunk, as a username.
        row(
            5,
            "mix.five@acme.test",
            "Five",
            json!({"username": "MIX.ONE@acme.test"}),
        ),
        // Another login's username with another email.
        row(
            6,
            "mix.six@acme.test",
            "Six",
            json!({"username": "eu-ops@acme.test"}),
        ),
        // The email of a login whose username is not it.
        row(
            7,
            "mix.seven@acme.test",
            "Seven",
            json!({"username": "named@acme.test"}),
        ),
        row(8, "delegate@acme.test", "Here", json!({})),
        // Row 2's login again.
        row(9, "SIDE.ONE@acme.test", "Again", json!({})),
        row(10, "mix.ten@acme.test", "Ten", json!({"licence": "yes"})),
    ];
    let before = app.login_count().await;
    let answer = json(app.send_chunk(&admin, records, "mixed", rows).await).await;
    let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        outcomes(&answer),
        vec![
            (1, "created".into(), vec![]),
            (2, "added".into(), vec![]),
            (3, "created".into(), vec![]),
            (4, "requested".into(), vec![]),
            (5, "refused".into(), s(&["username user.username_taken"])),
            (6, "refused".into(), s(&["username user.username_taken"])),
            (7, "refused".into(), s(&["username user.username_taken"])),
            (8, "refused".into(), s(&["email user.already_member"])),
            (9, "refused".into(), s(&["email import.duplicate_email"])),
            (10, "created".into(), vec![]),
        ]
    );
    assert_eq!(app.login_count().await, before + 3);
    let user = |i: usize| answer["results"][i]["user"].as_i64();
    assert_eq!(user(1), Some(side_one));
    let created = [user(0).unwrap(), user(2).unwrap(), user(9).unwrap()];
    assert!(
        created.is_sorted(),
        "made in the order of the rows: {created:?}"
    );
    assert!(app.is_member(records, side_one).await);
    assert!(app.is_licensed(records, created[2]).await);

    // The log tells the rows in their order, and keeps of each new person what their page shows.
    let mut entries: Vec<Value> = app
        .audit(&admin, records)
        .await
        .into_iter()
        .filter(|e| e["id"].as_i64().unwrap() > last_entry)
        .collect();
    entries.reverse();
    let told: Vec<(&str, Option<i64>)> = entries
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["target_user_id"].as_i64()))
        .collect();
    assert_eq!(
        told,
        vec![
            ("user.created", Some(created[0])),
            ("user.added_to_account", Some(side_one)),
            ("user.created", Some(created[1])),
            ("join.requested", None),
            ("user.created", Some(created[2])),
        ]
    );
    for (entry, id) in [(&entries[0], created[0]), (&entries[4], created[2])] {
        let mut page = json(
            admin
                .get(app.url(&format!("/accounts/{records}/users/{id}")))
                .send()
                .await
                .unwrap(),
        )
        .await;
        let page = page.as_object_mut().unwrap();
        for shown_only in ["allowed_actions", "editable", "shared", "memberships"] {
            page.remove(shown_only);
        }
        assert_eq!(entry["after"], Value::Object(page.clone()));
    }
}

/// A full chunk of 500 rows, every column given, is written in its few statements (the rows go
/// as one JSON value each, whatever their number) and answered the same when sent again.
#[tokio::test]
async fn a_full_chunk_with_every_column_is_created_and_replayed() {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let admin = app.signed_in("admin@acme.test").await;
    let long = "Ñ".repeat(100);
    let rows = || {
        (1..=500)
            .map(|n| {
                row(
                    n,
                    &format!("full.{n}@acme.test"),
                    &long,
                    json!({
                        "username": format!("full-{n}"),
                        "phone": "+33 1 23 45 67 89",
                        "language": "fr",
                        "group": "Finance",
                        "role": "user",
                        "licence": "no",
                        "authorities": {"records": "B"},
                        "exchange_domain": "ACME",
                        "exchange_username": format!("full{n}"),
                    }),
                )
            })
            .collect::<Vec<_>>()
    };
    let before = (app.login_count().await, app.member_count(records).await);
    let first = app.send_chunk(&admin, records, "full", rows()).await;
    assert_eq!(first.status(), 200);
    let first = json(first).await;
    let results = outcomes(&first);
    assert!(
        results
            .iter()
            .all(|(_, o, c)| o == "created" && c.is_empty())
    );
    assert_eq!(
        (app.login_count().await, app.member_count(records).await),
        (before.0 + 500, before.1 + 500)
    );
    let ids: Vec<i64> = first["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["user"].as_i64().unwrap())
        .collect();
    assert!(ids.is_sorted());
    let last = ids[499];
    let (state, group) = app.state_and_group(records, last).await;
    assert_eq!((state.as_str(), group.as_str()), ("staged", "Finance"));
    let page = json(
        admin
            .get(app.url(&format!("/accounts/{records}/users/{last}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (
            &page["username"],
            &page["first_name"],
            &page["exchange_username"]
        ),
        (&json!("full-500"), &json!(long), &json!("full500"))
    );
    assert_eq!(page["authorities"], json!({"records": "B"}));
    let created = app.audit_entries(&admin, records, "user.created").await;
    assert_eq!(created[0]["target_user_id"], json!(last));

    let again = app.send_chunk(&admin, records, "full", rows()).await;
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(json(again).await, first);
    assert_eq!(app.login_count().await, before.0 + 500);
}
