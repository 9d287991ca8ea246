//! Serves the built app: its assets as files, and `index.html` for every app route (`/users`,
//! `/users/42`), so deep links survive a reload. A missing asset (a path with a file extension)
//! is a plain 404 rather than a page of HTML where a script was expected. The Import users page
//! is its own bundle (`import/index.html`, see the app's lib.rs), answered at its address.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;

/// The service answering every path outside the API.
pub fn service(dist: &Path) -> ServeDir<axum::routing::MethodRouter> {
    let index = dist.join("index.html");
    let import = dist.join("import").join("index.html");
    ServeDir::new(dist).fallback(axum::routing::get(move |req: Request<Body>| {
        let path = req.uri().path().to_owned();
        let index = if is_import_page(&path) {
            import.clone()
        } else {
            index.clone()
        };
        async move { app_route(&index, &path).await }
    }))
}

/// `/accounts/{account}/users/import`: the page with its own bundle.
fn is_import_page(path: &str) -> bool {
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    matches!(parts.as_slice(), ["", "accounts", account, "users", "import"] if !account.is_empty())
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
            tracing::error!(%err, page = %index.display(), "cannot read the built app's page");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_import_page;

    #[test]
    fn only_the_import_address_gets_the_import_bundle() {
        assert!(is_import_page("/accounts/3/users/import"));
        assert!(is_import_page("/accounts/3/users/import/"));
        assert!(!is_import_page("/accounts/3/users"));
        assert!(!is_import_page("/accounts/3/users/42"));
        assert!(!is_import_page("/accounts//users/import"));
        assert!(!is_import_page("/import"));
    }
}
