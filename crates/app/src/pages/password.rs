//! Forgotten password (ask for a link by email) and the password change that a temporary
//! password requires before anything else.

use crate::api::{self, ApiResult};
use crate::components::field::TextField;
use crate::components::loaded::alert;
use crate::components::password::{NewPassword, NewPasswordFields};
use crate::flow::Act;
use crate::i18n::Say as _;
use crate::i18n::{Key, t};
use crate::nav::use_nav;
use crate::session::{Signed, use_session};
use leptos::prelude::*;
use roster_domain::group_policy::MIN_PASSWORD_LENGTH_RANGE;

/// `/forgot-password`.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let request = Act::new(|email: &String| {
        let email = email.clone();
        async move {
            api::request_reset(&email)
                .await
                .inspect_err(|_| crate::components::summary::focus_refusal())
        }
    });
    let busy = request.pending();
    // The form gives way to the notice once the link is sent, and is not built again at each
    // refusal. A memo and a closure, as `Shown` would do it: `Shown`'s children and fallback
    // (`ChildrenFn`, `ViewFn`) were this page's alone in the people's bundle, 0.8 KB of its
    // brotli.
    let sent = Memo::new(move |_| matches!(request.value(), Some(Ok(()))));
    let error = move || request.value().and_then(Result::err);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() || email.get_untracked().trim().is_empty() {
            return;
        }
        request.dispatch(email.get_untracked().trim().to_owned());
    };
    view! {
        <crate::components::language::LanguageSwitch />
        <main id="main" class="narrow" tabindex="-1">
            <h1>{t(Key::ForgotTitle)}</h1>
            {move || if sent.get() {
                view! { <p class="notice" role="status">{t(Key::ResetSent)}</p> }.into_any()
            } else {
                view! {
                    <p class="lead">{t(Key::ForgotLead)}</p>
                    <form on:submit=submit novalidate>
                        {move || error().map(|e| alert(e.message()))}
                        <TextField id="email" label=t(Key::Email) value=email error=Signal::derive(|| None) kind="email" autocomplete="email" required=true />
                        <button type="submit" class="primary" disabled=move || busy.get()>{t(Key::SendLink)}</button>
                    </form>
                }.into_any()
            }}
            <p><a href="/sign-in">{t(Key::BackToSignIn)}</a></p>
        </main>
    }
}

/// `/change-password`: required after signing in with a temporary password, and linked from My
/// details. The server applies the strictest rule of the person's groups, which the session
/// tells: the form waits for it (the page may open before it is known).
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let session = use_session();
    // An `AnyView` from the closure, as the home page's: an `Option` of the form was 1 KB more
    // of the bundle's brotli.
    move || {
        if !session.checked() {
            return view! { <p class="loading" role="status">{t(Key::Loading)}</p> }.into_any();
        }
        let min_length = session
            .me_untracked()
            .map_or(*MIN_PASSWORD_LENGTH_RANGE.start(), |me| {
                me.min_password_length
            });
        view! { <ChangePasswordForm min_length=min_length /> }.into_any()
    }
}

/// The change of password, under the rule of `min_length`.
#[component]
fn ChangePasswordForm(min_length: u16) -> impl IntoView {
    let session = use_session();
    let nav = use_nav();
    let current = RwSignal::new(String::new());
    let personal = Signal::derive(move || {
        session.me().map_or_else(Vec::new, |me| {
            vec![me.username, me.email, me.first_name, me.last_name]
        })
    });
    let fields = NewPassword::new(min_length, personal);
    // Changes the password, then learns who is signed in now and goes home.
    let change = Act::new(move |_: &()| {
        let (old, new) = (current.get_untracked(), fields.password.get_untracked());
        async move {
            api::change_password(&old, &new)
                .await
                .inspect_err(|_| crate::components::summary::focus_refusal())?;
            session.set(match api::me().await {
                Ok(me) => Signed::In(me),
                Err(_) => Signed::Out,
            });
            nav.go("/");
            ApiResult::Ok(())
        }
    });
    let busy = change.pending();
    let server = Signal::derive(move || change.value().and_then(Result::err));
    let current_error = Signal::derive(move || {
        server
            .get()
            .and_then(|e| e.field("current_password"))
            .map(|c| c.say())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !fields.ready() || busy.get_untracked() {
            return;
        }
        // The refusal goes while the new attempt is sent.
        change.clear();
        change.dispatch(());
    };
    view! {
        <main id="main" class="narrow" tabindex="-1">
            <h1>{t(Key::ChangePasswordTitle)}</h1>
            <p class="lead">{move || if session.must_change() {
                t(Key::ChangePasswordLead)
            } else {
                t(Key::ChangePasswordLeadByChoice)
            }}</p>
            <form on:submit=submit novalidate>
                {move || server.get().filter(|e| e.fields.is_empty()).map(|e| alert(e.message()))}
                <TextField id="current-password" label=t(Key::CurrentPassword) value=current error=current_error kind="password" autocomplete="current-password" required=true />
                <NewPasswordFields fields=fields server=server field="new_password" />
                <button type="submit" class="primary" disabled=move || busy.get()>{t(Key::ChangePassword)}</button>
            </form>
        </main>
    }
}
