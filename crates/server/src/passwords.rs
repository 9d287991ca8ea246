//! Passwords other than at sign-in: the temporary password an administrator sets (003), a user
//! changing their own, and the forgotten-password link.
//!
//! Every change of password ends the user's other sessions. A temporary password is shown to the
//! administrator once and never emailed; until the user replaces it, every call but changing it
//! (or signing out) is refused with `auth.password_change_required`.

use crate::auth::{hash_password, verify_password};
use crate::emails::{self, Facts};
use crate::error::{AppError, FieldError, Problem};
use crate::extract::{CurrentUser, Json, Path};
use crate::openapi::PROBLEM;
use crate::seal::Sealer;
use crate::tokens::{self, Purpose};
use crate::users::model::{self, state_of};
use crate::{AppState, accounts, audit, guard, outbox};
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use roster_domain::authz::Change;
use roster_domain::lifecycle::{Action, Outcome, transition};
use roster_domain::notify::Event;
use roster_domain::policy::{GroupPolicy, check_password};
use roster_domain::{Coded, ErrorCode};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

/// How long a password reset link works.
const RESET_LIFETIME_SECONDS: i64 = 3600;

/// The password routes, under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/accounts/{account}/users/{user}/temporary-password",
            post(temporary),
        )
        .route("/me/password", post(change_own))
        .route("/password-reset", post(request_reset))
        .route("/password-reset/check", post(check_reset))
        .route("/password-reset/complete", post(complete_reset))
}

/// The password rule for `user`: their group's in `account` when given, else the strictest of
/// their groups (the longest minimum).
pub async fn rule(
    conn: &mut SqliteConnection,
    user: i64,
    account: Option<i64>,
) -> Result<GroupPolicy, AppError> {
    let (min,): (Option<i64>,) = sqlx::query_as(
        "SELECT max(g.min_password_length) FROM memberships m JOIN groups g ON g.id = m.group_id
         WHERE m.user_id = ?1 AND (?2 IS NULL OR m.account_id = ?2)",
    )
    .bind(user)
    .bind(account)
    .fetch_one(&mut *conn)
    .await?;
    let default = GroupPolicy::default();
    let min = min.map_or(default.min_password_length(), |m| {
        u16::try_from(m).unwrap_or(u16::MAX)
    });
    GroupPolicy::new(
        min,
        default.idle_timeout_minutes(),
        default.members_may_edit_own_details(),
    )
    .map_err(|e| AppError::Internal(format!("stored password rule: {e}")))
}

/// Checks `password` against `policy`, naming `field` when it falls short.
pub fn check(field: &str, password: &str, policy: &GroupPolicy) -> Result<(), AppError> {
    check_password(password, policy).map_err(|e| AppError::field(field, &e))
}

/// A new temporary password: letters and digits that cannot be mistaken for one another when
/// read aloud or copied by hand, at least 16 of them (over 90 bits) and never fewer than the rule.
fn generate(min_length: u16) -> Result<String, AppError> {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let length = usize::from(min_length.max(16));
    let mut password = String::with_capacity(length);
    while password.len() < length {
        let mut bytes = [0u8; 64];
        getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("randomness: {e}")))?;
        // Rejection sampling keeps every character equally likely.
        let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
        for b in bytes.into_iter().filter(|b| *b < limit) {
            if password.len() < length {
                password.push(char::from(ALPHABET[usize::from(b) % ALPHABET.len()]));
            }
        }
    }
    Ok(password)
}

/// The temporary password, shown once.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TemporaryPassword {
    pub password: String,
}

/// `POST /api/v1/accounts/{account}/users/{user}/temporary-password`: sets a temporary password
/// (the user becomes active and must change it at first sign-in) and returns it, once.
#[utoipa::path(
    post,
    path = "/accounts/{account}/users/{user}/temporary-password",
    operation_id = "set_temporary_password",
    tag = "passwords",
    params(
        ("account" = i64, Path, description = "The account's id."),
        ("user" = i64, Path, description = "The user's id."),
    ),
    responses(
        (status = 200, description = "The temporary password: give it to the user; it is not \
            shown again and never emailed.", body = TemporaryPassword),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not allowed by the account's rules, or cross-origin.",
            body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such member of this account, or not my account.",
            body = Problem, content_type = PROBLEM),
        (status = 409, description = "The user's state does not allow it.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn temporary(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((account, user)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let mut conn = state.db.acquire().await?;
    let policy = rule(&mut conn, user, None).await?;
    drop(conn);
    let password = generate(policy.min_password_length())?;
    let hash = hash_password(password.clone()).await?;

    let mut tx = crate::db::begin_write(&state.db).await?;
    let before = model::load(&mut tx, account, user, me.id).await?;
    let action = Action::SetTemporaryPassword;
    guard::authorize(&mut tx, account, me.id, user, &Change::Lifecycle { action }).await?;
    let Outcome::Becomes { state: next, .. } =
        transition(state_of(&before.state)?, action).map_err(|r| AppError::Conflict(r.code()))?
    else {
        return Err(AppError::Internal(
            "a temporary password deleted a user".into(),
        ));
    };
    let now = crate::clock::now().unix_seconds();
    sqlx::query(
        "UPDATE users SET state = ?2, password_hash = ?3, must_change_password = 1,
                locked_until = NULL, activated_at = coalesce(activated_at, ?4),
                version = version + 1, updated_at = ?4
         WHERE id = ?1",
    )
    .bind(user)
    .bind(next.as_str())
    .bind(hash)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    end_sessions(&mut tx, user, None).await?;
    tokens::revoke(&mut tx, Purpose::Activation, user).await?;
    let after = model::load(&mut tx, account, user, me.id).await?;
    let entry = model::audit_entry(
        me.id,
        account,
        "user.temporary_password_set",
        &before,
        Some(&after),
    );
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        axum::Json(TemporaryPassword { password }),
    )
        .into_response())
}

/// Ends `user`'s sessions, all but `keep`; with their sign-in failures, which a new password
/// makes moot.
async fn end_sessions(
    conn: &mut SqliteConnection,
    user: i64,
    keep: Option<&str>,
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE user_id = ?1 AND token_hash IS NOT ?2")
        .bind(user)
        .bind(keep)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM signin_failures WHERE user_id = ?1")
        .bind(user)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Saves `user`'s new password (already checked and hashed), clears the must-change flag, ends
/// the other sessions, and tells the user by email; all in `tx`, which the caller commits.
async fn save_password(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    sealer: &Sealer,
    user: i64,
    hash: String,
    keep_session: Option<&str>,
    audit_action: &'static str,
) -> Result<(), AppError> {
    let now = crate::clock::now().unix_seconds();
    sqlx::query(
        "UPDATE users SET password_hash = ?2, must_change_password = 0,
                state = CASE state WHEN 'locked' THEN 'active' ELSE state END, locked_until = NULL,
                version = version + 1, updated_at = ?3
         WHERE id = ?1",
    )
    .bind(user)
    .bind(hash)
    .bind(now)
    .execute(&mut **tx)
    .await?;
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

/// `POST /me/password` body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
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
    me: CurrentUser,
    Json(body): Json<PasswordChange>,
) -> Result<Response, AppError> {
    let (stored,): (Option<String>,) =
        sqlx::query_as("SELECT password_hash FROM users WHERE id = ?1")
            .bind(me.id)
            .fetch_one(&state.db)
            .await?;
    if !verify_password(stored, body.current_password.clone()).await {
        return Err(AppError::Invalid(vec![FieldError::new(
            "current_password",
            ErrorCode::AuthCurrentPasswordWrong,
        )]));
    }
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
    let mut tx = crate::db::begin_write(&state.db).await?;
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

/// `POST /password-reset` body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    pub email: String,
}

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
    Json(body): Json<ResetRequest>,
) -> Result<Response, AppError> {
    let email = body.email.trim().to_lowercase();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let users: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM users WHERE lower(email) = ?1 AND state IN ('active', 'locked') LIMIT 10",
    )
    .bind(&email)
    .fetch_all(&mut *tx)
    .await?;
    let now = crate::clock::now().unix_seconds();
    for (user,) in &users {
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

/// A single-use link's token, sent in a body so it never appears in a URL.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkToken {
    pub token: String,
}

/// What the page of a live link shows before it is used.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LinkInfo {
    pub first_name: String,
    pub username: String,
    /// The password rule that applies.
    pub min_password_length: u16,
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
    };
    let now = crate::clock::now().unix_seconds();
    let mut conn = state.db.acquire().await?;
    let (user, account) = tokens::peek(&mut conn, purpose, token, now)
        .await?
        .ok_or(AppError::Gone(gone))?;
    let (first_name, username): (String, String) =
        sqlx::query_as("SELECT first_name, username FROM users WHERE id = ?1")
            .bind(user)
            .fetch_one(&mut *conn)
            .await?;
    let policy = rule(&mut conn, user, account).await?;
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
    Json(body): Json<LinkToken>,
) -> Result<axum::Json<LinkInfo>, AppError> {
    Ok(axum::Json(
        link_info(&state, Purpose::PasswordReset, &body.token).await?,
    ))
}

/// `POST /password-reset/complete` body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetCompletion {
    pub token: String,
    pub password: String,
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
    Json(body): Json<ResetCompletion>,
) -> Result<Response, AppError> {
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
    let mut tx = crate::db::begin_write(&state.db).await?;
    // Used up here, in the change's own transaction: of two uses at once, one wins.
    let Some((user, _)) = tokens::take(&mut tx, Purpose::PasswordReset, &body.token, now).await?
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_passwords_meet_the_rule_and_differ() {
        let a = generate(12).unwrap();
        assert_eq!(a.chars().count(), 16);
        assert_eq!(generate(40).unwrap().chars().count(), 40);
        assert_ne!(a, generate(12).unwrap());
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() && !"0O1lI".contains(c))
        );
    }
}
