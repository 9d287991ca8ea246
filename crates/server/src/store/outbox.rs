//! The outbox: the emails written, read back for the local mailbox.

use super::decode;
use crate::error::AppError;
use roster_api::mailbox::MailboxEmail;
use sqlx::SqliteConnection;

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
pub(crate) async fn older_than(
    conn: &mut SqliteConnection,
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
