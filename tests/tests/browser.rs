//! End-to-end: the real server serving the real Trunk build, driven in headless Chromium.

use fantoccini::Locator;
use roster_e2e::{Browser, Viewport, spawn_app};
use std::time::Duration;

/// How long the wasm app may take to load and render in a cold browser.
const RENDER: Duration = Duration::from_secs(20);

#[tokio::test]
async fn the_app_renders_its_start_page_in_chromium() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Desktop).await;
    let c = &browser.client;

    c.goto(&format!("{}/", app.base)).await.unwrap();
    let heading = c
        .wait()
        .at_most(RENDER)
        .for_element(Locator::Css("main h1"))
        .await
        .unwrap();
    assert_eq!(heading.text().await.unwrap(), "Roster");
    let status = c.find(Locator::Css("[role=status]")).await.unwrap();
    assert!(
        status.text().await.unwrap().contains("shell"),
        "the page says it is a shell"
    );
    assert_eq!(c.title().await.unwrap(), "Roster");

    browser.close().await;
}

#[tokio::test]
async fn a_deep_link_reloads_into_the_app_and_an_unknown_page_says_so() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Phone).await;
    let c = &browser.client;

    c.goto(&format!("{}/no/such/page", app.base)).await.unwrap();
    let heading = c
        .wait()
        .at_most(RENDER)
        .for_element(Locator::Css("main h1"))
        .await
        .unwrap();
    assert_eq!(heading.text().await.unwrap(), "Page not found");
    let back = c
        .find(Locator::LinkText("Go to the start page"))
        .await
        .unwrap();
    back.click().await.unwrap();
    let heading = c
        .wait()
        .at_most(RENDER)
        .for_element(Locator::XPath("//main//h1[text()='Roster']"))
        .await;
    assert!(heading.is_ok(), "following the link renders the start page");

    browser.close().await;
}
