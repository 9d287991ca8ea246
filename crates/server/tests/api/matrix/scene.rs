//! The world of one case: who acts on whom ([`Relation`]), a fresh server with the actor signed
//! in ([`Scene`]), and the few facts a probe needs, set underneath the API with SQL so that the
//! arrangement does not depend on the checks under test.

use crate::helpers::{TestApp, spawn_app};
use reqwest::{Method, Response};
use roster_domain::lifecycle::UserState;
use serde_json::Value;
use std::fmt;

/// Who acts on whom, and from which account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Relation {
    /// admin@acme.test, from Acme Records, on a plain user of Acme Records only (records A–C).
    Superior,
    /// delegate@acme.test (records C), from Acme Records, on a member of it only holding records E.
    Inferior,
    /// eu-admin@acme.test, from Acme Europe, on a plain user of both accounts.
    OtherAccountOverUser,
    /// eu-admin@acme.test, from Acme Europe, on eu-ops@acme.test: an admin of Europe and a plain
    /// user of Records.
    OtherAccountOverAdmin,
    /// admin@acme.test made a top admin of Acme Europe too, from Records, on a plain user of both.
    AdminEverywhere,
    /// admin@acme.test, from Acme Records, on themselves.
    Themselves,
}

impl Relation {
    pub(super) const ALL: [Relation; 6] = [
        Relation::Superior,
        Relation::Inferior,
        Relation::OtherAccountOverUser,
        Relation::OtherAccountOverAdmin,
        Relation::AdminEverywhere,
        Relation::Themselves,
    ];
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Relation::Superior => "a superior on an inferior in the same account",
            Relation::Inferior => "an inferior on a superior in the same account",
            Relation::OtherAccountOverUser => {
                "the admin of another account of a plain user of both"
            }
            Relation::OtherAccountOverAdmin => {
                "the admin of another account of its own admin (a plain user of Records)"
            }
            Relation::AdminEverywhere => "an admin of every account of the target",
            Relation::Themselves => "the target themselves",
        })
    }
}

/// The world of one case: a fresh server, the actor signed in, the account they act from.
pub(super) struct Scene {
    pub(super) app: TestApp,
    pub(super) client: reqwest::Client,
    pub(super) actor: i64,
    /// The account the actor acts from (the `{account}` of the path).
    pub(super) account: i64,
    /// The other demo account.
    pub(super) other: i64,
    pub(super) target: i64,
    pub(super) target_email: String,
}

impl Scene {
    pub(super) fn url(&self, path: &str) -> String {
        self.app.url(path)
    }

    pub(super) fn user_url(&self, tail: &str) -> String {
        self.url(&format!(
            "/accounts/{}/users/{}{tail}",
            self.account, self.target
        ))
    }

    pub(super) async fn send(&self, method: Method, url: String, body: Option<Value>) -> Response {
        let request = self.client.request(method, url);
        let request = match body {
            Some(body) => request.json(&body),
            None => request,
        };
        request.send().await.unwrap()
    }

    /// The ETag of `url` as the actor reads it; a made-up one when they may not read it (the
    /// change is then refused before the version is looked at).
    async fn etag(&self, url: &str) -> String {
        let res = self.client.get(url).send().await.unwrap();
        res.headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("\"0\"")
            .to_owned()
    }

    pub(super) async fn patch(&self, url: String, body: Value) -> Response {
        let tag = self.etag(&url).await;
        self.client
            .patch(url)
            .header("if-match", tag)
            .json(&body)
            .send()
            .await
            .unwrap()
    }
}

// ----------------------------------------------------------------------------------------------
// Arranging: the demo, and a few facts set underneath the API.

const TOP: &str = r#"{"records":"E","interaction":"approve","dr":"DR4"}"#;

pub(super) async fn arrange(relation: Relation) -> Scene {
    let app = spawn_app().await;
    let records = app.account_id("Acme Records").await;
    let europe = app.account_id("Acme Europe").await;
    let admin = app.user_id("admin@acme.test").await;
    let (actor_email, account, other, target) = match relation {
        Relation::Superior => (
            "admin@acme.test",
            records,
            europe,
            only_in(&app, records).await,
        ),
        Relation::Inferior => {
            let target = only_in(&app, records).await;
            set_authorities(&app, records, target, r#"{"records":"E"}"#).await;
            ("delegate@acme.test", records, europe, target)
        }
        Relation::OtherAccountOverUser => {
            ("eu-admin@acme.test", europe, records, shared(&app).await)
        }
        Relation::OtherAccountOverAdmin => {
            let ops = app.user_id("eu-ops@acme.test").await;
            ("eu-admin@acme.test", europe, records, ops)
        }
        Relation::AdminEverywhere => {
            make_top_admin(&app, europe, admin).await;
            ("admin@acme.test", records, europe, shared(&app).await)
        }
        Relation::Themselves => ("admin@acme.test", records, europe, admin),
    };
    let actor = app.user_id(actor_email).await;
    let client = app.signed_in(actor_email).await;
    let (target_email,): (String,) = sqlx::query_as("SELECT email FROM users WHERE id = ?1")
        .bind(target)
        .fetch_one(&app.db)
        .await
        .unwrap();
    Scene {
        app,
        client,
        actor,
        account,
        other,
        target,
        target_email,
    }
}

/// An active plain user of `account` and of no other account, from the demo.
async fn only_in(app: &TestApp, account: i64) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id
         WHERE m.account_id = ?1 AND m.role = 'user' AND u.state = 'active'
           AND u.password_hash IS NULL
           AND (SELECT count(*) FROM memberships x WHERE x.user_id = u.id) = 1
         ORDER BY u.id LIMIT 1",
    )
    .bind(account)
    .fetch_one(&app.db)
    .await
    .unwrap();
    id
}

/// An active plain user of both demo accounts.
async fn shared(app: &TestApp) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "SELECT u.id FROM users u WHERE u.state = 'active' AND u.password_hash IS NULL
           AND (SELECT count(*) FROM memberships m WHERE m.user_id = u.id AND m.role = 'user') = 2
         ORDER BY u.id LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    id
}

/// An active plain user of `account` whom every actor of the matrix manages there (no grant
/// above records A), other than `but`: the other side of a seat transfer.
pub(super) async fn bystander(app: &TestApp, account: i64, but: i64) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.account_id = ?1 AND m.role = 'user' AND u.state = 'active'
           AND u.password_hash IS NULL AND m.authorities IN ('{}', '{\"records\":\"A\"}')
           AND m.user_id <> ?2
         ORDER BY m.user_id LIMIT 1",
    )
    .bind(account)
    .bind(but)
    .fetch_one(&app.db)
    .await
    .unwrap();
    id
}

async fn set_authorities(app: &TestApp, account: i64, user: i64, authorities: &str) {
    sqlx::query("UPDATE memberships SET authorities = ?3 WHERE account_id = ?1 AND user_id = ?2")
        .bind(account)
        .bind(user)
        .bind(authorities)
        .execute(&app.db)
        .await
        .unwrap();
}

/// Makes `user` an admin of `account` holding every top level.
async fn make_top_admin(app: &TestApp, account: i64, user: i64) {
    sqlx::query(
        "UPDATE memberships SET role = 'admin', authorities = ?3
         WHERE account_id = ?1 AND user_id = ?2",
    )
    .bind(account)
    .bind(user)
    .bind(TOP)
    .execute(&app.db)
    .await
    .unwrap();
}

pub(super) async fn set_state(app: &TestApp, user: i64, state: UserState) {
    sqlx::query(
        "UPDATE users SET state = ?2,
                locked_until = CASE WHEN ?2 = 'locked' THEN 4102444800 ELSE NULL END
         WHERE id = ?1",
    )
    .bind(user)
    .bind(state.as_str())
    .execute(&app.db)
    .await
    .unwrap();
}

pub(super) async fn set_licensed(app: &TestApp, account: i64, user: i64, licensed: bool) {
    sqlx::query("UPDATE memberships SET licensed = ?3 WHERE account_id = ?1 AND user_id = ?2")
        .bind(account)
        .bind(user)
        .bind(licensed)
        .execute(&app.db)
        .await
        .unwrap();
}

/// A new group of `account` named "Matrix", holding `member` (moved there) or nobody.
pub(super) async fn matrix_group(app: &TestApp, account: i64, member: Option<i64>) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO groups (account_id, name, name_key) VALUES (?1, 'Matrix', 'matrix')
         RETURNING id",
    )
    .bind(account)
    .fetch_one(&app.db)
    .await
    .unwrap();
    if let Some(member) = member {
        sqlx::query("UPDATE memberships SET group_id = ?3 WHERE account_id = ?1 AND user_id = ?2")
            .bind(account)
            .bind(member)
            .bind(id)
            .execute(&app.db)
            .await
            .unwrap();
    }
    id
}

pub(super) async fn default_group(app: &TestApp, account: i64) -> i64 {
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM groups WHERE account_id = ?1 AND is_default")
            .bind(account)
            .fetch_one(&app.db)
            .await
            .unwrap();
    id
}

/// A third account, Acme Lab, of which the actor is the only admin, at the top levels: adding
/// the target there depends on nothing but the target's standings elsewhere.
pub(super) async fn lab(app: &TestApp, actor: i64) -> i64 {
    let (lab,): (i64,) = sqlx::query_as(
        "INSERT INTO accounts (name, seats, approved_domains, policy)
         SELECT 'Acme Lab', 5, '[]', policy FROM accounts WHERE name = 'Acme Records'
         RETURNING id",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let (group,): (i64,) = sqlx::query_as(
        "INSERT INTO groups (account_id, name, name_key, is_default)
         VALUES (?1, 'Default', 'default', 1) RETURNING id",
    )
    .bind(lab)
    .fetch_one(&app.db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO memberships (account_id, user_id, role, group_id, licensed, authorities, created_at)
         VALUES (?1, ?2, 'admin', ?3, 0, ?4, 0)",
    )
    .bind(lab)
    .bind(actor)
    .bind(group)
    .bind(TOP)
    .execute(&app.db)
    .await
    .unwrap();
    lab
}

/// A join request waiting in `account`, made by its first admin for someone outside it.
pub(super) async fn join_request(app: &TestApp, account: i64) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO join_requests (account_id, user_id, email, requested_by, role, group_id,
                                    authorities, licensed, token_hash, created_at, expires_at)
         SELECT ?1, u.id, u.email,
                (SELECT user_id FROM memberships WHERE account_id = ?1 AND role = 'admin'
                 ORDER BY user_id LIMIT 1),
                'user', NULL, '{}', 0, 'matrix-' || u.id, 0, 4102444800
         FROM users u
         WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.account_id = ?1)
         ORDER BY u.id LIMIT 1
         RETURNING id",
    )
    .bind(account)
    .fetch_one(&app.db)
    .await
    .unwrap();
    id
}
