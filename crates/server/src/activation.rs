//! Activation: the invited user, with the link's token, chooses a password under
//! their group's rule (and, if they like, a challenge question) and is signed in.
//!
//! The page checks the link only after a click (mail scanners open links) and uses it up only
//! on success: a password that breaks the rule leaves the link working. Expired, used, revoked
//! and made-up tokens all get the same 410.

use crate::audit;
use crate::error::PROBLEM;
use crate::error::{AppError, FieldError, Problem};
use crate::extract::Json;
use crate::passwords::{check, link_info, rule};
use crate::secrets::hash_password;
use crate::state::AppState;
use crate::throttle::{Attempt, Source};
use crate::tokens::{self, Purpose};
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::post;
use roster_api::passwords::Activation;
use roster_api::passwords::{LinkInfo, LinkToken};
use roster_domain::ErrorCode;
use roster_domain::lifecycle::{Action, transition};

/// The activation routes, under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/activation", post(activate))
        .route("/activation/check", post(check_link))
}

/// `POST /api/v1/activation/check`: whether an activation link still works, and the password
/// rule to show, without using the link.
#[utoipa::path(
    post,
    path = "/activation/check",
    operation_id = "check_activation",
    tag = "activation",
    security(()),
    request_body = LinkToken,
    responses(
        (status = 200, description = "The link works.", body = LinkInfo),
        (status = 410, description = "The link no longer works: expired, used, revoked or \
            replaced.", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn check_link(
    State(state): State<AppState>,
    source: Source,
    Json(body): Json<LinkToken>,
) -> Result<axum::Json<LinkInfo>, AppError> {
    state.throttle.check(source, &Attempt::Link)?;
    Ok(axum::Json(
        link_info(&state, Purpose::Activation, &body.token).await?,
    ))
}

/// `POST /api/v1/activation`: activates the account and signs the user in.
#[utoipa::path(
    post,
    path = "/activation",
    operation_id = "activate",
    tag = "activation",
    security(()),
    request_body = Activation,
    responses(
        (status = 200, description = "Active and signed in: me, and the session cookie.",
            body = roster_api::session::Me),
        (status = 410, description = "The link no longer works.", body = Problem,
            content_type = PROBLEM),
        (status = 422, description = "The password breaks the group's rule, or the challenge \
            question lacks its answer; the field is named.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn activate(
    State(state): State<AppState>,
    source: Source,
    agent: crate::session::UserAgent,
    Json(body): Json<Activation>,
) -> Result<Response, AppError> {
    state.throttle.check(source, &Attempt::Link)?;
    let gone = || AppError::Gone(ErrorCode::InvitationLinkInvalid);
    let now = crate::clock::now().unix_seconds();
    let mut conn = state.db.acquire().await?;
    let (user, account) = tokens::peek(&mut conn, Purpose::Activation, &body.token, now)
        .await?
        .ok_or_else(gone)?;
    let mut errors = Vec::new();
    if let Err(AppError::Invalid(mut e)) = check(
        "password",
        &body.password,
        &rule(&mut conn, user, account).await?,
    ) {
        errors.append(&mut e);
    }
    drop(conn);
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    let challenge = match (
        blank(&body.challenge_question),
        blank(&body.challenge_answer),
    ) {
        (true, true) => None,
        (false, false) => Some((
            body.challenge_question
                .unwrap_or_default()
                .trim()
                .to_owned(),
            body.challenge_answer.unwrap_or_default(),
        )),
        (question_blank, _) => {
            let field = if question_blank {
                "challenge_question"
            } else {
                "challenge_answer"
            };
            errors.push(FieldError::new(
                field,
                ErrorCode::PasswordChallengeIncomplete,
            ));
            None
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let hash = hash_password(body.password).await?;
    let answer_hash = match &challenge {
        Some((_, answer)) => Some(hash_password(answer.trim().to_lowercase()).await?),
        None => None,
    };

    let mut tx = crate::store::begin_write(&state.db).await?;
    // Used up here, in the activation's own transaction: of two at once, exactly one wins.
    let Some(crate::store::tokens::Taken { user_id: taken, .. }) =
        tokens::take(&mut tx, Purpose::Activation, &body.token, now).await?
    else {
        return Err(gone());
    };
    let current = crate::store::logins::state(&mut tx, taken).await?;
    if transition(current, Action::Activate).is_err() {
        return Err(gone());
    }
    let chosen = challenge
        .as_ref()
        .zip(answer_hash.as_deref())
        .map(|((question, _), answer)| (question.as_str(), answer));
    crate::store::logins::activate(&mut tx, taken, &hash, chosen, now).await?;
    audit::record(
        &mut tx,
        audit::Entry {
            actor_id: Some(taken),
            target_user_id: Some(taken),
            action: "user.activated",
            ..audit::Entry::default()
        },
    )
    .await?;
    tx.commit().await?;
    crate::session::start(&state, taken, &agent).await
}
