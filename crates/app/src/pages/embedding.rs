//! The account's embedding settings, at the end of its Settings page: the origins that may show
//! its pages in a frame (a portal's), and the portal keys whose holders sign people in to them
//! (PRODUCT.md "Embedding"; the protocol is `crate::embed`'s). Drawn only for an administrator
//! holding the top level of every authority, the only one who may change them: for the others,
//! the keys are refused (403) and the section is left out.

use crate::api::{self, AccountSettings, ApiError, ApiResult, PortalKey, PortalKeyCreated};
use crate::api::{SettingsChanges, Tagged};
use crate::components::field::TextField;
use crate::components::frame::use_account;
use crate::components::loaded::alert;
use crate::flow::{Act, Load};
use crate::i18n::{Key, date_time, t};
use leptos::prelude::*;

/// The section; `settings` is the page's, reloaded after the origins are saved so that the rest
/// of the page keeps the settings' new ETag.
#[component]
pub fn EmbeddingSettings(settings: Load<ApiResult<Tagged<AccountSettings>>>) -> impl IntoView {
    let account = use_account();
    // `None`: refused, not a top administrator.
    let keys = Load::new(move || {
        let a = account.id.get();
        async move { api::portal_keys(a).await.ok() }
    });
    let save = Act::new(move |(etag, origins): &(String, Vec<String>)| {
        let (a, etag) = (account.id.get_untracked(), etag.clone());
        let changes = SettingsChanges {
            embedding_origins: Some(origins.clone()),
            ..SettingsChanges::default()
        };
        async move {
            let result = api::update_account_settings(a, &etag, &changes)
                .await
                .map(|_| ());
            if result.is_ok() {
                settings.refetch();
            } else {
                crate::components::summary::focus_refusal();
            }
            result
        }
    });
    let create = Act::new(move |name: &String| {
        let (a, name) = (account.id.get_untracked(), name.clone());
        async move {
            let result = api::create_portal_key(a, name).await;
            if result.is_ok() {
                keys.refetch();
            } else {
                crate::components::summary::focus_refusal();
            }
            result
        }
    });
    let revoke = Act::new(move |key: &i64| {
        let (a, key) = (account.id.get_untracked(), *key);
        async move {
            let result = api::revoke_portal_key(a, key).await;
            if result.is_ok() {
                keys.refetch();
            }
            result
        }
    });
    move || {
        let tagged = settings.get().and_then(Result::ok)?;
        let list = keys.get().flatten()?;
        Some(view! { <Section tagged=tagged list=list save=save create=create revoke=revoke /> })
    }
}

#[component]
fn Section(
    tagged: Tagged<AccountSettings>,
    list: Vec<PortalKey>,
    save: Act<(String, Vec<String>), ApiResult<()>>,
    create: Act<String, ApiResult<PortalKeyCreated>>,
    revoke: Act<i64, ApiResult<()>>,
) -> impl IntoView {
    let origins = RwSignal::new(tagged.value.embedding_origins.join("\n"));
    let etag = tagged.etag;
    let name = RwSignal::new(String::new());
    let saved = move || matches!(save.value(), Some(Ok(())));
    // The origins last sent, to name those the server refused.
    let sent = StoredValue::new(Vec::<String>::new());
    let refused = move || {
        save.value()
            .and_then(Result::err)
            .map(|e| sent.with_value(|sent| refused_lines(&e, sent)))
    };
    let submit_origins = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let list: Vec<String> = origins
            .get_untracked()
            .lines()
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(str::to_owned)
            .collect();
        sent.set_value(list.clone());
        save.clear();
        save.dispatch((etag.clone(), list));
    };
    let submit_key = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.clear();
        create.dispatch(name.get_untracked());
    };
    let name_error = Signal::derive(move || {
        create
            .value()
            .and_then(Result::err)
            .filter(|e| e.field("name").is_some())
            .map(|e| e.message())
    });
    let rows = list
        .into_iter()
        .map(|key| {
            let label = format!("{} {}", t(Key::Revoke), key.name);
            let used = key.last_used_at.map_or_else(|| t(Key::Never).to_owned(), date_time);
            view! {
                <tr>
                    <td>{key.name}</td>
                    <td>{date_time(key.created_at)}</td>
                    <td>{used}</td>
                    <td><button type="button" class="small" aria-label=label
                        on:click=move |_| { revoke.dispatch(key.id); }>{t(Key::Revoke)}</button></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="embedding-title">
            <h2 id="embedding-title">{t(Key::EmbeddingTitle)}</h2>
            <form on:submit=submit_origins novalidate>
                {move || saved().then(|| view! { <p class="notice" role="status">{t(Key::Saved)}</p> }.into_any())}
                <div class="field" class:invalid=move || refused().is_some()>
                    <label for="embedding-origins">{t(Key::EmbeddingOrigins)}</label>
                    <p class="hint" id="embedding-origins-hint">{t(Key::EmbeddingOriginsHint)}</p>
                    <textarea id="embedding-origins" rows="3"
                        aria-describedby=move || if refused().is_some() { "embedding-origins-hint embedding-origins-error" } else { "embedding-origins-hint" }
                        aria-invalid=move || if refused().is_some() { "true" } else { "false" }
                        prop:value=move || origins.get()
                        on:input=move |ev| origins.set(event_target_value(&ev))></textarea>
                    {move || refused().map(|e| view! { <p class="error" id="embedding-origins-error">{e}</p> }.into_any())}
                </div>
                <button type="submit" disabled=move || save.pending().get()>{t(Key::SaveOrigins)}</button>
            </form>
            <h3>{t(Key::PortalKeys)}</h3>
            <p class="hint">{t(Key::PortalKeysHint)}</p>
            {move || revoke.value().and_then(Result::err).map(|e| alert(e.message()))}
            {move || match create.value() {
                Some(Ok(created)) => view! {
                    <div class="notice" role="status">
                        <p>{t(Key::PortalKeySecret)}</p>
                        <p><code class="secret">{created.secret}</code></p>
                    </div>
                }.into_any(),
                _ => ().into_any(),
            }}
            // Scrolled within its card at phone width, where its French words are wider than the
            // screen, rather than the page sideways.
            <div class="table-wrap">
                <table>
                    <thead><tr>
                        <th scope="col">{t(Key::Name)}</th>
                        <th scope="col">{t(Key::KeyCreated)}</th>
                        <th scope="col">{t(Key::KeyLastUsed)}</th>
                        <th scope="col"><span class="visually-hidden">{t(Key::Revoke)}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <form on:submit=submit_key novalidate>
                <TextField id="portal-key-name" label=t(Key::PortalKeyName) value=name error=name_error />
                <button type="submit" disabled=move || create.pending().get()>{t(Key::CreatePortalKey)}</button>
            </form>
        </section>
    }
}

/// Why the server refused the origins `sent`, and those it named (`embedding_origins[i]`).
fn refused_lines(e: &ApiError, sent: &[String]) -> String {
    let named: Vec<&str> = e
        .fields
        .iter()
        .filter_map(|f| f.field.strip_prefix("embedding_origins["))
        .filter_map(|i| i.trim_end_matches(']').parse::<usize>().ok())
        .filter_map(|i| sent.get(i).map(String::as_str))
        .collect();
    if named.is_empty() {
        e.message().to_owned()
    } else {
        format!("{} {}", e.message(), named.join(", "))
    }
}
