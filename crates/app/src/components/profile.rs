//! The profile fields shared by the Add-user and Edit-user forms: their values, the domain's
//! verdict on them as typed, and which message each field shows.

use crate::api::{self, ApiError, Group, UserDetail};
use crate::flow::Load;
use leptos::prelude::*;
use roster_domain::profile::{FieldIssue, ProfileDraft};
use roster_domain::values::{Language, readable_phone};

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
            phone: text(|u| u.phone.as_deref().map(readable_phone).unwrap_or_default()),
            language: RwSignal::new(
                from.map_or(Language::default(), |u| u.language)
                    .as_str()
                    .to_owned(),
            ),
        }
    }

    /// The fields as the domain checks them.
    pub fn draft(&self) -> ProfileDraft {
        ProfileDraft {
            email: self.email.get(),
            username: blank_to_none(self.username.get()),
            first_name: self.first_name.get(),
            last_name: self.last_name.get(),
            phone: blank_to_none(self.phone.get()),
            language: Some(self.language.get()),
            ..ProfileDraft::default()
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
                return Some(code.message_en());
            }
            if !shown.get() {
                return None;
            }
            issues
                .get()
                .iter()
                .find(|i| i.field == name)
                .map(|i| i.code.message_en())
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
