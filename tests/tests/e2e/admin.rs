//! End-to-end: an administrator's day with users, in headless Chromium against the real server:
//! sign in, search, add a user after correcting an invalid field, edit, suspend, find it in the
//! audit log, and reload a deep link.

use fantoccini::Locator;
use roster_e2e::{Browser, Viewport, spawn_app};

#[tokio::test]
async fn an_admin_finds_adds_edits_and_suspends_a_user_and_sees_it_in_the_audit_log() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Desktop).await;
    let c = &browser.client;

    // Sign in: the users of Acme Records, with the seats panel.
    browser.sign_in(&app, "admin@acme.test").await;
    browser.wait_for_heading("Users").await;
    let seats = browser.wait_for(Locator::Css(".seats")).await;
    assert!(
        seats.text().await.unwrap().starts_with("Seats used: "),
        "the seats panel shows"
    );
    browser.wait_for(Locator::Css("table.users tbody tr")).await;
    browser.screenshot("users-desktop").await;

    // Search as you type, ignoring accents.
    browser.fill("Search", "helene").await;
    browser.wait_for_total("10 users").await;
    let names = c
        .find_all(Locator::Css("table.users tbody td:nth-child(2) a"))
        .await
        .unwrap();
    assert_eq!(names.len(), 10);
    for name in names {
        assert!(name.text().await.unwrap().starts_with("Hélène"));
    }

    // Add a user: the invalid email is flagged as typed, then corrected.
    browser
        .start_adding("new.person@acme", "Nouvelle", "Personne")
        .await;
    let error = browser.wait_for(Locator::Id("email-error")).await;
    assert_eq!(
        error.text().await.unwrap(),
        "The part after the @ is not a valid domain, like example.com."
    );
    browser.screenshot("add-user-desktop").await;
    browser.fill("Email", "new.person@acme.test").await;
    assert!(
        c.find(Locator::Id("email-error")).await.is_err(),
        "the error goes once the email is valid"
    );
    browser.click_button("Save without inviting").await;
    browser.wait_for_heading("Nouvelle Personne").await;
    let state = browser.wait_for(Locator::Css(".page-head .badge")).await;
    assert_eq!(state.text().await.unwrap(), "Not invited");

    // Edit the last name.
    browser.click_button("Edit").await;
    browser.fill("Last name", "Personnage").await;
    browser.click_button("Save changes").await;
    browser.wait_for_heading("Nouvelle Personnage").await;

    // A deep link survives a reload.
    let url = c.current_url().await.unwrap();
    c.refresh().await.unwrap();
    browser.wait_for_heading("Nouvelle Personnage").await;
    assert_eq!(c.current_url().await.unwrap(), url);

    // Suspend someone active from the list.
    browser
        .open(
            &app,
            &format!("{}/users", url.path().rsplit_once("/users/").unwrap().0),
        )
        .await;
    browser.fill("Search", "delegate").await;
    browser.wait_for_total("1 user").await;
    browser.click_link("Dee Delegate").await;
    browser.wait_for_heading("Dee Delegate").await;
    browser.click_button("Suspend").await;
    browser
        .wait_for(Locator::XPath(
            "//div[@class='page-head']/span[normalize-space(.)='Suspended']",
        ))
        .await;

    // The audit log shows both changes.
    browser.click_link("Audit log").await;
    browser.wait_for_heading("Audit log").await;
    browser
        .wait_for(Locator::XPath(
            "//table[@class='audit']//td[normalize-space(.)='User suspended']",
        ))
        .await;
    let text = browser.lines("table.audit tbody tr").await;
    assert!(
        text.contains("User suspended") && text.contains("State: Active → Suspended"),
        "{text}"
    );
    assert!(
        text.contains("User edited") && text.contains("Last name: Personne → Personnage"),
        "{text}"
    );
    assert!(
        text.contains("User added") && text.contains("Email: new.person@acme.test"),
        "{text}"
    );
    assert!(
        !text.contains("Phone: —"),
        "unchanged empty fields are not listed: {text}"
    );
    browser.screenshot("audit-desktop").await;
    browser.close().await;
}

#[tokio::test]
async fn the_users_page_works_at_phone_width() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Phone).await;

    browser.sign_in(&app, "delegate@acme.test").await;
    browser.wait_for_heading("Users").await;
    browser.wait_for(Locator::Css("table.users tbody tr")).await;

    browser.screenshot("users-phone").await;
    browser.assert_fits_width("the users page").await;

    // A user's page fits too.
    browser.click_link("Ada Admin").await;
    browser.wait_for_heading("Ada Admin").await;
    browser.screenshot("user-phone").await;
    browser.assert_fits_width("the user page").await;
    browser.close().await;
}

#[tokio::test]
async fn acting_on_several_users_reports_a_result_for_each() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Desktop).await;
    let c = &browser.client;
    browser.sign_in(&app, "admin@acme.test").await;
    browser.wait_for_heading("Users").await;
    browser.fill("Search", "nakamura").await;
    browser.wait_for_total("20 users").await;

    let boxes = c
        .find_all(Locator::Css("table.users tbody input[type=checkbox]"))
        .await
        .unwrap();
    for checkbox in boxes.iter().take(3) {
        checkbox.click().await.unwrap();
    }
    browser
        .wait_for(Locator::XPath(
            "//div[@class='bulk']/span[normalize-space(.)='3 selected']",
        ))
        .await;
    browser.click_button("Suspend").await;

    let results = browser.wait_for(Locator::Css("section.results ul")).await;
    let items = results.find_all(Locator::Css("li")).await.unwrap();
    assert_eq!(items.len(), 3, "one result per selected user");
    for item in items {
        let text = item.text().await.unwrap();
        assert!(
            text.ends_with(": Done")
                || text.ends_with(": This action is not available for a user in this state."),
            "{text}"
        );
    }
    browser.close().await;
}
