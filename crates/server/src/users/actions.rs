//! The state actions an administrator takes on a user (suspend, unsuspend, unlock, remove,
//! deprovision, restore) and deleting for good, each as the domain's lifecycle allows.

use super::model;
use crate::error::PROBLEM;
use crate::error::{AppError, Problem};
use crate::extract::{CurrentUser, Path};
use crate::state::AppState;
use crate::store::{self, Tx};
use crate::{accounts, audit, emails, etag, guard, outbox};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use roster_api::users::UserAction;
use roster_api::users::UserDetail;
use roster_domain::Coded;
use roster_domain::authz::Change;
use roster_domain::lifecycle::{Action, Outcome, PasswordFlag, transition};
use roster_domain::notify::Event;

/// The actions reachable at `POST /accounts/{account}/users/{user}/{action}`. Invitations and
/// temporary passwords have endpoints of their own.
fn action_of(name: &str) -> Option<Action> {
    Some(match name {
        "suspend" => Action::Suspend,
        "unsuspend" => Action::Unsuspend,
        "unlock" => Action::Unlock,
        "deprovision" => Action::Deprovision,
        "restore" => Action::Restore,
        _ => return None,
    })
}

/// `POST /api/v1/accounts/{account}/users/{user}/{action}`. `If-Match` is optional here: when
/// sent, a stale version is refused.
#[utoipa::path(
    post,
    path = "/accounts/{account}/users/{user}/{action}",
    operation_id = "act_on_user",
    tag = "users",
    params(
        ("account" = i64, Path, description = "The account's id."),
        ("user" = i64, Path, description = "The user's id."),
        ("action" = inline(UserAction), Path, description = "What to do."),
        ("If-Match" = Option<String>, Header, description = "Optional: when sent, the ETag the \
            action is based on."),
    ),
    responses(
        (status = 200, description = "The user after the action.", body = UserDetail, headers(("ETag" = String, description = "The user's version, for `If-Match`."))),
        (status = 204, description = "`remove` took the user out of this account, and they \
            remain a member of another."),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account, not allowed by the \
            account's rules, or a cross-origin request.", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such member of this account, not my account, or no \
            such action.", body = Problem, content_type = PROBLEM),
        (status = 409, description = "The user's state does not allow it, or an account would \
            be left without an active administrator (`authz.last_active_admin`).",
            body = Problem, content_type = PROBLEM),
        (status = 412, description = "Someone changed the user since the `If-Match` ETag.",
            body = Problem, content_type = PROBLEM),
    )
)]
pub async fn act(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((account, user, name)): Path<(i64, i64, String)>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let remove = name == "remove";
    let action = match action_of(&name) {
        Some(action) => action,
        None if remove => Action::Deprovision,
        None => return Err(AppError::NotFound),
    };
    let mut tx = crate::store::begin_write(&state.db).await?;
    let before = model::load(&mut tx, account, user, me.id).await?;
    if headers.contains_key(header::IF_MATCH) {
        etag::check(&headers, before.version)?;
    }
    let after = perform(&mut tx, account, me.id, &before, remove, action).await?;
    if remove {
        let facts = emails::Facts::about(&mut tx, account, &before).await?;
        let event = Event::UserRemoved { incomplete: false };
        emails::notify(
            &mut tx,
            &state.sealer,
            event,
            Some(account),
            me.id,
            user,
            &facts,
        )
        .await?;
    }
    tx.commit().await?;
    outbox::wake(&state);
    Ok(match after {
        Some(detail) => {
            let tag = etag::etag(detail.version);
            (StatusCode::OK, [(header::ETAG, tag)], axum::Json(detail)).into_response()
        }
        None => StatusCode::NO_CONTENT.into_response(),
    })
}

/// Takes `action` on `before` (a member of `account`), or removes them from the account
/// (`remove`: from this one account when they have others, else deprovisioned), with its audit
/// entry, inside `tx`; the user afterwards, unless they are no longer a member.
pub(crate) async fn perform(
    tx: &mut Tx<'_>,
    account: i64,
    me: i64,
    before: &UserDetail,
    remove: bool,
    action: Action,
) -> Result<Option<UserDetail>, AppError> {
    let user = before.id;
    let change = if remove {
        Change::RemoveFromAccount
    } else {
        Change::Lifecycle { action }
    };
    guard::authorize(tx, account, me, user, &change).await?;
    let accounts = guard::accounts_of(tx, user).await?;
    let now = crate::clock::now().unix_seconds();
    let audit_action = if remove && accounts.len() > 1 {
        // Removal from one of several accounts: the membership goes, the person stays.
        store::memberships::delete(tx, account, user).await?;
        store::logins::bump_version(tx, user, now).await?;
        "user.removed_from_account"
    } else {
        let Outcome::Becomes {
            state: next,
            must_change_password,
        } = transition(before.state, action).map_err(|r| AppError::Conflict(r.code()))?
        else {
            return Err(AppError::Internal("a state action deleted a user".into()));
        };
        let must_change = match must_change_password {
            PasswordFlag::Keep => before.must_change_password,
            PasswordFlag::Set => true,
            PasswordFlag::Clear => false,
        };
        store::logins::set_state(tx, user, next, must_change, now).await?;
        if action == Action::Deprovision {
            // Removed from every account: the memberships stay as a record (so the user can be
            // found and restored) but hold no licence.
            store::memberships::release_all_seats(tx, user).await?;
        }
        if action.ends_sessions() {
            store::sessions::end_all(tx, user).await?;
        }
        audit_name(action)
    };
    let after = if audit_action == "user.removed_from_account" {
        None
    } else {
        Some(model::load(tx, account, user, me).await?)
    };
    let entry = model::audit_entry(me, account, audit_action, before, after.as_ref());
    if after.is_none() {
        // Out of this one account: the others see nothing change.
        audit::record(tx, entry).await?;
    } else {
        audit::record_person(tx, entry, &accounts).await?;
    }
    Ok(after)
}

fn audit_name(action: Action) -> &'static str {
    match action {
        Action::Suspend => "user.suspended",
        Action::Unsuspend => "user.unsuspended",
        Action::Unlock => "user.unlocked",
        Action::Deprovision => "user.deprovisioned",
        Action::Restore => "user.restored",
        _ => "user.state_changed",
    }
}

/// `DELETE /api/v1/accounts/{account}/users/{user}`: deletes for good a user still waiting for
/// activation; anyone else is refused with the lifecycle's reason.
#[utoipa::path(
    delete,
    path = "/accounts/{account}/users/{user}",
    operation_id = "delete_user",
    tag = "users",
    params(("account" = i64, Path, description = "The account's id."), ("user" = i64, Path, description = "The user's id.")),
    responses(
        (status = 204, description = "Deleted for good."),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account, not allowed by the \
            account's rules, or a cross-origin request.", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such member of this account, or not my account.",
            body = Problem, content_type = PROBLEM),
        (status = 409, description = "The user's state does not allow deleting for good (only \
            users waiting for activation can be).", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn delete_for_good(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((account, user)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let mut tx = crate::store::begin_write(&state.db).await?;
    let before = model::load(&mut tx, account, user, me.id).await?;
    let change = Change::Lifecycle {
        action: Action::DeleteForGood,
    };
    guard::authorize(&mut tx, account, me.id, user, &change).await?;
    let accounts = guard::accounts_of(&mut tx, user).await?;
    store::logins::delete(&mut tx, user).await?;
    let entry = audit::Entry {
        actor_id: Some(me.id),
        account_id: Some(account),
        target_user_id: Some(user),
        action: "user.deleted",
        before: Some(model::snapshot(&before)),
        ..audit::Entry::default()
    };
    audit::record_person(&mut tx, entry, &accounts).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
