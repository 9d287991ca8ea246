//! Invitations: who is waiting for activation, whose link has expired, and resending or revoking
//! many at once with a result each; then the people asked to join the account, who appear as users
//! once they accept (of them the account sees only the email typed).

use crate::api::{self, Invitation};
use crate::components::every;
use crate::components::frame::use_account;
use crate::components::loaded::{Loaded, alert};
use crate::components::results::{Outcome, Results};
use crate::components::shown::Shown;
use crate::flow::{Act, Load, effect};
use crate::i18n::{Key, date_time, t};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// `/accounts/:account/invitations`.
#[component]
pub fn InvitationsPage() -> impl IntoView {
    let account = use_account();
    let list = Load::new(move || {
        let a = account.id.get();
        async move { api::invitations(a).await }
    });
    let selected = RwSignal::new(BTreeSet::<i64>::new());
    effect(move || {
        let _ = account.id.get();
        selected.set(BTreeSet::new());
    });
    // Resends (`false`) or revokes the invitations chosen, one after the other; a result each.
    let run = Act::new(move |revoke: &bool| {
        let (a, revoke) = (account.id.get_untracked(), *revoke);
        let chosen: Vec<Invitation> = list
            .get_untracked()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|i| selected.get_untracked().contains(&i.id))
            .collect();
        async move {
            let mut results = Vec::new();
            for i in chosen {
                let result = if revoke {
                    api::revoke_invitation(a, i.id).await
                } else {
                    api::invite(a, i.id).await
                };
                if result.is_ok() {
                    crate::embed::tell(
                        if revoke {
                            "user.updated"
                        } else {
                            "user.invited"
                        },
                        i.id,
                    );
                }
                results.push(Outcome::of(
                    format!("{} {}", i.first_name, i.last_name),
                    result,
                ));
            }
            selected.set(BTreeSet::new());
            list.refetch();
            results
        }
    });
    let busy = run.pending();
    view! {
        <h1>{t(Key::InvitationsTitle)}</h1>
        <p class="lead">{t(Key::InvitationsLead)}</p>
        <Shown when=move || !selected.get().is_empty()>
            <div class="bulk" role="region" aria-label=t(Key::Actions)>
                <span>{move || format!("{} {}", selected.get().len(), t(Key::Selected))}</span>
                <button type="button" disabled=move || busy.get() on:click=move |_| { run.dispatch(false); }>{t(Key::Resend)}</button>
                <button type="button" disabled=move || busy.get() on:click=move |_| { run.dispatch(true); }>{t(Key::Revoke)}</button>
            </div>
        </Shown>
        <Results outcomes=Signal::derive(move || run.value().unwrap_or_default()) />
        <Loaded>
            {move || list.get().map(|loaded| loaded.map(|items| if items.is_empty() {
                view! { <p>{t(Key::NoInvitations)}</p> }.into_any()
            } else {
                view! { <InvitationTable items=items selected=selected /> }.into_any()
            }))}
        </Loaded>
        <JoinRequests />
    }
}

/// The requests to join waiting for an answer, each of which can be withdrawn.
#[component]
fn JoinRequests() -> impl IntoView {
    let account = use_account();
    let list = Load::new(move || {
        let a = account.id.get();
        async move { api::join_requests(a).await }
    });
    let withdraw = Act::new(move |id: &i64| {
        let (a, id) = (account.id.get_untracked(), *id);
        async move {
            let result = api::cancel_join_request(a, id).await;
            list.refetch();
            result
        }
    });
    let problem = move || withdraw.value().and_then(Result::err);
    view! {
        <section class="page-section" aria-labelledby="join-requests-title">
            <h2 id="join-requests-title">{t(Key::JoinRequestsTitle)}</h2>
            <p class="lead">{t(Key::JoinRequestsLead)}</p>
            {move || problem().map(|e| alert(e.message()))}
            <Loaded>
                {move || list.get().map(|loaded| loaded.map(|items| if items.is_empty() {
                    view! { <p>{t(Key::NoJoinRequests)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                            <table class="stacked">
                                <thead>
                                    <tr>
                                        <th scope="col">{t(Key::Email)}</th>
                                        <th scope="col">{t(Key::RequestedBy)}</th>
                                        <th scope="col">{t(Key::RequestedAt)}</th>
                                        <th scope="col">{t(Key::Expires)}</th>
                                        <th scope="col"><span class="visually-hidden">{t(Key::Actions)}</span></th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {items.into_iter().map(|r| {
                                        let id = r.id;
                                        let label = format!("{} {}", t(Key::Withdraw), r.email);
                                        view! {
                                            <tr>
                                                <td data-label=t(Key::Email)>{r.email}</td>
                                                <td data-label=t(Key::RequestedBy)>{r.requested_by.unwrap_or_else(|| "—".into())}</td>
                                                <td data-label=t(Key::RequestedAt)>{date_time(r.requested_at)}</td>
                                                <td data-label=t(Key::Expires)>{date_time(r.expires_at)}</td>
                                                <td><button type="button" aria-label=label on:click=move |_| { withdraw.dispatch(id); }>{t(Key::Withdraw)}</button></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }))}
            </Loaded>
        </section>
    }
}

#[component]
fn InvitationTable(items: Vec<Invitation>, selected: RwSignal<BTreeSet<i64>>) -> impl IntoView {
    let all: Vec<i64> = items.iter().map(|i| i.id).collect();
    let all_selected = {
        let all = all.clone();
        move || all.iter().all(|id| selected.get().contains(id))
    };
    let toggle_all = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        selected.set(if on { every(&all) } else { BTreeSet::new() });
    };
    view! {
        <div class="table-wrap">
            <table class="stacked">
                <thead>
                    <tr>
                        <th scope="col"><input type="checkbox" aria-label=t(Key::SelectAll) prop:checked=all_selected on:change=toggle_all /></th>
                        <th scope="col">{t(Key::Name)}</th>
                        <th scope="col">{t(Key::Email)}</th>
                        <th scope="col">{t(Key::State)}</th>
                        <th scope="col">{t(Key::Expires)}</th>
                    </tr>
                </thead>
                <tbody>
                    {items.into_iter().map(|i| {
                        let id = i.id;
                        let name = format!("{} {}", i.first_name, i.last_name);
                        view! {
                            <tr>
                                <td><input type="checkbox" aria-label=format!("{} {name}", t(Key::SelectInvitation))
                                    prop:checked=move || selected.get().contains(&id)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                                    } /></td>
                                <td>{name.clone()}</td>
                                <td data-label=t(Key::Email)>{i.email}</td>
                                <td><span class="badge state-invited">{if i.expired { t(Key::InvitationExpired) } else { t(Key::InvitationPending) }}</span></td>
                                <td data-label=t(Key::Expires)>{i.expires_at.map(date_time).unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
