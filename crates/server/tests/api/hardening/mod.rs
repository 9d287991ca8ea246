//! Hardening: throttling instead of lockouts and passwords people cannot guess (`throttle`),
//! what browsers are told and where requests may come from (`browser`), request limits and ETags
//! by the book (`limits`); and the raw clients they share.

mod browser;
mod limits;
mod throttle;

use crate::helpers::{TestApp, problem_code};
use reqwest::header::{HeaderMap, HeaderValue, ORIGIN};
use reqwest::{Client, Response};
use serde_json::json;
use std::net::IpAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A browser-like client whose requests come from 127.0.0.`last` (every 127/8 address is this
/// machine's own).
pub(super) fn client_from(app: &TestApp, last: u8) -> Client {
    let mut headers = HeaderMap::new();
    headers.insert(ORIGIN, HeaderValue::from_str(&app.base).unwrap());
    Client::builder()
        .cookie_store(true)
        .default_headers(headers)
        .local_address(IpAddr::from([127, 0, 0, last]))
        .build()
        .unwrap()
}

pub(super) async fn sign_in(
    app: &TestApp,
    client: &Client,
    username: &str,
    password: &str,
) -> Response {
    client
        .post(app.url("/session"))
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap()
}

/// The status, code and `Retry-After` of an answer.
pub(super) async fn outcome(res: Response) -> (u16, String, Option<u64>) {
    let status = res.status().as_u16();
    let retry = res
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().parse().unwrap());
    (status, problem_code(res).await, retry)
}

/// Sends `request` as raw bytes and reads the answer until the server closes or `patience` runs
/// out; the answer and how long it took.
pub(super) async fn raw(app: &TestApp, request: &[u8], patience: Duration) -> (String, Duration) {
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
