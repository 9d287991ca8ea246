//! The demo's rows, written directly: people in every state (with the dates and hashes those
//! states imply), for `roster serve --demo` and the benchmark. Nothing else writes this way.

use super::Tx;
use crate::error::AppError;

/// How many accounts there are.
pub async fn account_count(db: &super::Pool) -> Result<i64, AppError> {
    let (accounts,): (i64,) = sqlx::query_as("SELECT count(*) FROM accounts")
        .fetch_one(db)
        .await?;
    Ok(accounts)
}

/// Gives the person whose address is `email` the password `hash`, and ends any lockout.
pub async fn refresh_sign_in(
    tx: &mut Tx<'_>,
    email: &str,
    hash: &str,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE users SET password_hash = ?2, must_change_password = 0, locked_until = NULL,
             state = CASE state WHEN 'locked' THEN 'active' ELSE state END,
             version = version + 1, updated_at = ?3
         WHERE email = ?1",
    )
    .bind(email)
    .bind(hash)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The account named `name` and its default group.
pub async fn account_and_default_group(
    db: &super::Pool,
    name: &str,
) -> Result<(i64, i64), AppError> {
    Ok(sqlx::query_as(
        "SELECT a.id, g.id FROM accounts a JOIN groups g ON g.account_id = a.id AND g.is_default
         WHERE a.name = ?1",
    )
    .bind(name)
    .fetch_one(db)
    .await?)
}

/// Refreshes the planner's statistics, after many rows were written at once.
pub async fn analyze(db: &super::Pool) -> Result<(), AppError> {
    sqlx::query("ANALYZE").execute(db).await?;
    Ok(())
}

pub async fn insert_account(
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

pub async fn insert_group(
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
    .bind(super::text::fold(name))
    .bind(default)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

pub async fn insert_user(
    tx: &mut Tx<'_>,
    first: &str,
    last: &str,
    email: &str,
    state: &str,
    hash: Option<&str>,
    now: i64,
) -> Result<i64, AppError> {
    let activated = matches!(state, "active" | "suspended" | "locked").then_some(now);
    let locked_until =
        (state == "locked").then_some(now + roster_domain::lifecycle::LOCKOUT_SECONDS);
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
    .bind(super::text::user_text(first, last, email, email))
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_member(
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
