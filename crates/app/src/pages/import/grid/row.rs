//! A row of the grid: its number, its issues, its cells (text until edited) and its button that
//! leaves it out.

use super::*;

/// What a row needs of the grid to edit its cells.
#[derive(Clone)]
pub(super) struct Editor {
    pub(super) focus: Focus,
    /// Ends the edit: (keep the text, put the focus back on the cell).
    pub(super) finish: Callback<(bool, bool)>,
}

#[component]
pub(super) fn GridRow(
    import: Import,
    index: usize,
    position: usize,
    columns: StoredValue<Vec<Column>>,
    rows: RwSignal<Vec<usize>>,
    editor: Editor,
) -> impl IntoView {
    let Editor { focus, finish } = editor;
    let number = import.checker.with_value(|c| {
        c.as_ref()
            .and_then(|c| c.sheet().rows.get(index))
            .map_or(0, |r| r.number)
    });
    // Worked out once per change, read by the row's marks and every cell.
    let findings = Memo::new(move |_| {
        import.version.get();
        import
            .checker
            .with_value(|c| c.as_ref().map(|c| c.findings(index)).unwrap_or_default())
    });
    let blocked = move || findings.with(|f| f.iter().any(|f| f.severity == Severity::Error));
    let issues = move || {
        findings.with(|found| {
            if found.is_empty() {
                t(Key::ImportRowReady).to_owned()
            } else {
                import
                    .checker
                    .with_value(|c| c.as_ref().map(|c| issues_text(found, c)))
                    .unwrap_or_default()
            }
        })
    };
    let describe = format!("issues-{index}");
    let last = focus.columns - 1;
    // A row left out is no longer the one the detail line tells of; the focus goes to the same
    // button of the row that takes its place (or the row before, for the last).
    let drop_row = move |ev: web_sys::MouseEvent| {
        ev.stop_propagation();
        focus.detail.set(None);
        import.change(|c| c.drop_row(index));
        rows.update(|r| r.retain(|&i| i != index));
        let left = rows.with_untracked(Vec::len);
        if left > 0 {
            let to = (position.min(left - 1), last);
            focus.active.set(to);
            focus_soon(cell_id(to), true, |_| {});
        }
    };
    let label = move |word: &str| format!("{word}, {} {number}", t(Key::ImportRow));
    let cells = columns.with_value(|columns| {
        columns
            .iter()
            .enumerate()
            .map(|(n, Column { at: file_at, name, word, .. })| {
                let at = (position, n + 2);
                let name = name.clone();
                let label = label(word);
                let invalid = move || {
                    findings.with(|f| f.iter().any(|f| f.column == name && f.severity == Severity::Error))
                };
                let file_at = *file_at;
                let text = move || {
                    import.version.get();
                    import.checker.with_value(|c| {
                        c.as_ref()
                            .and_then(|c| c.sheet().rows.get(index))
                            .map(|r| r.cell(file_at).to_owned())
                            .unwrap_or_default()
                    })
                };
                let describe = describe.clone();
                let (marked, described) = (invalid.clone(), describe.clone());
                let content = move || {
                    let invalid = marked.clone();
                    if focus.editing(at) {
                        let seed = focus.draft.get_value();
                        Either::Left(view! {
                            <input type="text" id=EDITOR value=seed aria-label=label.clone()
                                aria-invalid=move || invalid().then_some("true")
                                aria-describedby=described.clone()
                                on:input=move |ev| focus.draft.set_value(event_target_value(&ev))
                                on:keydown=move |ev: web_sys::KeyboardEvent| {
                                    if ev.is_composing() {
                                        return;
                                    }
                                    match ev.key().as_str() {
                                        "Enter" => {
                                            ev.prevent_default();
                                            finish.run((true, true));
                                        }
                                        "Escape" => {
                                            ev.prevent_default();
                                            ev.stop_propagation();
                                            finish.run((false, true));
                                        }
                                        _ => {}
                                    }
                                }
                                // Tab, or anything else that takes the focus away, keeps the text.
                                // The window losing the focus (another window, another app) is
                                // no leaving: the input keeps the document's focus and the edit
                                // goes on when the window has it back.
                                on:blur=move |ev: web_sys::FocusEvent| {
                                    let input = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                                    let still = web_sys::window()
                                        .and_then(|w| w.document())
                                        .and_then(|d| d.active_element());
                                    if input.is_none() || still != input {
                                        finish.run((true, false));
                                    }
                                } />
                        })
                    } else {
                        Either::Right(view! { <span class="text">{text}</span> })
                    }
                };
                view! {
                    <td class="value" id=cell_id(at) data-col=at.1 aria-colindex=at.1 + 1
                        tabindex=move || focus.tabindex(at)
                        aria-invalid=move || invalid().then_some("true")
                        aria-describedby=describe.clone()>
                        {content}
                    </td>
                }
            })
            .collect_view()
    });
    view! {
        <tr aria-rowindex=position + 2 class:blocked=blocked class:ready=move || findings.with(Vec::is_empty)
            class:selected=move || focus.detail.get() == Some(index)>
            <th scope="row" id=cell_id((position, 0)) data-col="0" aria-colindex="1" aria-readonly="true"
                tabindex=move || focus.tabindex((position, 0))>{number}</th>
            <td class="issues" id=cell_id((position, 1)) data-col="1" aria-colindex="2" aria-readonly="true"
                tabindex=move || focus.tabindex((position, 1)) title=issues>
                <span id=describe.clone()>{issues}</span>
            </td>
            {cells}
            <td aria-colindex=last + 1>
                <button type="button" class="small" id=cell_id((position, last)) data-col=last
                    tabindex=move || focus.tabindex((position, last))
                    aria-label=format!("{} {number}", t(Key::ImportDropRow))
                    on:click=drop_row>{t(Key::ImportDrop)}</button>
            </td>
        </tr>
    }
}
