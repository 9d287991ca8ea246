//! Accounts: the ones I belong to, and the membership checks every account route starts with.
//! Anything of an account the caller does not belong to answers 404, exactly like something that
//! does not exist.

use crate::error::PROBLEM;
use crate::error::{AppError, Problem};
use crate::extract::CurrentUser;
use crate::state::AppState;
use crate::store;
use axum::extract::State;
use roster_api::accounts::AccountList;
use roster_domain::ErrorCode;
use roster_domain::authz::Role;

/// `GET /api/v1/accounts`: the accounts I belong to, with their seat counts; for an embedded
/// session, its one account.
#[utoipa::path(
    get,
    path = "/accounts",
    operation_id = "list_accounts",
    tag = "accounts",
    responses(
        (status = 200, description = "My accounts by name (an embedded session's one account).",
            body = AccountList),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<axum::Json<AccountList>, AppError> {
    let mut conn = state.db.acquire().await?;
    let mut items = crate::store::accounts::summaries_of(&mut conn, user.id).await?;
    // An embedded session knows of its one account only.
    if let Some(account) = user.account {
        items.retain(|a| a.id == account);
    }
    Ok(axum::Json(AccountList { items }))
}

/// My role in `account`: 404 when I am not a member.
pub async fn role_in(state: &AppState, user_id: i64, account: i64) -> Result<Role, AppError> {
    let mut conn = state.db.acquire().await?;
    store::memberships::role_in(&mut conn, account, user_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Requires that I administer `account`: 404 when I am not a member, 403 when only a user.
pub async fn require_admin(state: &AppState, user_id: i64, account: i64) -> Result<(), AppError> {
    match role_in(state, user_id, account).await? {
        Role::Admin => Ok(()),
        Role::User => Err(AppError::Forbidden(ErrorCode::AuthzNotAdmin)),
    }
}

/// The account's approved email domains (none: any address is allowed).
pub async fn approved_domains(
    conn: &mut store::Conn,
    account: i64,
) -> Result<Vec<roster_domain::values::ApprovedDomain>, AppError> {
    store::accounts::approved_domains(conn, account).await
}
