//! End-to-end: what a portal's token and the session it opens are held to, seen in the browser.
//! A token opens one frame, once, within its minute; a revoked key mints nothing; the session
//! acts in its one account only (another account's answers are 404, even for someone who belongs
//! to both) and with its person's own rights (403 for a plain person's Users page). The API tests
//! (`crates/server/tests/api/embed.rs`) hold every refusal of the endpoints themselves.

use super::wait_for_event;
use super::{ROSTER_LOADED, eval, frame_at, heading, new_window, open_portal, portal_person};
use fantoccini::Locator;
use roster_e2e::{Browser, Viewport};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// Asks the portal's back end for a token for `user`, as its page does (`POST /token`); the
/// token, or `refused: …` with what the portal says.
async fn mint(browser: &Browser, user: &str) -> String {
    let answer = browser
        .client
        .execute_async(
            "const [user, done] = arguments;
             fetch('/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                               body: JSON.stringify({ user }) })
               .then(r => r.ok ? r.json().then(j => j.token) : r.text().then(t => 'refused: ' + t))
               .then(done, e => done(String(e)));",
            vec![json!(user)],
        )
        .await
        .unwrap();
    answer.as_str().unwrap_or_default().to_owned()
}

/// Mounts another frame of Acme Records' Users page in the portal, in a box `#name`, handed
/// `token` by `Roster.mount` whenever it asks; the codes of its errors go to `__errors[name]`.
async fn mount(browser: &Browser, name: &str, token: &str) {
    browser
        .client
        .execute(
            "const [name, token] = arguments;
             const main = document.querySelector('main');
             const box = document.createElement('div');
             box.id = name;
             main.append(box);
             window.__errors = window.__errors || {};
             window.__errors[name] = [];
             Roster.mount(box, { url: main.dataset.roster, account: main.dataset.account,
                                 path: 'users', fetchToken: () => token,
                                 onError: (code) => window.__errors[name].push(code) });
             return 0;",
            vec![json!(name), json!(token)],
        )
        .await
        .unwrap();
}

/// Waits until the frame `#name` has reported an error; its codes.
async fn errors_of(browser: &Browser, name: &str) -> Value {
    let begun = Instant::now();
    loop {
        let codes = eval(browser, &format!("return window.__errors['{name}'];")).await;
        if codes.as_array().is_some_and(|c| !c.is_empty()) {
            return codes;
        }
        assert!(
            begun.elapsed() < roster_e2e::RENDER,
            "the frame {name} reported no error"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Enters the frame in the box `#name`.
async fn enter(browser: &Browser, name: &str) {
    browser
        .wait_for(Locator::Css(&format!("#{name} iframe")))
        .await
        .enter_frame()
        .await
        .unwrap();
}

/// Waits, inside a frame, until it says that the session handed over was refused.
async fn says_refused(browser: &Browser) {
    browser
        .wait_for(Locator::XPath(
            "//main//p[@role='alert' and starts-with(normalize-space(.), 'This page could not open')]",
        ))
        .await;
    assert!(
        browser.client.find(Locator::Css("main h1")).await.is_err(),
        "a page was shown with a refused session"
    );
}

#[tokio::test]
async fn a_portal_s_token_opens_one_frame_once_within_its_minute_and_a_revoked_key_mints_nothing() {
    let (app, _, browser) = open_portal(Viewport::Desktop, true).await;

    // One token, handed to two frames: the first opens the page, the second is refused.
    let token = mint(&browser, "admin@acme.test").await;
    assert!(token.len() > 20 && !token.starts_with("refused"), "{token}");
    mount(&browser, "first", &token).await;
    enter(&browser, "first").await;
    heading(&browser, "Users").await;
    browser.client.enter_parent_frame().await.unwrap();
    mount(&browser, "again", &token).await;
    assert_eq!(
        errors_of(&browser, "again").await,
        json!(["embed.token_invalid"])
    );
    enter(&browser, "again").await;
    says_refused(&browser).await;
    browser.client.enter_parent_frame().await.unwrap();
    eval(
        &browser,
        "document.getElementById('again').scrollIntoView(); return 0;",
    )
    .await;
    enter(&browser, "again").await;
    browser.screenshot("embedded-token-refused").await;
    browser.client.enter_parent_frame().await.unwrap();

    // A token a minute old opens nothing.
    let late = mint(&browser, "admin@acme.test").await;
    app.expire_embed_tokens_earlier(61).await;
    mount(&browser, "late", &late).await;
    assert_eq!(
        errors_of(&browser, "late").await,
        json!(["embed.token_invalid"])
    );
    enter(&browser, "late").await;
    says_refused(&browser).await;
    browser.client.enter_parent_frame().await.unwrap();

    // The account's administrator revokes the portal's key, in Roster itself.
    let portal = browser.client.window().await.unwrap();
    new_window(&browser, &format!("{}/accounts/1/users", app.base)).await;
    let revoked = browser
        .client
        .execute_async(
            "const done = arguments[0];
             fetch('/api/v1/accounts/1/embed-keys').then(r => r.json()).then(list =>
               Promise.all(list.items.map(k =>
                 fetch('/api/v1/accounts/1/embed-keys/' + k.id, { method: 'DELETE' })
                   .then(r => r.status))))
             .then(done, e => done(String(e)));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(revoked, json!([204]), "revoking the demo's one key");
    browser.client.close_window().await.unwrap();
    browser.client.switch_to_window(portal).await.unwrap();

    // The portal's back end gets no token, and says so; the frame it mounts shows nothing.
    let refused = mint(&browser, "admin@acme.test").await;
    assert!(
        refused.starts_with("refused: Roster answered 401") && refused.contains("auth."),
        "{refused}"
    );
    portal_person(&browser, "user@acme.test").await;
    wait_for_event(&browser, "error portal.no_token").await;
    frame_at(&browser, "me").await;
    assert_eq!(eval(&browser, ROSTER_LOADED).await, json!(true));
    assert!(
        browser.client.find(Locator::Css("main h1")).await.is_err(),
        "a page was shown without a token"
    );
    browser.client.enter_parent_frame().await.unwrap();
    browser.close().await;
}

/// Opens a session with `token` at `POST /api/v1/embed/sessions`, from a page of Roster (as the
/// frame does), then `GET`s `path` with it and without any cookie; the status.
async fn get_with_token(browser: &Browser, token: &str, path: &str) -> Value {
    browser
        .client
        .execute_async(
            "const [token, path, done] = arguments;
             fetch('/api/v1/embed/sessions', { method: 'POST', credentials: 'omit',
                   headers: { 'Content-Type': 'application/json' },
                   body: JSON.stringify({ token }) })
               .then(r => r.json())
               .then(s => fetch('/api/v1' + path, { credentials: 'omit',
                                headers: { Authorization: 'Bearer ' + s.session } }))
               .then(r => done(r.status), e => done(String(e)));",
            vec![json!(token), json!(path)],
        )
        .await
        .unwrap()
}

/// `GET`s `path` with the browser's own cookie session; the status.
async fn get_with_cookie(browser: &Browser, path: &str) -> Value {
    browser
        .client
        .execute_async(
            "const [path, done] = arguments;
             fetch('/api/v1' + path).then(r => done(r.status), e => done(String(e)));",
            vec![json!(path)],
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn an_embedded_session_acts_in_its_one_account_with_its_person_s_own_rights() {
    let (app, _, browser) = open_portal(Viewport::Desktop, true).await;

    // The portal's plain person, sent to Users by the portal: refused, inside the frame.
    portal_person(&browser, "user@acme.test").await;
    frame_at(&browser, "me").await;
    heading(&browser, "My details").await;
    browser.client.enter_parent_frame().await.unwrap();
    eval(&browser, "frame.navigate('users'); return 0;").await;
    browser.client.enter_frame(0).await.unwrap();
    browser
        .wait_for(Locator::XPath(
            "//main//*[@role='alert' and normalize-space(.)='Only an administrator of this account can do this.']",
        ))
        .await;
    assert!(
        browser
            .client
            .find(Locator::Css("main table"))
            .await
            .is_err(),
        "a plain person's frame listed the users"
    );
    browser.screenshot("embedded-users-forbidden").await;
    browser.client.enter_parent_frame().await.unwrap();

    // The same calls, as the frame makes them, from a page of Roster and without cookies; a
    // token each, for each opens one session.
    let admin = mint(&browser, "admin@acme.test").await;
    let again = mint(&browser, "admin@acme.test").await;
    let plain = mint(&browser, "user@acme.test").await;
    new_window(&browser, &format!("{}/accounts/1/users", app.base)).await;
    // The administrator of Acme Records is a plain user of Acme Europe: their cookie session
    // knows that account and may not read its settings (403); their embedded session, of Acme
    // Records, knows of no other account (404).
    assert_eq!(get_with_cookie(&browser, "/accounts/2").await, json!(403));
    assert_eq!(
        get_with_token(&browser, &admin, "/accounts/2").await,
        json!(404)
    );
    assert_eq!(
        get_with_token(&browser, &again, "/accounts/1/users").await,
        json!(200)
    );
    assert_eq!(
        get_with_token(&browser, &plain, "/accounts/1/users").await,
        json!(403)
    );
    browser.close().await;
}
