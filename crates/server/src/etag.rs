//! Optimistic concurrency: a resource's ETag is its version; updates must send it back in
//! `If-Match` (428 when missing, 412 when someone changed the resource in the meantime).

use crate::error::AppError;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The ETag of a resource at `version`.
pub fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

/// `body` as JSON with `status` and the ETag of `version` (the body's own).
pub fn with_etag(status: StatusCode, version: i64, body: impl Serialize) -> Response {
    (status, [(header::ETAG, etag(version))], axum::Json(body)).into_response()
}

/// The version named by `If-Match`: 428 when it is missing or unreadable.
pub fn if_match(headers: &HeaderMap) -> Result<i64, AppError> {
    headers
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|v| v.parse().ok())
        .ok_or(AppError::PreconditionRequired)
}

/// Checks `If-Match` against the current version: 412 when stale.
pub fn check(headers: &HeaderMap, current: i64) -> Result<(), AppError> {
    if if_match(headers)? == current {
        Ok(())
    } else {
        Err(AppError::Stale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::IF_MATCH, value.parse().unwrap());
        h
    }

    #[test]
    fn a_missing_if_match_is_required_and_a_stale_one_refused() {
        assert!(matches!(
            check(&HeaderMap::new(), 3),
            Err(AppError::PreconditionRequired)
        ));
        assert!(matches!(check(&headers("\"2\""), 3), Err(AppError::Stale)));
        assert!(check(&headers("\"3\""), 3).is_ok());
        assert_eq!(etag(3), "\"3\"");
    }
}
