//! `roster serve --demo`: seeds an empty database with two accounts and about 200 people in
//! every state, so a newcomer can try every screen at once. On a database that already has an
//! account only the demo sign-ins change: they take this start's password, the one printed.

use crate::auth::hash_password;
use crate::error::AppError;
use crate::search;
use crate::tokens::Purpose;
use serde_json::json;
use sqlx::SqlitePool;

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
pub async fn seed(db: &SqlitePool, password: &DemoPassword) -> Result<(), AppError> {
    let (accounts,): (i64,) = sqlx::query_as("SELECT count(*) FROM accounts")
        .fetch_one(db)
        .await?;
    let hash = hash_password(password.password.clone()).await?;
    if accounts > 0 {
        return refresh_sign_ins(db, &hash).await;
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

    // 200 people over every state; the first 20 active ones hold a licence.
    let mut licensed = 2;
    for i in 0..200usize {
        let first = FIRST[i % FIRST.len()];
        let last = LAST[(i / FIRST.len()) % LAST.len()];
        let email = format!(
            "{}.{}{}@acme.test",
            search::fold(first),
            search::fold(last),
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
    Ok(())
}

/// For the benchmark: adds `count` more people to Acme Records (seeded first), in one
/// transaction, and answers the account's id.
/// A second `cargo xtask run` on the same database prints a new password: the demo sign-ins
/// take it, and a lockout from earlier tries ends, so the sign-in printed is the one that works.
/// Only the demo's own addresses (under the reserved `.test` domain) are touched.
async fn refresh_sign_ins(db: &SqlitePool, hash: &str) -> Result<(), AppError> {
    let now = crate::clock::now().unix_seconds();
    let mut tx = db.begin().await?;
    for email in [DEMO_ADMIN, DEMO_DELEGATE, DEMO_EU_ADMIN, DEMO_EU_OPS] {
        sqlx::query(
            "DELETE FROM signin_failures WHERE user_id IN (SELECT id FROM users WHERE email = ?1)",
        )
        .bind(email)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE users SET password_hash = ?2, must_change_password = 0, locked_until = NULL,
                 state = CASE state WHEN 'locked' THEN 'active' ELSE state END,
                 version = version + 1, updated_at = ?3
             WHERE email = ?1",
        )
        .bind(email)
        .bind(hash)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn seed_bulk(db: &SqlitePool, count: usize) -> Result<i64, AppError> {
    let (account, group): (i64, i64) = sqlx::query_as(
        "SELECT a.id, g.id FROM accounts a JOIN groups g ON g.account_id = a.id AND g.is_default
         WHERE a.name = 'Acme Records'",
    )
    .fetch_one(db)
    .await?;
    let now = crate::clock::now().unix_seconds();
    let mut tx = crate::store::begin_write(db).await?;
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
    sqlx::query("ANALYZE").execute(db).await?;
    Ok(account)
}

type Tx<'a> = sqlx::Transaction<'a, sqlx::Sqlite>;

async fn insert_account(
    tx: &mut Tx<'_>,
    name: &str,
    seats: i64,
    domains: &[&str],
    policy: &str,
) -> Result<i64, AppError> {
    let domains = serde_json::to_string(domains).map_err(|e| AppError::Internal(e.to_string()))?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO accounts (name, seats, approved_domains, policy) VALUES (?1, ?2, ?3, ?4) RETURNING id",
    )
    .bind(name)
    .bind(seats)
    .bind(domains)
    .bind(policy)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

async fn insert_group(
    tx: &mut Tx<'_>,
    account: i64,
    name: &str,
    default: bool,
) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO groups (account_id, name, name_key, is_default) VALUES (?1, ?2, ?3, ?4) RETURNING id",
    )
    .bind(account)
    .bind(name)
    .bind(search::fold(name))
    .bind(default)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

async fn insert_user(
    tx: &mut Tx<'_>,
    first: &str,
    last: &str,
    email: &str,
    state: &str,
    hash: Option<&str>,
    now: i64,
) -> Result<i64, AppError> {
    let activated = matches!(state, "active" | "suspended" | "locked").then_some(now);
    let locked_until = (state == "locked").then_some(now + crate::auth::LOCKOUT_SECONDS);
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO users (username, username_key, email, first_name, last_name, state, password_hash,
                            activated_at, locked_until, search, created_at, updated_at)
         VALUES (?1, lower(?1), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) RETURNING id",
    )
    .bind(email)
    .bind(first)
    .bind(last)
    .bind(state)
    .bind(hash)
    .bind(activated)
    .bind(locked_until)
    .bind(search::user_text(first, last, email, email))
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
async fn member(
    tx: &mut Tx<'_>,
    account: i64,
    user: i64,
    role: &str,
    group: i64,
    licensed: bool,
    authorities: &serde_json::Value,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO memberships (account_id, user_id, role, group_id, licensed, authorities, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(account)
    .bind(user)
    .bind(role)
    .bind(group)
    .bind(licensed)
    .bind(authorities.to_string())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
