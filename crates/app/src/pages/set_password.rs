//! The pages of single-use links that set a password, built for a phone first: activation and
//! password reset. Both read the token from the address's fragment (it never reaches a server
//! log), wait for a click before using it (mail scanners open links), then take the new
//! password.

use crate::api::{self, ApiError, Link, LinkInfo};
use crate::components::field::TextField;
use crate::components::loaded::alert;
use crate::components::password::{NewPassword, NewPasswordFields};
use crate::flow::Act;
use crate::i18n::Say as _;
use crate::i18n::{Key, t};
use crate::nav::use_nav;
use crate::session::{Signed, use_session};
use leptos::prelude::*;

/// `/activate#token=…`.
#[component]
pub fn ActivatePage() -> impl IntoView {
    view! { <LinkPage link=Link::Activation /> }
}

/// `/reset-password#token=…`.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    view! { <LinkPage link=Link::PasswordReset /> }
}

/// Where the page is.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// Waiting for the click that says a person, not a scanner, is here (and while checking).
    Confirm,
    Form(LinkInfo),
    /// The link no longer works (or never did).
    Invalid(ApiError),
    /// A password was reset: sign in with it.
    Reset,
}

/// The token in the address's fragment; the fragment is then taken off the address, so the
/// token stays out of the history and of screenshots (the language switch puts it back for the
/// page it loads again).
pub(crate) fn take_token() -> String {
    let location = window().location();
    let hash = location.hash().unwrap_or_default();
    let token = hash
        .trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .unwrap_or_default()
        .to_owned();
    if !hash.is_empty()
        && let Ok(history) = window().history()
    {
        crate::components::language::keep_for_reload(location.href().unwrap_or_default());
        let path = location.pathname().unwrap_or_default();
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
    token
}

#[component]
fn LinkPage(link: Link) -> impl IntoView {
    let token = StoredValue::new(take_token());
    let step = RwSignal::new(Step::Confirm);
    let title = match link {
        Link::Activation => t(Key::ActivateTitle),
        Link::PasswordReset => t(Key::ResetTitle),
    };
    let check = Act::new(move |_: &()| {
        let token = token.get_value();
        async move {
            step.set(match api::check_link(link, &token).await {
                Ok(info) => Step::Form(info),
                Err(e) => Step::Invalid(e),
            });
            // Continue is gone with the step it was on: the focus goes to the page's content,
            // not back to the top of the page.
            if let Some(main) = document().get_element_by_id("main")
                && let Ok(main) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(main)
            {
                let _ = main.focus();
            }
        }
    });
    let checking = check.pending();
    view! {
        <crate::components::language::LanguageSwitch />
        <main id="main" class="narrow" tabindex="-1">
            <h1>{move || match step.get() {
                Step::Invalid(_) => t(Key::LinkInvalidTitle),
                _ => title,
            }}</h1>
            {move || match step.get() {
                Step::Confirm => view! {
                    <p class="lead">{match link {
                        Link::Activation => t(Key::ActivateConfirmLead),
                        Link::PasswordReset => t(Key::ResetConfirmLead),
                    }}</p>
                    <button type="button" class="primary" on:click=move |_| { check.dispatch(()); }
                        disabled=move || checking.get()>{t(Key::Continue)}</button>
                }.into_any(),
                Step::Form(info) => view! { <PasswordForm link=link token=token info=info step=step /> }.into_any(),
                Step::Invalid(e) => alert(e.message()),
                Step::Reset => view! {
                    <p class="notice" role="status">{t(Key::ResetDone)}</p>
                    <p><a href="/sign-in">{t(Key::SignIn)}</a></p>
                }.into_any(),
            }}
        </main>
    }
}

#[component]
fn PasswordForm(
    link: Link,
    token: StoredValue<String>,
    info: LinkInfo,
    step: RwSignal<Step>,
) -> impl IntoView {
    let session = use_session();
    let nav = use_nav();
    let fields = NewPassword::new(
        info.min_password_length,
        Signal::stored(vec![info.username.clone(), info.first_name.clone()]),
    );
    let question = RwSignal::new(String::new());
    let answer = RwSignal::new(String::new());
    // Sets the password; the refusal to show under the form, if any, is the action's value.
    let set = Act::new(move |password: &String| {
        let (password, token) = (password.clone(), token.get_value());
        let (question, answer) = (question.get_untracked(), answer.get_untracked());
        async move {
            let result = match link {
                Link::Activation => api::activate(&token, &password, &question, &answer)
                    .await
                    .map(|me| {
                        session.set(Signed::In(me));
                        nav.go("/");
                    }),
                Link::PasswordReset => api::complete_reset(&token, &password)
                    .await
                    .map(|()| step.set(Step::Reset)),
            };
            match result {
                Err(e) if e.status == 410 => {
                    step.set(Step::Invalid(e));
                    None
                }
                Err(e) => {
                    crate::components::summary::focus_refusal();
                    Some(e)
                }
                Ok(()) => None,
            }
        }
    });
    let busy = set.pending();
    let server = Signal::derive(move || set.value().flatten());
    let field_error = move |name: &'static str| {
        Signal::derive(move || server.get().and_then(|e| e.field(name)).map(|c| c.say()))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !fields.ready() || busy.get_untracked() {
            return;
        }
        // The refusal goes while the new attempt is sent.
        set.clear();
        set.dispatch(fields.password.get_untracked());
    };
    view! {
        <p class="lead">{match link {
            Link::Activation => t(Key::ActivateLead),
            Link::PasswordReset => t(Key::ResetTitle),
        }}</p>
        <dl class="profile">
            <dt>{t(Key::UsernameLabel)}</dt><dd>{info.username.clone()}</dd>
        </dl>
        <form on:submit=submit novalidate>
            {move || server.get().filter(|e| e.fields.is_empty()).map(|e| alert(e.message()))}
            <NewPasswordFields fields=fields server=server field="password" />
            {(link == Link::Activation).then(|| view! {
                <TextField id="challenge-question" label=t(Key::ChallengeQuestion) value=question error=field_error("challenge_question") />
                <TextField id="challenge-answer" label=t(Key::ChallengeAnswer) value=answer error=field_error("challenge_answer") />
            })}
            <button type="submit" class="primary" disabled=move || busy.get()>
                {move || if busy.get() { t(Key::Working) } else if link == Link::Activation { t(Key::ActivateButton) } else { t(Key::SetPassword) }}
            </button>
        </form>
    }
}
