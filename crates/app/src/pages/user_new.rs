//! Add a user (001, 003, 004): every field is checked as you type with the domain's own
//! constructors (the very rules the server applies), and the server's field errors are shown in
//! the same places. The role, the authorization levels this admin may grant, and the other
//! accounts they administer are chosen here too; then *save without inviting*, *send the
//! invitation* or *set a temporary password* (PRODUCT.md screen 3). A person who already has a
//! login in accounts the admin does not manage is not added but asked to join: the page then
//! says it waits for them to accept, and shows nothing else of them.

use crate::api::{self, ApiResult, Created, NewUser};
use crate::components::field::{TextField, more_words};
use crate::components::frame::{Told, use_account};
use crate::components::grants::level_selects;
use crate::components::memberships::{AccountChoices, outcomes_of};
use crate::components::profile::{
    GroupOptions, ProfileFields, SignInFields, UsernameChoice, blank_to_none, use_groups,
};
use crate::components::results::Outcome;
use crate::components::summary::{PROFILE_FIELDS, error_summary, focus_summary};
use crate::flow::{Act, Load, effect};
use crate::i18n::Say as _;
use crate::i18n::{Key, role_label, t};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use roster_domain::authz::{Grants, Role};
use roster_domain::profile::field;
use std::collections::BTreeSet;

/// What follows saving the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Then {
    Save,
    Invite,
    SetPassword,
}

/// `/accounts/:account/users/new`.
#[component]
pub fn NewUserPage() -> impl IntoView {
    let account = use_account();
    let session = use_session();
    let navigate = use_navigate();
    let fields = ProfileFields::new(None);
    let group = RwSignal::new(String::new());
    let role = RwSignal::new(Role::User);
    let levels = RwSignal::new(Grants::new());
    let groups = use_groups(account.id);
    // The policy's kinds and what this admin may grant.
    let settings = Load::new(move || {
        let a = account.id.get();
        async move { api::account_settings(a).await.ok().map(|s| s.value) }
    });
    // The other accounts this admin administers, to add the person to at once (003 step 4C).
    let others = Memo::new(move |_| {
        let here = account.id.get();
        session.me().map_or_else(Vec::new, |me| {
            me.accounts
                .into_iter()
                .filter(|a| a.role == Role::Admin && a.id != here)
                .map(|a| (a.id, a.name))
                .collect::<Vec<_>>()
        })
    });
    let also = RwSignal::new(BTreeSet::<i64>::new());
    let submitted = RwSignal::new(false);
    // Adds the user, does what was asked next, and opens their page saying how it went; or, for
    // a login of accounts the admin does not manage, the request to join is the action's value.
    let create = Act::new(move |(form, then): &(NewUser, Then)| {
        let (id, form, then) = (account.id.get_untracked(), form.clone(), *then);
        let (also, names) = (also.get_untracked(), others.get_untracked());
        let navigate = navigate.clone();
        async move {
            let created = api::create_user(id, &form).await?;
            if let Created::Member(user) = &created {
                let mut told = Told::new(t(Key::UserAdded));
                let mut invited = false;
                match then {
                    Then::Save => {}
                    Then::Invite => {
                        told.notice = match api::invite(id, user.id).await {
                            Ok(()) => {
                                invited = true;
                                t(Key::UserAddedInvited)
                            }
                            Err(e) => e.message(),
                        };
                    }
                    Then::SetPassword => match api::temporary_password(id, user.id).await {
                        Ok(password) => told.secret = Some(password),
                        Err(e) => told.notice = e.message(),
                    },
                }
                if !also.is_empty() {
                    let accounts: Vec<i64> = also.into_iter().collect();
                    told.outcomes =
                        match api::change_memberships(id, user.id, &accounts, true).await {
                            Ok(results) => outcomes_of(results, &names),
                            Err(e) => vec![Outcome::of(String::new(), Err(e))],
                        };
                }
                account.refresh();
                crate::embed::tell("user.created", user.id);
                if invited {
                    crate::embed::tell("user.invited", user.id);
                }
                let page = account.path(&format!("users/{}", user.id));
                account.tell(&page, told);
                navigate(&page, Default::default());
            }
            ApiResult::Ok(created)
        }
    });
    let busy = create.pending();
    let server = Signal::derive(move || create.value().and_then(Result::err));
    let requested = move || match create.value() {
        Some(Ok(Created::Requested(request))) => Some(request),
        _ => None,
    };
    let issues = fields.issues();
    // A field's problem shows once it has been typed in, or after a first attempt to save.
    let error_of = move |name: &'static str| {
        let value = match name {
            field::EMAIL => fields.email,
            field::USERNAME => fields.username,
            field::FIRST_NAME => fields.first_name,
            field::LAST_NAME => fields.last_name,
            field::PHONE => fields.phone,
            field::IDENTITY_PROVIDER => fields.identity_provider,
            field::EXCHANGE_DOMAIN => fields.exchange_domain,
            _ => fields.exchange_username,
        };
        let shown = Signal::derive(move || submitted.get() || !value.get().is_empty());
        ProfileFields::error_of(issues, server, name, shown)
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
    // A refusal by the server moves the focus to the summary, as one by the fields does.
    effect(move || {
        if server.get().is_some() {
            focus_summary();
        }
    });
    // Any edit clears the server's verdict, which was about the old values.
    effect(move || {
        let _ = fields.draft();
        if server.get_untracked().is_some() {
            create.clear();
        }
    });

    let run = move |then: Then| {
        submitted.set(true);
        if !issues.get_untracked().is_empty() {
            focus_summary();
            return;
        }
        if busy.get_untracked() {
            return;
        }
        let held = levels.get_untracked();
        let form = NewUser {
            email: fields.email.get_untracked(),
            username: fields.username_sent(false),
            first_name: fields.first_name.get_untracked(),
            last_name: fields.last_name.get_untracked(),
            phone: blank_to_none(fields.phone.get_untracked()),
            language: Some(fields.language.get_untracked()),
            identity_provider: Some(fields.identity_provider_sent()),
            exchange_domain: blank_to_none(fields.exchange_domain.get_untracked()),
            exchange_username: blank_to_none(fields.exchange_username.get_untracked()),
            group: group.get_untracked().parse().ok(),
            role: Some(role.get_untracked()),
            authorities: (!held.is_empty()).then_some(held),
        };
        create.dispatch((form, then));
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run(Then::Save);
    };
    let another = move |_| {
        for value in [
            fields.email,
            fields.username,
            fields.first_name,
            fields.last_name,
            fields.phone,
        ] {
            value.set(String::new());
        }
        submitted.set(false);
        create.clear();
    };
    let levels_view = move || {
        settings.get().flatten().map(|s| {
            view! {
                <fieldset class="group">
                    <legend>{t(Key::LevelsTitle)}</legend>
                    {level_selects(&s, &Grants::new(), levels)}
                </fieldset>
            }
        })
    };
    let accounts_view = move || {
        let mine = others.get();
        (!mine.is_empty()).then(|| {
            view! {
                <fieldset class="group">
                    <legend>{t(Key::AlsoInAccounts)}</legend>
                    <AccountChoices mine=mine chosen=also legend=t(Key::AlsoInAccounts) />
                </fieldset>
            }
        })
    };
    view! {
        <div class="narrow">
            <h1>{t(Key::AddUserTitle)}</h1>
            {move || requested().map(|request| view! {
                <section class="card" role="status" aria-labelledby="requested-title">
                    <h2 id="requested-title">{t(Key::JoinRequestedTitle)}</h2>
                    <p><strong>{request.email}</strong> " " {t(Key::JoinRequestedLead)}</p>
                    <div class="actions">
                        <A href=account.href("invitations")>{t(Key::SeeJoinRequests)}</A>
                        <button type="button" on:click=another>{t(Key::AddAnother)}</button>
                    </div>
                </section>
            }
            // An `AnyView`: see `alert`.
            .into_any())}
            // Hidden rather than dropped, so "Add another user" brings the very form back.
            <div hidden=move || requested().is_some()>
            <p class="lead">{t(Key::AddUserLead)}</p>
            <form on:submit=submit novalidate>
                {move || {
                    let summary = server.get().map(|e| e.message())
                        .or_else(|| (submitted.get() && !issues.get().is_empty()).then(|| t(Key::FixFields)));
                    summary.map(|message| error_summary(message, problems()))
                }}
                <TextField id=field::EMAIL label=t(Key::Email) value=fields.email error=error_of(field::EMAIL) kind="email" required=true />
                {more_words("email-domains", approved)}
                <UsernameChoice fields=fields editable=true error=error_of(field::USERNAME) />
                <TextField id=field::FIRST_NAME label=t(Key::FirstName) value=fields.first_name error=error_of(field::FIRST_NAME) required=true />
                <TextField id=field::LAST_NAME label=t(Key::LastName) value=fields.last_name error=error_of(field::LAST_NAME) required=true />
                <TextField id=field::PHONE label=t(Key::Phone) hint=t(Key::PhoneHint) value=fields.phone error=error_of(field::PHONE) kind="tel" />
                <div class="field">
                    <label for="language">{t(Key::Language)}</label>
                    <select id="language" on:change=move |ev| fields.language.set(event_target_value(&ev))>
                        <option value="en">{t(Key::LanguageEn)}</option>
                        <option value="fr">{t(Key::LanguageFr)}</option>
                    </select>
                </div>
                <SignInFields fields=fields error_of=Callback::new(move |name| error_of(name).get()) />
                <div class="field">
                    <label for="group">{t(Key::Group)}</label>
                    <select id="group" on:change=move |ev| group.set(event_target_value(&ev))>
                        <GroupOptions groups=groups chosen=group />
                    </select>
                </div>
                <div class="field">
                    <label for="role">{t(Key::Role)}</label>
                    <select id="role" on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        if let Some(r) = Role::ALL.into_iter().find(|r| r.as_str() == chosen) {
                            role.set(r);
                        }
                    }>
                        <option value=Role::User.as_str()>{role_label(Role::User)}</option>
                        <option value=Role::Admin.as_str()>{role_label(Role::Admin)}</option>
                    </select>
                </div>
                {levels_view}
                {accounts_view}
                <div class="form-actions">
                    <button type="submit" class="primary" disabled=move || busy.get()>
                        {move || if busy.get() { t(Key::Saving) } else { t(Key::SaveWithoutInviting) }}
                    </button>
                    <button type="button" disabled=move || busy.get() on:click=move |_| run(Then::Invite)>{t(Key::SaveAndInvite)}</button>
                    <button type="button" disabled=move || busy.get() on:click=move |_| run(Then::SetPassword)>{t(Key::SaveAndSetPassword)}</button>
                    <A href=account.href("users")>{t(Key::Cancel)}</A>
                </div>
            </form>
            </div>
        </div>
    }
}
