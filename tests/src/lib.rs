//! What every end-to-end test needs: the real server on a free port serving the real Trunk build,
//! and a headless Chromium driven through chromedriver.
//!
//! `cargo xtask test` builds the app and sets `ROSTER_DIST` and `CHROMEDRIVER`; run directly, the
//! tests look for `dist/` at the workspace root and `chromedriver` on PATH, and fail with a message
//! naming what is missing rather than skip.

// Test support: a setup step that cannot work must stop the test with a message, like an assert.
#![allow(clippy::panic)]

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use roster_server::demo::DemoPassword;
use roster_server::{Application, Config};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The password of the demo sign-ins in every test.
pub const PASSWORD: &str = "demo password for the tests";

/// A running Roster server for one test, with the demo seeded into its own database.
#[derive(Debug)]
pub struct TestApp {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base: String,
    dir: PathBuf,
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
    let config = Config {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        dist: dist_dir(),
        database_url: format!("sqlite://{}", dir.join("roster.db").display()),
        public_url: None,
        demo: Some(DemoPassword {
            password: PASSWORD.into(),
            generated: false,
        }),
        smtp_url: None,
        mailbox: true,
        mail_from: roster_server::outbox::DEFAULT_MAIL_FROM.into(),
        mail_retry: roster_server::outbox::Retry::default(),
        behind_proxy: false,
    };
    let app = Application::build(config)
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let base = format!("http://{}", app.addr());
    tokio::spawn(app.run_until_stopped());
    TestApp { base, dir }
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
        if let Viewport::Phone = viewport {
            // A desktop window cannot be narrower than about 500 px; a phone is emulated instead.
            options["mobileEmulation"] = serde_json::json!({ "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2.0, "touch": true } });
        }
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

    /// Opens `path` of `app`, after checking that the page before broke no rule of the
    /// Content-Security-Policy, and starts listening for such breaches on the new one.
    pub async fn open(&self, app: &TestApp, path: &str) {
        self.assert_no_policy_violations().await;
        self.client
            .goto(&format!("{}{path}", app.base))
            .await
            .unwrap_or_else(|err| panic!("open {path}: {err}"));
        self.client
            .execute(
                "window.__violations = [];
                 document.addEventListener('securitypolicyviolation', e =>
                     window.__violations.push(e.violatedDirective + ' blocked ' + e.blockedURI
                         + ' at ' + e.sourceFile + ':' + e.lineNumber));",
                vec![],
            )
            .await
            .unwrap_or_else(|err| panic!("listening for policy violations: {err}"));
    }

    /// Fails the test if the page broke a rule of its Content-Security-Policy (the server's, which
    /// the tests run under as users do).
    pub async fn assert_no_policy_violations(&self) {
        let seen = self
            .client
            .execute("return window.__violations || [];", vec![])
            .await
            .unwrap_or_default();
        let seen = seen.as_array().cloned().unwrap_or_default();
        assert!(
            seen.is_empty(),
            "Content-Security-Policy violations: {seen:?}"
        );
    }

    /// Waits for an element (the wasm app renders after the page loads).
    pub async fn wait_for(&self, locator: Locator<'_>) -> Element {
        self.client
            .wait()
            .at_most(RENDER)
            .for_element(locator)
            .await
            .unwrap_or_else(|err| panic!("waiting for {locator:?}: {err}"))
    }

    /// Waits until the heading of the page reads `text`.
    pub async fn wait_for_heading(&self, text: &str) -> Element {
        self.wait_for(Locator::XPath(&format!(
            "//main//h1[normalize-space(.)={}]",
            xpath_literal(text)
        )))
        .await
    }

    /// Waits until the users list's pager tells this total (`"10 users"`, `"1 user"`).
    pub async fn wait_for_total(&self, total: &str) -> Element {
        self.wait_for(Locator::XPath(&format!(
            "//nav[@aria-label='Pages']//span[contains(., {})]",
            xpath_literal(&format!(" {total}"))
        )))
        .await
    }

    /// The input labelled `label`, found through its `<label for>` the way a person finds it.
    pub async fn field(&self, label: &str) -> Element {
        let xpath = format!("//label[normalize-space(.)={}]", xpath_literal(label));
        let label = self.wait_for(Locator::XPath(&xpath)).await;
        let id = label
            .attr("for")
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("label {xpath} has no `for`"));
        self.wait_for(Locator::Id(&id)).await
    }

    /// Types `text` into the field labelled `label`, replacing what was there.
    pub async fn fill(&self, label: &str, text: &str) {
        let field = self.field(label).await;
        field
            .clear()
            .await
            .unwrap_or_else(|err| panic!("clear {label}: {err}"));
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|err| panic!("type into {label}: {err}"));
    }

    /// Clicks the button whose text is `text`.
    pub async fn click_button(&self, text: &str) {
        let xpath = format!("//button[normalize-space(.)={}]", xpath_literal(text));
        self.wait_for(Locator::XPath(&xpath))
            .await
            .click()
            .await
            .unwrap_or_else(|err| panic!("click {text}: {err}"));
    }

    /// Clicks the link whose text is `text`.
    pub async fn click_link(&self, text: &str) {
        let xpath = format!("//a[normalize-space(.)={}]", xpath_literal(text));
        self.wait_for(Locator::XPath(&xpath))
            .await
            .click()
            .await
            .unwrap_or_else(|err| panic!("click {text}: {err}"));
    }

    /// Clicks the button or link whose text is `text`.
    pub async fn click_button_or_link(&self, text: &str) {
        let lit = xpath_literal(text);
        let xpath = format!("//button[normalize-space(.)={lit}] | //a[normalize-space(.)={lit}]");
        self.wait_for(Locator::XPath(&xpath))
            .await
            .click()
            .await
            .unwrap_or_else(|err| panic!("click {text}: {err}"));
    }

    /// Saves a screenshot as `target/screenshots/NAME.png`, to look at.
    pub async fn screenshot(&self, name: &str) {
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|err| panic!("screenshot: {err}"));
        let dir = crate_dir().join("../target/screenshots");
        let _ = std::fs::create_dir_all(&dir);
        std::fs::write(dir.join(format!("{name}.png")), png)
            .unwrap_or_else(|err| panic!("save screenshot: {err}"));
    }

    /// Signs in through the sign-in page (with the demo password).
    pub async fn sign_in(&self, app: &TestApp, username: &str) {
        self.sign_in_with(app, username, PASSWORD).await;
    }

    /// Signs in through the sign-in page with `password`.
    pub async fn sign_in_with(&self, app: &TestApp, username: &str, password: &str) {
        self.open(app, "/sign-in").await;
        self.fill("Username or email", username).await;
        self.fill("Password", password).await;
        self.click_button("Sign in").await;
        // admin@acme.test belongs to both demo accounts, so picks one first.
        if username == "admin@acme.test" {
            self.wait_for_heading("Choose an account").await;
            self.click_link("Acme Records").await;
        }
    }

    /// Closes the browser and stops chromedriver.
    pub async fn close(mut self) {
        self.assert_no_policy_violations().await;
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

/// How long the wasm app may take to load and render in a cold browser.
pub const RENDER: Duration = Duration::from_secs(20);

/// `text` as an XPath string literal, whatever quotes it holds.
fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}
