//! `PATCH /accounts/{account}/users/{user}`: changing a member's profile (the person's login,
//! so only by whoever may manage them in every account they belong to) and their membership here.

use super::checks::{check_domain, field_errors, group_of};
use super::model;
use crate::error::PROBLEM;
use crate::error::{AppError, FieldError, Problem};
use crate::extract::{CurrentUser, Json, Path};
use crate::state::AppState;
use crate::store::{self, Tx};
use crate::{accounts, audit, emails, etag, guard, outbox};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use roster_api::users::{UserChanges, UserDetail};
use roster_domain::ErrorCode;
use roster_domain::authz::Change;
use roster_domain::lifecycle::{EditableField, UserState, can_edit};
use roster_domain::notify::Event;
use roster_domain::profile::{Profile, ProfileDraft};
use roster_domain::values::username_follows_email;

/// Whether `changes` touch the profile (the login, seen by every account of the person).
fn touches_profile(changes: &UserChanges) -> bool {
    [
        &changes.email,
        &changes.first_name,
        &changes.last_name,
        &changes.phone,
        &changes.language,
        &changes.identity_provider,
        &changes.exchange_domain,
        &changes.exchange_username,
    ]
    .iter()
    .any(|f| f.is_some())
}

/// The profile after `changes`: each field as sent, or as it was.
fn merged(changes: &UserChanges, current: &UserDetail) -> ProfileDraft {
    let pick = |new: &Option<String>, old: &str| new.clone().unwrap_or_else(|| old.to_owned());
    let pick_opt = |new: &Option<String>, old: &Option<String>| new.clone().or_else(|| old.clone());
    ProfileDraft {
        email: pick(&changes.email, &current.email),
        username: Some(pick(&changes.username, &current.username)),
        first_name: pick(&changes.first_name, &current.first_name),
        last_name: pick(&changes.last_name, &current.last_name),
        phone: pick_opt(&changes.phone, &current.phone),
        language: Some(pick(&changes.language, current.language.as_str())),
        identity_provider: Some(pick(&changes.identity_provider, &current.identity_provider)),
        exchange_domain: pick_opt(&changes.exchange_domain, &current.exchange_domain),
        exchange_username: pick_opt(&changes.exchange_username, &current.exchange_username),
    }
}

/// `PATCH /api/v1/accounts/{account}/users/{user}` with `If-Match`: edits the profile, the
/// username (once activated) and the group, as the user's state allows.
#[utoipa::path(
    patch,
    path = "/accounts/{account}/users/{user}",
    operation_id = "update_user",
    tag = "users",
    params(
        ("account" = i64, Path, description = "The account's id."),
        ("user" = i64, Path, description = "The user's id."),
        ("If-Match" = String, Header, description = "The ETag the change is based on."),
    ),
    request_body = UserChanges,
    responses(
        (status = 200, description = "The changed user.", body = UserDetail, headers(("ETag" = String, description = "The user's version, for `If-Match`."))),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account, not allowed by the \
            account's rules, or a cross-origin request.", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such member of this account, or not my account.",
            body = Problem, content_type = PROBLEM),
        (status = 412, description = "Someone changed the user since that ETag.",
            body = Problem, content_type = PROBLEM),
        (status = 422, description = "Invalid fields, or fields the user's state does not let \
            change; one entry each in `errors`.", body = Problem, content_type = PROBLEM),
        (status = 428, description = "`If-Match` is missing.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((account, user)): Path<(i64, i64)>,
    headers: HeaderMap,
    Json(changes): Json<UserChanges>,
) -> Result<Response, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let precondition = etag::if_match(&headers)?;
    let mut tx = crate::store::begin_write(&state.db).await?;
    let before = model::load(&mut tx, account, user, me.id).await?;
    precondition.check(before.version)?;
    if touches_profile(&changes) || changes.username.is_some() {
        guard::authorize(&mut tx, account, me.id, user, &Change::EditProfile).await?;
    }
    if changes.group.is_some() {
        guard::authorize(&mut tx, account, me.id, user, &Change::SetGroup).await?;
    }
    super::grants::apply(
        &mut tx,
        account,
        me.id,
        &before,
        changes.role,
        changes.authorities.as_ref(),
    )
    .await?;
    let username_changes = changes
        .username
        .as_deref()
        .is_some_and(|u| u.trim() != before.username);
    uneditable(before.state, &changes, username_changes)?;
    // A username that is the email follows a new email unless one is sent (kept or chosen).
    let mut changes = changes;
    let follows = changes.username.is_none()
        && changes.email.is_some()
        && username_follows_email(&before.username, &before.email);
    if follows {
        changes.username.clone_from(&changes.email);
    }
    let profile = checked_profile(&mut tx, &changes, &before, username_changes || follows).await?;
    let group = match changes.group {
        Some(g) => group_of(&mut tx, account, Some(g)).await?,
        None => before.group,
    };
    let now = crate::clock::now().unix_seconds();
    if !store::logins::update_profile(&mut tx, user, &profile, now).await? {
        return Err(AppError::Invalid(vec![FieldError::new(
            "username",
            ErrorCode::UserUsernameTaken,
        )]));
    }
    store::memberships::set_group(&mut tx, account, user, group).await?;
    let after = model::load(&mut tx, account, user, me.id).await?;
    let entry = model::audit_entry(me.id, account, "user.updated", &before, Some(&after));
    if touches_profile(&changes) || username_changes {
        // The login changed: every account of the person sees it.
        let accounts = guard::accounts_of(&mut tx, user).await?;
        audit::record_person(&mut tx, entry, &accounts).await?;
    } else {
        audit::record(&mut tx, entry).await?;
    }
    let facts = emails::Facts::about(&mut tx, account, &after).await?;
    emails::notify(
        &mut tx,
        &state.sealer,
        Event::UserUpdated,
        Some(account),
        me.id,
        user,
        &facts,
    )
    .await?;
    tx.commit().await?;
    outbox::wake(&state);
    Ok(etag::with_etag(StatusCode::OK, after.version, after))
}

/// Refuses the fields `changes` touch that the user's state keeps as they are, naming each.
fn uneditable(
    state: UserState,
    changes: &UserChanges,
    username_changes: bool,
) -> Result<(), AppError> {
    let touched = [
        (touches_profile(changes), EditableField::Profile, "profile"),
        (username_changes, EditableField::Username, "username"),
        (changes.group.is_some(), EditableField::Group, "group"),
    ];
    let refusals: Vec<FieldError> = touched
        .into_iter()
        .filter(|(touched, _, _)| *touched)
        .filter_map(|(_, field, name)| {
            can_edit(state, field)
                .err()
                .map(|refusal| FieldError::from_coded(name, &refusal))
        })
        .collect();
    if refusals.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(refusals))
    }
}

/// The profile `changes` make of `before`, checked: the domain's rules, a new email approved by
/// every account of the person (one login, one email), a new username no other login's email.
async fn checked_profile(
    tx: &mut Tx<'_>,
    changes: &UserChanges,
    before: &UserDetail,
    username_changes: bool,
) -> Result<Profile, AppError> {
    let profile = merged(changes, before)
        .check()
        .map_err(|i| AppError::Invalid(field_errors(i)))?;
    if profile.email.as_str() != before.email {
        for account in guard::accounts_of(tx, before.id).await? {
            check_domain(tx, account, &profile.email).await?;
        }
    }
    if username_changes
        && store::logins::is_email_of_another(tx, &profile.username.key(), Some(before.id)).await?
    {
        return Err(AppError::Invalid(vec![FieldError::new(
            "username",
            ErrorCode::UserUsernameTaken,
        )]));
    }
    Ok(profile)
}
