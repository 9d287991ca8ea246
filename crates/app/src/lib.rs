//! The Roster single-page app: the root component and its routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

pub mod i18n;
mod pages;

use i18n::{Key, t};

/// The root of the app: the page frame and the routes.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <header class="masthead">
                <a class="brand" href="/">{t(Key::ProductName)}</a>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::Home />
                </Routes>
            </main>
        </Router>
    }
}
