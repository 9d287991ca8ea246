//! Import users: download the template, choose or drop a file, see every problem in place and fix
//! it there, create the accounts a chunk at a time, then finish or invite. The file is read and
//! checked here, with the domain crate, in slices that never keep the page busy for more than a
//! frame or two; the server checks every row again.

mod create;
mod files;
mod grid;
mod helper;
mod keys;
mod reading;
mod texts;

use crate::api::{self, AccountSettings};
use crate::components::frame::use_account;
use crate::flow::Act;
use crate::i18n::Say as _;
use crate::i18n::{Key, number, t};
use helper::Helper;
use leptos::prelude::*;
use leptos::task::spawn_local;
use reading::{fail, process};
use roster_domain::import::{Checker, Context, Summary, write};
use roster_domain::values::ApprovedDomain;
use roster_domain::{Coded, ErrorCode};

/// Where the import stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Waiting for a file.
    Choose,
    /// Reading and checking: the share done, in per cent.
    Reading(u32),
    /// Every row checked: fix, drop, then create.
    Review,
    /// Sending the valid rows.
    Creating,
    /// The server's answer for every row sent.
    Done,
}

/// The import's shared state, handed to the parts of the page.
#[derive(Clone, Copy)]
struct Import {
    account: Signal<i64>,
    stage: RwSignal<Stage>,
    /// The sheet and its checks; `version` changes whenever they do.
    checker: StoredValue<Option<Checker>>,
    version: RwSignal<u64>,
    /// A refusal of the whole file, or a failure to reach the server.
    problem: RwSignal<Option<&'static str>>,
    /// How long reading and checking took, in milliseconds (shown, and read by the benchmark).
    check_ms: RwSignal<Option<f64>>,
    /// How much of that was reading the file, before the rows were checked (for the benchmark).
    read_ms: StoredValue<f64>,
    cancelled: StoredValue<bool>,
    sending: create::Sending,
    /// The page's second reader, for large files.
    helper: StoredValue<Option<Helper>, LocalStorage>,
    /// Whether the last file was read in two parts, the second by the helper.
    shared: StoredValue<bool>,
}

impl Import {
    /// Counts of the rows as they stand.
    fn summary(&self) -> Summary {
        self.version.get();
        self.checker
            .with_value(|c| c.as_ref().map(Checker::summary))
            .unwrap_or_default()
    }

    /// How many rows the admin left out.
    fn left_out(&self) -> usize {
        self.version.get();
        self.checker.with_value(|c| {
            c.as_ref().map_or(0, |c| {
                (0..c.sheet().rows.len())
                    .filter(|&i| c.is_dropped(i))
                    .count()
            })
        })
    }

    /// Runs `change` on the checker and tells the page.
    fn change(&self, change: impl FnOnce(&mut Checker)) {
        self.checker.update_value(|c| {
            if let Some(c) = c.as_mut() {
                change(c);
            }
        });
        self.version.update(|v| *v += 1);
    }
}

/// What the checks need to know of the account, from its settings and groups.
fn context(settings: AccountSettings, groups: Vec<String>) -> Context {
    Context {
        policy: settings.policy,
        grantable: Some(settings.grantable),
        approved: settings
            .approved_domains
            .iter()
            .filter_map(|d| ApprovedDomain::parse(d).ok())
            .collect(),
        groups: Some(groups),
        free_seats: Some(u32::try_from(settings.seats - settings.seats_used).unwrap_or(0)),
        existing: Default::default(),
    }
}

/// Loads the account's context.
async fn load_context(account: i64) -> Result<Context, api::ApiError> {
    let settings = api::account_settings(account).await?.value;
    let groups = api::groups(account).await?;
    Ok(context(
        settings,
        groups.into_iter().map(|g| g.name).collect(),
    ))
}

/// `/accounts/:account/users/import`.
#[component]
pub fn ImportPage() -> impl IntoView {
    let account = use_account();
    let import = Import {
        account: account.id.into(),
        stage: RwSignal::new(Stage::Choose),
        checker: StoredValue::new(None),
        version: RwSignal::new(0),
        problem: RwSignal::new(None),
        check_ms: RwSignal::new(None),
        read_ms: StoredValue::new(0.0),
        cancelled: StoredValue::new(false),
        sending: create::Sending::new(),
        helper: StoredValue::new_local(Helper::start()),
        shared: StoredValue::new(false),
    };
    view! {
        <div class="page-head">
            <h1>{t(Key::ImportTitle)}</h1>
        </div>
        <p class="lead">{t(Key::ImportLead)}</p>
        <Show when=move || import.problem.get().is_some()>
            <p class="alert" role="alert">{move || import.problem.get()}</p>
        </Show>
        {move || match import.stage.get() {
            Stage::Choose => view! { <Choose import=import /> }.into_any(),
            Stage::Reading(percent) => view! {
                <div class="progress" role="status">
                    <label for="reading">{t(Key::ImportReading)}</label>
                    <progress id="reading" max="100" value=percent>{format!("{percent} %")}</progress>
                    <button type="button" on:click=move |_| import.cancelled.set_value(true)>{t(Key::Cancel)}</button>
                </div>
            }.into_any(),
            Stage::Review => view! { <Review import=import /> }.into_any(),
            Stage::Creating | Stage::Done => view! { <create::Creating import=import /> }.into_any(),
        }}
    }
}

/// The first step: the template and the file.
#[component]
fn Choose(import: Import) -> impl IntoView {
    let take = move |file: Option<web_sys::File>| {
        let Some(file) = file else { return };
        // A task of its own, not an action: reading and checking is the page's scheduler, which
        // slices the work (`in_slices`), shows its progress and hands over the checker through
        // the import's state; there is no single answer to wait for.
        spawn_local(async move {
            match files::read(&file).await {
                Ok(bytes) => process(import, bytes).await,
                Err(refusal) => fail(import, refusal.code().say()),
            }
        });
    };
    // The template has a column for each authority kind of the account's policy.
    let template = Act::new(move |_: &()| {
        let account = import.account.get_untracked();
        async move {
            match api::account_settings(account).await {
                Ok(settings) => files::download(
                    "roster-users-template.csv",
                    &write::template_in(&settings.value.policy, crate::i18n::language()),
                ),
                Err(e) => import.problem.set(Some(e.message())),
            }
        }
    });
    view! {
        <ol class="steps">
            <li>
                <p>{t(Key::ImportStepTemplate)}</p>
                <button type="button" on:click=move |_| { template.dispatch(()); }>{t(Key::ImportDownloadTemplate)}</button>
            </li>
            <li>
                <p>{t(Key::ImportStepFill)}</p>
            </li>
            <li>
                <div class="dropzone"
                    on:dragover=|ev: web_sys::DragEvent| ev.prevent_default()
                    on:drop=move |ev: web_sys::DragEvent| {
                        ev.prevent_default();
                        take(ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)));
                    }>
                    <label for="import-file">{t(Key::ImportChooseFile)}</label>
                    <input id="import-file" type="file" accept=".csv,.txt,text/csv,text/plain"
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            take(input.files().and_then(|f| f.get(0)));
                        } />
                    <p class="hint">{t(Key::ImportDropHint)}</p>
                </div>
            </li>
        </ol>
    }
}

/// The checked file: counts, the grid, and the way on.
#[component]
fn Review(import: Import) -> impl IntoView {
    let only_attention = RwSignal::new(false);
    let header_notes = import
        .checker
        .with_value(|c| c.as_ref().map(Checker::header_findings).unwrap_or_default());
    let annotated = move |_| {
        import.checker.with_value(|c| {
            if let Some(c) = c {
                let text = write::annotated(c, |code: ErrorCode| code.say().to_owned());
                files::download("roster-users-checked.csv", &text);
            }
        });
    };
    let counts = move || texts::review_counts(import.summary(), import.left_out());
    let timing = move || {
        let ms = import.check_ms.get()?;
        let rows = import
            .checker
            .with_value(|c| c.as_ref().map_or(0, |c| c.sheet().rows.len()));
        Some(texts::timing(rows, ms))
    };
    view! {
        <p class="counts" role="status">{counts}</p>
        <p class="hint" data-check-ms=move || import.check_ms.get().map(|ms| format!("{ms:.1}"))
            data-read-ms=format!("{:.1}", import.read_ms.get_value())
            data-parts=if import.shared.get_value() { "2" } else { "1" }>{timing}</p>
        {(!header_notes.is_empty()).then(|| view! {
            <ul class="notes">
                {header_notes.iter().map(|f| view! {
                    <li>{format!("{}: {}", f.column, f.code.say())}</li>
                }).collect_view()}
            </ul>
        })}
        <div class="toolbar">
            <label class="check">
                <input type="checkbox" prop:checked=move || only_attention.get()
                    on:change=move |ev| only_attention.set(event_target_checked(&ev)) />
                {t(Key::ImportOnlyAttention)}
            </label>
            <button type="button" on:click=annotated>{t(Key::ImportDownloadAnnotated)}</button>
            <button type="button" on:click=move |_| import.stage.set(Stage::Choose)>{t(Key::ImportAnotherFile)}</button>
        </div>
        <grid::Grid import=import only_attention=only_attention />
        <div class="actions">
            <button type="button" class="primary"
                disabled=move || import.summary().valid == 0
                on:click=move |_| create::start(import)>
                {move || format!("{} ({})", t(Key::ImportCreate), number(import.summary().valid))}
            </button>
        </div>
    }
}
