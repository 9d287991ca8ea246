//! Serves the built app: its assets as files, and a bundle's page for every app route (`/users`,
//! `/users/42`), so deep links survive a reload. A missing asset (a path with a file extension)
//! is a plain 404 rather than a page of HTML where a script was expected.
//!
//! The app is three bundles (see the app's lib.rs), each loading the others' pages afresh: the
//! administration pages (`index.html`), the Import users page (`import/index.html`) and the
//! people's pages (`people/index.html`). [`bundle_for`] answers each path with the bundle that
//! routes it to a page of its own, so that no page load is sent on to another for ever.
//!
//! The people's pages are built once a language (`people/` in English, `people-fr/` in French):
//! a page load gets the build of [`page_language`]. The other bundles carry both languages and
//! follow the signed-in person.
//!
//! Files are sent as the brotli or gzip copy beside them (`NAME.br`, `NAME.gz`, written when the
//! app is built) when the browser accepts it. A file whose name carries Trunk's content hash
//! (`roster-app-0123456789abcdef_bg.wasm`) never changes, so it may be kept a year; everything else
//! (the pages) is checked again each time.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use roster_domain::values::Language;
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// A bundle of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// The administration pages (`App`), and the page for an unknown address.
    Admin,
    /// The Import users page (`ImportApp`).
    Import,
    /// The pages a person opens on a phone, and the start address (`PeopleApp`).
    People,
}

impl Bundle {
    /// Its page in the built app's folder, for a page load in `language`.
    pub const fn page(self, language: Language) -> &'static str {
        match (self, language) {
            (Bundle::Admin, _) => "index.html",
            (Bundle::Import, _) => "import/index.html",
            (Bundle::People, Language::En) => "people/index.html",
            (Bundle::People, Language::Fr) => "people-fr/index.html",
        }
    }
}

/// The page of every bundle, each of which the server needs.
pub const PAGES: [&str; 4] = [
    Bundle::Admin.page(Language::En),
    Bundle::Import.page(Language::En),
    Bundle::People.page(Language::En),
    Bundle::People.page(Language::Fr),
];

/// The cookie holding the language the pages are shown in: set by the app, from the signed-in
/// person's language or the choice made on a page before signing in. Not a secret, and read by
/// the app's script, so neither HttpOnly nor signed.
pub const LANGUAGE_COOKIE: &str = "roster_lang";

/// The language of a page load: the one its [`LANGUAGE_COOKIE`] names, else the one the browser
/// prefers (`Accept-Language`), else English.
pub fn page_language(headers: &header::HeaderMap) -> Language {
    let chosen = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|cookie| cookie.trim().split_once('='))
        .find(|(name, _)| *name == LANGUAGE_COOKIE)
        .and_then(|(_, value)| Language::parse(value).ok());
    chosen.unwrap_or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .map_or(Language::En, Language::preferred)
    })
}

/// The paths of the people's bundle: its routes (`people_page` in the app's lib.rs), which the
/// administration bundle loads afresh.
const PEOPLE: [&str; 9] = [
    "/",
    "/sign-in",
    "/forgot-password",
    "/reset-password",
    "/activate",
    "/join",
    "/change-password",
    "/me",
    "/confirm-email",
];

/// The bundle that has the page at `path`. Each route matches its path with one trailing `/`
/// too, as the app's routers do, and no more: `/sign-in//` is no page of the people's bundle,
/// and the administration bundle says it knows no such page.
pub fn bundle_for(path: &str) -> Bundle {
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    let parts: Vec<&str> = path.split('/').collect();
    if PEOPLE.contains(&path) {
        Bundle::People
    } else if matches!(parts.as_slice(), ["", "accounts", account, "users", "import"] if !account.is_empty())
        || matches!(parts.as_slice(), ["", "embed", "accounts", account, "users", "import"] if !account.is_empty())
    {
        Bundle::Import
    } else {
        Bundle::Admin
    }
}

/// The service answering every path outside the API.
///
/// A bundle's page is answered at the paths it routes only, never as a file (`/`,
/// `/people/index.html`): a bundle opened at a path it does not route loads it afresh, and
/// would be answered with itself again.
pub fn service(dist: &Path) -> axum::routing::MethodRouter {
    let root = dist.to_owned();
    let files = ServeDir::new(dist)
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(axum::routing::get(move |req: Request<Body>| {
            let language = page_language(req.headers());
            let page = root.join(bundle_for(req.uri().path()).page(language));
            app_route(page, req)
        }));
    axum::routing::get(move |req: Request<Body>| async move {
        if req.uri().path().ends_with(".html") {
            return StatusCode::NOT_FOUND.into_response();
        }
        match files.oneshot(req).await {
            Ok(response) => response.into_response(),
            Err(never) => match never {},
        }
    })
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

/// The bundle's page, as its brotli or gzip copy when the browser takes one (as for `/`).
async fn app_route(page: PathBuf, req: Request<Body>) -> Response {
    let last = req.uri().path().rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        return StatusCode::NOT_FOUND.into_response();
    }
    let file = ServeFile::new(&page)
        .precompressed_br()
        .precompressed_gzip();
    let mut response = match file.oneshot(req).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    };
    if response.status() == StatusCode::NOT_FOUND {
        tracing::error!(page = %page.display(), "cannot read the built app's page");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-cache"),
    );
    // The page depends on the language, which these two tell.
    headers.insert(
        header::VARY,
        header::HeaderValue::from_static("Cookie, Accept-Language, Accept-Encoding"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::{Bundle, Language, bundle_for, header, is_hashed};

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
        let import = |path| bundle_for(path) == Bundle::Import;
        assert!(import("/accounts/3/users/import"));
        assert!(import("/accounts/3/users/import/"));
        assert!(!import("/accounts/3/users/import//"));
        assert!(!import("/accounts/3/users"));
        assert!(!import("/accounts/3/users/42"));
        assert!(!import("/accounts//users/import"));
        assert!(!import("/accounts/3/users/import/x"));
        assert!(!import("/import"));
        // In a portal's frame too (`embed::pages` sets its `frame-ancestors`).
        assert!(import("/embed/accounts/3/users/import"));
        assert!(import("/embed/accounts/3/users/import/"));
        assert!(!import("/embed/accounts//users/import"));
        assert!(!import("/embed/accounts/3/users"));
        assert!(!import("/embed/3/users/import"));
    }

    /// The people's bundle routes exactly these paths (the app's `people_page`), and the
    /// administration bundle loads them afresh: any other answer would send a page load back and
    /// forth between two bundles.
    #[test]
    fn the_people_s_pages_and_the_start_address_get_the_people_s_bundle() {
        for path in [
            "/",
            "/sign-in",
            "/forgot-password",
            "/reset-password",
            "/activate",
            "/join",
            "/change-password",
            "/me",
            "/confirm-email",
        ] {
            assert_eq!(bundle_for(path), Bundle::People, "{path}");
            if path != "/" {
                assert_eq!(bundle_for(&format!("{path}/")), Bundle::People, "{path}/");
                assert_eq!(bundle_for(&format!("{path}//")), Bundle::Admin, "{path}//");
                assert_eq!(bundle_for(&format!("{path}/x")), Bundle::Admin, "{path}/x");
            }
        }
        for path in [
            "/mailbox",
            "/accounts/3/users",
            "/accounts/3/users/42",
            "/accounts/3/settings",
            "/sign-in-please",
            "/Sign-in",
            "/no/such/page",
        ] {
            assert_eq!(bundle_for(path), Bundle::Admin, "{path}");
        }
    }

    #[test]
    fn each_bundle_has_its_own_page() {
        assert_eq!(
            super::PAGES,
            [
                "index.html",
                "import/index.html",
                "people/index.html",
                "people-fr/index.html"
            ]
        );
    }

    #[test]
    fn a_page_load_is_in_the_language_chosen_else_the_browser_s() {
        use axum::http::HeaderMap;
        let language = |pairs: &[(header::HeaderName, &str)]| {
            let mut headers = HeaderMap::new();
            for (name, value) in pairs {
                headers.append(name, value.parse().unwrap());
            }
            super::page_language(&headers)
        };
        assert_eq!(language(&[]), Language::En);
        assert_eq!(
            language(&[(header::ACCEPT_LANGUAGE, "fr-FR,fr;q=0.9")]),
            Language::Fr
        );
        assert_eq!(
            language(&[
                (header::ACCEPT_LANGUAGE, "fr-FR,fr;q=0.9"),
                (header::COOKIE, "a=1; roster_lang=en; b=2")
            ]),
            Language::En,
            "the choice made wins over the browser's"
        );
        assert_eq!(
            language(&[(header::COOKIE, "roster_lang=fr"), (header::COOKIE, "x=y")]),
            Language::Fr
        );
        assert_eq!(
            language(&[
                (header::COOKIE, "roster_lang=de"),
                (header::ACCEPT_LANGUAGE, "fr")
            ]),
            Language::Fr,
            "a language Roster does not speak is no choice"
        );
        assert_eq!(
            language(&[(header::COOKIE, "my_roster_lang=fr")]),
            Language::En
        );
    }
}
