//! The one error type of the API and its single mapping to `application/problem+json`.
//!
//! Every refusal carries a stable code from the domain crate; database errors become an opaque
//! 500 (logged here, never shown), except unique-key violations, which callers turn into domain
//! errors where they know which key it was.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
pub use roster_api::problem::{FieldError, PROBLEM, Problem};
use roster_domain::{Coded, ErrorCode};

/// Everything an API handler can answer besides success.
#[derive(Debug)]
pub enum AppError {
    /// No such resource, or one of an account the caller does not belong to: the same answer.
    NotFound,
    /// No valid session.
    Unauthenticated,
    /// Signed in, but this is not theirs to do (403).
    Forbidden(ErrorCode),
    /// The request is malformed (400).
    BadRequest(ErrorCode),
    /// The body has the wrong media type (415).
    UnsupportedMediaType,
    /// Some fields are invalid (422), one entry each.
    Invalid(Vec<FieldError>),
    /// A rule refused the change as things stand (409).
    Conflict(ErrorCode),
    /// A rule refused the input as a whole (422).
    Unprocessable(ErrorCode),
    /// A single-use link that no longer works: expired, used, replaced or never issued (410).
    Gone(ErrorCode),
    /// `If-Match` is missing (428).
    PreconditionRequired,
    /// `If-Match` names an older version (412).
    Stale,
    /// A sign-in that did not succeed (401 with its code).
    SignIn(ErrorCode),
    /// Too many attempts; retry after this many seconds (429 with `Retry-After`).
    TooMany { retry_after: u64 },
    /// The body is larger than the route allows (413).
    TooLarge,
    /// The request was not read and answered by its deadline (408).
    Timeout,
    /// Anything else; the detail is logged, not sent.
    Internal(String),
    /// A change the rules of authority refused: answers as `answer` does, and is written to the
    /// audit log of the accounts it concerns (see `Refused`).
    Refused(Box<Refused>),
}

/// A refused attempt to change a person, a membership, a group or an account, kept for the
/// audit log so that administrators see probing. The handler's own transaction is rolled back
/// with the refusal, so the entry is written after it, by [`crate::audit::refusals`], which finds
/// it in the answer's extensions.
#[derive(Debug, Clone)]
pub struct Refused {
    /// How it is answered (a 403 or 409 with its code).
    pub status: StatusCode,
    pub code: ErrorCode,
    pub actor: i64,
    /// The account the attempt was made from, then any other account it concerns (every account
    /// of a person, for a person-wide change).
    pub accounts: Vec<i64>,
    pub target_user: Option<i64>,
    pub target_group: Option<i64>,
    /// What was asked, as the domain names it.
    pub change: serde_json::Value,
}

impl AppError {
    /// One invalid field.
    pub fn field(field: &str, error: &impl Coded) -> AppError {
        AppError::Invalid(vec![FieldError::from_coded(field, error)])
    }

    /// A query parameter out of its values, named.
    pub fn query(parameter: &str) -> AppError {
        AppError::Invalid(vec![FieldError::new(
            parameter,
            ErrorCode::RequestInvalidQuery,
        )])
    }
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> AppError {
        AppError::Internal(format!("database: {err}"))
    }
}

impl AppError {
    /// The stable code this error answers with.
    pub fn code(&self) -> ErrorCode {
        self.status_and_code().1
    }

    /// The status this error answers with.
    pub fn status(&self) -> StatusCode {
        self.status_and_code().0
    }

    fn status_and_code(&self) -> (StatusCode, ErrorCode) {
        match self {
            AppError::NotFound => (StatusCode::NOT_FOUND, ErrorCode::RequestNotFound),
            AppError::Unauthenticated => (StatusCode::UNAUTHORIZED, ErrorCode::AuthUnauthenticated),
            AppError::Forbidden(code) => (StatusCode::FORBIDDEN, *code),
            AppError::BadRequest(code) => (StatusCode::BAD_REQUEST, *code),
            AppError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::RequestUnsupportedMediaType,
            ),
            // One invalid field answers with its own code; several with the general one.
            AppError::Invalid(fields) => match fields.as_slice() {
                [one] => (StatusCode::UNPROCESSABLE_ENTITY, one.code),
                _ => (StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::RequestInvalid),
            },
            AppError::Conflict(code) => (StatusCode::CONFLICT, *code),
            AppError::Unprocessable(code) => (StatusCode::UNPROCESSABLE_ENTITY, *code),
            AppError::Gone(code) => (StatusCode::GONE, *code),
            AppError::PreconditionRequired => (
                StatusCode::PRECONDITION_REQUIRED,
                ErrorCode::RequestPreconditionRequired,
            ),
            AppError::Stale => (StatusCode::PRECONDITION_FAILED, ErrorCode::RequestStale),
            AppError::SignIn(code) => (StatusCode::UNAUTHORIZED, *code),
            AppError::TooMany { .. } => (StatusCode::TOO_MANY_REQUESTS, ErrorCode::AuthThrottled),
            AppError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::RequestTooLarge),
            AppError::Timeout => (StatusCode::REQUEST_TIMEOUT, ErrorCode::RequestTimeout),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::ServerInternal),
            AppError::Refused(refused) => (refused.status, refused.code),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut errors = Vec::new();
        let mut retry = None;
        let (status, code) = self.status_and_code();
        let mut refused = None;
        match self {
            AppError::Invalid(fields) => errors = fields,
            AppError::TooMany { retry_after } => retry = Some(retry_after),
            AppError::Internal(detail) => tracing::error!(%detail, "internal error"),
            AppError::Refused(attempt) => refused = Some(*attempt),
            _ => {}
        }
        let body = Problem {
            kind: "about:blank".to_owned(),
            title: code.message_en().to_owned(),
            status: status.as_u16(),
            code,
            errors,
        };
        let json = serde_json::to_vec(&body).unwrap_or_default();
        let mut response = (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            json,
        )
            .into_response();
        if let Some(seconds) = retry {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if let Some(attempt) = refused {
            response.extensions_mut().insert(attempt);
        }
        response
    }
}
