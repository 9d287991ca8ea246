//! End-to-end: Roster embedded in a portal on another origin, in a browser that blocks
//! third-party cookies (`roster_e2e::engine`): the sample portal (`roster demo-portal`) frames the
//! Users page of Acme Records, which signs in with the token the portal's back end minted, follows
//! its content's height, takes the portal's theme and reports what is done there; a page of an
//! origin the account does not name gets no frame, no page frames `/sign-in`, a message from
//! another origin than the portal's is ignored, and a session that ends is handed over anew. A
//! plain person keeps their details there (My details), and an administrator imports users, which
//! the portal is told of (`import.finished`).
//!
//! The portal's tests run in Chromium only (`cargo xtask` skips them by name in the others):
//! Firefox has no `location.ancestorOrigins` and WebKit's WebDriver drives one window; the
//! protocol's checks are the same code in every engine (`crates/app/src/embed.rs`).

mod french;
mod handover;
mod settings;
mod steps;

use fantoccini::Locator;
use roster_e2e::{Browser, Viewport, spawn_app};
use serde_json::json;
use std::time::{Duration, Instant};
use steps::*;

#[tokio::test]
async fn a_portal_on_another_origin_embeds_the_users_page_without_cookies() {
    let app = spawn_app().await;
    let (origin, port) = start_portal(&app).await;
    let browser = Browser::start(Viewport::Desktop).await;
    allow_origin(&browser, &app, &origin).await;

    browser.client.goto(&format!("{origin}/")).await.unwrap();
    browser.client.enter_frame(0).await.unwrap();
    heading(&browser, "Users").await;
    assert_eq!(eval(&browser, ROSTER_LOADED).await, json!(true));
    // Without the app's header and navigation.
    assert_eq!(
        eval(
            &browser,
            "return document.querySelectorAll('header.masthead, nav[aria-label=Main]').length;"
        )
        .await,
        json!(0)
    );
    let list = heights_agree(&browser).await;
    // The portal's theme: its accent on the primary button.
    assert_eq!(
        eval(
            &browser,
            "return getComputedStyle(document.querySelector('.button.primary')).backgroundColor;"
        )
        .await,
        json!("rgb(91, 42, 134)")
    );
    browser.client.enter_parent_frame().await.unwrap();
    wait_for_event(&browser, "navigated users").await;
    browser.screenshot("embedded-users").await;

    // Adding a user in the frame tells the portal, and the frame's height follows the page.
    browser.client.enter_frame(0).await.unwrap();
    browser
        .start_adding("fay.framed@acme.test", "Fay", "Framed")
        .await;
    let form = heights_agree(&browser).await;
    assert!(
        (form - list).abs() > 1.0,
        "{form} px as the list's {list} px"
    );
    browser.click_button("Save and send invitation").await;
    heading(&browser, "Fay Framed").await;
    browser.client.enter_parent_frame().await.unwrap();
    let created = wait_for_event(&browser, "user.created ").await;
    let fay = &created["user.created ".len()..];
    assert!(fay.parse::<i64>().is_ok(), "{created}");
    // Invited as well, and told so of the same person.
    wait_for_event(&browser, &format!("user.invited {fay}")).await;

    // The same portal on an origin the account does not name: the frame is refused, and the
    // page in it says nothing.
    let portal = browser.client.window().await.unwrap();
    let foreign = new_window(&browser, &format!("http://127.0.0.1:{port}/")).await;
    eval(
        &browser,
        "window.__messages = []; addEventListener('message', e => window.__messages.push(e.data)); return 0;",
    )
    .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(eval(&browser, "return window.__messages;").await, json!([]));
    browser.client.enter_frame(0).await.unwrap();
    assert_eq!(
        eval(&browser, ROSTER_LOADED).await,
        json!(false),
        "a page of an origin not named framed Roster"
    );
    browser.client.enter_parent_frame().await.unwrap();

    // A message from another origin than the portal's is ignored: the foreign page opens the
    // portal and posts to its Roster frame (a window may post to another's frames); the portal's
    // own is followed.
    eval(
        &browser,
        &format!("window.__portal = window.open('{origin}/', 'opened'); return 0;"),
    )
    .await;
    let opened = browser
        .client
        .windows()
        .await
        .unwrap()
        .into_iter()
        .find(|w| *w != portal && *w != foreign)
        .unwrap();
    browser
        .client
        .switch_to_window(opened.clone())
        .await
        .unwrap();
    browser.client.enter_frame(0).await.unwrap();
    heading(&browser, "Users").await;
    browser.client.switch_to_window(foreign).await.unwrap();
    eval(
        &browser,
        "window.__portal[0].postMessage({ type: 'roster:navigate', version: 1, path: 'invitations' }, '*'); return 0;",
    )
    .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    browser.client.switch_to_window(opened).await.unwrap();
    browser.client.enter_frame(0).await.unwrap();
    heading(&browser, "Users").await;
    browser.client.enter_parent_frame().await.unwrap();
    browser.click_button("Invitations").await;
    browser.client.enter_frame(0).await.unwrap();
    heading(&browser, "Invitations").await;
    browser.client.switch_to_window(portal).await.unwrap();

    // `/sign-in` cannot be framed, even by an origin the account names.
    eval(
        &browser,
        &format!(
            "const f = document.createElement('iframe'); f.id = 'signin'; f.src = '{}/sign-in'; \
             document.body.append(f); return 0;",
            app.base
        ),
    )
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let frame = browser.client.find(Locator::Css("#signin")).await.unwrap();
    frame.enter_frame().await.unwrap();
    assert_eq!(
        eval(&browser, ROSTER_LOADED).await,
        json!(false),
        "/sign-in was framed"
    );
    browser.client.enter_parent_frame().await.unwrap();

    // The embedded session ends (its person signs out of it elsewhere): the frame tells the
    // portal, which hands a new token over, and the frame goes on.
    let portal = browser.client.window().await.unwrap();
    new_window(&browser, &format!("{}/accounts/1/users", app.base)).await;
    let ended = browser
        .client
        .execute_async(
            "const done = arguments[0];
             fetch('/api/v1/me/sessions').then(r => r.json()).then(list =>
               Promise.all(list.items.filter(s => !s.current).map(s =>
                 fetch('/api/v1/me/sessions/' + s.id, { method: 'DELETE' }).then(r => r.status))))
             .then(done, e => done(String(e)));",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        ended
            .as_array()
            .is_some_and(|a| !a.is_empty() && a.iter().all(|s| *s == json!(204))),
        "{ended}"
    );
    browser.client.close_window().await.unwrap();
    browser.client.switch_to_window(portal).await.unwrap();
    // The first call after it is refused (401): the frame asks for a new session then.
    browser.click_button("Users").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    browser.click_button("Invitations").await;
    browser.client.enter_frame(0).await.unwrap();
    browser
        .wait_for(Locator::XPath(
            "//td[span[normalize-space(.)='Invitation expired']]",
        ))
        .await;
    browser.client.enter_parent_frame().await.unwrap();
    browser.close().await;
}

#[tokio::test]
async fn a_plain_person_keeps_their_details_inside_the_portal_on_a_phone() {
    let (_app, _, browser) = open_portal(Viewport::Phone, false).await;

    // The portal's plain user gets My details, and no button of the administration's pages.
    portal_person(&browser, "user@acme.test").await;
    assert_eq!(
        eval(
            &browser,
            "return [...document.querySelectorAll('[data-admin]')].map(b => b.hidden);"
        )
        .await,
        json!([true, true, true, true])
    );
    frame_at(&browser, "me").await;
    heading(&browser, "My details").await;
    assert_eq!(eval(&browser, ROSTER_LOADED).await, json!(true));
    // Without the app's header, its sign-out and the sections that tell of other accounts.
    assert_eq!(
        eval(
            &browser,
            "return document.querySelectorAll('header.masthead, #accounts-heading,              #activity-heading, main main').length;"
        )
        .await,
        json!(0)
    );
    // In the portal's frame, narrower than the phone.
    browser.assert_fits_width("My details in the portal").await;
    browser
        .fill("Phone (with country code)", "+33 6 12 34 56 78")
        .await;
    browser.click_button("Save changes").await;
    browser
        .wait_for(Locator::XPath(
            "//section[@aria-labelledby='contact-heading']//p[@role='status' and normalize-space(.)='Saved.']",
        ))
        .await;
    heights_agree(&browser).await;
    browser.client.enter_parent_frame().await.unwrap();
    wait_for_event(&browser, "navigated me").await;
    eval(&browser, "window.scrollTo(0, 0); return 0;").await;
    browser.screenshot("embedded-my-details").await;

    // Saved: the portal opened again, with a new session, shows it.
    browser.client.refresh().await.unwrap();
    portal_person(&browser, "user@acme.test").await;
    frame_at(&browser, "me").await;
    heading(&browser, "My details").await;
    let begun = Instant::now();
    loop {
        let shown = browser
            .field("Phone (with country code)")
            .await
            .prop("value")
            .await
            .unwrap();
        let digits: String = shown.unwrap_or_default().split_whitespace().collect();
        if digits == "+33612345678" {
            break;
        }
        assert!(
            begun.elapsed() < roster_e2e::RENDER,
            "the phone is {digits}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser.client.enter_parent_frame().await.unwrap();
    browser.close().await;
}

#[tokio::test]
async fn an_administrator_imports_users_inside_the_portal() {
    let (_app, _, browser) = open_portal(Viewport::Desktop, true).await;

    // Import users: the Import bundle, loaded afresh in the frame and handed a session again.
    browser.click_button("Import users").await;
    browser.client.enter_frame(0).await.unwrap();
    heading(&browser, "Import users").await;
    assert_eq!(
        eval(
            &browser,
            "return document.querySelectorAll('header.masthead, nav[aria-label=Main]').length;"
        )
        .await,
        json!(0)
    );
    let path = std::env::temp_dir().join(format!("roster-e2e-{}-framed.csv", std::process::id()));
    std::fs::write(
        &path,
        "email,first_name,last_name\r\nfay.import@acme.test,Fay,Import\r\n\
         gus.import@acme.test,Gus,Import\r\n",
    )
    .unwrap();
    browser
        .field("Choose a CSV file")
        .await
        .send_keys(&path.to_string_lossy())
        .await
        .unwrap();
    let create = "//button[starts-with(normalize-space(.), 'Create accounts')]";
    browser.wait_for(Locator::XPath(create)).await;
    heights_agree(&browser).await;
    browser.click_button("Create accounts (2)").await;
    browser
        .wait_for(Locator::XPath(
            "//p[contains(@class, 'counts') and starts-with(normalize-space(.), '2 created')]",
        ))
        .await;
    browser.client.enter_parent_frame().await.unwrap();
    wait_for_event(&browser, "navigated users/import").await;
    // Once: by the page shown, not also by the one left for it.
    assert_eq!(
        eval(
            &browser,
            "return [...document.querySelectorAll('#events li')]
               .filter(li => li.textContent === 'navigated users/import').length;"
        )
        .await,
        json!(1)
    );
    assert_eq!(
        wait_for_event(&browser, "import.finished ").await,
        "import.finished 1"
    );
    browser.screenshot("embedded-import").await;

    // Finish goes back to the Users page, in the frame.
    browser.client.enter_frame(0).await.unwrap();
    browser.click_button("Finish").await;
    heading(&browser, "Users").await;
    assert_eq!(eval(&browser, ROSTER_LOADED).await, json!(true));
    browser.client.enter_parent_frame().await.unwrap();
    browser.close().await;
}
