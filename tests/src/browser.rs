//! A headless browser driven through WebDriver: started in the engine of this run
//! ([`crate::engine`]), with the steps a person takes (find a field by its label, click a button by
//! its text) and the checks every page answers to (its Content-Security-Policy, its width, and
//! axe's rules of accessibility, [`crate::axe`]), run at every heading, notice and screenshot the
//! tests wait for.

use crate::engine::Engine;
use crate::{PASSWORD, RENDER, TestApp, crate_dir, xpath_literal};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A headless browser session; its WebDriver server (and what that started) ends with it.
#[derive(Debug)]
pub struct Browser {
    pub client: Client,
    /// The engine driving this run.
    pub engine: Engine,
    pub(crate) viewport: Viewport,
    driver: Child,
    profile: PathBuf,
}

/// Window sizes the tests look at pages in.
#[derive(Debug, Clone, Copy)]
pub enum Viewport {
    Desktop,
    Phone,
}

impl Viewport {
    /// Width and height in CSS pixels.
    pub fn size(self) -> (u32, u32) {
        match self {
            Viewport::Desktop => (1280, 900),
            Viewport::Phone => (360, 780),
        }
    }
}

impl Browser {
    /// Starts the engine's WebDriver server on a free port and opens a fresh headless browser
    /// with its own profile, its window of `viewport`'s size.
    pub async fn start(viewport: Viewport) -> Browser {
        let engine = Engine::current();
        let port = free_port();
        let mut command = engine.driver(port);
        // Its own process group, so that ending it ends what it started (xvfb-run's display).
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let driver = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|err| {
                panic!(
                    "cannot start the {} WebDriver server ({err}); run the tests with `cargo xtask test`",
                    engine.name()
                )
            });
        wait_for_port(port, Duration::from_secs(20));
        let profile =
            std::env::temp_dir().join(format!("roster-e2e-{}-{port}", std::process::id()));
        let caps = engine.capabilities(viewport, &profile);
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .unwrap_or_else(|err| panic!("cannot open {} through WebDriver: {err}", engine.name()));
        if engine.sizes_its_window() {
            let (width, height) = viewport.size();
            client
                .set_window_size(width, height)
                .await
                .unwrap_or_else(|err| panic!("cannot size the window: {err}"));
        }
        Browser {
            client,
            engine,
            viewport,
            driver,
            profile,
        }
    }

    /// Opens `path` of `app`, after checking that the page before broke no rule of the
    /// Content-Security-Policy, and starts listening for such breaches on the new one.
    pub async fn open(&self, app: &TestApp, path: &str) {
        self.assert_no_policy_violations().await;
        let address = format!("{}{path}", app.base);
        // The address already shown: WebKit's driver may answer before the new document has
        // replaced the old one, whose fields the test would then fill. A blank page between.
        if self
            .client
            .current_url()
            .await
            .is_ok_and(|url| url.as_str() == address)
        {
            let _ = self.client.goto("about:blank").await;
        }
        self.client
            .goto(&address)
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

    /// Fails when the page scrolls sideways in its window, which is the viewport's width (360 px
    /// for a phone), or the engine's narrowest window where that is wider ([`Engine::narrowest`]).
    pub async fn assert_fits_width(&self, what: &str) {
        let widths = self
            .client
            .execute(
                "const e = document.documentElement; return [e.scrollWidth, e.clientWidth];",
                vec![],
            )
            .await
            .unwrap_or_else(|err| panic!("measuring the page: {err}"));
        let width = |i: usize| widths[i].as_i64().unwrap_or(i64::MAX);
        let (page, window) = (width(0), width(1));
        let expected = i64::from(self.viewport.size().0.max(self.engine.narrowest()));
        assert!(window <= expected, "{what}: the window is {window} px wide");
        if page > window {
            // The innermost elements that stick out, to name in the failure.
            let out = self
                .client
                .execute(
                    "const w = document.documentElement.clientWidth; \
                     return [...document.querySelectorAll('body *')] \
                       .filter((e) => e.getBoundingClientRect().right > w + 0.5 \
                         && ![...e.children].some((c) => c.getBoundingClientRect().right > w + 0.5)) \
                       .slice(0, 5) \
                       .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') \
                         + ' ' + Math.round(e.getBoundingClientRect().right) + 'px ' \
                         + (e.textContent || '').trim().slice(0, 40));",
                    vec![],
                )
                .await
                .unwrap_or_default();
            panic!(
                "{what} fits a {window} px screen without sideways scrolling ({page} px): {out}"
            );
        }
    }

    /// The checks every page and state the tests reach answers to: it fits its window's width
    /// without sideways scrolling, and axe finds nothing (`what` names it in a failure).
    pub async fn check_page(&self, what: &str) {
        self.assert_fits_width(what).await;
        self.assert_accessible(what).await;
    }

    /// Waits for an element (the wasm app renders after the page loads).
    pub async fn wait_for(&self, locator: Locator<'_>) -> Element {
        let deadline = Instant::now() + RENDER;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let err = match self.client.wait().at_most(left).for_element(locator).await {
                Ok(element) => return element,
                Err(err) => err,
            };
            // A search made while the page is being left for another (a full load into the
            // other bundle) is "aborted by navigation" in Chromium: the next page is searched.
            if left > Duration::ZERO && left_by_navigation(&err) {
                continue;
            }
            // What the page showed instead, as a picture and as text.
            let shot = format!("failed-{}-{}", self.engine.name(), std::process::id());
            self.save_screenshot(&shot).await;
            let text = self
                .client
                .execute("return document.body.innerText.slice(0, 600);", vec![])
                .await
                .unwrap_or_default();
            panic!("waiting for {locator:?}: {err}\npage ({shot}.png): {text}")
        }
    }

    /// Waits until the heading of the page reads `text`, then checks the page ([`Self::check_page`]).
    pub async fn wait_for_heading(&self, text: &str) -> Element {
        let heading = self
            .wait_for(Locator::XPath(&format!(
                "//main//h1[normalize-space(.)={}]",
                xpath_literal(text)
            )))
            .await;
        self.check_page(text).await;
        heading
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
        // WebKit's driver types key by key: should the page draw the field again meanwhile (a
        // form drawn again as its data comes back), the keys after that go to the field it
        // replaced. The field, found afresh, is filled again until it holds the text (a field
        // that reformats what is typed is left as it is after three tries).
        for attempt in 1..=3 {
            let field = self.field(label).await;
            field
                .clear()
                .await
                .unwrap_or_else(|err| panic!("clear {label}: {err}"));
            // WebKit's driver refuses to type nothing.
            if !text.is_empty() {
                field
                    .send_keys(text)
                    .await
                    .unwrap_or_else(|err| panic!("type into {label}: {err}"));
            }
            let held = field.prop("value").await.ok().flatten();
            if held.as_deref() == Some(text) || attempt == 3 {
                return;
            }
        }
    }

    /// Clicks `element` (named `what` in a failure), scrolled into the middle of its scrolling
    /// boxes first: WebKit's driver does not scroll a box that scrolls sideways, such as the
    /// navigation at phone width, to reach what it clicks.
    pub async fn click(&self, element: Element, what: &str) {
        if let Err(err) = self.try_click(&element).await {
            // Where it was, and what lay on top of it, say more than the driver's error.
            let place = self
                .client
                .execute(
                    "const r = arguments[0].getBoundingClientRect(); \
                     const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); \
                     return [r.x, r.y, r.width, r.height, innerWidth, innerHeight, \
                             top ? top.outerHTML.slice(0, 120) : null];",
                    vec![serde_json::to_value(&element).unwrap_or_default()],
                )
                .await;
            panic!("click {what}: {err} (at and under it: {place:?})");
        }
    }

    async fn try_click(&self, element: &Element) -> Result<(), CmdError> {
        self.client
            .execute(
                "arguments[0].scrollIntoView({ block: 'center', inline: 'center' });",
                vec![serde_json::to_value(element).unwrap_or_default()],
            )
            .await?;
        element.clone().click().await
    }

    /// Clicks what `xpath` finds, named `what`. Found again if the page drew it anew between
    /// finding and clicking (a list that a search just narrowed), as a person would click the
    /// new one.
    async fn click_found(&self, xpath: &str, what: &str) {
        for _ in 0..3 {
            let element = self.wait_for(Locator::XPath(xpath)).await;
            match self.try_click(&element).await {
                Ok(()) => return,
                Err(err) if is_stale(&err) => continue,
                // Tried once more, to say where it was.
                Err(_) => return self.click(element, what).await,
            }
        }
        let element = self.wait_for(Locator::XPath(xpath)).await;
        self.click(element, what).await;
    }

    /// Clicks the button whose text is `text`.
    pub async fn click_button(&self, text: &str) {
        let xpath = format!("//button[normalize-space(.)={}]", xpath_literal(text));
        self.click_found(&xpath, text).await;
    }

    /// Clicks the link whose text is `text`.
    pub async fn click_link(&self, text: &str) {
        let xpath = format!("//a[normalize-space(.)={}]", xpath_literal(text));
        self.click_found(&xpath, text).await;
    }

    /// Clicks the button or link whose text is `text`.
    pub async fn click_button_or_link(&self, text: &str) {
        let lit = xpath_literal(text);
        let xpath = format!("//button[normalize-space(.)={lit}] | //a[normalize-space(.)={lit}]");
        self.click_found(&xpath, text).await;
    }

    /// The text of each element `css` finds, one line each (the rows of a table, say).
    pub async fn lines(&self, css: &str) -> String {
        let found = self
            .client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|err| panic!("find {css}: {err}"));
        let mut text = String::new();
        for element in found {
            text.push_str(&element.text().await.unwrap_or_default());
            text.push('\n');
        }
        text
    }

    /// Checks the page as it is ([`Self::check_page`]), then saves a screenshot of it as
    /// `target/screenshots/ENGINE/NAME.png`, to look at.
    pub async fn screenshot(&self, name: &str) {
        self.check_page(name).await;
        self.save_screenshot(name).await;
    }

    /// Saves a screenshot as `target/screenshots/ENGINE/NAME.png`, unchecked (of a failure).
    pub(crate) async fn save_screenshot(&self, name: &str) {
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|err| panic!("screenshot: {err}"));
        let dir = crate_dir()
            .join("../target/screenshots")
            .join(self.engine.name());
        let _ = std::fs::create_dir_all(&dir);
        std::fs::write(dir.join(format!("{name}.png")), png)
            .unwrap_or_else(|err| panic!("save screenshot: {err}"));
    }

    /// Opens Add user from the Users page and types the email and the names (leaving how to
    /// save to the test).
    pub async fn start_adding(&self, email: &str, first: &str, last: &str) {
        self.click_button_or_link("Add user").await;
        self.wait_for_heading("Add a user").await;
        self.fill("Email", email).await;
        self.fill("First name", first).await;
        self.fill("Last name", last).await;
    }

    /// Chooses the option whose text is `option` in the select labelled `label`, once the
    /// select offers it (a list of groups loads after its page).
    pub async fn choose(&self, label: &str, option: &str) {
        let xpath = format!(
            "//select[@id=//label[normalize-space(.)={}]/@for]/option[normalize-space(.)={}]",
            xpath_literal(label),
            xpath_literal(option)
        );
        self.wait_for(Locator::XPath(&xpath)).await;
        self.field(label)
            .await
            .select_by_label(option)
            .await
            .unwrap_or_else(|err| panic!("choose {option} in {label}: {err}"));
    }

    /// Presses and releases `key` on the keyboard, wherever the focus is.
    pub async fn press(&self, key: Key) {
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key.into() })
            .then(KeyAction::Up { value: key.into() });
        self.client
            .perform_actions(keys)
            .await
            .unwrap_or_else(|err| panic!("press {key:?}: {err}"));
    }

    /// What has the keyboard's focus: its id, or its tag and text where it has no id.
    pub async fn focused(&self) -> String {
        let found = self
            .client
            .execute(
                "const e = document.activeElement;                  return e.id || (e.tagName.toLowerCase() + ' ' + e.textContent.trim().slice(0, 40));",
                vec![],
            )
            .await
            .unwrap_or_else(|err| panic!("finding the focus: {err}"));
        found.as_str().unwrap_or_default().to_owned()
    }

    /// Waits until the keyboard's focus is on `expected` (as [`Self::focused`] names it): a page
    /// moves it once what it focuses is drawn.
    pub async fn wait_for_focus(&self, expected: &str) {
        let start = Instant::now();
        loop {
            let now = self.focused().await;
            if now == expected {
                return;
            }
            assert!(
                start.elapsed() < RENDER,
                "the focus is on {now:?}, not {expected:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the document's title reads `title` (a page names itself once its data, such
    /// as the account's name, has loaded).
    pub async fn wait_for_title(&self, title: &str) {
        let start = Instant::now();
        loop {
            let now = self.client.title().await.unwrap_or_default();
            if now == title {
                return;
            }
            assert!(
                start.elapsed() < RENDER,
                "the title reads {now:?}, not {title:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for the page's notice (what was just done) saying `text`, then checks the page
    /// ([`Self::check_page`]).
    pub async fn wait_for_notice(&self, text: &str) {
        self.wait_for(Locator::XPath(&format!(
            "//p[contains(@class, 'notice') and @role='status' and normalize-space(.)={}]",
            xpath_literal(text)
        )))
        .await;
        self.check_page(text).await;
    }

    /// Signs in through the sign-in page (with the demo password).
    pub async fn sign_in(&self, app: &TestApp, username: &str) {
        self.sign_in_with(app, username, PASSWORD).await;
    }

    /// Signs in through the sign-in page with `password`.
    pub async fn sign_in_with(&self, app: &TestApp, username: &str, password: &str) {
        self.open(app, "/sign-in").await;
        // WebKit's driver sometimes types into the page before the app has taken it over, and
        // the fields come back empty: the sign-in is tried again until the page moves on.
        for _ in 0..3 {
            self.fill("Username or email", username).await;
            self.fill("Password", password).await;
            self.click_button("Sign in").await;
            let start = Instant::now();
            while start.elapsed() < std::time::Duration::from_secs(5) {
                let path = self.client.current_url().await.map(|u| u.path().to_owned());
                if path.is_ok_and(|p| p != "/sign-in") {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            let path = self.client.current_url().await.map(|u| u.path().to_owned());
            if path.is_ok_and(|p| p != "/sign-in") {
                break;
            }
        }
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
        end_group(&mut self.driver);
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // A failed assertion skips `close`; never leave a WebDriver server behind.
        end_group(&mut self.driver);
    }
}

/// Ends `child` and its process group.
fn end_group(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", "--", &format!("-{}", child.id())])
        .status();
    let _ = child.kill();
    let _ = child.wait();
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
            "the WebDriver server did not listen on port {port} within {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Whether the driver refused because the element is no longer in the page (drawn anew).
fn is_stale(err: &CmdError) -> bool {
    matches!(err, CmdError::Standard(e) if e.error == ErrorStatus::StaleElementReference)
}

/// Whether a command failed because the page it ran in was being left for another: Chromium's
/// driver answers "aborted by navigation", outside the standard's error codes.
fn left_by_navigation(err: &CmdError) -> bool {
    matches!(err, CmdError::NotW3C(serde_json::Value::String(text)) if text.contains("aborted by navigation"))
}
