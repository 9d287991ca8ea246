//! The Roster server: the JSON API under `/api/v1` and the built app for every other path.
//!
//! `Application::build` opens the database, binds the listener (port 0 in tests) and assembles
//! the routes; `run_until_stopped` serves. Tests boot the very server that `roster serve` runs.

mod accounts;
mod activation;
mod audit;
mod auth;
mod clock;
pub mod demo;
mod emails;
mod error;
mod etag;
mod extract;
mod groups;
mod guard;
pub mod import;
mod invitations;
mod join;
mod licences;
mod openapi;
pub mod outbox;
mod passwords;
pub mod seal;
mod search;
mod secrets;
mod session;
mod settings;
mod spa;
pub(crate) mod store;
mod tokens;
mod users;

use axum::Router;
use axum::routing::{get, post};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use store::Pool;
use tokio::net::TcpListener;

pub use error::{AppError, FieldError};

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
    /// The sender of every email, `Name <address>` ([`outbox::DEFAULT_MAIL_FROM`]).
    pub mail_from: String,
    /// When delivery tries again, and when it gives up.
    pub mail_retry: outbox::Retry,
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
}

/// A server bound to its address, ready to run.
#[derive(Debug)]
pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    /// The email delivery worker, when SMTP is configured.
    delivery: Option<outbox::delivery::Delivery>,
}

impl Application {
    /// Opens and migrates the database, seeds the demo if asked, binds the listener.
    pub async fn build(config: Config) -> Result<Application, String> {
        for page in ["index.html", "import/index.html"] {
            if !config.dist.join(page).is_file() {
                return Err(format!(
                    "no built app at {}: build it with `cargo xtask run`",
                    config.dist.join(page).display()
                ));
            }
        }
        let db = store::open(&config.database_url).await?;
        if let Some(password) = &config.demo {
            demo::seed(&db, password)
                .await
                .map_err(|e| format!("seeding the demo: {e:?}"))?;
        }
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
        let secure_cookies = config
            .public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"));
        let public_url = match &config.public_url {
            Some(url) => url.trim_end_matches('/').into(),
            None => format!(
                "http://{}",
                listener.local_addr().map_err(|e| e.to_string())?
            )
            .into(),
        };
        let state = AppState {
            db,
            secure_cookies,
            public_url,
            mail: Arc::default(),
            sealer: Arc::new(seal::Sealer::for_database(&config.database_url)?),
            config: Arc::new(config),
            search: Arc::default(),
        };
        // Load the search index now rather than on the first search.
        state
            .search
            .catch_up(&state.db)
            .await
            .map_err(|e| format!("loading the search index: {e:?}"))?;
        let delivery = outbox::start(&state).await?;
        Ok(Application {
            listener,
            router: app(state.clone()),
            state,
            delivery,
        })
    }

    /// The address actually bound (the real port when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or(SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// The database, for tests that look underneath the API.
    pub fn db(&self) -> Pool {
        self.state.db.clone()
    }

    /// Where emails go, in a sentence for the operator.
    pub fn mail_notice(&self) -> &'static str {
        match (&self.state.config.smtp_url, self.state.config.mailbox) {
            (Some(_), _) => "Emails are delivered by the SMTP relay.",
            (None, true) => {
                "Emails are kept in the local mailbox (/mailbox): no SMTP relay is configured."
            }
            (None, false) => {
                "Emails wait in the outbox: no SMTP relay is configured (set ROSTER_SMTP_URL), \
                 and the local mailbox is off (--mailbox)."
            }
        }
    }

    /// The sealer of the outbox's bodies, for tests that write to it directly.
    pub fn sealer(&self) -> Arc<seal::Sealer> {
        self.state.sealer.clone()
    }

    /// Serves until the process is interrupted, then stops delivering emails.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = axum::serve(self.listener, self.router)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await;
        if let Some(delivery) = self.delivery {
            delivery.stop().await;
        }
        served
    }
}

/// All routes: the API, then the app for everything else.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route("/health", get(health))
        .route("/openapi.json", get(openapi::document))
        .route("/session", post(auth::sign_in).delete(auth::sign_out))
        .route("/me", get(auth::me))
        .route("/accounts", get(accounts::list))
        .route("/accounts/{account}/audit", get(audit::list))
        .merge(users::router())
        .merge(invitations::router())
        .merge(join::router())
        .merge(licences::router())
        .merge(settings::router())
        .merge(passwords::router())
        .merge(activation::router())
        .merge(outbox::router())
        .merge(groups::router())
        .merge(import::router())
        .fallback(|| async { AppError::NotFound })
        .layer(axum::middleware::from_fn(extract::same_origin))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            audit::refusals,
        ))
        .with_state(state.clone());
    Router::new()
        .nest("/api/v1", api)
        .fallback_service(spa::service(&state.config.dist))
}

/// Liveness: answers once the server accepts requests.
#[utoipa::path(
    get,
    path = "/health",
    operation_id = "health",
    tag = "meta",
    security(()),
    responses((
        status = 200,
        description = "The server accepts requests.",
        body = Object,
        example = json!({ "status": "ok" })
    ))
)]
async fn health() -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({ "status": "ok" }))
}
