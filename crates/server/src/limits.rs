//! How much a request may send, and how long it may take to send it.
//!
//! A body may hold 1 MB, except the import's, which carry a whole file's rows (at most
//! [`roster_domain::import::MAX_BYTES`], written as JSON). A declared length over the limit is
//! refused with 413 before a byte of the body is read; a body that turns out longer is cut off at
//! the limit with the same answer. Headers must arrive within [`HEADER_READ_TIMEOUT`], and the
//! whole request must be read and answered within [`REQUEST_DEADLINE`] (408), so that slow or
//! silent clients cannot hold connections, however they trickle their bytes.

use crate::error::AppError;
use axum::body::Body;
use axum::extract::{OriginalUri, Request};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Duration;

/// The most a request body may hold.
pub const BODY_LIMIT: usize = 1024 * 1024;
/// The most an import request (a chunk of rows, or the usernames to look up) may hold: the file's
/// own limit, twice over for the JSON it is written in.
pub const IMPORT_BODY_LIMIT: usize = 2 * roster_domain::import::MAX_BYTES;
/// How long a client has to send a request's headers.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a request may take, from its headers to its answer: sending the body (even a whole
/// import chunk) and doing the work take well under a second.
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(30);

/// The body limit of a request to `path` (under `/api/v1`).
fn limit_for(method: &Method, path: &str) -> usize {
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let import = matches!(
        parts.as_slice(),
        ["", "api", "v1", "accounts", _, "imports"]
            | ["", "api", "v1", "accounts", _, "imports", "lookup"]
    );
    if *method == Method::POST && import {
        IMPORT_BODY_LIMIT
    } else {
        BODY_LIMIT
    }
}

/// Refuses a declared length over the limit at once, cuts a longer body off at it (the JSON
/// extractor answers 413 then), and answers 408 to a request not done by the deadline.
pub async fn body(req: Request, next: Next) -> Result<Response, AppError> {
    // The API is nested under `/api/v1`, which the router strips from the request's own URI.
    let path = req
        .extensions()
        .get::<OriginalUri>()
        .map_or_else(|| req.uri().path().to_owned(), |uri| uri.path().to_owned());
    let limit = limit_for(req.method(), &path);
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(AppError::TooLarge);
    }
    let (parts, body) = req.into_parts();
    let body = Body::new(http_body_util::Limited::new(body, limit));
    match tokio::time::timeout(REQUEST_DEADLINE, next.run(Request::from_parts(parts, body))).await {
        Ok(response) => Ok(response),
        Err(_) => {
            tracing::warn!(%path, "a request was not done by its deadline");
            Err(AppError::Timeout)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_import_posts_may_send_more() {
        let post = Method::POST;
        assert_eq!(
            limit_for(&post, "/api/v1/accounts/3/imports"),
            IMPORT_BODY_LIMIT
        );
        assert_eq!(
            limit_for(&post, "/api/v1/accounts/3/imports/lookup"),
            IMPORT_BODY_LIMIT
        );
        assert_eq!(limit_for(&post, "/api/v1/accounts/3/users"), BODY_LIMIT);
        assert_eq!(limit_for(&post, "/api/v1/session"), BODY_LIMIT);
        assert_eq!(
            limit_for(&Method::PATCH, "/api/v1/accounts/3/imports"),
            BODY_LIMIT
        );
        assert_eq!(
            limit_for(&post, "/api/v1/accounts/3/imports/other"),
            BODY_LIMIT
        );
    }
}
