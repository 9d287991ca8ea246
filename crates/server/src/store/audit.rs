//! The audit log: reading an account's entries, newest first.

use super::Conn;
use crate::error::AppError;
use roster_api::audit::{AuditItem, AuditQuery};
use serde_json::Value;

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: i64,
    at: i64,
    actor_id: Option<i64>,
    actor: Option<String>,
    account_id: Option<i64>,
    target_user_id: Option<i64>,
    target: Option<String>,
    target_group_id: Option<i64>,
    action: String,
    origin_account_id: Option<i64>,
    origin_account: Option<String>,
    #[sqlx(json(nullable))]
    before: Option<Value>,
    #[sqlx(json(nullable))]
    after: Option<Value>,
}

impl From<ItemRow> for AuditItem {
    fn from(r: ItemRow) -> AuditItem {
        AuditItem {
            id: r.id,
            at: r.at,
            actor_id: r.actor_id,
            actor: r.actor,
            account_id: r.account_id,
            target_user_id: r.target_user_id,
            target: r.target,
            target_group_id: r.target_group_id,
            action: r.action,
            origin_account_id: r.origin_account_id,
            origin_account: r.origin_account,
            before: r.before,
            after: r.after,
        }
    }
}

/// A snapshot (`before` or `after` of entry `a`) with the name of its `group` beside it, when it
/// names a group without its name (a request to join, entries written before names were kept):
/// the log says "Operations", not "2". Only a group of the entry's own account is named.
fn with_group_name(snapshot: &str) -> String {
    format!(
        "CASE WHEN json_type({snapshot}, '$.group') = 'integer'
                   AND json_type({snapshot}, '$.group_name') IS NULL
              THEN json_set({snapshot}, '$.group_name',
                            (SELECT g.name FROM groups g
                             WHERE g.id = {snapshot}->>'group' AND g.account_id = a.account_id))
              ELSE {snapshot} END"
    )
}

/// The entries of `account` that `q` filters, newest first, at most `limit`.
pub async fn page(
    conn: &mut Conn,
    account: i64,
    q: &AuditQuery,
    limit: i64,
) -> Result<Vec<AuditItem>, AppError> {
    let sql = format!(
        "SELECT a.id, a.at, a.actor_id, actor.username AS actor, a.account_id, a.target_user_id,
                target.username AS target, a.target_group_id, a.action, a.origin_account_id,
                origin.name AS origin_account, {before} AS before, {after} AS after
         FROM audit a
         LEFT JOIN users actor ON actor.id = a.actor_id
         LEFT JOIN users target ON target.id = a.target_user_id
         LEFT JOIN accounts origin ON origin.id = a.origin_account_id
         WHERE a.account_id = ?1
           AND (?2 IS NULL OR a.actor_id = ?2)
           AND (?3 IS NULL OR a.target_user_id = ?3)
           AND (?4 IS NULL OR a.action = ?4)
           AND (?5 IS NULL OR a.id < ?5)
           AND (?7 IS NULL OR a.actor_id = ?7 OR a.target_user_id = ?7)
           AND (?8 IS NULL OR a.at >= ?8)
           AND (?9 IS NULL OR a.at < ?9)
         ORDER BY a.id DESC LIMIT ?6",
        before = with_group_name("a.before"),
        after = with_group_name("a.after"),
    );
    let rows: Vec<ItemRow> = sqlx::query_as(&sql)
        .bind(account)
        .bind(q.actor)
        .bind(q.target)
        .bind(q.action.as_deref())
        .bind(q.before_id)
        .bind(limit)
        .bind(q.person)
        .bind(q.from)
        .bind(q.to)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(AuditItem::from).collect())
}

/// One entry to write.
#[derive(Debug)]
pub struct NewEntry<'a> {
    pub at: i64,
    pub actor_id: Option<i64>,
    pub account_id: Option<i64>,
    pub target_user_id: Option<i64>,
    pub target_group_id: Option<i64>,
    pub action: &'a str,
    pub before: Option<&'a Value>,
    pub after: Option<&'a Value>,
    pub origin_account_id: Option<i64>,
}

/// Writes `entry`, in the transaction of the change it records.
pub async fn insert(tx: &mut super::Tx<'_>, entry: &NewEntry<'_>) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO audit (at, actor_id, account_id, target_user_id, target_group_id, action, before,
                            after, origin_account_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .bind(entry.at)
    .bind(entry.actor_id)
    .bind(entry.account_id)
    .bind(entry.target_user_id)
    .bind(entry.target_group_id)
    .bind(entry.action)
    .bind(entry.before.map(Value::to_string))
    .bind(entry.after.map(Value::to_string))
    .bind(entry.origin_account_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes `entries` in one statement (they go as one JSON array), in their order, in the
/// transaction of the changes they record.
pub async fn insert_many(tx: &mut super::Tx<'_>, entries: &[NewEntry<'_>]) -> Result<(), AppError> {
    if entries.is_empty() {
        return Ok(());
    }
    let rows: Vec<Value> = entries
        .iter()
        .map(|entry| {
            serde_json::json!({
                "at": entry.at,
                "actor_id": entry.actor_id,
                "account_id": entry.account_id,
                "target_user_id": entry.target_user_id,
                "target_group_id": entry.target_group_id,
                "action": entry.action,
                // Kept as the text `insert` writes.
                "before": entry.before.map(Value::to_string),
                "after": entry.after.map(Value::to_string),
                "origin_account_id": entry.origin_account_id,
            })
        })
        .collect();
    sqlx::query(
        "INSERT INTO audit (at, actor_id, account_id, target_user_id, target_group_id, action, before,
                            after, origin_account_id)
         SELECT value->>'at', value->>'actor_id', value->>'account_id', value->>'target_user_id',
                value->>'target_group_id', value->>'action', value->>'before', value->>'after',
                value->>'origin_account_id'
         FROM json_each(?1) ORDER BY key",
    )
    .bind(super::list(&rows)?)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
