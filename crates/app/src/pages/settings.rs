//! Account settings: seats bought, approved email domains, invitation lifetime, and the
//! authorization policy, shown to every admin and changed only by one holding the top level of
//! every authority (the others see them read-only, and why).

use crate::api::{self, AccountSettings, ApiResult, SettingsChanges, Tagged};
use crate::components::field::TextField;
use crate::components::frame::use_account;
use crate::components::loaded::{Loaded, alert};
use crate::flow::{Act, Load, effect};
use crate::i18n::Say as _;
use crate::i18n::{Key, labelled, language_label, quoted, t};
use leptos::prelude::*;
use roster_domain::Coded;
use roster_domain::authz::{AuthorityKind, AuthzPolicy};
use roster_domain::values::{Language, refused_lines};

/// `/accounts/:account/settings`.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let account = use_account();
    let settings = Load::new(move || {
        let a = account.id.get();
        async move { api::account_settings(a).await }
    });
    // Held here, so that "Saved." outlives the reload that follows a save.
    let save = Act::new(move |(etag, changes): &(String, SettingsChanges)| {
        let (a, etag, changes) = (account.id.get_untracked(), etag.clone(), changes.clone());
        async move {
            let result = api::update_account_settings(a, &etag, &changes)
                .await
                .map(|_| ());
            if result.is_ok() {
                account.refresh();
                settings.refetch();
            } else {
                crate::components::summary::focus_refusal();
            }
            result
        }
    });
    // Another account's settings: no word on this one's save.
    effect(move || {
        let _ = account.id.get();
        save.clear();
    });
    view! {
        <h1>{t(Key::SettingsTitle)}</h1>
        <Loaded>
            {move || settings.get().map(|loaded| loaded.map(|tagged| view! { <SettingsForm tagged=tagged save=save /> }.into_any()))}
        </Loaded>
        <super::embedding::EmbeddingSettings settings=settings />
    }
}

#[component]
fn SettingsForm(
    tagged: Tagged<AccountSettings>,
    /// Saves the settings with their ETag; the page's, so that its answer outlives the reload.
    save: Act<(String, SettingsChanges), ApiResult<()>>,
) -> impl IntoView {
    let s = tagged.value.clone();
    let seats = RwSignal::new(s.seats.to_string());
    let domains = RwSignal::new(s.approved_domains.join("\n"));
    let lifetime = RwSignal::new(s.invitation_lifetime_hours.to_string());
    let language = RwSignal::new(s.default_language.as_str().to_owned());
    // Each kind's levels, lowest first, as the person edits them.
    let levels: Vec<(String, RwSignal<String>)> = s
        .policy
        .kinds()
        .iter()
        .map(|k| (k.key.clone(), RwSignal::new(k.levels.join(", "))))
        .collect();
    let policy_error = RwSignal::new(None::<&'static str>);
    let (current_policy, may_change) = (s.policy.clone(), s.may_change_policy);
    let edited_levels = levels.clone();
    // The policy with the edited levels, checked by the domain's rules; `None` when unchanged.
    let edited_policy = move || -> Result<Option<AuthzPolicy>, &'static str> {
        let kinds: Vec<AuthorityKind> = current_policy
            .kinds()
            .iter()
            .zip(&edited_levels)
            .map(|(kind, (_, text))| AuthorityKind {
                levels: text
                    .get_untracked()
                    .split(',')
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
                ..kind.clone()
            })
            .collect();
        if kinds.as_slice() == current_policy.kinds() {
            return Ok(None);
        }
        AuthzPolicy::new(kinds)
            .map(Some)
            .map_err(|e| e.code().say())
    };
    let server = move || save.value().and_then(Result::err);
    let saved = move || matches!(save.value(), Some(Ok(())));
    let field_error = move |name: &'static str| {
        Signal::derive(move || {
            server().and_then(|e| {
                e.fields
                    .iter()
                    .find(|f| f.field == name || f.field.starts_with(&format!("{name}[")))
                    .map(|f| f.code.say())
                    .or_else(|| (name == "seats" && e.fields.is_empty()).then(|| e.message()))
            })
        })
    };
    // Each line the domain's rules refuse, named, before anything is sent (the server checks
    // again, naming the line by its place in the list sent).
    let refused_domains = RwSignal::new(None::<String>);
    let domains_error = move || {
        refused_domains.get().or_else(|| {
            let sent = server()?;
            let text = domains.get();
            let entries: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let named: Vec<String> = sent
                .fields
                .iter()
                .filter_map(|f| {
                    let index = f
                        .field
                        .strip_prefix("approved_domains[")?
                        .strip_suffix(']')?;
                    let entry = entries.get(index.parse::<usize>().ok()?)?;
                    Some(labelled(&quoted(entry), f.code.say()))
                })
                .collect();
            (!named.is_empty()).then(|| named.join(" "))
        })
    };
    let etag = tagged.etag.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let refused = refused_lines(&domains.get_untracked());
        if !refused.is_empty() {
            let named: Vec<String> = refused
                .iter()
                .map(|r| {
                    let message = r.error.code().say();
                    format!(
                        "{} {} (“{}”): {message}",
                        t(Key::DomainLine),
                        r.number,
                        r.text
                    )
                })
                .collect();
            refused_domains.set(Some(named.join(" ")));
            return;
        }
        refused_domains.set(None);
        let list: Vec<String> = domains
            .get_untracked()
            .lines()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned)
            .collect();
        let mut changes = SettingsChanges {
            seats: Some(seats.get_untracked().trim().parse::<i64>().unwrap_or(-1)),
            approved_domains: Some(list),
            invitation_lifetime_hours: Some(
                lifetime.get_untracked().trim().parse::<i64>().unwrap_or(0),
            ),
            embedding_origins: None,
            default_language: Some(language.get_untracked()),
            policy: None,
        };
        policy_error.set(None);
        match edited_policy() {
            Ok(Some(policy)) => changes.policy = serde_json::to_value(policy).ok(),
            Ok(None) => {}
            Err(message) => {
                policy_error.set(Some(message));
                return;
            }
        }
        // Neither "Saved." nor the last refusal while this one is sent.
        save.clear();
        save.dispatch((etag.clone(), changes));
    };
    if !may_change {
        return view! {
            <section class="card" aria-labelledby="seats-title">
                <h2 id="seats-title">{t(Key::SeatsAndInvitations)}</h2>
                // A save can be the last change its author may make (a level above their own).
                // (Each part shown or hidden here is an `AnyView`: see `alert`.)
                {move || saved().then(|| view! { <p class="notice" role="status">{t(Key::Saved)}</p> }.into_any())}
                <p class="hint">{t(Key::SettingsReadOnly)}</p>
                <dl class="profile">
                    <dt>{t(Key::SeatsUsed)}</dt><dd>{format!("{} / {}", s.seats_used, s.seats)}</dd>
                    <dt>{t(Key::ApprovedDomains)}</dt>
                    <dd>{if s.approved_domains.is_empty() { "—".to_owned() } else { s.approved_domains.join(", ") }}</dd>
                    <dt>{t(Key::InvitationLifetime)}</dt><dd>{s.invitation_lifetime_hours}</dd>
                    <dt>{t(Key::DefaultLanguage)}</dt><dd>{language_label(s.default_language)}</dd>
                </dl>
            </section>
            <section class="card" aria-labelledby="policy-title">
                <h2 id="policy-title">{t(Key::PolicyTitle)}</h2>
                <dl class="profile">
                    {s.policy.kinds().iter().map(|k| view! {
                        <dt>{k.key.clone()}</dt><dd>{k.levels.join(" < ")}</dd>
                    }).collect_view()}
                </dl>
            </section>
        }
        .into_any();
    }
    view! {
        <form on:submit=submit novalidate>
        <section class="card" aria-labelledby="seats-title">
            <h2 id="seats-title">{t(Key::SeatsAndInvitations)}</h2>
            {move || saved().then(|| view! { <p class="notice" role="status">{t(Key::Saved)}</p> }.into_any())}
            <p>{labelled(t(Key::SeatsUsed), format!("{} / {}", s.seats_used, s.seats))}</p>
            <TextField id="seats" label=t(Key::SeatsBought) value=seats error=field_error("seats") kind="number" />
            <div class="field" class:invalid=move || domains_error().is_some()>
                <label for="approved-domains">{t(Key::ApprovedDomains)}</label>
                <p class="hint" id="approved-domains-hint">{t(Key::ApprovedDomainsHint)}</p>
                <textarea id="approved-domains" rows="4"
                    aria-describedby=move || if domains_error().is_some() { "approved-domains-hint approved-domains-error" } else { "approved-domains-hint" }
                    aria-invalid=move || if domains_error().is_some() { "true" } else { "false" }
                    prop:value=move || domains.get()
                    on:input=move |ev| domains.set(event_target_value(&ev))></textarea>
                {move || domains_error().map(|e| view! { <p class="error" id="approved-domains-error">{e}</p> }.into_any())}
            </div>
            <TextField id="invitation-lifetime" label=t(Key::InvitationLifetime) value=lifetime error=field_error("invitation_lifetime_hours") kind="number" />
            <div class="field">
                <label for="default-language">{t(Key::DefaultLanguage)}</label>
                <select id="default-language" on:change=move |ev| language.set(event_target_value(&ev))>
                    {Language::ALL.map(|l| view! {
                        <option value=l.as_str() selected=l == s.default_language>{language_label(l)}</option>
                    }).collect_view()}
                </select>
            </div>
        </section>
        <section class="card" aria-labelledby="policy-title">
            <h2 id="policy-title">{t(Key::PolicyTitle)}</h2>
            {move || policy_error.get().map(alert)}
            <p class="hint">{t(Key::PolicyLevelsHint)}</p>
            {levels.into_iter().map(|(key, text)| view! {
                <TextField id=format!("levels-{key}") label=format!("{} ({key})", t(Key::PolicyLevels)) value=text error=Signal::derive(|| None) />
            }).collect_view()}
        </section>
        <button type="submit" class="primary" disabled=move || save.pending().get()>{t(Key::Save)}</button>
        </form>
    }
    .into_any()
}
