//! Single-use links (activation, password reset, a change of email), by the SHA-256 of their token: at most one live
//! link of each purpose per user.

use super::{Conn, Tx};
use crate::error::AppError;

/// A live link to write.
#[derive(Debug)]
pub struct NewLink<'a> {
    pub hash: &'a str,
    pub purpose: &'a str,
    pub user: i64,
    pub account: Option<i64>,
    /// What the link carries (a change of email: the new address).
    pub payload: Option<&'a str>,
    pub now: i64,
    pub expires_at: i64,
}

/// Makes `link` the live link of its purpose for its user, replacing any.
pub async fn replace(tx: &mut Tx<'_>, link: &NewLink<'_>) -> Result<(), AppError> {
    let NewLink {
        hash,
        purpose,
        user,
        account,
        payload,
        now,
        expires_at,
    } = *link;
    revoke(tx, purpose, user).await?;
    sqlx::query(
        "INSERT INTO tokens (hash, purpose, user_id, account_id, created_at, expires_at, payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(hash)
    .bind(purpose)
    .bind(user)
    .bind(account)
    .bind(now)
    .bind(expires_at)
    .bind(payload)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Ends `user`'s link of `purpose`, if any.
pub async fn revoke(conn: &mut Conn, purpose: &str, user: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM tokens WHERE user_id = ?1 AND purpose = ?2")
        .bind(user)
        .bind(purpose)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The user and account of the live link `hash`, without using it up.
pub async fn peek(
    conn: &mut Conn,
    purpose: &str,
    hash: &str,
    now: i64,
) -> Result<Option<(i64, Option<i64>)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT user_id, account_id FROM tokens WHERE hash = ?1 AND purpose = ?2 AND expires_at > ?3",
    )
    .bind(hash)
    .bind(purpose)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?)
}

/// What a link used up was for: its user, the account it was sent from, and what it carries.
#[derive(Debug, sqlx::FromRow)]
pub struct Taken {
    pub user_id: i64,
    pub account_id: Option<i64>,
    pub payload: Option<String>,
}

/// Uses up the live link `hash` of `purpose`: of two requests with the same token, exactly one
/// gets what it was for.
pub async fn take(
    tx: &mut Tx<'_>,
    purpose: &str,
    hash: &str,
    now: i64,
) -> Result<Option<Taken>, AppError> {
    Ok(sqlx::query_as(
        "DELETE FROM tokens WHERE hash = ?1 AND purpose = ?2 AND expires_at > ?3
         RETURNING user_id, account_id, payload",
    )
    .bind(hash)
    .bind(purpose)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?)
}

/// Moves the expiry of `user`'s links `seconds` earlier. Used by the tests to let a link run out.
pub async fn expire_earlier(conn: &mut Conn, user: i64, seconds: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE tokens SET expires_at = expires_at - ?2 WHERE user_id = ?1")
        .bind(user)
        .bind(seconds)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
