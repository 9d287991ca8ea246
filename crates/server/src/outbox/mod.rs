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
mod smtp;

pub use mailbox::router;

use crate::AppState;
use crate::error::AppError;
use roster_domain::notify::EmailKind;
use std::time::Duration;

/// The sender when `ROSTER_MAIL_FROM` is not set: a reserved domain that says "set me".
pub const DEFAULT_MAIL_FROM: &str = "Roster <no-reply@roster.invalid>";

/// One email to one address.
#[derive(Debug, Clone)]
pub struct Email {
    pub to_address: String,
    /// The recipient, when a user of Roster.
    pub user_id: Option<i64>,
    /// The account the email is about, if one.
    pub account_id: Option<i64>,
    pub kind: EmailKind,
    pub language: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

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

/// When delivery tries again. After the `n`th failed attempt the next one waits
/// `first_delay × 2ⁿ⁻¹`, at most `max_delay`; after `max_attempts` attempts the email is
/// `failed`. The defaults (1 s doubling to 15 min, 16 attempts) ride out a relay that is down for
/// about an hour and a half; a relay that refuses an email for good (5xx) fails it at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    pub first_delay: Duration,
    pub max_delay: Duration,
    pub max_attempts: u32,
    /// How often the worker looks for due emails when nobody wakes it (a safety net: commits
    /// wake it, and it sleeps until the next retry is due).
    pub poll_every: Duration,
}

impl Default for Retry {
    fn default() -> Retry {
        Retry {
            first_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(15 * 60),
            max_attempts: 16,
            poll_every: Duration::from_secs(5),
        }
    }
}

impl Retry {
    /// The wait after `failures` failed attempts (1 or more), in whole seconds as the outbox
    /// keeps time.
    pub fn delay_seconds(&self, failures: u32) -> i64 {
        let factor = 2u32.saturating_pow(failures.saturating_sub(1));
        let delay = self
            .first_delay
            .checked_mul(factor)
            .unwrap_or(self.max_delay)
            .min(self.max_delay);
        let seconds = delay.as_secs() + u64::from(delay.subsec_nanos() > 0);
        i64::try_from(seconds).unwrap_or(i64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_twice_as_long_each_time_up_to_the_maximum() {
        let retry = Retry::default();
        let waits: Vec<i64> = (1..=12).map(|n| retry.delay_seconds(n)).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
        assert_eq!(retry.delay_seconds(u32::MAX), 900);
        let total: i64 = (1..retry.max_attempts)
            .map(|n| retry.delay_seconds(n))
            .sum();
        assert_eq!(
            total,
            1023 + 5 * 900,
            "about 1½ hours from first to last attempt"
        );
    }

    #[test]
    fn a_delay_under_a_second_waits_a_whole_one_and_zero_none() {
        let mut retry = Retry {
            first_delay: Duration::from_millis(300),
            ..Retry::default()
        };
        assert_eq!(retry.delay_seconds(1), 1);
        retry.first_delay = Duration::ZERO;
        assert_eq!(retry.delay_seconds(5), 0);
    }
}
