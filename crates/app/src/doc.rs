//! What the document around every page holds: its title, which names the page, the account and
//! the product ("Users · Acme Records · Roster") so that a tab, the history and a screen reader's
//! first words say where one is; and the link that skips to the page's content.
//!
//! The title is one small helper for every page of the three bundles: the people's bundle, at
//! its budget, pays for it once (some 0.1 KB of brotli at most, within the measure's noise).

use crate::i18n::{Key, t};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Names the page in the document's title: `page` (with its account, "Users · Acme Records",
/// where there is one), then the product. Joined with `+` rather than `format!`, which the
/// people's bundle paid some 0.2 KB more for.
pub fn set_title(page: &str) {
    document().set_title(&(page.to_owned() + " · " + t(Key::ProductName)));
}

/// The first thing in the Tab order of the administration and Import users bundles: a link
/// that moves the keyboard's focus to the page's content (`<main id="main" tabindex="-1">`),
/// past the header. leptos_router's handling of a fragment link changes the address without
/// moving the focus. (The people's bundle has a plain link: the browser follows it, and moves
/// the focus to a target that takes it.)
#[component]
pub fn SkipLink() -> impl IntoView {
    let skip = |ev: leptos::ev::MouseEvent| {
        if let Some(main) = document()
            .get_element_by_id("main")
            .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
        {
            ev.prevent_default();
            let _ = main.focus();
        }
    };
    view! { <a class="skip-link" href="#main" on:click=skip>{t(Key::SkipToContent)}</a> }
}
