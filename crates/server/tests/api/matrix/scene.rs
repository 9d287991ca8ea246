//! The world of one case: who acts on whom ([`Relation`]), a fresh server with the actor signed
//! in ([`Scene`]), and the few facts a probe needs, set underneath the API through the test app
//! so that the arrangement does not depend on the checks under test.

use crate::helpers::{TestApp, spawn_app};
use reqwest::{Method, Response};
use roster_domain::authz::Grants;
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
            let records_e = Grants::new().with("records", "E");
            app.set_authorities(records, target, &records_e).await;
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
            app.make_top_admin(europe, "admin@acme.test").await;
            ("admin@acme.test", records, europe, shared(&app).await)
        }
        Relation::Themselves => ("admin@acme.test", records, europe, admin),
    };
    let actor = app.user_id(actor_email).await;
    let client = app.signed_in(actor_email).await;
    let target_email = app.email_of(target).await;
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

/// An active plain user of `account` and of no other account, from the demo (none of its
/// sign-ins, who have a password).
async fn only_in(app: &TestApp, account: i64) -> i64 {
    let people = app.plain_users_only_in(account).await;
    people.into_iter().find(|p| !p.has_password).unwrap().id
}

/// An active plain user of both demo accounts.
async fn shared(app: &TestApp) -> i64 {
    app.shared_plain_users().await[0].id
}

/// An active plain user of `account` whom every actor of the matrix manages there (no grant
/// above records A), other than `but`: the other side of a seat transfer.
pub(super) async fn bystander(app: &TestApp, account: i64, but: i64) -> i64 {
    let managed = [Grants::new(), Grants::new().with("records", "A")];
    for person in app.plain_users_of(account).await {
        if person.has_password || person.id == but {
            continue;
        }
        let held = app.member(account, person.id).await.unwrap();
        if managed.contains(&held.grants) {
            return person.id;
        }
    }
    panic!("no bystander in {account}")
}

/// A new group of `account` named "Matrix", holding `member` (moved there) or nobody.
pub(super) async fn matrix_group(app: &TestApp, account: i64, member: Option<i64>) -> i64 {
    let id = app.new_group(account, "Matrix").await;
    if let Some(member) = member {
        app.move_to_group(account, member, id).await;
    }
    id
}

/// A third account, Acme Lab, of which the actor is the only admin, at the top levels: adding
/// the target there depends on nothing but the target's standings elsewhere.
pub(super) async fn lab(app: &TestApp, actor: i64) -> i64 {
    let records = app.account_id("Acme Records").await;
    app.new_account("Acme Lab", 5, records, actor).await
}
