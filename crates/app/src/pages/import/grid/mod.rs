//! The rows of a file as a grid to fix in place. Only the rows in view are in the page (rows of
//! one fixed height, spacers above and below), so 50,000 rows scroll like 50.
//!
//! A WAI-ARIA data grid: one Tab stop (the cell last on, its tabindex 0, every other's -1), the
//! arrow keys, Home, End, Page Up and Page Down between cells ([`super::keys`]); Enter, F2 or a
//! character typed turns a cell of the file into an input, Enter keeps the change and Escape
//! drops it, both back on the cell, and Tab keeps it and leaves the grid. Cells are text until
//! edited: a far jump draws a screenful of text, not of inputs.

mod focus;
mod row;

use super::Import;
use super::keys::{self, Cell, Extent, Start};
use super::texts::{column_named, column_word};
use crate::i18n::Say as _;
use crate::i18n::{Key, t};
use focus::{Focus, caret_at_end, cell_id, focus_soon, place_of};
use leptos::either::Either;
use leptos::html;
use leptos::prelude::*;
use roster_domain::ErrorCode;
use roster_domain::import::{Checker, Finding, Severity};
use roster_domain::values::ApprovedDomain;
use row::{Editor, GridRow};
use wasm_bindgen::JsCast;

/// The height of a row, in CSS pixels (the stylesheet's `.grid tr`).
const ROW_PX: f64 = 44.0;
/// The height of the grid's viewport, in CSS pixels (the stylesheet's `.grid`).
const VIEW_PX: f64 = 480.0;
/// Rows drawn beyond the viewport on each side, so a wheel's scrolling shows no gaps. Few: a
/// jump with the scroll bar draws every row anew (`cargo xtask bench` prints the frame times).
const OVERSCAN: usize = 3;
/// The id of the input of the cell being edited (one at a time).
const EDITOR: &str = "import-editor";

/// The messages of a row's findings, one line, each after the words of its column; an email
/// refused for its domain says which domains the account approves.
fn issues_text(findings: &[Finding], checker: &Checker) -> String {
    let policy = &checker.context().policy;
    findings
        .iter()
        .map(|f| {
            let mut message = match f.column.as_str() {
                "" => f.code.say().to_owned(),
                column => crate::i18n::labelled(&column_named(column, policy), f.code.say()),
            };
            let approved = &checker.context().approved;
            if f.code == ErrorCode::DomainNotApproved && !approved.is_empty() {
                let list: Vec<&str> = approved.iter().map(ApprovedDomain::as_str).collect();
                message = format!("{message} {} {}.", t(Key::DomainsApproved), list.join(", "));
            }
            message
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The rows to list: all, or those needing attention (worked out when the filter changes, so a
/// row fixed in place stays in view, marked ready).
fn listed(checker: &Checker, only_attention: bool) -> Vec<usize> {
    if only_attention {
        checker.attention()
    } else {
        (0..checker.sheet().rows.len())
            .filter(|&i| !checker.is_dropped(i))
            .collect()
    }
}

/// A column of the grid.
#[derive(Debug, Clone)]
struct Column {
    /// Its position in the file.
    at: usize,
    /// Its header as written in the file.
    header: String,
    /// Its template name, as findings name it (`first_name`).
    name: String,
    /// Its words (`First name`).
    word: String,
}

/// What the grid's columns hold, by their place: the row's number, its issues, the file's
/// columns, then the button that leaves the row out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number,
    Issues,
    /// The file's column of this place among [`Column`]s.
    File(usize),
    Drop,
}

fn kind(column: usize, file_columns: usize) -> Kind {
    match column {
        0 => Kind::Number,
        1 => Kind::Issues,
        c if c - 2 < file_columns => Kind::File(c - 2),
        _ => Kind::Drop,
    }
}

#[component]
pub fn Grid(import: Import, only_attention: RwSignal<bool>) -> impl IntoView {
    let rows = RwSignal::new(Vec::<usize>::new());
    Effect::new(move |_| {
        let only = only_attention.get();
        let list = import
            .checker
            .with_value(|c| c.as_ref().map(|c| listed(c, only)).unwrap_or_default());
        rows.set(list);
    });
    // The columns Roster reads: position in the file, header as written, name in findings,
    // and words.
    let columns: Vec<Column> = import.checker.with_value(|c| {
        c.as_ref()
            .map(|c| {
                let sheet = c.sheet();
                sheet
                    .columns
                    .iter()
                    .enumerate()
                    .filter_map(|(i, f)| {
                        let field = f.as_ref()?;
                        Some(Column {
                            at: i,
                            header: sheet.headers[i].trim().to_owned(),
                            name: field.name().to_owned(),
                            word: column_word(field),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    });
    let file_columns = columns.len();
    let all_columns = file_columns + 3;
    let scroll = RwSignal::new(0.0_f64);
    // The rows in view with some overscan: the first one's position, how many are listed, and
    // which. Worked out once per scroll, and nothing below changes while the same rows show.
    let window = Memo::new(move |_| {
        let first = ((scroll.get() / ROW_PX) as usize).saturating_sub(OVERSCAN);
        let count = (VIEW_PX / ROW_PX) as usize + 2 * OVERSCAN;
        rows.with(|all| {
            let end = (first + count).min(all.len());
            let first = first.min(end);
            (first, all.len(), all[first..end].to_vec())
        })
    });
    let active = RwSignal::new((0, 2.min(all_columns - 1)));
    let stop = Memo::new(move |_| {
        let (position, column) = active.get();
        window.with(|(first, _, shown)| {
            let end = first + shown.len();
            if (*first..end).contains(&position) || shown.is_empty() {
                (position, column)
            } else {
                let in_view = (scroll.get() / ROW_PX).ceil() as usize;
                (in_view.clamp(*first, end - 1), column)
            }
        })
    });
    let focus = Focus {
        active,
        stop,
        edit: RwSignal::new(None),
        draft: StoredValue::new(String::new()),
        detail: RwSignal::new(None),
        columns: all_columns,
    };
    let file_at: Vec<usize> = columns.iter().map(|c| c.at).collect();
    let file_at = StoredValue::new(file_at);
    // The text of a cell of the file, as the checker holds it now.
    let text_of = move |(position, column): Cell| -> Option<String> {
        let Kind::File(n) = kind(column, file_columns) else {
            return None;
        };
        let index = rows.with_untracked(|r| r.get(position).copied())?;
        let at = file_at.with_value(|f| f[n]);
        import.checker.with_value(|c| {
            c.as_ref()
                .and_then(|c| c.sheet().rows.get(index))
                .map(|r| r.cell(at).to_owned())
        })
    };
    let grid_ref = NodeRef::<html::Div>::new();
    let head_ref = NodeRef::<html::Thead>::new();
    // The height of the sticky header row, which covers the top of the grid's viewport.
    let head_px = move || {
        head_ref
            .get_untracked()
            .map_or(0.0, |h| f64::from(h.offset_height()))
    };
    // Scrolls the grid so that the row at `position` shows whole below the header, and draws
    // it at once rather than at the scroll event.
    let scroll_to = move |position: usize| {
        let Some(grid) = grid_ref.get_untracked() else {
            return;
        };
        let head = head_px();
        let top = f64::from(grid.scroll_top());
        let view = f64::from(grid.client_height());
        let row_top = head + position as f64 * ROW_PX;
        let to = if row_top < top + head {
            position as f64 * ROW_PX
        } else if row_top + ROW_PX > top + view {
            row_top + ROW_PX - view
        } else {
            return;
        };
        grid.set_scroll_top(to.round() as i32);
        scroll.set(f64::from(grid.scroll_top()));
    };
    let page_rows = move || {
        grid_ref.get_untracked().map_or(1, |grid| {
            ((f64::from(grid.client_height()) - head_px()) / ROW_PX).floor() as usize
        })
    };
    let go = move |to: Cell| {
        active.set(to);
        scroll_to(to.0);
        focus_soon(cell_id(to), false, |_| {});
    };
    let begin = move |at: Cell, seed: String| {
        focus.draft.set_value(seed);
        focus.edit.set(Some(at));
        focus_soon(EDITOR.to_owned(), false, caret_at_end);
    };
    // Ends the edit, keeping its text or not, and, with `back`, puts the focus on its cell.
    let finish = move |keep: bool, back: bool| {
        let Some(edited) = focus.edit.get_untracked() else {
            return;
        };
        focus.edit.set(None);
        if keep {
            let text = focus.draft.get_value();
            let index = rows.with_untracked(|r| r.get(edited.0).copied());
            if let (Some(index), Kind::File(n)) = (index, kind(edited.1, file_columns))
                && text_of(edited).is_some_and(|was| was != text)
            {
                let at = file_at.with_value(|f| f[n]);
                import.change(|c| c.set_cell(index, at, &text));
            }
        }
        if back {
            focus_soon(cell_id(edited), false, |_| {});
        }
    };
    // The keys of a cell that is not being edited (the input's own are its own).
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.default_prevented() || ev.is_composing() {
            return;
        }
        // The cell the key lands on: the one with the focus, whichever focus event the engine
        // has or has not delivered yet (under load, Firefox typed into the cell focused before).
        let Some(on) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| place_of(&e))
        else {
            return;
        };
        let key = ev.key();
        if focus.edit.with_untracked(Option::is_some) {
            // Keys pressed on the cell before its input took the focus: the input's all the same.
            match key.as_str() {
                "Enter" => finish(true, true),
                "Escape" => finish(false, true),
                _ => match keys::starts_edit(&key, ev.ctrl_key(), ev.alt_key(), ev.meta_key()) {
                    Some(Start::Replace(typed)) => {
                        focus.draft.update_value(|d| d.push_str(&typed));
                        let input = web_sys::window()
                            .and_then(|w| w.document())
                            .and_then(|d| d.get_element_by_id(EDITOR))
                            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
                        if let Some(input) = input {
                            input.set_value(&focus.draft.get_value());
                        }
                    }
                    _ => return,
                },
            }
            ev.prevent_default();
            return;
        }
        if active.get_untracked() != on {
            active.set(on);
        }
        let at = on;
        let extent = Extent {
            rows: rows.with_untracked(Vec::len),
            columns: all_columns,
            page: page_rows(),
        };
        if let Some(to) = keys::moved(&key, ev.ctrl_key() || ev.meta_key(), at, extent) {
            ev.prevent_default();
            go(to);
            return;
        }
        if let Kind::File(_) = kind(at.1, file_columns)
            && let Some(start) = keys::starts_edit(&key, ev.ctrl_key(), ev.alt_key(), ev.meta_key())
            && let Some(text) = text_of(at)
        {
            ev.prevent_default();
            begin(
                at,
                match start {
                    Start::Keep => text,
                    Start::Replace(typed) => typed,
                },
            );
        }
    };
    // The cell focused, by Tab, an arrow key or the pointer, is the one the keys move from, and
    // its row the one the line under the grid tells of.
    let on_focus = move |ev: web_sys::FocusEvent| {
        let Some(cell) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if let Some(at) = place_of(&cell) {
            active.set(at);
            focus
                .detail
                .set(rows.with_untracked(|r| r.get(at.0).copied()));
        }
    };
    // A press on the cell that has the focus edits it, as a second click or tap would; the
    // first only focuses it. Focused here rather than left to the engine: Safari and WebKit
    // focus no button on a click, and a cell's focus must not depend on the browser.
    let pressed_focused = StoredValue::new(None::<Cell>);
    let on_press = move |ev: web_sys::MouseEvent| {
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if target.as_ref().is_some_and(|t| t.id() == EDITOR) {
            return;
        }
        let active_element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element());
        let cell = target.and_then(|e| e.closest("[data-col]").ok().flatten());
        let focused = cell.is_some() && cell == active_element;
        pressed_focused.set_value(cell.as_ref().filter(|_| focused).and_then(place_of));
        if let Some(cell) = cell.and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
            && !focused
        {
            let _ = cell.focus();
        }
    };
    let on_click = move |_: web_sys::MouseEvent| {
        let Some(at) = pressed_focused.get_value() else {
            return;
        };
        if focus.edit.with_untracked(Option::is_some) {
            return;
        }
        if let Some(text) = text_of(at) {
            begin(at, text);
        }
    };
    let editor = Editor {
        focus,
        finish: Callback::new(move |(keep, back)| finish(keep, back)),
    };
    let focused_text = move || {
        import.version.get();
        let Some(index) = focus.detail.get() else {
            return t(Key::ImportRowDetailHint).to_owned();
        };
        import.checker.with_value(|c| {
            let Some(c) = c.as_ref() else {
                return String::new();
            };
            let Some(number) = c.sheet().rows.get(index).map(|r| r.number) else {
                return String::new();
            };
            let findings = c.findings(index);
            let text = if findings.is_empty() {
                t(Key::ImportRowReady).to_owned()
            } else {
                issues_text(&findings, c)
            };
            format!("{} {number}: {text}", t(Key::ImportRow))
        })
    };
    // Heights set through the CSS object model (`style:`), which the page's Content-Security-Policy
    // allows, unlike a `style` attribute.
    let top = move || window.with(|(first, _, _)| format!("{}px", *first as f64 * ROW_PX));
    let bottom = move || {
        window.with(|(first, total, shown)| {
            format!("{}px", (total - first - shown.len()) as f64 * ROW_PX)
        })
    };
    let header = columns.clone();
    let columns = StoredValue::new(columns);
    view! {
        // How to use the grid, for everyone, above it; and its name, for a screen reader.
        <p class="hint grid-keys" id="import-grid-keys">{t(Key::ImportGridCaption)}</p>
        <div class="grid" node_ref=grid_ref on:scroll=move |ev| {
            let el: web_sys::HtmlElement = event_target(&ev);
            scroll.set(f64::from(el.scroll_top()));
        }>
            <table role="grid" aria-rowcount=move || rows.get().len() + 1 aria-colcount=all_columns
                aria-labelledby="import-grid-keys"
                on:keydown=on_key on:focusin=on_focus on:mousedown=on_press on:click=on_click>
                <thead node_ref=head_ref>
                    <tr aria-rowindex="1">
                        <th scope="col" aria-colindex="1">{t(Key::ImportRow)}</th>
                        <th scope="col" aria-colindex="2">{t(Key::ImportIssues)}</th>
                        {header.into_iter().enumerate().map(|(n, c)| {
                            // The file's own header under the words, as the admin wrote it, to
                            // find the column in their sheet.
                            let raw = (!c.header.eq_ignore_ascii_case(&c.word)).then_some(c.header);
                            view! {
                                <th scope="col" aria-colindex=n + 3>
                                    <span class="column-word">{c.word}</span>
                                    {raw.map(|raw| view! { <small class="column-name">{raw}</small> })}
                                </th>
                            }
                        }).collect_view()}
                        <th scope="col" aria-colindex=all_columns>
                            <span class="visually-hidden">{t(Key::Actions)}</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    <tr aria-hidden="true" class="spacer" style:height=top></tr>
                    <For each=move || window.with(|(first, _, shown)| shown.iter().enumerate().map(|(n, &i)| (first + n, i)).collect::<Vec<_>>())
                        key=|(position, index)| (*position, *index)
                        children=move |(position, index)| {
                            view! { <GridRow import=import index=index position=position columns=columns rows=rows editor=editor.clone() /> }
                        } />
                    <tr aria-hidden="true" class="spacer" style:height=bottom></tr>
                </tbody>
            </table>
        </div>
        // Below the grid: a text growing or shrinking here moves nothing the pointer is on (above
        // it, the rows moved between a button's press and its release, and the click was lost).
        <p class="row-detail" aria-live="polite">{focused_text}</p>
    }
}
