//! `/join#token=…`: the person asked to join an account accepts or declines, from the emailed
//! link, most likely on a phone. Like the other link pages it reads the token from the fragment
//! and waits for a click before checking it (mail scanners open links); only an explicit
//! "Accept" makes the membership.

use crate::api::{self, ApiError, JoinLinkInfo, Joined};
use crate::components::loaded::alert;
use crate::flow::Act;
use crate::i18n::{Key, date_time, role_label, t};
use crate::pages::set_password::take_token;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where the page is.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// Waiting for the click that says a person, not a scanner, is here.
    Confirm,
    /// The request, to accept or decline.
    Asked(JoinLinkInfo),
    Accepted(Joined),
    Declined,
    /// The link no longer works (or never did), or the request is no longer valid.
    Failed(ApiError),
}

/// `/join#token=…`.
#[component]
pub fn JoinPage() -> impl IntoView {
    let token = StoredValue::new(take_token());
    let step = RwSignal::new(Step::Confirm);
    // Each new step is announced by moving the focus to the heading, as a new page would. The
    // heading is found in the document rather than by a `NodeRef`, whose code was this page's
    // alone in the people's bundle (0.3 KB of its brotli).
    let go = move |next: Step| {
        step.set(next);
        let heading = document().query_selector("main h1").ok().flatten();
        if let Some(h) = heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = h.focus();
        }
    };
    let check = Act::new(move |_: &()| {
        let token = token.get_value();
        async move {
            go(match api::check_join_link(&token).await {
                Ok(info) => Step::Asked(info),
                Err(e) => Step::Failed(e),
            });
        }
    });
    // Accepts (`true`) or declines the request.
    let answer = Act::new(move |accept: &bool| {
        let (token, accept) = (token.get_value(), *accept);
        async move {
            go(if accept {
                match api::accept_join(&token).await {
                    Ok(joined) => Step::Accepted(joined),
                    Err(e) => Step::Failed(e),
                }
            } else {
                match api::decline_join(&token).await {
                    Ok(()) => Step::Declined,
                    Err(e) => Step::Failed(e),
                }
            });
        }
    });
    // While the server is asked, the page waits as it did for the first click.
    let working = move || check.pending().get() || answer.pending().get();
    let shown = move || if working() { Step::Confirm } else { step.get() };
    view! {
        <main id="main" class="narrow" tabindex="-1">
            <h1 tabindex="-1">{move || match shown() {
                Step::Failed(_) => t(Key::LinkInvalidTitle),
                _ => t(Key::JoinTitle),
            }}</h1>
            {move || match shown() {
                Step::Confirm => view! {
                    <p class="lead">{t(Key::JoinConfirmLead)}</p>
                    <button type="button" class="primary" on:click=move |_| { check.dispatch(()); }
                        disabled=working>{t(Key::Continue)}</button>
                }.into_any(),
                Step::Asked(info) => view! {
                    <p class="lead"><strong>{info.account_name.clone()}</strong> " " {t(Key::JoinAsks)}</p>
                    <dl class="profile">
                        {info.requested_by.clone().map(|name| view! {
                            <dt>{t(Key::JoinAskedBy)}</dt><dd>{name}</dd>
                        })}
                        <dt>{t(Key::Role)}</dt><dd>{role_label(info.role)}</dd>
                        <dt>{t(Key::Expires)}</dt><dd>{date_time(info.expires_at)}</dd>
                    </dl>
                    <p>{t(Key::JoinExplain)}</p>
                    <div class="actions">
                        <button type="button" class="primary" on:click=move |_| { answer.dispatch(true); }>{t(Key::Accept)}</button>
                        <button type="button" on:click=move |_| { answer.dispatch(false); }>{t(Key::Decline)}</button>
                    </div>
                }.into_any(),
                Step::Accepted(joined) => view! {
                    <p class="notice" role="status">{t(Key::JoinAccepted)} " " <strong>{joined.account_name}</strong> "."</p>
                    <p><a href="/">{t(Key::NotFoundHome)}</a></p>
                }.into_any(),
                Step::Declined => view! {
                    <p class="notice" role="status">{t(Key::JoinDeclined)}</p>
                }.into_any(),
                Step::Failed(e) => alert(e.message()),
            }}
        </main>
    }
}
