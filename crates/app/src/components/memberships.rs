//! A person's accounts: the accounts the admin administers, which of them the person belongs to,
//! and adding or removing them in several at once ("select all"), a result each.

use crate::api::{self, AccountOutcome, UserDetail};
use crate::components::every;
use crate::components::frame::use_account;
use crate::components::results::{Outcome, Results};
use crate::flow::Act;
use crate::i18n::Say as _;
use crate::i18n::{Key, role_label, t};
use crate::session::use_session;
use leptos::prelude::*;
use roster_domain::authz::Role;
use std::collections::BTreeSet;

/// The server's result for each account, named from `names` (the accounts' ids and names).
pub fn outcomes_of(results: Vec<AccountOutcome>, names: &[(i64, String)]) -> Vec<Outcome> {
    results
        .into_iter()
        .map(|r| {
            let name = names
                .iter()
                .find(|(i, _)| *i == r.account)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            let done = if r.requested {
                t(Key::MembershipRequested)
            } else {
                t(Key::Done)
            };
            Outcome {
                name,
                message: r.code.map_or(done, |c| c.say()),
                ok: r.ok,
            }
        })
        .collect()
}

/// The accounts of `mine` chosen, "Select all" first (003).
#[component]
pub fn AccountChoices(
    mine: Vec<(i64, String)>,
    chosen: RwSignal<BTreeSet<i64>>,
    #[prop(into)] legend: String,
    /// What to say beside each account (the person's role there), if anything.
    #[prop(optional)]
    beside: Option<Callback<i64, Option<&'static str>>>,
) -> impl IntoView {
    let all: Vec<i64> = mine.iter().map(|(id, _)| *id).collect();
    view! {
        <fieldset class="choices">
            <legend class="visually-hidden">{legend}</legend>
            <label>
                <input type="checkbox"
                    prop:checked={let all = all.clone(); move || all.iter().all(|id| chosen.get().contains(id))}
                    on:change={let all = all.clone(); move |ev| chosen.set(if event_target_checked(&ev) { every(&all) } else { BTreeSet::new() })} />
                " " {t(Key::SelectAllAccounts)}
            </label>
            {mine.into_iter().map(|(id, name)| {
                let said = beside.and_then(|b| b.run(id));
                view! {
                    <label>
                        <input type="checkbox" prop:checked=move || chosen.get().contains(&id)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                            } />
                        " " {name} {said.map(|s| format!(" — {s}"))}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
pub fn MembershipsCard(
    user: UserDetail,
    /// The results of the last change, one per account: the page's, since the change reloads
    /// the person and draws this card again.
    outcomes: RwSignal<Vec<Outcome>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let account = use_account();
    let session = use_session();
    let mine: Vec<(i64, String)> = session
        .me_untracked()
        .map(|m| {
            m.accounts
                .into_iter()
                .filter(|a| a.role == Role::Admin)
                .map(|a| (a.id, a.name))
                .collect()
        })
        .unwrap_or_default();
    let chosen = RwSignal::new(BTreeSet::<i64>::new());
    let names = StoredValue::new(mine.clone());
    // Adds (`true`) or removes the person in the accounts chosen; a result for each.
    let run = Act::new(move |add: &bool| {
        let accounts: Vec<i64> = chosen.get_untracked().into_iter().collect();
        let (a, id, add) = (account.id.get_untracked(), user.id, *add);
        async move {
            match api::change_memberships(a, id, &accounts, add).await {
                Ok(results) => {
                    let done = outcomes_of(results, &names.get_value());
                    chosen.set(BTreeSet::new());
                    outcomes.set(done);
                    account.refresh();
                    on_change.run(());
                }
                Err(e) => outcomes.set(vec![Outcome::of(String::new(), Err(e))]),
            }
        }
    });
    let busy = run.pending();
    let roles = user.memberships.clone();
    let role_in = Callback::new(move |id: i64| {
        Some(
            roles
                .iter()
                .find(|m| m.account_id == id)
                .map_or(t(Key::NotAMember), |m| role_label(m.role)),
        )
    });
    view! {
        <section aria-labelledby="memberships-title" class="card">
            <h2 id="memberships-title">{t(Key::Memberships)}</h2>
            <AccountChoices mine=mine chosen=chosen legend=t(Key::Memberships) beside=role_in />
            <div class="actions">
                <button type="button" disabled=move || busy.get() || chosen.get().is_empty() on:click=move |_| { run.dispatch(true); }>{t(Key::AddToAccounts)}</button>
                <button type="button" disabled=move || busy.get() || chosen.get().is_empty() on:click=move |_| { run.dispatch(false); }>{t(Key::RemoveFromAccounts)}</button>
            </div>
            <Results outcomes=outcomes />
        </section>
    }
}
