//! The rows of a file as a grid to fix in place. Only the rows in view are in the page (rows of
//! one fixed height, spacers above and below), so 50,000 rows scroll like 50.

use super::Import;
use super::texts::{column_named, column_word};
use crate::i18n::{Key, t};
use leptos::prelude::*;
use roster_domain::ErrorCode;
use roster_domain::import::{Checker, Finding, Severity};
use roster_domain::values::ApprovedDomain;

/// The height of a row, in CSS pixels (the stylesheet's `.grid tr`).
const ROW_PX: f64 = 44.0;
/// The height of the grid's viewport, in CSS pixels (the stylesheet's `.grid`).
const VIEW_PX: f64 = 480.0;
/// Rows drawn beyond the viewport on each side, so a wheel's scrolling shows no gaps. Few: a
/// jump with the scroll bar draws every row anew, and 16 rows of inputs fit in a frame where 22
/// did not (`cargo xtask bench` prints the frame times).
const OVERSCAN: usize = 3;

/// The messages of a row's findings, one line, each after the words of its column; an email
/// refused for its domain says which domains the account approves.
fn issues_text(findings: &[Finding], checker: &Checker) -> String {
    let policy = &checker.context().policy;
    findings
        .iter()
        .map(|f| {
            let mut message = match f.column.as_str() {
                "" => f.code.message_en().to_owned(),
                column => format!("{}: {}", column_named(column, policy), f.code.message_en()),
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
    // Heights set through the CSS object model (`style:`), which the page's Content-Security-Policy
    // allows, unlike a `style` attribute.
    let top = move || window.with(|(first, _, _)| format!("{}px", *first as f64 * ROW_PX));
    let bottom = move || {
        window.with(|(first, total, shown)| {
            format!("{}px", (total - first - shown.len()) as f64 * ROW_PX)
        })
    };
    let focused = RwSignal::new(None::<usize>);
    // The whole text of the row focused, or last clicked or touched; a hint until there is one.
    let focused_text = move || {
        import.version.get();
        let Some(index) = focused.get() else {
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
    let header = columns.clone();
    view! {
        <div class="grid" on:scroll=move |ev| {
            let el: web_sys::HtmlElement = event_target(&ev);
            scroll.set(el.scroll_top() as f64);
        }>
            <table aria-rowcount=move || rows.get().len() + 1>
                <caption class="visually-hidden">{t(Key::ImportGridCaption)}</caption>
                <thead>
                    <tr aria-rowindex="1">
                        <th scope="col">{t(Key::ImportRow)}</th>
                        <th scope="col">{t(Key::ImportIssues)}</th>
                        {header.into_iter().map(|c| {
                            // The file's own header under the words, as the admin wrote it, to
                            // find the column in their sheet.
                            let raw = (!c.header.eq_ignore_ascii_case(&c.word)).then_some(c.header);
                            view! {
                                <th scope="col">
                                    <span class="column-word">{c.word}</span>
                                    {raw.map(|raw| view! { <small class="column-name">{raw}</small> })}
                                </th>
                            }
                        }).collect_view()}
                        <th scope="col"><span class="visually-hidden">{t(Key::Actions)}</span></th>
                    </tr>
                </thead>
                <tbody>
                    <tr aria-hidden="true" class="spacer" style:height=top></tr>
                    <For each=move || window.with(|(first, _, shown)| shown.iter().enumerate().map(|(n, &i)| (first + n, i)).collect::<Vec<_>>())
                        key=|(position, index)| (*position, *index)
                        children=move |(position, index)| {
                            view! { <GridRow import=import index=index position=position columns=columns.clone() rows=rows focused=focused /> }
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

#[component]
fn GridRow(
    import: Import,
    index: usize,
    position: usize,
    columns: Vec<Column>,
    rows: RwSignal<Vec<usize>>,
    focused: RwSignal<Option<usize>>,
) -> impl IntoView {
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
    // A row left out is no longer the one the detail line tells of (nor, by the click reaching
    // its row, again).
    let drop_row = move |ev: web_sys::MouseEvent| {
        ev.stop_propagation();
        focused.set(None);
        import.change(|c| c.drop_row(index));
        rows.update(|r| r.retain(|&i| i != index));
    };
    view! {
        <tr aria-rowindex=position + 2 class:blocked=blocked class:ready=move || findings.with(Vec::is_empty)
            class:selected=move || focused.get() == Some(index)
            on:focusin=move |_| focused.set(Some(index))
            on:click=move |_| focused.set(Some(index))>
            <th scope="row">{number}</th>
            <td class="issues" id=describe.clone() title=issues>{issues}</td>
            {columns.into_iter().map(|Column { at: column, name, word, .. }| {
                // Read once: after that the input holds what the admin types, and no change
                // elsewhere alters this cell.
                let value = import.checker.with_value(|c| {
                    c.as_ref().map(|c| c.sheet().rows[index].cell(column).to_owned()).unwrap_or_default()
                });
                let invalid = move || {
                    findings.with(|f| f.iter().any(|f| f.column == name && f.severity == Severity::Error))
                };
                view! {
                    <td>
                        <input type="text" prop:value=value
                            aria-label=format!("{word}, {} {number}", t(Key::ImportRow))
                            aria-invalid=move || invalid().then_some("true")
                            aria-describedby=describe.clone()
                            on:change=move |ev| {
                                let text = event_target_value(&ev);
                                import.change(|c| c.set_cell(index, column, &text));
                            } />
                    </td>
                }
            }).collect_view()}
            <td>
                <button type="button" class="small"
                    aria-label=format!("{} {number}", t(Key::ImportDropRow))
                    on:click=drop_row>{t(Key::ImportDrop)}</button>
            </td>
        </tr>
    }
}
