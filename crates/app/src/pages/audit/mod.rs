//! The audit log of an account: every change, newest first, with who made it and what changed,
//! filtered by action, person and dates. The filters are the page's address
//! (`?person=12&from=2026-11-01&to=2026-11-30`), so that Back, a reload or a shared link shows
//! the same entries; a name in the log is a link to that person's entries.

mod changes;

use crate::api::{self, ApiResult, AuditItem, AuditQuery};
use crate::components::frame::use_account;
use crate::components::loaded::{Loaded, alert};
use crate::flow::{Act, Load, effect};
use crate::i18n::{AUDIT_ACTIONS, Key, audit_action_label, date_time, t};
use changes::changes;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use serde::Serialize;

/// The filters as the page's address keeps them: the dates as a date field writes them
/// (`2026-11-30`), each a whole day of the viewer's time zone.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
struct Filters {
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<String>,
}

impl Filters {
    /// The filters of the address, `param` giving each parameter's value: a value that cannot be
    /// one (a date that is not a date) is no filter.
    fn read<'a>(param: impl Fn(&str) -> Option<&'a str>) -> Filters {
        let text = |name: &str| param(name).filter(|v| !v.is_empty()).map(str::to_owned);
        Filters {
            action: text("action"),
            person: param("person").and_then(|v| v.parse().ok()),
            from: text("from").filter(|d| day_start(d, 0).is_some()),
            to: text("to").filter(|d| day_start(d, 0).is_some()),
        }
    }

    /// The query of the entries older than `older` (the newest when `None`).
    fn query(&self, older: Option<i64>) -> AuditQuery {
        AuditQuery {
            action: self.action.clone(),
            person: self.person,
            from: self.from.as_deref().and_then(|d| day_start(d, 0)),
            // The whole of the last day.
            to: self.to.as_deref().and_then(|d| day_start(d, 1)),
            before_id: older,
            ..AuditQuery::default()
        }
    }

    /// The address's query string, `?…` (empty without filters).
    fn search(&self) -> String {
        match serde_urlencoded::to_string(self).unwrap_or_default() {
            s if s.is_empty() => s,
            s => format!("?{s}"),
        }
    }
}

/// The start of the day `days` after `date` (`2026-11-30`) in the viewer's time zone, in Unix
/// seconds; `None` for what is not a date.
fn day_start(date: &str, days: i32) -> Option<i64> {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<i32>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    let valid = (1..=12).contains(&month) && (1..=31).contains(&day) && year > 0;
    let ms = js_sys::Date::new_with_year_month_day(year as u32, month - 1, day + days).get_time();
    (valid && ms.is_finite()).then(|| (ms / 1000.0) as i64)
}

/// `/accounts/:account/audit`.
#[component]
pub fn AuditPage() -> impl IntoView {
    let account = use_account();
    let location = use_location();
    let (params, path) = (location.query, location.pathname);
    let filters = Memo::new(move |_| params.with(|m| Filters::read(|name| m.get_str(name))));
    let navigate = StoredValue::new_local(use_navigate());
    let change = move |edit: &dyn Fn(&mut Filters)| {
        let mut next = filters.get_untracked();
        edit(&mut next);
        let address = format!("{}{}", path.get_untracked(), next.search());
        let options = NavigateOptions {
            scroll: false,
            ..NavigateOptions::default()
        };
        navigate.with_value(|go| go(&address, options));
    };
    // The newest entries, fetched again when the filters change; then those that "Older"
    // fetched, one page after another, forgotten when the filters change.
    let newest = Load::new(move || {
        let (id, query) = (account.id.get(), filters.get().query(None));
        async move { api::audit(id, &query).await }
    });
    let older = RwSignal::new(Vec::<AuditItem>::new());
    effect(move || {
        let _ = (account.id.get(), filters.get());
        older.set(Vec::new());
    });
    let more = Act::new(move |before: &i64| {
        let (id, query) = (
            account.id.get_untracked(),
            filters.get_untracked().query(Some(*before)),
        );
        async move {
            let list = api::audit(id, &query).await?;
            older.update(|e| e.extend(list));
            ApiResult::Ok(())
        }
    });
    let last = move || {
        older
            .with_untracked(|o| o.last().map(|e| e.id))
            .or_else(|| {
                newest
                    .get_untracked()
                    .and_then(Result::ok)
                    .and_then(|n| n.last().map(|e| e.id))
            })
    };
    // The person filtered, by their name (someone no longer in the account, by their id).
    let person_name = Load::new(move || {
        let (id, person) = (account.id.get(), filters.get().person);
        async move {
            let person = person?;
            Some(match api::user(id, person).await {
                Ok(u) => format!(
                    "{} {} ({})",
                    u.value.first_name, u.value.last_name, u.value.username
                ),
                Err(_) => format!("#{person}"),
            })
        }
    });
    // The label's text, not its key: a key held in a variable brings the whole catalogue back.
    let date = move |id: &'static str,
                     label: &'static str,
                     pick: fn(&Filters) -> Option<String>| {
        let set = move |value: String| {
            change(&|f: &mut Filters| {
                let value = (!value.is_empty()).then(|| value.clone());
                if id == "audit-from" {
                    f.from = value;
                } else {
                    f.to = value;
                }
            })
        };
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="date" prop:value=move || pick(&filters.get()).unwrap_or_default()
                    on:change=move |ev| set(event_target_value(&ev)) />
            </div>
        }
    };
    view! {
        <h1>{t(Key::AuditTitle)}</h1>
        <form class="filters audit-filters" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="choices">
                <div class="field">
                    <label for="audit-action">{t(Key::FilterAction)}</label>
                    <select id="audit-action" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        change(&|f: &mut Filters| f.action = (!value.is_empty()).then(|| value.clone()));
                    }>
                        <option value="">{t(Key::Any)}</option>
                        {AUDIT_ACTIONS.into_iter().map(|a| view! {
                            <option value=a selected=move || filters.get().action.as_deref() == Some(a)>{audit_action_label(a)}</option>
                        }).collect_view()}
                    </select>
                </div>
                {date("audit-from", t(Key::AuditFrom), |f| f.from.clone())}
                {date("audit-to", t(Key::AuditTo), |f| f.to.clone())}
            </div>
            {move || person_name.get().flatten().map(|name| view! {
                <p class="person-filter">
                    {t(Key::AuditPerson)} ": " <strong>{name}</strong> " "
                    <button type="button" class="link" on:click=move |_| change(&|f: &mut Filters| f.person = None)>
                        {t(Key::AuditClear)}
                    </button>
                </p>
            })}
        </form>
        {move || more.value().and_then(Result::err).map(|e| alert(e.message()))}
        <Loaded>
            {move || newest.get().map(|loaded| loaded.map(|first| {
                let link = move |id: i64| {
                    let mut f = filters.get_untracked();
                    f.person = Some(id);
                    format!("{}{}", path.get_untracked(), f.search())
                };
                view! { <AuditTable first=first older=older link=link /> }.into_any()
            }))}
        </Loaded>
        <button type="button" on:click=move |_| {
            match last() {
                Some(before) => {
                    more.dispatch(before);
                }
                None => newest.refetch(),
            }
        }>{t(Key::Older)}</button>
    }
}

/// The entries: the newest, then the older ones fetched since.
#[component]
fn AuditTable(
    /// The newest entries.
    first: Vec<AuditItem>,
    /// The entries fetched with "Older", oldest last.
    older: RwSignal<Vec<AuditItem>>,
    /// The address of a person's entries, by their id.
    link: impl Fn(i64) -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        // Focusable and named, so that a keyboard can scroll the log sideways where it is wider
        // than its box, and a screen reader says what the region is.
        <div class="table-wrap" tabindex="0" role="region" aria-label=t(Key::AuditTitle)>
            <table class="audit">
                <thead>
                    <tr>
                        <th scope="col">{t(Key::When)}</th>
                        <th scope="col">{t(Key::Who)}</th>
                        <th scope="col">{t(Key::What)}</th>
                        <th scope="col">{t(Key::Target)}</th>
                        <th scope="col">{t(Key::Changes)}</th>
                    </tr>
                </thead>
                // The newest once, then the older ones as they come: plain lists rather than a
                // keyed `<For>` (see the crate's header), as rows are only ever added.
                <tbody>
                    {first.is_empty().then(|| view! { <tr><td colspan="5">{t(Key::AuditNone)}</td></tr> })}
                    {first.into_iter().map(move |e| row(e, link)).collect_view()}
                    {move || older.get().into_iter().map(move |e| row(e, link)).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One entry of the log.
fn row(e: AuditItem, link: impl Fn(i64) -> String) -> impl IntoView {
    let person = |id: Option<i64>, name: Option<String>| {
        name.map(|name| match id {
            Some(id) => {
                view! { <a href=link(id) title=t(Key::AuditOnlyPerson)>{name}</a> }.into_any()
            }
            None => name.into_any(),
        })
    };
    view! {
        <tr>
            // Each cell names its column, for the phone's layout where the columns are blocks.
            <td data-label=t(Key::When)>{date_time(e.at)}</td>
            <td data-label=t(Key::Who)>{person(e.actor_id, e.actor.clone()).unwrap_or_else(|| t(Key::ProductName).into_any())}</td>
            <td data-label=t(Key::What)>
                {audit_action_label(&e.action)}
                {e.origin_account.clone().map(|a| view! { <span class="meta">" (" {t(Key::MadeFrom)} " " {a} ")"</span> })}
            </td>
            <td data-label=t(Key::Target)>{person(e.target_user_id, e.target.clone())}</td>
            <td><ul class="changes">{changes(&e).into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul></td>
        </tr>
    }
}
