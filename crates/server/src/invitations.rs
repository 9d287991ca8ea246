//! Invitations: send, resend or revoke one user's, and list an account's pending
//! and expired ones.
//!
//! Sending moves the user to `invited` and emails a single-use activation link valid for the
//! account's invitation lifetime; resending replaces the link, so the previous one stops
//! working; revoking deletes it and takes the user back to `staged`.

use crate::emails::{self, Facts};
use crate::error::PROBLEM;
use crate::error::{AppError, Problem};
use crate::extract::{CurrentUser, Path, Query};
use crate::state::AppState;
use crate::store::{self, Tx};
use crate::tokens::{self, Purpose};
use crate::users::checks::check_domain;
use crate::users::model;
use crate::{accounts, audit, etag, guard, outbox};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use axum::routing::{get, post};
use roster_api::invitations::{InvitationList, InvitationQuery, InvitationStatus};
use roster_api::users::UserDetail;
use roster_domain::Coded;
use roster_domain::authz::Change;
use roster_domain::lifecycle::{Action, UserState, transition};
use roster_domain::notify::Event;
use roster_domain::values::Email;

/// The invitation routes, under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/accounts/{account}/users/{user}/invitation",
            post(invite).delete(revoke),
        )
        .route("/accounts/{account}/invitations", get(list))
}

/// Checks that `me` may take `action` on `user` now, and returns the user as they were.
async fn prepare(
    tx: &mut Tx<'_>,
    headers: &HeaderMap,
    account: i64,
    user: i64,
    me: i64,
    action: Action,
) -> Result<UserDetail, AppError> {
    let before = model::load(tx, account, user, me).await?;
    if headers.contains_key(header::IF_MATCH) {
        etag::check(headers, before.version)?;
    }
    guard::authorize(tx, account, me, user, &Change::Lifecycle { action }).await?;
    transition(before.state, action).map_err(|r| AppError::Conflict(r.code()))?;
    Ok(before)
}

/// Saves the state change, its audit entry and commits; answers the user after it.
async fn finish(
    mut tx: Tx<'_>,
    before: UserDetail,
    account: i64,
    me: i64,
    next: UserState,
    action: &'static str,
    now: i64,
) -> Result<UserDetail, AppError> {
    store::logins::set_state_only(&mut tx, before.id, next, now).await?;
    let after = model::load(&mut tx, account, before.id, me).await?;
    let entry = model::audit_entry(me, account, action, &before, Some(&after));
    let accounts = guard::accounts_of(&mut tx, before.id).await?;
    audit::record_person(&mut tx, entry, &accounts).await?;
    tx.commit().await?;
    Ok(after)
}

/// `POST /api/v1/accounts/{account}/users/{user}/invitation`: sends the invitation, or sends it
/// again with a new link (the previous one stops working).
#[utoipa::path(
    post,
    path = "/accounts/{account}/users/{user}/invitation",
    operation_id = "invite_user",
    tag = "invitations",
    params(
        ("account" = i64, Path, description = "The account's id."),
        ("user" = i64, Path, description = "The user's id."),
        ("If-Match" = Option<String>, Header, description = "Optional: the ETag it is based on."),
    ),
    responses(
        (status = 200, description = "Invited; the activation email is in the outbox.",
            body = UserDetail, headers(("ETag" = String, description = "The user's version."))),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not allowed by the account's rules, or cross-origin.",
            body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such member of this account, or not my account.",
            body = Problem, content_type = PROBLEM),
        (status = 409, description = "The user's state does not allow an invitation.",
            body = Problem, content_type = PROBLEM),
        (status = 412, description = "Changed since the `If-Match` ETag.", body = Problem,
            content_type = PROBLEM),
        (status = 422, description = "The email is outside the account's approved domains.",
            body = Problem, content_type = PROBLEM),
    )
)]
pub async fn invite(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((account, user)): Path<(i64, i64)>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let mut tx = crate::store::begin_write(&state.db).await?;
    let before = prepare(&mut tx, &headers, account, user, me.id, Action::Invite).await?;
    let email = Email::parse(&before.email).map_err(|e| AppError::field("email", &e))?;
    check_domain(&mut tx, account, &email).await?;
    let hours = store::accounts::invitation_lifetime_hours(&mut tx, account).await?;
    let now = crate::clock::now().unix_seconds();
    let token = tokens::issue(
        &mut tx,
        Purpose::Activation,
        user,
        Some(account),
        now,
        now + hours * 3600,
    )
    .await?;
    let first = before.state == UserState::Staged;
    let facts = Facts {
        link: Some((
            tokens::link(&state.public_url, Purpose::Activation, &token),
            hours,
        )),
        ..Facts::about(&mut tx, account, &before).await?
    };
    let event = if first {
        Event::UserAdded
    } else {
        Event::InvitationSent
    };
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
    let action = if first {
        "user.invited"
    } else {
        "user.invitation_resent"
    };
    let after = finish(tx, before, account, me.id, UserState::Invited, action, now).await?;
    outbox::wake(&state);
    Ok(etag::with_etag(StatusCode::OK, after.version, after))
}

/// `DELETE /api/v1/accounts/{account}/users/{user}/invitation`: revokes the invitation; its link
/// stops working and the user is `staged` again.
#[utoipa::path(
    delete,
    path = "/accounts/{account}/users/{user}/invitation",
    operation_id = "revoke_invitation",
    tag = "invitations",
    params(
        ("account" = i64, Path, description = "The account's id."),
        ("user" = i64, Path, description = "The user's id."),
        ("If-Match" = Option<String>, Header, description = "Optional: the ETag it is based on."),
    ),
    responses(
        (status = 200, description = "Revoked; the user is staged.", body = UserDetail,
            headers(("ETag" = String, description = "The user's version."))),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not allowed by the account's rules, or cross-origin.",
            body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such member of this account, or not my account.",
            body = Problem, content_type = PROBLEM),
        (status = 409, description = "The user has no invitation to revoke.", body = Problem,
            content_type = PROBLEM),
        (status = 412, description = "Changed since the `If-Match` ETag.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn revoke(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((account, user)): Path<(i64, i64)>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let mut tx = crate::store::begin_write(&state.db).await?;
    let before = prepare(
        &mut tx,
        &headers,
        account,
        user,
        me.id,
        Action::RevokeInvitation,
    )
    .await?;
    tokens::revoke(&mut tx, Purpose::Activation, user).await?;
    let now = crate::clock::now().unix_seconds();
    let after = finish(
        tx,
        before,
        account,
        me.id,
        UserState::Staged,
        "user.invitation_revoked",
        now,
    )
    .await?;
    Ok(etag::with_etag(StatusCode::OK, after.version, after))
}

/// `GET /api/v1/accounts/{account}/invitations`: the members waiting for activation.
#[utoipa::path(
    get,
    path = "/accounts/{account}/invitations",
    operation_id = "list_invitations",
    tag = "invitations",
    params(("account" = i64, Path, description = "The account's id."), InvitationQuery),
    responses(
        (status = 200, description = "Pending and expired invitations.", body = InvitationList),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account.", body = Problem,
            content_type = PROBLEM),
        (status = 404, description = "Not my account.", body = Problem, content_type = PROBLEM),
        (status = 422, description = "A parameter out of its values.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(account): Path<i64>,
    Query(q): Query<InvitationQuery>,
) -> Result<axum::Json<InvitationList>, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let expired = q.status.map(|s| s == InvitationStatus::Expired);
    let (page, per_page) = crate::extract::page(q.page, q.per_page, 50)?;
    let now = crate::clock::now().unix_seconds();
    let mut conn = state.db.acquire().await?;
    let (items, total) =
        crate::store::invitations::page(&mut conn, account, expired, now, page, per_page).await?;
    Ok(axum::Json(InvitationList { items, total }))
}
