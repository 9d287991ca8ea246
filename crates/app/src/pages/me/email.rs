//! My email: a new address gets a link, and changes only when it is followed (`/confirm-email`).

use super::Mine;
use crate::api;
use crate::components::field::TextField;
use crate::components::loaded::alert;
use crate::flow::Act;
use crate::i18n::Say as _;
use crate::i18n::{Key, t};
use crate::pages::set_password::take_token;
use leptos::prelude::*;

#[component]
pub(super) fn EmailSection(mine: Mine) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let ask = Act::new(move |_: &()| {
        let (password, email) = (password.get_untracked(), email.get_untracked());
        async move {
            api::change_my_email(&password, email.trim())
                .await
                .inspect_err(|_| crate::components::summary::focus_refusal())?;
            // My details now show the address waiting.
            if let Ok(me) = api::my_details().await {
                mine.set(me);
            }
            api::ApiResult::Ok(())
        }
    });
    let server = move || ask.value().and_then(Result::err);
    let error_of = move |name: &'static str| {
        Signal::derive(move || server().and_then(|e| e.field(name)).map(|c| c.say()))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !ask.pending().get_untracked() {
            ask.clear();
            ask.dispatch(());
        }
    };
    let current = move || mine.get().map(|m| m.value.email).unwrap_or_default();
    let pending = move || mine.get().and_then(|m| m.value.pending_email);
    view! {
        <section class="card" aria-labelledby="email-heading">
            <h2 id="email-heading">{t(Key::Email)}</h2>
            <p>{current}</p>
            {move || pending().map(|p| view! {
                <p class="notice" role="status">{format!("{} {p}", t(Key::MyEmailPending))}</p>
            })}
            <form on:submit=submit novalidate>
                {move || server().filter(|e| e.fields.is_empty()).map(|e| alert(e.message()))}
                <TextField id="new-email" label=t(Key::MyNewEmail) value=email error=error_of("email") kind="email" autocomplete="email" required=true />
                <TextField id="email-password" label=t(Key::CurrentPassword) value=password error=error_of("current_password") kind="password" autocomplete="current-password" required=true />
                <button type="submit" disabled=move || ask.pending().get()>{t(Key::MyEmailSend)}</button>
            </form>
        </section>
    }
}

/// `/confirm-email#token=…`: follows the link sent to a new address, once the person clicks
/// (mail scanners open links too).
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let token = StoredValue::new(take_token());
    let confirm = Act::new(move |_: &()| {
        let token = token.get_value();
        async move { api::confirm_my_email(&token).await }
    });
    let done = move || matches!(confirm.value(), Some(Ok(())));
    let failed = move || confirm.value().and_then(Result::err);
    view! {
        <main id="main" class="narrow" tabindex="-1">
            <h1>{t(Key::MyEmailConfirmTitle)}</h1>
            {move || if done() {
                view! {
                    <p class="notice" role="status">{t(Key::MyEmailConfirmed)}</p>
                    <p><a href="/me">{t(Key::MyDetailsTitle)}</a></p>
                }.into_any()
            } else {
                view! {
                    {failed().map(|e| alert(e.message()))}
                    <p class="lead">{t(Key::MyEmailConfirmLead)}</p>
                    <button type="button" class="primary" on:click=move |_| confirm.dispatch(())
                        disabled=move || confirm.pending().get()>{t(Key::Continue)}</button>
                }.into_any()
            }}
        </main>
    }
}
