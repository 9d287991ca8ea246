//! Groups of an account: their names and policies, and the members they hold.
//!
//! A name is unique in its account ignoring case and accents: `name_key` holds the folded name
//! under a unique index, so even racing requests cannot make two alike.

use super::{Conn, is_unique_violation};
use crate::error::AppError;
use roster_api::groups::Group;
use roster_domain::ErrorCode;
use roster_domain::group_policy::GroupPolicy;

/// A group as stored.
#[derive(Debug, sqlx::FromRow)]
struct GroupRow {
    id: i64,
    name: String,
    is_default: bool,
    member_count: i64,
    min_password_length: i64,
    idle_timeout_minutes: i64,
    members_may_edit_own_details: bool,
    version: i64,
}

impl TryFrom<GroupRow> for Group {
    type Error = AppError;

    fn try_from(row: GroupRow) -> Result<Group, AppError> {
        // Only policies the domain accepted were stored: anything else is a corrupt database.
        let corrupt = |detail: String| AppError::Internal(format!("group {}: {detail}", row.id));
        let stored = |value: i64| u16::try_from(value).map_err(|e| corrupt(e.to_string()));
        let policy = GroupPolicy::new(
            stored(row.min_password_length)?,
            stored(row.idle_timeout_minutes)?,
            row.members_may_edit_own_details,
        )
        .map_err(|e| corrupt(e.to_string()))?;
        Ok(Group {
            id: row.id,
            name: row.name,
            is_default: row.is_default,
            member_count: row.member_count,
            policy,
            version: row.version,
        })
    }
}

/// The groups of `account` by name: all of them, or only `id` when given.
pub async fn of_account(
    conn: &mut Conn,
    account: i64,
    id: Option<i64>,
) -> Result<Vec<Group>, AppError> {
    let rows: Vec<GroupRow> = sqlx::query_as(
        "SELECT g.id, g.name, g.is_default,
                (SELECT count(*) FROM memberships m WHERE m.group_id = g.id) AS member_count,
                g.min_password_length, g.idle_timeout_minutes, g.members_may_edit_own_details,
                g.version
         FROM groups g
         WHERE g.account_id = ?1 AND (?2 IS NULL OR g.id = ?2)
         ORDER BY g.name_key, g.name, g.id",
    )
    .bind(account)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(Group::try_from).collect()
}

/// The unique index on `(account_id, name_key)` is what makes names unique: its violation is
/// the domain's `group.name_taken`.
fn name_taken(err: sqlx::Error) -> AppError {
    if is_unique_violation(&err) {
        AppError::Conflict(ErrorCode::GroupNameTaken)
    } else {
        err.into()
    }
}

/// Makes a group of `account` named `name` (its folded `key`) with `policy`; its id.
pub async fn insert(
    conn: &mut Conn,
    account: i64,
    name: &str,
    key: &str,
    policy: &GroupPolicy,
) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO groups (account_id, name, name_key, min_password_length,
                             idle_timeout_minutes, members_may_edit_own_details)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
    )
    .bind(account)
    .bind(name)
    .bind(key)
    .bind(policy.min_password_length())
    .bind(policy.idle_timeout_minutes())
    .bind(policy.members_may_edit_own_details())
    .fetch_one(&mut *conn)
    .await
    .map_err(name_taken)?;
    Ok(id)
}

/// Renames group `id` and sets its policy; a new version.
pub async fn update(
    conn: &mut Conn,
    account: i64,
    id: i64,
    name: &str,
    key: &str,
    policy: &GroupPolicy,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE groups SET name = ?3, name_key = ?4, min_password_length = ?5,
                idle_timeout_minutes = ?6, members_may_edit_own_details = ?7, version = version + 1
         WHERE account_id = ?1 AND id = ?2",
    )
    .bind(account)
    .bind(id)
    .bind(name)
    .bind(key)
    .bind(policy.min_password_length())
    .bind(policy.idle_timeout_minutes())
    .bind(policy.members_may_edit_own_details())
    .execute(&mut *conn)
    .await
    .map_err(name_taken)?;
    Ok(())
}

/// Moves every member of group `from` of `account` into group `to`.
pub async fn move_members(
    conn: &mut Conn,
    account: i64,
    from: i64,
    to: i64,
) -> Result<(), AppError> {
    sqlx::query("UPDATE memberships SET group_id = ?3 WHERE account_id = ?1 AND group_id = ?2")
        .bind(account)
        .bind(from)
        .bind(to)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Deletes group `id` of `account` (empty by then).
pub async fn delete(conn: &mut Conn, account: i64, id: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM groups WHERE account_id = ?1 AND id = ?2")
        .bind(account)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The group of `account` named by id, or its default group when `id` is `None`; `None` when
/// there is no such group in the account.
pub async fn id_in(
    conn: &mut Conn,
    account: i64,
    id: Option<i64>,
) -> Result<Option<i64>, AppError> {
    let found: Option<(i64,)> = match id {
        Some(id) => {
            sqlx::query_as("SELECT id FROM groups WHERE account_id = ?1 AND id = ?2")
                .bind(account)
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
        }
        None => {
            sqlx::query_as("SELECT id FROM groups WHERE account_id = ?1 AND is_default")
                .bind(account)
                .fetch_optional(&mut *conn)
                .await?
        }
    };
    Ok(found.map(|(id,)| id))
}

/// The group `id` of `account` if it still exists, else the account's default group.
pub async fn or_default(conn: &mut Conn, account: i64, id: Option<i64>) -> Result<i64, AppError> {
    let (group,): (i64,) = sqlx::query_as(
        "SELECT id FROM groups WHERE account_id = ?1 AND (id = ?2 OR is_default)
         ORDER BY id = ?2 DESC LIMIT 1",
    )
    .bind(account)
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(group)
}

/// The groups of `account`: id, name, and whether it is the default (an import's rows name
/// them).
pub async fn names(conn: &mut Conn, account: i64) -> Result<Vec<(i64, String, bool)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, name, is_default FROM groups WHERE account_id = ?1 ORDER BY name",
    )
    .bind(account)
    .fetch_all(&mut *conn)
    .await?)
}

/// The minimum password length for `user`: the longest of their groups', in `account` when
/// given, else in all of them; the default rule's when they belong to none.
pub async fn min_password_length(
    conn: &mut Conn,
    user: i64,
    account: Option<i64>,
) -> Result<u16, AppError> {
    let (min,): (Option<i64>,) = sqlx::query_as(
        "SELECT max(g.min_password_length) FROM memberships m JOIN groups g ON g.id = m.group_id
         WHERE m.user_id = ?1 AND (?2 IS NULL OR m.account_id = ?2)",
    )
    .bind(user)
    .bind(account)
    .fetch_one(&mut *conn)
    .await?;
    Ok(
        min.map_or(GroupPolicy::default().min_password_length(), |m| {
            u16::try_from(m).unwrap_or(u16::MAX)
        }),
    )
}
