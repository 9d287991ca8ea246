//! Starting the server: the database opened and migrated, the demo seeded if asked, the search
//! index loaded, the listener bound, email delivery started, and every route assembled.

use crate::error::AppError;
use crate::state::{AppState, Config};
use crate::store::{self, Pool};
use crate::{
    accounts, activation, audit, auth, demo, embed, extract, groups, headers, import, invitations,
    join, licences, limits, me, openapi, outbox, passwords, seal, settings, spa, users,
};
use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit};
use axum::routing::{get, post};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower::ServiceExt;

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
        for page in spa::PAGES {
            if !config.dist.join(page).is_file() {
                return Err(format!(
                    "no built app at {}: build it with `cargo xtask run`",
                    config.dist.join(page).display()
                ));
            }
        }
        if config.public_url.is_none() && config.addr.ip().is_unspecified() {
            // The origin requests must come from cannot be told from an address that is none.
            return Err(format!(
                "listening on every interface ({}) needs --public-url (ROSTER_PUBLIC_URL): the \
                 address people open Roster at, such as http://roster.example:{}; requests that \
                 change anything are accepted from pages of that origin only",
                config.addr,
                config.addr.port()
            ));
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
        let headers = headers::Headers::for_dist(&config.dist, secure_cookies)?;
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
            headers: Arc::new(headers),
            throttle: Arc::default(),
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

    /// Where people reach Roster: the public URL, else the address listened on.
    pub fn public_url(&self) -> &str {
        &self.state.public_url
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
    ///
    /// The accept loop is hyper-util's, as `axum::serve`'s is, with a timer so that a client
    /// that does not send its headers within [`limits::HEADER_READ_TIMEOUT`] is cut off; each
    /// request learns the address it came from (`ConnectInfo`, for throttling).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let mut builder = auto::Builder::new(TokioExecutor::new());
        builder
            .http1()
            .timer(TokioTimer::new())
            .header_read_timeout(limits::HEADER_READ_TIMEOUT);
        let graceful = GracefulShutdown::new();
        let mut interrupted = std::pin::pin!(tokio::signal::ctrl_c());
        loop {
            let (stream, remote) = tokio::select! {
                accepted = self.listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    Err(err) => {
                        // Out of file descriptors and the like: wait rather than spin.
                        tracing::warn!(%err, "cannot accept a connection");
                        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                        continue;
                    }
                },
                _ = &mut interrupted => break,
            };
            let router = self.router.clone();
            let service = TowerToHyperService::new(router.map_request(
                move |mut req: axum::http::Request<_>| {
                    req.extensions_mut().insert(ConnectInfo(remote));
                    req
                },
            ));
            let connection = builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
            let connection = graceful.watch(connection.into_owned());
            tokio::spawn(async move {
                if let Err(err) = connection.await {
                    tracing::debug!(%err, "connection ended");
                }
            });
        }
        drop(self.listener);
        graceful.shutdown().await;
        if let Some(delivery) = self.delivery {
            delivery.stop().await;
        }
        Ok(())
    }
}

/// All routes: the API, then the app for everything else.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route("/health", get(openapi::health))
        .route("/openapi.json", get(openapi::document))
        .route("/session", post(auth::sign_in).delete(auth::sign_out))
        .route("/accounts", get(accounts::list))
        .route("/accounts/{account}/audit", get(audit::list))
        .merge(me::router())
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
        .merge(embed::router())
        .fallback(|| async { AppError::NotFound })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            extract::same_origin,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            embed::scope::bearer,
        ))
        .layer(axum::middleware::from_fn(limits::body))
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn(headers::api_answer))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            audit::refusals,
        ))
        .with_state(state.clone());
    Router::new()
        .nest("/api/v1", api)
        .route("/embed.js", get(embed::script::serve))
        .fallback_service(spa::service(&state.config.dist))
        .layer(axum::middleware::from_fn(spa::cache_policy))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            embed::pages::frame_policy,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.headers.clone(),
            headers::every_answer,
        ))
}
