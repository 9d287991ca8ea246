//! Add a user: every field is checked as you type with the domain's own constructors (the very
//! rules the server applies), and the server's field errors are shown in the same places. A
//! person who already has a login in accounts the admin does not manage is not added but asked
//! to join: the page then says it waits for them to accept, and shows nothing else of them.

use crate::api::{self, ApiResult, Created, NewUser};
use crate::components::field::TextField;
use crate::components::frame::use_account;
use crate::components::loaded::alert;
use crate::components::profile::{GroupOptions, ProfileFields, blank_to_none, use_groups};
use crate::flow::{Act, effect};
use crate::i18n::{Key, role_label, t};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use roster_domain::authz::Role;
use roster_domain::profile::field;

/// `/accounts/:account/users/new`.
#[component]
pub fn NewUserPage() -> impl IntoView {
    let account = use_account();
    let navigate = use_navigate();
    let fields = ProfileFields::new(None);
    let ProfileFields {
        email,
        username,
        first_name,
        last_name,
        phone,
        language,
    } = fields;
    let group = RwSignal::new(String::new());
    let role = RwSignal::new(Role::User);
    let groups = use_groups(account.id);
    let submitted = RwSignal::new(false);
    // Adds the user and opens their page; or, for a login of accounts the admin does not
    // manage, the request to join is the action's value.
    let create = Act::new(move |form: &NewUser| {
        let (id, form) = (account.id.get_untracked(), form.clone());
        let navigate = navigate.clone();
        async move {
            let created = api::create_user(id, &form).await?;
            if let Created::Member(user) = &created {
                account.refresh();
                let page = format!("/accounts/{id}/users/{}", user.id);
                account.tell(&page, t(Key::UserAdded));
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
    let error_of = move |name: &'static str, value: RwSignal<String>| {
        let shown = Signal::derive(move || submitted.get() || !value.get().is_empty());
        ProfileFields::error_of(issues, server, name, shown)
    };
    let approved =
        Signal::derive(move || server.get().and_then(|e| e.approved_domains(field::EMAIL)));
    // Any edit clears the server's verdict, which was about the old values.
    effect(move || {
        let _ = fields.draft();
        if server.get_untracked().is_some() {
            create.clear();
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if !issues.get_untracked().is_empty() || busy.get_untracked() {
            return;
        }
        let form = NewUser {
            email: email.get_untracked(),
            username: blank_to_none(username.get_untracked()),
            first_name: first_name.get_untracked(),
            last_name: last_name.get_untracked(),
            phone: blank_to_none(phone.get_untracked()),
            language: Some(language.get_untracked()),
            group: group.get_untracked().parse().ok(),
            role: Some(role.get_untracked()),
            ..NewUser::default()
        };
        create.dispatch(form);
    };

    let another = move |_| {
        for value in [email, username, first_name, last_name, phone] {
            value.set(String::new());
        }
        submitted.set(false);
        create.clear();
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
                    summary.map(alert)
                }}
                <TextField id=field::EMAIL label=t(Key::Email) value=email error=error_of(field::EMAIL, email) detail=approved kind="email" required=true />
                <TextField id=field::USERNAME label=t(Key::UsernameSameAsEmail) value=username error=error_of(field::USERNAME, username) />
                <TextField id=field::FIRST_NAME label=t(Key::FirstName) value=first_name error=error_of(field::FIRST_NAME, first_name) required=true />
                <TextField id=field::LAST_NAME label=t(Key::LastName) value=last_name error=error_of(field::LAST_NAME, last_name) required=true />
                <TextField id=field::PHONE label=t(Key::Phone) hint=t(Key::PhoneHint) value=phone error=error_of(field::PHONE, phone) kind="tel" />
                <div class="field">
                    <label for="language">{t(Key::Language)}</label>
                    <select id="language" on:change=move |ev| language.set(event_target_value(&ev))>
                        <option value="en">{t(Key::LanguageEn)}</option>
                        <option value="fr">{t(Key::LanguageFr)}</option>
                    </select>
                </div>
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
                <div class="form-actions">
                    <button type="submit" class="primary" disabled=move || busy.get()>
                        {move || if busy.get() { t(Key::Saving) } else { t(Key::SaveWithoutInviting) }}
                    </button>
                    <A href=account.href("users")>{t(Key::Cancel)}</A>
                </div>
            </form>
            </div>
        </div>
    }
}
