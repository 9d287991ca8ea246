//! My accounts, with my role, group, licence and levels in each (the administrators set them),
//! and the requests to join another one, to accept or decline.

use super::Mine;
use crate::api::{self, MyAccount, MyJoinRequest};
use crate::components::loaded::alert;
use crate::flow::Act;
use crate::i18n::{Key, role_label, t, utc};
use leptos::prelude::*;

fn account(a: MyAccount) -> impl IntoView {
    let levels: Vec<String> = a
        .authorities
        .iter()
        .map(|(k, l)| crate::i18n::labelled(k, l))
        .collect();
    let licence = t(if a.licensed {
        Key::Licensed
    } else {
        Key::NotLicensed
    });
    view! {
        <li>
            <strong>{a.name}</strong>
            <dl class="profile">
                <dt>{t(Key::Role)}</dt><dd>{role_label(a.role)}</dd>
                <dt>{t(Key::Group)}</dt><dd>{a.group_name}</dd>
                <dt>{t(Key::Licence)}</dt><dd>{licence}</dd>
                <dt>{t(Key::MyLevels)}</dt>
                <dd>{if levels.is_empty() { t(Key::NoAuthority).to_owned() } else { levels.join(", ") }}</dd>
            </dl>
        </li>
    }
}

#[component]
pub(super) fn AccountsSection(mine: Mine) -> impl IntoView {
    let requests = Act::new(|_: &()| api::my_join_requests());
    requests.dispatch(());
    let answer = Act::new(move |(id, accept): &(i64, bool)| {
        let (id, accept) = (*id, *accept);
        async move {
            api::answer_my_join_request(id, accept).await?;
            requests.dispatch(());
            if let Ok(me) = api::my_details().await {
                mine.set(me);
            }
            api::ApiResult::Ok(())
        }
    });
    let request = move |r: MyJoinRequest| {
        let id = r.id;
        let asked = format!(
            "{} — {} ({} {})",
            r.account_name,
            role_label(r.role),
            t(Key::MyJoinUntil),
            utc(r.expires_at)
        );
        view! {
            <li>
                <p>{asked}</p>
                {r.requested_by.map(|by| view! { <p><small>{format!("{} {by}", t(Key::MyJoinAskedBy))}</small></p> })}
                <button type="button" class="primary" on:click=move |_| answer.dispatch((id, true))
                    disabled=move || answer.pending().get()>{t(Key::Accept)}</button>
                " "
                <button type="button" on:click=move |_| answer.dispatch((id, false))
                    disabled=move || answer.pending().get()>{t(Key::Decline)}</button>
            </li>
        }
    };
    let waiting = move || match requests.value() {
        Some(Ok(found)) if !found.items.is_empty() => view! {
            <h3>{t(Key::MyJoinTitle)}</h3>
            <ul class="plain">{found.items.into_iter().map(request).collect_view()}</ul>
        }
        .into_any(),
        Some(Err(e)) => alert(e.message()),
        _ => ().into_any(),
    };
    let accounts = move || {
        mine.get()
            .map(|m| m.value.accounts.into_iter().map(account).collect_view())
    };
    view! {
        <section class="card" aria-labelledby="accounts-heading">
            <h2 id="accounts-heading">{t(Key::MyAccountsTitle)}</h2>
            {move || answer.value().and_then(Result::err).map(|e| alert(e.message()))}
            {waiting}
            <ul class="plain">{accounts}</ul>
        </section>
    }
}
