//! The audit log of an account: every change, newest first, with who made it and what changed.

use crate::api::{self, ApiResult, AuditItem, AuditQuery};
use crate::components::frame::use_account;
use crate::components::loaded::{Loaded, alert};
use crate::flow::{Act, Load, effect};
use crate::i18n::{AUDIT_ACTIONS, Key, audit_action_label, t, utc};
use leptos::prelude::*;
use serde_json::Value;

/// The fields that differ between before and after, as `field: old → new`.
fn changes(entry: &AuditItem) -> Vec<String> {
    let empty = serde_json::Map::new();
    let before = entry
        .before
        .as_ref()
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let after = entry
        .after
        .as_ref()
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let show = |v: Option<&Value>| match v {
        None | Some(Value::Null) => "—".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    // Both maps' keys in order, once each: serde_json's `Map` (a `BTreeMap`, without its
    // `preserve_order` feature) keeps its keys sorted, and the app has its code already, whereas
    // sorting a `Vec` of them is 3 KB of wasm.
    let mut keys = serde_json::Map::new();
    for key in before.keys().chain(after.keys()) {
        keys.insert(key.clone(), Value::Null);
    }
    keys.keys()
        .filter(|k| {
            let (b, a) = (
                before.get(*k).filter(|v| !v.is_null()),
                after.get(*k).filter(|v| !v.is_null()),
            );
            b != a && k.as_str() != "version"
        })
        .map(|k| format!("{k}: {} → {}", show(before.get(k)), show(after.get(k))))
        .collect()
}

/// The entries of the action filtered (all if empty) that come before the entry `older`.
fn query(action: String, older: Option<i64>) -> AuditQuery {
    AuditQuery {
        action: (!action.is_empty()).then_some(action),
        before_id: older,
        ..AuditQuery::default()
    }
}

/// `/accounts/:account/audit`.
#[component]
pub fn AuditPage() -> impl IntoView {
    let account = use_account();
    let action = RwSignal::new(String::new());
    // The newest entries, fetched again when the filter changes; then those that "Older"
    // fetched, one page after another, forgotten when the filter changes.
    let newest = Load::new(move || {
        let (id, query) = (account.id.get(), query(action.get(), None));
        async move { api::audit(id, &query).await }
    });
    let older = RwSignal::new(Vec::<AuditItem>::new());
    effect(move || {
        let _ = (account.id.get(), action.get());
        older.set(Vec::new());
    });
    let more = Act::new(move |before: &i64| {
        let (id, query) = (
            account.id.get_untracked(),
            query(action.get_untracked(), Some(*before)),
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
    view! {
        <h1>{t(Key::AuditTitle)}</h1>
        <form class="filters" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="audit-action">{t(Key::FilterAction)}</label>
                <select id="audit-action" on:change=move |ev| action.set(event_target_value(&ev))>
                    <option value="">{t(Key::Any)}</option>
                    {AUDIT_ACTIONS.into_iter().map(|a| view! { <option value=a>{audit_action_label(a)}</option> }).collect_view()}
                </select>
            </div>
        </form>
        {move || more.value().and_then(Result::err).map(|e| alert(e.message()))}
        <Loaded>
            {move || newest.get().map(|loaded| loaded.map(|first| view! { <AuditTable first=first older=older /> }.into_any()))}
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
) -> impl IntoView {
    view! {
        <div class="table-wrap">
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
                    {first.into_iter().map(row).collect_view()}
                    {move || older.get().into_iter().map(row).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One entry of the log.
fn row(e: AuditItem) -> impl IntoView {
    view! {
        <tr>
            <td>{utc(e.at)}</td>
            <td>{e.actor.clone().unwrap_or_else(|| "Roster".into())}</td>
            <td>
                {audit_action_label(&e.action)}
                {e.origin_account.clone().map(|a| view! { <span class="meta">" (" {t(Key::MadeFrom)} " " {a} ")"</span> })}
            </td>
            <td>{e.target.clone().unwrap_or_default()}</td>
            <td><ul class="changes">{changes(&e).into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul></td>
        </tr>
    }
}
