//! Signing in and out, and who I am.
//!
//! An unknown user and a wrong password get the very same answer, take about as long (a dummy
//! hash is verified) and are throttled alike ([`crate::throttle`]): failures never lock a login
//! nor end its sessions, so nobody can keep its owner out. The session itself is
//! [`crate::session`]'s.

use crate::error::{AppError, PROBLEM, Problem};
use crate::extract::{CurrentUser, Json};
use crate::secrets::verify_password;
use crate::state::AppState;
use crate::throttle::{Attempt, Source};
use crate::{audit, clock, session, store};
use axum::extract::State;
use axum::response::Response;
use roster_api::session::{Me, SignIn};
use roster_domain::ErrorCode;

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
            or the right password of a user an administrator must unlock.", body = Problem,
            content_type = PROBLEM),
        (status = 403, description = "A cross-origin request.", body = Problem,
            content_type = PROBLEM),
        (status = 422, description = "A field of the wrong type, or an unknown one.",
            body = Problem, content_type = PROBLEM),
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    source: Source,
    agent: session::UserAgent,
    Json(body): Json<SignIn>,
) -> Result<Response, AppError> {
    state
        .throttle
        .check(source, &Attempt::SignIn(&body.username))?;
    let now = clock::now().unix_seconds();
    let login = body.username.trim().to_lowercase();
    let mut conn = state.db.acquire().await?;
    let candidate = store::sessions::candidate(&mut conn, &login).await?;
    drop(conn);
    let password_ok = verify_password(
        candidate.as_ref().and_then(|c| c.password_hash.clone()),
        body.password,
    )
    .await;
    let Some(user) = candidate else {
        return Err(AppError::SignIn(ErrorCode::AuthInvalidCredentials));
    };

    if !password_ok {
        // The person's journal shows it (My activity). Written beside the answer, not before
        // it, so that a known login is not told from an unknown one by the time it takes.
        let db = state.db.clone();
        tokio::spawn(async move {
            let entry = audit::Entry::system(user.id, "session.sign_in_failed");
            let written = async {
                let mut tx = store::begin_write(&db).await?;
                audit::record(&mut tx, entry).await?;
                tx.commit().await.map_err(AppError::from)
            };
            if let Err(err) = written.await {
                tracing::error!(?err, "cannot audit a failed sign-in");
            }
        });
        return Err(AppError::SignIn(ErrorCode::AuthInvalidCredentials));
    }
    if user.state == "locked" {
        // Only someone who knows the password learns that the login is locked.
        if user.locked_until.is_some_and(|until| until > now) {
            return Err(AppError::SignIn(ErrorCode::AuthLocked));
        }
        // The lockout has run out: the user is active again, unless an administrator changed
        // their state since it was read (a suspension while the password was being checked
        // must not be undone by it).
        let mut tx = store::begin_write(&state.db).await?;
        if !store::sessions::end_lockout(&mut tx, user.id, now).await? {
            return Err(AppError::SignIn(ErrorCode::AuthInvalidCredentials));
        }
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
    let signed_in = session::start(&state, user.id, &agent).await?;
    let mut tx = store::begin_write(&state.db).await?;
    let entry = audit::Entry {
        actor_id: Some(user.id),
        ..audit::Entry::system(user.id, "session.signed_in")
    };
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(signed_in)
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
    session::end(&state, &user).await
}
