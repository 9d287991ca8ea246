//! Accounts: the ones a person belongs to, with their seats and the person's role.

use super::decode;
use super::{Conn, in_list, list};
use crate::error::AppError;
use roster_api::accounts::{AccountSettings, AccountSummary};
use roster_domain::authz::{AuthzPolicy, Grantable};
use roster_domain::values::{ApprovedDomain, Language};

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    name: String,
    seats: i64,
    seats_used: i64,
    role: String,
}

/// The accounts `user` belongs to, by name, with their seats and the user's role.
pub async fn summaries_of(conn: &mut Conn, user: i64) -> Result<Vec<AccountSummary>, AppError> {
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT a.id, a.name, a.seats,
                (SELECT count(*) FROM memberships x WHERE x.account_id = a.id AND x.licensed) AS seats_used,
                m.role
         FROM memberships m JOIN accounts a ON a.id = m.account_id
         WHERE m.user_id = ?1 ORDER BY a.name",
    )
    .bind(user)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(AccountSummary {
                id: r.id,
                name: r.name,
                seats: r.seats,
                seats_used: r.seats_used,
                role: decode("role", &r.role)?,
            })
        })
        .collect()
}

/// The account's authorization policy.
pub async fn policy(conn: &mut Conn, account: i64) -> Result<AuthzPolicy, AppError> {
    let (json,): (String,) = sqlx::query_as("SELECT policy FROM accounts WHERE id = ?1")
        .bind(account)
        .fetch_one(&mut *conn)
        .await?;
    serde_json::from_str(&json)
        .map_err(|e| AppError::Internal(format!("stored policy of {account}: {e}")))
}

/// The account's approved email domains (none: any address is allowed).
pub async fn approved_domains(
    conn: &mut Conn,
    account: i64,
) -> Result<Vec<ApprovedDomain>, AppError> {
    let (domains,): (String,) =
        sqlx::query_as("SELECT approved_domains FROM accounts WHERE id = ?1")
            .bind(account)
            .fetch_one(&mut *conn)
            .await?;
    serde_json::from_str(&domains).map_err(|e| AppError::Internal(format!("approved domains: {e}")))
}

/// The origins that may frame the account's embedded pages; none when there is no such account.
pub async fn embedding_origins(conn: &mut Conn, account: i64) -> Result<Vec<String>, AppError> {
    let found: Option<(String,)> =
        sqlx::query_as("SELECT embed_origins FROM accounts WHERE id = ?1")
            .bind(account)
            .fetch_optional(&mut *conn)
            .await?;
    match found {
        Some((origins,)) => serde_json::from_str(&origins)
            .map_err(|e| AppError::Internal(format!("embedding origins of {account}: {e}"))),
        None => Ok(Vec::new()),
    }
}

/// The origins that may frame the account's embedded pages become `origins` (the demo sets them;
/// administrators change them with the other settings).
pub async fn set_embedding_origins(
    conn: &mut Conn,
    account: i64,
    origins: &[String],
) -> Result<(), AppError> {
    let origins = serde_json::to_string(origins).map_err(|e| AppError::Internal(e.to_string()))?;
    sqlx::query("UPDATE accounts SET embed_origins = ?2, version = version + 1 WHERE id = ?1")
        .bind(account)
        .bind(origins)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The account's name.
pub async fn name(conn: &mut Conn, account: i64) -> Result<String, AppError> {
    let (name,): (String,) = sqlx::query_as("SELECT name FROM accounts WHERE id = ?1")
        .bind(account)
        .fetch_one(&mut *conn)
        .await?;
    Ok(name)
}

/// The names of `accounts`, in order of name.
pub async fn names(conn: &mut Conn, accounts: &[i64]) -> Result<Vec<String>, AppError> {
    let sql = format!(
        "SELECT name FROM accounts WHERE id {} ORDER BY name",
        in_list(1)
    );
    let rows: Vec<(String,)> = sqlx::query_as(&sql)
        .bind(list(accounts)?)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(|(n,)| n).collect())
}

/// How long the account's single-use links work, in hours.
pub async fn invitation_lifetime_hours(conn: &mut Conn, account: i64) -> Result<i64, AppError> {
    let (hours,): (i64,) =
        sqlx::query_as("SELECT invitation_lifetime_hours FROM accounts WHERE id = ?1")
            .bind(account)
            .fetch_one(&mut *conn)
            .await?;
    Ok(hours)
}

/// The account's seats bought and in use.
pub async fn seat_counts(conn: &mut Conn, account: i64) -> Result<(i64, i64), AppError> {
    Ok(sqlx::query_as(
        "SELECT a.seats, (SELECT count(*) FROM memberships m WHERE m.account_id = a.id AND m.licensed)
         FROM accounts a WHERE a.id = ?1",
    )
    .bind(account)
    .fetch_one(&mut *conn)
    .await?)
}

/// The ids of the accounts named `name`, ignoring case (the command line names accounts).
pub async fn ids_named(conn: &mut Conn, name: &str) -> Result<Vec<i64>, AppError> {
    let found: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM accounts WHERE lower(name) = lower(?1)")
            .bind(name)
            .fetch_all(&mut *conn)
            .await?;
    Ok(found.into_iter().map(|(id,)| id).collect())
}

#[derive(sqlx::FromRow)]
struct SettingsRow {
    id: i64,
    name: String,
    seats: i64,
    seats_used: i64,
    approved_domains: String,
    invitation_lifetime_hours: i64,
    embed_origins: String,
    default_language: String,
    policy: String,
    version: i64,
}

/// The account's settings; what a reader may grant and change is left for the caller to fill.
pub async fn settings(conn: &mut Conn, account: i64) -> Result<AccountSettings, AppError> {
    let row: SettingsRow = sqlx::query_as(
        "SELECT id, name, seats,
                (SELECT count(*) FROM memberships m WHERE m.account_id = a.id AND m.licensed) AS seats_used,
                approved_domains, invitation_lifetime_hours, embed_origins, default_language,
                policy, version
         FROM accounts a WHERE id = ?1",
    )
    .bind(account)
    .fetch_one(&mut *conn)
    .await?;
    let stored = |what: &str, e: serde_json::Error| {
        AppError::Internal(format!("stored {what} of {account}: {e}"))
    };
    Ok(AccountSettings {
        id: row.id,
        name: row.name,
        seats: row.seats,
        seats_used: row.seats_used,
        approved_domains: serde_json::from_str(&row.approved_domains)
            .map_err(|e| stored("approved domains", e))?,
        invitation_lifetime_hours: row.invitation_lifetime_hours,
        embedding_origins: serde_json::from_str(&row.embed_origins)
            .map_err(|e| stored("embedding origins", e))?,
        default_language: decode("language", &row.default_language)?,
        policy: serde_json::from_str(&row.policy).map_err(|e| stored("policy", e))?,
        grantable: Grantable::default(),
        may_change_policy: false,
        version: row.version,
    })
}

/// The language `account` gives the people added to it without one.
pub async fn default_language(conn: &mut Conn, account: i64) -> Result<Language, AppError> {
    let stored: String = sqlx::query_scalar("SELECT default_language FROM accounts WHERE id = ?1")
        .bind(account)
        .fetch_one(&mut *conn)
        .await?;
    decode("language", &stored)
}

/// The settings an administrator changes, all at once.
#[derive(Debug)]
pub struct SettingsUpdate<'a> {
    pub seats: i64,
    pub approved_domains: &'a [String],
    pub invitation_lifetime_hours: i64,
    pub embedding_origins: &'a [String],
    pub default_language: Language,
    pub policy: &'a AuthzPolicy,
}

/// The account's settings become these; a new version.
pub async fn update_settings(
    conn: &mut Conn,
    account: i64,
    update: &SettingsUpdate<'_>,
) -> Result<(), AppError> {
    fn json(value: &impl serde::Serialize) -> Result<String, AppError> {
        serde_json::to_string(value).map_err(|e| AppError::Internal(e.to_string()))
    }
    let domains = json(&update.approved_domains)?;
    let origins = json(&update.embedding_origins)?;
    let policy = json(update.policy)?;
    sqlx::query(
        "UPDATE accounts SET seats = ?2, approved_domains = ?3, invitation_lifetime_hours = ?4,
                policy = ?5, embed_origins = ?6, default_language = ?7, version = version + 1
         WHERE id = ?1",
    )
    .bind(account)
    .bind(update.seats)
    .bind(domains)
    .bind(update.invitation_lifetime_hours)
    .bind(policy)
    .bind(origins)
    .bind(update.default_language.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(())
}
