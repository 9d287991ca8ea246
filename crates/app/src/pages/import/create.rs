//! Creating the accounts: the valid rows go to the server in chunks of at most 500, each with
//! its own `Idempotency-Key`, so after a network failure "Try again" sends the same chunk again
//! and nobody is created twice. Then the results per row, to read and download, and Finish or
//! Invite the imported users.

use super::texts::{Outcome, column_named, results_counts};
use super::{Import, Stage, files};
use crate::api::{self, ChunkRow, RowOutcome, RowResult};
use crate::flow::Act;
use crate::i18n::Say as _;
use crate::i18n::{Key, number, t};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use roster_domain::import::{MAX_CHUNK_ROWS, write};

/// The rows to send, in chunks, and how far sending has got.
#[derive(Debug, Clone, Default)]
struct Run {
    /// A prefix unique to this run of the import; chunk `n` is sent as `{prefix}-{n}`.
    prefix: String,
    /// The valid rows when sending started (indexes in the sheet), sent in chunks of
    /// [`MAX_CHUNK_ROWS`]. A chunk's values are taken when it is sent: the sheet cannot change
    /// while sending (the grid is gone), so "Try again" sends the very same rows again.
    rows: Vec<usize>,
    /// The next chunk to send.
    next: usize,
    /// The rows not sent for their errors, and those left out, when sending started.
    errors: usize,
    left_out: usize,
}

impl Run {
    /// The key and the rows of the next chunk; `None` when all are sent.
    fn next_chunk(&self) -> Option<(String, &[usize])> {
        let rows = self.rows.chunks(MAX_CHUNK_ROWS).nth(self.next)?;
        Some((format!("{}-{}", self.prefix, self.next), rows))
    }
}

/// The state of sending, shared by the page's parts.
#[derive(Clone, Copy)]
pub(super) struct Sending {
    run: StoredValue<Run>,
    results: RwSignal<Vec<RowResult>>,
    /// Sends the chunks not sent yet; its value is the failure that stopped it, if one did.
    send: Act<Import, Option<&'static str>>,
}

impl Sending {
    pub(super) fn new() -> Sending {
        Sending {
            run: StoredValue::new(Run::default()),
            results: RwSignal::new(Vec::new()),
            send: Act::new(|import: &Import| send_rest(*import)),
        }
    }

    /// Whether chunks are being sent.
    fn busy(&self) -> bool {
        self.send.pending().get()
    }

    /// Why sending stopped, until it is tried again.
    fn failed(&self) -> Option<&'static str> {
        if self.busy() {
            return None;
        }
        self.send.value().flatten()
    }
}

/// The values of `rows` as sent.
fn chunk_rows(import: Import, rows: &[usize]) -> Vec<ChunkRow> {
    import.checker.with_value(|c| {
        let Some(c) = c.as_ref() else {
            return Vec::new();
        };
        rows.iter()
            .map(|&i| ChunkRow {
                row: c.sheet().rows[i].number,
                values: c.values(i),
            })
            .collect()
    })
}

/// Takes the valid rows, as they stand now, and starts sending them.
pub(super) fn start(import: Import) {
    let (rows, errors, left_out) = import.checker.with_value(|c| {
        let Some(c) = c.as_ref() else {
            return (Vec::new(), 0, 0);
        };
        let all = c.sheet().rows.len();
        let rows: Vec<usize> = (0..all).filter(|&i| c.is_valid(i)).collect();
        let left_out = (0..all).filter(|&i| c.is_dropped(i)).count();
        let errors = all - rows.len() - left_out;
        (rows, errors, left_out)
    });
    let prefix = format!(
        "import-{}-{}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 1e12) as u64
    );
    let sending = import.sending;
    sending.run.set_value(Run {
        prefix,
        rows,
        next: 0,
        errors,
        left_out,
    });
    sending.results.set(Vec::new());
    import.cancelled.set_value(false);
    import.stage.set(Stage::Creating);
    sending.send.dispatch(import);
}

/// Sends the chunks not sent yet, one after the other; stops at a failure, with its message,
/// or a cancel.
async fn send_rest(import: Import) -> Option<&'static str> {
    let sending = import.sending;
    let account = import.account.get_untracked();
    let next = || {
        sending.run.with_value(|run| {
            run.next_chunk()
                .map(|(key, rows)| (key, chunk_rows(import, rows)))
        })
    };
    while let Some((key, chunk)) = next() {
        if import.cancelled.get_value() {
            break;
        }
        match api::import_chunk(account, &key, chunk).await {
            Ok(results) => {
                sending.results.update(|r| r.extend(results));
                sending.run.update_value(|r| r.next += 1);
            }
            Err(e) => return Some(e.message()),
        }
    }
    import.stage.set(Stage::Done);
    crate::embed::tell("import.finished", account);
    None
}

/// What became of the rows: the server's answers, and the rows not sent and why.
fn outcome(results: &[RowResult], run: &Run) -> Outcome {
    let of = |what: RowOutcome| results.iter().filter(|r| r.outcome == what).count();
    Outcome {
        created: of(RowOutcome::Created),
        added: of(RowOutcome::Added),
        requested: of(RowOutcome::Requested),
        refused: of(RowOutcome::Refused),
        errors: run.errors,
        left_out: run.left_out,
        cancelled: run.rows.len().saturating_sub(results.len()),
    }
}

/// The results as CSV: the row, what became of it, and why not.
fn results_csv(results: &[RowResult]) -> String {
    let mut out = String::from(write::BOM);
    write::record(&mut out, ["row", "outcome", "user", "issues"]);
    for r in results {
        let issues: Vec<String> = r
            .findings
            .iter()
            .map(|f| crate::i18n::labelled(&f.column, f.code.say()))
            .collect();
        let user = r.user.map(|u| u.to_string()).unwrap_or_default();
        write::record(
            &mut out,
            [
                r.row.to_string().as_str(),
                r.outcome.as_str(),
                &user,
                &issues.join(" | "),
            ],
        );
    }
    out
}

#[component]
pub(super) fn Creating(import: Import) -> impl IntoView {
    let sending = import.sending;
    let navigate = use_navigate();
    let total = sending.run.with_value(|r| r.rows.len());
    let policy = StoredValue::new(
        import
            .checker
            .with_value(|c| c.as_ref().map(|c| c.context().policy.clone()))
            .unwrap_or_default(),
    );
    let sent = move || sending.results.get().len();
    // Invited and not invited so far, counted as the invitations go out one by one.
    let invited = RwSignal::new(None::<(usize, usize)>);
    let invite = Act::new(move |_: &()| {
        let account = import.account.get_untracked();
        let ids: Vec<i64> = sending
            .results
            .get_untracked()
            .iter()
            .filter(|r| r.outcome == RowOutcome::Created)
            .filter_map(|r| r.user)
            .collect();
        invited.set(Some((0, 0)));
        async move {
            let (mut ok, mut failed) = (0, 0);
            for id in ids {
                match api::invite(account, id).await {
                    Ok(()) => ok += 1,
                    Err(_) => failed += 1,
                }
                invited.set(Some((ok, failed)));
            }
        }
    });
    let finish = move |_| {
        let account = import.account.get_untracked();
        navigate(&format!("/accounts/{account}/users"), Default::default());
    };
    view! {
        <section aria-labelledby="creating-title">
            <h2 id="creating-title">{move || if import.stage.get() == Stage::Done { t(Key::ImportResultsTitle) } else { t(Key::ImportCreating) }}</h2>
            <div class="progress" role="status">
                <label for="sending">{move || format!("{} {} / {}", t(Key::ImportSent), number(sent()), number(total))}</label>
                <progress id="sending" max=total.max(1) value=sent></progress>
            </div>
            <Show when=move || sending.failed().is_some()>
                <p class="alert" role="alert">{move || sending.failed()} " " {t(Key::ImportRetryHint)}</p>
                <button type="button" class="primary" on:click=move |_| { sending.send.dispatch(import); }>{t(Key::TryAgain)}</button>
            </Show>
            <Show when=move || import.stage.get() == Stage::Creating && sending.busy()>
                <button type="button" on:click=move |_| import.cancelled.set_value(true)>{t(Key::Cancel)}</button>
            </Show>
            <Show when=move || import.stage.get() == Stage::Done>
                <p class="counts" role="status">{move || {
                    let results = sending.results.get();
                    sending.run.with_value(|run| results_counts(outcome(&results, run)))
                }}</p>
                <ul class="notes">
                    {move || sending.results.get().into_iter().filter(|r| r.outcome == RowOutcome::Refused).take(200).map(|r| view! {
                        <li>{crate::i18n::labelled(&format!("{} {}", t(Key::ImportRow), r.row),
                            r.findings.iter().map(|f| crate::i18n::labelled(&policy.with_value(|p| column_named(&f.column, p)), f.code.say())).collect::<Vec<_>>().join(" · "))}</li>
                    }).collect_view()}
                </ul>
                <div class="actions">
                    <button type="button" on:click=move |_| files::download("roster-import-results.csv", &results_csv(&sending.results.get_untracked()))>{t(Key::ImportDownloadResults)}</button>
                    <button type="button" class="primary" disabled=move || invited.get().is_some() || !sending.results.with(|r| r.iter().any(|r| r.outcome == RowOutcome::Created)) on:click=move |_| { invite.dispatch(()); }>{t(Key::ImportInvite)}</button>
                    <button type="button" on:click=finish.clone()>{t(Key::ImportFinish)}</button>
                </div>
                {move || invited.get().map(|(ok, failed)| view! {
                    <p role="status">{format!("{} {} · {} {}", t(Key::ImportInvited), number(ok), t(Key::ImportNotInvited), number(failed))}</p>
                })}
            </Show>
        </section>
    }
}
