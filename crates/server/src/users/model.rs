//! A user as one account's administrator sees it: the person, their membership in this account,
//! the actions their state allows, and their memberships in the other accounts the viewer
//! administers.

use crate::error::AppError;
use crate::guard::Place;
use crate::store::Conn;
use roster_api::users::UserDetail;
use roster_domain::authz::{Change, decide_shared};
use roster_domain::lifecycle::{Action, UserState};
use serde_json::Value;

/// Loads `user` as seen in `account` by `viewer`; 404 when not a member of that account. Takes a
/// connection so that a change can read its result inside its own transaction.
pub async fn load(
    conn: &mut Conn,
    account: i64,
    user: i64,
    viewer: i64,
) -> Result<UserDetail, AppError> {
    let mut detail = crate::store::people::member_detail(conn, account, user)
        .await?
        .ok_or(AppError::NotFound)?;
    (detail.allowed_actions, detail.editable, detail.shared) =
        allowed(conn, account, user, viewer, detail.state).await?;
    detail.memberships = crate::store::people::memberships_seen_by(conn, user, viewer).await?;
    // An embedded session knows of its one account only.
    if let Some(only) = crate::embed::scope::account() {
        detail.memberships.retain(|m| m.account_id == only);
    }
    Ok(detail)
}

/// What the viewer may do to the user now: the actions the state allows that the domain grants
/// this viewer in every account the person belongs to (a delegate is not offered to suspend an
/// admin who outranks them, nor anyone an administrator of another account of the person),
/// whether they may edit the profile, and whether the person is shared with accounts where the
/// viewer may not manage them.
async fn allowed(
    conn: &mut Conn,
    account: i64,
    user: i64,
    viewer: i64,
    state: UserState,
) -> Result<(Vec<Action>, bool, bool), AppError> {
    let places = crate::guard::person(conn, viewer, user).await?;
    let Some(here) = places.iter().find(|p| p.account == account) else {
        return Ok((Vec::new(), false, false));
    };
    let elsewhere: Vec<_> = places
        .iter()
        .filter(|p| p.account != account)
        .map(Place::standing)
        .collect();
    let may = |change: &Change| decide_shared(&here.standing(), &elsewhere, change).is_ok();
    let actions = state
        .admin_actions()
        .into_iter()
        .filter(|&action| may(&Change::Lifecycle { action }))
        .collect();
    let shared = places
        .iter()
        .any(|p| p.account != account && !p.standing().manages());
    Ok((actions, may(&Change::EditProfile), shared))
}

/// The audit entry of `actor`'s change to a user of `account`, from `before` to `after` (none
/// when the user is gone from the account).
pub fn audit_entry(
    actor: i64,
    account: i64,
    action: &'static str,
    before: &UserDetail,
    after: Option<&UserDetail>,
) -> crate::audit::Entry {
    crate::audit::Entry {
        actor_id: Some(actor),
        account_id: Some(account),
        target_user_id: Some(before.id),
        action,
        before: Some(snapshot(before)),
        after: after.map(snapshot),
        ..crate::audit::Entry::default()
    }
}

/// The JSON an audit entry keeps of a user (what an administrator could see).
pub fn snapshot(detail: &UserDetail) -> Value {
    let mut value = serde_json::to_value(detail).unwrap_or(Value::Null);
    if let Some(map) = value.as_object_mut() {
        map.remove("allowed_actions");
        map.remove("editable");
        map.remove("shared");
        map.remove("memberships");
    }
    value
}
