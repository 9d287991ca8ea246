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
    assert_eq!(browser.client.title().await.unwrap(), "Sign in · Roster");
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
    browser.screenshot("sign-in-phone").await;
    browser.close().await;
}

/// An administration page opened without a session sends to sign-in, which is the people's
/// bundle, with the page to come back to; signing in comes back to it, in the administration
/// bundle. Each step is a full page load into another bundle.
#[tokio::test]
async fn a_page_opened_signed_out_is_shown_after_signing_in() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Phone).await;
    // Acme Records, the demo's first account.
    browser.open(&app, "/accounts/1/invitations").await;

    browser.wait_for_heading("Sign in to Roster").await;
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(
        (url.path(), url.query()),
        ("/sign-in", Some("next=/accounts/1/invitations"))
    );
    browser
        .fill("Username or email", "delegate@acme.test")
        .await;
    browser.fill("Password", roster_e2e::PASSWORD).await;
    browser.click_button("Sign in").await;

    browser.wait_for_heading("Invitations").await;
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(url.path(), "/accounts/1/invitations");
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

#[tokio::test]
async fn a_script_slipped_into_a_page_is_blocked_by_its_policy_and_reported() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Desktop).await;
    browser.open(&app, "/").await;
    browser.wait_for_heading("Sign in to Roster").await;

    // What an injection would do: an inline script, and an inline style attribute.
    browser
        .client
        .execute(
            "const s = document.createElement('script');
             s.textContent = 'window.__ran = true';
             document.body.appendChild(s);
             document.body.setAttribute('style', 'background: red');",
            vec![],
        )
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    let ran = browser
        .client
        .execute("return window.__ran === true;", vec![])
        .await
        .unwrap();
    assert_eq!(ran, false, "the inline script ran");
    let seen = browser
        .client
        .execute(
            "const v = window.__violations; window.__violations = []; return v;",
            vec![],
        )
        .await
        .unwrap();
    let seen = format!("{seen}");
    assert!(seen.contains("script-src"), "{seen}");
    assert!(seen.contains("style-src"), "{seen}");
    browser.close().await;
}

#[tokio::test]
async fn a_password_made_of_ones_own_name_is_refused_before_it_is_sent() {
    let app = spawn_app().await;
    for (viewport, name) in [
        (Viewport::Desktop, "password-personal-desktop"),
        (Viewport::Phone, "password-personal-phone"),
    ] {
        let browser = Browser::start(viewport).await;
        browser.sign_in(&app, "delegate@acme.test").await;
        browser.wait_for_heading("Users").await;
        browser.open(&app, "/change-password").await;
        browser.wait_for_heading("Choose a new password").await;
        // Changing it by choice, not after a temporary one.
        browser
            .wait_for(Locator::XPath(
                "//p[@class='lead' and starts-with(normalize-space(.), 'Give your current password')]",
            ))
            .await;

        browser.fill("New password", "Delegate@acme.test").await;

        browser
            .wait_for(Locator::XPath(
                "//*[contains(text(), 'A password cannot be your username')]",
            ))
            .await;
        browser.screenshot(name).await;
        browser.close().await;
    }
}
