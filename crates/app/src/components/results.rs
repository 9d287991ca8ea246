//! The results of an action on many people at once: one line each, success or the reason.

use crate::api::ApiResult;
use crate::components::shown::Shown;
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

/// The list of outcomes, announced to screen readers when it changes: the live region stays in
/// the page, empty before an action, so that what appears in it is announced (a region added
/// with its content is not), and it holds the list rather than being it (`<ul role="status">`
/// would no longer be a list, and its items no list's items).
#[component]
pub fn Results(
    /// The outcomes of the last action, empty before one.
    #[prop(into)]
    outcomes: Signal<Vec<Outcome>>,
) -> impl IntoView {
    view! {
        <div role="status">
            <Shown when=move || !outcomes.get().is_empty()>
                <section class="results" aria-labelledby="results-title">
                    <h2 id="results-title">{t(Key::ResultsTitle)}</h2>
                    // A plain list rather than a keyed `<For>` (see the crate's header): each
                    // action replaces it whole.
                    <ul>
                        {move || outcomes.get().into_iter().map(|o| view! {
                            <li class:ok=o.ok class:failed=!o.ok>{crate::i18n::labelled(&o.name, o.message)}</li>
                        }).collect_view()}
                    </ul>
                </section>
            </Shown>
        </div>
    }
}
