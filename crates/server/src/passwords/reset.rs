//! The forgotten password: a single-use link by email (1 hour), the check the page makes before
//! using it, and the new password set with it.

use super::own::save_password;
use super::{check, rule};
use crate::emails::{self, Facts};
use crate::error::PROBLEM;
use crate::error::{AppError, Problem};
use crate::extract::Json;
use crate::secrets::hash_password;
use crate::state::AppState;
use crate::throttle::{Attempt, Source};
use crate::tokens::{self, Purpose};
use crate::{audit, outbox};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use roster_api::passwords::{LinkInfo, LinkToken, ResetCompletion, ResetRequest};
use roster_domain::ErrorCode;
use roster_domain::notify::Event;

/// How long a password reset link works.
const RESET_LIFETIME_SECONDS: i64 = 3600;

/// `POST /api/v1/password-reset`: emails a reset link to the users with this email who may sign
/// in. The answer is the same whether or not there are any.
#[utoipa::path(
    post,
    path = "/password-reset",
    operation_id = "request_password_reset",
    tag = "passwords",
    security(()),
    request_body = ResetRequest,
    responses(
        (status = 202, description = "If the email belongs to a user, a link is on its way."),
        (status = 422, description = "A field of the wrong type, or an unknown one.",
            body = Problem, content_type = PROBLEM),
    )
)]
pub async fn request_reset(
    State(state): State<AppState>,
    source: Source,
    Json(body): Json<ResetRequest>,
) -> Result<Response, AppError> {
    state
        .throttle
        .check(source, &Attempt::ResetRequest(&body.email))?;
    let email = body.email.trim().to_lowercase();
    let mut tx = crate::store::begin_write(&state.db).await?;
    let users = crate::store::logins::who_may_reset(&mut tx, &email).await?;
    let now = crate::clock::now().unix_seconds();
    for user in &users {
        let token = tokens::issue(
            &mut tx,
            Purpose::PasswordReset,
            *user,
            None,
            now,
            now + RESET_LIFETIME_SECONDS,
        )
        .await?;
        let facts = Facts {
            link: Some((
                tokens::link(&state.public_url, Purpose::PasswordReset, &token),
                RESET_LIFETIME_SECONDS / 3600,
            )),
            ..Facts::default()
        };
        emails::notify(
            &mut tx,
            &state.sealer,
            Event::PasswordResetRequested,
            None,
            *user,
            *user,
            &facts,
        )
        .await?;
        audit::record(
            &mut tx,
            audit::Entry::system(*user, "user.password_reset_requested"),
        )
        .await?;
    }
    tx.commit().await?;
    outbox::wake(&state);
    Ok((StatusCode::ACCEPTED, axum::Json(serde_json::json!({}))).into_response())
}

/// The person behind a live link of `purpose` and their password rule; 410 when it no longer
/// works, whatever the reason.
pub async fn link_info(
    state: &AppState,
    purpose: Purpose,
    token: &str,
) -> Result<LinkInfo, AppError> {
    let gone = match purpose {
        Purpose::Activation => ErrorCode::InvitationLinkInvalid,
        Purpose::PasswordReset => ErrorCode::PasswordResetLinkInvalid,
        Purpose::EmailChange => ErrorCode::MeEmailLinkInvalid,
    };
    let now = crate::clock::now().unix_seconds();
    let mut conn = state.db.acquire().await?;
    let (user, account) = tokens::peek(&mut conn, purpose, token, now)
        .await?
        .ok_or(AppError::Gone(gone))?;
    let (first_name, username): (String, String) =
        crate::store::logins::greeting(&mut conn, user).await?;
    let policy = rule(&mut conn, user, account).await?.policy;
    Ok(LinkInfo {
        first_name,
        username,
        min_password_length: policy.min_password_length(),
    })
}

/// `POST /api/v1/password-reset/check`: whether a reset link still works, without using it.
#[utoipa::path(
    post,
    path = "/password-reset/check",
    operation_id = "check_password_reset",
    tag = "passwords",
    security(()),
    request_body = LinkToken,
    responses(
        (status = 200, description = "The link works.", body = LinkInfo),
        (status = 410, description = "The link no longer works.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn check_reset(
    State(state): State<AppState>,
    source: Source,
    Json(body): Json<LinkToken>,
) -> Result<axum::Json<LinkInfo>, AppError> {
    state.throttle.check(source, &Attempt::Link)?;
    Ok(axum::Json(
        link_info(&state, Purpose::PasswordReset, &body.token).await?,
    ))
}

/// `POST /api/v1/password-reset/complete`: sets the new password with a reset link, which is
/// used up; every session ends and the user signs in afresh.
#[utoipa::path(
    post,
    path = "/password-reset/complete",
    operation_id = "complete_password_reset",
    tag = "passwords",
    security(()),
    request_body = ResetCompletion,
    responses(
        (status = 204, description = "The password is changed; sign in with it."),
        (status = 410, description = "The link no longer works.", body = Problem,
            content_type = PROBLEM),
        (status = 422, description = "The password breaks the group's rule.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn complete_reset(
    State(state): State<AppState>,
    source: Source,
    Json(body): Json<ResetCompletion>,
) -> Result<Response, AppError> {
    state.throttle.check(source, &Attempt::Link)?;
    let gone = AppError::Gone(ErrorCode::PasswordResetLinkInvalid);
    let now = crate::clock::now().unix_seconds();
    let mut conn = state.db.acquire().await?;
    let (user, _) = tokens::peek(&mut conn, Purpose::PasswordReset, &body.token, now)
        .await?
        .ok_or(AppError::Gone(ErrorCode::PasswordResetLinkInvalid))?;
    check(
        "password",
        &body.password,
        &rule(&mut conn, user, None).await?,
    )?;
    drop(conn);
    let hash = hash_password(body.password).await?;
    let mut tx = crate::store::begin_write(&state.db).await?;
    // Used up here, in the change's own transaction: of two uses at once, one wins.
    let Some(crate::store::tokens::Taken { user_id: user, .. }) =
        tokens::take(&mut tx, Purpose::PasswordReset, &body.token, now).await?
    else {
        return Err(gone);
    };
    save_password(
        &mut tx,
        &state.sealer,
        user,
        hash,
        None,
        "user.password_reset",
    )
    .await?;
    tx.commit().await?;
    outbox::wake(&state);
    Ok(StatusCode::NO_CONTENT.into_response())
}
