//! Hardening: throttling instead of lockouts, passwords people cannot guess, browser headers,
//! `Host` playing no part in the same-origin check, request limits, and ETags by the book.

use crate::helpers::{ADMIN, PASSWORD, TestApp, problem_code, spawn_app};
use reqwest::header::{HeaderMap, HeaderValue, ORIGIN};
use reqwest::{Client, Response};
use serde_json::{Value, json};
use std::net::IpAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A browser-like client whose requests come from 127.0.0.`last` (every 127/8 address is this
/// machine's own).
fn client_from(app: &TestApp, last: u8) -> Client {
    let mut headers = HeaderMap::new();
    headers.insert(ORIGIN, HeaderValue::from_str(&app.base).unwrap());
    Client::builder()
        .cookie_store(true)
        .default_headers(headers)
        .local_address(IpAddr::from([127, 0, 0, last]))
        .build()
        .unwrap()
}

async fn sign_in(app: &TestApp, client: &Client, username: &str, password: &str) -> Response {
    client
        .post(app.url("/session"))
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap()
}

/// The status, code and `Retry-After` of an answer.
async fn outcome(res: Response) -> (u16, String, Option<u64>) {
    let status = res.status().as_u16();
    let retry = res
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().parse().unwrap());
    (status, problem_code(res).await, retry)
}

#[tokio::test]
async fn a_spray_from_one_address_is_throttled_and_the_owner_still_signs_in() {
    let app = spawn_app().await;
    let owner = client_from(&app, 2);
    assert_eq!(sign_in(&app, &owner, ADMIN, PASSWORD).await.status(), 200);

    // 130 logins, known and unknown, from one address, as in the report.
    let attacker = client_from(&app, 7);
    let mut throttled = None;
    for n in 0..130 {
        let login = if n % 2 == 0 {
            ADMIN.to_owned()
        } else {
            format!("user{n}@acme.test")
        };
        let (status, code, retry) = outcome(sign_in(&app, &attacker, &login, "guess").await).await;
        if status == 429 {
            assert_eq!(code, "auth.throttled");
            throttled = Some((n, retry));
            break;
        }
        assert_eq!((status, code.as_str()), (401, "auth.invalid_credentials"));
    }
    let (n, retry) = throttled.expect("no 429 in 130 attempts from one address");
    assert_eq!(n, 20, "throttled after its burst");
    assert!(
        retry.is_some_and(|s| (1..=6).contains(&s)),
        "Retry-After {retry:?}"
    );

    // The owner's session goes on, and they sign in again from their own address at once.
    let me = owner.get(app.url("/me")).send().await.unwrap();
    assert_eq!(me.status(), 200, "the owner's session was ended");
    let again = sign_in(&app, &client_from(&app, 3), ADMIN, PASSWORD).await;
    assert_eq!(again.status(), 200);
}

/// Sprays wrong sign-ins from `client`, each request claiming `forwarded` as the client's
/// address; the attempt that was throttled, if any.
async fn spray(app: &TestApp, client: &Client, forwarded: impl Fn(u32) -> String) -> Option<u32> {
    for n in 0..25 {
        let res = client
            .post(app.url("/session"))
            .header("x-forwarded-for", forwarded(n))
            .json(&json!({ "username": format!("user{n}@acme.test"), "password": "guess" }))
            .send()
            .await
            .unwrap();
        if res.status() == 429 {
            return Some(n);
        }
    }
    None
}

#[tokio::test]
async fn behind_a_proxy_the_forwarded_address_is_throttled_and_not_the_proxy() {
    let app = crate::helpers::spawn_app_with(|config| config.behind_proxy = true).await;
    let proxy = client_from(&app, 8);
    // What the proxy appends is the client; what the client wrote before it counts for nothing.
    let throttled = spray(&app, &proxy, |n| format!("198.51.100.{n}, 203.0.113.7")).await;
    assert_eq!(throttled, Some(20));
    let other = proxy
        .post(app.url("/session"))
        .header("x-forwarded-for", "203.0.113.8")
        .json(&json!({ "username": ADMIN, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 200, "another client of the same proxy");
}

#[tokio::test]
async fn without_a_proxy_a_forged_forwarded_address_escapes_nothing() {
    let app = spawn_app().await;
    let client = client_from(&app, 9);
    let throttled = spray(&app, &client, |n| format!("203.0.113.{n}")).await;
    assert_eq!(throttled, Some(20));
}

#[tokio::test]
async fn known_and_unknown_logins_are_throttled_alike_and_never_locked() {
    let app = spawn_app().await;
    // From many addresses, each trying once: only the login's own limit applies.
    let mut answers = Vec::new();
    for login in [ADMIN, "nobody-at-all@acme.test"] {
        let mut seen = Vec::new();
        for n in 0..31u8 {
            let client = client_from(&app, 10 + n);
            let (status, code, _) = outcome(sign_in(&app, &client, login, "guess").await).await;
            seen.push((status, code));
        }
        answers.push(seen);
    }
    assert_eq!(
        answers[0], answers[1],
        "a known login behaves as an unknown one"
    );
    assert!(
        answers[0][..30]
            .iter()
            .all(|(s, c)| (*s, c.as_str()) == (401, "auth.invalid_credentials"))
    );
    assert_eq!(answers[0][30].0, 429);
    // Nothing was locked: within the login's interval, the owner is in.
    tokio::time::sleep(Duration::from_secs(15)).await;
    let owner = sign_in(&app, &client_from(&app, 200), ADMIN, PASSWORD).await;
    assert_eq!(owner.status(), 200);
}

#[tokio::test]
async fn guessing_the_current_password_is_throttled() {
    let app = spawn_app().await;
    let me = client_from(&app, 4);
    assert_eq!(sign_in(&app, &me, ADMIN, PASSWORD).await.status(), 200);
    let mut statuses = Vec::new();
    for _ in 0..21 {
        let res = me
            .post(app.url("/me/password"))
            .json(&json!({ "current_password": "guess", "new_password": "a brand new secret" }))
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
    }
    // Signing in took one of the address's 20; the guesses take the rest.
    assert!(statuses[..19].iter().all(|s| *s == 422), "{statuses:?}");
    assert_eq!(statuses[19..], [429, 429], "{statuses:?}");
}

#[tokio::test]
async fn reset_emails_to_one_address_are_throttled() {
    let app = spawn_app().await;
    let client = client_from(&app, 5);
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let res = client
            .post(app.url("/password-reset"))
            .json(&json!({ "email": ADMIN }))
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
    }
    assert_eq!(statuses[..3], [202, 202, 202], "{statuses:?}");
    assert_eq!(statuses[3], 429);
}

#[tokio::test]
async fn common_personal_and_patterned_passwords_are_refused() {
    let app = spawn_app().await;
    let me = client_from(&app, 6);
    assert_eq!(sign_in(&app, &me, ADMIN, PASSWORD).await.status(), 200);
    for (new, code) in [
        ("password1234", "password.common"),
        ("PassWord1234", "password.common"),
        ("Qwerty123321", "password.common"),
        ("admin@acme.test", "password.personal"),
        ("aaaaaaaaaaaa", "password.pattern"),
        ("123456789012", "password.pattern"),
    ] {
        let res = me
            .post(app.url("/me/password"))
            .json(&json!({ "current_password": PASSWORD, "new_password": new }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "{new}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["errors"][0]["field"], "new_password", "{new}");
        assert_eq!(body["errors"][0]["code"], code, "{new}");
    }
    let res = me
        .post(app.url("/me/password"))
        .json(&json!({ "current_password": PASSWORD, "new_password": "violet kettle harbour" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
}

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

/// Sends `request` as raw bytes and reads the answer until the server closes or `patience` runs
/// out; the answer and how long it took.
async fn raw(app: &TestApp, request: &[u8], patience: Duration) -> (String, Duration) {
    let addr = app.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let started = Instant::now();
    stream.write_all(request).await.unwrap();
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout(patience, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break,
            Ok(Ok(n)) => answer.extend_from_slice(&buf[..n]),
        }
        if answer.windows(4).any(|w| w == b"\r\n\r\n") && !answer.is_empty() {
            // Headers are in; the problem body follows in the same write.
            tokio::time::sleep(Duration::from_millis(50)).await;
            if let Ok(Ok(n)) =
                tokio::time::timeout(Duration::from_millis(200), stream.read(&mut buf)).await
            {
                answer.extend_from_slice(&buf[..n]);
            }
            break;
        }
    }
    (
        String::from_utf8_lossy(&answer).into_owned(),
        started.elapsed(),
    )
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
async fn a_body_over_the_limit_is_refused_before_it_is_read() {
    let app = spawn_app().await;
    // 50 MB announced, not a byte sent: the answer cannot wait for the body.
    let request = format!(
        "POST /api/v1/session HTTP/1.1\r\nHost: {}\r\nOrigin: {}\r\n\
         Content-Type: application/json\r\nContent-Length: 52428800\r\n\r\n",
        app.base.trim_start_matches("http://"),
        app.base
    );
    let (answer, took) = raw(&app, request.as_bytes(), Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("request.too_large"), "{answer}");
    assert!(took < Duration::from_secs(2), "{took:?}");

    // A body without a declared length (chunked) is cut off at the limit, with the same answer.
    let addr = app.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /api/v1/session HTTP/1.1\r\nHost: {addr}\r\nOrigin: {}\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
        app.base
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let piece = format!("{:x}\r\n{}\r\n", 64 * 1024, "a".repeat(64 * 1024));
    for _ in 0..20 {
        // The server may stop reading once it has answered.
        if stream.write_all(piece.as_bytes()).await.is_err() {
            break;
        }
    }
    let mut answer = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer))
        .await
        .unwrap()
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..n]);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
}

#[tokio::test]
async fn a_silent_client_is_cut_off() {
    let app = spawn_app().await;
    // Half a request line, then nothing.
    let (answer, took) = raw(&app, b"GET /api/v1/health HT", Duration::from_secs(20)).await;
    assert!(took < Duration::from_secs(15), "held for {took:?}");
    assert!(!answer.contains("200 OK"), "{answer}");
}

#[tokio::test]
async fn if_match_by_the_book() {
    let app = spawn_app().await;
    let client = app.signed_in(ADMIN).await;
    let account = app.account_id(crate::helpers::RECORDS).await;
    let url = app.url(&format!("/accounts/{account}"));
    let res = client.get(&url).send().await.unwrap();
    let tag = res.headers()["etag"].to_str().unwrap().to_owned();
    let patch = |if_match: Option<&str>| {
        let mut req = client.patch(&url).json(&json!({}));
        if let Some(tag) = if_match {
            req = req.header("if-match", tag);
        }
        req.send()
    };
    let stale = patch(Some("\"anything-stale\"")).await.unwrap();
    assert_eq!(stale.status(), 412);
    assert_eq!(problem_code(stale).await, "request.stale");
    for required in [None, Some("*")] {
        let res = patch(required).await.unwrap();
        assert_eq!(res.status(), 428, "{required:?}");
    }
    assert_eq!(patch(Some(&tag)).await.unwrap().status(), 200);
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
async fn a_body_that_never_arrives_is_cut_off_by_the_deadline() {
    let app = spawn_app().await;
    let request = format!(
        "POST /api/v1/session HTTP/1.1\r\nHost: {}\r\nOrigin: {}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"usern",
        app.base.trim_start_matches("http://"),
        app.base
    );
    let (answer, took) = raw(&app, request.as_bytes(), Duration::from_secs(45)).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("request.timeout"), "{answer}");
    assert!(took < Duration::from_secs(35), "held for {took:?}");
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
