//! The groups of an account: their members and policies; create, edit and delete them.

use crate::api::{self, ApiError, Group};
use crate::components::field::TextField;
use crate::components::frame::use_account;
use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_domain::group_policy::GroupPolicy;
use roster_domain::values::GroupName;

/// `/accounts/:account/groups`.
#[component]
pub fn GroupsPage() -> impl IntoView {
    let account = use_account();
    let groups = RwSignal::new(None::<Result<Vec<Group>, ApiError>>);
    let error = RwSignal::new(None::<ApiError>);
    let reload = move || {
        let id = account.id.get_untracked();
        spawn_local(async move { groups.set(Some(api::groups(id).await)) });
    };
    Effect::new(move |_| {
        let _ = account.id.get();
        reload();
    });
    let on_change = Callback::new(move |result: Result<(), ApiError>| {
        error.set(result.err());
        reload();
    });
    view! {
        <h1>{t(Key::GroupsTitle)}</h1>
        {move || error.get().map(|e| view! { <p class="alert" role="alert">{e.message()}</p> })}
        {move || match groups.get() {
            None => view! { <p role="status">{t(Key::Loading)}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="alert" role="alert">{e.message()}</p> }.into_any(),
            Some(Ok(list)) => {
                let all = list.clone();
                view! {
                    <div class="cards">
                        {list.into_iter().map(|g| view! { <GroupCard group=g all=all.clone() on_change=on_change /> }).collect_view()}
                    </div>
                }.into_any()
            }
        }}
        <NewGroup on_change=on_change />
    }
}

/// The policy fields, checked with the domain's ranges as you type.
fn policy_error(length: &str, idle: &str) -> Option<&'static str> {
    let (Ok(length), Ok(idle)) = (length.trim().parse::<u16>(), idle.trim().parse::<u16>()) else {
        return Some(roster_domain::ErrorCode::RequestInvalidValue.message_en());
    };
    GroupPolicy::new(length, idle, true)
        .err()
        .map(|e| roster_domain::Coded::code(&e).message_en())
}

/// One group, with its edit form and delete button.
#[component]
fn GroupCard(
    group: Group,
    all: Vec<Group>,
    on_change: Callback<Result<(), ApiError>>,
) -> impl IntoView {
    let account = use_account();
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
            .map(|e| roster_domain::Coded::code(&e).message_en())
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
        let (a, n) = (account.id.get_untracked(), name.get_untracked());
        spawn_local(async move {
            on_change.run(
                api::update_group(a, id, version, &n, &policy)
                    .await
                    .map(|_| ()),
            )
        });
    };
    let delete = move |_| {
        let a = account.id.get_untracked();
        let target = move_to.get_untracked().parse().ok();
        spawn_local(async move { on_change.run(api::delete_group(a, id, target).await) });
    };
    let others: Vec<Group> = all.into_iter().filter(|g| g.id != id).collect();
    view! {
        <section class="card" aria-labelledby=format!("{prefix}-title")>
            <h2 id=format!("{prefix}-title")>
                {group.name.clone()}
                {is_default.then(|| view! { <span class="badge">{t(Key::DefaultGroup)}</span> })}
            </h2>
            <p>{format!("{}: {members}", t(Key::Members))}</p>
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
fn NewGroup(on_change: Callback<Result<(), ApiError>>) -> impl IntoView {
    let account = use_account();
    let name = RwSignal::new(String::new());
    let touched = Signal::derive(move || !name.get().is_empty());
    let name_error = Signal::derive(move || {
        touched
            .get()
            .then(|| {
                GroupName::parse(&name.get())
                    .err()
                    .map(|e| roster_domain::Coded::code(&e).message_en())
            })
            .flatten()
    });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if GroupName::parse(&name.get_untracked()).is_err() {
            return;
        }
        let policy = GroupPolicy::default();
        let (a, n) = (account.id.get_untracked(), name.get_untracked());
        spawn_local(async move {
            let result = api::create_group(a, &n, &policy).await.map(|_| ());
            if result.is_ok() {
                name.set(String::new());
            }
            on_change.run(result);
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
