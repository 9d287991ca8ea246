//! The groups of an account: their members and policies; create, edit and delete them.

use crate::api::{self, ApiResult, Group};
use crate::components::field::TextField;
use crate::components::frame::use_account;
use crate::components::loaded::{Loaded, alert};
use crate::flow::{Act, Load};
use crate::i18n::Say as _;
use crate::i18n::{Key, t};
use leptos::prelude::*;
use roster_domain::group_policy::GroupPolicy;
use roster_domain::values::GroupName;

/// A change to the account's groups.
#[derive(Debug, Clone)]
enum Change {
    Create {
        name: String,
        policy: GroupPolicy,
    },
    Update {
        id: i64,
        version: i64,
        name: String,
        policy: GroupPolicy,
    },
    /// Deletes the group, moving its members to another one.
    Delete {
        id: i64,
        move_to: Option<i64>,
    },
}

/// `/accounts/:account/groups`.
#[component]
pub fn GroupsPage() -> impl IntoView {
    let account = use_account();
    let groups = Load::new(move || {
        let id = account.id.get();
        async move { api::groups(id).await }
    });
    // The new group's name, emptied once the group is made.
    let new_name = RwSignal::new(String::new());
    // Every change, from any card, answers here and loads the groups again.
    let change = Act::new(move |change: &Change| {
        let (a, change) = (account.id.get_untracked(), change.clone());
        async move {
            let result = match change {
                Change::Create { name, policy } => {
                    let created = api::create_group(a, &name, &policy).await.map(|_| ());
                    if created.is_ok() {
                        new_name.set(String::new());
                    }
                    created
                }
                Change::Update {
                    id,
                    version,
                    name,
                    policy,
                } => api::update_group(a, id, version, &name, &policy)
                    .await
                    .map(|_| ()),
                Change::Delete { id, move_to } => api::delete_group(a, id, move_to).await,
            };
            groups.refetch();
            if result.is_err() {
                crate::components::summary::focus_refusal();
            }
            result
        }
    });
    view! {
        <h1>{t(Key::GroupsTitle)}</h1>
        {move || change.value().and_then(Result::err).map(|e| alert(e.message()))}
        <Loaded>
            {move || groups.get().map(|loaded| loaded.map(|list| {
                let all = list.clone();
                view! {
                    <div class="cards">
                        {list.into_iter().map(|g| view! { <GroupCard group=g all=all.clone() change=change /> }).collect_view()}
                    </div>
                }
                .into_any()
            }))}
        </Loaded>
        <NewGroup name=new_name change=change />
    }
}

/// The policy fields, checked with the domain's ranges as you type.
fn policy_error(length: &str, idle: &str) -> Option<&'static str> {
    let (Ok(length), Ok(idle)) = (length.trim().parse::<u16>(), idle.trim().parse::<u16>()) else {
        return Some(roster_domain::ErrorCode::RequestInvalidValue.say());
    };
    GroupPolicy::new(length, idle, true)
        .err()
        .map(|e| roster_domain::Coded::code(&e).say())
}

/// One group, with its edit form and delete button.
#[component]
fn GroupCard(
    group: Group,
    /// Every group, to move the members to.
    all: Vec<Group>,
    /// The page's changes.
    change: Act<Change, ApiResult<()>>,
) -> impl IntoView {
    let name = RwSignal::new(group.name.clone());
    let length = RwSignal::new(group.policy.min_password_length().to_string());
    let idle = RwSignal::new(group.policy.idle_timeout_minutes().to_string());
    let may_edit = RwSignal::new(group.policy.members_may_edit_own_details());
    let move_to = RwSignal::new(String::new());
    let (id, version, members, is_default) = (
        group.id,
        group.version,
        group.member_count,
        group.is_default,
    );
    let prefix = format!("group-{id}");
    let name_error = Signal::derive(move || {
        GroupName::parse(&name.get())
            .err()
            .map(|e| roster_domain::Coded::code(&e).say())
    });
    let rules_error = Signal::derive(move || policy_error(&length.get(), &idle.get()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if name_error.get_untracked().is_some() || rules_error.get_untracked().is_some() {
            return;
        }
        // Checked above with the same constructor: the server checks it again.
        let Ok(policy) = GroupPolicy::new(
            length.get_untracked().trim().parse().unwrap_or_default(),
            idle.get_untracked().trim().parse().unwrap_or_default(),
            may_edit.get_untracked(),
        ) else {
            return;
        };
        change.dispatch(Change::Update {
            id,
            version,
            name: name.get_untracked(),
            policy,
        });
    };
    let delete = move |_| {
        change.dispatch(Change::Delete {
            id,
            move_to: move_to.get_untracked().parse().ok(),
        });
    };
    let others: Vec<Group> = all.into_iter().filter(|g| g.id != id).collect();
    view! {
        <section class="card" aria-labelledby=format!("{prefix}-title")>
            <h2 id=format!("{prefix}-title")>
                {group.name.clone()}
                {is_default.then(|| view! { <span class="badge">{t(Key::DefaultGroup)}</span> })}
            </h2>
            <p>{crate::i18n::labelled(t(Key::Members), members)}</p>
            <form on:submit=save novalidate>
                <TextField id=format!("{prefix}-name") label=t(Key::GroupName) value=name error=name_error />
                <TextField id=format!("{prefix}-length") label=t(Key::MinPasswordLength) value=length error=rules_error kind="number" />
                <TextField id=format!("{prefix}-idle") label=t(Key::IdleTimeout) value=idle error=Signal::derive(|| None) kind="number" />
                <label class="check">
                    <input type="checkbox" prop:checked=move || may_edit.get() on:change=move |ev| may_edit.set(event_target_checked(&ev)) />
                    {t(Key::MayEditOwnDetails)}
                </label>
                <div class="form-actions">
                    <button type="submit" class="primary">{t(Key::Save)}</button>
                </div>
            </form>
            {(!is_default).then(|| view! {
                <div class="form-actions">
                    {(members > 0).then(|| view! {
                        <label class="inline">
                            <span>{t(Key::MoveMembersTo)}</span>
                            <select on:change=move |ev| move_to.set(event_target_value(&ev))>
                                <option value="">"—"</option>
                                {others.iter().map(|g| view! { <option value=g.id.to_string()>{g.name.clone()}</option> }).collect_view()}
                            </select>
                        </label>
                    })}
                    <button type="button" class="danger" on:click=delete>{t(Key::Delete)}</button>
                </div>
            })}
        </section>
    }
}

/// The form creating a group.
#[component]
fn NewGroup(
    /// The name typed.
    name: RwSignal<String>,
    /// The page's changes.
    change: Act<Change, ApiResult<()>>,
) -> impl IntoView {
    let touched = Signal::derive(move || !name.get().is_empty());
    let name_error = Signal::derive(move || {
        touched
            .get()
            .then(|| {
                GroupName::parse(&name.get())
                    .err()
                    .map(|e| roster_domain::Coded::code(&e).say())
            })
            .flatten()
    });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if GroupName::parse(&name.get_untracked()).is_err() {
            return;
        }
        change.dispatch(Change::Create {
            name: name.get_untracked(),
            policy: GroupPolicy::default(),
        });
    };
    view! {
        <section class="card" aria-labelledby="new-group-title">
            <h2 id="new-group-title">{t(Key::NewGroup)}</h2>
            <form on:submit=create novalidate>
                <TextField id="new-group-name" label=t(Key::GroupName) value=name error=name_error />
                <div class="form-actions"><button type="submit" class="primary">{t(Key::Create)}</button></div>
            </form>
        </section>
    }
}
