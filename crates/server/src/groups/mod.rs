//! Groups of an account: list, create, rename or change policy, delete.
//!
//! A group decides the policies of its members. Its name is unique in the account ignoring
//! case and accents (`name_key` is the folded name, under a unique index); the default group
//! always exists, and a group with members is deleted only by moving them to another group of the
//! same account in the same transaction. Writes run in `BEGIN IMMEDIATE` transactions, so the
//! version check, the change and its audit entry see no other writer in between.

use crate::error::PROBLEM;
use crate::error::{AppError, FieldError, Problem};
use crate::extract::{CurrentUser, Path};
use roster_api::groups::{DeleteQuery, Group, GroupChanges, GroupList, NewGroup, PolicyChanges};
pub(crate) mod write;

use crate::state::AppState;
use crate::store::{self, Conn};
use crate::{accounts, audit, etag};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use roster_domain::group_policy::GroupPolicy;
use roster_domain::values::GroupName;
use serde_json::Value;

/// The group routes, under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/accounts/{account}/groups", get(list).post(write::create))
        .route(
            "/accounts/{account}/groups/{group}",
            get(show).patch(write::update).delete(write::remove),
        )
}

/// `GET /api/v1/accounts/{account}/groups`: the account's groups by name, for any member of it.
#[utoipa::path(
    get,
    path = "/accounts/{account}/groups",
    operation_id = "list_groups",
    tag = "groups",
    params(("account" = i64, Path, description = "The account's id.")),
    responses(
        (status = 200, description = "The account's groups by name.", body = GroupList),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such account, or not one of mine.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(account): Path<i64>,
) -> Result<axum::Json<GroupList>, AppError> {
    accounts::role_in(&state, user.id, account).await?;
    let items = store::groups::of_account(&mut *state.db.acquire().await?, account, None).await?;
    Ok(axum::Json(GroupList { items }))
}

/// `GET /api/v1/accounts/{account}/groups/{group}`: one group, with its ETag.
#[utoipa::path(
    get,
    path = "/accounts/{account}/groups/{group}",
    operation_id = "read_group",
    tag = "groups",
    params(("account" = i64, Path, description = "The account's id."), ("group" = i64, Path, description = "The group's id.")),
    responses(
        (status = 200, description = "The group.", body = Group,
            headers(("ETag" = String, description = "The group's version, for `If-Match`."))),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such group in this account, or not my account.",
            body = Problem, content_type = PROBLEM),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((account, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    accounts::role_in(&state, user.id, account).await?;
    let group = find(&mut *state.db.acquire().await?, account, id).await?;
    Ok(etag::with_etag(StatusCode::OK, group.version, group))
}

/// `base` with `changes`, or `None` once every value out of range is named in `errors`.
pub(super) fn apply_policy(
    changes: &PolicyChanges,
    base: GroupPolicy,
    errors: &mut Vec<FieldError>,
) -> Option<GroupPolicy> {
    let min = changes
        .min_password_length
        .map_or(base.min_password_length(), saturate);
    let idle = changes
        .idle_timeout_minutes
        .map_or(base.idle_timeout_minutes(), saturate);
    let edit = changes
        .members_may_edit_own_details
        .unwrap_or(base.members_may_edit_own_details());
    let refusal = match GroupPolicy::new(min, idle, edit) {
        Ok(policy) => return Some(policy),
        Err(refusal) => refusal,
    };
    // The constructor stops at the first value out of range: trying each value beside the
    // base's (valid) others names every field at fault at once.
    let found = errors.len();
    if let Err(e) = GroupPolicy::new(min, base.idle_timeout_minutes(), edit) {
        errors.push(FieldError::from_coded("policy.min_password_length", &e));
    }
    if let Err(e) = GroupPolicy::new(base.min_password_length(), idle, edit) {
        errors.push(FieldError::from_coded("policy.idle_timeout_minutes", &e));
    }
    if errors.len() == found {
        // A rule across values, should the domain ever add one.
        errors.push(FieldError::from_coded("policy", &refusal));
    }
    None
}

/// A requested number as the domain's `u16`. Every policy range lies well inside `u16`, so a
/// value beyond it (negative included) is out of range however it is saturated.
fn saturate(value: i64) -> u16 {
    u16::try_from(value).unwrap_or(u16::MAX)
}

/// The group name, or `None` with its error in `errors`.
pub(super) fn parse_name(input: &str, errors: &mut Vec<FieldError>) -> Option<GroupName> {
    GroupName::parse(input)
        .map_err(|e| errors.push(FieldError::from_coded("name", &e)))
        .ok()
}

/// The audit entry of a change by `user` to group `id`, before and after still to fill in.
pub(super) fn entry(
    user: &CurrentUser,
    account: i64,
    id: i64,
    action: &'static str,
) -> audit::Entry {
    audit::Entry {
        actor_id: Some(user.id),
        account_id: Some(account),
        target_group_id: Some(id),
        action,
        ..audit::Entry::default()
    }
}

/// The group as the audit log keeps it.
pub(super) fn snapshot(group: &Group) -> Result<Value, AppError> {
    serde_json::to_value(group).map_err(|e| AppError::Internal(format!("group snapshot: {e}")))
}

/// Group `id` of `account`: 404 when it does not exist or belongs to another account.
pub(super) async fn find(conn: &mut Conn, account: i64, id: i64) -> Result<Group, AppError> {
    store::groups::of_account(conn, account, Some(id))
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)
}
