//! Join requests, as the account that asked sees them.

use super::decode;
use crate::error::AppError;
use roster_api::join::JoinRequest;
use sqlx::SqliteConnection;

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    email: String,
    role: String,
    requested_by: Option<String>,
    requested_at: i64,
    expires_at: i64,
}

impl RequestRow {
    fn into_request(self) -> Result<JoinRequest, AppError> {
        Ok(JoinRequest {
            id: self.id,
            email: self.email,
            role: decode("role", &self.role)?,
            requested_by: self.requested_by,
            requested_at: self.requested_at,
            expires_at: self.expires_at,
        })
    }
}

const SELECT: &str = "SELECT j.id, j.email, j.role, u.username AS requested_by,
                             j.created_at AS requested_at, j.expires_at
                      FROM join_requests j LEFT JOIN users u ON u.id = j.requested_by";

/// Request `id` of `account`: 404 when it does not exist or is another account's.
pub(crate) async fn find(
    conn: &mut SqliteConnection,
    account: i64,
    id: i64,
) -> Result<JoinRequest, AppError> {
    let row: Option<RequestRow> =
        sqlx::query_as(&format!("{SELECT} WHERE j.account_id = ?1 AND j.id = ?2"))
            .bind(account)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    row.ok_or(AppError::NotFound)?.into_request()
}

/// The requests of `account`, newest first.
pub(crate) async fn of_account(
    conn: &mut SqliteConnection,
    account: i64,
) -> Result<Vec<JoinRequest>, AppError> {
    let rows: Vec<RequestRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE j.account_id = ?1 ORDER BY j.created_at DESC, j.id DESC"
    ))
    .bind(account)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(RequestRow::into_request).collect()
}
