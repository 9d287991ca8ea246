//! Serves the built app: its assets as files, and `index.html` for every app route (`/users`,
//! `/users/42`), so deep links survive a reload. A missing asset (a path with a file extension)
//! is a plain 404 rather than a page of HTML where a script was expected.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;

/// The service answering every path outside the API.
pub fn service(dist: &Path) -> ServeDir<axum::routing::MethodRouter> {
    let index = dist.join("index.html");
    ServeDir::new(dist).fallback(axum::routing::get(move |req: Request<Body>| {
        let index = index.clone();
        async move { app_route(&index, req.uri().path()).await }
    }))
}

async fn app_route(index: &PathBuf, path: &str) -> Response {
    let last = path.rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        return StatusCode::NOT_FOUND.into_response();
    }
    match tokio::fs::read(index).await {
        Ok(html) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            html,
        )
            .into_response(),
        Err(err) => {
            tracing::error!(%err, "cannot read the built app's index.html");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
