//! Reading and checking a chosen file, in slices that never keep the page busy for more than a
//! frame or two; a large file's second half beside the page, by its helper (`helper.rs`).

use super::files::{SLICE_MS, breathe, now};
use super::helper::SHARED_FROM_BYTES;
use super::{Import, Stage, load_context};
use crate::api;
use crate::i18n::Say as _;
use leptos::prelude::*;
use roster_domain::Coded;
use roster_domain::import::{Checker, Context, Parser};

/// Reads and checks `bytes` in slices; then looks up the file's logins once.
pub(super) async fn process(import: Import, bytes: Vec<u8>) {
    let account = import.account.get_untracked();
    import.problem.set(None);
    import.cancelled.set_value(false);
    import.stage.set(Stage::Reading(0));
    let ctx = match load_context(account).await {
        Ok(ctx) => ctx,
        Err(e) => return fail(import, e.message()),
    };
    let started_reading = now();
    // Shared with the helper when it can take part; read whole if that went wrong.
    let checked = match read_and_check(import, &bytes, ctx.clone(), true, started_reading).await {
        Err(Stop::Again) => read_and_check(import, &bytes, ctx, false, started_reading).await,
        checked => checked,
    };
    let mut checker = match checked {
        Ok(checker) => checker,
        Err(Stop::Cancelled | Stop::Again) => return,
        Err(Stop::Failed(message)) => return fail(import, message),
    };
    import.check_ms.set(Some(now() - started_reading));
    // Listing 50,000 keys and writing the request takes a while: a task of its own.
    breathe().await;
    let keys = checker.username_keys();
    match api::lookup_logins(account, &keys).await {
        Ok(existing) => checker.set_existing(existing),
        Err(e) => import.problem.set(Some(e.message())),
    }
    import.checker.set_value(Some(checker));
    import.version.update(|v| *v += 1);
    import.stage.set(Stage::Review);
}

/// Why reading stopped early.
enum Stop {
    /// The admin cancelled: back to choosing a file.
    Cancelled,
    /// A step refused the file, with the message to show.
    Failed(&'static str),
    /// The helper's part could not join the page's rows: read the file whole instead.
    Again,
}

/// Reads and checks the file; with `share`, its second half by the helper, when the helper is
/// ready and the file large enough.
async fn read_and_check(
    import: Import,
    bytes: &[u8],
    ctx: Context,
    share: bool,
    started_reading: f64,
) -> Result<Checker, Stop> {
    let mut parser =
        Parser::new(bytes, &ctx.policy).map_err(|refusal| Stop::Failed(refusal.code().say()))?;
    // The share of the file's bytes the helper reads, in thousandths.
    let mut shared_permille = 0;
    let part = import.helper.with_value(|helper| {
        let helper = helper.as_ref().filter(|h| share && h.is_ready())?;
        let text = parser.split_off(SHARED_FROM_BYTES)?;
        shared_permille = text.len() * 1000 / bytes.len().max(1);
        let part = helper.check(text, &ctx);
        if part.is_none() {
            parser.read_on();
        }
        part
    });
    let mut sharing = part.is_some();
    import.shared.set_value(sharing);
    // Reading, then checking, in the same slices: the check starts in the slice where reading
    // ends (a slice is [`SLICE_MS`], whatever the work in it).
    let (mut parser, mut ctx, mut checker, mut records) = (Some(parser), Some(ctx), None, 0);
    let mut checked = 0;
    in_slices(import, 0, || {
        if let Some(reading) = parser.as_mut() {
            let done = reading
                .step(500)
                .map_err(|r| Stop::Failed(r.code().say()))?;
            let (at, of) = reading.progress();
            if done && sharing && !reading.halves_met() {
                // A record runs on past the middle: the page reads on, the helper's part aside.
                reading.read_on();
                sharing = false;
                import.shared.set_value(false);
                return Ok((false, at * 50 / of.max(1)));
            }
            if done && let (Some(read), Some(ctx)) = (parser.take(), ctx.take()) {
                import.read_ms.set_value(now() - started_reading);
                records = read.records();
                let mut reading = Checker::new(read.finish(), ctx);
                if sharing {
                    // Room for the helper's rows, as many as its share of the bytes suggests.
                    let rows = reading.sheet().rows.len();
                    reading.reserve(rows * shared_permille / (1000 - shared_permille).max(1));
                }
                checker = Some(reading);
            }
            return Ok((false, at * 50 / of.max(1)));
        }
        let Some(checking) = checker.as_mut() else {
            return Ok((true, 100));
        };
        let rows = checking.sheet().rows.len().max(1);
        // With a part to come, the checks that need every row wait for it.
        let done = match sharing {
            true => checking.check_rows(500),
            false => checking.step(500),
        };
        checked += 500;
        Ok((done, 50 + checked.min(rows) * 50 / rows))
    })
    .await?;
    let mut checker = checker.ok_or(Stop::Cancelled)?;
    if let (true, Some(part)) = (sharing, part) {
        match part.await {
            Some(part) if checker.absorb(&part, records).is_ok() => {}
            _ => return Err(Stop::Again),
        }
        checker.step(usize::MAX);
    }
    Ok(checker)
}

/// Runs `step` in slices of at most [`SLICE_MS`], letting the page breathe and showing the share
/// done (per cent, as the step reports it with whether it is finished) between slices. Each
/// slice, the first too, is a task of its own: no slice runs on from the work before it.
async fn in_slices(
    import: Import,
    from: usize,
    mut step: impl FnMut() -> Result<(bool, usize), Stop>,
) -> Result<(), Stop> {
    let mut percent = from;
    loop {
        import.stage.set(Stage::Reading(percent as u32));
        breathe().await;
        if import.cancelled.get_value() {
            import.stage.set(Stage::Choose);
            return Err(Stop::Cancelled);
        }
        let slice = now();
        while now() - slice < SLICE_MS {
            let (done, share) = step()?;
            if done {
                return Ok(());
            }
            percent = share;
        }
    }
}

pub(super) fn fail(import: Import, message: &'static str) {
    import.problem.set(Some(message));
    import.stage.set(Stage::Choose);
}
