//! My activity: what was done to my login and by it, in every account, newest first, a page at
//! a time.

use crate::api::{self, ActivityItem};
use crate::components::loaded::alert;
use crate::flow::Act;
use crate::i18n::{Key, audit_action_label, t, utc};
use leptos::prelude::*;

fn entry(item: ActivityItem) -> impl IntoView {
    let mut details = Vec::new();
    if let Some(actor) = item.actor {
        details.push(format!("{} {actor}", t(Key::MyActivityBy)));
    }
    if let Some(account) = item.account {
        details.push(format!("{} {account}", t(Key::MyActivityIn)));
    }
    view! {
        <li>
            <time>{utc(item.at)}</time>" — "<strong>{audit_action_label(&item.action)}</strong>
            {(!details.is_empty()).then(|| view! { <br /><small>{details.join(" · ")}</small> })}
        </li>
    }
}

#[component]
pub(super) fn ActivitySection() -> impl IntoView {
    let items = RwSignal::new(Vec::<ActivityItem>::new());
    let more = RwSignal::new(false);
    // Reads the page older than `before` (the newest one first) and adds it to the list.
    let read = Act::new(move |before: &Option<i64>| {
        let before = *before;
        async move {
            let page = api::my_activity(before).await?;
            more.set(page.items.len() == 20);
            items.update(|all| all.extend(page.items));
            api::ApiResult::Ok(())
        }
    });
    read.dispatch(None);
    let older = move |_| {
        let last = items.with_untracked(|all| all.last().map(|i| i.id));
        read.dispatch(last);
    };
    view! {
        <section class="card" aria-labelledby="activity-heading">
            <h2 id="activity-heading">{t(Key::MyActivityTitle)}</h2>
            {move || read.value().and_then(Result::err).map(|e| alert(e.message()))}
            <ol class="plain">{move || items.get().into_iter().map(entry).collect_view()}</ol>
            {move || more.get().then(|| view! {
                <button type="button" on:click=older disabled=move || read.pending().get()>{t(Key::MyActivityOlder)}</button>
            })}
        </section>
    }
}
