//! The email outbox: emails are written in the transaction of the change that causes them (so
//! one exists exactly when its change was committed), then delivered by SMTP when it is
//! configured, or kept as the local mailbox when it is not.

pub(crate) mod mailbox;

pub use mailbox::router;

use crate::AppState;
use crate::error::AppError;
use roster_domain::notify::EmailKind;
use sqlx::{Sqlite, Transaction};

/// One email to one address.
#[derive(Debug, Clone)]
pub struct Email {
    pub to_address: String,
    /// The recipient, when a user of Roster.
    pub user_id: Option<i64>,
    /// The account the email is about, if one.
    pub account_id: Option<i64>,
    pub kind: EmailKind,
    pub language: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Writes `email` to the outbox inside the caller's transaction; returns its id.
pub async fn enqueue(tx: &mut Transaction<'_, Sqlite>, email: &Email) -> Result<i64, AppError> {
    let now = crate::clock::now().unix_seconds();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO outbox (account_id, user_id, to_address, kind, language, subject, text_body,
                html_body, created_at, next_attempt_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) RETURNING id",
    )
    .bind(email.account_id)
    .bind(email.user_id)
    .bind(&email.to_address)
    .bind(email.kind.as_str())
    .bind(&email.language)
    .bind(&email.subject)
    .bind(&email.text)
    .bind(&email.html)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Tells the delivery worker, if there is one, that emails were committed.
pub fn wake(state: &AppState) {
    state.mail.notify_one();
}
