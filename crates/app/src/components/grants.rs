//! A member's role and authorities, with pick lists offering only what the signed-in admin may
//! grant (the server's `grantable`, worked out by the domain's rules); the server checks again.

use crate::api::{self, Tagged};
use crate::api::{AccountSettings, UserChanges, UserDetail};
use crate::components::frame::use_account;
use crate::components::loaded::alert;
use crate::flow::{Act, Load};
use crate::i18n::{Key, role_label, t};
use leptos::prelude::*;
use roster_domain::authz::Grants;
use roster_domain::authz::Role;
use std::collections::BTreeMap;

/// The role and authorities card of a user's page.
#[component]
pub fn GrantsCard(
    tagged: Tagged<UserDetail>,
    /// The page's notice, which says the grants were saved.
    notice: RwSignal<Option<&'static str>>,
    /// Called after a change, to load the user again.
    on_change: Callback<()>,
) -> impl IntoView {
    let account = use_account();
    // The policy's kinds and what this admin may grant; nothing is shown without them.
    let settings = Load::new(move || {
        let a = account.id.get();
        async move { api::account_settings(a).await.ok().map(|s| s.value) }
    });
    let u = tagged.value.clone();
    let role = RwSignal::new(u.role);
    let levels = RwSignal::new(u.authorities.clone());
    let etag = tagged.etag.clone();
    let id = u.id;
    let save = Act::new(move |changes: &UserChanges| {
        let (a, etag, changes) = (account.id.get_untracked(), etag.clone(), changes.clone());
        async move {
            let result = api::update_user(a, id, &etag, &changes).await.map(|_| ());
            if result.is_ok() {
                notice.set(Some(t(Key::GrantsSaved)));
                on_change.run(());
            }
            result
        }
    });
    let error = move || save.value().and_then(Result::err);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(s) = settings.get_untracked().flatten() else {
            return;
        };
        let held = levels.get_untracked();
        // Inserted one by one: collecting into a `BTreeMap` sorts first, and the sort adds 3 KB
        // of wasm for this one map.
        let mut authorities = BTreeMap::new();
        for k in s.policy.kinds() {
            authorities.insert(k.key.clone(), held.level(&k.key).map(str::to_owned));
        }
        let changes = UserChanges {
            role: Some(role.get_untracked()),
            authorities: Some(authorities),
            ..UserChanges::default()
        };
        save.dispatch(changes);
    };
    let current = u.authorities.clone();
    let current_role = u.role;
    view! {
        <section aria-labelledby="grants-title" class="card">
            <h2 id="grants-title">{t(Key::RoleAndAuthorities)}</h2>
            {move || settings.get().flatten().map(|s| {
                let roles = s.grantable.roles.clone();
                let offered_role = move |r: &Role| *r == current_role || roles.contains(r);
                view! {
                    <form on:submit=submit novalidate>
                        {move || error().map(|e| alert(e.message()))}
                        <div class="field">
                            <label for="grant-role">{t(Key::Role)}</label>
                            <select id="grant-role" on:change=move |ev| {
                                let chosen = event_target_value(&ev);
                                if let Some(r) = Role::ALL.into_iter().find(|r| r.as_str() == chosen) {
                                    role.set(r);
                                }
                            }>
                                {[Role::User, Role::Admin].into_iter().filter(|r| offered_role(r)).map(|r| view! {
                                    <option value=r.as_str() selected=move || role.get() == r>{role_label(r)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        {level_selects(&s, &current, levels)}
                        <button type="submit" class="primary" disabled=move || save.pending().get()>{t(Key::SaveGrants)}</button>
                    </form>
                }
                // An `AnyView`: see `alert`.
                .into_any()
            })}
        </section>
    }
}

/// A select per authority kind of the account's policy, offering the levels this admin may grant
/// (`grantable`) and the one `held` now (kept, even if they could not grant it); the choices in
/// `levels`.
pub fn level_selects(
    s: &AccountSettings,
    current: &Grants,
    levels: RwSignal<Grants>,
) -> impl IntoView + use<> {
    s.policy.kinds().iter().map(|kind| {
        let key = kind.key.clone();
        let offered: Vec<String> = s.grantable.kinds.iter()
            .find(|g| g.kind == kind.key)
            .map(|g| g.levels.clone())
            .unwrap_or_default();
        let held = current.level(&kind.key).map(str::to_owned);
        // What may be granted, and what is held now (kept, even if it could
        // not be granted by this admin).
        let choices: Vec<String> = kind.levels.iter()
            .filter(|l| offered.contains(l) || held.as_deref() == Some(l.as_str()))
            .cloned()
            .collect();
        let id = format!("grant-{key}");
        let (k1, k2) = (key.clone(), key.clone());
        view! {
            <div class="field">
                <label for=id.clone()>{format!("{} ({key})", t(Key::Authority))}</label>
                <select id=id on:change=move |ev| {
                    let v = event_target_value(&ev);
                    levels.update(|m| m.set(&k1, (!v.is_empty()).then_some(v.as_str())));
                }>
                    <option value="" selected=move || levels.get().level(&k2).is_none()>{t(Key::NoAuthority)}</option>
                    {choices.into_iter().map(|l| {
                        let (key, l2, value) = (key.clone(), l.clone(), l.clone());
                        view! { <option value=value selected=move || levels.get().level(&key) == Some(l2.as_str())>{l}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    }).collect_view()
}
