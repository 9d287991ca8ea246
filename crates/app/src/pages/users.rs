//! The users of an account: search as you type, filters, sort, pages with the total, and
//! actions on many users at once with a result for each.

use crate::api::{self, ApiResult, ListPage, ListQuery, UserAction, UserChanges};
use crate::components::frame::use_account;
use crate::components::loaded::Loaded;
use crate::components::profile::{GroupOptions, use_groups};
use crate::components::results::{Outcome, Results};
use crate::components::shown::Shown;
use crate::flow::{Act, Load, effect};
use crate::i18n::{Key, role_label, state_label, t, user_action_label, user_state_label};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use leptos_router::components::A;
use roster_domain::authz::Role;
use roster_domain::lifecycle::UserState;
use std::collections::BTreeSet;

/// An action on the users chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bulk {
    Invite,
    Act(UserAction),
    /// To the group chosen beside the button.
    Move,
}

/// How long typing must pause before a search is sent.
const DEBOUNCE_MS: u32 = 250;
const PER_PAGE: i64 = 25;

/// `/accounts/:account/users`.
#[component]
pub fn UsersPage() -> impl IntoView {
    let account = use_account();
    let typed = RwSignal::new(String::new());
    let query = RwSignal::new(ListQuery {
        per_page: Some(PER_PAGE),
        page: Some(1),
        ..ListQuery::default()
    });
    // Fetched again whenever the account or the query changes; the resource keeps only the
    // answer to the latest request, however late an earlier one arrives.
    let page = Load::new(move || {
        let (id, q) = (account.id.get(), query.get());
        async move { api::users(id, &q).await }
    });
    let groups = use_groups(account.id);
    let selected = RwSignal::new(BTreeSet::<i64>::new());
    let move_target = RwSignal::new(String::new());
    effect(move || {
        let _ = (account.id.get(), query.get());
        selected.set(BTreeSet::new());
    });

    // Search as you type: a request once typing pauses. Each keystroke replaces the pending
    // timeout, and dropping a timeout cancels it (leaving the page drops the last one).
    let pause = StoredValue::new_local(None::<Timeout>);
    let search = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        typed.set(text.clone());
        let timeout = Timeout::new(DEBOUNCE_MS, move || {
            let text = (!text.trim().is_empty()).then_some(text);
            if query.get_untracked().q != text {
                query.update(|q| {
                    q.q = text;
                    q.page = Some(1);
                });
            }
        });
        pause.set_value(Some(timeout));
    };

    // A filter's choice, empty for any; an unknown value (never offered) counts as any.
    let set = move |apply: fn(&mut ListQuery, &str)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            query.update(|q| {
                apply(q, &value);
                q.page = Some(1);
            });
        }
    };

    // One action on the users chosen, one after the other; a result for each.
    let bulk = Act::new(move |bulk: &Bulk| {
        let ids: Vec<i64> = selected.get_untracked().into_iter().collect();
        let names: Vec<(i64, String)> = page
            .get_untracked()
            .and_then(Result::ok)
            .map(|p| p.items)
            .unwrap_or_default()
            .into_iter()
            .map(|u| (u.id, format!("{} {}", u.first_name, u.last_name)))
            .collect();
        let target_group = move_target.get_untracked().parse::<i64>().ok();
        let (id, bulk) = (account.id.get_untracked(), *bulk);
        async move {
            let mut results = Vec::new();
            for user in ids {
                let result = match bulk {
                    Bulk::Move => move_to_group(id, user, target_group).await,
                    Bulk::Invite => api::invite(id, user).await,
                    Bulk::Act(action) => api::user_action(id, user, action).await,
                };
                let name = names
                    .iter()
                    .find(|(i, _)| *i == user)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default();
                results.push(Outcome::of(name, result));
            }
            account.refresh();
            page.refetch();
            results
        }
    });
    let busy = bulk.pending();
    let run_bulk = move |b: Bulk| {
        bulk.dispatch(b);
    };

    view! {
        <div class="page-head">
            <h1>{t(Key::UsersTitle)}</h1>
            <div class="head-actions">
                <a href=move || api::export_url(account.id.get()) class="button" download="users.csv">{t(Key::ExportUsers)}</a>
                <A href=account.href("users/import") attr:class="button">{t(Key::ImportUsers)}</A>
                <A href=account.href("users/new") attr:class="button primary">{t(Key::AddUser)}</A>
            </div>
        </div>
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="field grow">
                <label for="q">{t(Key::Search)}</label>
                <input id="q" type="search" placeholder=t(Key::SearchHint) autocomplete="off"
                    prop:value=move || typed.get() on:input=search />
            </div>
            <div class="field">
                <label for="state">{t(Key::FilterState)}</label>
                <select id="state" on:change=set(|q, v| q.state = UserState::ALL.into_iter().find(|s| s.as_str() == v))>
                    <option value="">{t(Key::Any)}</option>
                    {UserState::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.as_str()>{state_label(s)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="role">{t(Key::FilterRole)}</label>
                <select id="role" on:change=set(|q, v| q.role = Role::ALL.into_iter().find(|r| r.as_str() == v))>
                    <option value="">{t(Key::Any)}</option>
                    <option value=Role::Admin.as_str()>{role_label(Role::Admin)}</option>
                    <option value=Role::User.as_str()>{role_label(Role::User)}</option>
                </select>
            </div>
            <div class="field">
                <label for="group">{t(Key::FilterGroup)}</label>
                <select id="group" on:change=set(|q, v| q.group = v.parse().ok())>
                    <option value="">{t(Key::Any)}</option>
                    <GroupOptions groups=groups />
                </select>
            </div>
            <div class="field">
                <label for="licensed">{t(Key::FilterLicence)}</label>
                <select id="licensed" on:change=set(|q, v| q.licensed = v.parse().ok())>
                    <option value="">{t(Key::Any)}</option>
                    <option value="true">{t(Key::Licensed)}</option>
                    <option value="false">{t(Key::NotLicensed)}</option>
                </select>
            </div>
            <div class="field">
                <label for="sort">{t(Key::Sort)}</label>
                <select id="sort" on:change=set(|q, v| q.sort = Some(v.to_owned()))>
                    <option value="name">{t(Key::SortName)}</option>
                    <option value="-name">{t(Key::SortNameDesc)}</option>
                    <option value="email">{t(Key::SortEmail)}</option>
                    <option value="state">{t(Key::SortState)}</option>
                    <option value="-created">{t(Key::SortNewest)}</option>
                </select>
            </div>
        </form>

        <Shown when=move || !selected.get().is_empty()>
            <div class="bulk" role="region" aria-label=t(Key::Actions)>
                <span>{move || format!("{} {}", selected.get().len(), t(Key::Selected))}</span>
                <button type="button" disabled=move || busy.get() on:click=move |_| run_bulk(Bulk::Invite)>{t(Key::InviteOrResend)}</button>
                <button type="button" disabled=move || busy.get() on:click=move |_| run_bulk(Bulk::Act(UserAction::Suspend))>{user_action_label(UserAction::Suspend)}</button>
                <button type="button" disabled=move || busy.get() on:click=move |_| run_bulk(Bulk::Act(UserAction::Unsuspend))>{user_action_label(UserAction::Unsuspend)}</button>
                <button type="button" disabled=move || busy.get() on:click=move |_| run_bulk(Bulk::Act(UserAction::Remove))>{user_action_label(UserAction::Remove)}</button>
                <label class="inline">
                    <span>{t(Key::MoveToGroup)}</span>
                    <select on:change=move |ev| move_target.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        <GroupOptions groups=groups />
                    </select>
                </label>
                <button type="button" disabled=move || busy.get() || move_target.get().is_empty() on:click=move |_| run_bulk(Bulk::Move)>{t(Key::Move)}</button>
            </div>
        </Shown>
        <Results outcomes=Signal::derive(move || bulk.value().unwrap_or_default()) />

        <Loaded>
            {move || page.get().map(|loaded| loaded.map(|p| {
                let total = p.total;
                view! { <UserTable page=p selected=selected /> <Pager query=query total=total /> }.into_any()
            }))}
        </Loaded>
    }
}

/// Moves one user to a group: reads the user for its ETag, then changes the group.
async fn move_to_group(account: i64, user: i64, group: Option<i64>) -> ApiResult<()> {
    let current = api::user(account, user).await?;
    let changes = UserChanges {
        group,
        ..UserChanges::default()
    };
    api::update_user(account, user, &current.etag, &changes)
        .await
        .map(|_| ())
}

/// The table of one page of users.
#[component]
fn UserTable(page: ListPage, selected: RwSignal<BTreeSet<i64>>) -> impl IntoView {
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
                                    <span class="sub">{u.email.clone()}</span>
                                </td>
                                <td class="email">{u.email}</td>
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

/// Previous and next page, and where we are.
#[component]
fn Pager(
    /// The query, whose page the buttons change.
    query: RwSignal<ListQuery>,
    /// How many users the query finds.
    total: i64,
) -> impl IntoView {
    let current = move || query.get().page.unwrap_or(1);
    let last = move || ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let at_start = move || current() <= 1;
    let at_end = move || current() >= last();
    view! {
        <nav class="pager" aria-label="Pages">
            <button type="button" disabled=at_start on:click=move |_| query.update(|q| q.page = Some(q.page.unwrap_or(1) - 1))>{t(Key::Previous)}</button>
            <span role="status">{move || format!("{} {} / {} · {} {}", t(Key::PageOf), current(), last(), total, if total == 1 { t(Key::UserTotalOne) } else { t(Key::UsersTotal) })}</span>
            <button type="button" disabled=at_end on:click=move |_| query.update(|q| q.page = Some(q.page.unwrap_or(1) + 1))>{t(Key::Next)}</button>
        </nav>
    }
}
