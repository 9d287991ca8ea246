//! What every end-to-end test needs: the real server on a free port serving the real Trunk build,
//! and a headless Chromium driven through chromedriver.
//!
//! `cargo xtask test` builds the app and sets `ROSTER_DIST` and `CHROMEDRIVER`; run directly, the
//! tests look for `dist/` at the workspace root and `chromedriver` on PATH, and fail with a message
//! naming what is missing rather than skip.

// Test support: a setup step that cannot work must stop the test with a message, like an assert.
#![allow(clippy::panic)]

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use roster_server::{Application, Config};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running Roster server for one test.
#[derive(Debug)]
pub struct TestApp {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base: String,
}

/// Boots the real server on port 0 with the built app.
pub async fn spawn_app() -> TestApp {
    let config = Config {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        dist: dist_dir(),
        database_url: "sqlite::memory:".into(),
        public_url: None,
        demo: None,
    };
    let app = Application::build(config)
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let base = format!("http://{}", app.addr());
    tokio::spawn(app.run_until_stopped());
    TestApp { base }
}

fn dist_dir() -> PathBuf {
    std::env::var_os("ROSTER_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist"))
}

/// A headless Chromium session; the chromedriver process ends with it.
#[derive(Debug)]
pub struct Browser {
    pub client: Client,
    driver: Child,
    profile: PathBuf,
}

/// Window sizes the tests look at pages in.
#[derive(Debug, Clone, Copy)]
pub enum Viewport {
    Desktop,
    Phone,
}

impl Browser {
    /// Starts chromedriver on a free port and opens a fresh headless Chromium with its own profile.
    pub async fn start(viewport: Viewport) -> Browser {
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let port = free_port();
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|err| {
                panic!("cannot start {chromedriver} ({err}); run the tests with `cargo xtask test`")
            });
        wait_for_port(port, Duration::from_secs(20));
        let profile =
            std::env::temp_dir().join(format!("roster-e2e-{}-{port}", std::process::id()));
        let (width, height) = match viewport {
            Viewport::Desktop => (1280, 900),
            Viewport::Phone => (360, 780),
        };
        let mut args: Vec<String> = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        args.push(format!("--window-size={width},{height}"));
        let mut options = serde_json::json!({ "args": args });
        if let Ok(binary) = std::env::var("CHROME_BIN") {
            options["binary"] = binary.into();
        }
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), options);
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .unwrap_or_else(|err| panic!("cannot open Chromium through chromedriver: {err}"));
        Browser {
            client,
            driver,
            profile,
        }
    }

    /// Closes the browser and stops chromedriver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // A failed assertion skips `close`; never leave a chromedriver behind.
        let _ = self.driver.kill();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|err| panic!("no free port: {err}"))
}

/// Waits for a freshly started process to accept connections (a start-up wait, not a retry of a
/// test step).
fn wait_for_port(port: u16, limit: Duration) {
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < limit,
            "chromedriver did not listen on port {port} within {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
