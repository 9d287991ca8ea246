//! The requests to join an account waiting for my answer, answered signed in (the emailed link
//! does the same without a session: [`crate::join::link`]).

use crate::error::{AppError, PROBLEM, Problem};
use crate::extract::{CurrentUser, Path};
use crate::join::link::{accept_taken, withdrawn};
use crate::state::AppState;
use crate::{clock, store};
use axum::extract::State;
use axum::http::StatusCode;
use roster_api::join::Joined;
use roster_api::me::MyJoinRequests;

/// `GET /api/v1/me/join-requests`.
#[utoipa::path(
    get,
    path = "/me/join-requests",
    operation_id = "my_join_requests",
    tag = "join requests",
    responses((status = 200, description = "The requests waiting for my answer, newest first.",
        body = MyJoinRequests))
)]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<axum::Json<MyJoinRequests>, AppError> {
    let now = clock::now().unix_seconds();
    let mut conn = state.db.acquire().await?;
    let items = store::me::join_requests(&mut conn, user.id, now).await?;
    Ok(axum::Json(MyJoinRequests { items }))
}

/// `POST /api/v1/me/join-requests/{id}/accept`: I join the account with the membership asked.
#[utoipa::path(
    post,
    path = "/me/join-requests/{id}/accept",
    operation_id = "accept_my_join_request",
    tag = "join requests",
    params(("id" = i64, Path, description = "The request's id.")),
    responses(
        (status = 200, description = "A member of the account now.", body = Joined),
        (status = 404, description = "No live request of mine has this id.", body = Problem,
            content_type = PROBLEM),
        (status = 409, description = "The administrator who asked may no longer grant what was \
            asked (`join.no_longer_valid`), or my email is no longer of the account's approved \
            domains (`domain.not_approved`); the request is withdrawn.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn accept(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<axum::Json<Joined>, AppError> {
    let now = clock::now().unix_seconds();
    let mut tx = store::begin_write(&state.db).await?;
    let request = store::join_requests::take_mine(&mut tx, user.id, id, now)
        .await?
        .ok_or(AppError::NotFound)?;
    accept_taken(&state, tx, request, now).await.map(axum::Json)
}

/// `POST /api/v1/me/join-requests/{id}/decline`: nothing changes; the request is deleted.
#[utoipa::path(
    post,
    path = "/me/join-requests/{id}/decline",
    operation_id = "decline_my_join_request",
    tag = "join requests",
    params(("id" = i64, Path, description = "The request's id.")),
    responses(
        (status = 204, description = "Declined."),
        (status = 404, description = "No live request of mine has this id.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn decline(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    let now = clock::now().unix_seconds();
    let mut tx = store::begin_write(&state.db).await?;
    let request = store::join_requests::take_mine(&mut tx, user.id, id, now)
        .await?
        .ok_or(AppError::NotFound)?;
    withdrawn(&mut tx, &request, "join.declined").await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
