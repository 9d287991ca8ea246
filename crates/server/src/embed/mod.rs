//! Embedding Roster in a portal: the account's portal keys ([`keys`]), handing a person's session
//! over to an iframe without a cookie ([`handover`]), what such a session may reach ([`scope`]),
//! the `frame-ancestors` of the embedded pages ([`pages`]), and the portal's script, `/embed.js`
//! ([`script`]).
//!
//! The portal's back end holds a key and asks for a single-use token for one of the account's
//! active people (`POST /embed/tokens`, at most 60 seconds); the iframe exchanges it
//! (`POST /embed/sessions`) for a session it keeps in memory and sends as `Authorization: Bearer`.
//! That session acts with the person's own rights in the key's account only: anything of another
//! account answers 404, as something that does not exist does.

pub(crate) mod handover;
pub(crate) mod keys;
pub(crate) mod pages;
pub(crate) mod scope;
pub(crate) mod script;

use crate::state::AppState;
use axum::Router;
use axum::routing::{delete, get, post};

/// The embedding routes, under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/accounts/{account}/embed-keys",
            get(keys::list).post(keys::create),
        )
        .route("/accounts/{account}/embed-keys/{key}", delete(keys::revoke))
        .route("/embed/tokens", post(handover::token))
        .route("/embed/sessions", post(handover::session))
}
