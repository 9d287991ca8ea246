//! The outbox: the local mailbox while SMTP is not configured (`mailbox`), and delivery through
//! a real SMTP server on loopback (`smtp_sink`) when it is (`delivery`).

mod delivery;
mod mailbox;
mod smtp_sink;

use crate::helpers::TestApp;
use roster_domain::notify::EmailKind;
use roster_server::Config;
use roster_server::outbox::{self, Email, Retry};
use roster_server::store::outbox::Delivery;
use std::time::{Duration, Instant};

const FROM: &str = "Roster Tests <roster@roster.test>";

/// Retries every second, as long as it takes; looks for due emails ten times a second.
const PATIENT: Retry = Retry {
    first_delay: Duration::from_secs(1),
    max_delay: Duration::from_secs(1),
    max_attempts: 1000,
    poll_every: Duration::from_millis(100),
};

/// Delivery to the SMTP server on `port`, retrying as `retry` says.
fn smtp(port: u16, retry: Retry) -> impl FnOnce(&mut Config) {
    move |config| {
        config.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
        config.mail_from = FROM.into();
        config.mail_retry = retry;
    }
}

/// Writes an email to the outbox in a transaction of its own, as a change would; returns its id.
async fn enqueue(app: &TestApp, to: &str, subject: &str) -> i64 {
    enqueue_all(app, [(to.to_owned(), subject.to_owned())]).await[0]
}

/// Writes emails `(to, subject)` to the outbox in one transaction; returns their ids.
async fn enqueue_all(
    app: &TestApp,
    emails: impl IntoIterator<Item = (String, String)>,
) -> Vec<i64> {
    let mut tx = app.db.begin().await.unwrap();
    let mut ids = Vec::new();
    for (to, subject) in emails {
        let email = Email {
            to_address: to,
            user_id: None,
            account_id: None,
            kind: EmailKind::Activation,
            language: "en".into(),
            text: format!("Text of {subject}.\nZoë says hello."),
            html: format!("<p>HTML of {subject}.</p><p>Zoë says hello.</p>"),
            subject,
        };
        ids.push(outbox::enqueue(&mut tx, &app.sealer, &email).await.unwrap());
    }
    tx.commit().await.unwrap();
    ids
}

/// Waits (at most 20 s) until the outbox's emails satisfy `done`, and returns them.
async fn outbox_until(
    app: &TestApp,
    what: &str,
    done: impl Fn(&[Delivery]) -> bool,
) -> Vec<Delivery> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let rows = app.outbox().await;
        if done(&rows) {
            return rows;
        }
        assert!(Instant::now() < deadline, "never {what}: {rows:#?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
