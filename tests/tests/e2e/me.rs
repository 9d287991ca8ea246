//! End-to-end: a person on a phone keeps their own details (My details), signs out a session
//! opened in another browser, reads their activity; an administrator checks their PIN.

use fantoccini::Locator;
use roster_e2e::{Browser, PASSWORD, Viewport, spawn_app};

const USER: &str = "user@acme.test";

/// Types `text` into the input `id` (the page has a current-password field in each form).
async fn fill_id(browser: &Browser, id: &str, text: &str) {
    let field = browser.wait_for(Locator::Id(id)).await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// The text of the first element `css` finds, read in the page (it may be drawn again).
async fn text_of(browser: &Browser, css: &str) -> String {
    browser.wait_for(Locator::Css(css)).await;
    browser
        .client
        .execute(
            "return document.querySelector(arguments[0]).textContent;",
            vec![css.into()],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_person_keeps_their_details_on_a_phone_and_an_administrator_checks_their_pin() {
    let app = spawn_app().await;
    // First at a desk, then on the phone, which lists both sessions.
    let desk = Browser::start(Viewport::Desktop).await;
    desk.sign_in(&app, USER).await;
    desk.wait_for_heading("My details").await;
    desk.screenshot("my-details-desktop").await;
    let phone = Browser::start(Viewport::Phone).await;
    phone.sign_in(&app, USER).await;
    phone.wait_for_heading("My details").await;

    // Contact details, in every account.
    phone
        .fill("Phone (with country code)", "+33 6 12 34 56 78")
        .await;
    phone.click_button("Save changes").await;
    phone
        .wait_for(Locator::XPath(
            "//section[@aria-labelledby='contact-heading']//p[@role='status' and normalize-space(.)='Saved.']",
        ))
        .await;

    // A challenge question.
    phone.fill("Question", "First pet?").await;
    phone.fill("Answer", "Rex").await;
    fill_id(&phone, "challenge-password", PASSWORD).await;
    phone.click_button("Save question and answer").await;
    phone
        .wait_for(Locator::XPath(
            "//section[@aria-labelledby='challenge-heading']/p[normalize-space(.)='First pet?']",
        ))
        .await;

    // An authorization number, shown once.
    fill_id(&phone, "number-password", PASSWORD).await;
    phone.click_button("Make a new number").await;
    let number = text_of(&phone, ".shown-once .number output").await;
    assert_eq!(number.len(), 10, "{number}");
    assert!(number.bytes().all(|b| b.is_ascii_digit()), "{number}");
    phone.assert_fits_width("My details").await;
    phone.screenshot("my-details-phone").await;

    // The session in the other browser, signed out from the phone.
    phone.click(
        phone
            .wait_for(Locator::XPath(
                "//section[@aria-labelledby='sessions-heading']//li[not(.//span[normalize-space(.)='This device'])]//button[normalize-space(.)='Sign out']",
            ))
            .await,
        "the other session's Sign out",
    )
    .await;
    phone
        .wait_for(Locator::XPath(
            "//section[@aria-labelledby='sessions-heading' and not(.//button[normalize-space(.)='Sign out'])]",
        ))
        .await;
    desk.open(&app, "/me").await;
    desk.wait_for_heading("Sign in to Roster").await;

    // My activity, read afresh: the change of details and the sign-ins.
    phone.open(&app, "/me").await;
    phone
        .wait_for(Locator::XPath(
            "//section[@aria-labelledby='activity-heading']//strong[normalize-space(.)='Own contact details changed']",
        ))
        .await;
    phone
        .wait_for(Locator::XPath(
            "//section[@aria-labelledby='activity-heading']//strong[normalize-space(.)='Signed in']",
        ))
        .await;
    phone.screenshot("my-activity-phone").await;

    // An administrator checks the PIN the person reads out.
    desk.sign_in(&app, "admin@acme.test").await;
    desk.wait_for_heading("Users").await;
    desk.fill("Search", "Uma").await;
    desk.click_link("Uma User").await;
    desk.wait_for_heading("Uma User").await;
    desk.fill("PIN", "0000").await;
    let wrong = if number.starts_with("0000") {
        "1111"
    } else {
        "0000"
    };
    desk.fill("PIN", wrong).await;
    desk.click_button("Check the PIN").await;
    desk.wait_for(Locator::XPath(
        "//section[@aria-labelledby='pin-title']//p[@role='alert' and normalize-space(.)='The PIN does not match.']",
    ))
    .await;
    desk.fill("PIN", &number[..4]).await;
    desk.click_button("Check the PIN").await;
    desk.wait_for(Locator::XPath(
        "//section[@aria-labelledby='pin-title']//p[@role='status' and normalize-space(.)='The PIN matches.']",
    ))
    .await;
    desk.screenshot("pin-check-desktop").await;
    phone.close().await;
    desk.close().await;
}
