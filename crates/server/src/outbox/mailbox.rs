//! `GET /api/v1/dev/mailbox`: the emails of the outbox, for a newcomer on a laptop with no SMTP
//! server to follow an activation link. Only administrators see it, and only while SMTP is not
//! configured (then it does not exist: 404).

use crate::AppState;
use crate::error::{AppError, Problem};
use crate::extract::{CurrentUser, Query};
use crate::openapi::PROBLEM;
use axum::Router;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::routing::get;
use roster_domain::ErrorCode;
use serde::{Deserialize, Serialize};

/// The mailbox route, under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new().route("/dev/mailbox", get(list))
}

/// Admits requests only while SMTP is not configured. Otherwise the mailbox is not found, like
/// any unknown address, whoever asks: it is checked before the session.
#[derive(Debug)]
pub struct WithoutSmtp;

impl FromRequestParts<AppState> for WithoutSmtp {
    type Rejection = AppError;

    async fn from_request_parts(_: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        match state.config.smtp_url {
            Some(_) => Err(AppError::NotFound),
            None => Ok(WithoutSmtp),
        }
    }
}

/// Filters of `GET /dev/mailbox`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MailboxQuery {
    /// Only the emails to this address (ignoring case).
    pub to: Option<String>,
}

/// One email, as written.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct MailboxEmail {
    pub id: i64,
    pub to: String,
    /// What kind of email (`activation`, `password_reset`, …).
    pub kind: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Unix seconds.
    pub created_at: i64,
}

/// The newest emails first.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Mailbox {
    pub items: Vec<MailboxEmail>,
}

/// `GET /api/v1/dev/mailbox`: the last 200 emails (to one address with `?to=`), newest first.
#[utoipa::path(
    get,
    path = "/dev/mailbox",
    operation_id = "mailbox",
    tag = "mailbox",
    params(MailboxQuery),
    responses(
        (status = 200, description = "The emails written, newest first.", body = Mailbox),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of any account.", body = Problem,
            content_type = PROBLEM),
        (status = 404, description = "SMTP is configured: emails go out, not here.",
            body = Problem, content_type = PROBLEM),
    )
)]
pub async fn list(
    _: WithoutSmtp,
    State(state): State<AppState>,
    me: CurrentUser,
    Query(query): Query<MailboxQuery>,
) -> Result<axum::Json<Mailbox>, AppError> {
    let (admin,): (bool,) = sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM memberships WHERE user_id = ?1 AND role = 'admin')",
    )
    .bind(me.id)
    .fetch_one(&state.db)
    .await?;
    if !admin {
        return Err(AppError::Forbidden(ErrorCode::AuthzNotAdmin));
    }
    let mut items: Vec<MailboxEmail> = sqlx::query_as(
        "SELECT id, to_address AS \"to\", kind, subject, text_body AS text, html_body AS html,
                created_at
         FROM outbox WHERE ?1 IS NULL OR lower(to_address) = lower(?1)
         ORDER BY id DESC LIMIT 200",
    )
    .bind(query.to.as_deref().map(str::trim))
    .fetch_all(&state.db)
    .await?;
    for email in &mut items {
        email.text = state.sealer.open(&email.text)?;
        email.html = state.sealer.open(&email.html)?;
    }
    Ok(axum::Json(Mailbox { items }))
}
