//! The email outbox: emails are written in the transaction of the change that causes them (so
//! one exists exactly when its change was committed), then delivered by SMTP when it is
//! configured, or kept as the local mailbox when it is not.
//!
//! Delivery (`delivery.rs`) claims due emails by turning them from `pending` to `sending` in one
//! write, so only the claimer sends them, and then records `sent`, a retry later (`pending`
//! with a backoff) or `failed`. Within a running server an email is never sent twice. The one
//! exception is a crash (or a stop that outlasts its grace period) between handing an email to
//! the relay and recording it: that email is still `sending` at the next start, which returns
//! it to `pending`, so it may go out twice. At least once beats maybe never for activation and
//! reset links; the Message-ID stays the same, so the copies are recognisably one email. For the
//! same reason one database is served by one `roster` process at a time.

pub(crate) mod delivery;
pub(crate) mod mailbox;
pub(crate) mod retry;
mod smtp;

pub use crate::store::outbox::Email;
pub use mailbox::router;
pub use retry::Retry;

use crate::error::AppError;
use crate::state::AppState;

/// The sender when `ROSTER_MAIL_FROM` is not set: a reserved domain that says "set me".
pub const DEFAULT_MAIL_FROM: &str = "Roster <no-reply@roster.invalid>";

/// Writes `email` to the outbox inside the caller's transaction; returns its id.
/// The bodies are sealed (see [`crate::seal`]): they may carry single-use links, which the
/// database must never hold readable.
pub async fn enqueue(
    tx: &mut crate::store::Tx<'_>,
    sealer: &crate::seal::Sealer,
    email: &Email,
) -> Result<i64, AppError> {
    let now = crate::clock::now().unix_seconds();
    let text = sealer.seal(&email.text)?;
    let html = sealer.seal(&email.html)?;
    crate::store::outbox::insert(tx, email, &text, &html, now).await
}

/// Tells the delivery worker, if there is one, that emails were committed.
pub fn wake(state: &AppState) {
    state.mail.notify_one();
}

/// Starts delivering the outbox by SMTP when it is configured; `None` when it is not (the
/// outbox is then the local mailbox).
pub(crate) async fn start(state: &AppState) -> Result<Option<delivery::Delivery>, String> {
    let Some(url) = &state.config.smtp_url else {
        return Ok(None);
    };
    let relay = smtp::Relay::new(url, &state.config.mail_from)?;
    let delivery = delivery::Delivery::start(
        state.db.clone(),
        relay,
        state.config.mail_retry,
        state.mail.clone(),
        state.sealer.clone(),
    )
    .await?;
    Ok(Some(delivery))
}
