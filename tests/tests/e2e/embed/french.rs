//! End-to-end: the portal's pages in French, for people whose language is French, named in
//! French and checked like every other page (axe and the width, `Browser::check_page`), an
//! administrator's at the desk and a plain person's on a phone.

use super::{allow_origin, eval, frame_at, portal_person, start_portal};
use roster_e2e::{Browser, TestApp, Viewport, spawn_app};
use serde_json::json;

/// Makes French the language of the person signed in to Roster in `browser` (`PATCH /me`, as My
/// details saves it).
async fn choose_french(browser: &Browser) {
    let status = browser
        .client
        .execute_async(
            "const done = arguments[0];
             fetch('/api/v1/me').then(r => fetch('/api/v1/me', { method: 'PATCH',
                 headers: { 'Content-Type': 'application/json',
                            'If-Match': r.headers.get('etag') },
                 body: JSON.stringify({ language: 'fr' }) }))
             .then(r => done(r.status), e => done(String(e)));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(status, json!(200), "choosing French");
}

/// Waits in the portal's frame for the page headed `heading`, in French, and checks it.
async fn french_page(browser: &Browser, heading: &str) {
    browser.wait_for_heading(heading).await;
    assert_eq!(
        eval(browser, "return document.documentElement.lang;").await,
        json!("fr"),
        "{heading}"
    );
}

/// Signs `login` in to Roster in a browser of its own and makes their language French.
async fn french_person(app: &TestApp, login: &str, viewport: Viewport) -> Browser {
    let browser = Browser::start(viewport).await;
    browser.sign_in(app, login).await;
    choose_french(&browser).await;
    browser
}

#[tokio::test]
async fn the_portal_s_pages_are_in_the_person_s_french_at_both_widths() {
    let app = spawn_app().await;
    let (origin, _) = start_portal(&app).await;

    // The administrator, at the desk: Users, Add user, Invitations, Import users.
    let desk = Browser::start(Viewport::Desktop).await;
    allow_origin(&desk, &app, &origin).await;
    choose_french(&desk).await;
    desk.client.goto(&format!("{origin}/")).await.unwrap();
    frame_at(&desk, "users").await;
    french_page(&desk, "Utilisateurs").await;
    desk.screenshot("embedded-users-french").await;
    for (page, heading) in [
        ("users/new", "Ajouter un utilisateur"),
        ("invitations", "Invitations"),
        ("users/import", "Importer des utilisateurs"),
    ] {
        desk.client.enter_parent_frame().await.unwrap();
        eval(&desk, &format!("frame.navigate('{page}'); return 0;")).await;
        desk.client.enter_frame(0).await.unwrap();
        french_page(&desk, heading).await;
    }
    desk.client.enter_parent_frame().await.unwrap();
    desk.close().await;

    // The plain person, on a phone: My details.
    let phone = french_person(&app, "user@acme.test", Viewport::Phone).await;
    phone.client.goto(&format!("{origin}/")).await.unwrap();
    portal_person(&phone, "user@acme.test").await;
    frame_at(&phone, "me").await;
    french_page(&phone, "Mes informations").await;
    phone.screenshot("embedded-my-details-french-phone").await;
    phone.client.enter_parent_frame().await.unwrap();
    phone.close().await;
}
