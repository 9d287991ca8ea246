//! End-to-end: the steps of the help articles Roster was designed from (`shared/seeds/`), each a
//! scenario named after its article, done as its administrator would and checked as they would
//! see it. Articles 003 and 004, adding and editing users, are in `users.rs`.

use fantoccini::Locator;
mod users;

use roster_e2e::{Browser, TestApp, Viewport, mailed_link, spawn_app};

/// Eva, of Acme Europe, makes Ada (admin@acme.test) an administrator there too, so that she
/// administers both demo accounts.
pub(crate) async fn make_ada_admin_of_europe(app: &TestApp) {
    let eu = Browser::start(Viewport::Desktop).await;
    eu.sign_in(app, "eu-admin@acme.test").await;
    eu.wait_for_heading("Users").await;
    eu.fill("Search", "Ada Admin").await;
    eu.click_link("Ada Admin").await;
    eu.wait_for_heading("Ada Admin").await;
    eu.field("Role")
        .await
        .select_by_value("admin")
        .await
        .map_err(|e| format!("choose admin: {e}"))
        .unwrap();
    eu.click_button("Save role and authorities").await;
    eu.wait_for_notice("Role and authorization levels saved.")
        .await;
    eu.close().await;
}

/// The value of the field labelled `label`.
pub(super) async fn value_of(browser: &Browser, label: &str) -> String {
    let field = browser.field(label).await;
    field.prop("value").await.unwrap().unwrap_or_default()
}

/// 000 "Managing accounts": "click Manage under Seats used" to reach the people holding the
/// seats, and manage them there: move a seat to someone else, release one.
#[tokio::test]
async fn article_000_manage_under_seats_used_reaches_the_people_holding_seats() {
    let app = spawn_app().await;
    let admin = Browser::start(Viewport::Desktop).await;
    admin.sign_in(&app, "admin@acme.test").await;
    admin.wait_for_heading("Users").await;
    let seats = admin.wait_for(Locator::Css("p.seats")).await;
    assert_eq!(seats.text().await.unwrap(), "Seats used: 22 of 25 Manage");
    admin.click_link("Manage").await;
    admin.wait_for_heading("Users").await;
    assert!(
        admin
            .client
            .current_url()
            .await
            .unwrap()
            .as_str()
            .ends_with("/users?licensed=true"),
        "the list of the people holding seats"
    );
    admin.wait_for_total("22 users").await;
    admin.screenshot("article-000-seats-desktop").await;

    // A seat moves from Uma to someone without one, in one step.
    admin.fill("Search", "Uma User").await;
    admin.click_link("Uma User").await;
    admin.wait_for_heading("Uma User").await;
    admin.click_button("Transfer the licence").await;
    admin.fill("Give it to (name or email)", "acme").await;
    let first = admin
        .wait_for(Locator::XPath(
            "(//section[@aria-labelledby='transfer-title']//input[@type='radio'])[1]",
        ))
        .await;
    admin.click(first, "the first person offered").await;
    let button = admin
        .wait_for(Locator::XPath(
            "//section[@aria-labelledby='transfer-title']//button[starts-with(normalize-space(.), 'Transfer the licence to ')]",
        ))
        .await;
    let receiver = button
        .text()
        .await
        .unwrap()
        .trim_start_matches("Transfer the licence to ")
        .to_owned();
    admin.screenshot("article-000-transfer-desktop").await;
    admin.click(button, "Transfer").await;
    admin.wait_for_notice("Licence transferred.").await;
    admin
        .wait_for(Locator::XPath(
            "//dl[@class='profile']/dd[normalize-space(.)='No licence']",
        ))
        .await;
    assert_eq!(seats.text().await.unwrap(), "Seats used: 22 of 25 Manage");

    // The receiver holds it now; releasing it frees a seat.
    admin.click_link("Manage").await;
    admin.fill("Search", &receiver).await;
    admin.click_link(&receiver).await;
    admin.wait_for_heading(&receiver).await;
    admin.click_button("Release the licence").await;
    admin
        .wait_for(Locator::XPath(
            "//p[@class='seats' and starts-with(normalize-space(.), 'Seats used: 21 of 25')]",
        ))
        .await;

    // Seats for five active people at once: four are free, so the fifth is told why not.
    admin
        .open(
            &app,
            "/accounts/1/users?state=active&licensed=false&sort=email",
        )
        .await;
    admin.wait_for_heading("Users").await;
    for row in 1..=5 {
        let tick = admin
            .wait_for(Locator::XPath(&format!(
                "(//table[contains(@class, 'users')]/tbody/tr)[{row}]//input[@type='checkbox']"
            )))
            .await;
        admin.click(tick, "a person's box").await;
    }
    admin.click_button("Assign a licence").await;
    let results = admin
        .wait_for(Locator::XPath(
            "//section[@class='results']//ul[count(li) = 5]",
        ))
        .await;
    let text = results.text().await.unwrap();
    assert_eq!(text.matches(": Done").count(), 4, "{text}");
    assert!(
        text.contains(": All licence seats are in use. Free one or buy more seats first."),
        "{text}"
    );
    admin
        .wait_for(Locator::XPath(
            "//p[@class='seats' and starts-with(normalize-space(.), 'Seats used: 25 of 25')]",
        ))
        .await;
    admin.screenshot("article-000-bulk-desktop").await;
    admin.close().await;

    let phone = Browser::start(Viewport::Phone).await;
    phone.sign_in(&app, "admin@acme.test").await;
    phone.wait_for_heading("Users").await;
    phone.click_link("Manage").await;
    phone.wait_for_total("25 users").await;
    phone.assert_fits_width("the people holding seats").await;
    phone.screenshot("article-000-seats-phone").await;
    phone.close().await;
}

/// 001 "Adding and importing users and groups": a user added with their email as logon ID, a
/// name, a group, a role and an Exchange account; then many at once from the template's file:
/// choose it, review, create the accounts, finish.
#[tokio::test]
async fn article_001_a_user_added_by_hand_and_two_imported() {
    let app = spawn_app().await;
    let admin = Browser::start(Viewport::Desktop).await;
    admin.sign_in(&app, "admin@acme.test").await;
    admin.wait_for_heading("Users").await;
    admin
        .start_adding("hana.mobile@acme.test", "Hana", "Mobile")
        .await;
    admin.choose("Group", "Finance").await;
    admin.choose("Role", "Administrator").await;
    admin.fill("Exchange domain", "acme.test").await;
    admin.fill("Exchange username", "hana").await;
    admin.click_button("Save without inviting").await;
    admin.wait_for_heading("Hana Mobile").await;
    admin.wait_for_notice("User added.").await;
    let profile = admin
        .wait_for(Locator::XPath("//dl[@class='profile']"))
        .await
        .text()
        .await
        .unwrap();
    for shown in [
        "hana.mobile@acme.test",
        "Finance",
        "Administrator",
        "acme.test\\hana",
    ] {
        assert!(profile.contains(shown), "{shown} in {profile}");
    }

    admin.click_link("Users").await;
    admin.wait_for_heading("Users").await;
    admin.click_link("Import users").await;
    admin.wait_for_heading("Import users").await;
    let file = "email,first_name,last_name,group,role\r\n\
                ivo.import@acme.test,Ivo,Import,Finance,user\r\n\
                isa.import@acme.test,Isa,Import,Operations,admin\r\n";
    crate::import::steps::choose_file(&admin, "two.csv", file.as_bytes()).await;
    crate::import::steps::wait_for_counts(&admin, "2 rows · 2 ready to create · 0 need attention")
        .await;
    admin.click_button("Create accounts (2)").await;
    crate::import::steps::wait_for_results(&admin, 2, "0 left with errors, not sent · 0 left out")
        .await;
    admin.screenshot("article-001-imported-desktop").await;
    admin.click_button("Finish").await;
    admin.wait_for_heading("Users").await;
    crate::import::steps::wait_for_users_found(&admin, "Import", 2).await;
    admin.close().await;
}

/// 002 (French) "activer la licence d'un autre utilisateur", "assigner une licence", "consulter
/// mon propre journal": an administrator sends a new user the activation link and gives them a
/// seat; the user activates on a phone, sees the licence among their accounts and reads their
/// own journal.
#[tokio::test]
async fn article_002_a_seat_and_an_activation_link_then_the_person_reads_their_journal() {
    let app = spawn_app().await;
    let admin = Browser::start(Viewport::Desktop).await;
    admin.sign_in(&app, "admin@acme.test").await;
    admin.wait_for_heading("Users").await;
    admin
        .start_adding("lea.licence@acme.test", "Léa", "Licence")
        .await;
    admin
        .field("Language")
        .await
        .select_by_value("fr")
        .await
        .unwrap_or_else(|e| panic!("choose French: {e}"));
    admin.click_button("Save and send invitation").await;
    admin.wait_for_heading("Léa Licence").await;
    admin
        .wait_for_notice("User added, and the invitation sent.")
        .await;
    admin.click_button("Assign a licence").await;
    admin
        .wait_for(Locator::XPath(
            "//p[@class='seats' and starts-with(normalize-space(.), 'Seats used: 23 of 25')]",
        ))
        .await;
    admin.click_link("Mailbox").await;
    admin.wait_for_heading("Mailbox").await;
    let email = admin
        .wait_for(Locator::XPath(
            "(//article[contains(., 'lea.licence@acme.test') and .//a[contains(@href, '/activate#token=')]])[1]",
        ))
        .await;
    let link = mailed_link(&email, "activate").await;
    admin.close().await;

    let lea = Browser::start(Viewport::Phone).await;
    lea.client.goto(&link).await.unwrap();
    lea.wait_for_heading("Activate your account").await;
    lea.click_button("Continue").await;
    lea.fill("New password", "léa's own passphrase").await;
    lea.fill("New password again", "léa's own passphrase").await;
    lea.click_button("Activate my account").await;
    // Léa's language is French: signed in, the pages follow it.
    lea.wait_for_heading("Mes informations").await;
    lea.wait_for(Locator::XPath(
        "//section[@aria-labelledby='accounts-heading']//li[strong[normalize-space(.)='Acme Records']]//dd[normalize-space(.)='Avec licence']",
    ))
    .await;
    lea.wait_for(Locator::XPath(
        "//section[@aria-labelledby='activity-heading']//strong[normalize-space(.)='Licence attribuée']",
    ))
    .await;
    lea.assert_fits_width("My details").await;
    lea.screenshot("article-002-journal-phone").await;
    lea.close().await;
}
