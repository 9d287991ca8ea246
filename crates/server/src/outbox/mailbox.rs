//! `GET /api/v1/dev/mailbox`: the emails of the outbox, for a newcomer on a laptop with no SMTP
//! server to follow an activation link. It exists only when asked for (`--mailbox`, or `--demo`)
//! and while SMTP is not configured; otherwise it is not found (404).
//!
//! The emails carry single-use links (activation, password reset, join requests), so a viewer
//! sees only the emails to themselves and to people they manage in every account they belong
//! to: exactly those whose password they could set anyway. A request to join an account is
//! shown to its addressee alone, since only they may consent to it.

use crate::error::PROBLEM;
use crate::error::{AppError, Problem};
use crate::extract::{CurrentUser, Query};
use crate::guard;
use crate::state::AppState;
use axum::Router;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::routing::get;
use roster_api::mailbox::{Mailbox, MailboxQuery};
use roster_domain::notify::EmailKind;

/// The mailbox route, under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new().route("/dev/mailbox", get(list))
}

/// Admits requests only while the mailbox is on and SMTP is not configured. Otherwise the mailbox
/// is not found, like any unknown address, whoever asks: it is checked before the session.
#[derive(Debug)]
pub struct WithoutSmtp;

impl FromRequestParts<AppState> for WithoutSmtp {
    type Rejection = AppError;

    async fn from_request_parts(_: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        match (&state.config.smtp_url, state.config.mailbox) {
            (None, true) => Ok(WithoutSmtp),
            _ => Err(AppError::NotFound),
        }
    }
}

/// The most emails one answer shows.
const SHOWN: usize = 200;

/// The newest emails are read this many at a time until [`SHOWN`] may be shown.
const PAGE: i64 = 500;

/// `GET /api/v1/dev/mailbox`: the last 200 emails the viewer may see (to one address with
/// `?to=`), newest first.
#[utoipa::path(
    get,
    path = "/dev/mailbox",
    operation_id = "mailbox",
    tag = "mailbox",
    params(MailboxQuery),
    responses(
        (status = 200, description = "The emails to me and to people I manage in every account \
            they belong to, newest first.", body = Mailbox),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 404, description = "The mailbox is off, or SMTP is configured: emails go out, \
            not here.", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn list(
    _: WithoutSmtp,
    State(state): State<AppState>,
    me: CurrentUser,
    Query(query): Query<MailboxQuery>,
) -> Result<axum::Json<Mailbox>, AppError> {
    let mut conn = state.db.acquire().await?;
    let mut items = Vec::new();
    let mut before = i64::MAX;
    while items.len() < SHOWN {
        let to = query.to.as_deref().map(str::trim);
        let page = crate::store::outbox::older_than(&mut conn, to, before, PAGE).await?;
        let Some((last, _)) = page.last() else {
            break;
        };
        before = last.id;
        let people: Vec<i64> = page.iter().filter_map(|(_, user)| *user).collect();
        let managed = guard::managed_everywhere(&mut conn, me.id, &people).await?;
        let shown = page.into_iter().filter(|(email, user)| match user {
            Some(user) if *user == me.id => true,
            Some(user) => email.kind != EmailKind::JoinRequest && managed.contains(user),
            None => false,
        });
        items.extend(shown.map(|(email, _)| email).take(SHOWN - items.len()));
    }
    for email in &mut items {
        email.text = state.sealer.open(&email.text)?;
        email.html = state.sealer.open(&email.html)?;
    }
    Ok(axum::Json(Mailbox { items }))
}
