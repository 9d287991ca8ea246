//! One person in several accounts: add them to several accounts the admin administers at once,
//! or remove them from several ("select all accounts"), with a result per
//! account. Each account is its own transaction, so one refusal does not undo the others. A
//! removal that could not be made everywhere asked is "incomplete": the person is told by email,
//! the requester gets the usual confirmation naming the accounts they were removed from.
//!
//! Adding is immediate only when the admin manages the person in every account they belong to;
//! otherwise the person is asked by email, and the result says the request was sent.

use super::actions::perform;
use super::checks::check_domain;
use super::create::{Added, add_existing, new_membership_attempt};
use super::model;
use crate::emails::{self, Facts};
use crate::error::PROBLEM;
use crate::error::{AppError, Problem, Refused};
use crate::extract::{CurrentUser, Json, Path};
use crate::join::Adding;
use crate::state::AppState;
use crate::{accounts, audit, guard, outbox, store};
use axum::extract::State;
use roster_api::users::{AccountChoice, AccountOutcome, AccountOutcomes, UserDetail};
use roster_domain::ErrorCode;
use roster_domain::authz::{Grants, Role, decide_new_membership};
use roster_domain::lifecycle::Action;
use roster_domain::notify::Event;
use roster_domain::values::Email;

/// The result of one account, keeping a refusal on grounds of authority for the audit log (the
/// answer as a whole is a success, so the `audit::refusals` layer does not see it).
fn outcome(
    account: i64,
    result: Result<bool, AppError>,
    refusals: &mut Vec<Refused>,
) -> AccountOutcome {
    if let Err(AppError::Refused(refused)) = &result {
        refusals.push((**refused).clone());
    }
    let requested = matches!(result, Ok(true));
    let code = result.err().map(|e| e.code());
    AccountOutcome {
        account,
        ok: code.is_none(),
        requested,
        message: code.map(|c| c.message_en().to_owned()),
        code,
    }
}

/// The person as seen from `account` (whose admin I must be); 404 otherwise.
async fn person(
    state: &AppState,
    me: i64,
    account: i64,
    user: i64,
) -> Result<UserDetail, AppError> {
    accounts::require_admin(state, me, account).await?;
    let mut conn = state.db.acquire().await?;
    model::load(&mut conn, account, user, me).await
}

/// Adds `user` to `account` as a plain user of its default group: at once when I manage them
/// in every account they belong to, else by a request they accept (answers whether it was one).
async fn add_one(
    state: &AppState,
    me: i64,
    user: &UserDetail,
    account: i64,
) -> Result<bool, AppError> {
    accounts::require_admin(state, me, account).await?;
    let email = Email::parse(&user.email).map_err(|e| AppError::field("email", &e))?;
    let mut tx = crate::store::begin_write(&state.db).await?;
    check_domain(&mut tx, account, &email).await?;
    let policy = guard::policy(&mut tx, account).await?;
    let acting = guard::member(&mut tx, account, me).await?;
    decide_new_membership(&policy, acting.as_ref(), &Grants::new()).map_err(|r| {
        let change = serde_json::json!({ "change": "new_membership", "user": user.id });
        guard::refusal(&r, new_membership_attempt(me, account, change))
    })?;
    let group = store::groups::id_in(&mut tx, account, None)
        .await?
        .ok_or_else(|| AppError::Internal(format!("account {account} has no default group")))?;
    let asked = store::memberships::NewMember {
        role: Role::User,
        group,
        grants: &Grants::new(),
        licensed: false,
    };
    let adding = Adding {
        account,
        actor: me,
        user: user.id,
        typed: &user.email,
        asked,
        now: crate::clock::now().unix_seconds(),
    };
    let requested = match add_existing(&mut tx, state, adding).await? {
        Added::AlreadyMember => return Err(AppError::Conflict(ErrorCode::UserAlreadyMember)),
        Added::Requested(_) => true,
        Added::Joined(_) => false,
        // Only a username names someone new, or someone else; here the person is named by id.
        Added::Created(_) | Added::UsernameTaken => {
            return Err(AppError::Internal("an existing person added by id".into()));
        }
    };
    tx.commit().await?;
    outbox::wake(state);
    Ok(requested)
}

/// Removes `user` from `account` (deprovisioned when it is their last).
async fn remove_one(state: &AppState, me: i64, user: i64, account: i64) -> Result<bool, AppError> {
    accounts::require_admin(state, me, account).await?;
    let mut tx = crate::store::begin_write(&state.db).await?;
    let before = model::load(&mut tx, account, user, me).await?;
    perform(&mut tx, account, me, &before, true, Action::Deprovision).await?;
    tx.commit().await?;
    Ok(false)
}

/// `POST /api/v1/accounts/{account}/users/{user}/memberships`: adds the person to the accounts
/// named, each one I administer; a result per account.
#[utoipa::path(
    post,
    path = "/accounts/{account}/users/{user}/memberships",
    operation_id = "add_memberships",
    tag = "users",
    params(
        ("account" = i64, Path, description = "An account of mine the person is a member of."),
        ("user" = i64, Path, description = "The person's id."),
    ),
    request_body = AccountChoice,
    responses(
        (status = 200, description = "A result per account asked: added, requested (the person \
            is asked by email, when I may not manage them in every account they belong to), or \
            refused.", body = AccountOutcomes),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 404, description = "Not a member of this account of mine.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn add(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((account, user)): Path<(i64, i64)>,
    Json(body): Json<AccountChoice>,
) -> Result<axum::Json<AccountOutcomes>, AppError> {
    let person = person(&state, me.id, account, user).await?;
    let (mut results, mut refusals) = (Vec::new(), Vec::new());
    for target in body.accounts {
        let result = add_one(&state, me.id, &person, target).await;
        results.push(outcome(target, result, &mut refusals));
    }
    audit::record_refusals(&state, &refusals).await?;
    Ok(axum::Json(AccountOutcomes { results }))
}

/// `DELETE /api/v1/accounts/{account}/users/{user}/memberships`: removes the person from the
/// accounts named; a result per account. When some could not be removed, the person hears of it.
#[utoipa::path(
    delete,
    path = "/accounts/{account}/users/{user}/memberships",
    operation_id = "remove_memberships",
    tag = "users",
    params(
        ("account" = i64, Path, description = "An account of mine the person is a member of."),
        ("user" = i64, Path, description = "The person's id."),
    ),
    request_body = AccountChoice,
    responses(
        (status = 200, description = "A result per account asked.", body = AccountOutcomes),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 404, description = "Not a member of this account of mine.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn remove(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((account, user)): Path<(i64, i64)>,
    Json(body): Json<AccountChoice>,
) -> Result<axum::Json<AccountOutcomes>, AppError> {
    let person = person(&state, me.id, account, user).await?;
    let (mut results, mut refusals) = (Vec::new(), Vec::new());
    for target in body.accounts {
        let result = remove_one(&state, me.id, user, target).await;
        results.push(outcome(target, result, &mut refusals));
    }
    audit::record_refusals(&state, &refusals).await?;
    let incomplete = results.iter().any(|r| !r.ok);
    let removed: Vec<i64> = results.iter().filter(|r| r.ok).map(|r| r.account).collect();
    if removed.is_empty() {
        // Nothing changed: nobody is told anything.
        return Ok(axum::Json(AccountOutcomes { results }));
    }
    let mut tx = crate::store::begin_write(&state.db).await?;
    // The emails name the accounts the person was removed from, not the one asked from.
    let names = store::accounts::names(&mut tx, &removed).await?;
    let facts = Facts {
        account: Some(names.join(", ")),
        subject_name: format!("{} {}", person.first_name, person.last_name),
        ..Facts::default()
    };
    emails::notify(
        &mut tx,
        &state.sealer,
        Event::UserRemoved { incomplete },
        Some(account),
        me.id,
        user,
        &facts,
    )
    .await?;
    tx.commit().await?;
    outbox::wake(&state);
    Ok(axum::Json(AccountOutcomes { results }))
}
