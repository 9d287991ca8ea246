//! End-to-end, by keyboard alone: signing in and adding a user at a desk, activating an account
//! from its emailed link on a phone, and importing a file whose cells are fixed in the import
//! grid, with Tab, Shift+Tab, Enter, Space, Escape and the arrow keys (and typing) only. At every
//! stop of a key, what has the focus shows it (an outline or a ring) and is in sight.
//!
//! Chromium only (`cargo xtask` skips the module in the other engines): WebKit, as Safari does,
//! leaves links out of the Tab order unless its settings say otherwise, and the pages are the
//! same in every engine.

use crate::import::steps::{the_file, type_keys, wait_for_counts, wait_for_results};
use fantoccini::Locator;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use roster_e2e::{Browser, PASSWORD, Viewport, mailed_link, spawn_app};

/// What has the focus: its name (label, text or `aria-label`), whether it shows a focus ring,
/// and whether it is in sight.
async fn focus(browser: &Browser) -> (String, bool, bool) {
    let seen = browser
        .client
        .execute(
            "const e = document.activeElement;
             const label = e.labels && e.labels.length ? e.labels[0].textContent : '';
             const name = (e.getAttribute('aria-label') || label || e.textContent || '')
                 .trim().replace(/\\s+/g, ' ');
             const s = getComputedStyle(e);
             const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1)
                 || (s.boxShadow !== '' && s.boxShadow !== 'none');
             const r = e.getBoundingClientRect();
             const seen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight
                 && r.right > 0 && r.left < innerWidth;
             return [name, ring, seen, e.tagName.toLowerCase()];",
            vec![],
        )
        .await
        .unwrap();
    let name = seen[0].as_str().unwrap_or_default().to_owned();
    let tag = seen[3].as_str().unwrap_or_default();
    (
        format!("{tag} {name}"),
        seen[1].as_bool().unwrap_or(false),
        seen[2].as_bool().unwrap_or(false),
    )
}

/// Presses `key` (Tab or Shift+Tab) until the focus is on `target` (`tag name`, the name's
/// start), checking at every stop that the focus shows and is in sight.
async fn tab_to(browser: &Browser, target: &str, backwards: bool) {
    for _ in 0..40 {
        if backwards {
            let keys = KeyActions::new("keyboard".into())
                .then(KeyAction::Down {
                    value: Key::Shift.into(),
                })
                .then(KeyAction::Down {
                    value: Key::Tab.into(),
                })
                .then(KeyAction::Up {
                    value: Key::Tab.into(),
                })
                .then(KeyAction::Up {
                    value: Key::Shift.into(),
                });
            browser.client.perform_actions(keys).await.unwrap();
        } else {
            browser.press(Key::Tab).await;
        }
        let (name, ring, seen) = focus(browser).await;
        if !name.starts_with("body ") {
            assert!(ring, "{name} has the focus without showing it");
            assert!(seen, "{name} has the focus out of sight");
        }
        if name.starts_with(target) {
            return;
        }
    }
    unreachable!("Tab never reached {target}");
}

/// Presses `key` (an arrow key, Enter, Escape or Space) and waits until the focus is on `target`
/// (`tag name`, the whole), which must show the focus and be in sight.
async fn press_to(browser: &Browser, key: Key, target: &str) {
    browser.press(key).await;
    see_focus_on(browser, target).await;
}

/// Waits until the focus is on `target` (`tag name`, the whole), which must show the focus and
/// be in sight.
async fn see_focus_on(browser: &Browser, target: &str) {
    let mut seen = focus(browser).await;
    for _ in 0..50 {
        if seen.0 == target {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        seen = focus(browser).await;
    }
    let (name, ring, in_sight) = seen;
    assert_eq!(name, target, "where the focus is");
    assert!(ring, "{name} has the focus without showing it");
    assert!(in_sight, "{name} has the focus out of sight");
}

/// Types `text` where the focus is.
async fn type_in(browser: &Browser, text: &str) {
    browser
        .client
        .active_element()
        .await
        .unwrap()
        .send_keys(text)
        .await
        .unwrap();
}

#[tokio::test]
async fn an_administrator_signs_in_and_adds_a_user_by_keyboard() {
    let app = spawn_app().await;
    let admin = Browser::start(Viewport::Desktop).await;
    admin.open(&app, "/sign-in").await;
    admin.wait_for_heading("Sign in to Roster").await;
    tab_to(&admin, "input Username or email", false).await;
    type_in(&admin, "admin@acme.test").await;
    tab_to(&admin, "input Password", false).await;
    type_in(&admin, PASSWORD).await;
    admin.press(Key::Enter).await;
    admin.wait_for_heading("Choose an account").await;
    tab_to(&admin, "a Acme Records", false).await;
    admin.press(Key::Enter).await;
    admin.wait_for_heading("Users").await;

    tab_to(&admin, "a Add user", false).await;
    admin.press(Key::Enter).await;
    admin.wait_for_heading("Add a user").await;
    tab_to(&admin, "input Email", false).await;
    type_in(&admin, "kay.keys@acme.test").await;
    tab_to(&admin, "input First name", false).await;
    type_in(&admin, "Kay").await;
    tab_to(&admin, "input Last name", false).await;
    // A step back and forth again, as a person correcting the first name would.
    tab_to(&admin, "input First name", true).await;
    tab_to(&admin, "input Last name", false).await;
    type_in(&admin, "Keys").await;
    tab_to(&admin, "button Save without inviting", false).await;
    admin.screenshot("keyboard-add-user-desktop").await;
    admin.press(Key::Space).await;
    admin.wait_for_heading("Kay Keys").await;
    admin
        .wait_for(Locator::XPath(
            "//p[@role='status' and normalize-space(.)='User added.']",
        ))
        .await;
    admin.close().await;
}

#[tokio::test]
async fn a_person_activates_their_account_from_the_emailed_link_by_keyboard() {
    let app = spawn_app().await;
    let admin = Browser::start(Viewport::Desktop).await;
    admin.sign_in(&app, "admin@acme.test").await;
    admin.wait_for_heading("Users").await;
    admin
        .start_adding("kim.keys@acme.test", "Kim", "Keys")
        .await;
    admin.click_button("Save and send invitation").await;
    admin.wait_for_heading("Kim Keys").await;
    admin.open(&app, "/mailbox").await;
    admin.wait_for_heading("Mailbox").await;
    let email = admin
        .wait_for(Locator::XPath(
            "//article[.//h2[normalize-space(.)='Activate your Acme Records account'] and contains(., 'kim.keys@acme.test')]",
        ))
        .await;
    let link = mailed_link(&email, "activate").await;
    admin.close().await;

    let kim = Browser::start(Viewport::Phone).await;
    kim.client.goto(&link).await.unwrap();
    kim.wait_for_heading("Activate your account").await;
    tab_to(&kim, "button Continue", false).await;
    kim.press(Key::Enter).await;
    // Continue goes with its step: the focus moves to the page's content, where Tab goes on.
    kim.wait_for(Locator::Id("new-password")).await;
    for _ in 0..50 {
        if focus(&kim).await.0.starts_with("main ") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        focus(&kim).await.0.starts_with("main "),
        "the focus is on the content"
    );
    tab_to(&kim, "input New password", false).await;
    type_in(&kim, "kim's keyboard passphrase").await;
    tab_to(&kim, "input New password again", false).await;
    type_in(&kim, "kim's keyboard passphrase").await;
    tab_to(&kim, "button Activate my account", false).await;
    kim.screenshot("keyboard-activate-phone").await;
    kim.press(Key::Enter).await;
    kim.wait_for_heading("My details").await;
    kim.close().await;
}

#[tokio::test]
async fn an_administrator_fixes_an_import_in_its_grid_and_creates_the_accounts_by_keyboard() {
    let app = spawn_app().await;
    let admin = Browser::start(Viewport::Desktop).await;
    admin.open(&app, "/sign-in").await;
    admin.wait_for_heading("Sign in to Roster").await;
    tab_to(&admin, "input Username or email", false).await;
    type_in(&admin, "admin@acme.test").await;
    tab_to(&admin, "input Password", false).await;
    type_in(&admin, PASSWORD).await;
    admin.press(Key::Enter).await;
    admin.wait_for_heading("Choose an account").await;
    tab_to(&admin, "a Acme Records", false).await;
    admin.press(Key::Enter).await;
    admin.wait_for_heading("Users").await;
    tab_to(&admin, "a Import users", false).await;
    admin.press(Key::Enter).await;
    admin.wait_for_heading("Import users").await;

    // The one step that is not a key: the file, given to the file input the keyboard reached,
    // as WebDriver gives files (a person would pick it in the dialog that Enter opens).
    tab_to(&admin, "input Choose a CSV file", false).await;
    let path = std::env::temp_dir().join(format!("roster-e2e-{}-keys.csv", std::process::id()));
    std::fs::write(&path, the_file()).unwrap();
    admin
        .client
        .active_element()
        .await
        .unwrap()
        .send_keys(&path.to_string_lossy())
        .await
        .unwrap();
    wait_for_counts(&admin, "5 rows · 2 ready to create · 3 need attention").await;

    // The grid is one stop of the Tab key, on its first row's first cell of the file; the arrow
    // keys go to the email that is not one, and the line under the grid tells that row's issue.
    tab_to(&admin, "td ana.import@acme.test", false).await;
    press_to(&admin, Key::Down, "td bruno.import@acme.test").await;
    press_to(&admin, Key::Down, "td not-an-email").await;
    admin
        .wait_for(Locator::XPath(
            "//p[contains(@class, 'row-detail') and starts-with(normalize-space(.), 'Row 3: ')]",
        ))
        .await;
    // Enter edits the text as it is, and Escape leaves it as it was.
    press_to(&admin, Key::Enter, "input Email, Row 3").await;
    let editor = admin.client.active_element().await.unwrap();
    assert_eq!(
        editor.prop("value").await.unwrap().as_deref(),
        Some("not-an-email")
    );
    press_to(&admin, Key::Escape, "td not-an-email").await;
    // Typing replaces the text, and Enter keeps it, back on the cell.
    type_keys(&admin, "x").await;
    see_focus_on(&admin, "input Email, Row 3").await;
    press_to(&admin, Key::Escape, "td not-an-email").await;
    type_keys(&admin, "carla.import@acme.test").await;
    see_focus_on(&admin, "input Email, Row 3").await;
    press_to(&admin, Key::Enter, "td carla.import@acme.test").await;
    wait_for_counts(&admin, "5 rows · 3 ready to create · 2 need attention").await;
    admin.screenshot("keyboard-import-fixed-desktop").await;

    // Row 5's group, typed, and Tab keeps it and leaves the grid for the next control: Create.
    press_to(&admin, Key::Down, "td ANA.import@acme.test").await;
    press_to(&admin, Key::Down, "td dora.import@acme.test").await;
    press_to(&admin, Key::Right, "td Dóra").await;
    press_to(&admin, Key::Right, "td Kovács").await;
    press_to(&admin, Key::Right, "td Sales").await;
    type_keys(&admin, "finance").await;
    see_focus_on(&admin, "input Group, Row 5").await;
    press_to(&admin, Key::Tab, "button Create accounts (4)").await;
    wait_for_counts(&admin, "5 rows · 4 ready to create · 1 needs attention").await;

    // Back into the grid, where it was left; up to the duplicate and out with its button.
    tab_to(&admin, "td finance", true).await;
    press_to(&admin, Key::Up, "td ").await;
    press_to(&admin, Key::Right, "td non").await;
    press_to(&admin, Key::Right, "button Leave out row 4").await;
    press_to(&admin, Key::Enter, "button Leave out row 5").await;
    wait_for_counts(
        &admin,
        "4 rows · 4 ready to create · 0 need attention · 1 left out",
    )
    .await;
    tab_to(&admin, "button Create accounts (4)", false).await;
    admin.press(Key::Space).await;
    wait_for_results(&admin, 4, "0 left with errors, not sent · 1 left out").await;
    admin.screenshot("keyboard-import-results-desktop").await;
    admin.close().await;
}
