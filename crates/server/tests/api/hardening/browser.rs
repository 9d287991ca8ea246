//! What browsers are told (security headers, compression, caching), and which origins may change
//! anything.

use super::raw;
use crate::helpers::{ADMIN, PASSWORD, spawn_app};
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
    let page = fetch("/".into(), "br").await.unwrap();
    assert_eq!(page.headers()["cache-control"], "no-cache");
    assert_eq!(page.headers()["content-encoding"], "br");
    let route = fetch("/users".into(), "br").await.unwrap();
    assert_eq!(route.headers()["cache-control"], "no-cache");
    let api = fetch("/api/v1/health".into(), "br").await.unwrap();
    assert_eq!(api.headers()["cache-control"], "no-store");
    std::fs::remove_dir_all(dist).unwrap();
}
