//! The Roster server: the JSON API under `/api/v1` and the built app for every other path.
//!
//! `Application::build` binds the listener (port 0 in tests) and `run_until_stopped` serves, so
//! tests boot the very server that `roster serve` runs.

mod error;
mod spa;

use axum::Router;
use axum::routing::get;
use std::net::SocketAddr;
use std::path::PathBuf;
use tokio::net::TcpListener;

pub use error::AppError;

/// What the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free port.
    pub addr: SocketAddr,
    /// The folder Trunk built the app into.
    pub dist: PathBuf,
    /// Seed demo data into an empty database.
    pub demo: bool,
}

/// A server bound to its address, ready to run.
#[derive(Debug)]
pub struct Application {
    listener: TcpListener,
    router: Router,
}

impl Application {
    /// Binds the listener and assembles the routes.
    pub async fn build(config: Config) -> std::io::Result<Application> {
        if !config.dist.join("index.html").is_file() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!(
                    "no built app at {}: build it with `cargo xtask run` (or `trunk build --release`)",
                    config.dist.display()
                ),
            ));
        }
        let listener = TcpListener::bind(config.addr).await?;
        Ok(Application {
            listener,
            router: app(&config),
        })
    }

    /// The address actually bound (the real port when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or(SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Serves until the process is interrupted.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    }
}

/// All routes: the API, then the app for everything else.
pub fn app(config: &Config) -> Router {
    let api = Router::new()
        .route("/health", get(health))
        .fallback(|| async { AppError::NotFound });
    Router::new()
        .nest("/api/v1", api)
        .fallback_service(spa::service(&config.dist))
}

/// Liveness: answers once the server accepts requests.
async fn health() -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({ "status": "ok" }))
}
