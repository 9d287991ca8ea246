//! A new password and its confirmation, checked as they are typed with the domain's own rules
//! (the server checks them again, and also refuses the common passwords, a list the browser does
//! not download).

use crate::api::ApiError;
use crate::components::field::TextField;
use crate::i18n::Say as _;
use crate::i18n::{Key, t};
use leptos::prelude::*;
use roster_domain::Coded;
use roster_domain::group_policy::GroupPolicy;
use roster_domain::password::check_new_password;

/// The two fields' values and the rule they answer to.
#[derive(Debug, Clone, Copy)]
pub struct NewPassword {
    pub password: RwSignal<String>,
    pub confirm: RwSignal<String>,
    /// Set once the person tried to submit: from then on, empty fields are flagged too.
    pub tried: RwSignal<bool>,
    min_length: u16,
    /// What the page knows of the person (username, email, names): not a password of theirs.
    personal: Signal<Vec<String>>,
}

impl NewPassword {
    pub fn new(min_length: u16, personal: Signal<Vec<String>>) -> NewPassword {
        NewPassword {
            password: RwSignal::new(String::new()),
            confirm: RwSignal::new(String::new()),
            tried: RwSignal::new(false),
            min_length,
            personal,
        }
    }

    /// The refusal of the rules that the browser can check, if any.
    fn refusal(&self, password: &str, personal: &[String]) -> Option<&'static str> {
        let personal: Vec<&str> = personal.iter().map(String::as_str).collect();
        check_new_password(password, &self.policy(), &personal, |_| false)
            .err()
            .map(|e| e.code().say())
    }

    fn policy(&self) -> GroupPolicy {
        let default = GroupPolicy::default();
        GroupPolicy::new(
            self.min_length,
            default.idle_timeout_minutes(),
            default.members_may_edit_own_details(),
        )
        .unwrap_or(default)
    }

    /// What is wrong with the password, if anything (the server's answer first).
    pub fn problem(
        &self,
        server: Signal<Option<ApiError>>,
        field: &'static str,
    ) -> Signal<Option<&'static str>> {
        let this = *self;
        Signal::derive(move || {
            if let Some(code) = server.get().and_then(|e| e.field(field)) {
                return Some(code.say());
            }
            let password = this.password.get();
            if password.is_empty() && !this.tried.get() {
                return None;
            }
            this.personal
                .with(|personal| this.refusal(&password, personal))
        })
    }

    /// Whether the confirmation differs from the password.
    pub fn mismatch(&self) -> Signal<Option<&'static str>> {
        let this = *self;
        Signal::derive(move || {
            let confirm = this.confirm.get();
            let shown = this.tried.get() || !confirm.is_empty();
            (shown && confirm != this.password.get()).then(|| t(Key::PasswordsDiffer))
        })
    }

    /// Marks the form tried; true when both fields are fine to send, else the focus goes to the
    /// first field refused.
    pub fn ready(&self) -> bool {
        self.tried.set(true);
        let password = self.password.get_untracked();
        let refused = self
            .personal
            .with_untracked(|personal| self.refusal(&password, personal));
        let ready = refused.is_none() && password == self.confirm.get_untracked();
        if !ready {
            crate::components::summary::focus_refusal();
        }
        ready
    }
}

/// The rule, the new password and its confirmation.
#[component]
pub fn NewPasswordFields(
    fields: NewPassword,
    /// The server's refusal, whose field errors show under the fields.
    #[prop(into)]
    server: Signal<Option<ApiError>>,
    /// The name the server gives the password field.
    field: &'static str,
) -> impl IntoView {
    view! {
        <p class="hint">{t(Key::MinimumLength)} " " <strong>{fields.min_length}</strong></p>
        <TextField id="new-password" label=t(Key::NewPassword) value=fields.password
            error=fields.problem(server, field) kind="password" autocomplete="new-password" required=true />
        <TextField id="confirm-password" label=t(Key::ConfirmPassword) value=fields.confirm
            error=fields.mismatch() kind="password" autocomplete="new-password" required=true />
    }
}
