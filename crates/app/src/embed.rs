//! Roster in a portal's iframe: the pages under `/embed/accounts/:account/…` ([`EmbedFrame`]),
//! drawn without the app's header and navigation, signed in by a session the portal hands over
//! rather than by a cookie, and talking to the portal by `postMessage` (its script, `/embed.js`,
//! is the other side).
//!
//! The pages: `users`, `users/new`, `users/:user`, `invitations` and `me` (My details: the
//! sections a person keeps of their own login, for a person who administers nothing) in the
//! administration bundle (`App`); `users/import` in the Import users bundle (`ImportApp`), which
//! has this frame too. The people's bundle, at its budget, has no embedded page: My details in a
//! frame is the administration bundle's. A page of the other bundle is loaded afresh in the frame
//! ([`framed_path`]), and is handed a session anew.
//!
//! The parent's origin: `location.ancestorOrigins[0]`, else the origin of `document.referrer`,
//! and only if the account names it among its embedding origins. The page learns those from its
//! own answer's `Content-Security-Policy` (`frame-ancestors`), asked again with a `HEAD` of its
//! own address: the one list the server keeps (`embed::pages` there), read with no endpoint of
//! its own and nothing written into the page. Without such an origin the page posts nothing and
//! listens to nobody.
//!
//! Messages are objects `{type: "roster:…", version: 1, …}`, posted to that exact origin only,
//! never to `*`:
//! - sent: `ready`; `resize {height}` (the document's height in CSS pixels, whenever it
//!   changes); `navigated {path}` (the page under the account: `users/7`, `me`); `event {name,
//!   id}` (`user.created`, `user.updated`, `user.invited`, `user.removed`, and the user's id;
//!   `import.finished` once an import has sent all its rows, or stopped at a cancel, and the
//!   account's id, for the results are many users);
//!   `session_expired` (a call answered 401: the portal hands over a new token); `error {code}`
//!   (a token refused: its stable code; the first one refused, the page says nothing opens);
//! - accepted from `window.parent` at that origin only: `session {token}` (exchanged at
//!   `POST /api/v1/embed/sessions`, the session then kept in memory only and sent as
//!   `Authorization: Bearer`), `navigate {path}` (a page under the account, `users/new`) and
//!   `theme {variables}` ([`THEME`]). Anything else, or from anywhere else, is ignored and logged
//!   to the console.

use crate::api;
use crate::components::frame::CurrentAccount;
use crate::flow::effect;
use crate::i18n::{Key, t};
use crate::session::{Signed, use_session};
use gloo_net::http::{Method, Request};
use js_sys::{Object, Reflect};
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Where the embedded pages are, the account's id after it.
const BASE: &str = "/embed/accounts";

/// The theme's variables, as the portal names them, and the custom property of the stylesheet
/// (`main.css`) each sets. A value is at most [`THEME_VALUE_MAX`] characters, without `;`, `{`,
/// `}`, `<` or `url(`: a colour, a length, a list of fonts.
pub const THEME: [(&str, &str); 5] = [
    ("accent", "--roster-accent"),
    ("text", "--roster-text"),
    ("background", "--roster-bg"),
    ("font", "--roster-font"),
    ("radius", "--roster-radius"),
];

/// The longest theme value taken.
const THEME_VALUE_MAX: usize = 200;

thread_local! {
    /// The parent's origin, once checked: every message goes there, and only its come in.
    static PARENT: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Whether the portal has been told the session ended, and not handed a new one yet.
    static EXPIRED: Cell<bool> = const { Cell::new(false) };
    /// Whether the page is an embedded one ([`EmbedFrame`] drawn).
    static EMBEDDED: Cell<bool> = const { Cell::new(false) };
    /// Whether the page is being left for another bundle's: the page loaded next says where the
    /// frame is.
    static LEAVING: Cell<bool> = const { Cell::new(false) };
}

/// The address an account's page at `path` (`/accounts/3/users`) is loaded at, the page being
/// left for it: in the frame (`/embed/accounts/3/users`) when the page is an embedded one, for no
/// portal may frame the other; `path` itself otherwise.
pub fn framed_path(path: String) -> String {
    LEAVING.set(true);
    if EMBEDDED.get() && path.starts_with("/accounts/") {
        format!("/embed{path}")
    } else {
        path
    }
}

/// Tells the portal, if the page is embedded, that `name` (`user.created`…) happened to the user
/// `id` (to the account `id`, for `import.finished`).
pub fn tell(name: &str, id: i64) {
    post(
        "event",
        &[("name", name.into()), ("id", (id as f64).into())],
    );
}

/// A call sent with the embedded session was answered 401: tells the portal, once until it hands a
/// new one over. The session is kept and sent still (it answers 401 until then): dropping it
/// would send the calls with whatever cookie the browser holds, someone else's maybe.
fn session_expired() {
    if !EXPIRED.replace(true) {
        post("session_expired", &[]);
    }
}

/// Posts `{type: "roster:KIND", version: 1, …fields}` to the parent, at its origin only.
fn post(kind: &str, fields: &[(&str, JsValue)]) {
    PARENT.with_borrow(|origin| {
        let (Some(origin), Ok(Some(parent))) = (origin, window().parent()) else {
            return;
        };
        let message = Object::new();
        let _ = Reflect::set(&message, &"type".into(), &format!("roster:{kind}").into());
        let _ = Reflect::set(&message, &"version".into(), &1.into());
        for (name, value) in fields {
            let _ = Reflect::set(&message, &(*name).into(), value);
        }
        let _ = parent.post_message(&message, origin);
    });
}

/// Logs a message the page does not act on.
fn ignored(why: &str, origin: &str) {
    web_sys::console::warn_2(
        &format!("Roster ignored a message ({why}) from").into(),
        &origin.into(),
    );
}

/// The origins of the `frame-ancestors` directive of `policy`; none for `'none'`.
pub fn frame_ancestors(policy: &str) -> Vec<String> {
    policy
        .split(';')
        .map(str::trim)
        .find_map(|directive| directive.strip_prefix("frame-ancestors "))
        .map(|sources| {
            sources
                .split_ascii_whitespace()
                .filter(|s| s.contains("://"))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// The origin of the page framing this one, as the browser tells it.
fn framing_origin() -> Option<String> {
    let location = window().location();
    let ancestors = Reflect::get(&location, &"ancestorOrigins".into()).ok();
    let first = ancestors
        .filter(|a| !a.is_undefined() && !a.is_null())
        .and_then(|a| Reflect::get(&a, &"0".into()).ok())
        .and_then(|o| o.as_string());
    first.or_else(|| {
        let referrer = document().referrer();
        web_sys::Url::new(&referrer).ok().map(|url| url.origin())
    })
}

/// Learns the account's embedding origins and checks the parent's against them; on success
/// keeps it (for [`post`]) and says `ready`.
async fn find_parent() -> bool {
    let framed = window()
        .parent()
        .ok()
        .flatten()
        .is_some_and(|parent| !Object::is(&parent, &window()));
    let Some(origin) = framing_origin().filter(|_| framed) else {
        return false;
    };
    let address = window().location().href().unwrap_or_default();
    let answer = Request::get(&address).method(Method::HEAD).send().await;
    let policy = answer
        .ok()
        .and_then(|a| a.headers().get("content-security-policy"))
        .unwrap_or_default();
    if !frame_ancestors(&policy).contains(&origin) {
        web_sys::console::error_2(&"Roster may not be framed by".into(), &origin.into());
        return false;
    }
    PARENT.with_borrow_mut(|parent| *parent = Some(origin));
    post("ready", &[]);
    true
}

/// What a message from the parent asks, once checked: its `type` and its data.
fn checked(ev: &web_sys::MessageEvent) -> Option<(String, JsValue)> {
    let origin = ev.origin();
    let expected = PARENT.with_borrow(|p| p.as_deref() == Some(origin.as_str()));
    let from_parent = match (ev.source(), window().parent()) {
        (Some(source), Ok(Some(parent))) => Object::is(&source, &parent),
        _ => false,
    };
    if !expected || !from_parent {
        ignored("not the parent", &origin);
        return None;
    }
    let data = ev.data();
    let field = |name: &str| Reflect::get(&data, &name.into()).ok();
    let kind = field("type").and_then(|k| k.as_string());
    let version = field("version").and_then(|v| v.as_f64());
    match (kind, version) {
        (Some(kind), Some(v)) if v == 1.0 && kind.starts_with("roster:") => Some((kind, data)),
        _ => {
            ignored("not a Roster message", &origin);
            None
        }
    }
}

/// Sets the theme's custom properties from the portal's `variables`; others are ignored.
fn apply_theme(variables: &JsValue) {
    let Some(root) = document()
        .document_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let style = root.style();
    for (name, property) in THEME {
        let Some(value) = Reflect::get(variables, &name.into())
            .ok()
            .and_then(|v| v.as_string())
        else {
            continue;
        };
        if theme_value_ok(&value) {
            let _ = style.set_property(property, &value);
        } else {
            ignored("a theme value not taken", name);
        }
    }
}

/// Whether `value` may be a theme variable's: short, and nothing but a value.
pub fn theme_value_ok(value: &str) -> bool {
    value.len() <= THEME_VALUE_MAX
        && !value.contains([';', '{', '}', '<', '\\'])
        && !value.to_ascii_lowercase().contains("url(")
}

/// The address of `page` under the account `account`, if it is one (no `..`, no other
/// account, no query to another site). Escapes (`%`) are for the query alone: in the path,
/// `%2e%2e` would be a `..` once decoded.
pub fn page_address(account: i64, page: &str) -> Option<String> {
    let page = page.trim_start_matches('/');
    let (path, query) = page.split_once('?').unwrap_or((page, ""));
    let plain = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/-_.".contains(c))
        && query
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.=&%+".contains(c));
    (plain && !path.contains("..") && !path.contains("//"))
        .then(|| format!("{BASE}/{account}/{page}"))
}

/// The state of the handover.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Handover {
    /// Waiting for the parent's check, then for its token.
    Waiting,
    /// Not framed by an origin the account names: nothing will come.
    Refused,
    /// Signed in with the session handed over.
    Done,
    /// The first session handed over was refused (used, run out, of another account): the
    /// portal is told with `error`, the person sees why nothing opens.
    Failed,
}

/// The frame of the embedded pages: no header or navigation, the page alone, once the portal
/// has handed a session over.
#[component]
pub fn EmbedFrame() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let id = crate::components::frame::account_in_address();
    EMBEDDED.set(true);
    api::set_hooks(api::Hooks {
        authorize: api::authorize,
        unauthorized: session_expired,
    });
    let current = CurrentAccount::new(id, BASE);
    provide_context(current);
    let state = RwSignal::new(Handover::Waiting);
    let navigate = StoredValue::new_local(use_navigate());

    // Tells the portal that a handover failed with `code`; the first one failing, the page says
    // so (a later one leaves the page as it is: its calls answer 401 and ask again).
    let refused = move |code: &str| {
        post("error", &[("code", code.into())]);
        if state.get_untracked() == Handover::Waiting {
            state.set(Handover::Failed);
        }
    };
    let exchange = move |token: String| {
        leptos::task::spawn_local(async move {
            let handed = match api::open_embed_session(token).await {
                Ok(s) if s.account == id.get_untracked() => s.session,
                Ok(_) => return refused("embed.token_invalid"),
                Err(e) => return refused(e.code.map_or("network", |c| c.as_str())),
            };
            api::set_bearer(Some(handed));
            EXPIRED.set(false);
            match api::me().await {
                Ok(me) => {
                    session.set(Signed::In(me));
                    state.set(Handover::Done);
                }
                Err(e) => refused(e.code.map_or("network", |c| c.as_str())),
            }
        });
    };

    let listener =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let Some((kind, data)) = checked(&ev) else {
                return;
            };
            let field =
                |name: &str| Reflect::get(&data, &name.into()).unwrap_or(JsValue::UNDEFINED);
            match kind.as_str() {
                "roster:session" => match field("token").as_string() {
                    Some(token) => exchange(token),
                    None => ignored("a session without a token", &ev.origin()),
                },
                "roster:navigate" => {
                    let page = field("path").as_string().unwrap_or_default();
                    match page_address(id.get_untracked(), &page) {
                        Some(address) => navigate.with_value(|go| go(&address, Default::default())),
                        None => ignored("a path outside the account", &ev.origin()),
                    }
                }
                "roster:theme" => apply_theme(&field("variables")),
                _ => ignored("an unknown type", &ev.origin()),
            }
        });
    let _ = window().add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
    // The page lives as long as the document: the listener too.
    listener.forget();

    // The document's height, whenever it changes.
    let resized = Closure::<dyn Fn()>::new(|| {
        if let Some(root) = document().document_element() {
            let height = root.get_bounding_client_rect().height().ceil();
            post("resize", &[("height", height.into())]);
        }
    });
    if let (Ok(observer), Some(root)) = (
        web_sys::ResizeObserver::new(resized.as_ref().unchecked_ref()),
        document().document_element(),
    ) {
        observer.observe(&root);
    }
    resized.forget();

    leptos::task::spawn_local(async move {
        if !find_parent().await {
            state.set(Handover::Refused);
        }
    });

    // The page shown, as the portal names it, from the first one the session shows; once the
    // page is drawn, and not if it is one left for another bundle's (`framed_path`), which the
    // page loaded next names.
    effect(move || {
        let path = location.pathname.get();
        let prefix = format!("{BASE}/{}/", id.get_untracked());
        if state.get() != Handover::Done {
            return;
        }
        if let Some(page) = path.strip_prefix(&prefix).map(str::to_owned) {
            set_timeout(
                move || {
                    if !LEAVING.get() {
                        post("navigated", &[("path", page.into())]);
                    }
                },
                std::time::Duration::ZERO,
            );
        }
    });

    move || {
        match state.get() {
        Handover::Done => view! {
            <main id="main" class="embedded" tabindex="-1">
                {move || current.notice().map(|notice| view! { <p class="notice" role="status">{notice}</p> })}
                <Outlet />
            </main>
        }
        .into_any(),
        Handover::Refused => view! {
            <main id="main" class="embedded"><p role="alert">{t(Key::EmbedNotFramed)}</p></main>
        }
        .into_any(),
        Handover::Failed => view! {
            <main id="main" class="embedded"><p role="alert">{t(Key::EmbedSessionRefused)}</p></main>
        }
        .into_any(),
        Handover::Waiting => {
            view! { <p class="loading" role="status">{t(Key::Loading)}</p> }.into_any()
        }
    }
    }
}

#[cfg(test)]
mod tests;
