//! Single-use links: a random token (see [`crate::secrets`]) of which the database keeps only the
//! hash, in the fragment of a link to the app's page. A user holds at most one live link of each
//! purpose, so issuing one makes the previous stop working.

use crate::error::AppError;
use crate::secrets::{random_token, token_hash};
use crate::store::{self, Conn, Tx};

/// What a link is for; also its page (`/activate`, `/reset-password`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Activation,
    PasswordReset,
    /// Confirms a new email address; the link carries it.
    EmailChange,
}

impl Purpose {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Purpose::Activation => "activation",
            Purpose::PasswordReset => "password_reset",
            Purpose::EmailChange => "email_change",
        }
    }

    fn page(self) -> &'static str {
        match self {
            Purpose::Activation => "activate",
            Purpose::PasswordReset => "reset-password",
            Purpose::EmailChange => "confirm-email",
        }
    }
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
    tx: &mut Tx<'_>,
    purpose: Purpose,
    user: i64,
    account: Option<i64>,
    now: i64,
    expires_at: i64,
) -> Result<String, AppError> {
    issue_carrying(tx, purpose, user, account, None, now, expires_at).await
}

/// Issues a link as [`issue`] does, carrying `payload` (a change of email: the new address).
pub async fn issue_carrying(
    tx: &mut Tx<'_>,
    purpose: Purpose,
    user: i64,
    account: Option<i64>,
    payload: Option<&str>,
    now: i64,
    expires_at: i64,
) -> Result<String, AppError> {
    let token = random_token()?;
    let hash = token_hash(&token);
    let link = store::tokens::NewLink {
        hash: &hash,
        purpose: purpose.as_str(),
        user,
        account,
        payload,
        now,
        expires_at,
    };
    store::tokens::replace(tx, &link).await?;
    Ok(token)
}

/// Ends `user`'s link of `purpose`, if any.
pub async fn revoke(conn: &mut Conn, purpose: Purpose, user: i64) -> Result<(), AppError> {
    store::tokens::revoke(conn, purpose.as_str(), user).await
}

/// The user and account of a live link, without using it up.
pub async fn peek(
    conn: &mut Conn,
    purpose: Purpose,
    token: &str,
    now: i64,
) -> Result<Option<(i64, Option<i64>)>, AppError> {
    store::tokens::peek(conn, purpose.as_str(), &token_hash(token), now).await
}

/// Uses up a live link: of two requests with the same token, exactly one gets its user, account
/// and what it carries.
pub async fn take(
    tx: &mut Tx<'_>,
    purpose: Purpose,
    token: &str,
    now: i64,
) -> Result<Option<store::tokens::Taken>, AppError> {
    store::tokens::take(tx, purpose.as_str(), &token_hash(token), now).await
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
}
