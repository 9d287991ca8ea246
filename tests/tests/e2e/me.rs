//! End-to-end: a person on a phone keeps their own details (My details), signs out a session
//! opened in another browser, reads their activity; an administrator checks their PIN. Another
//! declines, then accepts, a request to join an account, and changes their email by the link
//! mailed to the new address.

use fantoccini::Locator;
use fantoccini::elements::Element;
use roster_e2e::{Browser, PASSWORD, Viewport, mailed_link, spawn_app};

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
        .fill("Phone (with country code)", "+33 (0)6 12 34 56 78 x 12")
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
    // The number as stored (+33612345678;ext=12), shown as people read it.
    let stored = phone.field("Phone (with country code)").await;
    assert_eq!(
        stored.prop("value").await.unwrap().as_deref(),
        Some("+33612345678 ext. 12")
    );

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

/// Eva, administrator of Acme Europe, asks Dee (a login of Acme Records only) to join it: the
/// notice that says so.
pub(crate) async fn ask_dee_to_join(eu: &Browser) -> Element {
    eu.click_link("Users").await;
    eu.wait_for_heading("Users").await;
    eu.start_adding("delegate@acme.test", "Dee", "Delegate")
        .await;
    eu.click_button("Save without inviting").await;
    eu.wait_for(Locator::XPath(
        "//section[@role='status'][h2[normalize-space(.)='Waiting for the person to accept']]",
    ))
    .await
}

/// The request to join Acme Europe, as My accounts lists it.
const ASKED: &str = "//section[@aria-labelledby='accounts-heading']//li[starts-with(normalize-space(p), 'Acme Europe')]";

#[tokio::test]
async fn a_person_answers_join_requests_and_changes_their_email_on_a_phone() {
    let app = spawn_app().await;
    let eu = Browser::start(Viewport::Desktop).await;
    eu.sign_in(&app, "eu-admin@acme.test").await;
    eu.wait_for_heading("Users").await;
    ask_dee_to_join(&eu).await;

    // Dee declines from My details: nothing changes, and the request is gone.
    let dee = Browser::start(Viewport::Phone).await;
    dee.sign_in(&app, "delegate@acme.test").await;
    dee.wait_for_heading("Users").await;
    dee.open(&app, "/me").await;
    dee.wait_for_heading("My details").await;
    dee.wait_for(Locator::XPath(&format!(
        "{ASKED}//small[normalize-space(.)='Asked by Eva Europa']"
    )))
    .await;
    dee.screenshot("my-join-request-phone").await;
    dee.click(
        dee.wait_for(Locator::XPath(&format!(
            "{ASKED}//button[normalize-space(.)='Decline']"
        )))
        .await,
        "Decline",
    )
    .await;
    dee.wait_for(Locator::XPath(
        "//section[@aria-labelledby='accounts-heading' and not(.//h3) and not(.//strong[normalize-space(.)='Acme Europe'])]",
    ))
    .await;

    // Asked again, she accepts: Acme Europe is among her accounts, with her role there.
    ask_dee_to_join(&eu).await;
    dee.open(&app, "/me").await;
    dee.click(
        dee.wait_for(Locator::XPath(&format!(
            "{ASKED}//button[normalize-space(.)='Accept']"
        )))
        .await,
        "Accept",
    )
    .await;
    dee.wait_for(Locator::XPath(
        "//section[@aria-labelledby='accounts-heading' and not(.//h3)]//li[strong[normalize-space(.)='Acme Europe']]//dd[normalize-space(.)='User']",
    ))
    .await;
    dee.assert_fits_width("My accounts").await;
    dee.screenshot("my-accounts-phone").await;
    eu.close().await;

    // A new email address: a link to it, and a notice to the old one.
    fill_id(&dee, "new-email", "dee.new@acme.test").await;
    fill_id(&dee, "email-password", PASSWORD).await;
    dee.click_button("Send a confirmation link").await;
    dee.wait_for(Locator::XPath(
        "//section[@aria-labelledby='email-heading']//p[@role='status' and contains(., 'dee.new@acme.test')]",
    ))
    .await;
    dee.screenshot("my-email-pending-phone").await;
    dee.open(&app, "/mailbox").await;
    dee.wait_for_heading("Mailbox").await;
    dee.wait_for(Locator::XPath(
        "//article[.//h2[normalize-space(.)='A change of your email address was asked'] and contains(., 'delegate@acme.test')]",
    ))
    .await;
    let email = dee
        .wait_for(Locator::XPath(
            "//article[.//h2[normalize-space(.)='Confirm your new email address'] and contains(., 'dee.new@acme.test')]",
        ))
        .await;
    let link = mailed_link(&email, "confirm-email").await;
    assert!(
        link.starts_with(&format!("{}/confirm-email#token=", app.base)),
        "{link}"
    );

    // Followed on the phone: the address, and the username that was the same, change.
    dee.client.goto(&link).await.unwrap();
    dee.wait_for_heading("Confirm your new email address").await;
    dee.click_button("Continue").await;
    dee.wait_for(Locator::XPath(
        "//p[@role='status' and starts-with(normalize-space(.), 'Your email address has changed.')]",
    ))
    .await;
    dee.assert_fits_width("the confirmed email").await;
    dee.screenshot("my-email-confirmed-phone").await;
    dee.click_link("My details").await;
    dee.wait_for(Locator::XPath(
        "//section[@aria-labelledby='email-heading']/p[normalize-space(.)='dee.new@acme.test']",
    ))
    .await;
    // The link works once.
    dee.client.goto(&link).await.unwrap();
    dee.click_button("Continue").await;
    dee.wait_for(Locator::XPath("//p[@role='alert']")).await;
    dee.close().await;
    let again = Browser::start(Viewport::Phone).await;
    again.sign_in(&app, "dee.new@acme.test").await;
    // A member of two accounts now, administrator of one.
    again.wait_for_heading("Choose an account").await;
    again.close().await;
}
