//! End-to-end: an invitation followed from the local mailbox and activated on a phone, and a
//! first sign-in with a temporary password that must be changed.

use fantoccini::Locator;
use roster_e2e::{Browser, Viewport, mailed_link, spawn_app};

/// Adds a user through the Add-user page and opens their page.
async fn add_user(browser: &Browser, email: &str, first: &str, last: &str) {
    browser.start_adding(email, first, last).await;
    browser.click_button("Save without inviting").await;
    browser.wait_for_heading(&format!("{first} {last}")).await;
}

#[tokio::test]
async fn an_invited_user_activates_from_the_mailed_link_on_a_phone_and_signs_in() {
    let app = spawn_app().await;
    let admin = Browser::start(Viewport::Desktop).await;
    admin.sign_in(&app, "admin@acme.test").await;
    admin.wait_for_heading("Users").await;
    add_user(&admin, "ivy.invitee@acme.test", "Ivy", "Invitee").await;
    admin.click_button("Send invitation").await;
    // Waited for by their text: the page reloads the user after the invitation, so an element
    // found before that may be gone by the time it is read.
    admin
        .wait_for(Locator::XPath(
            "//p[contains(@class, 'notice') and normalize-space(.)='Invitation sent.']",
        ))
        .await;
    admin
        .wait_for(Locator::XPath(
            "//div[contains(@class, 'page-head')]//*[contains(@class, 'badge') and normalize-space(.)='Waiting for activation']",
        ))
        .await;

    // The Invitations page lists it as pending, beside the demo's expired ones.
    admin.click_link("Invitations").await;
    admin.wait_for_heading("Invitations").await;
    let row = admin
        .wait_for(Locator::XPath("//tr[td[normalize-space(.)='Ivy Invitee']]"))
        .await;
    assert!(row.text().await.unwrap().contains("Pending"));
    admin
        .wait_for(Locator::XPath(
            "//td[span[normalize-space(.)='Invitation expired']]",
        ))
        .await;
    admin.screenshot("invitations-desktop").await;

    // The mailbox shows the email and its link.
    admin.click_link("Mailbox").await;
    admin.wait_for_heading("Mailbox").await;
    let email = admin
        .wait_for(Locator::XPath(
            "//article[.//h2[normalize-space(.)='Activate your Acme Records account'] and contains(., 'ivy.invitee@acme.test')]",
        ))
        .await;
    let link = mailed_link(&email, "activate").await;
    assert!(
        link.starts_with(&format!("{}/activate#token=", app.base)),
        "{link}"
    );
    admin.screenshot("mailbox-desktop").await;

    // On a phone: a click first, then the password under the group's rule.
    let phone = Browser::start(Viewport::Phone).await;
    phone.client.goto(&link).await.unwrap();
    phone.wait_for_heading("Activate your account").await;
    assert!(
        !phone
            .client
            .current_url()
            .await
            .unwrap()
            .as_str()
            .contains("token"),
        "the token leaves the address bar"
    );
    phone.click_button("Continue").await;
    phone.fill("New password", "short").await;
    let error = phone.wait_for(Locator::Id("new-password-error")).await;
    assert_eq!(
        error.text().await.unwrap(),
        "This password is shorter than your group's minimum length."
    );
    phone.fill("New password", "ivy's own passphrase").await;
    phone
        .fill("New password again", "ivy's own passphrase")
        .await;
    phone
        .fill("Challenge question (optional)", "First pet?")
        .await;
    phone.fill("Answer to the challenge question", "Rex").await;
    phone.screenshot("activate-phone").await;
    phone.click_button("Activate my account").await;
    phone.wait_for_heading("My details").await;

    // The same link no longer works; the new user signs in with their password.
    phone.client.goto(&link).await.unwrap();
    phone.click_button("Continue").await;
    phone.wait_for_heading("This link no longer works").await;
    phone.screenshot("activate-used-link-phone").await;
    phone.close().await;
    let ivy = Browser::start(Viewport::Phone).await;
    ivy.sign_in_with(&app, "ivy.invitee@acme.test", "ivy's own passphrase")
        .await;
    ivy.wait_for_heading("My details").await;
    ivy.close().await;
    admin.close().await;
}

#[tokio::test]
async fn a_temporary_password_must_be_changed_at_first_sign_in() {
    let app = spawn_app().await;
    let admin = Browser::start(Viewport::Desktop).await;
    admin.sign_in(&app, "admin@acme.test").await;
    admin.wait_for_heading("Users").await;
    add_user(&admin, "tom.temp@acme.test", "Tom", "Temp").await;
    admin.click_button("Set a temporary password").await;
    admin.wait_for(Locator::Css("code.secret")).await;
    // Read where it is now: the page may draw it again once more as the answer settles (Firefox
    // then holds the first element stale).
    let temporary = admin
        .client
        .execute(
            "return document.querySelector('code.secret').textContent;",
            vec![],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    assert!(temporary.len() >= 16, "{temporary}");
    admin.screenshot("temporary-password-desktop").await;

    let tom = Browser::start(Viewport::Phone).await;
    tom.sign_in_with(&app, "tom.temp@acme.test", &temporary)
        .await;
    tom.wait_for_heading("Choose a new password").await;
    tom.wait_for(Locator::XPath(
        "//p[@class='lead' and starts-with(normalize-space(.), 'You signed in with a temporary password')]",
    ))
    .await;
    tom.fill("Current password", &temporary).await;
    tom.fill("New password", &temporary).await;
    tom.fill("New password again", &temporary).await;
    tom.click_button("Change password").await;
    let error = tom.wait_for(Locator::Id("new-password-error")).await;
    assert_eq!(
        error.text().await.unwrap(),
        "Choose a password different from your current one."
    );
    tom.fill("New password", "tom's chosen passphrase").await;
    tom.fill("New password again", "tom's chosen passphrase")
        .await;
    tom.screenshot("change-password-phone").await;
    tom.click_button("Change password").await;
    tom.wait_for_heading("My details").await;
    tom.close().await;
    admin.close().await;
}
