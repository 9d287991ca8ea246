//! `GET /accounts/{account}/users/{user}`: one member as this account's administrator sees them.

use super::model;
use crate::error::PROBLEM;
use crate::error::{AppError, Problem};
use crate::extract::{CurrentUser, Path};
use crate::state::AppState;
use crate::{accounts, etag};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use roster_api::users::UserDetail;

/// `GET /api/v1/accounts/{account}/users/{user}`, with its `ETag`.
#[utoipa::path(
    get,
    path = "/accounts/{account}/users/{user}",
    operation_id = "read_user",
    tag = "users",
    params(("account" = i64, Path, description = "The account's id."), ("user" = i64, Path, description = "The user's id.")),
    responses(
        (status = 200, description = "The user as this account's administrator sees them.",
            body = UserDetail, headers(("ETag" = String, description = "The user's version, for `If-Match`."))),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account.", body = Problem,
            content_type = PROBLEM),
        (status = 404, description = "No such member of this account, or not my account.",
            body = Problem, content_type = PROBLEM),
    )
)]
pub async fn read(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((account, user)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let mut conn = state.db.acquire().await?;
    let detail = model::load(&mut conn, account, user, me.id).await?;
    Ok(etag::with_etag(StatusCode::OK, detail.version, detail))
}
