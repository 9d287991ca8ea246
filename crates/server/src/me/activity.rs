//! `GET /api/v1/me/activity`: my journal (seed 002), what was done to my login and by it, in
//! every account, sign-ins and failed sign-ins included.

use crate::error::AppError;
use crate::extract::{CurrentUser, Query};
use crate::state::AppState;
use crate::store;
use axum::extract::State;
use roster_api::me::{Activity, ActivityQuery};

/// `GET /api/v1/me/activity`: newest first, a page at a time.
#[utoipa::path(
    get,
    path = "/me/activity",
    operation_id = "my_activity",
    tag = "session",
    params(ActivityQuery),
    responses((status = 200, description = "My journal, newest first.", body = Activity))
)]
pub async fn activity(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ActivityQuery>,
) -> Result<axum::Json<Activity>, AppError> {
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let mut conn = state.db.acquire().await?;
    let items = store::me::activity(&mut conn, user.id, q.before_id, limit).await?;
    Ok(axum::Json(Activity { items }))
}
