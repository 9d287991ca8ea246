//! Join requests: an existing login asked to join an account, by the hash of their link's
//! token; and the requests as the account that asked sees them.

use super::{Conn, Tx, decode};
use crate::error::AppError;
use roster_api::join::JoinRequest;
use roster_domain::authz::{Grants, Role};

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
pub async fn find(conn: &mut Conn, account: i64, id: i64) -> Result<JoinRequest, AppError> {
    let row: Option<RequestRow> =
        sqlx::query_as(&format!("{SELECT} WHERE j.account_id = ?1 AND j.id = ?2"))
            .bind(account)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    row.ok_or(AppError::NotFound)?.into_request()
}

/// The requests of `account`, newest first.
pub async fn of_account(conn: &mut Conn, account: i64) -> Result<Vec<JoinRequest>, AppError> {
    let rows: Vec<RequestRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE j.account_id = ?1 ORDER BY j.created_at DESC, j.id DESC"
    ))
    .bind(account)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(RequestRow::into_request).collect()
}

/// A request as its link finds it: everything to make the membership asked for.
#[derive(Debug, sqlx::FromRow)]
pub struct Pending {
    pub account_id: i64,
    pub user_id: i64,
    /// The email the administrator typed.
    pub email: String,
    pub requested_by: Option<i64>,
    pub role: String,
    pub group_id: Option<i64>,
    #[sqlx(json)]
    pub authorities: Grants,
    pub licensed: bool,
    pub expires_at: i64,
}

/// The columns of a [`Pending`] request.
const PENDING: &str =
    "account_id, user_id, email, requested_by, role, group_id, authorities, licensed, expires_at";

/// The request whose link's token hashes to `hash`, while it works.
pub async fn live(conn: &mut Conn, hash: &str, now: i64) -> Result<Option<Pending>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {PENDING} FROM join_requests WHERE token_hash = ?1 AND expires_at > ?2"
    ))
    .bind(hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Uses up the live request whose link's token hashes to `hash`: of two answers at once,
/// exactly one gets it.
pub async fn take(tx: &mut Tx<'_>, hash: &str, now: i64) -> Result<Option<Pending>, AppError> {
    Ok(sqlx::query_as(&format!(
        "DELETE FROM join_requests WHERE token_hash = ?1 AND expires_at > ?2 RETURNING {PENDING}"
    ))
    .bind(hash)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?)
}

/// Uses up `user`'s live request `id` (answered signed in, from My details): none when it is
/// another person's, answered or expired.
pub async fn take_mine(
    tx: &mut Tx<'_>,
    user: i64,
    id: i64,
    now: i64,
) -> Result<Option<Pending>, AppError> {
    Ok(sqlx::query_as(&format!(
        "DELETE FROM join_requests WHERE id = ?1 AND user_id = ?2 AND expires_at > ?3
         RETURNING {PENDING}"
    ))
    .bind(id)
    .bind(user)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?)
}

/// Forgets the requests that expired before `before`.
pub async fn prune(conn: &mut Conn, before: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM join_requests WHERE expires_at < ?1")
        .bind(before)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A request for `user` to join `account`, asked by `actor`.
#[derive(Debug)]
pub struct NewRequest<'a> {
    pub account: i64,
    pub user: i64,
    /// The email typed.
    pub email: &'a str,
    pub actor: i64,
    pub role: Role,
    pub group: i64,
    pub grants: &'a Grants,
    pub licensed: bool,
    /// The hash of its link's token.
    pub hash: &'a str,
    pub now: i64,
    pub expires_at: i64,
}

/// Saves `request`, replacing an earlier one of the same person and account (and its link);
/// its id.
pub async fn upsert(tx: &mut Tx<'_>, request: &NewRequest<'_>) -> Result<i64, AppError> {
    let grants =
        serde_json::to_string(request.grants).map_err(|e| AppError::Internal(e.to_string()))?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO join_requests (account_id, user_id, email, requested_by, role, group_id,
                                    authorities, licensed, token_hash, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (account_id, user_id) DO UPDATE SET
             email = excluded.email, requested_by = excluded.requested_by, role = excluded.role,
             group_id = excluded.group_id, authorities = excluded.authorities,
             licensed = excluded.licensed, token_hash = excluded.token_hash,
             created_at = excluded.created_at, expires_at = excluded.expires_at
         RETURNING id",
    )
    .bind(request.account)
    .bind(request.user)
    .bind(request.email)
    .bind(request.actor)
    .bind(request.role.as_str())
    .bind(request.group)
    .bind(grants)
    .bind(request.licensed)
    .bind(request.hash)
    .bind(request.now)
    .bind(request.expires_at)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Withdraws request `id` of `account`.
pub async fn delete(conn: &mut Conn, account: i64, id: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM join_requests WHERE account_id = ?1 AND id = ?2")
        .bind(account)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// How many requests wait, in every account. Used by the tests to check that none was made.
pub async fn count(conn: &mut Conn) -> Result<i64, AppError> {
    let (n,): (i64,) = sqlx::query_as("SELECT count(*) FROM join_requests")
        .fetch_one(&mut *conn)
        .await?;
    Ok(n)
}
