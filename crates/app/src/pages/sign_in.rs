//! Signing in with username (or email) and password.

use crate::api::{self, ApiError};
use crate::components::field::TextField;
use crate::i18n::{Key, t};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

/// `/sign-in`.
#[component]
pub fn SignIn() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        let next = query
            .get_untracked()
            .get("next")
            .filter(|n| n.starts_with('/') && !n.starts_with("//"));
        spawn_local(async move {
            match api::sign_in(&username.get_untracked(), &password.get_untracked()).await {
                Ok(me) if me.must_change_password => {
                    session.must_change.set(true);
                    session.checked.set(true);
                    navigate("/change-password", Default::default());
                }
                Ok(me) => {
                    session.me.set(Some(me));
                    session.checked.set(true);
                    navigate(&next.unwrap_or_else(|| "/".into()), Default::default());
                }
                Err(err) => {
                    password.set(String::new());
                    error.set(Some(err));
                }
            }
            busy.set(false);
        });
    };

    view! {
        <main id="main" class="narrow" tabindex="-1">
            <h1>{t(Key::SignInTitle)}</h1>
            <p class="lead">{t(Key::SignInLead)}</p>
            <form on:submit=submit novalidate>
                {move || error.get().map(|e| view! { <p class="alert" role="alert">{e.message()}</p> })}
                <TextField id="username" label=t(Key::Username) value=username error=Signal::derive(|| None) autocomplete="username" required=true />
                <TextField id="password" label=t(Key::Password) value=password error=Signal::derive(|| None) kind="password" autocomplete="current-password" required=true />
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { t(Key::SigningIn) } else { t(Key::SignIn) }}
                </button>
            </form>
            <p><A href="/forgot-password">{t(Key::ForgotPassword)}</A></p>
        </main>
    }
}
