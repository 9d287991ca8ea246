//! Sessions and sign-in failures: who is signed in, and the lockout after repeated failures.

use super::{Conn, Tx};
use crate::error::AppError;

/// A login as a sign-in finds it.
#[derive(Debug, sqlx::FromRow)]
pub struct Candidate {
    pub id: i64,
    pub state: String,
    pub password_hash: Option<String>,
    pub locked_until: Option<i64>,
}

/// The login a sign-in names: by username first, else by email (both compared as typed,
/// lower-cased). A username that is someone's email is refused when it is made, so at most one
/// person answers to a text.
pub async fn candidate(conn: &mut Conn, login: &str) -> Result<Option<Candidate>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, state, password_hash, locked_until FROM users
         WHERE username_key = ?1 OR lower(email) = ?1 ORDER BY username_key = ?1 DESC LIMIT 1",
    )
    .bind(login)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Ends `user`'s lockout if it has run out and they are still locked (an administrator may have
/// changed their state meanwhile); answers whether it did.
pub async fn end_lockout(tx: &mut Tx<'_>, user: i64, now: i64) -> Result<bool, AppError> {
    let unlocked = sqlx::query(
        "UPDATE users SET state = 'active', locked_until = NULL, version = version + 1, updated_at = ?2
         WHERE id = ?1 AND state = 'locked' AND coalesce(locked_until, 0) <= ?2",
    )
    .bind(user)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(unlocked.rows_affected() > 0)
}

/// Opens a session (by its token's hash) for `user` if they are still active; answers whether.
pub async fn open(
    conn: &mut Conn,
    token_hash: &str,
    user: i64,
    now: i64,
) -> Result<bool, AppError> {
    let opened = sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at)
         SELECT ?1, ?2, ?3, ?3 WHERE EXISTS (SELECT 1 FROM users WHERE id = ?2 AND state = 'active')",
    )
    .bind(token_hash)
    .bind(user)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(opened.rows_affected() > 0)
}

/// Ends one session.
pub async fn end(conn: &mut Conn, token_hash: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?1")
        .bind(token_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Ends every session of `user`.
pub async fn end_all(conn: &mut Conn, user: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE user_id = ?1")
        .bind(user)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Ends every session of `user` but `keep`, when given (the one changing its own password).
pub async fn end_others(conn: &mut Conn, user: i64, keep: Option<&str>) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE user_id = ?1 AND token_hash IS NOT ?2")
        .bind(user)
        .bind(keep)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A session with its user, as a request's cookie names it.
#[derive(Debug, sqlx::FromRow)]
pub struct Session {
    pub user_id: i64,
    pub last_seen_at: i64,
    pub state: String,
    pub must_change_password: bool,
    /// The strictest idle timeout of the user's groups (none when they belong to none).
    pub idle_minutes: Option<i64>,
}

/// The session of `token_hash`, if any.
pub async fn find(conn: &mut Conn, token_hash: &str) -> Result<Option<Session>, AppError> {
    Ok(sqlx::query_as(
        "SELECT s.user_id, s.last_seen_at, u.state, u.must_change_password,
                (SELECT min(g.idle_timeout_minutes) FROM memberships m JOIN groups g ON g.id = m.group_id
                 WHERE m.user_id = u.id) AS idle_minutes
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1",
    )
    .bind(token_hash)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Notes that the session was used at `now`.
pub async fn touch(conn: &mut Conn, token_hash: &str, now: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1")
        .bind(token_hash)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
