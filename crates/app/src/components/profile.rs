//! The profile fields shared by the Add-user and Edit-user forms: their values, the domain's
//! verdict on them as typed, and which message each field shows.

use crate::api::{self, ApiError, Group, UserDetail};
use crate::components::field::TextField;
use crate::flow::Load;
use crate::i18n::Say as _;
use crate::i18n::{Key, phone_text, t};
use leptos::prelude::*;
use roster_domain::profile::{FieldIssue, ProfileDraft, field};
use roster_domain::values::{Language, username_follows_email};

/// `Some(trimmed)` unless blank.
pub fn blank_to_none(value: String) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// The values of the profile fields.
#[derive(Debug, Clone, Copy)]
pub struct ProfileFields {
    pub email: RwSignal<String>,
    pub username: RwSignal<String>,
    pub first_name: RwSignal<String>,
    pub last_name: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub language: RwSignal<String>,
    /// Empty for a Roster password (`local`).
    pub identity_provider: RwSignal<String>,
    pub exchange_domain: RwSignal<String>,
    pub exchange_username: RwSignal<String>,
    /// 004 "Same as username": the username is the email, and follows it.
    pub same_as_email: RwSignal<bool>,
}

impl ProfileFields {
    /// Empty fields, or those of an existing user.
    pub fn new(from: Option<&UserDetail>) -> ProfileFields {
        let text = |f: fn(&UserDetail) -> String| RwSignal::new(from.map(f).unwrap_or_default());
        ProfileFields {
            email: text(|u| u.email.clone()),
            username: text(|u| u.username.clone()),
            first_name: text(|u| u.first_name.clone()),
            last_name: text(|u| u.last_name.clone()),
            phone: text(|u| u.phone.as_deref().map(phone_text).unwrap_or_default()),
            language: RwSignal::new(
                from.map_or(Language::default(), |u| u.language)
                    .as_str()
                    .to_owned(),
            ),
            identity_provider: text(|u| {
                let local = u.identity_provider.eq_ignore_ascii_case("local");
                if local {
                    String::new()
                } else {
                    u.identity_provider.clone()
                }
            }),
            exchange_domain: text(|u| u.exchange_domain.clone().unwrap_or_default()),
            exchange_username: text(|u| u.exchange_username.clone().unwrap_or_default()),
            same_as_email: RwSignal::new(
                from.is_none_or(|u| username_follows_email(&u.username, &u.email)),
            ),
        }
    }

    /// The username to send. While it is the email: none before activation (a new user's is
    /// made from the email, a staged one's follows it), the email once `activated` (the
    /// username may change then). Otherwise the username typed, or kept.
    pub fn username_sent(&self, activated: bool) -> Option<String> {
        match (self.same_as_email.get_untracked(), activated) {
            (true, false) => None,
            (true, true) => blank_to_none(self.email.get_untracked()),
            (false, _) => blank_to_none(self.username.get_untracked()),
        }
    }

    /// The identity provider to send: `local` when left empty.
    pub fn identity_provider_sent(&self) -> String {
        blank_to_none(self.identity_provider.get_untracked()).unwrap_or_else(|| "local".to_owned())
    }

    /// The fields as the domain checks them.
    pub fn draft(&self) -> ProfileDraft {
        ProfileDraft {
            email: self.email.get(),
            username: if self.same_as_email.get() {
                None
            } else {
                blank_to_none(self.username.get())
            },
            first_name: self.first_name.get(),
            last_name: self.last_name.get(),
            phone: blank_to_none(self.phone.get()),
            language: Some(self.language.get()),
            identity_provider: blank_to_none(self.identity_provider.get()),
            exchange_domain: blank_to_none(self.exchange_domain.get()),
            exchange_username: blank_to_none(self.exchange_username.get()),
        }
    }

    /// The domain's problems with the fields, kept up to date as they are typed.
    pub fn issues(self) -> Memo<Vec<FieldIssue>> {
        Memo::new(move |_| self.draft().check().err().unwrap_or_default())
    }

    /// The message field `name` shows: the server's word on it first (until the next answer),
    /// then the domain's, once `shown` says the field's problems should show.
    pub fn error_of(
        issues: Memo<Vec<FieldIssue>>,
        server: Signal<Option<ApiError>>,
        name: &'static str,
        shown: Signal<bool>,
    ) -> Signal<Option<&'static str>> {
        Signal::derive(move || {
            if let Some(code) = server.get().and_then(|e| e.field(name)) {
                return Some(code.say());
            }
            if !shown.get() {
                return None;
            }
            issues
                .get()
                .iter()
                .find(|i| i.field == name)
                .map(|i| i.code.say())
        })
    }
}

/// The groups of the current account, loaded again when the account changes; none (only
/// none offered) if they cannot be loaded.
pub fn use_groups(account: Memo<i64>) -> Signal<Vec<Group>> {
    let groups = Load::new(move || {
        let id = account.get();
        async move { api::groups(id).await.unwrap_or_default() }
    });
    Signal::derive(move || groups.get().unwrap_or_default())
}

/// The groups as the options of a `<select>`. With `chosen`, the group chosen is selected, and
/// the account's default group while none is.
///
/// One component for every list of groups, and a plain list rather than a keyed `<For>` (see the
/// crate's header): the options are rebuilt in place when the groups load again.
#[component]
pub fn GroupOptions(
    groups: Signal<Vec<Group>>,
    /// The id of the group chosen, if the select has one.
    #[prop(optional)]
    chosen: Option<RwSignal<String>>,
) -> impl IntoView {
    move || {
        groups
            .get()
            .into_iter()
            .map(|g| {
                view! {
                    <option value=g.id.to_string() selected=move || chosen.is_some_and(|c| c.with(|c| {
                        if c.is_empty() { g.is_default } else { *c == g.id.to_string() }
                    }))>{g.name}</option>
                }
            })
            .collect_view()
    }
}

/// "Same as username" (004): ticked, the username is the email; cleared, a username of its own,
/// typed here when `editable` (before activation it stays as it is).
#[component]
pub fn UsernameChoice(
    fields: ProfileFields,
    editable: bool,
    error: Signal<Option<&'static str>>,
) -> impl IntoView {
    let same = fields.same_as_email;
    view! {
        <div class="field check">
            <label>
                <input type="checkbox" id="same-as-email" prop:checked=move || same.get()
                    on:change=move |ev| same.set(event_target_checked(&ev)) />
                {t(Key::SameAsUsername)}
            </label>
        </div>
        <Show when=move || editable && !same.get()>
            <TextField id=field::USERNAME label=t(Key::UsernameLabel) value=fields.username error=error />
        </Show>
    }
}

/// The identity provider and the Exchange ActiveSync account (both or neither), shared by the
/// Add and Edit forms.
#[component]
pub fn SignInFields(
    fields: ProfileFields,
    /// The message of each field, by its name.
    error_of: Callback<&'static str, Option<&'static str>>,
) -> impl IntoView {
    let error = move |name: &'static str| Signal::derive(move || error_of.run(name));
    view! {
        <TextField id=field::IDENTITY_PROVIDER label=t(Key::IdentityProvider) hint=t(Key::IdentityProviderHint)
            value=fields.identity_provider error=error(field::IDENTITY_PROVIDER) />
        <fieldset class="group">
            <legend>{t(Key::ExchangeTitle)}</legend>
            <p class="hint">{t(Key::ExchangeHint)}</p>
            <TextField id=field::EXCHANGE_DOMAIN label=t(Key::ExchangeDomain) value=fields.exchange_domain
                error=error(field::EXCHANGE_DOMAIN) />
            <TextField id=field::EXCHANGE_USERNAME label=t(Key::ExchangeUsername) value=fields.exchange_username
                error=error(field::EXCHANGE_USERNAME) />
        </fieldset>
    }
}
