//! Join requests: an existing login asked to join an account by an administrator who may not
//! manage them in every account they belong to.
//!
//! The person gets an email (to the address on their login, never the one typed) with a
//! single-use link, like an activation link: 256 random bits, only the hash kept, the account's
//! invitation lifetime, a click before it is used. Until they accept, the account holds only the
//! request: the email that was typed and "waiting for the person to accept"; no membership, no
//! rights over the person, no seat. Accepting makes the membership asked for, checked again
//! against the requester's authority as it then stands; declining, or the account cancelling,
//! deletes the request.

pub(crate) mod link;

use crate::emails::{self, Facts};
use crate::error::PROBLEM;
use crate::error::{AppError, Problem};
use crate::extract::{CurrentUser, Path};
use crate::secrets::{random_token, token_hash};
use crate::state::AppState;
use crate::store::{self, Tx};
use crate::{accounts, audit, tokens};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use roster_api::join::{JoinRequest, JoinRequestList};
use roster_domain::notify::Event;
use serde_json::json;
use store::join_requests::NewRequest;
use store::memberships::NewMember;

/// The app's page for a join link.
const PAGE: &str = "join";

/// How long an expired request stays in the account's list: 30 days.
const EXPIRED_KEPT_SECONDS: i64 = 30 * 24 * 60 * 60;

/// The join request routes, under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/join-requests/check", post(link::check))
        .route("/join-requests/accept", post(link::accept))
        .route("/join-requests/decline", post(link::decline))
        .route("/accounts/{account}/join-requests", get(list))
        .route(
            "/accounts/{account}/join-requests/{request}",
            delete(cancel),
        )
}

/// An existing login to add to an account.
#[derive(Debug)]
pub(crate) struct Adding<'a> {
    pub account: i64,
    /// Who adds them.
    pub actor: i64,
    pub user: i64,
    /// The email the administrator typed: all the account sees of the person while a request
    /// waits.
    pub typed: &'a str,
    /// The membership asked for: made at once, or when the person accepts.
    pub asked: NewMember<'a>,
    pub now: i64,
}

/// Asks `adding.user` to join the account with the membership asked for, inside `tx`: a new
/// request replaces an earlier one and its link. The email goes to the person's own address,
/// never to the one typed.
pub(crate) async fn request(
    tx: &mut Tx<'_>,
    state: &AppState,
    adding: Adding<'_>,
) -> Result<JoinRequest, AppError> {
    let Adding {
        account,
        actor,
        user,
        typed,
        asked,
        now,
    } = adding;
    let hours = store::accounts::invitation_lifetime_hours(tx, account).await?;
    // Expired requests stay listed, to be withdrawn or sent again, for a while only.
    store::join_requests::prune(tx, now - EXPIRED_KEPT_SECONDS).await?;
    let token = random_token()?;
    let new = NewRequest {
        account,
        user,
        email: typed,
        actor,
        role: asked.role,
        group: asked.group,
        grants: asked.grants,
        licensed: asked.licensed,
        hash: &token_hash(&token),
        now,
        expires_at: now + hours * 3600,
    };
    let id = store::join_requests::upsert(tx, &new).await?;
    let account_name = store::accounts::name(tx, account).await?;
    let facts = Facts {
        account: Some(account_name),
        link: Some((tokens::page_link(&state.public_url, PAGE, &token), hours)),
        requester_name: Some(store::logins::full_name(tx, actor).await?),
        ..Facts::default()
    };
    emails::notify(
        tx,
        &state.sealer,
        Event::JoinRequested,
        Some(account),
        actor,
        user,
        &facts,
    )
    .await?;
    let entry = audit::Entry {
        actor_id: Some(actor),
        account_id: Some(account),
        action: "join.requested",
        after: Some(json!({ "email": typed, "role": asked.role, "group": asked.group })),
        ..audit::Entry::default()
    };
    audit::record(tx, entry).await?;
    store::join_requests::find(tx, account, id).await
}

/// `GET /api/v1/accounts/{account}/join-requests`: the requests waiting for an answer, newest
/// first (expired ones too, until cancelled).
#[utoipa::path(
    get,
    path = "/accounts/{account}/join-requests",
    operation_id = "list_join_requests",
    tag = "join requests",
    params(("account" = i64, Path, description = "The account's id.")),
    responses(
        (status = 200, description = "The requests waiting for the person to accept.",
            body = JoinRequestList),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account.", body = Problem,
            content_type = PROBLEM),
        (status = 404, description = "Not my account.", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(account): Path<i64>,
) -> Result<axum::Json<JoinRequestList>, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let mut conn = state.db.acquire().await?;
    let items = store::join_requests::of_account(&mut conn, account).await?;
    Ok(axum::Json(JoinRequestList { items }))
}

/// `DELETE /api/v1/accounts/{account}/join-requests/{request}`: withdraws a request; its link
/// stops working.
#[utoipa::path(
    delete,
    path = "/accounts/{account}/join-requests/{request}",
    operation_id = "cancel_join_request",
    tag = "join requests",
    params(
        ("account" = i64, Path, description = "The account's id."),
        ("request" = i64, Path, description = "The join request's id."),
    ),
    responses(
        (status = 204, description = "Withdrawn."),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account, or cross-origin.",
            body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such request in this account, or not my account.",
            body = Problem, content_type = PROBLEM),
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((account, id)): Path<(i64, i64)>,
) -> Result<StatusCode, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let mut tx = crate::store::begin_write(&state.db).await?;
    let request = store::join_requests::find(&mut tx, account, id).await?;
    store::join_requests::delete(&mut tx, account, id).await?;
    let entry = audit::Entry {
        actor_id: Some(me.id),
        account_id: Some(account),
        action: "join.cancelled",
        before: Some(json!({ "email": request.email, "role": request.role })),
        ..audit::Entry::default()
    };
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
