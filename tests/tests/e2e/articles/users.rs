//! End-to-end: articles 003 "How to add a new user" and 004 "Modifying client users".

use super::{make_ada_admin_of_europe, value_of};
use fantoccini::Locator;
use roster_e2e::{Browser, Viewport, mailed_link, spawn_app};

/// 003 "How to add a new user": names, a temporary password, authorization levels, contact
/// details, and the accounts the user will have access to ("select all"); a confirmation.
#[tokio::test]
async fn article_003_an_administrator_of_two_accounts_adds_a_user_to_both() {
    let app = spawn_app().await;
    make_ada_admin_of_europe(&app).await;

    let ada = Browser::start(Viewport::Desktop).await;
    ada.sign_in(&app, "admin@acme.test").await;
    ada.wait_for_heading("Users").await;
    ada.start_adding("sam.seats@acme.test", "Sam", "Seats")
        .await;
    ada.fill("Phone (with country code)", "+1 (555) 010-0199 ext. 12")
        .await;
    ada.field("Authority (records)")
        .await
        .select_by_value("B")
        .await
        .unwrap_or_else(|e| panic!("choose B: {e}"));
    ada.click(
        ada.wait_for(Locator::XPath(
            "//fieldset[legend[normalize-space(.)='Also add to these accounts']]//label[normalize-space(.)='Select all accounts']/input",
        ))
        .await,
        "Select all accounts",
    )
    .await;
    ada.screenshot("article-003-add-desktop").await;
    ada.click_button("Save and set a temporary password").await;

    // The confirmation: added, the password to give them, and a result for the other account.
    ada.wait_for_heading("Sam Seats").await;
    ada.wait_for_notice("User added.").await;
    let password = ada.wait_for(Locator::Css("code.secret")).await;
    assert!(password.text().await.unwrap().len() >= 12);
    let results = ada
        .wait_for(Locator::XPath(
            "//section[@aria-labelledby='memberships-title']//*[@role='status']//ul",
        ))
        .await;
    assert_eq!(results.text().await.unwrap(), "Acme Europe: Done");
    assert_eq!(value_of(&ada, "Authority (records)").await, "B");
    ada.wait_for(Locator::XPath(
        "//dl[@class='profile']/dd[normalize-space(.)='+15550100199 ext. 12']",
    ))
    .await;
    ada.wait_for(Locator::XPath(
        "//section[@aria-labelledby='memberships-title']//label[contains(., 'Acme Europe — User')]",
    ))
    .await;
    ada.screenshot("article-003-added-desktop").await;
    ada.close().await;

    // The form on a phone.
    let phone = Browser::start(Viewport::Phone).await;
    phone.sign_in(&app, "admin@acme.test").await;
    phone.wait_for_heading("Users").await;
    phone.click_button_or_link("Add user").await;
    phone.wait_for_heading("Add a user").await;
    phone.wait_for(Locator::Id("grant-records")).await;
    phone.assert_fits_width("Add a user").await;
    phone.screenshot("article-003-add-phone").await;
    phone.close().await;
}

/// 004 "Modifying client users": before activation, correct a mistyped email (the username,
/// "Same as username", follows it), the language and the identity provider; clear "Same as
/// username" to keep a username apart from the email; resend the activation email.
#[tokio::test]
async fn article_004_a_mistyped_email_is_corrected_before_activation() {
    let app = spawn_app().await;
    let admin = Browser::start(Viewport::Desktop).await;
    admin.sign_in(&app, "admin@acme.test").await;
    admin.wait_for_heading("Users").await;
    admin
        .start_adding("tom.tpyo@acme.test", "Tom", "Typo")
        .await;
    // Exchange ActiveSync asks for both or neither: refused as typed, before anything is sent.
    admin.fill("Exchange domain", "ACME").await;
    admin.click_button("Save and send invitation").await;
    let missing = admin.wait_for(Locator::Id("exchange_username-error")).await;
    assert_eq!(
        missing.text().await.unwrap(),
        "Give both the Exchange domain and the Exchange username, or neither."
    );
    admin.fill("Exchange username", "tom").await;
    admin.click_button("Save and send invitation").await;
    admin.wait_for_heading("Tom Typo").await;
    admin
        .wait_for_notice("User added, and the invitation sent.")
        .await;

    // Edit details: the email, the language; "Same as username" stays ticked.
    admin.click_button("Edit").await;
    admin.wait_for(Locator::Id("same-as-email")).await;
    assert!(
        admin.client.find(Locator::Id("username")).await.is_err(),
        "no username field before activation"
    );
    admin.fill("Email", "tom.typo@acme.test").await;
    admin
        .field("Language")
        .await
        .select_by_value("fr")
        .await
        .unwrap_or_else(|e| panic!("choose French: {e}"));
    admin.screenshot("article-004-edit-desktop").await;
    admin.click_button("Save changes").await;
    admin.wait_for_notice("Saved.").await;
    admin
        .wait_for(Locator::XPath(
            "//dl[@class='profile' and dd[normalize-space(.)='tom.typo@acme.test'][1] and dd[normalize-space(.)='French'] and dd[normalize-space(.)='ACME\\tom']]",
        ))
        .await;
    let profile = admin
        .wait_for(Locator::XPath("//dl[@class='profile']"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!profile.contains("tom.tpyo"), "{profile}");

    // Resent, the activation link names the corrected username.
    admin.click_button("Resend invitation").await;
    admin.wait_for_notice("Invitation sent.").await;
    admin.click_link("Mailbox").await;
    admin.wait_for_heading("Mailbox").await;
    let email = admin
        .wait_for(Locator::XPath(
            "(//article[contains(., 'tom.typo@acme.test') and .//a[contains(@href, '/activate#token=')]])[1]",
        ))
        .await;
    let link = mailed_link(&email, "activate").await;
    let phone = Browser::start(Viewport::Phone).await;
    phone.client.goto(&link).await.unwrap();
    phone.wait_for_heading("Activate your account").await;
    phone.click_button("Continue").await;
    phone
        .wait_for(Locator::XPath(
            "//dd[normalize-space(.)='tom.typo@acme.test']",
        ))
        .await;
    phone.screenshot("article-004-activate-phone").await;
    phone.close().await;

    // "Same as username" cleared: a new email, the username kept.
    admin.client.back().await.unwrap();
    admin.wait_for_heading("Tom Typo").await;
    admin.click_button("Edit").await;
    admin
        .click(
            admin.wait_for(Locator::Id("same-as-email")).await,
            "Same as username",
        )
        .await;
    admin.fill("Email", "t.typo@acme.test").await;
    admin.click_button("Save changes").await;
    admin.wait_for_notice("Saved.").await;
    admin
        .wait_for(Locator::XPath(
            "//dl[@class='profile' and dd[normalize-space(.)='tom.typo@acme.test'] and dd[normalize-space(.)='t.typo@acme.test']]",
        ))
        .await;
    admin.close().await;
}
