//! Signing in with username (or email) and password.

use crate::api;
use crate::components::field::TextField;
use crate::components::loaded::alert;
use crate::flow::Act;
use crate::i18n::{Key, t};
use crate::nav::{query, use_nav};
use crate::session::{Signed, use_session};
use leptos::prelude::*;

/// `/sign-in`.
#[component]
pub fn SignIn() -> impl IntoView {
    let session = use_session();
    let nav = use_nav();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // Signs in and goes on; the refusal, if any, is the action's value.
    let sign_in = Act::new(move |_: &()| {
        let next = query("next").filter(|n| n.starts_with('/') && !n.starts_with("//"));
        let (name, secret) = (username.get_untracked(), password.get_untracked());
        async move {
            match api::sign_in(&name, &secret).await {
                Ok(me) if me.must_change_password => {
                    session.set(Signed::MustChangePassword);
                    nav.go("/change-password");
                    None
                }
                Ok(me) => {
                    session.set(Signed::In(me));
                    nav.go(next.as_deref().unwrap_or("/"));
                    None
                }
                Err(err) => {
                    password.set(String::new());
                    crate::components::summary::focus_refusal();
                    Some(err)
                }
            }
        }
    });
    let busy = sign_in.pending();
    let error = move || sign_in.value().flatten();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        // The alert goes, so that a second refusal is announced again.
        sign_in.clear();
        sign_in.dispatch(());
    };

    view! {
        <crate::components::language::LanguageSwitch />
        <main id="main" class="narrow" tabindex="-1">
            <h1>{t(Key::SignInTitle)}</h1>
            <p class="lead">{t(Key::SignInLead)}</p>
            <form on:submit=submit novalidate>
                {move || error().map(|e| alert(e.message()))}
                <TextField id="username" label=t(Key::Username) value=username error=Signal::derive(|| None) autocomplete="username" required=true />
                <TextField id="password" label=t(Key::Password) value=password error=Signal::derive(|| None) kind="password" autocomplete="current-password" required=true />
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { t(Key::SigningIn) } else { t(Key::SignIn) }}
                </button>
            </form>
            <p><a href="/forgot-password">{t(Key::ForgotPassword)}</a></p>
        </main>
    }
}
