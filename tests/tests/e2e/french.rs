//! End-to-end in French: a person whose language is French is invited in French, switches the
//! activation page to French on a phone whose browser asks for English (the link's token kept),
//! activates and keeps their details in French; the sign-in page then stays in French. An
//! administrator whose language is French manages the account in French, and every page of it
//! is named in French and checked (axe, width) at both widths.

use fantoccini::Locator;
use roster_e2e::{Browser, Viewport, mailed_link, spawn_app};

/// The language the page says it is in.
async fn page_language(browser: &Browser) -> String {
    browser
        .client
        .execute("return document.documentElement.lang;", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_french_speaking_person_is_invited_and_activates_in_french() {
    let app = spawn_app().await;
    let admin = Browser::start(Viewport::Desktop).await;
    admin.sign_in(&app, "admin@acme.test").await;
    admin.wait_for_heading("Users").await;
    admin
        .start_adding("lea.roux@acme.test", "Léa", "Roux")
        .await;
    admin
        .field("Language")
        .await
        .select_by_value("fr")
        .await
        .unwrap();
    admin.click_button("Save and send invitation").await;
    admin.wait_for_heading("Léa Roux").await;

    // Her invitation is in French.
    admin.click_link("Mailbox").await;
    admin.wait_for_heading("Mailbox").await;
    let email = admin
        .wait_for(Locator::XPath(
            "//article[.//h2[normalize-space(.)='Activez votre compte Acme Records'] and contains(., 'lea.roux@acme.test')]",
        ))
        .await;
    let link = mailed_link(&email, "activate").await;
    admin.close().await;

    // Her phone asks for English: the page offers French by its own name, and keeps the link.
    let lea = Browser::start(Viewport::Phone).await;
    lea.client.goto(&link).await.unwrap();
    lea.wait_for_heading("Activate your account").await;
    assert_eq!(page_language(&lea).await, "en");
    lea.click_button("Français").await;
    lea.wait_for_heading("Activez votre compte").await;
    assert_eq!(page_language(&lea).await, "fr");
    lea.wait_for(Locator::XPath(
        "//button[@lang='en' and normalize-space(.)='English']",
    ))
    .await;
    lea.screenshot("activate-french-phone").await;
    lea.click_button("Continuer").await;
    lea.fill("Nouveau mot de passe", "court").await;
    let error = lea.wait_for(Locator::Id("new-password-error")).await;
    assert_eq!(
        error.text().await.unwrap(),
        "Ce mot de passe est plus court que la longueur minimale fixée par votre groupe."
    );
    lea.fill("Nouveau mot de passe", "la phrase de passe de Léa")
        .await;
    lea.fill(
        "Nouveau mot de passe (confirmation)",
        "la phrase de passe de Léa",
    )
    .await;
    lea.click_button("Activer mon compte").await;

    // My details, in French, numbers and all; a phone number refused in French.
    lea.wait_for_heading("Mes informations").await;
    assert_eq!(page_language(&lea).await, "fr");
    lea.fill("Téléphone (avec l’indicatif du pays)", "06 12 34 56 78")
        .await;
    lea.click_button("Enregistrer").await;
    let refused = lea.wait_for(Locator::Id("phone-error")).await;
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .starts_with("Commencez le numéro"),
        "{}",
        refused.text().await.unwrap()
    );
    lea.fill("Téléphone (avec l’indicatif du pays)", "+33 6 12 34 56 78")
        .await;
    lea.click_button("Enregistrer").await;
    lea.wait_for(Locator::XPath(
        "//p[@role='status' and normalize-space(.)='Enregistré.']",
    ))
    .await;
    lea.screenshot("my-details-french-phone").await;

    // Signed out, the sign-in page stays in her language.
    lea.click_button("Se déconnecter").await;
    lea.wait_for_heading("Connexion à Roster").await;
    lea.check_page("Connexion à Roster").await;
    lea.screenshot("sign-in-french-phone").await;
    lea.close().await;
}

#[tokio::test]
async fn an_administrator_whose_language_is_french_works_in_french() {
    let app = spawn_app().await;
    // eu-admin chooses French in My details; the administration pages follow.
    let eu = Browser::start(Viewport::Desktop).await;
    eu.sign_in(&app, "eu-admin@acme.test").await;
    eu.wait_for_heading("Users").await;
    eu.open(&app, "/me").await;
    eu.wait_for_heading("My details").await;
    // Typed, as a keyboard chooses (WebDriver's choice of an option fires `change` alone, where
    // a person's fires `input` too, which the people's pages listen for).
    eu.field("Language")
        .await
        .send_keys("French")
        .await
        .unwrap();
    eu.click_button("Save changes").await;
    eu.wait_for_heading("Mes informations").await;
    eu.click_link("Aller à l’administration").await;
    eu.wait_for_heading("Utilisateurs").await;
    assert_eq!(page_language(&eu).await, "fr");
    let title = eu.client.title().await.unwrap();
    assert!(title.contains("Utilisateurs"), "{title}");
    eu.screenshot("users-french-desktop").await;
    eu.click_link("Ajouter un utilisateur").await;
    eu.wait_for_heading("Ajouter un utilisateur").await;
    eu.fill("Courriel", "pas-une-adresse").await;
    eu.click_button("Enregistrer sans inviter").await;
    let error = eu.wait_for(Locator::Id("email-error")).await;
    assert!(
        error.text().await.unwrap().contains('@'),
        "{}",
        error.text().await.unwrap()
    );
    eu.screenshot("add-user-french-desktop").await;
    // A number with its extension, as a French address book writes it, kept and shown so.
    eu.fill("Courriel", "zoe.poste@acme.test").await;
    eu.fill("Prénom", "Zoé").await;
    eu.fill("Nom", "Poste").await;
    eu.fill(
        "Téléphone (avec l\u{2019}indicatif du pays)",
        "+33 1 23 45 67 89 poste 12",
    )
    .await;
    eu.click_button("Enregistrer sans inviter").await;
    eu.wait_for_heading("Zoé Poste").await;
    eu.wait_for(Locator::XPath(
        "//dl[@class='profile']/dd[normalize-space(.)='+33123456789 poste 12']",
    ))
    .await;
    eu.close().await;
}

/// The pages of Acme Records in French: the path under the account, and its heading.
const FRENCH_PAGES: [(&str, &str); 7] = [
    ("users", "Utilisateurs"),
    ("users/new", "Ajouter un utilisateur"),
    ("users/import", "Importer des utilisateurs"),
    ("invitations", "Invitations"),
    ("groups", "Groupes"),
    ("audit", "Journal d\u{2019}audit"),
    ("settings", "Param\u{e8}tres du compte"),
];

#[tokio::test]
async fn every_page_in_french_is_named_in_french_and_checked_at_both_widths() {
    let app = spawn_app().await;
    // The account's top administrator chooses French once; every page follows, on any device
    // (the phone signed in before).
    let desk = Browser::start(Viewport::Desktop).await;
    desk.sign_in(&app, "admin@acme.test").await;
    desk.wait_for_heading("Users").await;
    let phone = Browser::start(Viewport::Phone).await;
    phone.sign_in(&app, "admin@acme.test").await;
    phone.wait_for_heading("Users").await;
    desk.open(&app, "/me").await;
    desk.wait_for_heading("My details").await;
    desk.field("Language")
        .await
        .send_keys("French")
        .await
        .unwrap();
    desk.click_button("Save changes").await;
    desk.wait_for_heading("Mes informations").await;
    for browser in [&desk, &phone] {
        // Each heading waited for is checked by axe and for its width (`check_page`).
        for (page, heading) in FRENCH_PAGES {
            browser.open(&app, &format!("/accounts/1/{page}")).await;
            browser.wait_for_heading(heading).await;
            browser
                .wait_for_title(&format!("{heading} \u{b7} Acme Records \u{b7} Roster"))
                .await;
            assert_eq!(page_language(browser).await, "fr", "{page}");
        }
        browser.open(&app, "/accounts/1/users").await;
        browser.wait_for_heading("Utilisateurs").await;
        browser.fill("Rechercher", "Uma User").await;
        browser.click_link("Uma User").await;
        browser.wait_for_heading("Uma User").await;
        for (path, heading) in [
            ("/me", "Mes informations"),
            ("/mailbox", "Bo\u{ee}te aux lettres"),
            ("/no/such/page", "Page introuvable"),
        ] {
            browser.open(&app, path).await;
            browser.wait_for_heading(heading).await;
            assert_eq!(page_language(browser).await, "fr", "{path}");
        }
    }
    phone.open(&app, "/accounts/1/settings").await;
    phone.wait_for_heading("Param\u{e8}tres du compte").await;
    phone.screenshot("settings-french-phone").await;
    desk.close().await;
    phone.close().await;
}
