//! Memberships: a person in an account, with their role, group, seat and authorities; and the
//! facts the rules of authority read from them.

use super::{Conn, Tx, decode, in_list, list};
use crate::error::AppError;
use roster_domain::authz::{Grants, Member, Role};

#[derive(sqlx::FromRow)]
struct MemberRow {
    account_id: i64,
    user_id: i64,
    role: String,
    state: String,
    #[sqlx(json)]
    authorities: Grants,
}

impl MemberRow {
    fn into_member(self) -> Result<(i64, Member<i64>), AppError> {
        Ok((
            self.account_id,
            Member {
                user: self.user_id,
                role: decode("role", &self.role)?,
                state: decode("state", &self.state)?,
                grants: self.authorities,
            },
        ))
    }
}

const MEMBER: &str = "SELECT m.account_id, m.user_id, m.role, u.state, m.authorities
                      FROM memberships m JOIN users u ON u.id = m.user_id";

/// `user`'s membership of `account`, as the rules see it.
pub async fn member(
    conn: &mut Conn,
    account: i64,
    user: i64,
) -> Result<Option<Member<i64>>, AppError> {
    let row: Option<MemberRow> = sqlx::query_as(&format!(
        "{MEMBER} WHERE m.account_id = ?1 AND m.user_id = ?2"
    ))
    .bind(account)
    .bind(user)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(MemberRow::into_member).transpose()?.map(|(_, m)| m))
}

/// The members of group `group` of `account`.
pub async fn of_group(
    conn: &mut Conn,
    account: i64,
    group: i64,
) -> Result<Vec<Member<i64>>, AppError> {
    let rows: Vec<MemberRow> = sqlx::query_as(&format!(
        "{MEMBER} WHERE m.account_id = ?1 AND m.group_id = ?2"
    ))
    .bind(account)
    .bind(group)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| r.into_member().map(|(_, m)| m))
        .collect()
}

/// The memberships of `users`, each with its account, by account then user.
pub async fn of_users(conn: &mut Conn, users: &[i64]) -> Result<Vec<(i64, Member<i64>)>, AppError> {
    let rows: Vec<MemberRow> = sqlx::query_as(&format!(
        "{MEMBER} WHERE m.user_id {} ORDER BY m.account_id, m.user_id",
        in_list(1)
    ))
    .bind(list(users)?)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(MemberRow::into_member).collect()
}

/// The account's active admins.
pub async fn active_admins(conn: &mut Conn, account: i64) -> Result<usize, AppError> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.account_id = ?1 AND m.role = 'admin' AND u.state = 'active'",
    )
    .bind(account)
    .fetch_one(&mut *conn)
    .await?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The accounts `user` belongs to.
pub async fn accounts_of(conn: &mut Conn, user: i64) -> Result<Vec<i64>, AppError> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT account_id FROM memberships WHERE user_id = ?1 ORDER BY account_id")
            .bind(user)
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows.into_iter().map(|(a,)| a).collect())
}

/// `user`'s role in `account`, or `None` when they are not a member.
pub async fn role_in(conn: &mut Conn, account: i64, user: i64) -> Result<Option<Role>, AppError> {
    let role: Option<(String,)> =
        sqlx::query_as("SELECT role FROM memberships WHERE account_id = ?1 AND user_id = ?2")
            .bind(account)
            .bind(user)
            .fetch_optional(&mut *conn)
            .await?;
    role.map(|(r,)| decode("role", &r)).transpose()
}

/// Whether `user` is a member of `account`.
pub async fn exists(conn: &mut Conn, account: i64, user: i64) -> Result<bool, AppError> {
    let (member,): (bool,) = sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM memberships WHERE account_id = ?1 AND user_id = ?2)",
    )
    .bind(account)
    .bind(user)
    .fetch_one(&mut *conn)
    .await?;
    Ok(member)
}

/// A membership about to be made.
#[derive(Debug)]
pub struct NewMember<'a> {
    pub role: Role,
    pub group: i64,
    pub grants: &'a Grants,
    /// A seat (the caller has checked one is free, in the same transaction). A deprovisioned
    /// person gets none: they hold no seat anywhere, and are restored without one.
    pub licensed: bool,
}

/// Makes `user` a member of `account`.
pub async fn insert(
    conn: &mut Conn,
    account: i64,
    user: i64,
    new: &NewMember<'_>,
    now: i64,
) -> Result<(), AppError> {
    let grants =
        serde_json::to_string(new.grants).map_err(|e| AppError::Internal(e.to_string()))?;
    sqlx::query(
        "INSERT INTO memberships (account_id, user_id, role, group_id, licensed, authorities, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5 AND state != 'deprovisioned', ?6, ?7 FROM users WHERE id = ?2",
    )
    .bind(account)
    .bind(user)
    .bind(new.role.as_str())
    .bind(new.group)
    .bind(new.licensed)
    .bind(grants)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Makes each of these users a member of `account` with the membership given, in one
/// statement (the rows go as one JSON array), as [`insert`] does one.
pub async fn insert_many(
    conn: &mut Conn,
    account: i64,
    members: &[(i64, &NewMember<'_>)],
    now: i64,
) -> Result<(), AppError> {
    if members.is_empty() {
        return Ok(());
    }
    let rows = members
        .iter()
        .map(|(user, new)| {
            let grants =
                serde_json::to_string(new.grants).map_err(|e| AppError::Internal(e.to_string()))?;
            Ok(serde_json::json!({
                "user": user,
                "role": new.role.as_str(),
                "group": new.group,
                "licensed": new.licensed,
                "authorities": grants,
            }))
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    sqlx::query(
        "INSERT INTO memberships (account_id, user_id, role, group_id, licensed, authorities, created_at)
         SELECT ?1, u.id, j.value->>'role', j.value->>'group',
                (j.value->>'licensed') AND u.state != 'deprovisioned', j.value->>'authorities', ?3
         FROM json_each(?2) j JOIN users u ON u.id = j.value->>'user'
         ORDER BY j.key",
    )
    .bind(account)
    .bind(list(&rows)?)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Takes `user` out of `account`.
pub async fn delete(conn: &mut Conn, account: i64, user: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM memberships WHERE account_id = ?1 AND user_id = ?2")
        .bind(account)
        .bind(user)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Sets `user`'s role and authorities in `account`.
pub async fn set_grants(
    conn: &mut Conn,
    account: i64,
    user: i64,
    role: Role,
    grants: &Grants,
) -> Result<(), AppError> {
    let grants = serde_json::to_string(grants).map_err(|e| AppError::Internal(e.to_string()))?;
    sqlx::query(
        "UPDATE memberships SET role = ?3, authorities = ?4 WHERE account_id = ?1 AND user_id = ?2",
    )
    .bind(account)
    .bind(user)
    .bind(role.as_str())
    .bind(grants)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Puts `user` in group `group` of `account`.
pub async fn set_group(
    conn: &mut Conn,
    account: i64,
    user: i64,
    group: i64,
) -> Result<(), AppError> {
    sqlx::query("UPDATE memberships SET group_id = ?3 WHERE account_id = ?1 AND user_id = ?2")
        .bind(account)
        .bind(user)
        .bind(group)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Gives `user` a seat in `account`, or takes theirs.
pub async fn set_licensed(
    conn: &mut Conn,
    account: i64,
    user: i64,
    licensed: bool,
) -> Result<(), AppError> {
    sqlx::query("UPDATE memberships SET licensed = ?3 WHERE account_id = ?1 AND user_id = ?2")
        .bind(account)
        .bind(user)
        .bind(licensed)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Takes `user`'s seats in every account (they are deprovisioned).
pub async fn release_all_seats(tx: &mut Tx<'_>, user: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE memberships SET licensed = 0 WHERE user_id = ?1")
        .bind(user)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
