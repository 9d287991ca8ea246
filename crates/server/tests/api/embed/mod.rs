//! Embedding Roster in a portal: the origins that may frame an account's pages, its portal keys,
//! the single-use tokens they mint and the embedded sessions those open, which act in one
//! account only and never by a cookie.
//!
//! The demo gives Acme Records the sample portal's origin and a portal key whose secret is
//! derived from the demo password (`roster_server::demo::portal_secret`).

mod keys;
mod origins;
mod pages;
mod scope;
mod tokens;

use crate::helpers::{
    ADMIN, ADMIN_PAGE, DELEGATE, EU_ADMIN, EUROPE, PASSWORD, RECORDS, TestApp, delete, get, json,
    post, problem_code, spawn_app, spawn_app_with,
};
use reqwest::{Client, Response};
use roster_domain::lifecycle::UserState;
use roster_server::demo::{DEMO_EU_OPS, DEMO_PORTAL_ORIGIN, DEMO_USER, portal_secret};
use serde_json::{Value, json};

/// A client as a portal's back end is: no cookie, no Origin.
fn back_end() -> Client {
    Client::new()
}

impl TestApp {
    /// Asks for a token for `user` with the key `secret`.
    pub(crate) async fn mint(&self, secret: &str, user: &str) -> Response {
        back_end()
            .post(self.url("/embed/tokens"))
            .bearer_auth(secret)
            .json(&json!({ "user": user }))
            .send()
            .await
            .unwrap()
    }

    /// Exchanges `token` as an embedded page does (from Roster's own origin, no cookie).
    pub(crate) async fn exchange(&self, token: &str) -> Response {
        self.client()
            .post(self.url("/embed/sessions"))
            .json(&json!({ "token": token }))
            .send()
            .await
            .unwrap()
    }

    /// An embedded session for `user` in Acme Records, through the demo's key.
    pub(crate) async fn embedded(&self, user: &str) -> String {
        let minted = self.mint(&portal_secret(PASSWORD), user).await;
        assert_eq!(minted.status(), 200, "minting for {user}");
        let token = json(minted).await["token"].as_str().unwrap().to_owned();
        let opened = self.exchange(&token).await;
        assert_eq!(opened.status(), 200, "exchanging for {user}");
        json(opened).await["session"].as_str().unwrap().to_owned()
    }

    fn keys_url(&self, account: i64) -> String {
        self.url(&format!("/accounts/{account}/embed-keys"))
    }
}

/// A GET with a bearer, from a client without cookies.
pub(crate) async fn get_as(session: &str, url: String) -> Response {
    back_end()
        .get(url)
        .bearer_auth(session)
        .send()
        .await
        .unwrap()
}

/// The `frame-ancestors` of a page's policy, and its X-Frame-Options.
pub(crate) async fn framing(app: &TestApp, path: &str) -> (String, Option<String>, String) {
    let res = reqwest::get(format!("{}{path}", app.base)).await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    let h = res.headers().clone();
    let policy = h["content-security-policy"].to_str().unwrap().to_owned();
    let ancestors = policy
        .split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix("frame-ancestors "))
        .unwrap_or_else(|| panic!("no frame-ancestors in {policy}"))
        .to_owned();
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{policy}"
    );
    assert!(policy.contains("connect-src 'self'"), "{policy}");
    let frame_options = h
        .get("x-frame-options")
        .map(|v| v.to_str().unwrap().to_owned());
    (ancestors, frame_options, res.text().await.unwrap())
}
