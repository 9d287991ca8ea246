//! End-to-end: every action says what it did. A person added, their role saved, deprovisioned
//! (then no edit form offered in vain, and why), deleted for good (said on the list it returns
//! to); adding someone to several accounts, a result for each that outlives the reload; the
//! change-password page states the group's own minimum.

use fantoccini::Locator;
use roster_e2e::{Browser, Viewport, spawn_app};

#[tokio::test]
async fn each_action_on_a_person_says_what_it_did() {
    let app = spawn_app().await;
    let admin = Browser::start(Viewport::Desktop).await;
    admin.sign_in(&app, "admin@acme.test").await;
    admin.wait_for_heading("Users").await;

    admin
        .start_adding("nia.notice@acme.test", "Nia", "Notice")
        .await;
    admin.click_button("Save without inviting").await;
    admin.wait_for_heading("Nia Notice").await;
    admin.wait_for_notice("User added.").await;
    admin.screenshot("user-added-desktop").await;

    let records = admin.field("Authority (records)").await;
    records
        .select_by_value("B")
        .await
        .unwrap_or_else(|e| panic!("choose B: {e}"));
    admin.click_button("Save role and authorities").await;
    admin
        .wait_for_notice("Role and authorization levels saved.")
        .await;

    // Removed: the form would only be refused, so it is not offered, and the page says why.
    admin.click_button("Deprovision").await;
    admin
        .wait_for(Locator::XPath(
            "//section[@aria-labelledby='actions-title']/p[normalize-space(.)='A removed user cannot be edited. Restore the user first.']",
        ))
        .await;
    assert!(
        admin
            .client
            .find(Locator::XPath("//button[normalize-space(.)='Edit']"))
            .await
            .is_err(),
        "no Edit button"
    );
    admin.screenshot("user-removed-desktop").await;
    admin.click_button("Restore").await;
    admin
        .wait_for(Locator::XPath(
            "//div[contains(@class, 'page-head')]//*[contains(@class, 'badge') and normalize-space(.)='Not invited']",
        ))
        .await;
    // One notice at a time: the last action's.
    let notices = admin
        .client
        .find_all(Locator::Css("main p.notice"))
        .await
        .unwrap();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].text().await.unwrap(), "Done");

    // Deleted for good, after the browser's confirmation: the list says so.
    admin
        .client
        .execute("window.confirm = () => true;", vec![])
        .await
        .unwrap();
    admin.click_button("Delete for good").await;
    admin.wait_for_heading("Users").await;
    admin.wait_for_notice("User deleted for good.").await;
    admin.screenshot("user-deleted-desktop").await;
    admin.close().await;
}

#[tokio::test]
async fn adding_a_person_to_several_accounts_shows_a_result_for_each() {
    let app = spawn_app().await;
    crate::articles::make_ada_admin_of_europe(&app).await;

    // Ada adds Dee, of Acme Records, to both of her accounts at once, on a phone.
    let ada = Browser::start(Viewport::Phone).await;
    ada.sign_in(&app, "admin@acme.test").await;
    ada.wait_for_heading("Users").await;
    ada.fill("Search", "Dee Delegate").await;
    ada.click_link("Dee Delegate").await;
    ada.wait_for_heading("Dee Delegate").await;
    ada.click(
        ada.wait_for(Locator::XPath(
            "//label[normalize-space(.)='Select all accounts']/input",
        ))
        .await,
        "Select all accounts",
    )
    .await;
    ada.click_button("Add to the selected accounts").await;
    // Reloaded, the person is a member of both; one line per account is still there.
    ada.wait_for(Locator::XPath(
        "//section[@aria-labelledby='memberships-title']//label[contains(., 'Acme Europe — User')]",
    ))
    .await;
    let results = ada
        .wait_for(Locator::XPath(
            "//section[@aria-labelledby='memberships-title']//*[@role='status']//ul",
        ))
        .await;
    let text = results.text().await.unwrap();
    assert!(
        text.contains("Acme Europe: Done") && text.contains("Acme Records:"),
        "{text}"
    );
    ada.assert_fits_width("the accounts' results").await;
    ada.screenshot("memberships-results-phone").await;

    // The change-password page says the minimum of Ada's groups, 12, not the least of all.
    ada.open(&app, "/change-password").await;
    ada.wait_for(Locator::XPath(
        "//p[@class='hint' and normalize-space(.)='Minimum length in characters: 12']",
    ))
    .await;
    ada.close().await;
}
