//! What browsers are told (security headers, compression, caching), and which origins may change
//! anything.

use super::raw;
use crate::helpers::{
    ADMIN, ADMIN_PAGE, IMPORT_PAGE, PASSWORD, PEOPLE_PAGE, PEOPLE_PAGE_FR, spawn_app,
};
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn pages_and_api_answers_carry_the_security_headers() {
    let app = spawn_app().await;
    let page = reqwest::get(format!("{}/users", app.base)).await.unwrap();
    assert_eq!(page.status(), 200);
    let h = page.headers();
    let policy = h["content-security-policy"].to_str().unwrap();
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{policy}"
    );
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert_eq!(h["cross-origin-opener-policy"], "same-origin");
    assert_eq!(h["x-frame-options"], "DENY");
    assert!(h.get("strict-transport-security").is_none(), "plain http");

    let client = app.signed_in(ADMIN).await;
    let me = client.get(app.url("/me")).send().await.unwrap();
    assert_eq!(me.headers()["cache-control"], "no-store");
    assert_eq!(me.headers()["x-content-type-options"], "nosniff");
    let refused = client
        .get(app.url("/accounts/999999/users"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn https_deployments_ask_browsers_to_keep_to_https() {
    let app = crate::helpers::spawn_app_with(|config| {
        config.public_url = Some("https://roster.example".into());
    })
    .await;
    let page = reqwest::get(format!("{}/", app.base)).await.unwrap();
    assert_eq!(
        page.headers()["strict-transport-security"],
        "max-age=31536000"
    );
}

#[tokio::test]
async fn host_plays_no_part_in_the_same_origin_check() {
    let app = spawn_app().await;
    let client = app.signed_in(ADMIN).await;
    let cookie = client
        .post(app.url("/session"))
        .json(&json!({ "username": ADMIN, "password": PASSWORD }))
        .send()
        .await
        .unwrap()
        .headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    // A page of evil.test whose name was made to resolve to this server.
    let request = format!(
        "DELETE /api/v1/session HTTP/1.1\r\nHost: evil.test\r\nOrigin: http://evil.test\r\n\
         Cookie: {cookie}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    let (answer, _) = raw(&app, request.as_bytes(), Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    assert!(answer.contains("request.cross_origin"), "{answer}");
}

#[tokio::test]
async fn on_ones_own_machine_localhost_is_the_same_origin_as_127_0_0_1() {
    let app = spawn_app().await;
    let port = app.base.rsplit(':').next().unwrap().to_owned();
    for (origin, status) in [
        (format!("http://localhost:{port}"), 200),
        (format!("http://[::1]:{port}"), 200),
        (format!("http://rebound.evil.test:{port}"), 403),
        ("http://localhost:1".to_owned(), 403),
    ] {
        let res = reqwest::Client::new()
            .post(app.url("/session"))
            .header("origin", &origin)
            .json(&json!({ "username": ADMIN, "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), status, "{origin}");
    }
}

#[tokio::test]
async fn assets_go_precompressed_and_hashed_ones_are_kept_for_a_year() {
    let dist = std::env::temp_dir().join(format!("roster-dist-{}", std::process::id()));
    std::fs::create_dir_all(dist.join("import")).unwrap();
    std::fs::create_dir_all(dist.join("people")).unwrap();
    std::fs::write(dist.join("people/index.html"), PEOPLE_PAGE).unwrap();
    std::fs::write(dist.join("people/index.html.br"), "brotli people page").unwrap();
    std::fs::create_dir_all(dist.join("people-fr")).unwrap();
    std::fs::write(dist.join("people-fr/index.html"), PEOPLE_PAGE_FR).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>Roster</title>",
    )
    .unwrap();
    std::fs::write(dist.join("index.html.br"), "brotli page").unwrap();
    std::fs::write(
        dist.join("import/index.html"),
        "<!doctype html><title>Import</title>",
    )
    .unwrap();
    let js = "roster-app-0123456789abcdef.js";
    std::fs::write(dist.join(js), "plain script").unwrap();
    std::fs::write(dist.join(format!("{js}.br")), "brotli script").unwrap();
    std::fs::write(dist.join(format!("{js}.gz")), "gzip script").unwrap();
    let app = crate::helpers::spawn_app_with(|config| config.dist = dist.clone()).await;
    let client = reqwest::Client::new();
    let fetch = |path: String, accept: &'static str| {
        client
            .get(format!("{}{path}", app.base))
            .header("accept-encoding", accept)
            .send()
    };

    for (accept, encoding, body) in [
        ("br, gzip", Some("br"), "brotli script"),
        ("gzip", Some("gzip"), "gzip script"),
        ("identity", None, "plain script"),
    ] {
        let res = fetch(format!("/{js}"), accept).await.unwrap();
        assert_eq!(res.status(), 200, "{accept}");
        let h = res.headers();
        assert_eq!(
            h.get("content-encoding").map(|v| v.to_str().unwrap()),
            encoding,
            "{accept}"
        );
        assert_eq!(h["cache-control"], "public, max-age=31536000, immutable");
        assert!(h["content-type"].to_str().unwrap().contains("javascript"));
        assert_eq!(res.text().await.unwrap(), body, "{accept}");
    }
    // Each app route's page too (`/` is the people's bundle's).
    for (path, body) in [("/", "brotli people page"), ("/users", "brotli page")] {
        let page = fetch(path.into(), "br").await.unwrap();
        assert_eq!(page.headers()["cache-control"], "no-cache", "{path}");
        assert_eq!(page.headers()["content-encoding"], "br", "{path}");
        assert!(
            page.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert_eq!(page.text().await.unwrap(), body, "{path}");
    }
    let plain = fetch("/users".into(), "identity").await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(
        plain.text().await.unwrap(),
        "<!doctype html><title>Roster</title>"
    );
    let api = fetch("/api/v1/health".into(), "br").await.unwrap();
    assert_eq!(api.headers()["cache-control"], "no-store");
    std::fs::remove_dir_all(dist).unwrap();
}

/// Each address is answered by the bundle that routes it to a page of its own (`spa.rs`), so a
/// page load is never sent back and forth between two bundles: the people's pages and the start
/// address by the people's bundle, the Import users page by its own, anything else by the
/// administration bundle (which says when it knows no such page).
#[tokio::test]
async fn each_address_is_answered_by_the_bundle_that_has_its_page() {
    let app = spawn_app().await;
    for (path, page) in [
        ("/", PEOPLE_PAGE),
        ("/sign-in", PEOPLE_PAGE),
        ("/sign-in/", PEOPLE_PAGE),
        ("/sign-in?next=/accounts/1/users", PEOPLE_PAGE),
        ("/forgot-password", PEOPLE_PAGE),
        ("/reset-password", PEOPLE_PAGE),
        ("/activate", PEOPLE_PAGE),
        ("/join", PEOPLE_PAGE),
        ("/change-password", PEOPLE_PAGE),
        ("/me", PEOPLE_PAGE),
        ("/confirm-email", PEOPLE_PAGE),
        ("/me/sessions", ADMIN_PAGE),
        ("/accounts/1/users/import", IMPORT_PAGE),
        ("/accounts/1/users", ADMIN_PAGE),
        ("/accounts/1/users/7", ADMIN_PAGE),
        ("/mailbox", ADMIN_PAGE),
        ("/sign-in//", ADMIN_PAGE),
        ("/no/such/page", ADMIN_PAGE),
        ("/people/", ADMIN_PAGE),
        ("/import", ADMIN_PAGE),
    ] {
        let res = reqwest::get(format!("{}{path}", app.base)).await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.text().await.unwrap(), page, "{path}");
    }
    // Never a page as a file: the bundle would load its address afresh, and get itself again.
    for path in [
        "/index.html",
        "/people/index.html",
        "/people-fr/index.html",
        "/import/index.html",
    ] {
        let res = reqwest::get(format!("{}{path}", app.base)).await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
    }
}

/// The people's pages are built once a language: a page load gets the build of the language
/// chosen (the `roster_lang` cookie the app sets), else the browser's; the other bundles carry
/// both. Caches are told the page depends on these.
#[tokio::test]
async fn a_people_s_page_comes_in_the_language_chosen_else_the_browser_s() {
    let app = spawn_app().await;
    let client = reqwest::Client::new();
    for (path, accept, cookie, page) in [
        ("/sign-in", "fr-CA,fr;q=0.9,en;q=0.8", "", PEOPLE_PAGE_FR),
        ("/activate", "fr", "", PEOPLE_PAGE_FR),
        ("/me", "de, fr;q=0.5", "", PEOPLE_PAGE_FR),
        ("/sign-in", "en-GB,fr;q=0.5", "", PEOPLE_PAGE),
        ("/sign-in", "", "", PEOPLE_PAGE),
        ("/sign-in", "fr", "roster_lang=en", PEOPLE_PAGE),
        ("/", "en", "theme=dark; roster_lang=fr", PEOPLE_PAGE_FR),
        ("/sign-in", "fr", "roster_lang=xx", PEOPLE_PAGE_FR),
        ("/accounts/1/users", "fr", "roster_lang=fr", ADMIN_PAGE),
        ("/accounts/1/users/import", "fr", "", IMPORT_PAGE),
    ] {
        let mut request = client.get(format!("{}{path}", app.base));
        if !accept.is_empty() {
            request = request.header("accept-language", accept);
        }
        if !cookie.is_empty() {
            request = request.header("cookie", cookie);
        }
        let res = request.send().await.unwrap();
        assert_eq!(res.status(), 200, "{path} {accept} {cookie}");
        let vary = res.headers()["vary"].to_str().unwrap().to_ascii_lowercase();
        assert!(
            vary.contains("cookie") && vary.contains("accept-language"),
            "{vary}"
        );
        assert_eq!(res.text().await.unwrap(), page, "{path} {accept} {cookie}");
    }
}
