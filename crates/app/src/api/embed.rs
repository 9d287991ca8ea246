//! The embedded page's own calls: exchanging the portal's token for a session, and the session
//! then sent with every call ([`super::send`]) as `Authorization: Bearer`, kept in memory only;
//! and the account's portal keys, for its settings.
//!
//! [`super::send`] reaches this module through [`Hooks`] that the embedded page installs, not by
//! calling it: the people's bundle, which has no embedded page, then links none of it (its
//! budget has no room for it).

use super::{ApiResult, BASE, get, receive, send, with_body};
use gloo_net::http::Request;
use roster_api::embed::{
    EmbedSession, EmbedSessionRequest, NewPortalKey, PortalKey, PortalKeyCreated, PortalKeyList,
};
use std::cell::{Cell, RefCell};

/// What an embedded page does to every call.
#[derive(Debug, Clone, Copy)]
pub struct Hooks {
    /// Adds the session to the request; whether there was one to add.
    pub authorize: fn(&Request) -> bool,
    /// A call sent with the session was answered 401.
    pub unauthorized: fn(),
}

thread_local! {
    /// The embedded page's hooks, once it is one.
    static HOOKS: Cell<Option<Hooks>> = const { Cell::new(None) };
    /// The embedded session, once handed over; never stored anywhere else.
    static BEARER: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Makes every later call go through `hooks`.
pub fn set_hooks(hooks: Hooks) {
    HOOKS.set(Some(hooks));
}

/// The hooks installed, if any.
pub(super) fn hooks() -> Option<Hooks> {
    HOOKS.get()
}

/// Sends every later call with `session` (or without a bearer, with `None`).
pub fn set_bearer(session: Option<String>) {
    BEARER.with_borrow_mut(|bearer| *bearer = session);
}

/// Adds the embedded session to `request` as `Authorization: Bearer`, if there is one.
pub fn authorize(request: &Request) -> bool {
    BEARER.with_borrow(|bearer| {
        bearer.as_ref().is_some_and(|session| {
            request
                .headers()
                .set("Authorization", &format!("Bearer {session}"));
            true
        })
    })
}

/// Exchanges the portal's single-use token for an embedded session (`embed.token_invalid`, 410,
/// once it is spent or too old).
pub async fn open_embed_session(token: String) -> ApiResult<EmbedSession> {
    let url = format!("{BASE}/embed/sessions");
    receive(with_body(
        Request::post(&url),
        &EmbedSessionRequest { token },
    ))
    .await?
    .json()
}

/// The account's portal keys, without their secrets (403 unless the top level of every
/// authority is held).
pub async fn portal_keys(account: i64) -> ApiResult<Vec<PortalKey>> {
    let url = format!("/accounts/{account}/embed-keys");
    Ok(receive(get(&url)).await?.json::<PortalKeyList>()?.items)
}

/// Makes a portal key named `name`; its secret is in this answer only.
pub async fn create_portal_key(account: i64, name: String) -> ApiResult<PortalKeyCreated> {
    let url = format!("{BASE}/accounts/{account}/embed-keys");
    receive(with_body(Request::post(&url), &NewPortalKey { name }))
        .await?
        .json()
}

/// Revokes a portal key: its tokens stop working and the sessions opened with them end.
pub async fn revoke_portal_key(account: i64, key: i64) -> ApiResult<()> {
    let url = format!("{BASE}/accounts/{account}/embed-keys/{key}");
    send(Request::delete(&url).build()).await.map(|_| ())
}
