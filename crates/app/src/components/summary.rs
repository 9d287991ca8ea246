//! The summary a refused form shows at its top: what was refused, and a link to each field in
//! trouble, which moves the focus to that field. After a refused submit the focus moves to the
//! summary ([`focus_summary`]), so that a keyboard or screen-reader user hears what went wrong
//! and can reach each field from it, rather than staying on the button.

use crate::i18n::{Key, t};
use leptos::prelude::*;
use roster_domain::profile::field;
use wasm_bindgen::JsCast;

/// The summary's id, which [`focus_summary`] finds it by.
const ID: &str = "error-summary";

/// The profile's fields in the order the forms show them: the summary lists them so.
pub const PROFILE_FIELDS: [&str; 8] = [
    field::EMAIL,
    field::USERNAME,
    field::FIRST_NAME,
    field::LAST_NAME,
    field::PHONE,
    field::IDENTITY_PROVIDER,
    field::EXCHANGE_DOMAIN,
    field::EXCHANGE_USERNAME,
];

/// The label of a profile field, as its form shows it.
fn label_of(name: &str) -> &'static str {
    match name {
        field::EMAIL => t(Key::Email),
        field::USERNAME => t(Key::UsernameLabel),
        field::FIRST_NAME => t(Key::FirstName),
        field::LAST_NAME => t(Key::LastName),
        field::PHONE => t(Key::Phone),
        field::IDENTITY_PROVIDER => t(Key::IdentityProvider),
        field::EXCHANGE_DOMAIN => t(Key::ExchangeDomain),
        _ => t(Key::ExchangeUsername),
    }
}

/// The summary: `message`, then a link to each of `fields` (the field's id, which is its name,
/// and its message). Announced as it appears, and focusable for [`focus_summary`].
pub fn error_summary(message: &'static str, fields: Vec<(&'static str, &'static str)>) -> AnyView {
    let links: Vec<_> = fields
        .into_iter()
        .map(|(name, problem)| {
            // The field itself takes the focus: a fragment link would only scroll to it, and
            // leptos_router's handling of one would change the address without moving the focus.
            let go = move |ev: leptos::ev::MouseEvent| {
                if let Some(input) = element(name) {
                    ev.prevent_default();
                    let _ = input.focus();
                }
            };
            view! { <li><a href=format!("#{name}") on:click=go>{label_of(name)} ": " {problem}</a></li> }
        })
        .collect();
    view! {
        <div class="alert" role="alert" id=ID tabindex="-1">
            <p>{message}</p>
            {(!links.is_empty()).then(|| view! { <ul>{links}</ul> })}
        </div>
    }
    .into_any()
}

/// Moves the focus to the form's summary once it is drawn.
pub fn focus_summary() {
    focus_when_drawn(ID);
}

/// After a refused submit of a form without a summary: the focus to the first field the page marks
/// invalid, once drawn, else to its alert (`role="alert"`, made focusable), so that a keyboard or
/// screen-reader user hears what went wrong (the field's error is in its description) rather than
/// staying on the button.
pub fn focus_refusal() {
    request_animation_frame(|| {
        let found = document()
            .query_selector("main [aria-invalid='true'], main [role='alert']")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(e) = found {
            if !e.has_attribute("aria-invalid") {
                e.set_tab_index(-1);
            }
            let _ = e.focus();
        }
    });
}

/// Moves the focus to the element `id` once it is drawn (after the reactive system has run and
/// the browser is about to paint): a section just opened, say.
pub fn focus_when_drawn(id: &'static str) {
    request_animation_frame(move || {
        if let Some(e) = element(id) {
            let _ = e.focus();
        }
    });
}

fn element(id: &str) -> Option<web_sys::HtmlElement> {
    document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}
