//! Sessions: a random token in an HttpOnly cookie, of which the database keeps only the hash. A
//! session ends when its user is no longer active, or after the strictest idle timeout of the
//! user's groups.

use crate::error::AppError;
use crate::secrets::{random_token, token_hash};
use crate::state::AppState;
use crate::{clock, store};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use roster_api::session::Me;
use roster_domain::ErrorCode;

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "roster_session";

/// The signed-in user behind a valid session.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: i64,
    /// The hash of this session's token, to end just this session.
    pub session: String,
    /// Signed in with a temporary password: only choosing a new one (or signing out) is open.
    pub must_change_password: bool,
    /// The one account an embedded session acts in ([`crate::embed`]); none for a cookie's.
    pub account: Option<i64>,
}

/// How a request names its session: the cookie of Roster's own pages, or the bearer of an
/// embedded page. Each finds only its own kind, so that an embedded session's token put in a
/// cookie does not escape its one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Cookie,
    Bearer,
}

/// The idle timeout when the user belongs to no group: the default group policy's.
const DEFAULT_IDLE_MINUTES: i64 = 60;

/// The browser a request came from, as its `User-Agent` names it (at most 512 characters kept).
#[derive(Debug, Clone, Default)]
pub struct UserAgent(pub String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for UserAgent {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        let text = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        Ok(UserAgent(text.chars().take(512).collect()))
    }
}

/// A session's device as a person recognises it: `Firefox on Android`, `Safari on iPhone`;
/// empty when the User-Agent says nothing known.
pub fn device(user_agent: &str) -> String {
    let Some(found) = woothee::parser::Parser::new().parse(user_agent) else {
        return String::new();
    };
    let known = |s: &str| !s.is_empty() && s != woothee::woothee::VALUE_UNKNOWN;
    match (known(found.name), known(found.os)) {
        (true, true) => format!("{} on {}", found.name, found.os),
        (true, false) => found.name.to_owned(),
        (false, true) => found.os.to_string(),
        (false, false) => String::new(),
    }
}

/// Opens a session for `user` on the browser `agent` and answers `me` with its cookie: after a
/// sign-in, and after an activation (which signs the new user in). Only for a user still active
/// when the session is written: a suspension or removal that lands while a password is being
/// checked wins.
pub async fn start(state: &AppState, user: i64, agent: &UserAgent) -> Result<Response, AppError> {
    let now = clock::now().unix_seconds();
    let token = random_token()?;
    let mut conn = state.db.acquire().await?;
    if !store::sessions::open(&mut conn, &token_hash(&token), user, now, &agent.0).await? {
        return Err(AppError::SignIn(ErrorCode::AuthInvalidCredentials));
    }
    let me = me_of(&mut conn, user).await?;
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    with_cookie(
        axum::Json(me).into_response(),
        &format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{secure}"),
    )
}

/// Ends `user`'s session and answers 204: with the cookie cleared, unless it is an embedded
/// session, which has none.
pub async fn end(state: &AppState, user: &CurrentUser) -> Result<Response, AppError> {
    store::sessions::end(&mut *state.db.acquire().await?, &user.session).await?;
    let ended = axum::http::StatusCode::NO_CONTENT.into_response();
    if user.account.is_some() {
        return Ok(ended);
    }
    with_cookie(
        ended,
        &format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
    )
}

fn with_cookie(mut response: Response, cookie: &str) -> Result<Response, AppError> {
    let value = HeaderValue::from_str(cookie).map_err(|e| AppError::Internal(e.to_string()))?;
    response.headers_mut().insert(header::SET_COOKIE, value);
    Ok(response)
}

/// The signed-in person and their accounts: the one account of an embedded session only
/// (`crate::embed::scope`), and only its groups among those that keep their details read-only.
pub async fn me_of(conn: &mut store::Conn, user: i64) -> Result<Me, AppError> {
    let mut me = store::me::me(conn, user, clock::now().unix_seconds()).await?;
    if let Some(account) = crate::embed::scope::account() {
        me.accounts.retain(|a| a.id == account);
        let names: Vec<&str> = me.accounts.iter().map(|a| a.name.as_str()).collect();
        me.details_locked_by
            .retain(|g| names.contains(&g.account.as_str()));
    }
    Ok(me)
}

/// The user behind a session token sent `via` a cookie or a bearer, if the session is still
/// valid: its user active, not idle too long, and an embedded one not past its end nor its user
/// gone from its account.
pub async fn user_of(state: &AppState, token: &str, via: Via) -> Result<CurrentUser, AppError> {
    let hash = token_hash(token);
    let mut conn = state.db.acquire().await?;
    let row = store::sessions::find(&mut conn, &hash)
        .await?
        .filter(|row| row.account_id.is_some() == (via == Via::Bearer))
        .ok_or(AppError::Unauthenticated)?;
    let now = clock::now().unix_seconds();
    let idle_limit = row.idle_minutes.unwrap_or(DEFAULT_IDLE_MINUTES) * 60;
    if row.state != "active"
        || now - row.last_seen_at > idle_limit
        || row.expires_at.is_some_and(|end| now >= end)
        || !row.in_account
    {
        store::sessions::end(&mut conn, &hash).await?;
        return Err(AppError::Unauthenticated);
    }
    // Written at most once a minute: reads should not all become writes.
    if now - row.last_seen_at >= 60 {
        store::sessions::touch(&mut conn, &hash, now).await?;
    }
    Ok(CurrentUser {
        id: row.user_id,
        session: hash,
        must_change_password: row.must_change_password,
        account: row.account_id,
    })
}
