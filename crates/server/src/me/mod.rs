//! My details (`/me`): what a person sees and changes of their own login, applied across every
//! account they belong to (one login, the same everywhere); where they are signed in; what was
//! done to their login and by it; and the requests to join an account waiting for them.
//!
//! Changing what protects the login (email, password, challenge, authorization number) asks for
//! the current password again ([`crate::passwords::own::confirm_current`], throttled like a
//! sign-in) and emails the person. Contact details and email are read-only while one of the
//! person's groups does not let its members edit their own details.

pub(crate) mod activity;
pub(crate) mod details;
pub(crate) mod email;
pub(crate) mod joins;
pub(crate) mod security;
pub(crate) mod sessions;

use crate::error::AppError;
use crate::state::AppState;
use crate::store::{self, Conn};
use axum::Router;
use axum::routing::{delete, get, post, put};
use roster_domain::ErrorCode;

/// The My details routes, under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me", get(details::show).patch(details::update))
        .route("/me/email", post(email::change))
        .route("/me/email/confirm", post(email::confirm))
        .route("/me/challenge", put(security::challenge))
        .route(
            "/me/authorization-number",
            post(security::authorization_number),
        )
        .route(
            "/me/sessions",
            get(sessions::list).delete(sessions::end_others),
        )
        .route("/me/sessions/{id}", delete(sessions::end_one))
        .route("/me/activity", get(activity::activity))
        .route("/me/join-requests", get(joins::list))
        .route("/me/join-requests/{id}/accept", post(joins::accept))
        .route("/me/join-requests/{id}/decline", post(joins::decline))
        .route(
            "/accounts/{account}/users/{user}/pin-check",
            post(security::pin_check),
        )
}

/// Refuses a change of contact details or email while a group of `user`'s keeps them read-only.
async fn require_editable(conn: &mut Conn, user: i64) -> Result<(), AppError> {
    if store::me::locking_groups(conn, user).await?.is_empty() {
        Ok(())
    } else {
        Err(AppError::Forbidden(ErrorCode::MeDetailsLocked))
    }
}

/// Writes `action` by `user` about themselves into the log, once without an account (their own
/// journal) and once in each account they belong to (whose administrators see their members'
/// changes).
async fn record_own(
    tx: &mut store::Tx<'_>,
    user: i64,
    action: &'static str,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<(), AppError> {
    let accounts = crate::guard::accounts_of(tx, user).await?;
    let entry = crate::audit::Entry {
        actor_id: Some(user),
        target_user_id: Some(user),
        action,
        before,
        after,
        ..crate::audit::Entry::default()
    };
    crate::audit::record_person(tx, entry, &accounts).await
}
