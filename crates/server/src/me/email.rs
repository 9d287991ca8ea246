//! Changing my email: the new address gets a single-use link (24 hours), the present one a
//! notice; the change is made only when the link is followed (and the username changes with it
//! when it was the same as the email).

use crate::emails::{self, Addressed, Facts};
use crate::error::{AppError, FieldError, PROBLEM, Problem};
use crate::extract::{CurrentUser, Json};
use crate::passwords::own::confirm_current;
use crate::state::AppState;
use crate::throttle::{Attempt, Source};
use crate::tokens::{self, Purpose};
use crate::users::checks::check_domain;
use crate::{clock, guard, outbox, store};
use axum::extract::State;
use axum::http::StatusCode;
use roster_api::me::{EmailChange, EmailPending};
use roster_api::passwords::LinkToken;
use roster_domain::ErrorCode;
use roster_domain::lifecycle::UserState;
use roster_domain::notify::{EmailKind, Event};
use roster_domain::values::Email;
use serde_json::json;

/// How long the link to confirm a new address works.
const LINK_HOURS: i64 = 24;

/// The new address, checked: well formed, not mine already, approved by every account of mine
/// (one login, one email), and not one another login answers to at sign-in.
async fn checked(conn: &mut store::Conn, user: i64, typed: &str) -> Result<Email, AppError> {
    let email = Email::parse(typed).map_err(|e| AppError::field("email", &e))?;
    let field = |code: ErrorCode| AppError::Invalid(vec![FieldError::new("email", code)]);
    if email.key() == store::logins::email(conn, user).await?.to_lowercase() {
        return Err(field(ErrorCode::MeEmailUnchanged));
    }
    for account in guard::accounts_of(conn, user).await? {
        check_domain(conn, account, &email).await?;
    }
    if store::me::email_answers_another(conn, email.as_str(), user).await? {
        return Err(field(ErrorCode::MeEmailTaken));
    }
    Ok(email)
}

/// `POST /api/v1/me/email`: sends the link that confirms a new address.
#[utoipa::path(
    post,
    path = "/me/email",
    operation_id = "change_my_email",
    tag = "session",
    request_body = EmailChange,
    responses(
        (status = 202, description = "The link is on its way to the new address, and a notice to \
            the present one; nothing changes until the link is followed.", body = EmailPending),
        (status = 403, description = "A group of mine does not let its members edit their own \
            details (`me.details_locked`), or a cross-origin request.", body = Problem,
            content_type = PROBLEM),
        (status = 422, description = "The current password is wrong, or the address is invalid, \
            mine already, not of an account's approved domains, or another login's.",
            body = Problem, content_type = PROBLEM),
    )
)]
pub async fn change(
    State(state): State<AppState>,
    source: Source,
    user: CurrentUser,
    Json(body): Json<EmailChange>,
) -> Result<(StatusCode, axum::Json<EmailPending>), AppError> {
    confirm_current(&state, source, user.id, &body.current_password).await?;
    let mut tx = store::begin_write(&state.db).await?;
    super::require_editable(&mut tx, user.id).await?;
    let email = checked(&mut tx, user.id, &body.email).await?;
    let now = clock::now().unix_seconds();
    let expires_at = now + LINK_HOURS * 3600;
    let token = tokens::issue_carrying(
        &mut tx,
        Purpose::EmailChange,
        user.id,
        None,
        Some(email.as_str()),
        now,
        expires_at,
    )
    .await?;
    let link = tokens::link(&state.public_url, Purpose::EmailChange, &token);
    let me = store::logins::addressee(&mut tx, user.id).await?;
    let facts = Facts {
        link: Some((link, LINK_HOURS)),
        new_email: Some(email.as_str().to_owned()),
        ..Facts::default()
    };
    let to = Addressed {
        address: email.as_str().to_owned(),
        user: user.id,
        first_name: me.first_name,
        language: me.language,
    };
    emails::send(
        &mut tx,
        &state.sealer,
        EmailKind::EmailChangeConfirmation,
        None,
        to,
        &facts,
    )
    .await?;
    emails::notify(
        &mut tx,
        &state.sealer,
        Event::EmailChangeRequested,
        None,
        user.id,
        user.id,
        &facts,
    )
    .await?;
    let asked = json!({ "email": email.as_str() });
    super::record_own(
        &mut tx,
        user.id,
        "me.email_change_requested",
        None,
        Some(asked),
    )
    .await?;
    tx.commit().await?;
    outbox::wake(&state);
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(EmailPending {
            pending_email: email.as_str().to_owned(),
            expires_at,
        }),
    ))
}

/// `POST /api/v1/me/email/confirm`: the link sent to the new address was followed; the email
/// changes (checked again: an account's approved domains, or another login, may have changed).
#[utoipa::path(
    post,
    path = "/me/email/confirm",
    operation_id = "confirm_my_email",
    tag = "session",
    security(()),
    request_body = LinkToken,
    responses(
        (status = 204, description = "My email is the new address now."),
        (status = 403, description = "A group of mine now keeps my details read-only \
            (`me.details_locked`).", body = Problem, content_type = PROBLEM),
        (status = 410, description = "The link no longer works (`me.email_link_invalid`), or my \
            login is no longer in use.",
            body = Problem, content_type = PROBLEM),
        (status = 422, description = "The address is no longer allowed: not of an account's \
            approved domains, or another login's now; the link still works.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn confirm(
    State(state): State<AppState>,
    source: Source,
    Json(body): Json<LinkToken>,
) -> Result<StatusCode, AppError> {
    state.throttle.check(source, &Attempt::Link)?;
    let gone = || AppError::Gone(ErrorCode::MeEmailLinkInvalid);
    let now = clock::now().unix_seconds();
    let mut tx = store::begin_write(&state.db).await?;
    let taken = tokens::take(&mut tx, Purpose::EmailChange, &body.token, now)
        .await?
        .ok_or_else(gone)?;
    let (user, payload) = (taken.user_id, taken.payload);
    // Only a login still in use changes its address; a group may have locked it meanwhile.
    if store::logins::state(&mut tx, user).await? != UserState::Active {
        return Err(gone());
    }
    super::require_editable(&mut tx, user).await?;
    let typed = payload.ok_or_else(gone)?;
    let before = store::logins::email(&mut tx, user).await?;
    let email = checked(&mut tx, user, &typed).await?;
    if !store::me::set_email(&mut tx, user, email.as_str(), now).await? {
        return Err(AppError::Invalid(vec![FieldError::new(
            "email",
            ErrorCode::MeEmailTaken,
        )]));
    }
    store::me::refresh_search(&mut tx, user).await?;
    let change = (
        json!({ "email": before }),
        json!({ "email": email.as_str() }),
    );
    super::record_own(
        &mut tx,
        user,
        "me.email_changed",
        Some(change.0),
        Some(change.1),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
