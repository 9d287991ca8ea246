//! `POST /accounts/{account}/imports/lookup`: which of a file's logins already exist, in one
//! request for the whole file.

use crate::accounts;
use crate::error::PROBLEM;
use crate::error::{AppError, Problem};
use crate::extract::{CurrentUser, Json, Path};
use crate::state::AppState;
use axum::extract::State;
use roster_api::imports::{LookupAnswer, LookupRequest};
use roster_domain::ErrorCode;
use roster_domain::import::{Existing, MAX_ROWS};
use roster_domain::values::login_key;

/// `POST /api/v1/accounts/{account}/imports/lookup`.
#[utoipa::path(
    post,
    path = "/accounts/{account}/imports/lookup",
    operation_id = "lookup_import_logins",
    tag = "imports",
    params(("account" = i64, Path, description = "The account's id.")),
    request_body = LookupRequest,
    responses(
        (status = 200, description = "The logins that exist, here or elsewhere.", body = LookupAnswer),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account.", body = Problem,
            content_type = PROBLEM),
        (status = 422, description = "More than 50,000 usernames (`import.too_many_rows`).",
            body = Problem, content_type = PROBLEM),
    )
)]
pub async fn lookup(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(account): Path<i64>,
    Json(body): Json<LookupRequest<'static>>,
) -> Result<axum::Json<LookupAnswer>, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    if body.usernames.len() > MAX_ROWS {
        return Err(AppError::Unprocessable(ErrorCode::ImportTooManyRows));
    }
    let keys: Vec<String> = body.usernames.iter().map(|u| login_key(u.trim())).collect();
    let mut conn = state.db.acquire().await?;
    let found = super::existing(&mut conn, account, Some(me.id), &keys).await?;
    let mut answer = LookupAnswer::default();
    for (key, place) in found {
        match place {
            Existing::Here => answer.here.push(key),
            Existing::Elsewhere => answer.elsewhere.push(key),
            Existing::Consent => answer.consent.push(key),
        }
    }
    answer.here.sort_unstable();
    answer.elsewhere.sort_unstable();
    answer.consent.sort_unstable();
    Ok(axum::Json(answer))
}
