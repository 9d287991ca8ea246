//! Transferring a person's licence seat to someone of the account who holds none, in one step
//! (000, 002: the seat is never lost or doubled on the way; the server moves it at once).

use crate::api::{self, ListQuery};
use crate::components::field::TextField;
use crate::components::loaded::alert;
use crate::flow::{Act, Load};
use crate::i18n::{Key, t};
use leptos::prelude::*;
use roster_domain::lifecycle::UserState;

/// How many people the search offers at once.
const OFFERED: i64 = 5;

#[component]
pub fn TransferCard(
    /// The account the seat is of.
    account: Signal<i64>,
    /// The person giving it.
    from: i64,
    /// The page's notice, which says the seat moved.
    notice: RwSignal<Option<&'static str>>,
    /// Called once it moved, to load the person again.
    on_change: Callback<()>,
) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<(i64, String)>);
    // Active people without a seat, matching what is typed.
    let found = Load::new(move || {
        let (a, q) = (account.get(), search.get());
        async move {
            let q = q.trim().to_owned();
            if q.is_empty() {
                return Vec::new();
            }
            let query = ListQuery {
                q: Some(q),
                state: Some(UserState::Active),
                licensed: Some(false),
                per_page: Some(OFFERED),
                ..ListQuery::default()
            };
            api::users(a, &query)
                .await
                .map(|page| page.items)
                .unwrap_or_default()
        }
    });
    let transfer = Act::new(move |to: &i64| {
        let (a, to) = (account.get_untracked(), *to);
        async move {
            api::transfer_licence(a, from, to).await?;
            notice.set(Some(t(Key::LicenceTransferred)));
            on_change.run(());
            api::ApiResult::Ok(())
        }
    });
    let people = move || {
        found.get().unwrap_or_default().into_iter().map(|p| {
            let name = format!("{} {}", p.first_name, p.last_name);
            let (id, label) = (p.id, format!("{name} ({})", p.email));
            view! {
                <label>
                    <input type="radio" name="transfer-to" prop:checked=move || chosen.get().is_some_and(|(c, _)| c == id)
                        on:change=move |_| chosen.set(Some((id, name.clone()))) />
                    {label}
                </label>
            }
        }).collect_view()
    };
    let go = move |_| {
        if let Some((to, _)) = chosen.get_untracked() {
            transfer.dispatch(to);
        }
    };
    view! {
        <section aria-labelledby="transfer-title" class="card">
            <h2 id="transfer-title">{t(Key::TransferTitle)}</h2>
            <p class="lead">{t(Key::TransferLead)}</p>
            {move || transfer.value().and_then(Result::err).map(|e| alert(e.message()))}
            <TextField id="transfer-search" label=t(Key::TransferSearch) value=search error=Signal::derive(|| None) kind="search" />
            <fieldset class="choices">
                <legend class="visually-hidden">{t(Key::TransferSearch)}</legend>
                {people}
            </fieldset>
            <button type="button" class="primary" disabled=move || chosen.get().is_none() || transfer.pending().get() on:click=go>
                {move || chosen.get().map_or_else(|| t(Key::TransferTitle).to_owned(), |(_, name)| format!("{} {name}", t(Key::TransferTo)))}
            </button>
        </section>
    }
}
