//! Where I am signed in, and signing out elsewhere.

use crate::error::{AppError, PROBLEM, Problem};
use crate::extract::{CurrentUser, Path};
use crate::state::AppState;
use crate::{session, store};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use roster_api::me::{MySession, MySessions};

/// `GET /api/v1/me/sessions`: this one first, then the most recently seen.
#[utoipa::path(
    get,
    path = "/me/sessions",
    operation_id = "my_sessions",
    tag = "session",
    responses((status = 200, description = "Where I am signed in.", body = MySessions))
)]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<axum::Json<MySessions>, AppError> {
    let mut conn = state.db.acquire().await?;
    let items = store::sessions::of_user(&mut conn, user.id, &user.session)
        .await?
        .into_iter()
        .map(|s| MySession {
            id: s.id,
            device: session::device(&s.user_agent),
            started_at: s.created_at,
            last_seen_at: s.last_seen_at,
            current: s.current,
        })
        .collect();
    Ok(axum::Json(MySessions { items }))
}

/// `DELETE /api/v1/me/sessions/{id}`: signs me out there (here too, when it is this session:
/// the cookie is cleared, if it has one).
#[utoipa::path(
    delete,
    path = "/me/sessions/{id}",
    operation_id = "end_my_session",
    tag = "session",
    params(("id" = i64, Path, description = "The session's id.")),
    responses(
        (status = 204, description = "Signed out there."),
        (status = 404, description = "No session of mine has this id.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn end_one(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    let mine = store::sessions::of_user(&mut conn, user.id, &user.session).await?;
    let Some(found) = mine.iter().find(|s| s.id == id) else {
        return Err(AppError::NotFound);
    };
    if found.current {
        drop(conn);
        return session::end(&state, &user).await;
    }
    store::sessions::end_by_id(&mut conn, user.id, id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `DELETE /api/v1/me/sessions`: signs me out everywhere but here.
#[utoipa::path(
    delete,
    path = "/me/sessions",
    operation_id = "end_my_other_sessions",
    tag = "session",
    responses((status = 204, description = "Signed out everywhere else."))
)]
pub async fn end_others(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<StatusCode, AppError> {
    let mut conn = state.db.acquire().await?;
    store::sessions::end_others(&mut conn, user.id, Some(&user.session)).await?;
    Ok(StatusCode::NO_CONTENT)
}
