//! The person's answer to a join request, from the emailed link: which account asks (without
//! using the link), accept, or decline. Like activation, the link is checked only after a click
//! and used up in the answer's own transaction, so of two answers at once exactly one counts.

use crate::error::PROBLEM;
use crate::error::{AppError, Problem};
use crate::extract::Json;
use crate::secrets::token_hash;
use crate::state::AppState;
use crate::store::join_requests::Pending;
use crate::store::{self, Conn, Tx};
use crate::throttle::{Attempt, Source};
use crate::{accounts, audit, guard, licences, outbox};
use axum::extract::State;
use axum::http::StatusCode;
use roster_api::join::{JoinLinkInfo, Joined};
use roster_api::passwords::LinkToken;
use roster_domain::ErrorCode;
use roster_domain::authz::decide_new_membership;
use roster_domain::values::{Email, check_approved};
use serde_json::json;

/// The request whose link carries `token`, while it works.
async fn live(conn: &mut Conn, token: &str, now: i64) -> Result<Pending, AppError> {
    store::join_requests::live(conn, &token_hash(token), now)
        .await?
        .ok_or(AppError::Gone(ErrorCode::JoinLinkInvalid))
}

/// Uses up the link carrying `token`, in the answer's own transaction: of two answers at once,
/// exactly one gets the request.
async fn take(tx: &mut Tx<'_>, token: &str, now: i64) -> Result<Pending, AppError> {
    store::join_requests::take(tx, &token_hash(token), now)
        .await?
        .ok_or(AppError::Gone(ErrorCode::JoinLinkInvalid))
}

/// `POST /api/v1/join-requests/check`: which account asks, without using the link.
#[utoipa::path(
    post,
    path = "/join-requests/check",
    operation_id = "check_join_request",
    tag = "join requests",
    security(()),
    request_body = LinkToken,
    responses(
        (status = 200, description = "The link works: the account that asks.", body = JoinLinkInfo),
        (status = 410, description = "The link no longer works: expired, answered, cancelled or \
            replaced (`join.link_invalid`).", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn check(
    State(state): State<AppState>,
    source: Source,
    Json(body): Json<LinkToken>,
) -> Result<axum::Json<JoinLinkInfo>, AppError> {
    state.throttle.check(source, &Attempt::Link)?;
    let now = crate::clock::now().unix_seconds();
    let mut conn = state.db.acquire().await?;
    let request = live(&mut conn, &body.token, now).await?;
    let account_name = store::accounts::name(&mut conn, request.account_id).await?;
    let requested_by = match request.requested_by {
        Some(id) => Some(store::logins::full_name(&mut conn, id).await?),
        None => None,
    };
    Ok(axum::Json(JoinLinkInfo {
        account_name,
        requested_by,
        role: crate::store::decode("role", &request.role)?,
        expires_at: request.expires_at,
    }))
}

/// `POST /api/v1/join-requests/accept`: the person accepts; the membership asked for is made.
#[utoipa::path(
    post,
    path = "/join-requests/accept",
    operation_id = "accept_join_request",
    tag = "join requests",
    security(()),
    request_body = LinkToken,
    responses(
        (status = 200, description = "A member of the account now.", body = Joined),
        (status = 409, description = "The administrator who asked may no longer grant what was \
            asked (`join.no_longer_valid`), or my email is no longer of the account's approved \
            domains (`domain.not_approved`); the request is withdrawn.", body = Problem,
            content_type = PROBLEM),
        (status = 410, description = "The link no longer works (`join.link_invalid`).",
            body = Problem, content_type = PROBLEM),
    )
)]
pub async fn accept(
    State(state): State<AppState>,
    source: Source,
    Json(body): Json<LinkToken>,
) -> Result<axum::Json<Joined>, AppError> {
    state.throttle.check(source, &Attempt::Link)?;
    let now = crate::clock::now().unix_seconds();
    let mut tx = crate::store::begin_write(&state.db).await?;
    let request = take(&mut tx, &body.token, now).await?;
    accept_taken(&state, tx, request, now).await.map(axum::Json)
}

/// Makes the membership `request` asked for, the request already taken in `tx`, and commits:
/// checked again against the requester's authority and the account's approved domains as they
/// now stand (a request that no longer holds is withdrawn, 409).
pub(crate) async fn accept_taken(
    state: &AppState,
    mut tx: Tx<'static>,
    request: Pending,
    now: i64,
) -> Result<Joined, AppError> {
    let account = request.account_id;
    let policy = guard::policy(&mut tx, account).await?;
    let requester = match request.requested_by {
        Some(id) => guard::member(&mut tx, account, id).await?,
        None => None,
    };
    if decide_new_membership(&policy, requester.as_ref(), &request.authorities).is_err() {
        withdrawn(&mut tx, &request, "join.withdrawn").await?;
        tx.commit().await?;
        return Err(AppError::Conflict(ErrorCode::JoinNoLongerValid));
    }
    // The account's approved domains may have changed since it asked.
    let email = store::logins::email(&mut tx, request.user_id).await?;
    let approved = accounts::approved_domains(&mut tx, account).await?;
    if Email::parse(&email).map_or(true, |e| check_approved(&e, &approved).is_err()) {
        withdrawn(&mut tx, &request, "join.withdrawn").await?;
        tx.commit().await?;
        return Err(AppError::Conflict(ErrorCode::DomainNotApproved));
    }
    let group = store::groups::or_default(&mut tx, account, request.group_id).await?;
    let licensed = request.licensed && licences::seats(&mut tx, account).await?.free() > 0;
    if !store::memberships::exists(&mut tx, account, request.user_id).await? {
        let asked = store::memberships::NewMember {
            role: crate::store::decode("role", &request.role)?,
            group,
            grants: &request.authorities,
            licensed,
        };
        store::memberships::insert(&mut tx, account, request.user_id, &asked, now).await?;
    }
    store::logins::bump_version(&mut tx, request.user_id, now).await?;
    let after =
        crate::users::model::load(&mut tx, account, request.user_id, request.user_id).await?;
    let entry = audit::Entry {
        actor_id: Some(request.user_id),
        account_id: Some(account),
        target_user_id: Some(request.user_id),
        action: "user.joined",
        before: Some(json!({ "email": request.email })),
        after: Some(crate::users::model::snapshot(&after)),
        ..audit::Entry::default()
    };
    audit::record(&mut tx, entry).await?;
    let account_name = store::accounts::name(&mut tx, account).await?;
    tx.commit().await?;
    outbox::wake(state);
    Ok(Joined {
        account_id: account,
        account_name,
        licensed,
    })
}

/// Audits a request that ends without a membership: only the email typed is named.
pub(crate) async fn withdrawn(
    tx: &mut Tx<'_>,
    request: &Pending,
    action: &'static str,
) -> Result<(), AppError> {
    let entry = audit::Entry {
        account_id: Some(request.account_id),
        action,
        before: Some(json!({ "email": request.email, "role": request.role })),
        ..audit::Entry::default()
    };
    audit::record(tx, entry).await
}

/// `POST /api/v1/join-requests/decline`: the person declines; the request is deleted.
#[utoipa::path(
    post,
    path = "/join-requests/decline",
    operation_id = "decline_join_request",
    tag = "join requests",
    security(()),
    request_body = LinkToken,
    responses(
        (status = 204, description = "Declined: nothing changes."),
        (status = 410, description = "The link no longer works (`join.link_invalid`).",
            body = Problem, content_type = PROBLEM),
    )
)]
pub async fn decline(
    State(state): State<AppState>,
    source: Source,
    Json(body): Json<LinkToken>,
) -> Result<StatusCode, AppError> {
    state.throttle.check(source, &Attempt::Link)?;
    let now = crate::clock::now().unix_seconds();
    let mut tx = crate::store::begin_write(&state.db).await?;
    let request = take(&mut tx, &body.token, now).await?;
    withdrawn(&mut tx, &request, "join.declined").await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
