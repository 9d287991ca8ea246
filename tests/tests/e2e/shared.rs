//! End-to-end: a person shared by two accounts, as the administrator of one of them sees them
//! (no person-wide action offered, and why), and an existing login added by email: "waiting for
//! the person to accept" until they accept from the emailed link on their phone.

use fantoccini::Locator;
use roster_e2e::{Browser, Viewport, mailed_link, spawn_app};

/// The buttons of a user page that change the person rather than their membership.
const PERSON_WIDE: [&str; 6] = [
    "Set a temporary password",
    "Suspend",
    "Deprovision",
    "Send invitation",
    "Delete for good",
    "Unlock",
];

#[tokio::test]
async fn an_administrator_of_another_account_changes_only_the_membership_and_asks_to_join() {
    let app = spawn_app().await;
    let eu = Browser::start(Viewport::Desktop).await;
    eu.sign_in(&app, "eu-admin@acme.test").await;
    eu.wait_for_heading("Users").await;

    // Ada administers Acme Records and is a plain user of Acme Europe.
    eu.fill("Search", "Ada Admin").await;
    eu.click_link("Ada Admin").await;
    eu.wait_for_heading("Ada Admin").await;
    let note = eu
        .wait_for(Locator::XPath(
            "//p[@role='note' and contains(., 'also belongs to accounts where you may not manage them')]",
        ))
        .await;
    assert!(note.is_displayed().await.unwrap());
    let offered = eu
        .client
        .find_all(Locator::Css(
            "section[aria-labelledby='actions-title'] button",
        ))
        .await
        .unwrap();
    let mut labels = Vec::new();
    for button in offered {
        labels.push(button.text().await.unwrap());
    }
    for action in PERSON_WIDE {
        assert!(
            !labels.iter().any(|l| l == action),
            "{action} offered: {labels:?}"
        );
    }
    // The membership stays theirs to change: the edit form has only the group.
    eu.click_button("Edit").await;
    eu.wait_for(Locator::Id("edit-group")).await;
    assert!(
        eu.client.find(Locator::Id("email")).await.is_err(),
        "no profile fields"
    );
    eu.screenshot("shared-person-desktop").await;
    let page = eu.client.current_url().await.unwrap();
    let phone = Browser::start(Viewport::Phone).await;
    phone.sign_in(&app, "eu-admin@acme.test").await;
    phone.wait_for_heading("Users").await;
    phone.open(&app, page.path()).await;
    phone.wait_for_heading("Ada Admin").await;
    phone.wait_for(Locator::XPath("//p[@role='note']")).await;
    phone.screenshot("shared-person-phone").await;

    // Dee has a login in Acme Records only, which Eva does not administer: asked, not added.
    let waiting = crate::me::ask_dee_to_join(&eu).await;
    assert!(waiting.text().await.unwrap().contains("delegate@acme.test"));
    eu.screenshot("join-requested-desktop").await;
    eu.click_link("See every request waiting").await;
    eu.wait_for_heading("Invitations").await;
    eu.wait_for(Locator::XPath(
        "//section[h2[normalize-space(.)='Waiting for the person to accept']]//td[normalize-space(.)='delegate@acme.test']",
    ))
    .await;
    eu.screenshot("join-requests-desktop").await;
    let invitations = eu.client.current_url().await.unwrap();
    phone.open(&app, invitations.path()).await;
    phone
        .wait_for(Locator::XPath(
            "//td[normalize-space(.)='delegate@acme.test']",
        ))
        .await;
    phone.screenshot("join-requests-phone").await;
    phone.assert_fits_width("the join requests page").await;
    phone.close().await;

    // Dee, on a phone, follows the link from her own mailbox and accepts.
    let dee = Browser::start(Viewport::Phone).await;
    dee.sign_in(&app, "delegate@acme.test").await;
    dee.wait_for_heading("Users").await;
    dee.open(&app, "/mailbox").await;
    dee.wait_for_heading("Mailbox").await;
    let email = dee
        .wait_for(Locator::XPath(
            "//article[.//h2[normalize-space(.)='Acme Europe asks you to join it']]",
        ))
        .await;
    let link = mailed_link(&email, "join").await;
    // Looked at on a desktop too (checking the link does not use it up).
    let desk = Browser::start(Viewport::Desktop).await;
    desk.client.goto(&link).await.unwrap();
    desk.wait_for_heading("Join an account").await;
    desk.click_button("Continue").await;
    desk.wait_for(Locator::XPath("//button[normalize-space(.)='Accept']"))
        .await;
    desk.screenshot("join-desktop").await;
    desk.close().await;
    dee.client.goto(&link).await.unwrap();
    dee.wait_for_heading("Join an account").await;
    dee.click_button("Continue").await;
    dee.wait_for(Locator::XPath(
        "//p[strong[normalize-space(.)='Acme Europe'] and contains(., 'asks you to join it')]",
    ))
    .await;
    dee.screenshot("join-phone").await;
    dee.click_button("Accept").await;
    dee.wait_for(Locator::XPath(
        "//p[@role='status' and contains(., 'You are now a member of') and contains(., 'Acme Europe')]",
    ))
    .await;
    dee.screenshot("join-accepted-phone").await;
    dee.close().await;

    // Now she appears among Acme Europe's users, shared with Acme Records.
    eu.click_link("Users").await;
    eu.wait_for_heading("Users").await;
    eu.fill("Search", "Dee Delegate").await;
    eu.click_link("Dee Delegate").await;
    eu.wait_for_heading("Dee Delegate").await;
    eu.wait_for(Locator::XPath("//p[@role='note']")).await;
    eu.close().await;
}
