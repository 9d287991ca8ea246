//! One page of the users list: the table, and the pager under it.

use super::{ListAddress, last_page};
use crate::api::ListPage;
use crate::components::frame::use_account;
use crate::i18n::{Key, role_label, t, user_state_label};
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::BTreeSet;

/// The table of one page of users.
#[component]
pub(super) fn UserTable(page: ListPage, selected: RwSignal<BTreeSet<i64>>) -> impl IntoView {
    let account = use_account();
    if page.items.is_empty() {
        return view! { <p class="empty">{t(Key::NoUsers)}</p> }.into_any();
    }
    let ids: Vec<i64> = page.items.iter().map(|u| u.id).collect();
    let all_ids = ids.clone();
    let all_selected = move || all_ids.iter().all(|id| selected.get().contains(id));
    let toggle_all = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        selected.update(|s| {
            for id in &ids {
                if on {
                    s.insert(*id);
                } else {
                    s.remove(id);
                }
            }
        });
    };
    view! {
        <div class="table-wrap">
            <table class="users">
                <thead>
                    <tr>
                        <th scope="col" class="check">
                            <input type="checkbox" aria-label=t(Key::SelectAll) prop:checked=all_selected on:change=toggle_all />
                        </th>
                        <th scope="col">{t(Key::Name)}</th>
                        <th scope="col" class="email">{t(Key::Email)}</th>
                        <th scope="col">{t(Key::State)}</th>
                        <th scope="col" class="wide">{t(Key::Role)}</th>
                        <th scope="col" class="wide">{t(Key::Group)}</th>
                        <th scope="col" class="wide">{t(Key::Licence)}</th>
                    </tr>
                </thead>
                <tbody>
                    {page.items.into_iter().map(|u| {
                        let id = u.id;
                        let name = format!("{} {}", u.first_name, u.last_name);
                        let label = format!("{} {name}", t(Key::SelectUser));
                        view! {
                            <tr>
                                <td class="check">
                                    <input type="checkbox" aria-label=label
                                        prop:checked=move || selected.get().contains(&id)
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                                        } />
                                </td>
                                <td>
                                    <A href=account.href(&format!("users/{id}"))>{name.clone()}</A>
                                    <span class="sub">{breakable(&u.email)}</span>
                                </td>
                                <td class="email">{breakable(&u.email)}</td>
                                <td><span class=format!("badge state-{}", u.state.as_str())>{user_state_label(u.state, u.invitation_expires_at)}</span>
                                    {u.outside_approved_domains.then(|| view! { " " <span class="badge warning">{t(Key::OutsideDomains)}</span> })}</td>
                                <td class="wide">{role_label(u.role)}</td>
                                <td class="wide">{u.group_name}</td>
                                <td class="wide">{if u.licensed { t(Key::Licensed) } else { t(Key::NotLicensed) }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// An email that a narrow column wraps only where a reader expects a break, never in the middle
/// of a word: before its `@`, the domain going whole to the next line while it fits one
/// (`helene.dupont93` / `@acme.test`), and before a dot.
fn breakable(email: &str) -> AnyView {
    let (local, domain) = match email.rsplit_once('@') {
        Some((local, domain)) => (local, Some(domain)),
        None => (email, None),
    };
    view! {
        {dotted(local)}
        {domain.map(|d| view! { <wbr /><span class="domain">"@"{dotted(d)}</span> })}
    }
    .into_any()
}

/// `text` with a line break allowed before each of its dots.
fn dotted(text: &str) -> AnyView {
    text.split('.')
        .enumerate()
        .map(|(i, part)| view! { {(i > 0).then(|| view! { <wbr />"." })} {part.to_owned()} })
        .collect_view()
        .into_any()
}

/// Previous and next page, and where we are: the page shown, which the address names before it
/// is loaded.
#[component]
pub(super) fn Pager(
    /// The list's query, whose page the buttons change.
    list: ListAddress,
    /// The page shown, from 1.
    page: i64,
    /// How many users the query finds.
    total: i64,
) -> impl IntoView {
    let last = last_page(total);
    // A page is a step of the way back, as a link to it would be.
    let go = move |to: i64| list.change(|q| q.page = Some(to), false);
    let people = usize::try_from(total).unwrap_or_default();
    let status = format!(
        "{} {page} / {last} · {} {}",
        t(Key::PageOf),
        crate::i18n::number(people),
        crate::i18n::by_count(people, t(Key::UserTotalOne), t(Key::UsersTotal))
    );
    view! {
        <nav class="pager" aria-label=t(Key::Pages)>
            <button type="button" disabled={page <= 1} on:click=move |_| go(page - 1)>{t(Key::Previous)}</button>
            <span role="status">{status}</span>
            <button type="button" disabled={page >= last} on:click=move |_| go(page + 1)>{t(Key::Next)}</button>
        </nav>
    }
}
