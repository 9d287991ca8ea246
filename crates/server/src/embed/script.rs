//! `/embed.js`: the script a portal loads to show Roster's pages in an iframe (`Roster.mount`),
//! documented in its own header. Built into the binary: it is Roster's side of the protocol as
//! much as the app is, and changes with it.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// The script's text.
pub const SCRIPT: &str = include_str!("embed.js");

/// `GET /embed.js`. Loaded by the portal's pages, on another origin: a plain script needs no
/// CORS, and `Cross-Origin-Resource-Policy: cross-origin` lets a portal that isolates itself
/// (`Cross-Origin-Embedder-Policy`) load it too. Checked again at each load (`spa::cache_policy`),
/// so that a portal gets the script of the Roster it frames.
pub async fn serve() -> Response {
    let mut response = SCRIPT.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    headers.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("cross-origin"),
    );
    response
}
