//! End-to-end: what axe cannot see, checked as a keyboard and screen-reader user meets it: each
//! page names itself, the account and the product in its title; the skip link, a refused form
//! (with a summary or without) and Edit move the keyboard's focus where the person needs it; at
//! phone width the navigation's focus ring shows whole and the invitations keep their email in
//! sight. Every page reached is
//! also checked by axe and for its width, at both widths (`Browser::check_page`).

use fantoccini::Locator;
use fantoccini::key::Key;
use roster_e2e::{Browser, Viewport, spawn_app};

/// The administration pages of Acme Records (the demo's first account): the path, its heading,
/// and the title it gives the document.
const ACCOUNT_PAGES: [(&str, &str, &str); 6] = [
    ("users", "Users", "Users · Acme Records · Roster"),
    (
        "users/new",
        "Add a user",
        "Add a user · Acme Records · Roster",
    ),
    (
        "invitations",
        "Invitations",
        "Invitations · Acme Records · Roster",
    ),
    ("groups", "Groups", "Groups · Acme Records · Roster"),
    ("audit", "Audit log", "Audit log · Acme Records · Roster"),
    (
        "settings",
        "Account settings",
        "Account settings · Acme Records · Roster",
    ),
];

#[tokio::test]
async fn every_page_names_itself_the_account_and_the_product_at_both_widths() {
    let app = spawn_app().await;
    for (viewport, width) in [(Viewport::Desktop, "desktop"), (Viewport::Phone, "phone")] {
        let browser = Browser::start(viewport).await;
        browser.open(&app, "/sign-in").await;
        browser.wait_for_heading("Sign in to Roster").await;
        browser.wait_for_title("Sign in · Roster").await;
        browser.open(&app, "/forgot-password").await;
        browser.wait_for_heading("Reset your password").await;
        browser.wait_for_title("Reset your password · Roster").await;

        browser.sign_in(&app, "admin@acme.test").await;
        for (page, heading, title) in ACCOUNT_PAGES {
            browser.open(&app, &format!("/accounts/1/{page}")).await;
            browser.wait_for_heading(heading).await;
            browser.wait_for_title(title).await;
        }
        // A person's page is named by the person.
        browser.open(&app, "/accounts/1/users").await;
        browser.wait_for_heading("Users").await;
        browser.fill("Search", "Uma User").await;
        browser.click_link("Uma User").await;
        browser.wait_for_heading("Uma User").await;
        browser
            .wait_for_title("Uma User · Acme Records · Roster")
            .await;
        browser.screenshot(&format!("user-page-{width}")).await;
        // The pages of no account.
        browser.open(&app, "/mailbox").await;
        browser.wait_for_heading("Mailbox").await;
        browser.wait_for_title("Mailbox · Roster").await;
        browser.open(&app, "/me").await;
        browser.wait_for_heading("My details").await;
        browser.wait_for_title("My details · Roster").await;
        browser.open(&app, "/no/such/page").await;
        browser.wait_for_heading("Page not found").await;
        browser.wait_for_title("Page not found · Roster").await;
        browser.close().await;
    }
}

#[tokio::test]
async fn the_skip_link_moves_the_focus_to_the_content() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Desktop).await;
    // The people's bundle, then the administration bundle: each follows the link its own way.
    for (path, heading) in [
        ("/sign-in", "Sign in to Roster"),
        ("/accounts/1/users", "Users"),
    ] {
        if path != "/sign-in" {
            browser.sign_in(&app, "admin@acme.test").await;
        }
        browser.open(&app, path).await;
        browser.wait_for_heading(heading).await;

        browser.press(Key::Tab).await;
        assert_eq!(browser.focused().await, "a Skip to content", "{path}");
        browser.screenshot("skip-link-focused").await;
        browser.press(Key::Enter).await;

        browser.wait_for_focus("main").await;
    }
    browser.close().await;
}

#[tokio::test]
async fn a_refused_form_takes_the_focus_to_its_summary_which_leads_to_each_field() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Phone).await;
    browser.sign_in(&app, "admin@acme.test").await;
    browser.wait_for_heading("Users").await;
    browser.start_adding("not an email", "Ann", "").await;

    browser.click_button("Save without inviting").await;

    browser.wait_for_focus("error-summary").await;
    let summary = browser.wait_for(Locator::Id("error-summary")).await;
    let text = summary.text().await.unwrap();
    assert!(text.starts_with("Some fields need attention."), "{text}");
    browser.screenshot("refused-add-phone").await;
    // Its links lead to the fields, in the form's order.
    browser
        .click(
            summary
                .find(Locator::XPath(".//a[starts-with(., 'Last name')]"))
                .await
                .unwrap(),
            "the summary's link to Last name",
        )
        .await;
    browser.wait_for_focus("last_name").await;
    let first = summary.find(Locator::Css("li a")).await.unwrap();
    // WebKit's driver answers the address the link resolves to, the others what it says.
    let href = first.attr("href").await.unwrap().unwrap_or_default();
    assert!(href.ends_with("#email"), "{href}");
    browser.close().await;
}

#[tokio::test]
async fn a_refused_form_of_a_persons_own_takes_the_focus_to_what_was_refused() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Phone).await;
    // A refused sign-in: the focus goes to the alert that says why.
    browser.open(&app, "/sign-in").await;
    browser.wait_for_heading("Sign in to Roster").await;
    browser.fill("Username or email", "user@acme.test").await;
    browser.fill("Password", "not the password").await;
    browser.click_button("Sign in").await;
    let alert = browser.wait_for(Locator::Css("main [role='alert']")).await;
    let said = alert.text().await.unwrap();
    browser.wait_for_focus(&format!("p {said}")).await;
    // A refused phone number in My details: the focus goes to the field, which its error
    // describes.
    browser.sign_in(&app, "user@acme.test").await;
    browser.wait_for_heading("My details").await;
    browser.fill("Phone (with country code)", "12").await;
    browser.click_button("Save changes").await;
    browser.wait_for_focus("phone").await;
    browser.screenshot("refused-my-details-phone").await;
    browser.close().await;
}

#[tokio::test]
async fn edit_takes_the_focus_to_the_form_it_opens() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Desktop).await;
    browser.sign_in(&app, "admin@acme.test").await;
    browser.wait_for_heading("Users").await;
    // Someone of this account alone, whose every detail it may edit.
    browser
        .start_adding("eve.edit@acme.test", "Eve", "Edit")
        .await;
    browser.click_button("Save without inviting").await;
    browser.wait_for_heading("Eve Edit").await;

    browser.click_button("Edit").await;

    browser.wait_for_focus("edit-title").await;
    // A refusal there too goes to the summary.
    browser.fill("Email", "not an email").await;
    browser.click_button("Save changes").await;
    browser.wait_for_focus("error-summary").await;
    browser.screenshot("refused-edit-desktop").await;
    browser.close().await;
}

#[tokio::test]
async fn at_phone_width_the_navigation_shows_its_focus_whole_and_invitations_their_email() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Phone).await;
    browser.sign_in(&app, "admin@acme.test").await;
    browser.open(&app, "/accounts/1/invitations").await;
    browser.wait_for_heading("Invitations").await;

    // Each link's focus ring (3 px, 2 px off the link) lies within the navigation's box, which
    // scrolls sideways and so clips what passes its edges.
    let clipped = browser
        .client
        .execute(
            "const nav = document.querySelector('header nav').getBoundingClientRect(); \
             return [...document.querySelectorAll('header nav a')] \
               .map(a => [a.textContent, a.getBoundingClientRect()]) \
               .filter(([_, r]) => r.top - 5 < nav.top || r.bottom + 5 > nav.bottom) \
               .map(([t]) => t);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(clipped, serde_json::json!([]), "focus rings clipped");
    // The demo's expired invitations: each email whole within the screen.
    let emails = browser
        .client
        .execute(
            "return [...document.querySelectorAll('td[data-label=\"Email\"]')] \
               .map(td => [td.textContent, td.getBoundingClientRect().right <= innerWidth]);",
            vec![],
        )
        .await
        .unwrap();
    let emails = emails.as_array().unwrap();
    assert!(!emails.is_empty(), "no invitation listed");
    for email in emails {
        assert_eq!(email[1], true, "{} is cut off", email[0]);
    }
    browser.screenshot("invitations-phone").await;
    browser.close().await;
}

#[tokio::test]
async fn the_audit_logs_scrolling_box_is_reached_by_the_keyboard_and_named() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Desktop).await;
    browser.sign_in(&app, "admin@acme.test").await;
    browser.open(&app, "/accounts/1/audit").await;
    browser.wait_for_heading("Audit log").await;

    let region = browser
        .wait_for(Locator::Css(".table-wrap[role=region]"))
        .await;

    assert_eq!(region.attr("tabindex").await.unwrap().as_deref(), Some("0"));
    assert_eq!(
        region.attr("aria-label").await.unwrap().as_deref(),
        Some("Audit log")
    );
    browser.close().await;
}
