//! Invitations: the members of an account waiting for activation, with their links.

use super::Conn;
use crate::error::AppError;
use roster_api::invitations::Invitation;

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: i64,
    username: String,
    email: String,
    first_name: String,
    last_name: String,
    sent_at: Option<i64>,
    expires_at: Option<i64>,
    expired: bool,
}

impl From<InvitationRow> for Invitation {
    fn from(r: InvitationRow) -> Invitation {
        Invitation {
            id: r.id,
            username: r.username,
            email: r.email,
            first_name: r.first_name,
            last_name: r.last_name,
            sent_at: r.sent_at,
            expires_at: r.expires_at,
            expired: r.expired,
        }
    }
}

const WAITING: &str = "FROM memberships m JOIN users u ON u.id = m.user_id
     LEFT JOIN tokens t ON t.user_id = u.id AND t.purpose = 'activation'
     WHERE m.account_id = ?1 AND u.state = 'invited'
       AND (?2 IS NULL OR (coalesce(t.expires_at, 0) <= ?3) = ?2)";

/// A page of the invited members of `account` (only those whose link has lapsed, or only the
/// others, when `expired` says), soonest to expire first, and how many there are in all.
pub async fn page(
    conn: &mut Conn,
    account: i64,
    expired: Option<bool>,
    now: i64,
    page: i64,
    per_page: i64,
) -> Result<(Vec<Invitation>, i64), AppError> {
    let (total,): (i64,) = sqlx::query_as(&format!("SELECT count(*) {WAITING}"))
        .bind(account)
        .bind(expired)
        .bind(now)
        .fetch_one(&mut *conn)
        .await?;
    let rows: Vec<InvitationRow> = sqlx::query_as(&format!(
        "SELECT u.id, u.username, u.email, u.first_name, u.last_name, t.created_at AS sent_at,
                t.expires_at, coalesce(t.expires_at, 0) <= ?3 AS expired
         {WAITING} ORDER BY coalesce(t.expires_at, 0), u.id LIMIT ?4 OFFSET ?5"
    ))
    .bind(account)
    .bind(expired)
    .bind(now)
    .bind(per_page)
    .bind((page - 1).saturating_mul(per_page))
    .fetch_all(&mut *conn)
    .await?;
    Ok((rows.into_iter().map(Invitation::from).collect(), total))
}
