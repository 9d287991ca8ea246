//! Single-use links: 256 random bits, of which the database keeps only the SHA-256. A user holds
//! at most one live link of each purpose, so issuing one makes the previous stop working.

use crate::auth::token_hash;
use crate::error::AppError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sqlx::{Sqlite, SqliteConnection, Transaction};

/// What a link is for; also its page (`/activate`, `/reset-password`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Activation,
    PasswordReset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Activation => "activation",
            Purpose::PasswordReset => "password_reset",
        }
    }

    fn page(self) -> &'static str {
        match self {
            Purpose::Activation => "activate",
            Purpose::PasswordReset => "reset-password",
        }
    }
}

/// A fresh random token (URL-safe text).
pub fn random_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("randomness: {e}")))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// The link carrying `token`: in the fragment, so it never reaches server logs or `Referer`.
pub fn link(public_url: &str, purpose: Purpose, token: &str) -> String {
    page_link(public_url, purpose.page(), token)
}

/// The link to the app's `page` carrying `token` in the fragment.
pub fn page_link(public_url: &str, page: &str, token: &str) -> String {
    format!("{}/{page}#token={token}", public_url.trim_end_matches('/'))
}

/// Issues a link of `purpose` for `user` (replacing any), valid until `expires_at`; returns the
/// token, which is never stored.
pub async fn issue(
    tx: &mut Transaction<'_, Sqlite>,
    purpose: Purpose,
    user: i64,
    account: Option<i64>,
    now: i64,
    expires_at: i64,
) -> Result<String, AppError> {
    let token = random_token()?;
    revoke(tx, purpose, user).await?;
    sqlx::query(
        "INSERT INTO tokens (hash, purpose, user_id, account_id, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(token_hash(&token))
    .bind(purpose.as_str())
    .bind(user)
    .bind(account)
    .bind(now)
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(token)
}

/// Ends `user`'s link of `purpose`, if any.
pub async fn revoke(
    conn: &mut SqliteConnection,
    purpose: Purpose,
    user: i64,
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM tokens WHERE user_id = ?1 AND purpose = ?2")
        .bind(user)
        .bind(purpose.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The user and account of a live link, without using it up.
pub async fn peek(
    conn: &mut SqliteConnection,
    purpose: Purpose,
    token: &str,
    now: i64,
) -> Result<Option<(i64, Option<i64>)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT user_id, account_id FROM tokens WHERE hash = ?1 AND purpose = ?2 AND expires_at > ?3",
    )
    .bind(token_hash(token))
    .bind(purpose.as_str())
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Uses up a live link: of two requests with the same token, exactly one gets its user.
pub async fn take(
    tx: &mut Transaction<'_, Sqlite>,
    purpose: Purpose,
    token: &str,
    now: i64,
) -> Result<Option<(i64, Option<i64>)>, AppError> {
    Ok(sqlx::query_as(
        "DELETE FROM tokens WHERE hash = ?1 AND purpose = ?2 AND expires_at > ?3
         RETURNING user_id, account_id",
    )
    .bind(token_hash(token))
    .bind(purpose.as_str())
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_put_the_token_in_the_fragment() {
        assert_eq!(
            link("https://roster.test/", Purpose::Activation, "abc"),
            "https://roster.test/activate#token=abc"
        );
        assert_eq!(
            link("http://127.0.0.1:8080", Purpose::PasswordReset, "x"),
            "http://127.0.0.1:8080/reset-password#token=x"
        );
    }

    #[test]
    fn tokens_hold_256_random_bits() {
        let (a, b) = (random_token().unwrap(), random_token().unwrap());
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
    }
}
