//! Signing in and out, sessions, and lockout after repeated failures.
//!
//! Passwords are hashed with argon2id (RustCrypto defaults). A session is a random 256-bit token
//! in an HttpOnly cookie; the database keeps only its SHA-256. An unknown user and a wrong password
//! get the very same answer, and take about as long (a dummy hash is verified).

use crate::error::PROBLEM;
use crate::error::{AppError, Problem};
use crate::extract::{CurrentUser, Json, SESSION_COOKIE};
use crate::{AppState, audit, clock};
use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use roster_api::session::{Me, SignIn};
use roster_domain::ErrorCode;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// Failed sign-ins within this window lock the user...
const FAILURE_WINDOW_SECONDS: i64 = 15 * 60;
/// ...once there are this many.
const FAILURES_TO_LOCK: i64 = 5;
/// How long a lockout lasts unless an administrator unlocks the user sooner.
pub const LOCKOUT_SECONDS: i64 = 15 * 60;

/// Hashes a password with argon2id, off the async threads (it is slow on purpose).
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("hashing a password: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(format!("hashing task: {e}")))?
}

/// Checks a password against a stored hash; with no hash, checks a dummy one so that the time
/// taken does not tell whether the user exists.
pub async fn verify_password(stored: Option<String>, password: String) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| {
            DUMMY
                .get_or_init(|| {
                    let salt = SaltString::generate(&mut OsRng);
                    Argon2::default()
                        .hash_password(b"not a password", &salt)
                        .map(|h| h.to_string())
                        .unwrap_or_default()
                })
                .clone()
        });
        let ok = PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        known && ok
    })
    .await
    .unwrap_or(false)
}

/// The stored form of a token.
pub fn token_hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

#[derive(sqlx::FromRow)]
struct Candidate {
    id: i64,
    state: String,
    password_hash: Option<String>,
    locked_until: Option<i64>,
}

/// `POST /api/v1/session`: signs in with username (or email) and password.
#[utoipa::path(
    post,
    path = "/session",
    operation_id = "sign_in",
    tag = "session",
    security(()),
    request_body = SignIn,
    responses(
        (status = 200, description = "Signed in: me, and the session cookie.", body = Me,
            headers(("Set-Cookie" = String, description = "The HttpOnly session cookie."))),
        (status = 401, description = "Wrong credentials (the same answer for an unknown user), \
            or the user is locked out.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "A cross-origin request.", body = Problem,
            content_type = PROBLEM),
        (status = 422, description = "A field of the wrong type, or an unknown one.",
            body = Problem, content_type = PROBLEM),
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    Json(body): Json<SignIn>,
) -> Result<Response, AppError> {
    let now = clock::now().unix_seconds();
    let login = body.username.trim().to_lowercase();
    let candidate: Option<Candidate> = sqlx::query_as(
        "SELECT id, state, password_hash, locked_until FROM users
         WHERE username_key = ?1 OR lower(email) = ?1 ORDER BY username_key = ?1 DESC LIMIT 1",
    )
    .bind(&login)
    .fetch_optional(&state.db)
    .await?;
    let password_ok = verify_password(
        candidate.as_ref().and_then(|c| c.password_hash.clone()),
        body.password,
    )
    .await;
    let Some(user) = candidate else {
        return Err(AppError::SignIn(ErrorCode::AuthInvalidCredentials));
    };

    if user.state == "locked" {
        if user.locked_until.is_some_and(|until| until > now) {
            return Err(AppError::SignIn(ErrorCode::AuthLocked));
        }
        // The lockout has run out: the user is active again, unless an administrator changed
        // their state since it was read (a suspension while the password was being checked
        // must not be undone by it).
        let mut tx = crate::store::begin_write(&state.db).await?;
        let unlocked = sqlx::query(
            "UPDATE users SET state = 'active', locked_until = NULL, version = version + 1, updated_at = ?2
             WHERE id = ?1 AND state = 'locked' AND coalesce(locked_until, 0) <= ?2",
        )
        .bind(user.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if unlocked.rows_affected() == 0 {
            return Err(AppError::SignIn(ErrorCode::AuthInvalidCredentials));
        }
        sqlx::query("DELETE FROM signin_failures WHERE user_id = ?1")
            .bind(user.id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            audit::Entry::system(user.id, "user.unlocked_after_lockout"),
        )
        .await?;
        tx.commit().await?;
    } else if user.state != "active" {
        // Staged, invited, suspended or removed users cannot sign in; they get the same answer.
        return Err(AppError::SignIn(ErrorCode::AuthInvalidCredentials));
    }

    if !password_ok {
        record_failure(&state, user.id, now).await?;
        return Err(AppError::SignIn(ErrorCode::AuthInvalidCredentials));
    }

    sqlx::query("DELETE FROM signin_failures WHERE user_id = ?1")
        .bind(user.id)
        .execute(&state.db)
        .await?;
    start_session(&state, user.id).await
}

/// Opens a session for `user` and answers `me` with its cookie: after a sign-in, and after an
/// activation (which signs the new user in).
pub async fn start_session(state: &AppState, user: i64) -> Result<Response, AppError> {
    let now = clock::now().unix_seconds();
    let token = crate::tokens::random_token()?;
    // Only for a user still active when the session is written: a suspension or removal that
    // lands while a password is being checked wins over the sign-in.
    let opened = sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at)
         SELECT ?1, ?2, ?3, ?3 WHERE EXISTS (SELECT 1 FROM users WHERE id = ?2 AND state = 'active')",
    )
    .bind(token_hash(&token))
    .bind(user)
    .bind(now)
    .execute(&state.db)
    .await?;
    if opened.rows_affected() == 0 {
        return Err(AppError::SignIn(ErrorCode::AuthInvalidCredentials));
    }
    let me = me_of(state, user).await?;
    let mut response = axum::Json(me).into_response();
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let cookie = format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{secure}");
    let value = HeaderValue::from_str(&cookie).map_err(|e| AppError::Internal(e.to_string()))?;
    response.headers_mut().insert(header::SET_COOKIE, value);
    Ok(response)
}

/// Counts a failed sign-in and locks the user after too many in the window.
async fn record_failure(state: &AppState, user_id: i64, now: i64) -> Result<(), AppError> {
    let mut tx = crate::store::begin_write(&state.db).await?;
    sqlx::query("INSERT INTO signin_failures (user_id, at) VALUES (?1, ?2)")
        .bind(user_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let (recent,): (i64,) =
        sqlx::query_as("SELECT count(*) FROM signin_failures WHERE user_id = ?1 AND at > ?2")
            .bind(user_id)
            .bind(now - FAILURE_WINDOW_SECONDS)
            .fetch_one(&mut *tx)
            .await?;
    if recent >= FAILURES_TO_LOCK {
        sqlx::query("UPDATE users SET state = 'locked', locked_until = ?2, version = version + 1, updated_at = ?3 WHERE id = ?1 AND state = 'active'")
            .bind(user_id)
            .bind(now + LOCKOUT_SECONDS)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = ?1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            audit::Entry::system(user_id, "user.locked_after_failed_signins"),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// `DELETE /api/v1/session`: ends this session.
#[utoipa::path(
    delete,
    path = "/session",
    operation_id = "sign_out",
    tag = "session",
    responses(
        (status = 204, description = "Signed out; the cookie is cleared.",
            headers(("Set-Cookie" = String, description = "Clears the session cookie."))),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "A cross-origin request.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn sign_out(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?1")
        .bind(&user.session)
        .execute(&state.db)
        .await?;
    let mut response = axum::http::StatusCode::NO_CONTENT.into_response();
    let cookie = format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    let value = HeaderValue::from_str(&cookie).map_err(|e| AppError::Internal(e.to_string()))?;
    response.headers_mut().insert(header::SET_COOKIE, value);
    Ok(response)
}

/// `GET /api/v1/me`.
#[utoipa::path(
    get,
    path = "/me",
    operation_id = "me",
    tag = "session",
    responses(
        (status = 200, description = "The signed-in user and their accounts.", body = Me),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn me(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<axum::Json<Me>, AppError> {
    Ok(axum::Json(me_of(&state, user.id).await?))
}

async fn me_of(state: &AppState, id: i64) -> Result<Me, AppError> {
    let (username, email, first_name, last_name, language, must_change): (String, String, String, String, String, bool) =
        sqlx::query_as("SELECT username, email, first_name, last_name, language, must_change_password FROM users WHERE id = ?1")
            .bind(id)
            .fetch_one(&state.db)
            .await?;
    let accounts = crate::store::accounts::mine(&mut *state.db.acquire().await?, id).await?;
    Ok(Me {
        id,
        username,
        email,
        first_name,
        last_name,
        language: crate::store::decode("language", &language)?,
        must_change_password: must_change,
        accounts,
    })
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    user_id: i64,
    last_seen_at: i64,
    state: String,
    must_change_password: bool,
    idle_minutes: Option<i64>,
}

/// The user behind a session token, if the session is still valid. A session idle for longer
/// than the strictest idle timeout of the user's groups has ended.
pub async fn session_user(state: &AppState, token: &str) -> Result<CurrentUser, AppError> {
    let hash = token_hash(token);
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT s.user_id, s.last_seen_at, u.state, u.must_change_password,
                (SELECT min(g.idle_timeout_minutes) FROM memberships m JOIN groups g ON g.id = m.group_id
                 WHERE m.user_id = u.id) AS idle_minutes
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1",
    )
    .bind(&hash)
    .fetch_optional(&state.db)
    .await?;
    let row = row.ok_or(AppError::Unauthenticated)?;
    let now = clock::now().unix_seconds();
    let idle_limit = row.idle_minutes.unwrap_or(60) * 60;
    if row.state != "active" || now - row.last_seen_at > idle_limit {
        sqlx::query("DELETE FROM sessions WHERE token_hash = ?1")
            .bind(&hash)
            .execute(&state.db)
            .await?;
        return Err(AppError::Unauthenticated);
    }
    // Write last_seen_at at most once a minute: reads should not all become writes.
    if now - row.last_seen_at >= 60 {
        sqlx::query("UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1")
            .bind(&hash)
            .bind(now)
            .execute(&state.db)
            .await?;
    }
    Ok(CurrentUser {
        id: row.user_id,
        session: hash,
        must_change_password: row.must_change_password,
    })
}
