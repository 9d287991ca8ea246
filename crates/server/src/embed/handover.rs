//! Handing a person's session over to an embedded page without a cookie: the portal's back end
//! mints a single-use token with its key, and the iframe exchanges it for a session.
//!
//! A token works once and for [`TOKEN_SECONDS`]; it is minted only for an active member of the
//! key's account (an unknown login gets the same answer), and each key may mint a burst, then a
//! few a second ([`crate::throttle`]). The session it opens acts in that account only
//! ([`super::scope`]) and ends after [`SESSION_SECONDS`] at the latest: the embedded page asks the
//! portal for a new token then. Tokens are 256 random bits, so the exchange needs no throttle.

use crate::error::{AppError, PROBLEM, Problem};
use crate::extract::{Json, bearer_token};
use crate::secrets::{random_token, token_hash};
use crate::session::UserAgent;
use crate::state::AppState;
use crate::throttle::{Attempt, Source};
use crate::{audit, clock, store};
use axum::extract::State;
use axum::http::HeaderMap;
use roster_api::embed::{EmbedSession, EmbedSessionRequest, EmbedToken, EmbedTokenRequest};
use roster_domain::ErrorCode;

/// How long a token works, in seconds.
pub const TOKEN_SECONDS: i64 = 60;
/// How long an embedded session lasts at the most, in seconds.
pub const SESSION_SECONDS: i64 = 3600;

/// `POST /api/v1/embed/tokens`: a single-use token for one of the key's account's people.
#[utoipa::path(
    post,
    path = "/embed/tokens",
    operation_id = "create_embed_token",
    tag = "embedding",
    security(("portal_key" = [])),
    request_body = EmbedTokenRequest,
    responses(
        (status = 200, description = "The token, for the iframe to exchange within \
            `expires_in` seconds.", body = EmbedToken),
        (status = 401, description = "Not signed in with a portal key: none sent, or one that \
            is not (or no longer) a key (`auth.unauthenticated`).", body = Problem,
            content_type = PROBLEM),
        (status = 422, description = "Nobody of this username or email is an active member of \
            the key's account (`embed.user_not_member`), or a field of the wrong type.",
            body = Problem, content_type = PROBLEM),
    )
)]
pub async fn token(
    State(state): State<AppState>,
    source: Source,
    headers: HeaderMap,
    Json(body): Json<EmbedTokenRequest>,
) -> Result<axum::Json<EmbedToken>, AppError> {
    let secret = bearer_token(&headers).ok_or(AppError::Unauthenticated)?;
    let mut conn = state.db.acquire().await?;
    let (key, account) = store::embed::key_by_secret(&mut conn, &token_hash(secret))
        .await?
        .ok_or(AppError::Unauthenticated)?;
    state.throttle.check(source, &Attempt::EmbedToken(key))?;
    let login = body.user.trim().to_lowercase();
    let user = store::embed::active_member(&mut conn, account, &login)
        .await?
        .ok_or_else(|| {
            AppError::Invalid(vec![crate::error::FieldError::new(
                "user",
                ErrorCode::EmbedUserNotMember,
            )])
        })?;
    drop(conn);
    let token = random_token()?;
    let now = clock::now().unix_seconds();
    let mut tx = store::begin_write(&state.db).await?;
    store::embed::insert_token(
        &mut tx,
        &token_hash(&token),
        key,
        user,
        now,
        now + TOKEN_SECONDS,
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(EmbedToken {
        token,
        expires_in: TOKEN_SECONDS,
    }))
}

/// `POST /api/v1/embed/sessions`: exchanges a token for an embedded session. No cookie is set.
#[utoipa::path(
    post,
    path = "/embed/sessions",
    operation_id = "open_embed_session",
    tag = "embedding",
    security(()),
    request_body = EmbedSessionRequest,
    responses(
        (status = 200, description = "The session, to send as `Authorization: Bearer` on every \
            call, in the account named.", body = EmbedSession),
        (status = 410, description = "A token that does not work: expired, used, never minted, \
            its key revoked, or its person no longer an active member (`embed.token_invalid`).",
            body = Problem, content_type = PROBLEM),
    )
)]
pub async fn session(
    State(state): State<AppState>,
    agent: UserAgent,
    Json(body): Json<EmbedSessionRequest>,
) -> Result<axum::Json<EmbedSession>, AppError> {
    let now = clock::now().unix_seconds();
    let mut tx = store::begin_write(&state.db).await?;
    let Some(taken) = store::embed::take_token(&mut tx, &token_hash(&body.token), now).await?
    else {
        // The token is spent all the same.
        tx.commit().await?;
        return Err(AppError::Gone(ErrorCode::EmbedTokenInvalid));
    };
    let session = random_token()?;
    let expires_at = now + SESSION_SECONDS;
    store::embed::open_session(
        &mut tx,
        &token_hash(&session),
        &taken,
        now,
        expires_at,
        &agent.0,
    )
    .await?;
    let entry = audit::Entry {
        actor_id: Some(taken.user_id),
        account_id: Some(taken.account_id),
        target_user_id: Some(taken.user_id),
        action: "session.embedded",
        after: Some(serde_json::json!({ "key": taken.key_id })),
        ..audit::Entry::default()
    };
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(axum::Json(EmbedSession {
        session,
        expires_at,
        account: taken.account_id,
    }))
}
