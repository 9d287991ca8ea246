//! End-to-end: pick lists offer only what the signed-in admin may grant, and a person in both
//! demo accounts picks one after signing in.

use fantoccini::Locator;
use roster_e2e::{Browser, Viewport, spawn_app};

/// The option texts of the select labelled `label`.
async fn options(browser: &Browser, label: &str) -> Vec<String> {
    let select = browser.field(label).await;
    let mut texts = Vec::new();
    for option in select.find_all(Locator::Css("option")).await.unwrap() {
        texts.push(option.text().await.unwrap());
    }
    texts
}

/// Searches for `query` and opens the first user found, once the list shows the search's
/// results (the first row's name holds `query`).
async fn open_first(browser: &Browser, query: &str) -> String {
    browser.fill("Search", query).await;
    let link = browser
        .wait_for(Locator::XPath(&format!(
            "(//table[contains(@class, 'users')]/tbody/tr)[1]/td[2]/a[contains(., '{query}')]"
        )))
        .await;
    let name = link.text().await.unwrap();
    link.click().await.unwrap();
    browser.wait_for_heading(&name).await;
    name
}

#[tokio::test]
async fn each_admin_is_offered_only_what_they_may_grant() {
    let app = spawn_app().await;
    let delegate = Browser::start(Viewport::Desktop).await;
    delegate.sign_in(&app, "delegate@acme.test").await;
    delegate.wait_for_heading("Users").await;
    let name = open_first(&delegate, "Dubois").await;
    assert_eq!(
        options(&delegate, "Authority (records)").await,
        ["None", "A", "B", "C"]
    );
    assert_eq!(
        options(&delegate, "Authority (interaction)").await,
        ["None"]
    );
    assert_eq!(options(&delegate, "Authority (dr)").await, ["None"]);
    delegate.screenshot("grants-delegate-desktop").await;
    delegate.close().await;

    let admin = Browser::start(Viewport::Phone).await;
    admin.open(&app, "/sign-in").await;
    admin.fill("Username or email", "admin@acme.test").await;
    admin.fill("Password", roster_e2e::PASSWORD).await;
    admin.click_button("Sign in").await;
    admin.wait_for_heading("Choose an account").await;
    let europe = admin
        .wait_for(Locator::XPath(
            "//ul[@class='choices']/li[contains(., 'Acme Europe')]",
        ))
        .await;
    assert_eq!(europe.text().await.unwrap(), "Acme Europe — User");
    admin.screenshot("choose-account-phone").await;
    admin.click_link("Acme Records").await;
    admin.wait_for_heading("Users").await;
    assert_eq!(open_first(&admin, &name).await, name);
    assert_eq!(
        options(&admin, "Authority (records)").await,
        ["None", "A", "B", "C", "D", "E"]
    );
    assert!(options(&admin, "Authority (dr)").await.len() > 1);
    let records = admin.field("Authority (records)").await;
    records
        .select_by_value("D")
        .await
        .unwrap_or_else(|e| panic!("choose D: {e}"));
    admin.click_button("Save role and authorities").await;
    // Saved and reloaded: the user now holds records D.
    admin
        .wait_for(Locator::XPath(
            "//select[@id='grant-records']/option[@value='D' and @selected]",
        ))
        .await;
    admin.screenshot("grants-admin-phone").await;

    // The settings page shows the seats and the policy to every admin.
    admin.click_link("Settings").await;
    admin.wait_for_heading("Account settings").await;
    let seats = admin.field("Licence seats bought").await;
    assert_eq!(seats.prop("value").await.unwrap().as_deref(), Some("25"));
    admin.screenshot("settings-phone").await;

    // A line that is not a domain is named, before anything is sent. (Lines typed with the Enter
    // key: WebKit's driver types no newline character.)
    admin
        .fill(
            "Approved email domains",
            "acme.eu\u{E007}\u{E007}ex*ample.com",
        )
        .await;
    admin.click_button("Save changes").await;
    let refused = admin.wait_for(Locator::Id("approved-domains-error")).await;
    assert_eq!(
        refused.text().await.unwrap(),
        "Line 3 (“ex*ample.com”): Write a domain like example.com, or *.example.com for all of its subdomains."
    );
    admin.screenshot("settings-refused-domain-phone").await;

    // Restricting the approved domains flags the people already outside them; nobody goes.
    admin.fill("Approved email domains", "acme.eu").await;
    admin.click_button("Save changes").await;
    admin.wait_for(Locator::Css("p.notice")).await;

    // Holding the top of every level, they may change the policy; the domain's rules check it
    // in the page first. Adding a level above theirs leaves them no longer able to change any
    // setting: the page then shows them read-only, and says why.
    admin.fill("Levels, lowest first (records)", "A, A").await;
    admin.click_button("Save changes").await;
    let alert = admin
        .wait_for(Locator::Css(
            "section[aria-labelledby='policy-title'] .alert",
        ))
        .await;
    assert_eq!(
        alert.text().await.unwrap(),
        "This authorization policy is not valid."
    );
    admin.screenshot("settings-policy-phone").await;
    admin
        .fill("Levels, lowest first (records)", "A, B, C, D, E, F")
        .await;
    admin.click_button("Save changes").await;
    admin
        .wait_for(Locator::XPath(
            "//p[normalize-space(.)='Only an administrator holding the top level of every authority can change these settings.']",
        ))
        .await;
    assert!(
        admin.client.find(Locator::Id("seats")).await.is_err(),
        "no field to change"
    );
    admin.screenshot("settings-read-only-phone").await;
    admin.click_link("Users").await;
    admin.wait_for_heading("Users").await;
    let flagged = admin
        .wait_for(Locator::XPath(
            "(//table[contains(@class, 'users')]/tbody/tr)[1]//span[normalize-space(.)='Outside approved domains']",
        ))
        .await;
    assert!(flagged.is_displayed().await.unwrap());
    admin.screenshot("users-outside-domains-phone").await;
    admin.assert_fits_width("the flag").await;

    // A new person's email outside them is refused, naming the domains approved.
    admin
        .start_adding("newcomer@acme.test", "New", "Comer")
        .await;
    admin.click_button("Save without inviting").await;
    let refused = admin.wait_for(Locator::Id("email-error")).await;
    assert_eq!(
        refused.text().await.unwrap(),
        "This email's domain is not one of the account's approved domains."
    );
    let approved = admin.wait_for(Locator::Id("email-domains")).await;
    assert_eq!(
        approved.text().await.unwrap(),
        "The account approves: acme.eu."
    );
    // Announced as it appears.
    assert_eq!(
        approved.attr("role").await.unwrap().as_deref(),
        Some("status")
    );
    admin.screenshot("add-user-domain-refused-phone").await;
    admin.close().await;
}
