//! What a page shows while its data loads and when loading fails: "Loading…" the first time,
//! the old content while loading again, and the server's message in place of what failed.

use crate::api::ApiError;
use crate::i18n::{Key, t};
use leptos::error::Errors;
use leptos::prelude::*;

/// Data read from resources inside: a `Result` that is an `Err` shows as its message.
///
/// One component for every page, so that the transition and the error boundary are built once
/// into the app rather than once per page. For the same reason every page's children give the
/// same type, `Option<Result<AnyView, ApiError>>` (each view `.into_any()`): the code that
/// renders them, and throws the errors to the boundary, is generic over that type.
#[component]
pub fn Loaded(children: Children) -> impl IntoView {
    view! {
        <Transition fallback=|| view! { <p role="status">{t(Key::Loading)}</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorAlerts errors=errors /> }>
                {children()}
            </ErrorBoundary>
        </Transition>
    }
}

/// Each error an `ErrorBoundary` caught, as an alert with its message from the catalogue.
#[component]
pub fn ErrorAlerts(
    /// The errors caught.
    errors: ArcRwSignal<Errors>,
) -> impl IntoView {
    move || {
        errors
            .get()
            .into_iter()
            .map(|(_, error)| {
                let message = error
                    .downcast_ref::<ApiError>()
                    .map_or_else(|| t(Key::NetworkError), ApiError::message);
                alert(message)
            })
            .collect_view()
    }
}

/// `message` as an alert, announced to screen readers.
///
/// An `AnyView`, as is every part of a page that a closure shows or hides
/// (`move || x.map(|x| view! { … }.into_any())`): the code rendering a closure's output is
/// generic over its type, and each element type of its own was one more copy of it.
pub fn alert(message: &'static str) -> AnyView {
    view! { <p class="alert" role="alert">{message}</p> }.into_any()
}
