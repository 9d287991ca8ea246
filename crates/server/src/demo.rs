//! `roster serve --demo`: seeds an empty database with two accounts and about 200 people in
//! every state, so a newcomer can try every screen at once. On a database that already has an
//! account only the demo sign-ins change: they take this start's password, the one printed. Acme
//! Records may be framed by the sample portal at [`DEMO_PORTAL_ORIGIN`], which holds the portal
//! key [`DEMO_PORTAL_KEY`] whose secret is derived from the same password ([`portal_secret`]).

use crate::error::AppError;
use crate::secrets::hash_password;
use crate::store::demo::{insert_account, insert_group, insert_member as member, insert_user};
use crate::store::{self, Pool};
use crate::tokens::Purpose;
use serde_json::json;

/// The password of the demo sign-ins.
#[derive(Debug, Clone)]
pub struct DemoPassword {
    pub password: String,
    /// Made up at start (print it once) rather than given in `ROSTER_DEMO_PASSWORD`.
    pub generated: bool,
}

impl DemoPassword {
    /// `ROSTER_DEMO_PASSWORD` when set, otherwise a fresh random one.
    pub fn from_env_or_random() -> Result<DemoPassword, String> {
        match std::env::var("ROSTER_DEMO_PASSWORD") {
            Ok(password) if !password.is_empty() => Ok(DemoPassword {
                password,
                generated: false,
            }),
            _ => {
                let mut bytes = [0u8; 12];
                getrandom::fill(&mut bytes).map_err(|e| format!("randomness: {e}"))?;
                use base64::Engine;
                let password = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
                Ok(DemoPassword {
                    password,
                    generated: true,
                })
            }
        }
    }
}

/// The demo sign-ins.
pub const DEMO_ADMIN: &str = "admin@acme.test";
pub const DEMO_DELEGATE: &str = "delegate@acme.test";
pub const DEMO_EU_ADMIN: &str = "eu-admin@acme.test";
/// An administrator of Acme Europe who is a plain user of Acme Records: neither account's
/// administrators alone may change their login (a person shared by several accounts).
pub const DEMO_EU_OPS: &str = "eu-ops@acme.test";
/// A plain user of both accounts, who administers nothing: lands on My details.
pub const DEMO_USER: &str = "user@acme.test";

const FIRST: [&str; 20] = [
    "Zoë",
    "François",
    "Émile",
    "Amara",
    "Liam",
    "Noah",
    "Chloé",
    "Mateo",
    "Ingrid",
    "Kenji",
    "Sofía",
    "Olu",
    "Hélène",
    "Jonas",
    "Priya",
    "Aarav",
    "Maëlle",
    "Tomás",
    "Yara",
    "Björn",
];
const LAST: [&str; 10] = [
    "Lefèvre", "Okafor", "Nakamura", "García", "Dubois", "Schmidt", "Müller", "Rossi", "Kowalski",
    "Nguyen",
];

/// Seeds the demo when the database is empty; else gives the demo sign-ins `password`.
pub async fn seed(db: &Pool, password: &DemoPassword) -> Result<(), AppError> {
    let accounts = store::demo::account_count(db).await?;
    let hash = hash_password(password.password.clone()).await?;
    if accounts > 0 {
        refresh_sign_ins(db, &hash).await?;
        return portal(db, &password.password, false).await;
    }
    let policy = serde_json::to_string(&roster_domain::authz::AuthzPolicy::default())
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let now = crate::clock::now().unix_seconds();
    let mut tx = db.begin().await?;

    let records = insert_account(&mut tx, "Acme Records", 25, &["acme.test"], &policy).await?;
    let europe = insert_account(&mut tx, "Acme Europe", 10, &[], &policy).await?;
    let mut groups = Vec::new();
    for (i, name) in ["Default", "Operations", "Finance"].iter().enumerate() {
        groups.push(insert_group(&mut tx, records, name, i == 0).await?);
    }
    let eu_default = insert_group(&mut tx, europe, "Default", true).await?;

    let top = json!({"records": "E", "interaction": "approve", "dr": "DR4"});
    let admin = insert_user(
        &mut tx,
        "Ada",
        "Admin",
        DEMO_ADMIN,
        "active",
        Some(&hash),
        now,
    )
    .await?;
    member(&mut tx, records, admin, "admin", groups[0], true, &top, now).await?;
    member(
        &mut tx,
        europe,
        admin,
        "user",
        eu_default,
        false,
        &json!({}),
        now,
    )
    .await?;
    let delegate = insert_user(
        &mut tx,
        "Dee",
        "Delegate",
        DEMO_DELEGATE,
        "active",
        Some(&hash),
        now,
    )
    .await?;
    member(
        &mut tx,
        records,
        delegate,
        "admin",
        groups[1],
        true,
        &json!({"records": "C"}),
        now,
    )
    .await?;
    let eu_admin = insert_user(
        &mut tx,
        "Eva",
        "Europa",
        DEMO_EU_ADMIN,
        "active",
        Some(&hash),
        now,
    )
    .await?;
    member(
        &mut tx, europe, eu_admin, "admin", eu_default, true, &top, now,
    )
    .await?;
    let eu_ops = insert_user(
        &mut tx,
        "Olga",
        "Operations",
        DEMO_EU_OPS,
        "active",
        Some(&hash),
        now,
    )
    .await?;
    member(
        &mut tx,
        europe,
        eu_ops,
        "admin",
        eu_default,
        false,
        &json!({"records": "C"}),
        now,
    )
    .await?;
    member(
        &mut tx,
        records,
        eu_ops,
        "user",
        groups[0],
        false,
        &json!({}),
        now,
    )
    .await?;

    let plain = insert_user(
        &mut tx,
        "Uma",
        "User",
        DEMO_USER,
        "active",
        Some(&hash),
        now,
    )
    .await?;
    let records_level = json!({"records": "A"});
    member(
        &mut tx,
        records,
        plain,
        "user",
        groups[0],
        true,
        &records_level,
        now,
    )
    .await?;
    member(
        &mut tx,
        europe,
        plain,
        "user",
        eu_default,
        false,
        &json!({}),
        now,
    )
    .await?;

    // 200 people over every state; the first 19 active ones hold a licence.
    let mut licensed = 3;
    for i in 0..200usize {
        let first = FIRST[i % FIRST.len()];
        let last = LAST[(i / FIRST.len()) % LAST.len()];
        let email = format!(
            "{}.{}{}@acme.test",
            crate::search::fold(first),
            crate::search::fold(last),
            i + 1
        );
        let state = match i % 20 {
            0 | 1 => "staged",
            2..=4 => "invited",
            5 => "suspended",
            6 => "locked",
            7 => "deprovisioned",
            _ => "active",
        };
        let id = insert_user(&mut tx, first, last, &email, state, None, now).await?;
        if state == "invited" {
            // Links nobody holds (their tokens are not kept); one in three has lapsed, so the
            // Invitations page shows both kinds.
            let expires = if i % 20 == 2 {
                now - 3600
            } else {
                now + 7 * 24 * 3600
            };
            let sent = expires - 7 * 24 * 3600;
            crate::tokens::issue(
                &mut tx,
                Purpose::Activation,
                id,
                Some(records),
                sent,
                expires,
            )
            .await?;
        }
        let licence = state == "active" && licensed < 22;
        licensed += usize::from(licence);
        let level = ["A", "B", "C"][i % 3];
        // A few more administrators of Acme Records, so that none of the demo sign-ins is the last.
        let role = if i % 50 == 9 { "admin" } else { "user" };
        member(
            &mut tx,
            records,
            id,
            role,
            groups[i % 3],
            licence,
            &json!({"records": level}),
            now,
        )
        .await?;
        // Every seventh person also works for Acme Europe, as a plain user: eu-admin@acme.test
        // stays its only administrator.
        if i % 7 == 0 && state != "deprovisioned" {
            member(
                &mut tx,
                europe,
                id,
                "user",
                eu_default,
                false,
                &json!({}),
                now,
            )
            .await?;
        }
    }
    tx.commit().await?;
    portal(db, &password.password, true).await
}

/// The origin of the demo's sample portal (`roster demo-portal`), which may frame Acme Records.
pub const DEMO_PORTAL_ORIGIN: &str = "http://localhost:8081";
/// The name of Acme Records' portal key that the sample portal mints its tokens with.
pub const DEMO_PORTAL_KEY: &str = "Demo portal";

/// The secret of the demo's portal key: derived from the demo password, so that the sample
/// portal started with the same password (`ROSTER_DEMO_PASSWORD`) knows it without being told,
/// and a new password makes a new secret. It does not reveal the password.
pub fn portal_secret(password: &str) -> String {
    let digest = crate::secrets::token_hash(&format!("roster demo portal key:{password}"));
    format!("{}demo_{digest}", crate::embed::keys::SECRET_PREFIX)
}

/// Acme Records' portal key for the sample portal, its secret [`portal_secret`] of `password`;
/// on the first seed (`first`), the sample portal's origin as the account's embedding origin
/// too (later, the administrators' own choice stays).
async fn portal(db: &Pool, password: &str, first: bool) -> Result<(), AppError> {
    let now = crate::clock::now().unix_seconds();
    let mut conn = db.acquire().await?;
    let Some(&records) = store::accounts::ids_named(&mut conn, "Acme Records")
        .await?
        .first()
    else {
        return Ok(());
    };
    if first {
        let origins = [DEMO_PORTAL_ORIGIN.to_owned()];
        store::accounts::set_embedding_origins(&mut conn, records, &origins).await?;
    }
    let hash = crate::secrets::token_hash(&portal_secret(password));
    store::embed::ensure_demo_key(&mut conn, records, DEMO_PORTAL_KEY, &hash, now).await
}

/// A second `cargo xtask run` on the same database prints a new password: the demo sign-ins
/// take it, and a lockout from earlier tries ends, so the sign-in printed is the one that works.
/// Only the demo's own addresses (under the reserved `.test` domain) are touched.
async fn refresh_sign_ins(db: &Pool, hash: &str) -> Result<(), AppError> {
    let now = crate::clock::now().unix_seconds();
    let mut tx = db.begin().await?;
    for email in [
        DEMO_ADMIN,
        DEMO_DELEGATE,
        DEMO_EU_ADMIN,
        DEMO_EU_OPS,
        DEMO_USER,
    ] {
        store::demo::refresh_sign_in(&mut tx, email, hash, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// For the benchmark: adds `count` more people to Acme Records (seeded first), in one
/// transaction, and answers the account's id.
pub async fn seed_bulk(db: &Pool, count: usize) -> Result<i64, AppError> {
    let (account, group) = store::demo::account_and_default_group(db, "Acme Records").await?;
    let now = crate::clock::now().unix_seconds();
    let mut tx = store::begin_write(db).await?;
    for i in 0..count {
        let first = FIRST[i % FIRST.len()];
        let last = LAST[(i / 7) % LAST.len()];
        let email = format!("bench-user-{i}@acme.test");
        let state = [
            "active",
            "active",
            "active",
            "staged",
            "invited",
            "suspended",
        ][i % 6];
        let id = insert_user(&mut tx, first, last, &email, state, None, now).await?;
        member(&mut tx, account, id, "user", group, false, &json!({}), now).await?;
    }
    tx.commit().await?;
    store::demo::analyze(db).await?;
    Ok(account)
}

/// For the benchmark: a fresh account to import into, so that its figures are those of an
/// account being filled and not of the 100,000 people of [`seed_bulk`] (who stay in the
/// database, as other accounts' people do). It has `seats` seats, the approved domain
/// `bench.test`, the groups Default, Operations and Finance, and the demo administrator as its
/// administrator with the top authorities; answers its id.
pub async fn seed_import_account(db: &Pool, name: &str, seats: i64) -> Result<i64, AppError> {
    let policy = serde_json::to_string(&roster_domain::authz::AuthzPolicy::default())
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let now = crate::clock::now().unix_seconds();
    let mut tx = store::begin_write(db).await?;
    let account = insert_account(&mut tx, name, seats, &["bench.test"], &policy).await?;
    let mut default = None;
    for (i, group) in ["Default", "Operations", "Finance"].iter().enumerate() {
        let id = insert_group(&mut tx, account, group, i == 0).await?;
        default = default.or(Some(id));
    }
    let default = default.ok_or_else(|| AppError::Internal("no default group".into()))?;
    let (admin, _) = store::logins::by_username(&mut tx, DEMO_ADMIN)
        .await?
        .ok_or_else(|| AppError::Internal("no demo administrator".into()))?;
    let top = json!({"records": "E", "interaction": "approve", "dr": "DR4"});
    member(&mut tx, account, admin, "admin", default, true, &top, now).await?;
    tx.commit().await?;
    Ok(account)
}
