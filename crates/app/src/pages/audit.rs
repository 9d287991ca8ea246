//! The audit log of an account: every change, newest first, with who made it and what changed.

use crate::api::{self, ApiError, AuditItem, AuditQuery};
use crate::components::frame::use_account;
use crate::i18n::{AUDIT_ACTIONS, Key, audit_action_label, t, utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
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
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
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

/// `/accounts/:account/audit`.
#[component]
pub fn AuditPage() -> impl IntoView {
    let account = use_account();
    let action = RwSignal::new(String::new());
    let entries = RwSignal::new(Vec::<AuditItem>::new());
    let error = RwSignal::new(None::<ApiError>);
    let fetch = move |older: Option<i64>| {
        let action = action.get_untracked();
        let query = AuditQuery {
            action: (!action.is_empty()).then_some(action),
            before_id: older,
            ..AuditQuery::default()
        };
        let id = account.id.get_untracked();
        spawn_local(async move {
            match api::audit(id, &query).await {
                Ok(list) if older.is_some() => entries.update(|e| e.extend(list)),
                Ok(list) => entries.set(list),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    Effect::new(move |_| {
        let _ = (account.id.get(), action.get());
        fetch(None);
    });
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
        {move || error.get().map(|e| view! { <p class="alert" role="alert">{e.message()}</p> })}
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
                <tbody>
                    <For each=move || entries.get() key=|e| e.id let:e>
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
                    </For>
                </tbody>
            </table>
        </div>
        <button type="button" on:click=move |_| fetch(entries.get_untracked().last().map(|e| e.id))>{t(Key::Older)}</button>
    }
}
