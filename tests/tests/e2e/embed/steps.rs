//! The steps the portal's tests share: the demo and its sample portal, the frame, the portal's
//! events.

use fantoccini::Locator;
use roster_e2e::{Browser, PASSWORD, TestApp, Viewport, spawn_app};
use roster_server::demo::portal_secret;
use roster_server::demo_portal::{PortalConfig, serve};
use serde_json::json;
use std::time::{Duration, Instant};

/// Whether the frame entered holds a page of Roster (its bundle's script), rather than the page
/// the browser shows for a frame refused.
pub(super) const ROSTER_LOADED: &str =
    "return !!document.querySelector('link[href*=\"roster-\"], script[src*=\"roster-\"]');";

/// Starts the sample portal on a free port for `app`; its origin, `http://localhost:PORT`.
pub(super) async fn start_portal(app: &TestApp) -> (String, u16) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = PortalConfig::demo(addr, app.base.clone(), portal_secret(PASSWORD));
    let origin = config.origin.clone();
    tokio::spawn(serve(listener, config));
    (origin, addr.port())
}

/// Signs in as the demo's administrator and lets `origin` frame Acme Records, through the API as
/// the settings page would.
pub(super) async fn allow_origin(browser: &Browser, app: &TestApp, origin: &str) {
    browser.sign_in(app, "admin@acme.test").await;
    heading(browser, "Users").await;
    let status = patch_current(
        browser,
        "/api/v1/accounts/1",
        json!({ "embedding_origins": [origin] }),
    )
    .await;
    assert_eq!(status, json!(200), "setting the embedding origins");
}

/// Changes the resource at `path` with `body` as its page does, from the page in `browser`: a
/// `GET` for its ETag, then a `PATCH` with `If-Match`, by the browser's own session; the status.
pub(super) async fn patch_current(
    browser: &Browser,
    path: &str,
    body: serde_json::Value,
) -> serde_json::Value {
    browser
        .client
        .execute_async(
            "const [path, body, done] = arguments;
             fetch(path).then(r => fetch(path, { method: 'PATCH',
                 headers: { 'Content-Type': 'application/json',
                            'If-Match': r.headers.get('etag') },
                 body: JSON.stringify(body) }))
             .then(r => done(r.status), e => done(String(e)));",
            vec![json!(path), body],
        )
        .await
        .unwrap()
}

/// The demo and the sample portal, whose origin Acme Records' administrator allows in a
/// `viewport` browser; then that browser opens the portal (back on the portal's page, its frame
/// at `users` when `at_users`). The app, the portal's origin, the browser.
pub(super) async fn open_portal(viewport: Viewport, at_users: bool) -> (TestApp, String, Browser) {
    let app = spawn_app().await;
    let (origin, _) = start_portal(&app).await;
    let browser = Browser::start(viewport).await;
    allow_origin(&browser, &app, &origin).await;
    browser.client.goto(&format!("{origin}/")).await.unwrap();
    if at_users {
        frame_at(&browser, "users").await;
        heading(&browser, "Users").await;
        browser.client.enter_parent_frame().await.unwrap();
    }
    (app, origin, browser)
}

/// Waits for the page's heading to read `text` (the pages' own checks, axe's among them, are
/// their own tests').
pub(super) async fn heading(browser: &Browser, text: &str) {
    browser
        .wait_for(Locator::XPath(&format!(
            "//main//h1[normalize-space(.)='{text}']"
        )))
        .await;
}

/// Evaluates `script` (which returns a value) in the current frame.
pub(super) async fn eval(browser: &Browser, script: &str) -> serde_json::Value {
    browser.client.execute(script, vec![]).await.unwrap()
}

/// Waits until the portal's list of events holds a line starting with `start`.
pub(super) async fn wait_for_event(browser: &Browser, start: &str) -> String {
    let begun = Instant::now();
    loop {
        let lines = eval(
            browser,
            "return [...document.querySelectorAll('#events li')].map(li => li.textContent);",
        )
        .await;
        if let Some(line) = lines
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|l| l.as_str())
            .find(|l| l.starts_with(start))
        {
            return line.to_owned();
        }
        assert!(
            begun.elapsed() < roster_e2e::RENDER,
            "no event {start:?} among {lines}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Opens `address` in a new window of `browser`, and switches to it; its handle.
pub(super) async fn new_window(browser: &Browser, address: &str) -> fantoccini::wd::WindowHandle {
    let before = browser.client.windows().await.unwrap();
    browser.client.new_window(true).await.unwrap();
    let window = browser
        .client
        .windows()
        .await
        .unwrap()
        .into_iter()
        .find(|w| !before.contains(w))
        .unwrap();
    browser
        .client
        .switch_to_window(window.clone())
        .await
        .unwrap();
    browser.client.goto(address).await.unwrap();
    window
}

/// The frame's height in the portal, and its content's height inside it, once they agree (the
/// portal follows the `resize` messages).
pub(super) async fn heights_agree(browser: &Browser) -> f64 {
    let begun = Instant::now();
    loop {
        browser.client.enter_parent_frame().await.unwrap();
        let outer = eval(
            browser,
            "return document.querySelector('#roster iframe').getBoundingClientRect().height;",
        )
        .await
        .as_f64()
        .unwrap();
        browser.client.enter_frame(0).await.unwrap();
        let inner = eval(
            browser,
            "return Math.ceil(document.documentElement.getBoundingClientRect().height);",
        )
        .await
        .as_f64()
        .unwrap();
        if (outer - inner).abs() <= 1.0 && outer > 100.0 {
            return outer;
        }
        assert!(
            begun.elapsed() < roster_e2e::RENDER,
            "the frame is {outer} px high, its content {inner} px"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the portal's frame shows the page `page` (its address ends with it): the frame
/// the portal mounted last, not the one it just took away.
pub(super) async fn frame_at(browser: &Browser, page: &str) {
    let begun = Instant::now();
    loop {
        let src = eval(
            browser,
            "const f = document.querySelector('#roster iframe'); return f ? f.src : '';",
        )
        .await;
        if src
            .as_str()
            .is_some_and(|s| s.ends_with(&format!("/{page}")))
        {
            break;
        }
        assert!(
            begun.elapsed() < roster_e2e::RENDER,
            "the frame is at {src}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser.client.enter_frame(0).await.unwrap();
}

/// Chooses who is signed in to the portal (its own select, by its login).
pub(super) async fn portal_person(browser: &Browser, login: &str) {
    browser
        .client
        .find(Locator::Id("person"))
        .await
        .unwrap()
        .select_by_value(login)
        .await
        .unwrap();
}
