//! Optimistic concurrency: a resource's ETag is its version; updates must send it back in
//! `If-Match`. Without one, or with `*` (which would match any version and so protects nothing),
//! the answer is 428; with tags of which none is the current version (an older one, or one this
//! server never issued), 412 (RFC 9110, 13.1.1).

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

/// The versions an `If-Match` header names.
#[derive(Debug)]
pub struct IfMatch(Vec<i64>);

impl IfMatch {
    /// 412 unless one of the named versions is `current`.
    pub fn check(&self, current: i64) -> Result<(), AppError> {
        if self.0.contains(&current) {
            Ok(())
        } else {
            Err(AppError::Stale)
        }
    }
}

/// The versions named by `If-Match`: 428 when it is missing, empty or `*`. Tags this server
/// could not have issued are kept out, so that they match nothing.
pub fn if_match(headers: &HeaderMap) -> Result<IfMatch, AppError> {
    let value = headers
        .get(header::IF_MATCH)
        .map(|v| v.to_str().unwrap_or("\"\""))
        .map(str::trim)
        .filter(|v| !v.is_empty() && *v != "*")
        .ok_or(AppError::PreconditionRequired)?;
    let versions = value
        .split(',')
        .filter_map(|tag| {
            let tag = tag.trim();
            let tag = tag.strip_prefix("W/").unwrap_or(tag);
            tag.strip_prefix('"')?.strip_suffix('"')?.parse().ok()
        })
        .collect();
    Ok(IfMatch(versions))
}

/// Checks `If-Match` against the current version: 428 without one, 412 when stale.
pub fn check(headers: &HeaderMap, current: i64) -> Result<(), AppError> {
    if_match(headers)?.check(current)
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
        for required in [HeaderMap::new(), headers("*"), headers(" ")] {
            assert!(matches!(
                check(&required, 3),
                Err(AppError::PreconditionRequired)
            ));
        }
        for stale in ["\"2\"", "\"anything-stale\"", "3", "\"3", "W/\"4\""] {
            assert!(
                matches!(check(&headers(stale), 3), Err(AppError::Stale)),
                "{stale}"
            );
        }
        for current in ["\"3\"", "W/\"3\"", "\"2\", \"3\""] {
            assert!(check(&headers(current), 3).is_ok(), "{current}");
        }
        assert_eq!(etag(3), "\"3\"");
    }
}
