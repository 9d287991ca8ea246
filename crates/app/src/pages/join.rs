//! `/join#token=…`: the person asked to join an account accepts or declines, from the emailed
//! link, most likely on a phone. Like the other link pages it reads the token from the fragment
//! and waits for a click before checking it (mail scanners open links); only an explicit
//! "Accept" makes the membership.

use crate::api::{self, ApiError, JoinLinkInfo, Joined};
use crate::i18n::{Key, role_label, t, utc};
use crate::pages::link::take_token;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// Where the page is.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// Waiting for the click that says a person, not a scanner, is here.
    Confirm,
    Working,
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
    let heading = NodeRef::<leptos::html::H1>::new();
    // Each new step is announced by moving the focus to the heading, as a new page would.
    let go = move |next: Step| {
        step.set(next);
        if let Some(h) = heading.get_untracked() {
            let _ = h.focus();
        }
    };
    let check = move |_| {
        step.set(Step::Working);
        spawn_local(async move {
            go(match api::check_join_link(&token.get_value()).await {
                Ok(info) => Step::Asked(info),
                Err(e) => Step::Failed(e),
            });
        });
    };
    let answer = move |accept: bool| {
        step.set(Step::Working);
        spawn_local(async move {
            let token = token.get_value();
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
        });
    };
    view! {
        <main id="main" class="narrow" tabindex="-1">
            <h1 node_ref=heading tabindex="-1">{move || match step.get() {
                Step::Failed(_) => t(Key::LinkInvalidTitle),
                _ => t(Key::JoinTitle),
            }}</h1>
            {move || match step.get() {
                Step::Confirm | Step::Working => view! {
                    <p class="lead">{t(Key::JoinConfirmLead)}</p>
                    <button type="button" class="primary" on:click=check
                        disabled=move || step.get() == Step::Working>{t(Key::Continue)}</button>
                }.into_any(),
                Step::Asked(info) => view! {
                    <p class="lead"><strong>{info.account_name.clone()}</strong> " " {t(Key::JoinAsks)}</p>
                    <dl class="profile">
                        {info.requested_by.clone().map(|name| view! {
                            <dt>{t(Key::JoinAskedBy)}</dt><dd>{name}</dd>
                        })}
                        <dt>{t(Key::Role)}</dt><dd>{role_label(info.role)}</dd>
                        <dt>{t(Key::Expires)}</dt><dd>{utc(info.expires_at)}</dd>
                    </dl>
                    <p>{t(Key::JoinExplain)}</p>
                    <div class="actions">
                        <button type="button" class="primary" on:click=move |_| answer(true)>{t(Key::Accept)}</button>
                        <button type="button" on:click=move |_| answer(false)>{t(Key::Decline)}</button>
                    </div>
                }.into_any(),
                Step::Accepted(joined) => view! {
                    <p class="notice" role="status">{t(Key::JoinAccepted)} " " <strong>{joined.account_name}</strong> "."</p>
                    <p><A href="/">{t(Key::NotFoundHome)}</A></p>
                }.into_any(),
                Step::Declined => view! {
                    <p class="notice" role="status">{t(Key::JoinDeclined)}</p>
                }.into_any(),
                Step::Failed(e) => view! {
                    <p class="alert" role="alert">{e.message()}</p>
                }.into_any(),
            }}
        </main>
    }
}
