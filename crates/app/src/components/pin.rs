//! The PIN check on a person's page: when they call, an administrator asks for the first four
//! digits of their authorization number and checks them here (the server throttles and logs it).

use crate::api;
use crate::components::field::TextField;
use crate::components::loaded::alert;
use crate::flow::Act;
use crate::i18n::Say as _;
use crate::i18n::{Key, t};
use leptos::prelude::*;

#[component]
pub fn PinCard(
    /// The account the person is seen in.
    account: Signal<i64>,
    user: i64,
) -> impl IntoView {
    let pin = RwSignal::new(String::new());
    let check = Act::new(move |_: &()| {
        let (account, pin) = (account.get_untracked(), pin.get_untracked());
        async move { api::check_pin(account, user, pin.trim()).await }
    });
    let server = move || check.value().and_then(Result::err);
    let pin_error = Signal::derive(move || server().and_then(|e| e.field("pin")).map(|c| c.say()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !check.pending().get_untracked() {
            check.clear();
            check.dispatch(());
        }
    };
    let answer = move || match check.value() {
        Some(Ok(true)) => {
            Some(view! { <p class="notice" role="status">{t(Key::PinMatches)}</p> }.into_any())
        }
        Some(Ok(false)) => Some(alert(t(Key::PinDoesNotMatch))),
        Some(Err(e)) if e.fields.is_empty() => Some(alert(e.message())),
        _ => None,
    };
    view! {
        <section aria-labelledby="pin-title" class="card">
            <h2 id="pin-title">{t(Key::PinTitle)}</h2>
            <p class="lead">{t(Key::PinLead)}</p>
            <form on:submit=submit novalidate>
                <TextField id="pin" label=t(Key::PinLabel) value=pin error=pin_error autocomplete="off" />
                <button type="submit" disabled=move || check.pending().get()>{t(Key::PinCheck)}</button>
                {answer}
            </form>
        </section>
    }
}
