//! End-to-end: the account's settings name the origins that may frame its pages and make its
//! portal keys, for its top administrators alone. Run in every engine (no portal in it).

use super::heading;
use fantoccini::Locator;
use roster_e2e::{Browser, TestApp, Viewport, spawn_app};
use std::time::{Duration, Instant};

#[tokio::test]
async fn top_administrators_name_the_origins_and_make_portal_keys_in_the_settings() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Desktop).await;
    browser.sign_in(&app, "admin@acme.test").await;
    heading(&browser, "Users").await;
    browser.open(&app, "/accounts/1/settings").await;
    browser
        .wait_for(Locator::XPath(
            "//h2[normalize-space(.)='Embedding in a portal']",
        ))
        .await;
    // The demo's portal, named by the seed.
    let origins = browser
        .field("Origins that may show these pages in a frame")
        .await;
    assert_eq!(
        origins.prop("value").await.unwrap().as_deref(),
        Some("http://localhost:8081")
    );
    // An origin that is not one is refused, and named.
    browser
        .fill(
            "Origins that may show these pages in a frame",
            "http://localhost:8081\u{E007}ftp://files.example",
        )
        .await;
    browser.click_button("Save origins").await;
    browser
        .wait_for(Locator::XPath(
            "//*[@id='embedding-origins-error' and contains(., 'ftp://files.example')]",
        ))
        .await;
    browser
        .fill(
            "Origins that may show these pages in a frame",
            "http://localhost:8081\u{E007}https://portal.acme.test",
        )
        .await;
    browser.click_button("Save origins").await;
    browser.wait_for_notice("Saved.").await;
    assert!(
        app_policy(&app, "/embed/accounts/1/users")
            .await
            .ends_with("frame-ancestors http://localhost:8081 https://portal.acme.test")
    );

    // A key, its secret shown once; then revoked.
    browser.fill("Name of the new key", "Intranet").await;
    browser.click_button("Create a key").await;
    // Found by its text, not read from an element the list may draw anew meanwhile.
    browser
        .wait_for(Locator::XPath(
            "//code[contains(@class,'secret') and starts-with(normalize-space(.),'rpk_')]",
        ))
        .await;
    let row = "//tr[td[normalize-space(.)='Intranet']]";
    browser.wait_for(Locator::XPath(row)).await;
    browser.screenshot("settings-embedding").await;
    // Found again if the list was drawn anew meanwhile (it is, once the keys reload).
    let revoke = Locator::Css("button[aria-label='Revoke Intranet']");
    let begun = Instant::now();
    while browser.wait_for(revoke).await.click().await.is_err() {
        assert!(begun.elapsed() < roster_e2e::RENDER, "cannot revoke");
    }
    let begun = Instant::now();
    while browser.client.find(Locator::XPath(row)).await.is_ok() {
        assert!(
            begun.elapsed() < roster_e2e::RENDER,
            "the key is still listed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser.close().await;

    // A delegated administrator, below the top levels, sees no such section.
    let delegate = Browser::start(Viewport::Desktop).await;
    delegate.sign_in(&app, "delegate@acme.test").await;
    heading(&delegate, "Users").await;
    delegate.open(&app, "/accounts/1/settings").await;
    heading(&delegate, "Account settings").await;
    delegate
        .wait_for(Locator::XPath(
            "//h2[normalize-space(.)='Seats, domains and invitations']",
        ))
        .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(
        delegate
            .client
            .find(Locator::XPath(
                "//h2[normalize-space(.)='Embedding in a portal']"
            ))
            .await
            .is_err()
    );
    delegate.close().await;
}

/// The `Content-Security-Policy` of the page at `path`, as the server sends it.
async fn app_policy(app: &TestApp, path: &str) -> String {
    let authority = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(authority).await.unwrap();
    let request = format!("HEAD {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n");
    tokio::io::AsyncWriteExt::write_all(&mut stream, request.as_bytes())
        .await
        .unwrap();
    let mut answer = String::new();
    tokio::io::AsyncReadExt::read_to_string(&mut stream, &mut answer)
        .await
        .unwrap();
    answer
        .lines()
        .find_map(|l| l.strip_prefix("content-security-policy: "))
        .unwrap_or_default()
        .to_owned()
}
