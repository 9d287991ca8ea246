//! `GET /api/v1/dev/mailbox`: the emails of the outbox, for a newcomer on a laptop with no SMTP
//! server to follow an activation link. Only administrators see it, and only while SMTP is not
//! configured (then it does not exist: 404).

use crate::AppState;
use crate::error::{AppError, Problem};
use crate::extract::CurrentUser;
use crate::openapi::PROBLEM;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use roster_domain::ErrorCode;
use serde::Serialize;

/// The mailbox route, under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new().route("/dev/mailbox", get(list))
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

/// `GET /api/v1/dev/mailbox`: the last 200 emails, newest first.
#[utoipa::path(
    get,
    path = "/dev/mailbox",
    operation_id = "mailbox",
    tag = "mailbox",
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
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<axum::Json<Mailbox>, AppError> {
    if state.config.smtp_url.is_some() {
        return Err(AppError::NotFound);
    }
    let (admin,): (bool,) = sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM memberships WHERE user_id = ?1 AND role = 'admin')",
    )
    .bind(me.id)
    .fetch_one(&state.db)
    .await?;
    if !admin {
        return Err(AppError::Forbidden(ErrorCode::AuthzNotAdmin));
    }
    let items = sqlx::query_as(
        "SELECT id, to_address AS \"to\", kind, subject, text_body AS text, html_body AS html,
                created_at
         FROM outbox ORDER BY id DESC LIMIT 200",
    )
    .fetch_all(&state.db)
    .await?;
    Ok(axum::Json(Mailbox { items }))
}
