//! Serves the built app: its assets as files, and `index.html` for every app route (`/users`,
//! `/users/42`), so deep links survive a reload. A missing asset (a path with a file extension)
//! is a plain 404 rather than a page of HTML where a script was expected. The Import users page
//! is its own bundle (`import/index.html`, see the app's lib.rs), answered at its address.
//!
//! Files are sent as the brotli or gzip copy beside them (`NAME.br`, `NAME.gz`, written when the
//! app is built) when the browser accepts it. A file whose name carries Trunk's content hash
//! (`roster-app-0123456789abcdef_bg.wasm`) never changes, so it may be kept a year; everything else
//! (the pages) is checked again each time.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;

/// The service answering every path outside the API.
pub fn service(dist: &Path) -> ServeDir<axum::routing::MethodRouter> {
    let index = dist.join("index.html");
    let import = dist.join("import").join("index.html");
    ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(axum::routing::get(move |req: Request<Body>| {
            let path = req.uri().path().to_owned();
            let index = if is_import_page(&path) {
                import.clone()
            } else {
                index.clone()
            };
            async move { app_route(&index, &path).await }
        }))
}

/// Sets how long browsers may keep what this service answered.
pub async fn cache_policy(req: Request<Body>, next: axum::middleware::Next) -> Response {
    let hashed = is_hashed(req.uri().path());
    let api = req.uri().path().starts_with("/api/");
    let mut response = next.run(req).await;
    if !api && response.status().is_success() {
        let policy = if hashed {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static(policy),
        );
    }
    response
}

/// The file's name carries Trunk's content hash: `-` then 16 hexadecimal digits, before the
/// extension or `_bg`.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
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
    use super::{is_hashed, is_import_page};

    #[test]
    fn only_trunks_hashed_files_are_kept_for_a_year() {
        assert!(is_hashed("/roster-app-cf01f1cac844d544_bg.wasm"));
        assert!(is_hashed("/roster-app-cf01f1cac844d544.js"));
        assert!(is_hashed("/import/main-43ffd9662bb29675.css"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/"));
        assert!(!is_hashed("/accounts/3/users"));
        assert!(!is_hashed("/roster-app-cf01f1cac844d54.js"));
        assert!(!is_hashed("/roster-app-cf01f1cac844d54g.js"));
    }

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
