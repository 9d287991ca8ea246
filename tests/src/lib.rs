//! What every end-to-end test needs: the real server on a free port serving the real Trunk build,
//! and a headless browser driven through WebDriver: Chromium, Firefox or WebKit ([`engine`]).
//!
//! `cargo xtask test` builds the app and runs the tests once per engine, setting `ROSTER_DIST`,
//! `ROSTER_BROWSER` and the engine's driver; run directly, the tests look for `dist/` at the
//! workspace root and `chromedriver` on PATH, and fail with a message naming what is missing
//! rather than skip.

// Test support: a setup step that cannot work must stop the test with a message, like an assert.
#![allow(clippy::panic)]

use fantoccini::Locator;
use fantoccini::elements::Element;
use roster_server::{Application, Config};
use std::path::PathBuf;
use std::time::Duration;

mod axe;
mod browser;
pub mod engine;
pub use browser::{Browser, Viewport};
pub use engine::Engine;

/// The password of the demo sign-ins in every test.
pub const PASSWORD: &str = "demo password for the tests";

/// A running Roster server for one test, with the demo seeded into its own database.
#[derive(Debug)]
pub struct TestApp {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base: String,
    dir: PathBuf,
    db: roster_server::store::Pool,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Boots the real server on port 0 with the built app and the demo data.
pub async fn spawn_app() -> TestApp {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("roster-e2e-db-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("{err}"));
    let config = Config::demo_on_loopback(
        dist_dir(),
        format!("sqlite://{}", dir.join("roster.db").display()),
        PASSWORD,
    );
    let app = Application::build(config)
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let base = format!("http://{}", app.addr());
    let db = app.db();
    tokio::spawn(app.run_until_stopped());
    TestApp { base, dir, db }
}

impl TestApp {
    /// Moves the expiry of every portal token minted so far `seconds` earlier: a minute passes
    /// for them, and for nothing else.
    pub async fn expire_embed_tokens_earlier(&self, seconds: i64) {
        let mut conn = self
            .db
            .acquire()
            .await
            .unwrap_or_else(|err| panic!("{err}"));
        roster_server::store::embed::expire_tokens_earlier(&mut conn, seconds)
            .await
            .unwrap_or_else(|err| panic!("{err:?}"));
    }
}

fn dist_dir() -> PathBuf {
    std::env::var_os("ROSTER_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate_dir().join("../dist"))
}

/// This crate's directory. `cargo test` and `cargo bench` tell the binary where it is now; the
/// path compiled in is only a fallback, stale once another checkout shares the target directory
/// (cargo then runs the test binary without rebuilding it).
pub fn crate_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// The address of the single-use link to the app's `page` (`activate`, `join`) in `email`, an
/// email of the mailbox page.
pub async fn mailed_link(email: &Element, page: &str) -> String {
    let css = format!("a[href*='/{page}#token=']");
    email
        .find(Locator::Css(&css))
        .await
        .unwrap_or_else(|err| panic!("no {page} link in the email: {err}"))
        .attr("href")
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("the {page} link has no address"))
}

/// How long the wasm app may take to load and render in a cold browser.
pub const RENDER: Duration = Duration::from_secs(20);

/// `text` as an XPath string literal, whatever quotes it holds.
pub(crate) fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}
