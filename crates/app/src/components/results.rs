//! The results of an action on many people at once: one line each, success or the reason.

use crate::api::ApiResult;
use crate::i18n::{Key, t};
use leptos::prelude::*;

/// One person's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub name: String,
    pub message: &'static str,
    pub ok: bool,
}

impl Outcome {
    /// The outcome of `result` for `name`.
    pub fn of(name: String, result: ApiResult<()>) -> Outcome {
        match result {
            Ok(()) => Outcome {
                name,
                message: t(Key::Done),
                ok: true,
            },
            Err(e) => Outcome {
                name,
                message: e.message(),
                ok: false,
            },
        }
    }
}

/// The list of outcomes, announced to screen readers when it changes.
#[component]
pub fn Results(
    /// The outcomes of the last action, empty before one.
    #[prop(into)]
    outcomes: Signal<Vec<Outcome>>,
) -> impl IntoView {
    view! {
        <Show when=move || !outcomes.get().is_empty()>
            <section class="results" aria-labelledby="results-title">
                <h2 id="results-title">{t(Key::ResultsTitle)}</h2>
                <ul role="status">
                    <For each=move || outcomes.get() key=|o| (o.name.clone(), o.message) let:o>
                        <li class:ok=o.ok class:failed=!o.ok>{format!("{}: {}", o.name, o.message)}</li>
                    </For>
                </ul>
            </section>
        </Show>
    }
}
