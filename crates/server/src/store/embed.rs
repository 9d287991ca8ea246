//! Embedding: an account's portal keys, the single-use tokens they mint, and the sessions those
//! open. Secrets and tokens are kept as their hashes only.

use super::{Conn, Tx};
use crate::error::AppError;
use roster_api::embed::{KeyAuthor, PortalKey};

#[derive(sqlx::FromRow)]
struct KeyRow {
    id: i64,
    name: String,
    created_at: i64,
    created_by: Option<i64>,
    author_first: Option<String>,
    author_last: Option<String>,
    last_used_at: Option<i64>,
}

impl From<KeyRow> for PortalKey {
    fn from(row: KeyRow) -> PortalKey {
        let created_by = row.created_by.map(|id| KeyAuthor {
            id,
            name: format!(
                "{} {}",
                row.author_first.unwrap_or_default(),
                row.author_last.unwrap_or_default()
            )
            .trim()
            .to_owned(),
        });
        PortalKey {
            id: row.id,
            name: row.name,
            created_at: row.created_at,
            created_by,
            last_used_at: row.last_used_at,
        }
    }
}

const KEY_COLUMNS: &str = "k.id, k.name, k.created_at, k.created_by, u.first_name AS author_first,
     u.last_name AS author_last, k.last_used_at
     FROM embed_keys k LEFT JOIN users u ON u.id = k.created_by";

/// Makes a key of `account` named `name` whose secret hashes to `secret_hash`.
pub async fn insert_key(
    tx: &mut Tx<'_>,
    account: i64,
    name: &str,
    secret_hash: &str,
    by: Option<i64>,
    now: i64,
) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO embed_keys (account_id, name, secret_hash, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
    )
    .bind(account)
    .bind(name)
    .bind(secret_hash)
    .bind(now)
    .bind(by)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// The keys of `account`, newest first.
pub async fn keys_of(conn: &mut Conn, account: i64) -> Result<Vec<PortalKey>, AppError> {
    let rows: Vec<KeyRow> = sqlx::query_as(&format!(
        "SELECT {KEY_COLUMNS} WHERE k.account_id = ?1 ORDER BY k.id DESC"
    ))
    .bind(account)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(PortalKey::from).collect())
}

/// Key `id` of `account`, if it has one.
pub async fn key(conn: &mut Conn, account: i64, id: i64) -> Result<Option<PortalKey>, AppError> {
    let row: Option<KeyRow> = sqlx::query_as(&format!(
        "SELECT {KEY_COLUMNS} WHERE k.account_id = ?1 AND k.id = ?2"
    ))
    .bind(account)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(PortalKey::from))
}

/// Revokes key `id` of `account`: deletes it, with its tokens and the sessions they opened.
pub async fn delete_key(tx: &mut Tx<'_>, account: i64, id: i64) -> Result<bool, AppError> {
    let deleted = sqlx::query("DELETE FROM embed_keys WHERE account_id = ?1 AND id = ?2")
        .bind(account)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(deleted.rows_affected() > 0)
}

/// The key whose secret hashes to `secret_hash`: its id and account.
pub async fn key_by_secret(
    conn: &mut Conn,
    secret_hash: &str,
) -> Result<Option<(i64, i64)>, AppError> {
    Ok(
        sqlx::query_as("SELECT id, account_id FROM embed_keys WHERE secret_hash = ?1")
            .bind(secret_hash)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// The active member of `account` whose username or email (lower-cased) is `login`.
pub async fn active_member(
    conn: &mut Conn,
    account: i64,
    login: &str,
) -> Result<Option<i64>, AppError> {
    let found: Option<(i64,)> = sqlx::query_as(
        "SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id AND m.account_id = ?1
         WHERE (u.username_key = ?2 OR lower(u.email) = ?2) AND u.state = 'active'
         ORDER BY u.username_key = ?2 DESC LIMIT 1",
    )
    .bind(account)
    .bind(login)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.map(|(id,)| id))
}

/// A token minted by key `key` for `user`, working until `expires_at`; the key was used `now`.
pub async fn insert_token(
    tx: &mut Tx<'_>,
    hash: &str,
    key: i64,
    user: i64,
    now: i64,
    expires_at: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO embed_tokens (hash, key_id, user_id, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(hash)
    .bind(key)
    .bind(user)
    .bind(now)
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE embed_keys SET last_used_at = ?2 WHERE id = ?1")
        .bind(key)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    // Spent and expired tokens are of no use to anyone: the key's own go as it mints new ones.
    sqlx::query("DELETE FROM embed_tokens WHERE key_id = ?1 AND expires_at <= ?2")
        .bind(key)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// What a token was minted for.
#[derive(Debug, sqlx::FromRow)]
pub struct Taken {
    pub key_id: i64,
    pub account_id: i64,
    pub user_id: i64,
}

/// Uses up a live token: of two requests with the same token, exactly one gets what it was
/// minted for, and only while its person is still an active member of the key's account.
pub async fn take_token(tx: &mut Tx<'_>, hash: &str, now: i64) -> Result<Option<Taken>, AppError> {
    let taken: Option<(i64, i64, i64)> = sqlx::query_as(
        "DELETE FROM embed_tokens WHERE hash = ?1 RETURNING key_id, user_id, expires_at",
    )
    .bind(hash)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((key_id, user_id, expires_at)) = taken else {
        return Ok(None);
    };
    if expires_at <= now {
        return Ok(None);
    }
    let account: Option<(i64,)> = sqlx::query_as(
        "SELECT k.account_id FROM embed_keys k
         JOIN memberships m ON m.account_id = k.account_id AND m.user_id = ?2
         JOIN users u ON u.id = m.user_id AND u.state = 'active'
         WHERE k.id = ?1",
    )
    .bind(key_id)
    .bind(user_id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(account.map(|(account_id,)| Taken {
        key_id,
        account_id,
        user_id,
    }))
}

/// Opens the embedded session `token_hash` for what `taken` was minted for, until `expires_at`.
pub async fn open_session(
    tx: &mut Tx<'_>,
    token_hash: &str,
    taken: &Taken,
    now: i64,
    expires_at: i64,
    user_agent: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, user_agent,
                               account_id, embed_key_id, expires_at)
         VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(token_hash)
    .bind(taken.user_id)
    .bind(now)
    .bind(user_agent)
    .bind(taken.account_id)
    .bind(taken.key_id)
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Moves the expiry of every token `seconds` earlier. Used by the tests to let a token run out.
pub async fn expire_tokens_earlier(conn: &mut Conn, seconds: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE embed_tokens SET expires_at = expires_at - ?1")
        .bind(seconds)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Moves the end of every embedded session `seconds` earlier. Used by the tests.
pub async fn expire_sessions_earlier(conn: &mut Conn, seconds: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE sessions SET expires_at = expires_at - ?1 WHERE expires_at IS NOT NULL")
        .bind(seconds)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The demo's portal key of `account`, named `name`, with the secret hashing to `secret_hash`:
/// made when missing, its secret set when there.
pub async fn ensure_demo_key(
    conn: &mut Conn,
    account: i64,
    name: &str,
    secret_hash: &str,
    now: i64,
) -> Result<(), AppError> {
    let updated =
        sqlx::query("UPDATE embed_keys SET secret_hash = ?3 WHERE account_id = ?1 AND name = ?2")
            .bind(account)
            .bind(name)
            .bind(secret_hash)
            .execute(&mut *conn)
            .await?;
    if updated.rows_affected() == 0 {
        sqlx::query(
            "INSERT INTO embed_keys (account_id, name, secret_hash, created_at)
             VALUES (?1, ?2, ?3, ?4)",
        )
        .bind(account)
        .bind(name)
        .bind(secret_hash)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
