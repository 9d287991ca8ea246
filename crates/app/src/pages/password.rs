//! Forgotten password (ask for a link by email) and the password change that a temporary
//! password requires before anything else.

use crate::api::{self, ApiError};
use crate::components::field::TextField;
use crate::components::password::{NewPassword, NewPasswordFields};
use crate::i18n::{Key, t};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// `/forgot-password`.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let sent = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || email.get_untracked().trim().is_empty() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::request_reset(email.get_untracked().trim()).await {
                Ok(()) => sent.set(true),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <main id="main" class="narrow" tabindex="-1">
            <h1>{t(Key::ForgotTitle)}</h1>
            <Show when=move || !sent.get() fallback=|| view! { <p class="notice" role="status">{t(Key::ResetSent)}</p> }>
                <p class="lead">{t(Key::ForgotLead)}</p>
                <form on:submit=submit novalidate>
                    {move || error.get().map(|e| view! { <p class="alert" role="alert">{e.message()}</p> })}
                    <TextField id="email" label=t(Key::Email) value=email error=Signal::derive(|| None) kind="email" autocomplete="email" required=true />
                    <button type="submit" class="primary" disabled=move || busy.get()>{t(Key::SendLink)}</button>
                </form>
            </Show>
            <p><A href="/sign-in">{t(Key::BackToSignIn)}</A></p>
        </main>
    }
}

/// `/change-password`: required after signing in with a temporary password.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let current = RwSignal::new(String::new());
    // The server applies the strictest rule of the person's groups; 8 is the least any allows.
    let fields = NewPassword::new(8);
    let server = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let current_error = Signal::derive(move || {
        server
            .get()
            .and_then(|e| e.field("current_password"))
            .map(|c| c.message_en())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !fields.ready() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        server.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result =
                api::change_password(&current.get_untracked(), &fields.password.get_untracked())
                    .await;
            match result {
                Ok(()) => {
                    session.must_change.set(false);
                    session.me.set(api::me().await.ok());
                    navigate("/", Default::default());
                }
                Err(e) => server.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <main id="main" class="narrow" tabindex="-1">
            <h1>{t(Key::ChangePasswordTitle)}</h1>
            <p class="lead">{t(Key::ChangePasswordLead)}</p>
            <form on:submit=submit novalidate>
                {move || server.get().filter(|e| e.fields.is_empty()).map(|e| view! { <p class="alert" role="alert">{e.message()}</p> })}
                <TextField id="current-password" label=t(Key::CurrentPassword) value=current error=current_error kind="password" autocomplete="current-password" required=true />
                <NewPasswordFields fields=fields server=server field="new_password" />
                <button type="submit" class="primary" disabled=move || busy.get()>{t(Key::ChangePassword)}</button>
            </form>
        </main>
    }
}
