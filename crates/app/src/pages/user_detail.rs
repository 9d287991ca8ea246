//! One user: their profile, state and the actions that state allows, their accounts, and the
//! edit form. A save that lost a race (412) says so and offers to reload. A person who also
//! belongs to accounts the admin may not manage them in is offered only the changes to their
//! membership here (the server decides either way), and the page says why.

use crate::api::{self, Tagged, UserAction, UserChanges, UserDetail};
use crate::components::field::{TextField, more_words};
use crate::components::frame::{Told, use_account};
use crate::components::grants::GrantsCard;
use crate::components::loaded::{Loaded, alert};
use crate::components::memberships::MembershipsCard;
use crate::components::pin::PinCard;
use crate::components::profile::{
    GroupOptions, ProfileFields, SignInFields, UsernameChoice, use_groups,
};
use crate::components::results::Outcome;
use crate::components::shown::Shown;
use crate::components::summary::{PROFILE_FIELDS, error_summary, focus_summary, focus_when_drawn};
use crate::components::transfer::TransferCard;
use crate::flow::{Act, Load, effect};
use crate::i18n::Say as _;
use crate::i18n::{Key, action_label, phone_text, role_label, t, user_state_label};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use roster_domain::Coded;
use roster_domain::ErrorCode;
use roster_domain::lifecycle::{Action, EditableField, UserState, can_edit};
use roster_domain::profile::field;
use roster_domain::values::Language;

/// The lifecycle actions offered here, in the order of the buttons: each shown when the server
/// says the viewer may take it now.
const ACTIONS: [Action; 9] = [
    Action::Invite,
    Action::RevokeInvitation,
    Action::SetTemporaryPassword,
    Action::Suspend,
    Action::Unsuspend,
    Action::Unlock,
    Action::Deprovision,
    Action::Restore,
    Action::DeleteForGood,
];

/// What a button of the page does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Offer {
    /// Assign (`true`) or release a licence seat.
    Licence(bool),
    Lifecycle(Action),
}

/// `/accounts/:account/users/:user`.
#[component]
pub fn UserPage() -> impl IntoView {
    let account = use_account();
    let params = use_params_map();
    let user_id = Memo::new(move |_| {
        params
            .read()
            .get("user")
            .and_then(|u| u.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let user = Load::new(move || {
        let (a, u) = (account.id.get(), user_id.get());
        async move { api::user(a, u).await }
    });
    let editing = RwSignal::new(false);
    let notice = RwSignal::new(None::<&'static str>);
    // Held here, not in the view, so that it outlives the reload that follows setting it.
    let temporary = RwSignal::new(None::<String>);
    // The results of adding to or removing from accounts, which the reload must not take away.
    let outcomes = RwSignal::new(Vec::<Outcome>::new());
    // Another user: close the form, and forget what was shown for the previous one; show what
    // the page that opened this one told (the Add page: added, a temporary password, results).
    effect(move || {
        let _ = (account.id.get(), user_id.get());
        editing.set(false);
        let told = account.take_told();
        notice.set(told.as_ref().map(|t| t.notice));
        let (secret, results) = told.map(|t| (t.secret, t.outcomes)).unwrap_or_default();
        temporary.set(secret);
        outcomes.set(results);
    });
    let on_change = Callback::new(move |()| user.refetch());

    view! {
        <p><A href=account.href("users")>{t(Key::BackToUsers)}</A></p>
        <Loaded>
            {move || user.get().map(|loaded| loaded.map(|tagged| view! {
                <UserView tagged=tagged editing=editing notice=notice temporary=temporary outcomes=outcomes on_change=on_change />
            }.into_any()))}
        </Loaded>
    }
}

#[component]
fn UserView(
    tagged: Tagged<UserDetail>,
    editing: RwSignal<bool>,
    notice: RwSignal<Option<&'static str>>,
    /// A temporary password just set, shown once.
    temporary: RwSignal<Option<String>>,
    /// The results of the last change of accounts.
    outcomes: RwSignal<Vec<Outcome>>,
    /// Called after a change, to load the user again.
    on_change: Callback<()>,
) -> impl IntoView {
    let account = use_account();
    let navigate = use_navigate();
    let u = tagged.value.clone();
    let id = u.id;
    let mut offered: Vec<Offer> = ACTIONS
        .into_iter()
        .filter(|a| u.allowed_actions.contains(a))
        .map(Offer::Lifecycle)
        .collect();
    if u.state != UserState::Deprovisioned {
        offered.insert(0, Offer::Licence(!u.licensed));
    }
    let me = use_session().me_untracked().map(|m| m.id);
    let act = Act::new(move |offer: &Offer| {
        let (a, offer) = (account.id.get_untracked(), *offer);
        let navigate = navigate.clone();
        async move {
            let result = match offer {
                Offer::Licence(assign) => api::set_licence(a, id, assign).await,
                Offer::Lifecycle(Action::DeleteForGood) => api::delete_user(a, id).await,
                Offer::Lifecycle(Action::Invite) => api::invite(a, id).await,
                Offer::Lifecycle(Action::RevokeInvitation) => api::revoke_invitation(a, id).await,
                Offer::Lifecycle(Action::SetTemporaryPassword) => api::temporary_password(a, id)
                    .await
                    .map(|password| temporary.set(Some(password))),
                Offer::Lifecycle(action) => match UserAction::of(action) {
                    Some(action) => api::user_action(a, id, action).await,
                    // Activating and locking are the user's and the system's, never offered.
                    None => Ok(()),
                },
            };
            if result.is_ok() {
                crate::embed::tell(
                    match offer {
                        Offer::Lifecycle(Action::DeleteForGood | Action::Deprovision) => {
                            "user.removed"
                        }
                        Offer::Lifecycle(Action::Invite) => "user.invited",
                        _ => "user.updated",
                    },
                    id,
                );
                if offer == Offer::Lifecycle(Action::DeleteForGood) {
                    let list = account.path("users");
                    account.tell(&list, Told::new(t(Key::UserDeleted)));
                    navigate(&list, Default::default());
                } else {
                    notice.set(Some(t(if offer == Offer::Lifecycle(Action::Invite) {
                        Key::InvitationSent
                    } else {
                        Key::Done
                    })));
                    account.refresh();
                    on_change.run(());
                }
            }
            result
        }
    });
    let run = move |offer: Offer| {
        if offer == Offer::Lifecycle(Action::DeleteForGood)
            && !window()
                .confirm_with_message(t(Key::ConfirmDelete))
                .unwrap_or(false)
        {
            return;
        }
        act.dispatch(offer);
    };
    let action_error = move || act.value().and_then(Result::err);
    let name = format!("{} {}", u.first_name, u.last_name);
    account.name_page(&name);
    let invited = u.state == UserState::Invited;
    let badge = user_state_label(u.state, u.invitation_expires_at);
    let provider = if u.identity_provider.eq_ignore_ascii_case("local") {
        t(Key::LocalPassword).to_owned()
    } else {
        u.identity_provider.clone()
    };
    let exchange = match (&u.exchange_domain, &u.exchange_username) {
        (Some(domain), Some(name)) => format!("{domain}\\{name}"),
        _ => "—".to_owned(),
    };
    // A removed user's details stay as they are until restored: no form to fill in vain.
    let frozen = can_edit(u.state, EditableField::Group).err();
    // A seat held may move to someone else in one step (000, 002).
    let transferable = u.licensed && u.state != UserState::Deprovisioned;
    let transferring = RwSignal::new(false);
    view! {
        <div class="page-head">
            <h1>{name}</h1>
            <span class=format!("badge state-{}", u.state.as_str())>{badge}</span>
        </div>
        // Each an `AnyView`: see `alert`.
        {move || notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> }.into_any())}
        {move || temporary.get().map(|p| view! {
            <div class="notice" role="status">
                <p>{t(Key::TemporaryPasswordShown)}</p>
                <p><code class="secret">{p}</code></p>
            </div>
        }
        // An `AnyView`: see `alert`.
        .into_any())}
        {move || action_error().map(|e| alert(e.message()))}
        {u.shared.then(|| view! { <p class="info" role="note">{t(Key::PersonShared)}</p> })}
        <section aria-labelledby="actions-title" class="card">
            <h2 id="actions-title">{t(Key::Actions)}</h2>
            {frozen.map(|refusal| view! { <p class="hint">{refusal.code().say()}</p> })}
            <div class="actions">
                {((u.editable || u.shared) && frozen.is_none()).then(|| view! { <button type="button" on:click=move |_| {
                    // The form opens below the cards, out of sight: the focus goes to it.
                    editing.set(true);
                    focus_when_drawn("edit-title");
                }>{t(Key::EditUser)}</button> })}
                {offered.into_iter().map(|offer| {
                    let label = match offer {
                        Offer::Lifecycle(Action::Invite) if invited => t(Key::ResendInvitation),
                        Offer::Licence(true) => t(Key::AssignLicence),
                        Offer::Licence(false) => t(Key::ReleaseLicence),
                        Offer::Lifecycle(action) => action_label(action),
                    };
                    let danger = offer == Offer::Lifecycle(Action::DeleteForGood);
                    view! { <button type="button" class=if danger { "danger" } else { "" } on:click=move |_| run(offer)>{label}</button> }
                }).collect_view()}
                {transferable.then(|| view! {
                    <button type="button" aria-expanded=move || transferring.get().to_string()
                        on:click=move |_| transferring.update(|t| *t = !*t)>{t(Key::TransferTitle)}</button>
                })}
            </div>
        </section>
        <Shown when=move || transferring.get()>
            <TransferCard account=Signal::from(account.id) from=id notice=notice on_change=on_change />
        </Shown>
        {(me != Some(u.id)).then(|| view! { <GrantsCard tagged=tagged.clone() notice=notice on_change=on_change /> })}
        {(me != Some(u.id) && u.state == UserState::Active).then(|| view! {
            <PinCard account=Signal::from(account.id) user=u.id />
        })}
        <Shown when=move || editing.get()>
            <EditForm tagged=tagged.clone() editing=editing notice=notice on_change=on_change />
        </Shown>
        <section aria-labelledby="profile-title" class="card">
            <h2 id="profile-title">{t(Key::Profile)}</h2>
            <dl class="profile">
                <dt>{t(Key::UsernameLabel)}</dt><dd>{u.username.clone()}</dd>
                <dt>{t(Key::Email)}</dt><dd>{u.email.clone()}</dd>
                <dt>{t(Key::Phone)}</dt><dd>{u.phone.as_deref().map_or_else(|| "—".into(), phone_text)}</dd>
                <dt>{t(Key::Language)}</dt><dd>{match u.language { Language::Fr => t(Key::LanguageFr), Language::En => t(Key::LanguageEn) }}</dd>
                <dt>{t(Key::IdentityProvider)}</dt><dd>{provider}</dd>
                <dt>{t(Key::ExchangeTitle)}</dt><dd>{exchange}</dd>
                <dt>{t(Key::Role)}</dt><dd>{role_label(u.role)}</dd>
                <dt>{t(Key::Group)}</dt><dd>{u.group_name.clone()}</dd>
                <dt>{t(Key::Licence)}</dt><dd>{if u.licensed { t(Key::Licensed) } else { t(Key::NotLicensed) }}</dd>
            </dl>
        </section>
        <MembershipsCard user=u.clone() outcomes=outcomes on_change=on_change />
    }
}

/// The edit form, checked as you type like the add form.
#[component]
fn EditForm(
    tagged: Tagged<UserDetail>,
    editing: RwSignal<bool>,
    notice: RwSignal<Option<&'static str>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let account = use_account();
    let u = tagged.value;
    let etag = tagged.etag;
    let activated = !matches!(u.state, UserState::Staged | UserState::Invited);
    // A person shared with accounts I may not manage them in: only their group here is mine.
    let profile = u.editable;
    let fields = ProfileFields::new(Some(&u));
    let ProfileFields {
        email,
        first_name,
        last_name,
        phone,
        language,
        exchange_domain,
        exchange_username,
        ..
    } = fields;
    let group = RwSignal::new(u.group.to_string());
    let groups = use_groups(account.id);
    let save = Act::new(move |changes: &UserChanges| {
        let (a, id, etag, changes) = (
            account.id.get_untracked(),
            u.id,
            etag.clone(),
            changes.clone(),
        );
        async move {
            let result = api::update_user(a, id, &etag, &changes).await.map(|_| ());
            if result.is_ok() {
                crate::embed::tell("user.updated", id);
                editing.set(false);
                notice.set(Some(t(Key::Saved)));
                on_change.run(());
            }
            result
        }
    });
    let server = Signal::derive(move || save.value().and_then(Result::err));
    let busy = save.pending();
    let issues = fields.issues();
    let error_of = move |name: &'static str| {
        ProfileFields::error_of(issues, server, name, Signal::derive(|| true))
    };
    let approved = move || server.get().and_then(|e| e.approved_domains(field::EMAIL));
    // Each field in trouble and its message, for the summary: the server's word first.
    let problems = move || {
        PROFILE_FIELDS
            .into_iter()
            .filter_map(|name| {
                let code = server.get().and_then(|e| e.field(name)).or_else(|| {
                    issues.with(|all| all.iter().find(|i| i.field == name).map(|i| i.code))
                });
                code.map(|c| (name, c.say()))
            })
            .collect::<Vec<_>>()
    };
    // Set by a submit the fields' problems refused: the summary then says so.
    let refused = RwSignal::new(false);
    // A refusal by the server moves the focus to the summary, as one by the fields does.
    effect(move || {
        if server.get().is_some() {
            focus_summary();
        }
    });
    let stale = move || {
        server
            .get()
            .is_some_and(|e| e.code == Some(ErrorCode::RequestStale))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if profile && !issues.get_untracked().is_empty() {
            refused.set(true);
            focus_summary();
            return;
        }
        if busy.get_untracked() {
            return;
        }
        refused.set(false);
        let mut changes = UserChanges {
            group: group.get_untracked().parse::<i64>().ok(),
            ..UserChanges::default()
        };
        if profile {
            changes.email = Some(email.get_untracked());
            changes.first_name = Some(first_name.get_untracked());
            changes.last_name = Some(last_name.get_untracked());
            changes.phone = Some(phone.get_untracked().trim().to_owned());
            changes.username = fields.username_sent(activated);
            changes.language = Some(language.get_untracked());
            changes.identity_provider = Some(fields.identity_provider_sent());
            changes.exchange_domain = Some(exchange_domain.get_untracked().trim().to_owned());
            changes.exchange_username = Some(exchange_username.get_untracked().trim().to_owned());
        }
        save.dispatch(changes);
    };
    view! {
        <section aria-labelledby="edit-title" class="card">
            <h2 id="edit-title" tabindex="-1">{t(Key::EditUser)}</h2>
            <form on:submit=submit novalidate>
                {move || {
                    let message = server.get().map(|e| if stale() { t(Key::StaleTitle) } else { e.message() })
                        .or_else(|| (refused.get() && !issues.get().is_empty()).then(|| t(Key::FixFields)));
                    message.map(|m| error_summary(m, problems()))
                }}
                <Shown when=stale>
                    <button type="button" on:click=move |_| on_change.run(())>{t(Key::Reload)}</button>
                </Shown>
                {profile.then(|| view! {
                    <TextField id=field::EMAIL label=t(Key::Email) value=email error=error_of(field::EMAIL) kind="email" required=true />
                    {more_words("email-domains", approved)}
                    <UsernameChoice fields=fields editable=activated error=error_of(field::USERNAME) />
                    <TextField id=field::FIRST_NAME label=t(Key::FirstName) value=first_name error=error_of(field::FIRST_NAME) required=true />
                    <TextField id=field::LAST_NAME label=t(Key::LastName) value=last_name error=error_of(field::LAST_NAME) required=true />
                    <TextField id=field::PHONE label=t(Key::Phone) hint=t(Key::PhoneHint) value=phone error=error_of(field::PHONE) kind="tel" />
                    <div class="field">
                        <label for="edit-language">{t(Key::Language)}</label>
                        <select id="edit-language" on:change=move |ev| language.set(event_target_value(&ev))>
                            <option value="en" selected=move || language.get() == "en">{t(Key::LanguageEn)}</option>
                            <option value="fr" selected=move || language.get() == "fr">{t(Key::LanguageFr)}</option>
                        </select>
                    </div>
                    <SignInFields fields=fields error_of=Callback::new(move |name| error_of(name).get()) />
                })}
                <div class="field">
                    <label for="edit-group">{t(Key::Group)}</label>
                    <select id="edit-group" on:change=move |ev| group.set(event_target_value(&ev))>
                        <GroupOptions groups=groups chosen=group />
                    </select>
                </div>
                <div class="form-actions">
                    <button type="submit" class="primary" disabled=move || busy.get()>{move || if busy.get() { t(Key::Saving) } else { t(Key::Save) }}</button>
                    <button type="button" class="link" on:click=move |_| editing.set(false)>{t(Key::Cancel)}</button>
                </div>
            </form>
        </section>
    }
}
