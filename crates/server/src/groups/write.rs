//! Creating, changing and deleting a group (admins only).

use super::{
    DeleteQuery, Group, GroupChanges, NewGroup, apply_policy, entry, find, parse_name, snapshot,
};
use crate::error::PROBLEM;
use crate::error::{AppError, FieldError, Problem};
use crate::extract::{CurrentUser, Json, Path, Query};
use crate::state::AppState;
use crate::{accounts, audit, etag, guard, search, store};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use roster_domain::ErrorCode;
use roster_domain::group_policy::GroupPolicy;
use serde_json::json;

/// `POST /api/v1/accounts/{account}/groups`: creates a group (admins only); 201 with its ETag.
#[utoipa::path(
    post,
    path = "/accounts/{account}/groups",
    operation_id = "create_group",
    tag = "groups",
    params(("account" = i64, Path, description = "The account's id.")),
    request_body = NewGroup,
    responses(
        (status = 201, description = "The new group.", body = Group,
            headers(("ETag" = String, description = "The group's version, for `If-Match`."))),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account, or a cross-origin \
            request.", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such account, or not one of mine.", body = Problem,
            content_type = PROBLEM),
        (status = 409, description = "The name is taken in this account (`group.name_taken`).",
            body = Problem, content_type = PROBLEM),
        (status = 422, description = "Invalid fields, one entry each in `errors`.",
            body = Problem, content_type = PROBLEM),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(account): Path<i64>,
    Json(body): Json<NewGroup>,
) -> Result<Response, AppError> {
    accounts::require_admin(&state, user.id, account).await?;
    let mut errors = Vec::new();
    let name = parse_name(&body.name, &mut errors);
    let changes = body.policy.unwrap_or_default();
    let policy = apply_policy(&changes, GroupPolicy::default(), &mut errors);
    let (Some(name), Some(policy)) = (name, policy) else {
        return Err(AppError::Invalid(errors));
    };

    let mut tx = crate::store::begin_write(&state.db).await?;
    let key = search::fold(name.as_str());
    let id = store::groups::insert(&mut tx, account, name.as_str(), &key, &policy).await?;
    let group = find(&mut tx, account, id).await?;
    let entry = audit::Entry {
        after: Some(snapshot(&group)?),
        ..entry(&user, account, id, "group.created")
    };
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(etag::with_etag(StatusCode::CREATED, group.version, group))
}

/// `PATCH /api/v1/accounts/{account}/groups/{group}`: renames the group and/or changes its
/// policy (admins only), with `If-Match`; answers the group and its new ETag.
#[utoipa::path(
    patch,
    path = "/accounts/{account}/groups/{group}",
    operation_id = "update_group",
    tag = "groups",
    params(
        ("account" = i64, Path, description = "The account's id."),
        ("group" = i64, Path, description = "The group's id."),
        ("If-Match" = String, Header, description = "The ETag the change is based on."),
    ),
    request_body = GroupChanges,
    responses(
        (status = 200, description = "The changed group.", body = Group,
            headers(("ETag" = String, description = "The group's version, for `If-Match`."))),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account, or a cross-origin \
            request.", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such group in this account, or not my account.",
            body = Problem, content_type = PROBLEM),
        (status = 409, description = "The name is taken in this account (`group.name_taken`).",
            body = Problem, content_type = PROBLEM),
        (status = 412, description = "Someone changed the group since that ETag.",
            body = Problem, content_type = PROBLEM),
        (status = 422, description = "Invalid fields, one entry each in `errors`.",
            body = Problem, content_type = PROBLEM),
        (status = 428, description = "`If-Match` is missing.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((account, id)): Path<(i64, i64)>,
    headers: HeaderMap,
    Json(body): Json<GroupChanges>,
) -> Result<Response, AppError> {
    accounts::require_admin(&state, user.id, account).await?;
    let mut tx = crate::store::begin_write(&state.db).await?;
    let before = find(&mut tx, account, id).await?;
    etag::check(&headers, before.version)?;

    let mut errors = Vec::new();
    let name = match &body.name {
        Some(input) => parse_name(input, &mut errors).map(|n| n.as_str().to_owned()),
        None => Some(before.name.clone()),
    };
    let changes = body.policy.unwrap_or_default();
    let policy = apply_policy(&changes, before.policy, &mut errors);
    let (Some(name), Some(policy)) = (name, policy) else {
        return Err(AppError::Invalid(errors));
    };
    if policy != before.policy {
        // What applies to every member changes: only for someone who may manage them all.
        let change = json!({ "change": "group_policy", "policy": policy });
        guard::authorize_group(&mut tx, account, user.id, id, change).await?;
    }

    store::groups::update(&mut tx, account, id, &name, &search::fold(&name), &policy).await?;
    let after = find(&mut tx, account, id).await?;
    let entry = audit::Entry {
        before: Some(snapshot(&before)?),
        after: Some(snapshot(&after)?),
        ..entry(&user, account, id, "group.updated")
    };
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(etag::with_etag(StatusCode::OK, after.version, after))
}

/// `DELETE /api/v1/accounts/{account}/groups/{group}[?move_to={group}]`: deletes a group (admins
/// only). The default group stays; the members of a group with members move to `move_to` first.
#[utoipa::path(
    delete,
    path = "/accounts/{account}/groups/{group}",
    operation_id = "delete_group",
    tag = "groups",
    params(("account" = i64, Path, description = "The account's id."), ("group" = i64, Path, description = "The group's id."), DeleteQuery),
    responses(
        (status = 204, description = "Deleted; its members, if any, moved to `move_to`."),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account, or a cross-origin \
            request.", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such group (or `move_to` group) in this account, or \
            not my account.", body = Problem, content_type = PROBLEM),
        (status = 409, description = "The default group (`group.default_not_deletable`), or a \
            group with members and no `move_to` (`group.not_empty`).", body = Problem,
            content_type = PROBLEM),
        (status = 422, description = "`move_to` names the group itself, or the query cannot be \
            read.", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn remove(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((account, id)): Path<(i64, i64)>,
    Query(query): Query<DeleteQuery>,
) -> Result<StatusCode, AppError> {
    accounts::require_admin(&state, user.id, account).await?;
    let mut tx = crate::store::begin_write(&state.db).await?;
    let group = find(&mut tx, account, id).await?;
    if group.is_default {
        return Err(AppError::Conflict(ErrorCode::GroupDefaultNotDeletable));
    }
    let target = match query.move_to {
        None if group.member_count > 0 => return Err(AppError::Conflict(ErrorCode::GroupNotEmpty)),
        None => None,
        // Moving the members into the group being deleted would leave them nowhere.
        Some(target) if target == id => {
            let field = FieldError::new("move_to", ErrorCode::RequestInvalidQuery);
            return Err(AppError::Invalid(vec![field]));
        }
        Some(target) => Some(find(&mut tx, account, target).await?),
    };

    if let Some(target) = &target {
        // Moving the members is a change of group for each of them.
        let change = json!({ "change": "group_members_moved", "move_to": target.id });
        guard::authorize_group(&mut tx, account, user.id, id, change).await?;
        store::groups::move_members(&mut tx, account, id, target.id).await?;
    }
    store::groups::delete(&mut tx, account, id).await?;
    let moved =
        target.map(|t| json!({ "members_moved_to": t.id, "members_moved": group.member_count }));
    let entry = audit::Entry {
        before: Some(snapshot(&group)?),
        after: moved,
        ..entry(&user, account, id, "group.deleted")
    };
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
