//! Changing a member's role and authorities (`PATCH` with `{role}` or `{authorities}`): each
//! change asked of the domain through the guard, so an admin grants, revokes or demotes only
//! what the account's policy lets them, never for themselves, and never the last active admin.

use crate::error::AppError;
use crate::guard;
use crate::store::Conn;
use roster_api::users::UserDetail;
use roster_domain::authz::{Change, Role};
use std::collections::BTreeMap;

/// Checks and saves a new role and authorities for `before` (a member of `account`), inside the
/// caller's transaction. Nothing is written unless every change is allowed.
pub async fn apply(
    conn: &mut Conn,
    account: i64,
    actor: i64,
    before: &UserDetail,
    role: Option<Role>,
    authorities: Option<&BTreeMap<String, Option<String>>>,
) -> Result<(), AppError> {
    let current = &before.authorities;
    let mut grants = current.clone();
    let mut changes = Vec::new();
    if let Some(role) = role
        && role != before.role
    {
        changes.push(Change::SetRole { role });
    }
    for (kind, level) in authorities.into_iter().flatten() {
        let level = level.as_deref().map(str::trim).filter(|l| !l.is_empty());
        if current.level(kind) != level {
            changes.push(Change::SetAuthority {
                kind: kind.clone(),
                level: level.map(str::to_owned),
            });
            grants.set(kind, level);
        }
    }
    for change in &changes {
        guard::authorize(conn, account, actor, before.id, change).await?;
    }
    if changes.is_empty() {
        return Ok(());
    }
    let role = role.unwrap_or(before.role);
    crate::store::memberships::set_grants(conn, account, before.id, role, &grants).await
}
