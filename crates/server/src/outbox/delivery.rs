//! The delivery worker: one task per server that sends the outbox through the SMTP relay.
//!
//! It claims due emails (`pending`, `next_attempt_at` reached) by marking them `sending` in one
//! write, sends each, and records the outcome: `sent`, `pending` again with a later
//! `next_attempt_at`, or `failed` with the relay's answer in `last_error`. A commit that writes
//! emails wakes it; otherwise it sleeps until the next retry is due, or `poll_every`.

use super::Retry;
use super::smtp::{Attempt, Outgoing, Relay};
use crate::clock;
use crate::seal::Sealer;
use sqlx::SqlitePool;
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
        db: SqlitePool,
        relay: Relay,
        retry: Retry,
        wake: Arc<Notify>,
        sealer: Arc<Sealer>,
    ) -> Result<Delivery, String> {
        let recovered =
            sqlx::query("UPDATE outbox SET status = 'pending' WHERE status = 'sending'")
                .execute(&db)
                .await
                .map_err(|e| format!("recovering the outbox: {e}"))?
                .rows_affected();
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
    db: SqlitePool,
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
    async fn round(&self) -> Result<usize, sqlx::Error> {
        let claimed = claim(&self.db, clock::now().unix_seconds(), BATCH).await?;
        let count = claimed.len();
        for (i, email) in claimed.iter().enumerate() {
            if self.stopping() {
                release(&self.db, &claimed[i..]).await?;
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

    async fn record(&self, email: &Outgoing, attempt: &Attempt) -> Result<(), sqlx::Error> {
        let attempts = email.attempts.saturating_add(1);
        let now = clock::now().unix_seconds();
        let limit = i64::from(self.retry.max_attempts);
        let query = match attempt {
            Attempt::Sent => {
                tracing::info!(id = email.id, attempts, "email sent");
                sqlx::query(
                    "UPDATE outbox SET status = 'sent', attempts = ?2, sent_at = ?3,
                        last_error = NULL
                     WHERE id = ?1 AND status = 'sending'",
                )
                .bind(email.id)
                .bind(attempts)
                .bind(now)
            }
            Attempt::Transient(why) if attempts < limit => {
                let failures = u32::try_from(attempts).unwrap_or(u32::MAX);
                let next = now.saturating_add(self.retry.delay_seconds(failures));
                tracing::warn!(id = email.id, attempts, error = %why, "email not sent; will retry");
                sqlx::query(
                    "UPDATE outbox SET status = 'pending', attempts = ?2, next_attempt_at = ?3,
                        last_error = ?4
                     WHERE id = ?1 AND status = 'sending'",
                )
                .bind(email.id)
                .bind(attempts)
                .bind(next)
                .bind(why)
            }
            Attempt::Transient(why) | Attempt::Permanent(why) => {
                tracing::error!(id = email.id, attempts, error = %why, "email failed for good");
                sqlx::query(
                    "UPDATE outbox SET status = 'failed', attempts = ?2, last_error = ?3
                     WHERE id = ?1 AND status = 'sending'",
                )
                .bind(email.id)
                .bind(attempts)
                .bind(why)
            }
        };
        query.execute(&self.db).await?;
        Ok(())
    }

    /// How long until the next email is due, at most `poll_every`.
    async fn until_next_due(&self) -> Duration {
        let due: Result<(Option<i64>,), _> =
            sqlx::query_as("SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'")
                .fetch_one(&self.db)
                .await;
        let poll = self.retry.poll_every;
        match due {
            Ok((Some(due),)) => {
                let seconds = due.saturating_sub(clock::now().unix_seconds()).max(0);
                Duration::from_secs(seconds.unsigned_abs())
                    .max(MIN_WAIT)
                    .min(poll)
            }
            Ok((None,)) => poll,
            Err(err) => {
                tracing::error!(error = %err, "email delivery: database error");
                poll
            }
        }
    }
}

/// Marks up to `limit` due emails `sending` and returns them, oldest first. One statement in a
/// write transaction: two workers never claim the same email.
async fn claim(db: &SqlitePool, now: i64, limit: i64) -> Result<Vec<Outgoing>, sqlx::Error> {
    let mut tx = crate::store::begin_write(db).await?;
    let mut claimed: Vec<Outgoing> = sqlx::query_as(
        "UPDATE outbox SET status = 'sending'
         WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?1
                      ORDER BY next_attempt_at, id LIMIT ?2)
         RETURNING id, to_address, subject, text_body, html_body, created_at, attempts",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    claimed.sort_by_key(|email| email.id);
    Ok(claimed)
}

/// Hands back claimed emails that were not tried (the server is stopping).
async fn release(db: &SqlitePool, emails: &[Outgoing]) -> Result<(), sqlx::Error> {
    let mut tx = crate::store::begin_write(db).await?;
    for email in emails {
        sqlx::query("UPDATE outbox SET status = 'pending' WHERE id = ?1 AND status = 'sending'")
            .bind(email.id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}
