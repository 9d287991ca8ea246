//! `roster demo-portal`: a sample portal that embeds Roster, for a newcomer to open beside the
//! demo (`cargo xtask run` starts both). It is what a company's own portal does, in a few lines:
//!
//! - its page loads Roster's `/embed.js` and mounts an embedded page of Acme Records
//!   (`Roster.mount`), with a theme of its own, and lists the events the frame reports: for an
//!   administrator, the Users page, with buttons for Add user, Invitations, Import users and My
//!   details; for a plain user, who may not manage people, My details alone;
//! - its back end holds the account's portal key (the demo's, [`crate::demo::portal_secret`]) and
//!   mints a single-use token for the person signed in to the portal (`POST /token` here, which
//!   calls Roster's `POST /api/v1/embed/tokens`); the key never reaches the browser.
//!
//! A real portal mints tokens for the person signed in to it. This one has no sign-in: the page
//! lets you choose who you are among the demo's people (an administrator, a delegated
//! administrator, a plain user), which is why it listens on the loopback address only and mints
//! only for its own page (`Origin` checked). Roster must list the portal's origin among the
//! account's embedding origins: the demo seeds `http://localhost:8081`
//! ([`crate::demo::DEMO_PORTAL_ORIGIN`]).

use crate::demo::{DEMO_ADMIN, DEMO_DELEGATE, DEMO_USER};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use roster_api::embed::{EmbedToken, EmbedTokenRequest};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// How the sample portal runs.
#[derive(Debug, Clone)]
pub struct PortalConfig {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Its own origin as the browser sees it, the one the account lists (`http://localhost:8081`).
    pub origin: String,
    /// Where Roster is: `http://host:port`, without a path.
    pub roster_url: String,
    /// The account whose pages it shows.
    pub account: i64,
    /// The account's portal key.
    pub secret: String,
}

impl PortalConfig {
    /// The demo's: Acme Records (the first account of a demo database), framed from
    /// `http://localhost:PORT` ([`crate::demo::DEMO_PORTAL_ORIGIN`] on the default port, which
    /// the demo lists; on another, add the origin in the account's settings).
    pub fn demo(addr: SocketAddr, roster_url: String, secret: String) -> PortalConfig {
        PortalConfig {
            addr,
            origin: format!("http://localhost:{}", addr.port()),
            roster_url,
            account: 1,
            secret,
        }
    }
}

/// Serves the sample portal until the process stops.
pub async fn run(config: PortalConfig) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    serve(listener, config).await
}

/// Serves the sample portal on `listener` (bound by the caller: tests take port 0).
pub async fn serve(listener: tokio::net::TcpListener, config: PortalConfig) -> std::io::Result<()> {
    let app = Router::new()
        .route("/", get(page))
        .route("/portal.js", get(script))
        .route("/token", post(token))
        .with_state(Arc::new(config));
    axum::serve(listener, app).await
}

/// The portal's page: who you are, the frame, and the events it reported.
async fn page(State(config): State<Arc<PortalConfig>>) -> Response {
    let roster = html_escape(config.roster_url.trim_end_matches('/'));
    // What the portal knows of its own people: who manages people (its Users page) and who
    // sees their own details only.
    let people = [
        (DEMO_ADMIN, "an administrator", "users"),
        (DEMO_DELEGATE, "a delegated administrator", "users"),
        (DEMO_USER, "a plain user", "me"),
    ]
    .iter()
    .map(|(login, what, start)| {
        format!("<option value=\"{login}\" data-start=\"{start}\">{login} ({what})</option>")
    })
    .collect::<String>();
    let body = format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme customer portal (Roster's sample portal)</title>
<style>
body {{ margin: 0; font: 16px/1.5 Georgia, serif; background: #fdf6ec; color: #2b2118; }}
header {{ background: #5b2a86; color: #fff; padding: 0.75rem 1.5rem; }}
header h1 {{ margin: 0; font-size: 1.25rem; }}
main {{ max-width: 80rem; margin: 0 auto; padding: 1rem 1.5rem; display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }}
.bar {{ display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }}
#roster {{ background: #fff; border: 1px solid #d8c8b0; border-radius: 4px; }}
#events {{ font-family: monospace; overflow-wrap: anywhere; }}
button, select {{ font: inherit; min-height: 2.5rem; padding: 0.25rem 0.75rem; }}
select {{ max-width: calc(100vw - 3rem); }}
</style>
</head>
<body>
<header><h1>Acme customer portal</h1></header>
<main data-roster="{roster}" data-account="{account}">
<p>A sample portal on its own origin, showing Roster's pages in a frame: its back end asks
Roster for a single-use token with the account's portal key, and the frame signs in with it,
without any cookie.</p>
<div class="bar">
<label>Signed in to the portal as
<select id="person">{people}</select></label>
<button type="button" data-page="users" data-admin>Users</button>
<button type="button" data-page="users/new" data-admin>Add user</button>
<button type="button" data-page="invitations" data-admin>Invitations</button>
<button type="button" data-page="users/import" data-admin>Import users</button>
<button type="button" data-page="me">My details</button>
</div>
<div id="roster"></div>
<section><h2>Events from Roster</h2><ul id="events"></ul></section>
</main>
<script src="{roster}/embed.js"></script>
<script src="/portal.js"></script>
</body>
</html>
"#,
        account = config.account,
    );
    let mut response = Html(body).into_response();
    let policy = format!(
        "default-src 'self'; script-src 'self' {roster}; frame-src {roster}; \
         style-src 'unsafe-inline'; object-src 'none'; base-uri 'none'"
    );
    if let Ok(policy) = HeaderValue::from_str(&policy) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

/// The portal page's script: mounts the frame for the person chosen, at their first page, again
/// when another is chosen.
const PORTAL_JS: &str = r##"// The sample portal's own script (see demo_portal.rs).
"use strict";
const main = document.querySelector("main");
const person = document.getElementById("person");
const events = document.getElementById("events");
let frame = null;

function log(text) {
  const item = document.createElement("li");
  item.textContent = text;
  events.prepend(item);
}

// The portal's back end mints the token: the key never reaches this page.
async function fetchToken() {
  const answer = await fetch("/token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ user: person.value }),
  });
  if (!answer.ok) {
    throw new Error("the portal could not get a token: " + (await answer.text()));
  }
  return (await answer.json()).token;
}

function show(page) {
  if (frame) {
    frame.unmount();
  }
  frame = Roster.mount(document.getElementById("roster"), {
    url: main.dataset.roster,
    account: main.dataset.account,
    path: page,
    title: "People of Acme Records",
    fetchToken,
    theme: { accent: "#5b2a86", radius: "2px", font: "Georgia, serif" },
    onEvent: (event) => log(event.name + " " + event.id),
    onNavigate: (path) => log("navigated " + path),
    onError: (code) => log("error " + code),
  });
}

// An administrator starts at Users; a plain user at My details, and sees no administration's
// buttons (Roster would refuse them the pages anyway).
function choose() {
  const chosen = person.selectedOptions[0];
  const admin = chosen.dataset.start === "users";
  for (const button of document.querySelectorAll("[data-admin]")) {
    button.hidden = !admin;
  }
  show(chosen.dataset.start);
}

person.addEventListener("change", choose);
for (const button of document.querySelectorAll("[data-page]")) {
  button.addEventListener("click", () => frame.navigate(button.dataset.page));
}
choose();
"##;

/// `GET /portal.js`.
async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        PORTAL_JS,
    )
        .into_response()
}

/// `POST /token {user}`: a token for `user`, minted with the portal's key. Only the portal's own
/// page may ask (its `Origin`): another site's page must not get a session of the demo's
/// administrator through it.
async fn token(
    State(config): State<Arc<PortalConfig>>,
    headers: HeaderMap,
    axum::Json(body): axum::Json<EmbedTokenRequest>,
) -> Response {
    let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
    if origin != Some(config.origin.as_str()) {
        return (StatusCode::FORBIDDEN, "only the portal's own page may ask").into_response();
    }
    match mint(&config, &body.user).await {
        Ok(token) => axum::Json(token).into_response(),
        Err(why) => {
            tracing::warn!(%why, "no token from Roster");
            (StatusCode::BAD_GATEWAY, why).into_response()
        }
    }
}

/// Asks Roster for a token (`POST /api/v1/embed/tokens`, the key as bearer): plain HTTP/1.1 over
/// one connection, which is all a local demo needs and needs no HTTP client.
async fn mint(config: &PortalConfig, user: &str) -> Result<EmbedToken, String> {
    let authority = config
        .roster_url
        .strip_prefix("http://")
        .map(|rest| rest.trim_end_matches('/'))
        .filter(|a| !a.contains('/'))
        .ok_or("the sample portal reaches Roster over http:// only")?;
    let body = serde_json::to_string(&EmbedTokenRequest {
        user: user.to_owned(),
    })
    .map_err(|e| e.to_string())?;
    let request = format!(
        "POST /api/v1/embed/tokens HTTP/1.1\r\nHost: {authority}\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        config.secret,
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(authority)
        .await
        .map_err(|e| format!("cannot reach Roster at {authority}: {e}"))?;
    stream
        .write_all(request.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let mut answer = Vec::new();
    stream
        .read_to_end(&mut answer)
        .await
        .map_err(|e| e.to_string())?;
    let answer = String::from_utf8_lossy(&answer);
    let (head, body) = answer
        .split_once("\r\n\r\n")
        .ok_or("Roster's answer has no body")?;
    let status = head.split(' ').nth(1).unwrap_or_default();
    if status != "200" {
        return Err(format!("Roster answered {status}: {body}"));
    }
    serde_json::from_str(body).map_err(|e| format!("Roster's answer: {e}"))
}

/// `text` safe inside an HTML attribute or element.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
