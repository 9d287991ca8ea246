//! Where I am signed in: sign out one session, or every one but this.

use crate::api::{self, MySession};
use crate::components::loaded::alert;
use crate::flow::Act;
use crate::i18n::{Key, t, utc};
use leptos::prelude::*;

#[component]
pub(super) fn SessionsSection() -> impl IntoView {
    let sessions = Act::new(|_: &()| api::my_sessions());
    sessions.dispatch(());
    // Ends session `Some(id)`, or every other one (`None`), then reads the list again.
    let end = Act::new(move |which: &Option<i64>| {
        let which = *which;
        async move {
            match which {
                Some(id) => api::end_my_session(id).await?,
                None => api::end_my_other_sessions().await?,
            }
            sessions.dispatch(());
            api::ApiResult::Ok(())
        }
    });
    let item = move |s: MySession| {
        let device = if s.device.is_empty() {
            t(Key::MySessionUnknownDevice).to_owned()
        } else {
            s.device.clone()
        };
        let id = s.id;
        view! {
            <li>
                <strong>{device}</strong>
                {s.current.then(|| view! { " " <span class="badge">{t(Key::MySessionThisDevice)}</span> })}
                <br />
                <small>{format!("{} {} · {} {}", t(Key::MySessionStarted), utc(s.started_at), t(Key::MySessionLastSeen), utc(s.last_seen_at))}</small>
                {(!s.current).then(|| view! {
                    " " <button type="button" class="link" on:click=move |_| end.dispatch(Some(id))
                        disabled=move || end.pending().get()>{t(Key::SignOut)}</button>
                })}
            </li>
        }
    };
    let list = move || match sessions.value() {
        None => view! { <p role="status">{t(Key::Loading)}</p> }.into_any(),
        Some(Err(e)) => alert(e.message()),
        Some(Ok(found)) => {
            let others = found.items.iter().any(|s| !s.current);
            view! {
                <ul class="plain">{found.items.into_iter().map(item).collect_view()}</ul>
                {others.then(|| view! {
                    <button type="button" on:click=move |_| end.dispatch(None)
                        disabled=move || end.pending().get()>{t(Key::MySessionsEndOthers)}</button>
                })}
            }
            .into_any()
        }
    };
    view! {
        <section class="card" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{t(Key::MySessionsTitle)}</h2>
            {move || end.value().and_then(Result::err).map(|e| alert(e.message()))}
            {list}
        </section>
    }
}
