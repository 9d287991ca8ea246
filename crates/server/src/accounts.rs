//! Accounts: the ones I belong to, and the membership checks every account route starts with.
//! Anything of an account the caller does not belong to answers 404, exactly like something that
//! does not exist.

use crate::AppState;
use crate::error::PROBLEM;
use crate::error::{AppError, Problem};
use crate::extract::CurrentUser;
use axum::extract::State;
use roster_api::accounts::AccountList;
use roster_domain::ErrorCode;

/// `GET /api/v1/accounts`: the accounts I belong to, with their seat counts.
#[utoipa::path(
    get,
    path = "/accounts",
    operation_id = "list_accounts",
    tag = "accounts",
    responses(
        (status = 200, description = "My accounts by name.", body = AccountList),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<axum::Json<AccountList>, AppError> {
    let mut conn = state.db.acquire().await?;
    let items = crate::store::accounts::summaries_of(&mut conn, user.id).await?;
    Ok(axum::Json(AccountList { items }))
}

/// My role in `account`: 404 when I am not a member.
pub async fn role_in(state: &AppState, user_id: i64, account: i64) -> Result<String, AppError> {
    let role: Option<(String,)> =
        sqlx::query_as("SELECT role FROM memberships WHERE account_id = ?1 AND user_id = ?2")
            .bind(account)
            .bind(user_id)
            .fetch_optional(&state.db)
            .await?;
    role.map(|(r,)| r).ok_or(AppError::NotFound)
}

/// Requires that I administer `account`: 404 when I am not a member, 403 when only a user.
pub async fn require_admin(state: &AppState, user_id: i64, account: i64) -> Result<(), AppError> {
    match role_in(state, user_id, account).await?.as_str() {
        "admin" => Ok(()),
        _ => Err(AppError::Forbidden(ErrorCode::AuthzNotAdmin)),
    }
}

/// The account's approved email domains (none: any address is allowed).
pub async fn approved_domains(
    conn: &mut sqlx::SqliteConnection,
    account: i64,
) -> Result<Vec<roster_domain::values::ApprovedDomain>, AppError> {
    let (domains,): (String,) =
        sqlx::query_as("SELECT approved_domains FROM accounts WHERE id = ?1")
            .bind(account)
            .fetch_one(conn)
            .await?;
    serde_json::from_str(&domains).map_err(|e| AppError::Internal(format!("approved domains: {e}")))
}
