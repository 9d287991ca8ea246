//! The delivery worker: one task per server that sends the outbox through the SMTP relay.
//!
//! It claims due emails (`pending`, `next_attempt_at` reached) by marking them `sending` in one
//! write, sends each, and records the outcome: `sent`, `pending` again with a later
//! `next_attempt_at`, or `failed` with the relay's answer in `last_error`. A commit that writes
//! emails wakes it; otherwise it sleeps until the next retry is due, or `poll_every`.

use super::retry::Retry;
use super::smtp::{Attempt, Outgoing, Relay};
use crate::clock;
use crate::seal::Sealer;
use crate::store::{self, Pool, outbox::Outcome};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

/// Emails claimed at once: small, so that a stop leaves few to hand back.
const BATCH: i64 = 10;
/// How long a stopping server waits for the email being sent.
const STOP_GRACE: Duration = Duration::from_secs(10);
/// The shortest sleep, so that a clock at the edge of a second cannot make the worker spin.
const MIN_WAIT: Duration = Duration::from_millis(50);

/// The running worker. It ends when told to [`stop`](Delivery::stop), or when this handle is
/// dropped.
#[derive(Debug)]
pub struct Delivery {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Delivery {
    /// Returns the emails a previous run left `sending` to `pending`, then starts the worker.
    pub async fn start(
        db: Pool,
        relay: Relay,
        retry: Retry,
        wake: Arc<Notify>,
        sealer: Arc<Sealer>,
    ) -> Result<Delivery, String> {
        let recovered = store::outbox::recover(&db)
            .await
            .map_err(|e| format!("recovering the outbox: {e}"))?;
        if recovered > 0 {
            tracing::warn!(
                recovered,
                "emails were being sent when Roster last stopped; they go out again"
            );
        }
        let (stop, stopped) = watch::channel(false);
        let worker = Worker {
            db,
            relay,
            retry,
            wake,
            sealer,
            stopped,
        };
        Ok(Delivery {
            stop,
            task: tokio::spawn(worker.run()),
        })
    }

    /// Stops the worker once the email being sent is recorded; the others stay due.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let abort = self.task.abort_handle();
        if tokio::time::timeout(STOP_GRACE, self.task).await.is_err() {
            // Left `sending`: the next start returns it to `pending`.
            abort.abort();
            tracing::warn!("email delivery did not stop in time");
        }
    }
}

#[derive(Debug)]
struct Worker {
    db: Pool,
    relay: Relay,
    retry: Retry,
    wake: Arc<Notify>,
    /// Opens the sealed bodies just before sending.
    sealer: Arc<Sealer>,
    stopped: watch::Receiver<bool>,
}

impl Worker {
    async fn run(mut self) {
        tracing::info!("delivering emails by SMTP");
        while !self.stopping() {
            let wait = match self.round().await {
                Ok(0) => self.until_next_due().await,
                // Claim again at once: there may be more.
                Ok(_) => continue,
                Err(err) => {
                    tracing::error!(error = %err, "email delivery: database error");
                    self.retry.poll_every
                }
            };
            tokio::select! {
                () = self.wake.notified() => {}
                () = tokio::time::sleep(wait) => {}
                _ = self.stopped.changed() => {}
            }
        }
    }

    /// Told to stop, or nobody can tell it any more.
    fn stopping(&self) -> bool {
        *self.stopped.borrow() || self.stopped.has_changed().is_err()
    }

    /// `email` with its bodies opened; an error (it was sealed with another key) fails it.
    fn opened(&self, email: &Outgoing) -> Result<Outgoing, String> {
        let open = |body: &str| {
            self.sealer
                .open(body)
                .map_err(|_| "the email's body cannot be opened with this server's key".to_owned())
        };
        Ok(Outgoing {
            text_body: open(&email.text_body)?,
            html_body: open(&email.html_body)?,
            ..email.clone()
        })
    }

    /// Claims a batch and sends it; returns how many were claimed.
    async fn round(&self) -> Result<usize, store::Error> {
        let claimed = store::outbox::claim(&self.db, clock::now().unix_seconds(), BATCH).await?;
        let count = claimed.len();
        for (i, email) in claimed.iter().enumerate() {
            if self.stopping() {
                store::outbox::release(&self.db, &claimed[i..]).await?;
                break;
            }
            let attempt = match self.opened(email) {
                Ok(email) => self.relay.send(&email).await,
                Err(err) => Attempt::Permanent(err),
            };
            if let Err(err) = self.record(email, &attempt).await {
                // It stays `sending`: never sent again by this run (see the module's header).
                tracing::error!(id = email.id, error = %err, ?attempt, "cannot record an email's delivery");
            }
        }
        Ok(count)
    }

    async fn record(&self, email: &Outgoing, attempt: &Attempt) -> Result<(), store::Error> {
        let attempts = email.attempts.saturating_add(1);
        let now = clock::now().unix_seconds();
        let limit = i64::from(self.retry.max_attempts);
        let outcome = match attempt {
            Attempt::Sent => {
                tracing::info!(id = email.id, attempts, "email sent");
                Outcome::Sent { at: now }
            }
            Attempt::Transient(why) if attempts < limit => {
                let failures = u32::try_from(attempts).unwrap_or(u32::MAX);
                let next = now.saturating_add(self.retry.delay_seconds(failures));
                tracing::warn!(id = email.id, attempts, error = %why, "email not sent; will retry");
                Outcome::Retry {
                    at: next,
                    error: why,
                }
            }
            Attempt::Transient(why) | Attempt::Permanent(why) => {
                tracing::error!(id = email.id, attempts, error = %why, "email failed for good");
                Outcome::Failed { error: why }
            }
        };
        store::outbox::record(&self.db, email.id, attempts, outcome).await
    }

    /// How long until the next email is due, at most `poll_every`.
    async fn until_next_due(&self) -> Duration {
        let due = store::outbox::next_due(&self.db).await;
        let poll = self.retry.poll_every;
        match due {
            Ok(Some(due)) => {
                let seconds = due.saturating_sub(clock::now().unix_seconds()).max(0);
                Duration::from_secs(seconds.unsigned_abs())
                    .max(MIN_WAIT)
                    .min(poll)
            }
            Ok(None) => poll,
            Err(err) => {
                tracing::error!(error = %err, "email delivery: database error");
                poll
            }
        }
    }
}
