//! What the search index reads: the members of every account, and the log of changes that
//! migration 0003's triggers keep in `search_changes` so the index can catch up.

use super::Conn;
use crate::error::AppError;

/// One membership as the index holds it.
#[derive(Debug, sqlx::FromRow)]
pub struct IndexRow {
    pub account_id: i64,
    pub user_id: i64,
    pub search: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub state: String,
    pub created_at: i64,
    pub role: String,
    pub group_id: i64,
    pub licensed: bool,
}

const ROWS: &str = "SELECT m.account_id, u.id AS user_id, u.search, u.first_name, u.last_name,
        u.email, u.state, u.created_at, m.role, m.group_id, m.licensed
    FROM memberships m JOIN users u ON u.id = m.user_id";

/// The number of the last change committed (0 before any).
pub async fn latest_change(conn: &mut Conn) -> Result<i64, AppError> {
    let (latest,): (i64,) = sqlx::query_as("SELECT coalesce(max(seq), 0) FROM search_changes")
        .fetch_one(&mut *conn)
        .await?;
    Ok(latest)
}

/// The users changed after change `seen`, at most `limit` of them.
pub async fn changed_since(conn: &mut Conn, seen: i64, limit: i64) -> Result<Vec<i64>, AppError> {
    let changed: Vec<(i64,)> =
        sqlx::query_as("SELECT user_id FROM search_changes WHERE seq > ?1 LIMIT ?2")
            .bind(seen)
            .bind(limit)
            .fetch_all(&mut *conn)
            .await?;
    Ok(changed.into_iter().map(|(user,)| user).collect())
}

/// Every membership of the users changed after change `seen`, or of everyone when `None`.
pub async fn rows(conn: &mut Conn, seen: Option<i64>) -> Result<Vec<IndexRow>, AppError> {
    Ok(match seen {
        None => sqlx::query_as(ROWS).fetch_all(&mut *conn).await?,
        Some(seen) => {
            sqlx::query_as(&format!(
                "{ROWS} WHERE m.user_id IN (SELECT user_id FROM search_changes WHERE seq > ?1)"
            ))
            .bind(seen)
            .fetch_all(&mut *conn)
            .await?
        }
    })
}
