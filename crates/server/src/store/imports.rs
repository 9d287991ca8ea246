//! What an import needs of the database beyond people and groups: the answers kept for each
//! chunk's idempotency key, the existing logins of a file's usernames, and an account's members
//! in the import template's terms, for the export.

use super::{Conn, in_list, list};
use crate::error::AppError;
use roster_domain::authz::Grants;

/// A chunk answered before under the same key.
#[derive(Debug)]
pub struct Answered {
    pub actor: i64,
    pub request_hash: String,
    pub response: String,
}

/// Forgets the answers kept from before `before`, then returns the one kept for `key` in
/// `account`, if any.
pub async fn answered(
    conn: &mut Conn,
    account: i64,
    key: &str,
    before: i64,
) -> Result<Option<Answered>, AppError> {
    sqlx::query("DELETE FROM import_chunks WHERE created_at < ?1")
        .bind(before)
        .execute(&mut *conn)
        .await?;
    let found: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT actor_id, request_hash, response FROM import_chunks WHERE account_id = ?1 AND key = ?2",
    )
    .bind(account)
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.map(|(actor, request_hash, response)| Answered {
        actor,
        request_hash,
        response,
    }))
}

/// Keeps the answer given to a chunk under `key`, so that sending it again replays it.
pub async fn keep_answer(
    conn: &mut Conn,
    account: i64,
    key: &str,
    answered: &Answered,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO import_chunks (account_id, key, actor_id, request_hash, response, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(account)
    .bind(key)
    .bind(answered.actor)
    .bind(&answered.request_hash)
    .bind(&answered.response)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A login that a row names by its username key.
#[derive(Debug, sqlx::FromRow)]
pub struct ChunkLogin {
    pub username_key: String,
    pub id: i64,
    pub email: String,
    /// A member of the account imported into.
    pub here: bool,
}

/// The logins of these username keys, each with its email and whether it is a member of
/// `account`: one search of the username index for a whole chunk.
pub async fn logins_of_keys(
    conn: &mut Conn,
    account: i64,
    keys: &[impl serde::Serialize],
) -> Result<Vec<ChunkLogin>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT u.username_key, u.id, u.email,
                EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.account_id = ?1)
                    AS here
         FROM users u WHERE u.username_key {}",
        in_list(2)
    ))
    .bind(account)
    .bind(list(keys)?)
    .fetch_all(&mut *conn)
    .await?)
}

/// Which of these keys (lower case) are the email of some login, ignoring case as
/// [`super::logins::is_email_of_another`] does: one search of the email index for a whole chunk.
pub async fn emails_in_use(conn: &mut Conn, keys: &[String]) -> Result<Vec<String>, AppError> {
    let found: Vec<(String,)> = sqlx::query_as(&format!(
        "SELECT DISTINCT lower(email) FROM users
         WHERE email COLLATE NOCASE {} AND lower(email) {}",
        in_list(1),
        in_list(1)
    ))
    .bind(list(keys)?)
    .fetch_all(&mut *conn)
    .await?;
    Ok(found.into_iter().map(|(email,)| email).collect())
}

/// One member as exported.
#[derive(Debug, sqlx::FromRow)]
pub struct Exported {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub username: String,
    pub phone: Option<String>,
    pub language: String,
    pub group_name: String,
    pub role: String,
    pub licensed: bool,
    #[sqlx(json)]
    pub authorities: Grants,
    pub exchange_domain: Option<String>,
    pub exchange_username: Option<String>,
}

/// The members of `account` by last and first name.
pub async fn exported(conn: &mut Conn, account: i64) -> Result<Vec<Exported>, AppError> {
    Ok(sqlx::query_as(
        "SELECT u.email, u.first_name, u.last_name, u.username, u.phone, u.language,
                g.name AS group_name, m.role, m.licensed, m.authorities, u.exchange_domain,
                u.exchange_username
         FROM memberships m JOIN users u ON u.id = m.user_id JOIN groups g ON g.id = m.group_id
         WHERE m.account_id = ?1 ORDER BY lower(u.last_name), lower(u.first_name), u.id",
    )
    .bind(account)
    .fetch_all(&mut *conn)
    .await?)
}

/// Makes the answers kept under `key` `seconds` older. Used by the tests to age an answer past
/// the day it is kept.
pub async fn age_answers(conn: &mut Conn, key: &str, seconds: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE import_chunks SET created_at = created_at - ?2 WHERE key = ?1")
        .bind(key)
        .bind(seconds)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
