//! What the server is started with, and what every handler can reach.

use crate::outbox::retry::Retry;
use crate::store::Pool;
use crate::{demo, headers, seal, search, throttle};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// What the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free port.
    pub addr: SocketAddr,
    /// The folder Trunk built the app into.
    pub dist: PathBuf,
    /// `sqlite://roster.db`, or `sqlite::memory:` for a database that lives as long as the process.
    pub database_url: String,
    /// The address people reach Roster at (links in emails); `https://…` makes cookies Secure.
    pub public_url: Option<String>,
    /// Seed demo data into an empty database, with this password for the demo sign-ins.
    pub demo: Option<demo::DemoPassword>,
    /// `smtp://[user:password@]host[:port]` of the relay that delivers emails; without it they
    /// wait in the outbox.
    pub smtp_url: Option<String>,
    /// Show the outbox as a local mailbox (`/mailbox`) while no relay is configured: a tool for
    /// trying Roster on a laptop (on with `--demo`), off by default. Each viewer sees only the
    /// emails to themselves and to people they manage in every account.
    pub mailbox: bool,
    /// The sender of every email, `Name <address>` (the outbox's `DEFAULT_MAIL_FROM` when not set).
    pub mail_from: String,
    /// When delivery tries again, and when it gives up.
    pub mail_retry: Retry,
    /// Roster is reached through a reverse proxy that appends the client's address to
    /// `X-Forwarded-For`: throttling then counts that address, not the proxy's. Off, the header
    /// is ignored (anyone can write it).
    pub behind_proxy: bool,
}

impl Config {
    /// The demo, seeded with `password`, on a free port of the loopback, with the local mailbox
    /// and nothing else: what the tests and the benchmark start, changing what they need.
    pub fn demo_on_loopback(dist: PathBuf, database_url: String, password: &str) -> Config {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            dist,
            database_url,
            public_url: None,
            demo: Some(demo::DemoPassword {
                password: password.into(),
                generated: false,
            }),
            smtp_url: None,
            mailbox: true,
            mail_from: crate::outbox::DEFAULT_MAIL_FROM.into(),
            mail_retry: Retry::default(),
            behind_proxy: false,
        }
    }
}

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Pool,
    /// Mark cookies Secure (Roster is served over https).
    pub secure_cookies: bool,
    pub config: Arc<Config>,
    /// Every account's members, in memory for search as you type.
    pub search: Arc<search::Index>,
    /// Where people reach Roster, for the links in emails: the configured public URL, else the
    /// address the server listens on. Never taken from a request's `Host`.
    pub public_url: Arc<str>,
    /// Woken when emails are committed to the outbox.
    pub mail: Arc<tokio::sync::Notify>,
    /// Seals the outbox's email bodies with a key kept outside the database.
    pub sealer: Arc<seal::Sealer>,
    /// The headers of every answer (the pages' Content-Security-Policy among them).
    pub headers: Arc<headers::Headers>,
    /// The limits on guessing passwords and links.
    pub throttle: Arc<throttle::Throttle>,
}
