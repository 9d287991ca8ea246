//! What an embedded session may reach, decided in one place for every route: [`bearer`] reads the
//! session of a request that carries `Authorization: Bearer`, refuses what lies outside its
//! account, and hands the session to the handler, which takes it as it takes a cookie's
//! ([`crate::extract`]).
//!
//! An embedded session of account A reaches:
//! - everything under `/accounts/A`, as the person's own rights allow, except the account's
//!   portal keys and changing its settings: a portal holding a key must not make itself keys
//!   that outlive its own revocation, nor change which origins may frame the account;
//! - `GET /accounts`, which lists A alone;
//! - `GET`/`PATCH /me` (whose `accounts` and `details_locked_by` name A alone), and what protects
//!   the login and asks for its current password (password, email, challenge, authorization
//!   number), and the person's sessions;
//! - `DELETE /session`, which ends it.
//!
//! Anything else answers 404: another account's paths, adding or removing the person's
//! memberships (which name other accounts), their journal and join requests (which tell of
//! other accounts). The user pages' `memberships` name A alone ([`account`]).
//!
//! A request with a bearer is authenticated by it alone: a cookie it also carries is ignored, so
//! such a request needs no same-origin check (browsers never add the header by themselves, and a
//! page of another origin cannot add it without a CORS preflight, which Roster never grants).

use crate::error::AppError;
use crate::extract::bearer_token;
use crate::session::{Via, user_of};
use crate::state::AppState;
use axum::extract::{OriginalUri, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

tokio::task_local! {
    /// The account of the embedded session the request being answered carries.
    static ACCOUNT: i64;
}

/// The one account of the embedded session whose request is being answered; none for a cookie
/// session. For what lists a person's accounts without naming the one it answers about.
pub fn account() -> Option<i64> {
    ACCOUNT.try_with(|account| *account).ok()
}

/// Authenticates a request carrying `Authorization: Bearer` by its embedded session and refuses
/// what lies outside the session's account (404). The embedding endpoints themselves take no
/// session (a key's secret, a token in the body) and are left to their handlers.
pub async fn bearer(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Result<Response, AppError> {
    let path = req.extensions().get::<OriginalUri>().map_or_else(
        || req.uri().path().to_owned(),
        |uri| uri.0.path().to_owned(),
    );
    let path = path.strip_prefix("/api/v1").unwrap_or(&path).to_owned();
    if path.starts_with("/embed/") || !req.headers().contains_key("authorization") {
        return Ok(next.run(req).await);
    }
    let token = bearer_token(req.headers()).ok_or(AppError::Unauthenticated)?;
    let user = user_of(&state, token, Via::Bearer).await?;
    let account = user.account.ok_or(AppError::Unauthenticated)?;
    if !reachable(req.method(), &path, account) {
        return Err(AppError::NotFound);
    }
    req.extensions_mut().insert(user);
    Ok(ACCOUNT.scope(account, next.run(req)).await)
}

/// Whether an embedded session of `account` may reach `path` (under `/api/v1`) by `method`.
fn reachable(method: &Method, path: &str, account: i64) -> bool {
    let path = path.strip_suffix('/').unwrap_or(path);
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    match parts.as_slice() {
        ["accounts"] => method == Method::GET,
        ["accounts", id, rest @ ..] => {
            id.parse::<i64>().ok() == Some(account)
                && match rest {
                    [] => method == Method::GET,
                    ["embed-keys", ..] => false,
                    ["users", _, "memberships"] => false,
                    _ => true,
                }
        }
        ["me"] => method == Method::GET || method == Method::PATCH,
        [
            "me",
            "password" | "email" | "challenge" | "authorization-number" | "sessions",
        ] => true,
        ["me", "email", "confirm"] | ["me", "sessions", _] => true,
        ["session"] => method == Method::DELETE,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_embedded_session_reaches_its_own_account_only() {
        let get = Method::GET;
        assert!(reachable(&get, "/accounts/3/users", 3));
        assert!(reachable(&get, "/accounts/3/users/42", 3));
        assert!(reachable(&Method::POST, "/accounts/3/users/42/suspend", 3));
        assert!(reachable(&get, "/accounts/3", 3));
        assert!(reachable(&get, "/accounts", 3));
        assert!(!reachable(&get, "/accounts/4/users", 3));
        assert!(!reachable(&get, "/accounts/4", 3));
        assert!(!reachable(&get, "/accounts/03x/users", 3));
        assert!(!reachable(&get, "/accounts//users", 3));
    }

    #[test]
    fn what_governs_the_portal_itself_is_out_of_reach() {
        assert!(!reachable(&Method::GET, "/accounts/3/embed-keys", 3));
        assert!(!reachable(&Method::POST, "/accounts/3/embed-keys", 3));
        assert!(!reachable(&Method::DELETE, "/accounts/3/embed-keys/1", 3));
        assert!(!reachable(&Method::PATCH, "/accounts/3", 3));
        assert!(!reachable(
            &Method::POST,
            "/accounts/3/users/4/memberships",
            3
        ));
        assert!(!reachable(&Method::POST, "/accounts", 3));
    }

    #[test]
    fn my_details_are_reached_and_what_tells_of_other_accounts_is_not() {
        assert!(reachable(&Method::GET, "/me", 3));
        assert!(reachable(&Method::PATCH, "/me", 3));
        assert!(reachable(&Method::POST, "/me/password", 3));
        assert!(reachable(&Method::DELETE, "/me/sessions/9", 3));
        assert!(reachable(&Method::DELETE, "/session", 3));
        assert!(!reachable(&Method::POST, "/session", 3));
        assert!(!reachable(&Method::GET, "/me/activity", 3));
        assert!(!reachable(&Method::GET, "/me/join-requests", 3));
        assert!(!reachable(&Method::POST, "/me/join-requests/1/accept", 3));
        assert!(!reachable(&Method::GET, "/dev/mailbox", 3));
    }
}
