//! The start address: sends a signed-in administrator to the users of their first account, and
//! anyone else to sign in.

use crate::i18n::{Key, t};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// `/`.
#[component]
pub fn Home() -> impl IntoView {
    let session = use_session();
    move || {
        if !session.checked.get() {
            return view! { <p class="loading" role="status">{t(Key::Loading)}</p> }.into_any();
        }
        if session.must_change.get() {
            return view! { <Redirect path="/change-password" /> }.into_any();
        }
        let me = session.me.get();
        let Some(me) = me else {
            return view! { <Redirect path="/sign-in" /> }.into_any();
        };
        match me.accounts.iter().find(|a| a.role == "admin") {
            Some(account) => {
                view! { <Redirect path=format!("/accounts/{}/users", account.id) /> }.into_any()
            }
            None => view! {
                <main id="main" tabindex="-1">
                    <h1>{t(Key::NoAdminAccountTitle)}</h1>
                    <p>{t(Key::NoAdminAccountLead)}</p>
                </main>
            }
            .into_any(),
        }
    }
}
