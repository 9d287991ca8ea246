//! Leptos' `<Show>` without its generics.

use leptos::prelude::*;

/// `children` while `when` holds, `fallback` otherwise: Leptos' `<Show>`.
///
/// `<Show>` is generic over its condition and its children, so each use was its own copy of it
/// (some 800 bytes of wasm); this one takes them erased, as a `Signal` and `ChildrenFn`.
#[component]
pub fn Shown(
    /// Whether the children show; they are built again only when it changes.
    #[prop(into)]
    when: Signal<bool>,
    children: ChildrenFn,
    /// What shows in their place, nothing by default.
    #[prop(optional, into)]
    fallback: ViewFn,
) -> impl IntoView {
    let when = Memo::new(move |_| when.get());
    move || {
        if when.get() {
            children()
        } else {
            fallback.run()
        }
    }
}
