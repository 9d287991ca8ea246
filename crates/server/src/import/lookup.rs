//! `POST /accounts/{account}/imports/lookup`: which of a file's logins already exist, in one
//! request for the whole file.

use crate::error::{AppError, Problem};
use crate::extract::{CurrentUser, Json, Path};
use crate::openapi::PROBLEM;
use crate::{AppState, accounts};
use axum::extract::State;
use roster_domain::ErrorCode;
use roster_domain::import::{Existing, MAX_ROWS};
use roster_domain::values::login_key;
use serde::{Deserialize, Serialize};

/// The logins of a file, as username keys (lower case).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LookupRequest {
    /// At most 50,000.
    pub usernames: Vec<String>,
}

/// Where those logins exist.
#[derive(Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LookupAnswer {
    /// Already members of this account.
    pub here: Vec<String>,
    /// Members of other accounts only, all of them mine to manage: an import adds them to this
    /// one.
    pub elsewhere: Vec<String>,
    /// Members of accounts where I may not manage them: an import asks them to join.
    pub consent: Vec<String>,
}

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
    Json(body): Json<LookupRequest>,
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
