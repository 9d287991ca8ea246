//! What proves a caller is me: the challenge question, and the authorization number (shown
//! once; its first four digits are the PIN an administrator asks for on the phone).

use super::Mine;
use crate::api;
use crate::components::field::TextField;
use crate::components::loaded::alert;
use crate::flow::Act;
use crate::i18n::Say as _;
use crate::i18n::{Key, t};
use leptos::prelude::*;

#[component]
pub(super) fn ChallengeSection(mine: Mine) -> impl IntoView {
    let question = RwSignal::new(String::new());
    let answer = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let set = Act::new(move |_: &()| {
        let (p, q, a) = (
            password.get_untracked(),
            question.get_untracked(),
            answer.get_untracked(),
        );
        async move {
            api::set_my_challenge(&p, &q, &a)
                .await
                .inspect_err(|_| crate::components::summary::focus_refusal())?;
            if let Ok(me) = api::my_details().await {
                mine.set(me);
            }
            answer.set(String::new());
            password.set(String::new());
            api::ApiResult::Ok(())
        }
    });
    let server = move || set.value().and_then(Result::err);
    let error_of = move |name: &'static str| {
        Signal::derive(move || server().and_then(|e| e.field(name)).map(|c| c.say()))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !set.pending().get_untracked() {
            set.clear();
            set.dispatch(());
        }
    };
    let current = move || {
        mine.get()
            .and_then(|m| m.value.challenge_question)
            .unwrap_or_else(|| t(Key::MyChallengeNone).to_owned())
    };
    view! {
        <section class="card" aria-labelledby="challenge-heading">
            <h2 id="challenge-heading">{t(Key::MyChallengeTitle)}</h2>
            <p>{current}</p>
            <form on:submit=submit novalidate>
                {move || server().filter(|e| e.fields.is_empty()).map(|e| alert(e.message()))}
                <TextField id="question" label=t(Key::MyChallengeQuestion) value=question error=error_of("question") required=true />
                <TextField id="answer" label=t(Key::MyChallengeAnswer) hint=t(Key::MyChallengeAnswerHint) value=answer error=error_of("answer") required=true />
                <TextField id="challenge-password" label=t(Key::CurrentPassword) value=password error=error_of("current_password") kind="password" autocomplete="current-password" required=true />
                <button type="submit" disabled=move || set.pending().get()>{t(Key::MyChallengeSave)}</button>
                {move || matches!(set.value(), Some(Ok(()))).then(|| view! { <p class="notice" role="status">{t(Key::Saved)}</p> })}
            </form>
        </section>
    }
}

#[component]
pub(super) fn NumberSection(mine: Mine) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let make = Act::new(move |_: &()| {
        let p = password.get_untracked();
        async move {
            let number = api::new_authorization_number(&p)
                .await
                .inspect_err(|_| crate::components::summary::focus_refusal())?;
            password.set(String::new());
            if let Ok(me) = api::my_details().await {
                mine.set(me);
            }
            api::ApiResult::Ok(number)
        }
    });
    let server = move || make.value().and_then(Result::err);
    let password_error = Signal::derive(move || {
        server()
            .and_then(|e| e.field("current_password"))
            .map(|c| c.say())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !make.pending().get_untracked() {
            make.clear();
            make.dispatch(());
        }
    };
    let has = move || mine.get().is_some_and(|m| m.value.has_authorization_number);
    view! {
        <section class="card" aria-labelledby="number-heading">
            <h2 id="number-heading">{t(Key::MyNumberTitle)}</h2>
            <p>{t(Key::MyNumberLead)}</p>
            <p>{move || t(if has() { Key::MyNumberHas } else { Key::MyNumberNone })}</p>
            {move || make.value().and_then(Result::ok).map(|number| view! {
                <div class="shown-once" role="status">
                    <p>{t(Key::MyNumberShownOnce)}</p>
                    <p class="number"><output>{number}</output></p>
                </div>
            })}
            <form on:submit=submit novalidate>
                {move || server().filter(|e| e.fields.is_empty()).map(|e| alert(e.message()))}
                <TextField id="number-password" label=t(Key::CurrentPassword) value=password error=password_error kind="password" autocomplete="current-password" required=true />
                <button type="submit" disabled=move || make.pending().get()>{t(Key::MyNumberMake)}</button>
            </form>
        </section>
    }
}
