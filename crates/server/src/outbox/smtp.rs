//! Talking to the SMTP relay: the `smtp://` URL of the configuration, and an outbox row as a
//! multipart (text and HTML) message.
//!
//! Only plain SMTP is built in, no TLS: Roster hands its emails to a relay it trusts, usually on
//! the same host or network (Postfix, a provider's local agent, or a test server on loopback),
//! which does the encrypted, authenticated delivery to the world. Leaving TLS out keeps a second
//! TLS stack and its certificate store out of the server.

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::{Duration, UNIX_EPOCH};

pub use crate::store::outbox::Outgoing;

/// How long one SMTP conversation may take before it counts as failed (and is retried).
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Where emails go: `smtp://[user:password@]host[:port]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpUrl {
    pub host: String,
    pub port: u16,
    pub credentials: Option<(String, String)>,
}

impl SmtpUrl {
    /// Reads `smtp://[user:password@]host[:port]`; the port defaults to 25, and the user and
    /// password may be percent-encoded (`%40` for an `@`).
    pub fn parse(url: &str) -> Result<SmtpUrl, String> {
        let bad = |why: &str| format!("bad SMTP URL {}: {why}", redacted(url));
        let Some(rest) = url.strip_prefix("smtp://") else {
            return Err(bad(if url.starts_with("smtps://") {
                "TLS is not built in; use smtp:// to a relay you trust (see the README)"
            } else {
                "expected smtp://[user:password@]host[:port]"
            }));
        };
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if rest.contains(['/', '?', '#']) {
            return Err(bad("expected no path and no options"));
        }
        let (userinfo, hostport) = match rest.rsplit_once('@') {
            Some((userinfo, hostport)) => (Some(userinfo), hostport),
            None => (None, rest),
        };
        let credentials = match userinfo {
            None => None,
            Some(userinfo) => {
                let (user, password) = userinfo
                    .split_once(':')
                    .ok_or_else(|| bad("expected user:password before the @"))?;
                let decode = |s| percent_decode(s).ok_or_else(|| bad("bad percent-encoding"));
                Some((decode(user)?, decode(password)?))
            }
        };
        let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
            let (host, after) = v6.split_once(']').ok_or_else(|| bad("unclosed ["))?;
            (host, after.strip_prefix(':'))
        } else {
            match hostport.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (hostport, None),
            }
        };
        if host.is_empty() {
            return Err(bad("no host"));
        }
        let port = match port {
            None => 25,
            Some(port) => port.parse().map_err(|_| bad("the port is not a number"))?,
        };
        Ok(SmtpUrl {
            host: host.to_owned(),
            port,
            credentials,
        })
    }
}

/// The URL without its password, for messages.
fn redacted(url: &str) -> String {
    match (url.split_once("://"), url.rsplit_once('@')) {
        (Some((scheme, _)), Some((_, host))) => format!("{scheme}://…@{host}"),
        _ => url.to_owned(),
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(s.len());
    let mut rest = s.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

/// Sends messages to one relay, a new connection each time.
#[derive(Debug, Clone)]
pub struct Relay {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// How one attempt went.
#[derive(Debug, PartialEq, Eq)]
pub enum Attempt {
    Sent,
    /// Worth trying again later: the relay is down or answered 4xx.
    Transient(String),
    /// Trying again will not help: the relay answered 5xx, or the address cannot be written.
    Permanent(String),
}

impl Relay {
    /// A relay at `url` (see [`SmtpUrl`]), sending as `from` (`Name <address>`).
    pub fn new(url: &str, from: &str) -> Result<Relay, String> {
        let url = SmtpUrl::parse(url)?;
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("bad sender address {from:?}: {e}"))?;
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(url.host)
            .port(url.port)
            .timeout(Some(SMTP_TIMEOUT));
        if let Some((user, password)) = url.credentials {
            builder = builder.credentials(Credentials::new(user, password));
        }
        Ok(Relay {
            transport: builder.build(),
            from,
        })
    }

    /// One attempt at handing `email` to the relay.
    pub async fn send(&self, email: &Outgoing) -> Attempt {
        let message = match self.message(email) {
            Ok(message) => message,
            Err(why) => return Attempt::Permanent(why),
        };
        match self.transport.send(message).await {
            Ok(_) => Attempt::Sent,
            Err(err) if err.is_permanent() => Attempt::Permanent(err.to_string()),
            Err(err) => Attempt::Transient(err.to_string()),
        }
    }

    /// The message of `email`: text and HTML as alternatives, dated when it was written, with a
    /// Message-ID made from the outbox row, so that a retry carries the same one and a receiver
    /// that saw the first copy can tell.
    fn message(&self, email: &Outgoing) -> Result<Message, String> {
        let to: Mailbox = email
            .to_address
            .parse()
            .map_err(|e| format!("bad recipient address: {e}"))?;
        let written = UNIX_EPOCH + Duration::from_secs(email.created_at.max(0).unsigned_abs());
        let domain = self.from.email.domain();
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&email.subject)
            .date(written)
            .message_id(Some(format!(
                "<outbox.{}.{}@{domain}>",
                email.id, email.created_at
            )))
            .multipart(MultiPart::alternative_plain_html(
                email.text_body.clone(),
                email.html_body.clone(),
            ))
            .map_err(|e| format!("cannot build the message: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(host: &str, port: u16, credentials: Option<(&str, &str)>) -> SmtpUrl {
        SmtpUrl {
            host: host.into(),
            port,
            credentials: credentials.map(|(u, p)| (u.into(), p.into())),
        }
    }

    #[test]
    fn an_smtp_url_names_a_host_an_optional_port_and_optional_credentials() {
        assert_eq!(
            SmtpUrl::parse("smtp://127.0.0.1:2525"),
            Ok(url("127.0.0.1", 2525, None))
        );
        assert_eq!(
            SmtpUrl::parse("smtp://relay.example.com/"),
            Ok(url("relay.example.com", 25, None))
        );
        assert_eq!(
            SmtpUrl::parse("smtp://roster%40example.com:p%3Ass@relay:587"),
            Ok(url("relay", 587, Some(("roster@example.com", "p:ss"))))
        );
        assert_eq!(SmtpUrl::parse("smtp://[::1]:26"), Ok(url("::1", 26, None)));
    }

    #[test]
    fn other_urls_are_refused_without_showing_the_password() {
        for bad in [
            "smtps://relay:465",
            "http://relay",
            "smtp://",
            "smtp://relay:port",
            "smtp://relay:25?tls=required",
            "smtp://user@relay",
            "smtp://user:pa%zzss@relay",
        ] {
            let err = SmtpUrl::parse(bad).expect_err(bad);
            assert!(!err.contains("pa%zzss"), "{err}");
        }
        let err = SmtpUrl::parse("smtps://user:secret@relay:465").unwrap_err();
        assert!(err.contains("TLS") && !err.contains("secret"), "{err}");
    }

    #[tokio::test]
    async fn a_message_has_both_forms_the_sender_and_a_stable_id() {
        let relay = Relay::new("smtp://127.0.0.1:1", "Roster <no-reply@roster.test>").unwrap();
        let email = Outgoing {
            id: 7,
            to_address: "zoe@acme.test".into(),
            subject: "Activate your account".into(),
            text_body: "Hello Zoë".into(),
            html_body: "<p>Hello Zoë</p>".into(),
            created_at: 1_700_000_000,
            attempts: 0,
        };
        let raw = String::from_utf8(relay.message(&email).unwrap().formatted()).unwrap();
        assert!(
            raw.contains("Message-ID: <outbox.7.1700000000@roster.test>"),
            "{raw}"
        );
        assert!(raw.contains("From: Roster <no-reply@roster.test>"), "{raw}");
        assert!(raw.contains("multipart/alternative") && raw.contains("text/html"));
        let bad = Outgoing {
            to_address: "not an address".into(),
            ..email
        };
        // Refused before any connection: the relay at port 1 is never asked.
        assert!(matches!(relay.send(&bad).await, Attempt::Permanent(_)));
    }
}
