//! The users list's search, filters and sort. The search is always in view; the filters and the
//! sort sit behind a disclosure that tells how many filters are set, open at first on a wide
//! screen and closed on a phone, where they would otherwise fill the first screen before anyone
//! in the list shows.

use super::ListAddress;
use crate::api::{Group, ListQuery};
use crate::flow::effect;
use crate::i18n::{Key, role_label, state_label, t};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use roster_api::list_address::LIST_SORTS;
use roster_domain::authz::Role;
use roster_domain::lifecycle::UserState;

/// How long typing must pause before a search is sent.
const DEBOUNCE_MS: u32 = 250;

/// The width under which the page takes its phone layout (`admin.css`).
const PHONE: &str = "(max-width: 40rem)";

/// The search field, and the filters and sort behind their disclosure.
#[component]
pub(super) fn Filters(
    /// The list's query, which they show and change.
    list: ListAddress,
    /// The account's groups, to filter by.
    groups: Signal<Vec<Group>>,
) -> impl IntoView {
    let typed = RwSignal::new(list.query.get_untracked().q.unwrap_or_default());
    // Search as you type: a search once typing pauses. Each keystroke replaces the pending
    // timeout, and dropping a timeout cancels it (leaving the page drops the last one).
    let pause = StoredValue::new_local(None::<Timeout>);
    let search = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        typed.set(text.clone());
        let timeout = Timeout::new(DEBOUNCE_MS, move || {
            let text = (!text.trim().is_empty()).then_some(text);
            if list.query.get_untracked().q != text {
                list.change(
                    |q| {
                        q.q = text;
                        q.page = None;
                    },
                    true,
                );
            }
        });
        pause.set_value(Some(timeout));
    };
    // Back and Forward, which change the search of the address, change the field's text too.
    effect(move || {
        let searched = list.query.with(|q| q.q.clone());
        let shown = typed.get_untracked();
        if searched.as_deref() != Some(shown.as_str()).filter(|s| !s.trim().is_empty()) {
            pause.set_value(None);
            typed.set(searched.unwrap_or_default());
        }
    });

    // A filter's choice, empty for any; anything not offered counts as any. Each choice is a new
    // step of the way back, and shows the first page.
    let set = move |apply: fn(&mut ListQuery, &str)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            list.change(
                |q| {
                    apply(q, &value);
                    q.page = None;
                },
                false,
            );
        }
    };
    let state = Chosen(list, |q| q.state.map_or("", UserState::as_str).to_owned());
    let role = Chosen(list, |q| q.role.map_or("", Role::as_str).to_owned());
    let group = Chosen(list, |q| q.group.map(|g| g.to_string()).unwrap_or_default());
    let licensed = Chosen(list, |q| {
        q.licensed.map(|l| l.to_string()).unwrap_or_default()
    });
    let sort = Chosen(list, |q| {
        q.sort.clone().unwrap_or_else(|| LIST_SORTS[0].to_owned())
    });
    let any = move |current| choice(String::new(), t(Key::Any), current);
    let count = move || match list.query.with(ListQuery::filters_set) {
        0 => String::new(),
        n => format!(" ({n} {})", t(Key::FiltersActive)),
    };
    let wide = window()
        .match_media(PHONE)
        .ok()
        .flatten()
        .is_none_or(|phone| !phone.matches());

    view! {
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="field search">
                <label for="q">{t(Key::Search)}</label>
                <input id="q" type="search" placeholder=t(Key::SearchHint) autocomplete="off"
                    prop:value=move || typed.get() on:input=search />
            </div>
            <details open=wide>
                <summary>{t(Key::Filters)}{count}</summary>
                <div class="choices">
                    <div class="field">
                        <label for="state">{t(Key::FilterState)}</label>
                        <select id="state" on:change=set(|q, v| q.state = UserState::ALL.into_iter().find(|s| s.as_str() == v))>
                            {any(state)}
                            {UserState::ALL
                                .into_iter()
                                .map(|s| choice(s.as_str().to_owned(), state_label(s), state))
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="role">{t(Key::FilterRole)}</label>
                        <select id="role" on:change=set(|q, v| q.role = Role::ALL.into_iter().find(|r| r.as_str() == v))>
                            {any(role)}
                            {Role::ALL
                                .into_iter()
                                .map(|r| choice(r.as_str().to_owned(), role_label(r), role))
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="group">{t(Key::FilterGroup)}</label>
                        <select id="group" on:change=set(|q, v| q.group = v.parse().ok())>
                            {any(group)}
                            {move || groups
                                .get()
                                .into_iter()
                                .map(|g| choice(g.id.to_string(), &g.name, group))
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="licensed">{t(Key::FilterLicence)}</label>
                        <select id="licensed" on:change=set(|q, v| q.licensed = v.parse().ok())>
                            {any(licensed)}
                            {choice("true".into(), t(Key::Licensed), licensed)}
                            {choice("false".into(), t(Key::NotLicensed), licensed)}
                        </select>
                    </div>
                    <div class="field">
                        <label for="sort">{t(Key::Sort)}</label>
                        <select id="sort" on:change=set(|q, v| q.sort = Some(v.to_owned()))>
                            {LIST_SORTS
                                .into_iter()
                                .map(|s| choice(s.to_owned(), sort_label(s), sort))
                                .collect_view()}
                        </select>
                    </div>
                </div>
            </details>
        </form>
    }
}

/// A filter's value in the list's query, as its `<select>` names it (empty for any).
#[derive(Clone, Copy)]
struct Chosen(ListAddress, fn(&ListQuery) -> String);

/// One choice of a filter's `<select>`, selected while the filter's value is its own. Selected
/// through the property: the `selected` attribute no longer counts once a person has changed the
/// select, and the select's value cannot be set before its options (the groups) are there.
fn choice(value: String, label: &str, current: Chosen) -> AnyView {
    let mine = value.clone();
    let Chosen(list, of) = current;
    view! {
        <option value=value prop:selected=move || list.query.with(of) == mine>{label.to_owned()}</option>
    }
    .into_any()
}

/// The name of one of the orders of [`LIST_SORTS`].
fn sort_label(sort: &str) -> &'static str {
    match sort {
        "-name" => t(Key::SortNameDesc),
        "email" => t(Key::SortEmail),
        "state" => t(Key::SortState),
        "-created" => t(Key::SortNewest),
        _ => t(Key::SortName),
    }
}
