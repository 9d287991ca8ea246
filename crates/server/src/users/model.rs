//! A user as one account's administrator sees it: the person, their membership in this account,
//! the actions their state allows, and their memberships in the other accounts the viewer
//! administers.

use crate::error::AppError;
use crate::guard::Place;
use roster_domain::authz::{Change, decide_shared};
use roster_domain::lifecycle::{Action, UserState};
use serde::Serialize;
use serde_json::Value;
use sqlx::SqliteConnection;

/// `GET /accounts/{account}/users/{user}`.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct UserDetail {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub language: String,
    pub identity_provider: String,
    pub exchange_domain: Option<String>,
    pub exchange_username: Option<String>,
    pub state: String,
    pub must_change_password: bool,
    pub role: String,
    pub group: i64,
    pub group_name: String,
    pub licensed: bool,
    #[sqlx(json)]
    pub authorities: Value,
    /// Also the ETag: send it back in `If-Match` to change the user.
    pub version: i64,
    /// When the user's activation link stops working (Unix seconds), while one is out.
    pub invitation_expires_at: Option<i64>,
    /// What an administrator may do in this state (`suspend`, `restore`, …).
    #[sqlx(skip)]
    #[schema(value_type = Vec<String>, example = json!(["suspend", "deprovision"]))]
    pub allowed_actions: Vec<Action>,
    /// Whether the viewer may edit this user's profile.
    #[sqlx(skip)]
    pub editable: bool,
    /// The person also belongs to accounts where the viewer may not manage them: their login
    /// (profile, password, state) is not the viewer's to change, only this membership.
    #[sqlx(skip)]
    pub shared: bool,
    /// This person's memberships in the accounts the viewer administers.
    #[sqlx(skip)]
    pub memberships: Vec<Membership>,
}

/// One membership of the person.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Membership {
    pub account_id: i64,
    pub account_name: String,
    pub role: String,
}

/// The stored state as the domain's enum.
pub fn state_of(text: &str) -> Result<UserState, AppError> {
    UserState::ALL
        .into_iter()
        .find(|s| s.as_str() == text)
        .ok_or_else(|| AppError::Internal(format!("unknown user state {text:?} in the database")))
}

/// Loads `user` as seen in `account` by `viewer`; 404 when not a member of that account. Takes a
/// connection so that a change can read its result inside its own transaction.
pub async fn load(
    conn: &mut SqliteConnection,
    account: i64,
    user: i64,
    viewer: i64,
) -> Result<UserDetail, AppError> {
    let detail: Option<UserDetail> = sqlx::query_as(
        "SELECT u.id, u.username, u.email, u.first_name, u.last_name, u.phone, u.language,
                u.identity_provider, u.exchange_domain, u.exchange_username, u.state,
                u.must_change_password, m.role, m.group_id AS \"group\", g.name AS group_name,
                m.licensed, m.authorities, u.version,
                (SELECT t.expires_at FROM tokens t
                 WHERE t.user_id = u.id AND t.purpose = 'activation') AS invitation_expires_at
         FROM memberships m JOIN users u ON u.id = m.user_id JOIN groups g ON g.id = m.group_id
         WHERE m.account_id = ?1 AND m.user_id = ?2",
    )
    .bind(account)
    .bind(user)
    .fetch_optional(&mut *conn)
    .await?;
    let mut detail = detail.ok_or(AppError::NotFound)?;
    (detail.allowed_actions, detail.editable, detail.shared) =
        allowed(conn, account, user, viewer, state_of(&detail.state)?).await?;
    detail.memberships = sqlx::query_as(
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
    Ok(detail)
}

/// What the viewer may do to the user now: the actions the state allows that the domain grants
/// this viewer in every account the person belongs to (a delegate is not offered to suspend an
/// admin who outranks them, nor anyone an administrator of another account of the person),
/// whether they may edit the profile, and whether the person is shared with accounts where the
/// viewer may not manage them.
async fn allowed(
    conn: &mut SqliteConnection,
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
