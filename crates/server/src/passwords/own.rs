//! Changing one's own password, and what every password change does: end the other sessions
//! and tell the user by email.

use super::{check, rule};
use crate::emails::{self, Facts};
use crate::error::PROBLEM;
use crate::error::{AppError, FieldError, Problem};
use crate::extract::{CurrentUser, Json};
use crate::seal::Sealer;
use crate::secrets::{hash_password, verify_password};
use crate::state::AppState;
use crate::store::{self, Conn, Tx};
use crate::throttle::{Attempt, Source};
use crate::{audit, outbox};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use roster_api::passwords::PasswordChange;
use roster_domain::ErrorCode;
use roster_domain::notify::Event;

/// Ends `user`'s sessions, all but `keep`.
pub(super) async fn end_sessions(
    conn: &mut Conn,
    user: i64,
    keep: Option<&str>,
) -> Result<(), AppError> {
    store::sessions::end_others(conn, user, keep).await
}

/// Saves `user`'s new password (already checked and hashed), clears the must-change flag, ends
/// the other sessions, and tells the user by email; all in `tx`, which the caller commits.
pub(super) async fn save_password(
    tx: &mut Tx<'_>,
    sealer: &Sealer,
    user: i64,
    hash: String,
    keep_session: Option<&str>,
    audit_action: &'static str,
) -> Result<(), AppError> {
    let now = crate::clock::now().unix_seconds();
    store::logins::set_own_password(tx, user, &hash, now).await?;
    end_sessions(tx, user, keep_session).await?;
    audit::record(
        tx,
        audit::Entry {
            actor_id: Some(user),
            target_user_id: Some(user),
            action: audit_action,
            ..audit::Entry::default()
        },
    )
    .await?;
    let facts = Facts::default();
    emails::notify(
        tx,
        sealer,
        Event::OwnSecurityDetailsChanged,
        None,
        user,
        user,
        &facts,
    )
    .await
}

/// Asks for `user`'s current password again before a change of what protects their login
/// (password, email, challenge, authorization number): throttled like a sign-in; a wrong one is
/// 422 naming `current_password`.
pub(crate) async fn confirm_current(
    state: &AppState,
    source: Source,
    user: i64,
    password: &str,
) -> Result<(), AppError> {
    state
        .throttle
        .check(source, &Attempt::CurrentPassword(user))?;
    let stored = store::logins::password_hash(&mut *state.db.acquire().await?, user).await?;
    if verify_password(stored, password.to_owned()).await {
        Ok(())
    } else {
        Err(AppError::Invalid(vec![FieldError::new(
            "current_password",
            ErrorCode::AuthCurrentPasswordWrong,
        )]))
    }
}

/// `POST /api/v1/me/password`: changes my password; my other sessions end.
#[utoipa::path(
    post,
    path = "/me/password",
    operation_id = "change_my_password",
    tag = "passwords",
    request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed; other sessions ended; an email tells the user."),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 422, description = "The current password is wrong, or the new one breaks the \
            group's rule or equals the current one; the field is named.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn change_own(
    State(state): State<AppState>,
    source: Source,
    me: CurrentUser,
    Json(body): Json<PasswordChange>,
) -> Result<Response, AppError> {
    confirm_current(&state, source, me.id, &body.current_password).await?;
    if body.new_password == body.current_password {
        return Err(AppError::Invalid(vec![FieldError::new(
            "new_password",
            ErrorCode::PasswordSameAsCurrent,
        )]));
    }
    let mut conn = state.db.acquire().await?;
    check(
        "new_password",
        &body.new_password,
        &rule(&mut conn, me.id, None).await?,
    )?;
    drop(conn);
    let hash = hash_password(body.new_password).await?;
    let mut tx = crate::store::begin_write(&state.db).await?;
    save_password(
        &mut tx,
        &state.sealer,
        me.id,
        hash,
        Some(&me.session),
        "user.password_changed",
    )
    .await?;
    tx.commit().await?;
    outbox::wake(&state);
    Ok(StatusCode::NO_CONTENT.into_response())
}
