//! A labelled form field with its hint and its error, wired for screen readers.

use leptos::prelude::*;

/// A text input with a label; the error (if any) is announced and tied to the input.
#[component]
pub fn TextField(
    /// The input's id (also names its hint and error).
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// The current value.
    value: RwSignal<String>,
    /// The message to show under the field, if any.
    #[prop(into)]
    error: Signal<Option<&'static str>>,
    /// A hint under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The input type.
    #[prop(default = "text")]
    kind: &'static str,
    /// The browser's autocomplete hint.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// Whether the field must be filled.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    view! {
        // The class written whole rather than toggled (`class:invalid`): the directive's code was
        // the people's bundle's only use of it, 0.4 KB of its brotli.
        <div class=move || if error.get().is_some() { "field invalid" } else { "field" }>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input
                id=id.clone()
                name=id.clone()
                type=kind
                autocomplete=autocomplete
                required=required
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described
            />
            // An `AnyView`: see `alert`.
            {move || error.get().map(|e| view! { <p class="error" id=error_id.clone()>{e}</p> }.into_any())}
        </div>
    }
}

/// More words about a field's error, shown under it while `words` has some (what would be
/// accepted), and announced as they appear. (Not a prop of [`TextField`]: every form of the
/// people's bundle would carry its code.)
pub fn more_words(
    id: &'static str,
    words: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> impl IntoView {
    move || words().map(|w| view! { <p class="error" id=id role="status">{w}</p> })
}
