//! `POST /accounts/{account}/users`: adding a person to an account.

use super::checks::{check_domain, field_errors, group_of};
use super::model;
use crate::error::PROBLEM;
use crate::error::{AppError, FieldError, Problem};
use crate::extract::{CurrentUser, Json, Path};
use crate::join::{self, Adding};
use crate::state::AppState;
use crate::store::memberships::NewMember;
use crate::store::{self, Tx};
use crate::{accounts, audit, etag, guard, outbox};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use roster_api::join::JoinRequest;
use roster_api::join::JoinRequestAnswer;
use roster_api::users::{NewUser, UserDetail};
use roster_domain::ErrorCode;
use roster_domain::authz::{Grants, Joining, Role, decide_new_membership};
use roster_domain::profile::{Profile, ProfileDraft};
use roster_domain::values::login_key;
use serde_json::json;

/// The profile of a new user as the form gave it, to check.
fn draft(body: &NewUser) -> ProfileDraft {
    ProfileDraft {
        email: body.email.clone(),
        username: body.username.clone(),
        first_name: body.first_name.clone(),
        last_name: body.last_name.clone(),
        phone: body.phone.clone(),
        language: body.language.clone(),
        identity_provider: body.identity_provider.clone(),
        exchange_domain: body.exchange_domain.clone(),
        exchange_username: body.exchange_username.clone(),
    }
}

/// `POST /api/v1/accounts/{account}/users`: adds a person to the account, `staged`. A person who
/// already has a login (same username) joins at once when I manage them in every account they
/// belong to; otherwise they are asked by email, and the answer is the request (202).
#[utoipa::path(
    post,
    path = "/accounts/{account}/users",
    operation_id = "create_user",
    tag = "users",
    params(("account" = i64, Path, description = "The account's id.")),
    request_body = NewUser,
    responses(
        (status = 201, description = "The new member, `staged` when the person is new.",
            body = UserDetail, headers(("ETag" = String, description = "The user's version, for `If-Match`."))),
        (status = 202, description = "The person has a login in accounts where I may not manage \
            them: they were emailed a request to join, and appear once they accept.",
            body = JoinRequestAnswer),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account, not allowed by the \
            account's rules, or a cross-origin request.", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such account, or not one of mine.", body = Problem,
            content_type = PROBLEM),
        (status = 409, description = "Already a member of this account (`user.already_member`).",
            body = Problem, content_type = PROBLEM),
        (status = 422, description = "Invalid fields, one entry each in `errors` (an email \
            outside the approved domains, a group not of this account included).", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(account): Path<i64>,
    Json(body): Json<NewUser>,
) -> Result<Response, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let mut profile = draft(&body)
        .check()
        .map_err(|issues| AppError::Invalid(field_errors(issues)))?;
    let role = body.role.unwrap_or(Role::User);
    let now = crate::clock::now().unix_seconds();

    let mut tx = crate::store::begin_write(&state.db).await?;
    check_domain(&mut tx, account, &profile.email).await?;
    // Without a language of their own, a new person gets the account's.
    if body.language.as_deref().is_none_or(|l| l.trim().is_empty()) {
        profile.language = store::accounts::default_language(&mut tx, account).await?;
    }
    let group = group_of(&mut tx, account, body.group).await?;
    let policy = guard::policy(&mut tx, account).await?;
    let acting = guard::member(&mut tx, account, me.id).await?;
    let grants: Grants = body.authorities.clone().unwrap_or_default();
    decide_new_membership(&policy, acting.as_ref(), &grants).map_err(|r| {
        let change = json!({ "change": "new_membership", "role": role, "authorities": grants });
        guard::refusal(&r, new_membership_attempt(me.id, account, change))
    })?;
    let asked = NewMember {
        role,
        group,
        grants: &grants,
        licensed: false,
    };
    let answer = match add_member(&mut tx, &state, account, me.id, &profile, asked, now).await? {
        Added::Created(detail) | Added::Joined(detail) => {
            etag::with_etag(StatusCode::CREATED, detail.version, detail)
        }
        Added::Requested(join_request) => (
            StatusCode::ACCEPTED,
            axum::Json(JoinRequestAnswer { join_request }),
        )
            .into_response(),
        Added::AlreadyMember => return Err(AppError::Conflict(ErrorCode::UserAlreadyMember)),
        Added::UsernameTaken => {
            let field = FieldError::new("username", ErrorCode::UserUsernameTaken);
            return Err(AppError::Invalid(vec![field]));
        }
    };
    tx.commit().await?;
    outbox::wake(&state);
    Ok(answer)
}

/// A refused attempt to add someone to `account`, for the audit log.
pub(crate) fn new_membership_attempt(
    actor: i64,
    account: i64,
    change: serde_json::Value,
) -> guard::Attempt {
    guard::Attempt {
        actor,
        accounts: vec![account],
        target_user: None,
        target_group: None,
        change,
    }
}

/// What adding a person made of them.
#[derive(Debug)]
pub(crate) enum Added {
    /// A new login, `staged`.
    Created(UserDetail),
    /// An existing login the actor manages everywhere, now a member here too.
    Joined(UserDetail),
    /// An existing login the actor may not manage everywhere: asked to join.
    Requested(JoinRequest),
    /// Already a member of this account.
    AlreadyMember,
    /// The username is another person's: an existing login with another email, or another
    /// login's email (a sign-in by that address would find the wrong person).
    UsernameTaken,
}

/// Adds a person to `account` with the membership `asked`, inside `tx`, and audits it: a new
/// login, `staged`, unless one has the same username, who then joins as [`add_existing`] says.
/// A licence asked for is taken at once: the caller has checked a seat is free, in `tx`.
pub(crate) async fn add_member(
    tx: &mut Tx<'_>,
    state: &AppState,
    account: i64,
    actor: i64,
    profile: &Profile,
    asked: NewMember<'_>,
    now: i64,
) -> Result<Added, AppError> {
    let existing = store::logins::by_username(tx, &profile.username.key()).await?;
    if let Some((user, email)) = existing {
        // The same username with another email is another person: never join (or ask) them in
        // the place of the one typed, whose username anyone could otherwise register first.
        if login_key(&email) != profile.email.key() {
            return Ok(Added::UsernameTaken);
        }
        let adding = Adding {
            account,
            actor,
            user,
            typed: profile.email.as_str(),
            asked,
            now,
        };
        return add_existing(tx, state, adding).await;
    }
    if store::logins::is_email_of_another(tx, &profile.username.key(), None).await? {
        return Ok(Added::UsernameTaken);
    }
    let id = store::logins::insert_staged(tx, profile, now).await?;
    store::memberships::insert(tx, account, id, &asked, now).await?;
    let detail = audit_added(tx, account, actor, id, "user.created").await?;
    Ok(Added::Created(detail))
}

/// New logins, `staged`, each made a member of `account` with the membership asked for and
/// audited as [`add_member`] creates one, in a few statements for them all: the import's rows
/// that are nobody yet (the caller has looked up every username and email, and checked the
/// seats, in `tx`). Their ids, in order.
pub(crate) async fn create_many(
    tx: &mut Tx<'_>,
    account: i64,
    actor: i64,
    new: &[(&Profile, NewMember<'_>)],
    now: i64,
) -> Result<Vec<i64>, AppError> {
    let profiles: Vec<&Profile> = new.iter().map(|(profile, _)| *profile).collect();
    let ids = store::logins::insert_staged_many(tx, &profiles, now).await?;
    let members: Vec<(i64, &NewMember<'_>)> = ids
        .iter()
        .copied()
        .zip(new.iter().map(|(_, m)| m))
        .collect();
    store::memberships::insert_many(tx, account, &members, now).await?;
    // The entry keeps what an administrator sees of them: `model::load`'s detail, whose
    // actions, editability and other accounts a snapshot leaves out.
    let details = store::people::member_details(tx, account, &ids).await?;
    let entries = details
        .iter()
        .map(|detail| audit::Entry {
            actor_id: Some(actor),
            account_id: Some(account),
            target_user_id: Some(detail.id),
            action: "user.created",
            after: Some(model::snapshot(detail)),
            ..audit::Entry::default()
        })
        .collect();
    audit::record_many(tx, entries).await?;
    Ok(ids)
}

/// Adds an existing login to an account inside `tx`: at once when the actor manages them in
/// every account they belong to, otherwise by a request they accept (with the membership asked
/// for, and no seat until then).
pub(crate) async fn add_existing(
    tx: &mut Tx<'_>,
    state: &AppState,
    adding: Adding<'_>,
) -> Result<Added, AppError> {
    let (account, actor, user, now) = (adding.account, adding.actor, adding.user, adding.now);
    if store::memberships::exists(tx, account, user).await? {
        return Ok(Added::AlreadyMember);
    }
    if guard::joining(tx, actor, user).await? == Joining::WithConsent {
        return Ok(Added::Requested(join::request(tx, state, adding).await?));
    }
    store::memberships::insert(tx, account, user, &adding.asked, now).await?;
    // A new membership changes what this user's resource shows: a new version.
    store::logins::bump_version(tx, user, now).await?;
    let detail = audit_added(tx, account, actor, user, "user.added_to_account").await?;
    Ok(Added::Joined(detail))
}

/// The new member as `actor` sees them, with the audit entry of their arrival.
async fn audit_added(
    tx: &mut Tx<'_>,
    account: i64,
    actor: i64,
    user: i64,
    action: &'static str,
) -> Result<UserDetail, AppError> {
    let detail = model::load(tx, account, user, actor).await?;
    let entry = audit::Entry {
        actor_id: Some(actor),
        account_id: Some(account),
        target_user_id: Some(user),
        action,
        after: Some(model::snapshot(&detail)),
        ..audit::Entry::default()
    };
    audit::record(tx, entry).await?;
    Ok(detail)
}
