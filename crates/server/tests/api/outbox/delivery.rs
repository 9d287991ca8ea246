//! Delivery through a real SMTP server: every email once, with its text and HTML; retries while
//! the relay is down; `failed` when it refuses; once even after a crash or with several servers.

use super::smtp_sink::{SmtpSink, free_port};
use super::{FROM, PATIENT, enqueue, enqueue_all, outbox_until, smtp};
use crate::helpers::spawn_app_with;
use roster_server::outbox::Retry;
use serde_json::json;
use std::collections::HashSet;
use std::time::Duration;

/// No message arrives twice: `messages` are distinct, and they stay as many a while later
/// (long enough for a retry of `PATIENT`, or a second worker, to have sent one again).
async fn assert_once_each(sink: &SmtpSink, count: usize) {
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let messages = sink.messages();
    assert_eq!(messages.len(), count, "{messages:#?}");
    let ids: HashSet<&str> = messages
        .iter()
        .map(|m| m["message_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), count, "a message arrived twice: {messages:#?}");
}
#[tokio::test]
async fn every_email_arrives_once_with_its_text_and_html() {
    let sink = SmtpSink::start().await;
    let app = spawn_app_with(smtp(sink.port, PATIENT)).await;
    let mut ids = Vec::new();
    for n in 1..=5 {
        let to = format!("person{n}@acme.test");
        ids.push(enqueue(&app, &to, &format!("Email {n}")).await);
    }

    let messages = sink.wait_for(5).await;

    assert_once_each(&sink, 5).await;
    let rows = outbox_until(&app, "all sent", |rows| {
        rows.iter().all(|r| r.status == "sent")
    })
    .await;
    for (n, row) in (1..=5).zip(&rows) {
        assert_eq!(row.attempts, 1);
        assert!(row.sent_at.unwrap() >= row.created_at);
        assert_eq!(row.last_error, None);
        let to = format!("person{n}@acme.test");
        let message = messages
            .iter()
            .find(|m| m["to"] == to)
            .unwrap_or_else(|| panic!("nothing to {to}: {messages:#?}"));
        assert_eq!(message["rcpt_tos"], json!([to]));
        assert_eq!(message["mail_from"], "roster@roster.test");
        assert_eq!(message["from"], FROM);
        assert_eq!(message["subject"], format!("Email {n}"));
        assert_eq!(message["content_type"], "multipart/alternative");
        let text = message["text"].as_str().unwrap().replace("\r\n", "\n");
        assert_eq!(
            text.trim_end(),
            format!("Text of Email {n}.\nZoë says hello.")
        );
        let html = message["html"].as_str().unwrap().trim_end().to_owned();
        assert_eq!(
            html,
            format!("<p>HTML of Email {n}.</p><p>Zoë says hello.</p>")
        );
        let message_id = format!("<outbox.{}.{}@roster.test>", row.id, row.created_at);
        assert_eq!(message["message_id"], message_id);
    }
    assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), ids);
}

#[tokio::test]
async fn a_committed_change_wakes_delivery_at_once() {
    let sink = SmtpSink::start().await;
    // Without a wake-up the worker would look again only after a minute.
    let sleepy = Retry {
        poll_every: Duration::from_secs(60),
        ..PATIENT
    };
    let app = spawn_app_with(smtp(sink.port, sleepy)).await;
    tokio::time::sleep(Duration::from_millis(200)).await;

    let res = app
        .client()
        .post(app.url("/password-reset"))
        .json(&json!({ "email": "admin@acme.test" }))
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 202);
    let messages = sink.wait_for(1).await;
    assert_eq!(messages[0]["to"], "admin@acme.test");
    assert_eq!(messages[0]["subject"], "Reset your Roster password");
    let link = format!("{}/reset-password#token=", app.base);
    assert!(messages[0]["text"].as_str().unwrap().contains(&link));
}

#[tokio::test]
async fn emails_wait_while_the_relay_is_down_then_each_goes_once() {
    let port = free_port();
    let app = spawn_app_with(smtp(port, PATIENT)).await;
    for n in 1..=3 {
        enqueue(&app, &format!("p{n}@acme.test"), &format!("Email {n}")).await;
    }

    let waiting = outbox_until(&app, "retried twice each", |rows| {
        rows.iter().all(|r| r.attempts >= 2)
    })
    .await;
    for row in &waiting {
        assert_eq!(row.status, "pending", "{row:?}");
        assert!(row.last_error.is_some(), "{row:?}");
    }
    let sink = SmtpSink::start_on(port).await;

    sink.wait_for(3).await;
    assert_once_each(&sink, 3).await;
    let rows = app.outbox().await;
    assert!(rows.iter().all(|r| r.status == "sent"), "{rows:#?}");
}

#[tokio::test]
async fn a_refusal_fails_an_email_at_once_and_a_delay_after_the_last_attempt() {
    let sink = SmtpSink::start().await;
    let quick = Retry {
        first_delay: Duration::ZERO,
        max_attempts: 3,
        ..PATIENT
    };
    let app = spawn_app_with(smtp(sink.port, quick)).await;
    let later = enqueue(&app, "tempfail@acme.test", "Busy").await;
    let never = enqueue(&app, "reject@acme.test", "Unknown").await;
    let fine = enqueue(&app, "fine@acme.test", "Fine").await;

    let rows = outbox_until(&app, "all done", |rows| {
        rows.iter()
            .all(|r| r.status == "sent" || r.status == "failed")
    })
    .await;

    let row = |id| rows.iter().find(|r| r.id == id).unwrap();
    let (later, never, fine) = (row(later), row(never), row(fine));
    assert_eq!((later.status.as_str(), later.attempts), ("failed", 3));
    assert!(
        later.last_error.as_ref().unwrap().contains("451"),
        "{later:?}"
    );
    assert_eq!((never.status.as_str(), never.attempts), ("failed", 1));
    assert!(
        never.last_error.as_ref().unwrap().contains("550"),
        "{never:?}"
    );
    assert_eq!(
        (fine.status.as_str(), fine.to_address.as_str()),
        ("sent", "fine@acme.test")
    );
    assert_eq!(sink.wait_for(1).await[0]["to"], "fine@acme.test");
}

#[tokio::test]
async fn an_email_a_crash_left_sending_goes_out_after_a_restart() {
    let mut database_url = String::new();
    let before = spawn_app_with(|c| database_url = c.database_url.clone()).await;
    let stuck = enqueue(&before, "stuck@acme.test", "Stuck").await;
    let waiting = enqueue(&before, "waiting@acme.test", "Waiting").await;
    // The crash: claimed, perhaps handed to the relay, never recorded.
    before.leave_sending(stuck).await;
    let sink = SmtpSink::start().await;

    let after = spawn_app_with(|c| {
        c.database_url = database_url;
        smtp(sink.port, PATIENT)(c);
    })
    .await;

    sink.wait_for(2).await;
    assert_once_each(&sink, 2).await;
    let rows = after.outbox().await;
    let sent: Vec<i64> = rows
        .iter()
        .filter(|r| r.status == "sent")
        .map(|r| r.id)
        .collect();
    assert_eq!(sent, [stuck, waiting]);
}

#[tokio::test]
async fn three_servers_on_one_database_never_send_an_email_twice() {
    let sink = SmtpSink::start().await;
    // Workers that look for due emails every few milliseconds, so that they race for each batch.
    let eager = Retry {
        poll_every: Duration::from_millis(2),
        ..PATIENT
    };
    let mut database_url = String::new();
    let one = spawn_app_with(|c| {
        database_url = c.database_url.clone();
        smtp(sink.port, eager)(c);
    })
    .await;
    let mut others = Vec::new();
    for _ in 0..2 {
        let url = database_url.clone();
        others.push(
            spawn_app_with(|c| {
                c.database_url = url;
                smtp(sink.port, eager)(c);
            })
            .await,
        );
    }

    let emails = (1..=60).map(|n| (format!("p{n}@acme.test"), format!("Email {n}")));
    enqueue_all(&one, emails).await;

    sink.wait_for(60).await;
    assert_once_each(&sink, 60).await;
    let rows = one.outbox().await;
    assert!(
        rows.iter().all(|r| r.status == "sent" && r.attempts == 1),
        "{rows:#?}"
    );
}
