//! Request limits (body size, headers and deadline) and ETags by the book.

use super::raw;
use crate::helpers::ADMIN;
use crate::helpers::{problem_code, spawn_app};
use serde_json::json;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

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
async fn a_whole_file_s_logins_are_looked_up_but_other_bodies_stay_under_1_mb() {
    let app = spawn_app().await;
    let client = app.signed_in(ADMIN).await;
    let account = app.account_id(crate::helpers::RECORDS).await;
    // 50,000 usernames, the most a file holds: 1.3 MB of JSON, over the 1 MB of other bodies.
    let mut usernames: Vec<String> = (0..49_999)
        .map(|n| format!("ann.lee{n}@acme.test"))
        .collect();
    usernames.push(ADMIN.to_owned());
    let body = json!({ "usernames": usernames });
    assert!(body.to_string().len() > 1024 * 1024);
    let res = client
        .post(app.url(&format!("/accounts/{account}/imports/lookup")))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let answer: serde_json::Value = res.json().await.unwrap();
    assert_eq!(answer["here"], json!([ADMIN]));
    // The same bytes sent where 1 MB is the limit.
    let res = client
        .post(app.url(&format!("/accounts/{account}/groups")))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(problem_code(res).await, "request.too_large");
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
