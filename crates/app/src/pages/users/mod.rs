//! The users of an account: search as you type, filters, sort, pages with the total, and
//! actions on many users at once with a result for each.
//!
//! The search, filters, sort and page live in the page's address (`roster_api::list_address`),
//! so that Back from a person, a reload or a link shows the same list: the page reads them from
//! the address and changes them by changing it.

mod filters;
mod table;

use crate::api::{self, ApiResult, ListPage, ListQuery, UserAction, UserChanges};
use crate::components::frame::use_account;
use crate::components::loaded::Loaded;
use crate::components::profile::{GroupOptions, use_groups};
use crate::components::results::{Outcome, Results};
use crate::components::shown::Shown;
use crate::flow::{Act, Load, effect};
use crate::i18n::{Key, t, user_action_label};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::params::ParamsMap;
use std::collections::BTreeSet;

/// An action on the users chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bulk {
    Invite,
    Act(UserAction),
    /// To the group chosen beside the button.
    Move,
    /// Assign (`true`) or release a licence seat (000, 002), each person in turn: when the seats
    /// run out, the rest say so.
    Licence(bool),
}

impl Bulk {
    /// What a portal embedding the page is told of each user it was done to.
    fn event(self) -> &'static str {
        match self {
            Bulk::Invite => "user.invited",
            Bulk::Act(UserAction::Remove | UserAction::Deprovision) => "user.removed",
            Bulk::Act(_) | Bulk::Move | Bulk::Licence(_) => "user.updated",
        }
    }
}

const PER_PAGE: i64 = 25;

/// The router's `navigate`, kept for the page's handlers.
type Navigate = Box<dyn Fn(&str, NavigateOptions)>;

/// The list's query, read from the page's address and changed by changing the address.
#[derive(Clone, Copy)]
struct ListAddress {
    /// The search, filters, sort and page of the address (without the page size), which follows
    /// the address: never set it but through [`ListAddress::show`]. (A signal kept in step by an
    /// effect rather than a `Memo`: the page had the signal's type already, and each new type of
    /// Leptos' is more code in the bundle.)
    query: RwSignal<ListQuery>,
    path: Memo<String>,
    navigate: StoredValue<Navigate, LocalStorage>,
}

impl ListAddress {
    fn new() -> ListAddress {
        let location = use_location();
        let (params, path) = (location.query, location.pathname);
        let read = move |m: &ParamsMap| ListQuery::from_address(|name| m.get_str(name));
        let query = RwSignal::new(params.with_untracked(read));
        effect(move || {
            let shown = params.with(read);
            // Only while the address is the list's: leaving for a person's page must not fetch
            // the whole list again on the way out.
            if path.with(|p| p.ends_with("/users")) && query.with_untracked(|q| *q != shown) {
                query.set(shown);
            }
        });
        let navigate = use_navigate();
        ListAddress {
            query,
            path,
            navigate: StoredValue::new_local(Box::new(navigate)),
        }
    }

    /// Shows the list of `query`: as a new step of the way back, or in place of the current
    /// one (`replace`: while a search is typed, so that Back does not go through its letters).
    fn show(&self, query: ListQuery, replace: bool) {
        // A search typed just before a person's link was followed must not bring the list back.
        if !self.path.with_untracked(|p| p.ends_with("/users")) {
            return;
        }
        // As a reference, as `api::get_with` writes the same query: one copy of the writer.
        let shown = query.for_address();
        let search = serde_urlencoded::to_string::<&ListQuery>(&shown).unwrap_or_default();
        let path = self.path.get_untracked();
        let address = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        let options = NavigateOptions {
            replace,
            // The list changes under the search field or the pager, where the focus stays.
            scroll: false,
            ..NavigateOptions::default()
        };
        self.navigate.with_value(|go| go(&address, options));
    }

    /// Shows the list with `change` made to its query.
    fn change(&self, change: impl FnOnce(&mut ListQuery), replace: bool) {
        let mut query = self.query.get_untracked();
        change(&mut query);
        self.show(query, replace);
    }
}

/// `/accounts/:account/users`.
#[component]
pub fn UsersPage() -> impl IntoView {
    let account = use_account();
    let list = ListAddress::new();
    // Fetched again whenever the account or the query changes; the resource keeps only the
    // answer to the latest request, however late an earlier one arrives.
    let page = Load::new(move || {
        let id = account.id.get();
        let query = ListQuery {
            per_page: Some(PER_PAGE),
            ..list.query.get()
        };
        async move { api::users(id, &query).await }
    });
    let groups = use_groups(account.id);
    let selected = RwSignal::new(BTreeSet::<i64>::new());
    let move_target = RwSignal::new(String::new());
    effect(move || {
        let _ = (account.id.get(), list.query.get());
        selected.set(BTreeSet::new());
    });
    // An address from before (a bookmark, a list since shortened) may name a page past the
    // last, or a group since deleted: it shows the last page, or every group, instead.
    effect(move || {
        if let Some(Ok(found)) = page.get() {
            let last = last_page(found.total);
            if list.query.get_untracked().page.unwrap_or(1) > last {
                list.change(|q| q.page = Some(last), true);
            }
        }
    });
    effect(move || {
        let groups = groups.get();
        let group = list.query.with(|q| q.group);
        if group.is_some_and(|id| !groups.is_empty() && groups.iter().all(|g| g.id != id)) {
            list.change(|q| q.group = None, true);
        }
    });

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
                    Bulk::Licence(assign) => api::set_licence(id, user, assign).await,
                };
                if result.is_ok() {
                    crate::embed::tell(bulk.event(), user);
                }
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
                // Not in a portal's frame: the export is a download, sent without the embedded
                // session, and Import users is a bundle of its own.
                {(!account.embedded()).then(|| view! {
                    <a href=move || api::export_url(account.id.get()) class="button" download="users.csv">{t(Key::ExportUsers)}</a>
                    <A href=account.href("users/import") attr:class="button">{t(Key::ImportUsers)}</A>
                })}
                <A href=account.href("users/new") attr:class="button primary">{t(Key::AddUser)}</A>
            </div>
        </div>
        <filters::Filters list=list groups=groups />

        <Shown when=move || !selected.get().is_empty()>
            <div class="bulk" role="region" aria-label=t(Key::Actions)>
                <span>{move || format!("{} {}", selected.get().len(), t(Key::Selected))}</span>
                <button type="button" disabled=move || busy.get() on:click=move |_| run_bulk(Bulk::Invite)>{t(Key::InviteOrResend)}</button>
                <button type="button" disabled=move || busy.get() on:click=move |_| run_bulk(Bulk::Act(UserAction::Suspend))>{user_action_label(UserAction::Suspend)}</button>
                <button type="button" disabled=move || busy.get() on:click=move |_| run_bulk(Bulk::Act(UserAction::Unsuspend))>{user_action_label(UserAction::Unsuspend)}</button>
                <button type="button" disabled=move || busy.get() on:click=move |_| run_bulk(Bulk::Act(UserAction::Remove))>{user_action_label(UserAction::Remove)}</button>
                <button type="button" disabled=move || busy.get() on:click=move |_| run_bulk(Bulk::Licence(true))>{t(Key::AssignLicence)}</button>
                <button type="button" disabled=move || busy.get() on:click=move |_| run_bulk(Bulk::Licence(false))>{t(Key::ReleaseLicence)}</button>
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
            {move || page.get().map(|loaded| loaded.map(|p: ListPage| {
                let (shown, total) = (p.page, p.total);
                view! {
                    <table::UserTable page=p selected=selected />
                    <table::Pager list=list page=shown total=total />
                }
                .into_any()
            }))}
        </Loaded>
    }
}

/// The number of the last page of `total` users (1 when there are none).
fn last_page(total: i64) -> i64 {
    ((total + PER_PAGE - 1) / PER_PAGE).max(1)
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
