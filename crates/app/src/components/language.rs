//! The other language, offered on the pages of people signed out: sign-in, the forgotten
//! password, and the activation and reset links (after signing in, the app follows the
//! person's own language, which My details changes).

use crate::i18n::{follow, other_language, reload_if_stale};
use leptos::prelude::*;

thread_local! {
    /// The address a page took a link's token off (path and fragment), for the page loaded
    /// again in the other language.
    static KEPT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Keeps `address` (with the fragment taken off it) for a reload in the other language.
pub fn keep_for_reload(address: String) {
    KEPT.with(|kept| *kept.borrow_mut() = address);
}

/// A button naming the other language in that language; choosing it loads the page again in it
/// (the people's pages are built once a language, and the server answers with the one chosen).
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let (other, code, name) = other_language();
    let choose = move |_| {
        follow(other);
        // The link's token back in the address, for the page loaded again to read.
        let kept = KEPT.with(|kept| kept.take());
        if !kept.is_empty()
            && let Ok(history) = window().history()
        {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&kept));
        }
        reload_if_stale();
    };
    view! {
        <p class="language">
            <button type="button" class="link" lang=code on:click=choose>{name}</button>
        </p>
    }
}
