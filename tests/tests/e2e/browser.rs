//! End-to-end: the real server serving the real Trunk build, driven in headless Chromium the way
//! a person uses it: finding fields by their labels and buttons by their text.

use fantoccini::Locator;
use roster_e2e::{Browser, Viewport, spawn_app};

#[tokio::test]
async fn a_visitor_without_a_session_is_asked_to_sign_in() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Desktop).await;

    browser.open(&app, "/").await;

    browser.wait_for_heading("Sign in to Roster").await;
    assert_eq!(browser.client.title().await.unwrap(), "Roster");
    browser.close().await;
}

#[tokio::test]
async fn an_unknown_page_says_so() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Phone).await;

    browser.open(&app, "/no/such/page").await;

    browser.wait_for_heading("Page not found").await;
    browser
        .client
        .find(Locator::LinkText("Go to the start page"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.wait_for_heading("Sign in to Roster").await;
    browser.close().await;
}

#[tokio::test]
async fn a_wrong_password_is_explained_on_the_sign_in_page() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Phone).await;
    browser.open(&app, "/sign-in").await;

    browser.fill("Username or email", "admin@acme.test").await;
    browser.fill("Password", "wrong").await;
    browser.click_button("Sign in").await;

    let alert = browser.wait_for(Locator::Css("[role=alert]")).await;
    assert_eq!(
        alert.text().await.unwrap(),
        "The username or password is not right."
    );
    browser.close().await;
}
