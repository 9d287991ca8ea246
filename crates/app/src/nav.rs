//! The people's bundle's navigation: its own few lines rather than leptos_router, whose router,
//! route matching and links were some 30 KB of the bundle's brotli, a quarter of the 120 KB a
//! phone may download to sign in.
//!
//! The page shown follows the path of the address bar. A link to another page of the bundle, or
//! [`Nav::go`], changes the address and the page without loading anything (as leptos_router's
//! links do); any other address is loaded afresh, and the server answers it with the bundle that
//! has its page.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// A page of the bundle: its name in the document's title, and how it is drawn.
pub type Page = (&'static str, fn() -> AnyView);

/// The bundle's routes: the page at a path, `None` for another bundle's path.
pub type Table = fn(&str) -> Option<Page>;

/// The path shown and the routes; from [`use_nav`].
#[derive(Clone, Copy)]
pub struct Nav {
    path: RwSignal<String>,
    table: Table,
}

impl Nav {
    /// Goes to `address` (a path, with its query and fragment if any).
    pub fn go(&self, address: &str) {
        self.move_to(address, false);
    }

    /// Goes to `address` in place of the current address (as a redirect does: the way back skips
    /// the page that sent on).
    pub fn redirect(&self, address: &str) {
        self.move_to(address, true);
    }

    fn move_to(&self, address: &str, replace: bool) {
        let window = window();
        let location = window.location();
        // Only within Roster (to a browser, `/\host` is another site's address).
        let origin = location.origin().unwrap_or_default();
        let Ok(url) = web_sys::Url::new_with_base(address, &origin) else {
            return;
        };
        if url.origin() != origin {
            return;
        }
        let path = url.pathname();
        let address = format!("{path}{}{}", url.search(), url.hash());
        // Another bundle's page, or this one's in the language the app now follows.
        if (self.table)(&path).is_none() || crate::i18n::stale() {
            let _ = if replace {
                location.replace(&address)
            } else {
                location.assign(&address)
            };
            return;
        }
        if let Ok(history) = window.history() {
            let _ = if replace {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&address))
            } else {
                history.push_state_with_url(&JsValue::NULL, "", Some(&address))
            };
        }
        window.scroll_to_with_x_and_y(0.0, 0.0);
        self.path.set(path);
    }
}

/// The navigation of the bundle, made by [`Pages`].
pub fn use_nav() -> Nav {
    use_context::<Nav>().unwrap_or_else(|| Nav {
        path: RwSignal::new(pathname()),
        table: |_| None,
    })
}

/// The value of `name` in the address's query string.
pub fn query(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// Loads `address` afresh, from the server (another bundle's page).
pub fn full_load(address: &str) {
    let _ = window().location().assign(address);
}

fn pathname() -> String {
    window().location().pathname().unwrap_or_default()
}

/// The page of the address bar's path, following it and named in the document's title; another
/// bundle's path is loaded afresh.
#[component]
pub fn Pages(table: Table) -> impl IntoView {
    let path = RwSignal::new(pathname());
    let nav = Nav { path, table };
    provide_context(nav);
    // The way back and forth through the pages this bundle showed.
    let _ = window_event_listener_untyped("popstate", move |_| path.set(pathname()));
    let _ = window_event_listener_untyped("click", move |ev| follow(nav, ev));
    let shown = Memo::new(move |_| path.get());
    move || match table(&shown.get()) {
        Some((title, page)) => {
            crate::doc::set_title(title);
            page()
        }
        None => {
            let location = window().location();
            let search = location.search().unwrap_or_default();
            let hash = location.hash().unwrap_or_default();
            full_load(&format!("{}{search}{hash}", shown.get_untracked()));
            view! { <p role="status">{crate::i18n::t(crate::i18n::Key::Loading)}</p> }.into_any()
        }
    }
}

/// Follows a plain click on a link to a page of the bundle without loading anything; a link
/// elsewhere, or opened in a new tab or window, is the browser's.
fn follow(nav: Nav, ev: web_sys::Event) {
    let Ok(click) = ev.dyn_into::<web_sys::MouseEvent>() else {
        return;
    };
    if click.default_prevented()
        || click.button() != 0
        || click.ctrl_key()
        || click.meta_key()
        || click.shift_key()
        || click.alt_key()
    {
        return;
    }
    let link = click
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    let Some(link) = link else {
        return;
    };
    let location = window().location();
    let same_page = location.pathname().is_ok_and(|p| p == link.pathname())
        && location.search().is_ok_and(|s| s == link.search());
    if location.origin().is_ok_and(|o| o != link.origin())
        || !link.target().is_empty()
        || link.has_attribute("download")
        // A fragment of the page itself (the skip link): the browser moves to it, and the focus
        // with it (the target, `<main tabindex="-1">`, takes the focus).
        || (same_page && !link.hash().is_empty())
        || (nav.table)(&link.pathname()).is_none()
    {
        return;
    }
    click.prevent_default();
    nav.go(&format!(
        "{}{}{}",
        link.pathname(),
        link.search(),
        link.hash()
    ));
}
