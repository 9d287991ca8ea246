//! The `roster` command: reads its configuration and starts the server.

use clap::{Parser, Subcommand};
use roster_server::{Application, Config};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "roster",
    version,
    about = "Roster: the user-administration console"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API and the built app.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "ROSTER_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Folder of the Trunk-built app (index.html and its assets).
        #[arg(long, env = "ROSTER_DIST", default_value = "dist")]
        dist: PathBuf,
        /// Seed demo accounts into an empty database.
        #[arg(long)]
        demo: bool,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tower_http=warn".into()),
        )
        .init();
    let Command::Serve { addr, dist, demo } = Cli::parse().command;
    let config = Config { addr, dist, demo };
    let app = match Application::build(config).await {
        Ok(app) => app,
        Err(err) => {
            eprintln!("roster: cannot start: {err}");
            return ExitCode::FAILURE;
        }
    };
    println!("Roster is running at http://{}/", app.addr());
    match app.run_until_stopped().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("roster: stopped: {err}");
            ExitCode::FAILURE
        }
    }
}
