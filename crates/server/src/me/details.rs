//! `GET` and `PATCH /api/v1/me`: my details, and changing my contact details.

use crate::error::{AppError, FieldError, PROBLEM, Problem};
use crate::extract::{CurrentUser, Json};
use crate::state::AppState;
use crate::{clock, etag, session, store};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use roster_api::me::MyChanges;
use roster_api::session::Me;
use roster_domain::ErrorCode;
use roster_domain::profile::ProfileDraft;
use serde_json::json;

/// `GET /api/v1/me`.
#[utoipa::path(
    get,
    path = "/me",
    operation_id = "me",
    tag = "session",
    responses(
        (status = 200, description = "The signed-in person (My details) and their accounts.",
            body = Me, headers(("ETag" = String, description = "My version, for `If-Match`."))),
    )
)]
pub async fn show(State(state): State<AppState>, user: CurrentUser) -> Result<Response, AppError> {
    let me = session::me_of(&mut *state.db.acquire().await?, user.id).await?;
    Ok(etag::with_etag(StatusCode::OK, me.version, me))
}

/// The draft `changes` make of my profile as it stands: each field as sent, or as it was; an
/// empty phone removes it.
fn merged(current: ProfileDraft, changes: MyChanges) -> ProfileDraft {
    ProfileDraft {
        first_name: changes.first_name.unwrap_or(current.first_name),
        last_name: changes.last_name.unwrap_or(current.last_name),
        phone: match changes.phone {
            Some(phone) if phone.trim().is_empty() => None,
            Some(phone) => Some(phone),
            None => current.phone,
        },
        language: changes.language.or(current.language),
        ..current
    }
}

/// `PATCH /api/v1/me` with `If-Match`: changes my names, phone and language, in every account
/// I belong to.
#[utoipa::path(
    patch,
    path = "/me",
    operation_id = "update_me",
    tag = "session",
    params(("If-Match" = String, Header, description = "The ETag the change is based on.")),
    request_body = MyChanges,
    responses(
        (status = 200, description = "My details, changed.", body = Me,
            headers(("ETag" = String, description = "My version, for `If-Match`."))),
        (status = 403, description = "A group of mine does not let its members edit their own \
            details (`me.details_locked`), or a cross-origin request.", body = Problem,
            content_type = PROBLEM),
        (status = 412, description = "My details changed since that ETag.", body = Problem,
            content_type = PROBLEM),
        (status = 422, description = "Invalid fields, or a field that is not mine to change \
            here (role, state, account, email…).", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Json(changes): Json<MyChanges>,
) -> Result<Response, AppError> {
    let precondition = etag::if_match(&headers)?;
    let mut tx = store::begin_write(&state.db).await?;
    let (current, version) = store::me::profile(&mut tx, user.id).await?;
    precondition.check(version)?;
    super::require_editable(&mut tx, user.id).await?;
    let before = json!({
        "first_name": current.first_name, "last_name": current.last_name,
        "phone": current.phone, "language": current.language,
    });
    let profile = merged(current, changes)
        .check()
        .map_err(|issues| AppError::Invalid(crate::users::checks::field_errors(issues)))?;
    let now = clock::now().unix_seconds();
    if !store::logins::update_profile(&mut tx, user.id, &profile, now).await? {
        // The username is not changed here: only a race with a rename could get here.
        return Err(AppError::Invalid(vec![FieldError::new(
            "username",
            ErrorCode::UserUsernameTaken,
        )]));
    }
    let after = json!({
        "first_name": profile.first_name.as_str(), "last_name": profile.last_name.as_str(),
        "phone": profile.phone.as_ref().map(|p| p.as_str()), "language": profile.language.as_str(),
    });
    super::record_own(
        &mut tx,
        user.id,
        "me.details_changed",
        Some(before),
        Some(after),
    )
    .await?;
    let me = session::me_of(&mut tx, user.id).await?;
    tx.commit().await?;
    Ok(etag::with_etag(StatusCode::OK, me.version, me))
}
