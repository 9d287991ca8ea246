//! Licence seats: assign, release and transfer a seat.
//!
//! Each change counts the seats in use and writes inside one `BEGIN IMMEDIATE` transaction, so
//! racing requests for the last seats queue up: exactly as many succeed as seats were free, and
//! seats used never exceed seats bought. The domain's `Seats` says yes or no.

use crate::emails::{self, Facts};
use crate::error::PROBLEM;
use crate::error::{AppError, Problem};
use crate::extract::{CurrentUser, Json, Path};
use crate::state::AppState;
use crate::store::{self, Conn};
use crate::users::model;
use crate::{accounts, audit, etag, guard, outbox};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{post, put};
use roster_api::users::{Transfer, UserDetail};
use roster_domain::Coded;
use roster_domain::authz::Change;
use roster_domain::notify::Event;
use roster_domain::seats::{SeatRefusal, Seats};

/// The licence routes, under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/accounts/{account}/users/{user}/licence",
            put(assign).delete(release),
        )
        .route("/accounts/{account}/licence-transfers", post(transfer))
}

/// The account's seats as they stand, read inside the change's transaction.
pub(crate) async fn seats(conn: &mut Conn, account: i64) -> Result<Seats, AppError> {
    let (bought, used) = store::accounts::seat_counts(conn, account).await?;
    let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    Seats::new(count(bought), count(used)).map_err(|r| refused(&r))
}

fn refused(refusal: &SeatRefusal) -> AppError {
    AppError::Conflict(refusal.code())
}

async fn set_licensed(
    conn: &mut Conn,
    account: i64,
    user: i64,
    licensed: bool,
) -> Result<(), AppError> {
    store::memberships::set_licensed(conn, account, user, licensed).await?;
    store::logins::bump_version(conn, user, crate::clock::now().unix_seconds()).await
}

/// Assigns or releases `user`'s seat; answers the user after it.
async fn change(
    state: &AppState,
    me: i64,
    account: i64,
    user: i64,
    assign: bool,
) -> Result<UserDetail, AppError> {
    accounts::require_admin(state, me, account).await?;
    let mut tx = crate::store::begin_write(&state.db).await?;
    let before = model::load(&mut tx, account, user, me).await?;
    let what = if assign {
        Change::AssignLicence
    } else {
        Change::ReleaseLicence
    };
    guard::authorize(&mut tx, account, me, user, &what).await?;
    let seats = seats(&mut tx, account).await?;
    if assign {
        seats.assign(before.licensed).map_err(|r| refused(&r))?;
    } else {
        seats.release(before.licensed).map_err(|r| refused(&r))?;
    }
    set_licensed(&mut tx, account, user, assign).await?;
    let after = model::load(&mut tx, account, user, me).await?;
    let action = if assign {
        "licence.assigned"
    } else {
        "licence.released"
    };
    audit::record(
        &mut tx,
        model::audit_entry(me, account, action, &before, Some(&after)),
    )
    .await?;
    if assign {
        let facts = Facts::about(&mut tx, account, &after).await?;
        emails::notify(
            &mut tx,
            &state.sealer,
            Event::LicenceAssigned,
            Some(account),
            me,
            user,
            &facts,
        )
        .await?;
    }
    tx.commit().await?;
    outbox::wake(state);
    Ok(after)
}

/// `PUT /api/v1/accounts/{account}/users/{user}/licence`: gives the user a seat.
#[utoipa::path(
    put,
    path = "/accounts/{account}/users/{user}/licence",
    operation_id = "assign_licence",
    tag = "licences",
    params(
        ("account" = i64, Path, description = "The account's id."),
        ("user" = i64, Path, description = "The user's id."),
    ),
    responses(
        (status = 200, description = "The user, now licensed.", body = UserDetail),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account, or cross-origin.",
            body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such member, or not my account.", body = Problem,
            content_type = PROBLEM),
        (status = 409, description = "No seat is free (`seats.none_free`), or the user already \
            holds one.", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn assign(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((account, user)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let after = change(&state, me.id, account, user, true).await?;
    Ok(etag::with_etag(StatusCode::OK, after.version, after))
}

/// `DELETE /api/v1/accounts/{account}/users/{user}/licence`: frees the user's seat.
#[utoipa::path(
    delete,
    path = "/accounts/{account}/users/{user}/licence",
    operation_id = "release_licence",
    tag = "licences",
    params(
        ("account" = i64, Path, description = "The account's id."),
        ("user" = i64, Path, description = "The user's id."),
    ),
    responses(
        (status = 200, description = "The user, now without a seat.", body = UserDetail),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account, or cross-origin.",
            body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such member, or not my account.", body = Problem,
            content_type = PROBLEM),
        (status = 409, description = "The user holds no seat.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn release(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((account, user)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let after = change(&state, me.id, account, user, false).await?;
    Ok(etag::with_etag(StatusCode::OK, after.version, after))
}

/// `POST /api/v1/accounts/{account}/licence-transfers`: moves a seat from one member to another
/// in one step, so it is never lost or doubled on the way.
#[utoipa::path(
    post,
    path = "/accounts/{account}/licence-transfers",
    operation_id = "transfer_licence",
    tag = "licences",
    params(("account" = i64, Path, description = "The account's id.")),
    request_body = Transfer,
    responses(
        (status = 204, description = "Moved."),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account, or cross-origin.",
            body = Problem, content_type = PROBLEM),
        (status = 404, description = "Either member is not of this account.", body = Problem,
            content_type = PROBLEM),
        (status = 409, description = "`from` holds no seat, `to` already holds one, or they are \
            the same member.", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn transfer(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(account): Path<i64>,
    Json(body): Json<Transfer>,
) -> Result<Response, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let mut tx = crate::store::begin_write(&state.db).await?;
    let from = model::load(&mut tx, account, body.from, me.id).await?;
    let to = model::load(&mut tx, account, body.to, me.id).await?;
    for member in [body.from, body.to] {
        guard::authorize(&mut tx, account, me.id, member, &Change::TransferLicence).await?;
    }
    seats(&mut tx, account)
        .await?
        .transfer(from.licensed, to.licensed, body.from == body.to)
        .map_err(|r| refused(&r))?;
    set_licensed(&mut tx, account, body.from, false).await?;
    set_licensed(&mut tx, account, body.to, true).await?;
    for (before, action) in [
        (&from, "licence.transferred_from"),
        (&to, "licence.transferred_to"),
    ] {
        let after = model::load(&mut tx, account, before.id, me.id).await?;
        audit::record(
            &mut tx,
            model::audit_entry(me.id, account, action, before, Some(&after)),
        )
        .await?;
    }
    let facts = Facts::about(&mut tx, account, &to).await?;
    emails::notify(
        &mut tx,
        &state.sealer,
        Event::LicenceTransferred,
        Some(account),
        me.id,
        body.to,
        &facts,
    )
    .await?;
    tx.commit().await?;
    outbox::wake(&state);
    Ok(StatusCode::NO_CONTENT.into_response())
}
