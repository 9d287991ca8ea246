//! Accounts: the ones a person belongs to, with their seats and the person's role.

use super::decode;
use crate::error::AppError;
use roster_api::accounts::AccountSummary;
use roster_api::session::MyAccount;
use sqlx::SqliteConnection;

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    name: String,
    seats: i64,
    seats_used: i64,
    role: String,
}

/// The accounts `user` belongs to, by name, with their seats and the user's role.
pub(crate) async fn summaries_of(
    conn: &mut SqliteConnection,
    user: i64,
) -> Result<Vec<AccountSummary>, AppError> {
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT a.id, a.name, a.seats,
                (SELECT count(*) FROM memberships x WHERE x.account_id = a.id AND x.licensed) AS seats_used,
                m.role
         FROM memberships m JOIN accounts a ON a.id = m.account_id
         WHERE m.user_id = ?1 ORDER BY a.name",
    )
    .bind(user)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(AccountSummary {
                id: r.id,
                name: r.name,
                seats: r.seats,
                seats_used: r.seats_used,
                role: decode("role", &r.role)?,
            })
        })
        .collect()
}

/// The accounts `user` belongs to, by name, with their role.
pub(crate) async fn mine(
    conn: &mut SqliteConnection,
    user: i64,
) -> Result<Vec<MyAccount>, AppError> {
    Ok(summaries_of(conn, user)
        .await?
        .into_iter()
        .map(|a| MyAccount {
            id: a.id,
            name: a.name,
            role: a.role,
        })
        .collect())
}
