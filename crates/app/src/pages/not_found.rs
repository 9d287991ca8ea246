//! What an unknown address shows: the server answers every app route with the app, and the app
//! says when it has no such page.

use crate::i18n::{Key, t};
use leptos::prelude::*;

/// The page for an address the app does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    crate::doc::set_title(t(Key::NotFoundTitle));
    view! {
        <main id="main" class="narrow" tabindex="-1">
            <h1>{t(Key::NotFoundTitle)}</h1>
            <p>{t(Key::NotFoundLead)}</p>
            <p><a href="/">{t(Key::NotFoundHome)}</a></p>
        </main>
    }
}
