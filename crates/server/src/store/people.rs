//! People as administrators see them: a user with their membership of one account, the accounts
//! of theirs the viewer administers, the rows of the users list. (The signed-in person sees
//! themselves through [`super::me`].)

use super::{Conn, decode, in_list, list};
use crate::error::AppError;
use roster_api::users::{ListItem, Membership, UserDetail};
use roster_domain::authz::Grants;

/// A member as stored: the login and the membership of one account.
#[derive(sqlx::FromRow)]
struct DetailRow {
    id: i64,
    username: String,
    email: String,
    first_name: String,
    last_name: String,
    phone: Option<String>,
    language: String,
    identity_provider: String,
    exchange_domain: Option<String>,
    exchange_username: Option<String>,
    state: String,
    must_change_password: bool,
    role: String,
    group: i64,
    group_name: String,
    licensed: bool,
    #[sqlx(json)]
    authorities: Grants,
    version: i64,
    invitation_expires_at: Option<i64>,
}

impl DetailRow {
    /// The member as the API shows them, before what the viewer may do is worked out.
    fn into_detail(self) -> Result<UserDetail, AppError> {
        Ok(UserDetail {
            id: self.id,
            username: self.username,
            email: self.email,
            first_name: self.first_name,
            last_name: self.last_name,
            phone: self.phone,
            language: decode("language", &self.language)?,
            identity_provider: self.identity_provider,
            exchange_domain: self.exchange_domain,
            exchange_username: self.exchange_username,
            state: decode("state", &self.state)?,
            must_change_password: self.must_change_password,
            role: decode("role", &self.role)?,
            group: self.group,
            group_name: self.group_name,
            licensed: self.licensed,
            authorities: self.authorities,
            version: self.version,
            invitation_expires_at: self.invitation_expires_at,
            allowed_actions: Vec::new(),
            editable: false,
            shared: false,
            memberships: Vec::new(),
        })
    }
}

/// A member as stored, from `memberships m`, `users u` and `groups g`.
const DETAIL: &str = "SELECT u.id, u.username, u.email, u.first_name, u.last_name, u.phone,
        u.language, u.identity_provider, u.exchange_domain, u.exchange_username, u.state,
        u.must_change_password, m.role, m.group_id AS \"group\", g.name AS group_name,
        m.licensed, m.authorities, u.version,
        (SELECT t.expires_at FROM tokens t
         WHERE t.user_id = u.id AND t.purpose = 'activation') AS invitation_expires_at
    FROM memberships m JOIN users u ON u.id = m.user_id JOIN groups g ON g.id = m.group_id";

/// `user` as a member of `account`, or `None` when they are not one.
pub async fn member_detail(
    conn: &mut Conn,
    account: i64,
    user: i64,
) -> Result<Option<UserDetail>, AppError> {
    let row: Option<DetailRow> = sqlx::query_as(&format!(
        "{DETAIL} WHERE m.account_id = ?1 AND m.user_id = ?2"
    ))
    .bind(account)
    .bind(user)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(DetailRow::into_detail).transpose()
}

/// The members `users` of `account`, in the order of `users` (one query for many, as
/// [`member_detail`] reads one); an error when one is not a member.
pub async fn member_details(
    conn: &mut Conn,
    account: i64,
    users: &[i64],
) -> Result<Vec<UserDetail>, AppError> {
    let rows: Vec<DetailRow> = sqlx::query_as(&format!(
        "{DETAIL} WHERE m.account_id = ?1 AND m.user_id {}",
        in_list(2)
    ))
    .bind(account)
    .bind(list(users)?)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_id = rows
        .into_iter()
        .map(|r| Ok((r.id, r.into_detail()?)))
        .collect::<Result<std::collections::HashMap<_, _>, AppError>>()?;
    users
        .iter()
        .map(|user| {
            by_id
                .remove(user)
                .ok_or_else(|| AppError::Internal(format!("user {user} is not a member")))
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct MembershipRow {
    account_id: i64,
    account_name: String,
    role: String,
}

/// `user`'s memberships of the accounts `viewer` administers, by account name.
pub async fn memberships_seen_by(
    conn: &mut Conn,
    user: i64,
    viewer: i64,
) -> Result<Vec<Membership>, AppError> {
    let rows: Vec<MembershipRow> = sqlx::query_as(
        "SELECT a.id AS account_id, a.name AS account_name, m.role
         FROM memberships m JOIN accounts a ON a.id = m.account_id
         WHERE m.user_id = ?1
           AND m.account_id IN (SELECT account_id FROM memberships WHERE user_id = ?2 AND role = 'admin')
         ORDER BY a.name",
    )
    .bind(user)
    .bind(viewer)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Membership {
                account_id: r.account_id,
                account_name: r.account_name,
                role: decode("role", &r.role)?,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct ListRow {
    id: i64,
    username: String,
    email: String,
    first_name: String,
    last_name: String,
    state: String,
    role: String,
    group: i64,
    group_name: String,
    licensed: bool,
    invitation_expires_at: Option<i64>,
}

/// The members `ids` of `account` as rows of the users list, in no particular order (not yet
/// flagged against the approved domains).
pub async fn list_rows(
    conn: &mut Conn,
    account: i64,
    ids: &[i64],
) -> Result<Vec<ListItem>, AppError> {
    let rows: Vec<ListRow> = sqlx::query_as(&format!(
        "SELECT u.id, u.username, u.email, u.first_name, u.last_name, u.state, m.role,
                m.group_id AS \"group\", g.name AS group_name, m.licensed,
                (SELECT t.expires_at FROM tokens t
                 WHERE t.user_id = u.id AND t.purpose = 'activation') AS invitation_expires_at
         FROM memberships m JOIN users u ON u.id = m.user_id JOIN groups g ON g.id = m.group_id
         WHERE m.account_id = ?1 AND m.user_id {}",
        in_list(2)
    ))
    .bind(account)
    .bind(list(ids)?)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(ListItem {
                id: r.id,
                username: r.username,
                email: r.email,
                first_name: r.first_name,
                last_name: r.last_name,
                state: decode("state", &r.state)?,
                role: decode("role", &r.role)?,
                group: r.group,
                group_name: r.group_name,
                licensed: r.licensed,
                invitation_expires_at: r.invitation_expires_at,
                outside_approved_domains: false,
            })
        })
        .collect()
}
