//! Contact details: names, phone and language; read-only, with the reason, while a group of
//! mine does not let its members edit their own details.

use super::Mine;
use crate::api::{self, MyChanges};
use crate::components::field::TextField;
use crate::components::loaded::alert;
use crate::flow::Act;
use crate::i18n::Say as _;
use crate::i18n::{Key, language_label, phone_text, t};
use leptos::prelude::*;
use roster_domain::profile::field;
use roster_domain::values::Language;

#[component]
pub(super) fn ContactSection(mine: Mine) -> impl IntoView {
    let Some(me) = mine.untracked() else {
        return ().into_any();
    };
    let locked = me.value.details_locked_by.clone();
    if !locked.is_empty() {
        let me = me.value;
        let reasons: Vec<String> = locked
            .iter()
            .map(|l| format!("{} — {}", l.account, l.group))
            .collect();
        return view! {
            <section class="card" aria-labelledby="contact-heading">
                <h2 id="contact-heading">{t(Key::MyContactTitle)}</h2>
                <p class="notice">{t(Key::MyDetailsLocked)}</p>
                <ul>{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                <dl class="profile">
                    <dt>{t(Key::FirstName)}</dt><dd>{me.first_name}</dd>
                    <dt>{t(Key::LastName)}</dt><dd>{me.last_name}</dd>
                    <dt>{t(Key::Phone)}</dt><dd>{me.phone.as_deref().map(phone_text).unwrap_or_default()}</dd>
                    <dt>{t(Key::Language)}</dt><dd>{language_label(me.language)}</dd>
                </dl>
            </section>
        }
        .into_any();
    }
    let first = RwSignal::new(me.value.first_name.clone());
    let last = RwSignal::new(me.value.last_name.clone());
    let phone = RwSignal::new(
        me.value
            .phone
            .as_deref()
            .map(phone_text)
            .unwrap_or_default(),
    );
    let language = RwSignal::new(me.value.language.as_str().to_owned());
    let save = Act::new(move |_: &()| {
        let changes = MyChanges {
            first_name: Some(first.get_untracked()),
            last_name: Some(last.get_untracked()),
            phone: Some(phone.get_untracked()),
            language: Some(language.get_untracked()),
        };
        let etag = mine.untracked().map(|m| m.etag).unwrap_or_default();
        async move {
            let saved = api::update_my_details(&etag, &changes)
                .await
                .inspect_err(|_| crate::components::summary::focus_refusal())?;
            // The app in the language chosen: at once, or by loading the page again.
            crate::i18n::follow(saved.value.language);
            mine.set(saved);
            crate::i18n::reload_if_stale();
            api::ApiResult::Ok(())
        }
    });
    let outcome = move || save.value();
    let server = move || outcome().and_then(Result::err);
    let error_of = move |name: &'static str| {
        Signal::derive(move || server().and_then(|e| e.field(name)).map(|c| c.say()))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !save.pending().get_untracked() {
            save.clear();
            save.dispatch(());
        }
    };
    view! {
        <section class="card" aria-labelledby="contact-heading">
            <h2 id="contact-heading">{t(Key::MyContactTitle)}</h2>
            <form on:submit=submit novalidate>
                {move || server().filter(|e| e.fields.is_empty()).map(|e| alert(e.message()))}
                <TextField id=field::FIRST_NAME label=t(Key::FirstName) value=first error=error_of(field::FIRST_NAME) autocomplete="given-name" required=true />
                <TextField id=field::LAST_NAME label=t(Key::LastName) value=last error=error_of(field::LAST_NAME) autocomplete="family-name" required=true />
                <TextField id=field::PHONE label=t(Key::Phone) hint=t(Key::PhoneHint) value=phone error=error_of(field::PHONE) kind="tel" autocomplete="tel" />
                // `input`, which a select fires with `change`: the people's bundle listens for no
                // other `change` (0.3 KB of its brotli for this one).
                <div class="field">
                    <label for="language">{t(Key::Language)}</label>
                    <select id="language" on:input=move |ev| language.set(event_target_value(&ev))>
                        <option value="en" selected=me.value.language == Language::En>{t(Key::LanguageEn)}</option>
                        <option value="fr" selected=me.value.language == Language::Fr>{t(Key::LanguageFr)}</option>
                    </select>
                </div>
                <button type="submit" class="primary" disabled=move || save.pending().get()>{t(Key::Save)}</button>
                {move || matches!(outcome(), Some(Ok(()))).then(|| view! { <p class="notice" role="status">{t(Key::Saved)}</p> })}
            </form>
        </section>
    }
    .into_any()
}
