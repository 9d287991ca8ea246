//! Sessions: who is signed in, where, and since when; and the end of a lockout.

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

/// Opens a session (by its token's hash) for `user` if they are still active, on the browser
/// `user_agent` names; answers whether.
pub async fn open(
    conn: &mut Conn,
    token_hash: &str,
    user: i64,
    now: i64,
    user_agent: &str,
) -> Result<bool, AppError> {
    let opened = sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, user_agent)
         SELECT ?1, ?2, ?3, ?3, ?4 WHERE EXISTS (SELECT 1 FROM users WHERE id = ?2 AND state = 'active')",
    )
    .bind(token_hash)
    .bind(user)
    .bind(now)
    .bind(user_agent)
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

/// Ends `user`'s session `id`; answers whether there was one (another person's is not theirs).
pub async fn end_by_id(conn: &mut Conn, user: i64, id: i64) -> Result<bool, AppError> {
    let ended = sqlx::query("DELETE FROM sessions WHERE id = ?1 AND user_id = ?2")
        .bind(id)
        .bind(user)
        .execute(&mut *conn)
        .await?;
    Ok(ended.rows_affected() > 0)
}

/// One of a person's sessions, as they see it.
#[derive(Debug, sqlx::FromRow)]
pub struct Open {
    pub id: i64,
    pub user_agent: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    /// It is the session `current` of [`of_user`].
    pub current: bool,
}

/// `user`'s sessions: the one whose hash is `current` first, then the most recently seen.
pub async fn of_user(conn: &mut Conn, user: i64, current: &str) -> Result<Vec<Open>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, user_agent, created_at, last_seen_at, token_hash = ?2 AS current
         FROM sessions WHERE user_id = ?1 ORDER BY current DESC, last_seen_at DESC, id DESC",
    )
    .bind(user)
    .bind(current)
    .fetch_all(&mut *conn)
    .await?)
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

/// A session with its user, as a request's cookie or bearer names it.
#[derive(Debug, sqlx::FromRow)]
pub struct Session {
    pub user_id: i64,
    pub last_seen_at: i64,
    pub state: String,
    pub must_change_password: bool,
    /// The strictest idle timeout of the user's groups (none when they belong to none).
    pub idle_minutes: Option<i64>,
    /// An embedded session's one account; none for a cookie's.
    pub account_id: Option<i64>,
    /// When an embedded session ends at the latest.
    pub expires_at: Option<i64>,
    /// The user is still a member of the embedded session's account (always, for a cookie's).
    pub in_account: bool,
}

/// The session of `token_hash`, if any.
pub async fn find(conn: &mut Conn, token_hash: &str) -> Result<Option<Session>, AppError> {
    Ok(sqlx::query_as(
        "SELECT s.user_id, s.last_seen_at, u.state, u.must_change_password,
                (SELECT min(g.idle_timeout_minutes) FROM memberships m JOIN groups g ON g.id = m.group_id
                 WHERE m.user_id = u.id) AS idle_minutes,
                s.account_id, s.expires_at,
                (s.account_id IS NULL OR EXISTS (SELECT 1 FROM memberships m
                    WHERE m.account_id = s.account_id AND m.user_id = s.user_id)) AS in_account
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
