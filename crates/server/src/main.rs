//! The `roster` command: reads its configuration and starts the server.

use clap::{Parser, Subcommand};
use roster_server::demo::{
    DEMO_ADMIN, DEMO_DELEGATE, DEMO_EU_ADMIN, DEMO_EU_OPS, DEMO_PORTAL_KEY, DEMO_PORTAL_ORIGIN,
    DEMO_USER, DemoPassword, portal_secret,
};
use roster_server::demo_portal::PortalConfig;
use roster_server::{Application, Config, import, outbox};
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
    Serve(Serve),
    /// Work with CSV imports.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Serve the sample portal that embeds the demo's Acme Records (beside `serve --demo`).
    DemoPortal(DemoPortal),
}

/// How to serve the sample portal.
#[derive(Debug, clap::Args)]
struct DemoPortal {
    /// Address to listen on; the page is opened at http://localhost:PORT, the origin the demo
    /// lets frame Acme Records.
    #[arg(long, default_value = "127.0.0.1:8081")]
    addr: SocketAddr,
    /// Where Roster is (http:// only).
    #[arg(
        long,
        env = "ROSTER_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    roster_url: String,
    /// The portal key's secret; without it, the demo key's, from ROSTER_DEMO_PASSWORD (the
    /// password `serve --demo` was given).
    #[arg(long, env = "ROSTER_PORTAL_SECRET")]
    secret: Option<String>,
}

/// How to serve.
#[derive(Debug, clap::Args)]
struct Serve {
    /// Address to listen on.
    #[arg(long, env = "ROSTER_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The database (created when missing).
    #[arg(
        long,
        env = "ROSTER_DATABASE_URL",
        default_value = "sqlite://roster.db"
    )]
    database: String,
    /// The address people reach Roster at: links in emails point there, and only its pages may
    /// change anything (https makes cookies Secure and asks browsers to keep to https).
    #[arg(long, env = "ROSTER_PUBLIC_URL")]
    public_url: Option<String>,
    /// Folder of the Trunk-built app (index.html and its assets).
    #[arg(long, env = "ROSTER_DIST", default_value = "dist")]
    dist: PathBuf,
    /// Seed demo accounts into an empty database (password: ROSTER_DEMO_PASSWORD, or one
    /// made up and printed); on a database seeded before, the demo sign-ins take it.
    #[arg(long)]
    demo: bool,
    /// `smtp://[user:password@]host[:port]` of the relay that delivers emails (plain SMTP,
    /// no TLS); without it they wait in the outbox.
    #[arg(long, env = "ROSTER_SMTP_URL")]
    smtp_url: Option<String>,
    /// Without a relay, show the outbox as a local mailbox at /mailbox, each person seeing
    /// the emails to themselves and to people they manage everywhere (on with --demo).
    #[arg(long)]
    mailbox: bool,
    /// The sender of the emails, `Name <address>`.
    #[arg(long, env = "ROSTER_MAIL_FROM", default_value = outbox::DEFAULT_MAIL_FROM)]
    mail_from: String,
    /// Reached through a reverse proxy that appends the client's address to
    /// X-Forwarded-For: throttle by that address rather than the proxy's.
    #[arg(long, env = "ROSTER_BEHIND_PROXY")]
    behind_proxy: bool,
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// Check a CSV file as the Import users page would: one JSON line per finding, then a
    /// summary. Exit 0: no row has an error; 1: some do; 2: the file is refused as a whole.
    Check {
        /// The CSV file.
        file: PathBuf,
        /// A database to check the account's rules against (opened read-only): approved
        /// domains, groups, free seats, existing users. Without it, only the checks that need
        /// no account run.
        #[arg(long, requires = "account")]
        database: Option<String>,
        /// The account's name (with --database).
        #[arg(long, requires = "database")]
        account: Option<String>,
    },
}

/// `roster demo-portal`.
async fn demo_portal(portal: DemoPortal) -> ExitCode {
    let secret = portal.secret.or_else(|| {
        std::env::var("ROSTER_DEMO_PASSWORD")
            .ok()
            .filter(|p| !p.is_empty())
            .map(|p| portal_secret(&p))
    });
    let Some(secret) = secret else {
        eprintln!(
            "roster: the sample portal needs the portal key: --secret, or the demo's \
             ROSTER_DEMO_PASSWORD"
        );
        return ExitCode::FAILURE;
    };
    let port = portal.addr.port();
    let config = PortalConfig::demo(portal.addr, portal.roster_url, secret);
    println!("The sample portal is running at http://localhost:{port}/");
    match roster_server::demo_portal::run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("roster: the sample portal stopped: {err}");
            ExitCode::FAILURE
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tower_http=warn,sqlx=warn".into()),
        )
        .init();
    let serve = match Cli::parse().command {
        Command::Serve(serve) => serve,
        Command::DemoPortal(portal) => return demo_portal(portal).await,
        Command::Import {
            command:
                ImportCommand::Check {
                    file,
                    database,
                    account,
                },
        } => {
            let account = database
                .zip(account)
                .map(|(database, account)| import::cli::AccountRef { database, account });
            return import::cli::check(&file, account, &mut std::io::stdout().lock()).await;
        }
    };
    let demo = match serve
        .demo
        .then(DemoPassword::from_env_or_random)
        .transpose()
    {
        Ok(demo) => demo,
        Err(err) => {
            eprintln!("roster: {err}");
            return ExitCode::FAILURE;
        }
    };
    let config = Config {
        addr: serve.addr,
        dist: serve.dist,
        database_url: serve.database,
        public_url: serve.public_url,
        mailbox: serve.mailbox || demo.is_some(),
        demo: demo.clone(),
        smtp_url: serve.smtp_url,
        mail_from: serve.mail_from,
        mail_retry: outbox::Retry::default(),
        behind_proxy: serve.behind_proxy,
    };
    let app = match Application::build(config).await {
        Ok(app) => app,
        Err(err) => {
            eprintln!("roster: cannot start: {err}");
            return ExitCode::FAILURE;
        }
    };
    println!("Roster is running at {}/", app.public_url());
    println!("{}", app.mail_notice());
    if let Some(demo) = demo {
        let shown = if demo.generated {
            demo.password.as_str()
        } else {
            "(ROSTER_DEMO_PASSWORD)"
        };
        println!("Demo sign-ins, password {shown}:");
        println!(
            "  {DEMO_ADMIN}     administrator of Acme Records (records E, interaction approve, DR4)"
        );
        println!("  {DEMO_DELEGATE}  delegated administrator of Acme Records (records C)");
        println!("  {DEMO_EU_ADMIN}  administrator of Acme Europe");
        println!(
            "  {DEMO_EU_OPS}    administrator of Acme Europe (records C), a plain user of Acme Records"
        );
        println!("  {DEMO_USER}      a plain user of both accounts: My details, on a phone");
        println!(
            "Acme Records may be framed by {DEMO_PORTAL_ORIGIN}; its portal key \"{DEMO_PORTAL_KEY}\" \
             has the secret {}",
            portal_secret(&demo.password)
        );
    }
    match app.run_until_stopped().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("roster: stopped: {err}");
            ExitCode::FAILURE
        }
    }
}
