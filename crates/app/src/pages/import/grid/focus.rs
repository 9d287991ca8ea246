//! The grid's keyboard focus: which cell is the Tab stop, which is edited, and focusing a cell
//! once the page has drawn it.

use super::super::keys::Cell;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// The id of a cell (or, in the last column, of its button), by its place in the grid.
pub(super) fn cell_id((position, column): Cell) -> String {
    format!("import-cell-{position}-{column}")
}

/// The place in the grid of a cell's element (a cell, or a cell's button): its column from
/// `data-col`, its row's position from the row's `aria-rowindex` (the header row is 1).
pub(super) fn place_of(cell: &web_sys::Element) -> Option<Cell> {
    let column = cell.get_attribute("data-col")?.parse().ok()?;
    let position = cell
        .closest("tr")
        .ok()
        .flatten()?
        .get_attribute("aria-rowindex")?
        .parse::<usize>()
        .ok()?
        .checked_sub(2)?;
    Some((position, column))
}

/// The grid's keyboard state, which every row reads.
#[derive(Clone, Copy)]
pub(super) struct Focus {
    /// The cell the keyboard is on, or was last.
    pub(super) active: RwSignal<Cell>,
    /// The one cell in the Tab order: the active one, or, when that row is not drawn (scrolled
    /// away), the same column of the first row in view.
    pub(super) stop: Memo<Cell>,
    /// The cell being edited.
    pub(super) edit: RwSignal<Option<Cell>>,
    /// What its input holds now (and starts with).
    pub(super) draft: StoredValue<String>,
    /// The row whose whole text the line under the grid shows.
    pub(super) detail: RwSignal<Option<usize>>,
    /// How many columns the grid has, the row's number and button included.
    pub(super) columns: usize,
}

impl Focus {
    /// The tabindex of the cell at `at`: 0 for the Tab stop (unless its input is, being edited),
    /// -1 for the rest, which the arrow keys reach.
    pub(super) fn tabindex(self, at: Cell) -> i32 {
        let stop = self.stop.get() == at;
        if stop && !self.editing(at) { 0 } else { -1 }
    }

    pub(super) fn editing(self, at: Cell) -> bool {
        self.edit.get() == Some(at)
    }
}

/// Focuses the element `id` once the page has drawn it: at once if it is there (moving among
/// rows drawn), else after each of the page's pending updates, and after a frame at worst. With
/// `after_drawing`, only once the updates are done, when an element of that id may be one about
/// to be replaced (the rows after one left out). `then` runs on the element focused.
pub(super) fn focus_soon(id: String, after_drawing: bool, then: fn(&web_sys::HtmlElement)) {
    let find = move || {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    };
    let focus = move |element: web_sys::HtmlElement| {
        let _ = element.focus();
        then(&element);
    };
    if !after_drawing && let Some(element) = find() {
        return focus(element);
    }
    // Found later, the element takes the focus only if it is still where it was asked from (or
    // lost with an element drawn anew): a click or a key may have put it elsewhere meanwhile,
    // and a late focus would send what is typed next to a cell the person has left.
    let focused = || {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .filter(|e| e.is_connected() && e.tag_name() != "BODY")
    };
    let asked_from = focused();
    let focus = move |element: web_sys::HtmlElement| {
        let now = focused();
        if now.is_none() || now == asked_from {
            focus(element);
        }
    };
    spawn_local(async move {
        if !after_drawing {
            for _ in 0..20 {
                let tick = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
                let _ = wasm_bindgen_futures::JsFuture::from(tick).await;
                if let Some(element) = find() {
                    return focus(element);
                }
            }
        }
        for _ in 0..5 {
            super::super::files::breathe().await;
            if let Some(element) = find() {
                return focus(element);
            }
        }
    });
}

/// The caret after the text, as in a cell typed into.
pub(super) fn caret_at_end(element: &web_sys::HtmlElement) {
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        let end = input.value().encode_utf16().count() as u32;
        let _ = input.set_selection_range(end, end);
    }
}
