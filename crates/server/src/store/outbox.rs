//! The outbox: emails written in the transaction of their change, claimed and recorded by the
//! delivery worker, read back for the local mailbox.

use super::decode;
use super::{Conn, Pool};
use crate::error::AppError;
use roster_api::mailbox::MailboxEmail;
use roster_domain::notify::EmailKind;

#[derive(sqlx::FromRow)]
struct MailRow {
    id: i64,
    to: String,
    kind: String,
    subject: String,
    text: String,
    html: String,
    created_at: i64,
    user_id: Option<i64>,
}

/// Up to `limit` emails older than `before` (by id), newest first, to `to` when given (ignoring
/// case), each with its recipient's user id. The bodies are as stored: sealed.
pub async fn older_than(
    conn: &mut Conn,
    to: Option<&str>,
    before: i64,
    limit: i64,
) -> Result<Vec<(MailboxEmail, Option<i64>)>, AppError> {
    let rows: Vec<MailRow> = sqlx::query_as(
        "SELECT id, to_address AS \"to\", kind, subject, text_body AS text,
                html_body AS html, created_at, user_id
         FROM outbox
         WHERE id < ?2 AND (?1 IS NULL OR lower(to_address) = lower(?1))
         ORDER BY id DESC LIMIT ?3",
    )
    .bind(to)
    .bind(before)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            let email = MailboxEmail {
                id: r.id,
                to: r.to,
                kind: decode("email kind", &r.kind)?,
                subject: r.subject,
                text: r.text,
                html: r.html,
                created_at: r.created_at,
            };
            Ok((email, r.user_id))
        })
        .collect()
}

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

/// Writes an email to the outbox, its bodies as given (already sealed); returns its id. Due at
/// once.
pub async fn insert(
    conn: &mut Conn,
    email: &Email,
    text: &str,
    html: &str,
    now: i64,
) -> Result<i64, AppError> {
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
    .bind(text)
    .bind(html)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// What is sent of an outbox row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Outgoing {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub created_at: i64,
    /// Attempts made before this one.
    pub attempts: i64,
}

/// Returns the emails left `sending` (by a run that stopped while sending) to `pending`; returns
/// how many.
pub async fn recover(db: &Pool) -> Result<u64, super::Error> {
    let done = sqlx::query("UPDATE outbox SET status = 'pending' WHERE status = 'sending'")
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// Marks up to `limit` due emails `sending` and returns them, oldest first. One statement in a
/// write transaction: two workers never claim the same email.
pub async fn claim(db: &Pool, now: i64, limit: i64) -> Result<Vec<Outgoing>, super::Error> {
    let mut tx = super::begin_write(db).await?;
    let mut claimed: Vec<Outgoing> = sqlx::query_as(
        "UPDATE outbox SET status = 'sending'
         WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?1
                      ORDER BY next_attempt_at, id LIMIT ?2)
         RETURNING id, to_address, subject, text_body, html_body, created_at, attempts",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    claimed.sort_by_key(|email| email.id);
    Ok(claimed)
}

/// Hands back claimed emails that were not tried (the server is stopping).
pub async fn release(db: &Pool, emails: &[Outgoing]) -> Result<(), super::Error> {
    let mut tx = super::begin_write(db).await?;
    for email in emails {
        sqlx::query("UPDATE outbox SET status = 'pending' WHERE id = ?1 AND status = 'sending'")
            .bind(email.id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// How one claimed email's attempt ended, as recorded.
#[derive(Debug)]
pub enum Outcome<'a> {
    Sent { at: i64 },
    Retry { at: i64, error: &'a str },
    Failed { error: &'a str },
}

/// Records the outcome of attempt number `attempts` of the claimed email `id`.
pub async fn record(
    db: &Pool,
    id: i64,
    attempts: i64,
    outcome: Outcome<'_>,
) -> Result<(), super::Error> {
    let query = match outcome {
        Outcome::Sent { at } => sqlx::query(
            "UPDATE outbox SET status = 'sent', attempts = ?2, sent_at = ?3, last_error = NULL
             WHERE id = ?1 AND status = 'sending'",
        )
        .bind(id)
        .bind(attempts)
        .bind(at),
        Outcome::Retry { at, error } => sqlx::query(
            "UPDATE outbox SET status = 'pending', attempts = ?2, next_attempt_at = ?3,
                last_error = ?4
             WHERE id = ?1 AND status = 'sending'",
        )
        .bind(id)
        .bind(attempts)
        .bind(at)
        .bind(error),
        Outcome::Failed { error } => sqlx::query(
            "UPDATE outbox SET status = 'failed', attempts = ?2, last_error = ?3
             WHERE id = ?1 AND status = 'sending'",
        )
        .bind(id)
        .bind(attempts)
        .bind(error),
    };
    query.execute(db).await?;
    Ok(())
}

/// When the next pending email is due, if any is.
pub async fn next_due(db: &Pool) -> Result<Option<i64>, super::Error> {
    let (due,): (Option<i64>,) =
        sqlx::query_as("SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'")
            .fetch_one(db)
            .await?;
    Ok(due)
}

/// Where the delivery of one email stands.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Delivery {
    pub id: i64,
    pub to_address: String,
    /// `pending`, `sending`, `sent` or `failed`.
    pub status: String,
    /// Attempts made so far.
    pub attempts: i64,
    pub last_error: Option<String>,
    pub sent_at: Option<i64>,
    pub created_at: i64,
}

/// Every email of the outbox with where its delivery stands, by id. Used by the tests to watch
/// the delivery worker.
pub async fn deliveries(db: &Pool) -> Result<Vec<Delivery>, super::Error> {
    sqlx::query_as(
        "SELECT id, to_address, status, attempts, last_error, sent_at, created_at
         FROM outbox ORDER BY id",
    )
    .fetch_all(db)
    .await
}

/// Leaves email `id` `sending`, as a run that stopped after claiming it does. Used by the tests
/// to arrange what a crash leaves behind.
pub async fn leave_sending(db: &Pool, id: i64) -> Result<(), super::Error> {
    sqlx::query("UPDATE outbox SET status = 'sending' WHERE id = ?1")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}
