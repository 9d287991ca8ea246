//! End-to-end: the audit log reads in words. After an administrator moves someone to another
//! group and grants them a level, the log names the group and the level ("Group: Default →
//! Operations", "Records: B"), never the JSON it keeps them in, at desktop and phone widths; a
//! name in the log shows that person's entries, and the dates narrow them.

use fantoccini::Locator;
use fantoccini::elements::Element;
use roster_e2e::{Browser, Viewport, spawn_app};
use std::time::Duration;

const EMAIL: &str = "audit.person@acme.test";

/// Waits until the audit table shows a change line reading `line`.
async fn wait_for_line(browser: &Browser, line: &str) {
    browser
        .wait_for(Locator::XPath(&format!(
            "//table[@class='audit']//ul[@class='changes']/li[normalize-space(.)='{line}']"
        )))
        .await;
}

/// Waits until `element` has left the page, replaced by what the page shows next.
async fn wait_until_replaced(element: &Element, what: &str) {
    let mut replaced = false;
    for _ in 0..100 {
        replaced = element.is_enabled().await.is_err();
        if replaced {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(replaced, "{what}: still shown as before after 10 s");
}

/// Fails when the log shows a raw field name, JSON or an action without its label.
fn assert_in_words(text: &str) {
    for raw in [
        "{",
        "\"",
        "group_name",
        "authorities",
        "_at",
        "Other change",
    ] {
        assert!(!text.contains(raw), "the log shows {raw:?}: {text}");
    }
}

#[tokio::test]
async fn the_audit_log_names_groups_and_levels_in_words() {
    let app = spawn_app().await;
    let admin = Browser::start(Viewport::Desktop).await;
    admin.sign_in(&app, "admin@acme.test").await;
    admin.wait_for_heading("Users").await;

    // A new person, in the default group without levels; then moved and granted records B.
    admin.start_adding(EMAIL, "Aude", "Journal").await;
    admin.click_button("Save without inviting").await;
    admin.wait_for_heading("Aude Journal").await;
    admin.click_button("Edit").await;
    admin.choose("Group", "Operations").await;
    admin.click_button("Save changes").await;
    admin
        .wait_for(Locator::XPath("//dd[normalize-space(.)='Operations']"))
        .await;
    let records = admin.field("Authority (records)").await;
    records.select_by_value("B").await.unwrap();
    admin.click_button("Save role and authorities").await;
    // Saved once the page shows the user again, loaded afresh: the choice shows as made before.
    wait_until_replaced(&records, "the levels").await;

    admin.click_link("Audit log").await;
    admin.wait_for_heading("Audit log").await;
    wait_for_line(&admin, "Group: Default → Operations").await;
    wait_for_line(&admin, "Authorization levels: None → Records: B").await;
    let text = admin.lines("table.audit tbody tr").await;
    assert!(
        text.contains("Group: Default"),
        "the new user's group: {text}"
    );
    assert_in_words(&text);
    admin.assert_fits_width("the audit log").await;
    admin.screenshot("audit-words-desktop").await;
    let log = admin.client.current_url().await.unwrap();

    // Their name shows only their entries; a range of dates before they existed, none.
    let name = admin
        .wait_for(Locator::XPath(&format!(
            "(//table[@class='audit']/tbody/tr)[1]/td[4]/a[normalize-space(.)='{EMAIL}']"
        )))
        .await;
    admin.click(name, "the person's name").await;
    admin
        .wait_for(Locator::XPath(&format!(
            "//p[@class='person-filter']/strong[normalize-space(.)='Aude Journal ({EMAIL})']"
        )))
        .await;
    let url = admin.client.current_url().await.unwrap();
    assert!(url.query().unwrap_or_default().contains("person="), "{url}");
    wait_for_line(&admin, "Group: Default → Operations").await;
    let rows = admin
        .client
        .find_all(Locator::Css("table.audit tbody tr"))
        .await
        .unwrap();
    for row in &rows {
        assert!(row.text().await.unwrap().contains(EMAIL));
    }
    assert_eq!(rows.len(), 3, "added, moved, granted");
    admin
        .open(
            &app,
            &format!("{}?{}&to=2000-01-01", url.path(), url.query().unwrap()),
        )
        .await;
    let to = admin.field("To").await;
    assert_eq!(
        to.prop("value").await.unwrap().as_deref(),
        Some("2000-01-01")
    );
    admin.wait_for(Locator::Css("table.audit tbody")).await;
    assert_eq!(
        admin.lines("table.audit tbody tr").await,
        "No entries match these filters.\n"
    );
    admin.screenshot("audit-filtered-desktop").await;
    admin.close().await;

    let phone = Browser::start(Viewport::Phone).await;
    phone.sign_in(&app, "admin@acme.test").await;
    phone.wait_for_heading("Users").await;
    phone.open(&app, log.path()).await;
    phone.wait_for_heading("Audit log").await;
    wait_for_line(&phone, "Authorization levels: None → Records: B").await;
    assert_in_words(&phone.lines("table.audit tbody tr").await);
    phone.assert_fits_width("the audit log").await;
    phone.screenshot("audit-words-phone").await;
    phone.close().await;
}
