//! The one error type of the API and its single mapping to `application/problem+json`.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use roster_domain::ErrorCode;
use serde::Serialize;

/// Everything an API handler can answer besides success.
#[derive(Debug)]
pub enum AppError {
    /// No such resource (or one of an account the caller does not belong to).
    NotFound,
}

/// The problem+json body (RFC 9457) with Roster's stable code.
#[derive(Debug, Serialize)]
struct Problem {
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'static str,
    status: u16,
    code: ErrorCode,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = match self {
            AppError::NotFound => (StatusCode::NOT_FOUND, ErrorCode::RequestNotFound),
        };
        let body = Problem {
            kind: "about:blank",
            title: code.message_en(),
            status: status.as_u16(),
            code,
        };
        let json = serde_json::to_vec(&body).unwrap_or_default();
        (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            json,
        )
            .into_response()
    }
}
