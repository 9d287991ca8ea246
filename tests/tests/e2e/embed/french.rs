//! End-to-end: every page a portal shows, in English and then in French (the language its person
//! chose), at 1280 and at 360 px, named in the person's language and checked like every other
//! page (axe and the width, `Browser::check_page`): the administrator's Users, Add user,
//! Invitations and Import users, and a plain person's My details.

use super::{allow_origin, eval, frame_at, patch_current, portal_person, start_portal};
use roster_e2e::{Browser, Viewport, spawn_app};
use serde_json::json;

/// The administrator's pages in the frame: the path under the account, and its heading in
/// English and in French.
const ADMIN_PAGES: [(&str, &str, &str); 4] = [
    ("users", "Users", "Utilisateurs"),
    ("users/new", "Add a user", "Ajouter un utilisateur"),
    ("invitations", "Invitations", "Invitations"),
    ("users/import", "Import users", "Importer des utilisateurs"),
];

/// Makes French the language of the person signed in to Roster in `browser` (`PATCH /me`, as My
/// details saves it).
async fn choose_french(browser: &Browser) {
    let status = patch_current(browser, "/api/v1/me", json!({ "language": "fr" })).await;
    assert_eq!(status, json!(200), "choosing French");
}

/// Waits in the portal's frame for the page headed `heading`, in `language`, and checks it.
async fn page_in(browser: &Browser, heading: &str, language: &str) {
    browser.wait_for_heading(heading).await;
    assert_eq!(
        eval(browser, "return document.documentElement.lang;").await,
        json!(language),
        "{heading}"
    );
}

/// The administrator's pages in the portal at `viewport`, in French if `french`; the portal
/// needs no session of Roster in the browser.
async fn admin_pages(origin: &str, viewport: Viewport, french: bool) {
    let browser = Browser::start(viewport).await;
    browser.client.goto(&format!("{origin}/")).await.unwrap();
    frame_at(&browser, "users").await;
    let language = if french { "fr" } else { "en" };
    for (n, (page, english, french_heading)) in ADMIN_PAGES.into_iter().enumerate() {
        if n > 0 {
            browser.client.enter_parent_frame().await.unwrap();
            eval(&browser, &format!("frame.navigate('{page}'); return 0;")).await;
            browser.client.enter_frame(0).await.unwrap();
        }
        let heading = if french { french_heading } else { english };
        page_in(&browser, heading, language).await;
        if n == 0 {
            let width = viewport.size().0;
            browser
                .screenshot(&format!("embedded-users-{language}-{width}"))
                .await;
        }
    }
    browser.client.enter_parent_frame().await.unwrap();
    browser.close().await;
}

/// A plain person's My details in the portal at `viewport`, in French if `french`.
async fn my_details(origin: &str, viewport: Viewport, french: bool) {
    let browser = Browser::start(viewport).await;
    browser.client.goto(&format!("{origin}/")).await.unwrap();
    portal_person(&browser, "user@acme.test").await;
    frame_at(&browser, "me").await;
    let (heading, language) = if french {
        ("Mes informations", "fr")
    } else {
        ("My details", "en")
    };
    page_in(&browser, heading, language).await;
    let width = viewport.size().0;
    browser
        .screenshot(&format!("embedded-my-details-{language}-{width}"))
        .await;
    browser.client.enter_parent_frame().await.unwrap();
    browser.close().await;
}

#[tokio::test]
async fn the_portal_s_pages_are_checked_in_both_languages_at_both_widths() {
    let app = spawn_app().await;
    let (origin, _) = start_portal(&app).await;
    // Signed in to Roster itself, to allow the portal and later to choose French.
    let admin = Browser::start(Viewport::Desktop).await;
    allow_origin(&admin, &app, &origin).await;
    let user = Browser::start(Viewport::Desktop).await;
    user.sign_in(&app, "user@acme.test").await;
    for french in [false, true] {
        if french {
            // Chosen once, by each person: every page at every width follows.
            choose_french(&admin).await;
            choose_french(&user).await;
        }
        for viewport in [Viewport::Desktop, Viewport::Phone] {
            admin_pages(&origin, viewport, french).await;
            my_details(&origin, viewport, french).await;
        }
    }
    admin.close().await;
    user.close().await;
}
