//! What a key does in the import grid, as the WAI-ARIA Authoring Practices' data grid has it: the
//! arrow keys move a cell, Home and End to the row's ends, with Ctrl (or ⌘) to the grid's,
//! Page Up and Page Down by a screenful; Enter or F2 edits a cell as it is, and a character typed
//! starts the edit anew with that character. Pure, so that it is tested apart from any page.

/// A cell of the grid: the position of its row among the rows listed (0 the first), and its
/// column (0 the row's number).
pub type Cell = (usize, usize);

/// The grid's size as the keys see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extent {
    /// The rows listed.
    pub rows: usize,
    /// The columns, the row's number and its button included.
    pub columns: usize,
    /// The rows a screenful holds, what Page Up and Page Down move by.
    pub page: usize,
}

/// The cell that `key` (a `KeyboardEvent.key`) moves to from `at`, with Ctrl or ⌘ held or not;
/// `None` for a key that moves nothing (and an empty grid).
pub fn moved(key: &str, ctrl: bool, at: Cell, extent: Extent) -> Option<Cell> {
    let last_row = extent.rows.checked_sub(1)?;
    let last_column = extent.columns.checked_sub(1)?;
    let (row, column) = (at.0.min(last_row), at.1.min(last_column));
    let page = extent.page.max(1);
    Some(match (key, ctrl) {
        ("ArrowUp", _) => (row.saturating_sub(1), column),
        ("ArrowDown", _) => ((row + 1).min(last_row), column),
        ("ArrowLeft", _) => (row, column.saturating_sub(1)),
        ("ArrowRight", _) => (row, (column + 1).min(last_column)),
        ("Home", false) => (row, 0),
        ("End", false) => (row, last_column),
        ("Home", true) => (0, 0),
        ("End", true) => (last_row, last_column),
        ("PageUp", _) => (row.saturating_sub(page), column),
        ("PageDown", _) => ((row + page).min(last_row), column),
        _ => return None,
    })
}

/// How an edit of a cell starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// With the cell's text, to change it (Enter, F2).
    Keep,
    /// With this text instead, the character typed.
    Replace(String),
}

/// Whether `key`, pressed on an editable cell that is not being edited, starts editing it, and
/// how. A character typed with Ctrl alone or ⌘ is a shortcut, not text (Ctrl with Alt is AltGr
/// on Windows, which types); a space edits nothing, so that a stray one never empties a cell.
pub fn starts_edit(key: &str, ctrl: bool, alt: bool, meta: bool) -> Option<Start> {
    match key {
        "Enter" | "F2" => Some(Start::Keep),
        " " => None,
        _ if key.chars().count() == 1 && !meta && (!ctrl || alt) => {
            Some(Start::Replace(key.to_owned()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    const GRID: Extent = Extent {
        rows: 300,
        columns: 8,
        page: 9,
    };

    #[wasm_bindgen_test]
    fn the_arrows_move_one_cell_and_stop_at_the_edges() {
        assert_eq!(moved("ArrowDown", false, (4, 3), GRID), Some((5, 3)));
        assert_eq!(moved("ArrowUp", false, (4, 3), GRID), Some((3, 3)));
        assert_eq!(moved("ArrowRight", false, (4, 3), GRID), Some((4, 4)));
        assert_eq!(moved("ArrowLeft", false, (4, 3), GRID), Some((4, 2)));
        assert_eq!(moved("ArrowUp", false, (0, 0), GRID), Some((0, 0)));
        assert_eq!(moved("ArrowLeft", false, (0, 0), GRID), Some((0, 0)));
        assert_eq!(moved("ArrowDown", false, (299, 7), GRID), Some((299, 7)));
        assert_eq!(moved("ArrowRight", false, (299, 7), GRID), Some((299, 7)));
    }

    #[wasm_bindgen_test]
    fn home_and_end_reach_the_rows_ends_and_with_ctrl_the_grids() {
        assert_eq!(moved("Home", false, (40, 5), GRID), Some((40, 0)));
        assert_eq!(moved("End", false, (40, 5), GRID), Some((40, 7)));
        assert_eq!(moved("Home", true, (40, 5), GRID), Some((0, 0)));
        assert_eq!(moved("End", true, (40, 5), GRID), Some((299, 7)));
    }

    #[wasm_bindgen_test]
    fn page_keys_move_a_screenful_and_stop_at_the_ends() {
        assert_eq!(moved("PageDown", false, (40, 2), GRID), Some((49, 2)));
        assert_eq!(moved("PageUp", false, (40, 2), GRID), Some((31, 2)));
        assert_eq!(moved("PageUp", false, (4, 2), GRID), Some((0, 2)));
        assert_eq!(moved("PageDown", false, (295, 2), GRID), Some((299, 2)));
        let no_room = Extent { page: 0, ..GRID };
        assert_eq!(moved("PageDown", false, (4, 2), no_room), Some((5, 2)));
    }

    #[wasm_bindgen_test]
    fn other_keys_move_nothing_and_an_empty_grid_nowhere() {
        assert_eq!(moved("Enter", false, (4, 3), GRID), None);
        assert_eq!(moved("a", false, (4, 3), GRID), None);
        assert_eq!(moved("Tab", false, (4, 3), GRID), None);
        let empty = Extent { rows: 0, ..GRID };
        assert_eq!(moved("ArrowDown", false, (0, 0), empty), None);
    }

    #[wasm_bindgen_test]
    fn a_cell_past_a_shrunk_grid_moves_from_its_last_cell() {
        // Rows left out or filtered away since the cell was focused.
        let shrunk = Extent { rows: 10, ..GRID };
        assert_eq!(moved("ArrowUp", false, (40, 3), shrunk), Some((8, 3)));
        assert_eq!(moved("ArrowRight", false, (40, 9), shrunk), Some((9, 7)));
    }

    #[wasm_bindgen_test]
    fn enter_f2_and_typing_start_an_edit_and_shortcuts_do_not() {
        assert_eq!(starts_edit("Enter", false, false, false), Some(Start::Keep));
        assert_eq!(starts_edit("F2", false, false, false), Some(Start::Keep));
        assert_eq!(
            starts_edit("x", false, false, false),
            Some(Start::Replace("x".into()))
        );
        assert_eq!(
            starts_edit("É", false, false, false),
            Some(Start::Replace("É".into()))
        );
        // AltGr on Windows: Ctrl and Alt, a character.
        assert_eq!(
            starts_edit("@", true, true, false),
            Some(Start::Replace("@".into()))
        );
        assert_eq!(starts_edit("c", true, false, false), None);
        assert_eq!(starts_edit("v", false, false, true), None);
        assert_eq!(starts_edit(" ", false, false, false), None);
        assert_eq!(starts_edit("Escape", false, false, false), None);
        assert_eq!(starts_edit("ArrowDown", false, false, false), None);
        assert_eq!(starts_edit("Shift", false, false, false), None);
    }
}
