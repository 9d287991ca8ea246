//! Passwords other than at sign-in: the temporary password an administrator sets, a user
//! changing their own, and the forgotten-password link.
//!
//! Every change of password ends the user's other sessions. A temporary password is shown to the
//! administrator once and never emailed; until the user replaces it, every call but changing it
//! (or signing out) is refused with `auth.password_change_required`.

use crate::error::PROBLEM;
use crate::error::{AppError, Problem};
use crate::extract::{CurrentUser, Path};
use crate::secrets::hash_password;
use crate::state::AppState;
use crate::store::Conn;
use crate::tokens::{self, Purpose};
use crate::users::model;
use crate::{accounts, audit, guard};
use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use roster_api::passwords::TemporaryPassword;
use roster_domain::Coded;
use roster_domain::authz::Change;
use roster_domain::group_policy::GroupPolicy;
use roster_domain::lifecycle::{Action, Outcome, transition};
use roster_domain::password::check_new_password;

pub(crate) mod common;
pub(crate) mod own;
pub(crate) mod reset;

pub use own::change_own;
use own::end_sessions;
pub use reset::{check_reset, complete_reset, link_info, request_reset};

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

/// What a new password of one person must satisfy: their group's policy, and not being guessable
/// from what others know of them.
#[derive(Debug)]
pub struct Rule {
    pub policy: GroupPolicy,
    /// Their username, email address, first name and each word of their full name.
    personal: Vec<String>,
}

/// The password rule for `user`: their group's in `account` when given, else the strictest of
/// their groups (the longest minimum).
pub async fn rule(conn: &mut Conn, user: i64, account: Option<i64>) -> Result<Rule, AppError> {
    let min = crate::store::groups::min_password_length(conn, user, account).await?;
    let default = GroupPolicy::default();
    let policy = GroupPolicy::new(
        min,
        default.idle_timeout_minutes(),
        default.members_may_edit_own_details(),
    )
    .map_err(|e| AppError::Internal(format!("stored password rule: {e}")))?;
    let (first_name, username) = crate::store::logins::greeting(conn, user).await?;
    let email = crate::store::logins::email(conn, user).await?;
    let full_name = crate::store::logins::full_name(conn, user).await?;
    let mut personal = vec![username, email, first_name, full_name.clone()];
    personal.extend(full_name.split_whitespace().map(str::to_owned));
    Ok(Rule { policy, personal })
}

/// Checks `password` against `rule` and the common passwords, naming `field` when it falls short.
pub fn check(field: &str, password: &str, rule: &Rule) -> Result<(), AppError> {
    let personal: Vec<&str> = rule.personal.iter().map(String::as_str).collect();
    check_new_password(password, &rule.policy, &personal, common::is_common)
        .map_err(|e| AppError::field(field, &e))
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
    // A member of this account, or 404, before anything else is read of them (no such login
    // was a 500 from the password rule's lookups).
    model::load(&mut conn, account, user, me.id).await?;
    let policy = rule(&mut conn, user, None).await?.policy;
    drop(conn);
    let password = generate(policy.min_password_length())?;
    let hash = hash_password(password.clone()).await?;

    let mut tx = crate::store::begin_write(&state.db).await?;
    let before = model::load(&mut tx, account, user, me.id).await?;
    let action = Action::SetTemporaryPassword;
    guard::authorize(&mut tx, account, me.id, user, &Change::Lifecycle { action }).await?;
    let Outcome::Becomes { state: next, .. } =
        transition(before.state, action).map_err(|r| AppError::Conflict(r.code()))?
    else {
        return Err(AppError::Internal(
            "a temporary password deleted a user".into(),
        ));
    };
    let now = crate::clock::now().unix_seconds();
    crate::store::logins::set_temporary_password(&mut tx, user, next, &hash, now).await?;
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
    let accounts = guard::accounts_of(&mut tx, user).await?;
    audit::record_person(&mut tx, entry, &accounts).await?;
    tx.commit().await?;
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        axum::Json(TemporaryPassword { password }),
    )
        .into_response())
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
