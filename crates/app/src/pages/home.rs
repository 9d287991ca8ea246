//! The start page. Until sign-in exists it says plainly that this is the app's shell.

use crate::i18n::{Key, t};
use leptos::prelude::*;

/// The start page.
#[component]
pub fn Home() -> impl IntoView {
    view! {
        <section aria-labelledby="home-title">
            <h1 id="home-title">{t(Key::HomeTitle)}</h1>
            <p class="lead">{t(Key::HomeLead)}</p>
            <p role="status">{t(Key::HomeComingSoon)}</p>
        </section>
    }
}
