//! End-to-end: an admin imports a semicolon-separated Windows-1252 file with three bad rows,
//! fixes two in the grid, leaves one out, creates the accounts, reads the results and invites
//! the imported users; the grid stays usable at 360 px; a chunk whose answer is lost is sent
//! again; a dropped file is checked, and cancelling stops creating between chunks; a large file
//! is read in two parts (`large.rs`).

mod large;
pub(crate) mod steps;
mod texts;

use fantoccini::Locator;
use fantoccini::elements::Element;
use fantoccini::key::Key;
use roster_e2e::{Browser, Viewport, spawn_app};
use steps::{
    capture_downloads, cell, choose_file, downloads, fix_cell, leave_out, open_import, patch_fetch,
    press_ctrl, show_only_attention, shown_text, the_file, wait_for_counts, wait_for_focus_on,
    wait_for_results, wait_for_users_found,
};

/// Whether `element` shows whole in the grid's viewport, below its sticky header row.
async fn in_grid_view(browser: &Browser, element: &Element) -> bool {
    browser
        .client
        .execute(
            "const r = arguments[0].getBoundingClientRect(); \
             const g = document.querySelector('.grid').getBoundingClientRect(); \
             const head = document.querySelector('.grid thead').getBoundingClientRect(); \
             return r.top >= head.bottom - 1 && r.bottom <= g.bottom + 1 \
               && r.left >= g.left - 1 && r.right <= g.right + 1;",
            vec![serde_json::to_value(element).unwrap()],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap()
}

#[tokio::test]
async fn an_admin_fixes_a_file_in_place_creates_the_accounts_and_invites_them() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Desktop).await;
    open_import(&browser, &app).await;
    browser.screenshot("import-choose-desktop").await;
    capture_downloads(&browser).await;
    browser.click_button("Download the template").await;
    browser.wait_for(Locator::Css("body")).await;
    choose_file(&browser, "people.csv", &the_file()).await;
    wait_for_counts(&browser, "5 rows · 2 ready to create · 3 need attention").await;
    // The accents came through from Windows-1252.
    assert_eq!(
        shown_text(&browser, &cell(&browser, "Last name", 2).await).await,
        "Côté"
    );
    let bad = cell(&browser, "Email", 3).await;
    assert_eq!(
        bad.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    browser.screenshot("import-review-desktop").await;
    // The template (UTF-8 with a byte order mark, for Excel) and the file with its issues.
    browser
        .click_button("Download the file with its issues")
        .await;
    let files = downloads(&browser).await;
    assert_eq!(files.len(), 2, "the template and the annotated file");
    assert!(
        files[0].starts_with("\u{FEFF}email,first_name,last_name,username,"),
        "{}",
        files[0]
    );
    assert!(files[1].starts_with("\u{FEFF}email,first_name,last_name,group,licence,issues\r\n"));
    assert!(
        files[1].contains("not-an-email,Carla,Dias,,non,\"email: An email address needs an @"),
        "{}",
        files[1]
    );
    assert!(files[1].contains("bruno.import@acme.test,Bruno,Côté,,non,\r\n"));

    // Only the rows needing attention, then fix two in place and leave the duplicate out.
    show_only_attention(&browser).await;
    let listed = browser
        .client
        .find_all(Locator::Css(".grid tbody tr:not(.spacer)"))
        .await
        .unwrap();
    assert_eq!(listed.len(), 3);
    fix_cell(&browser, "Email", 3, "carla.import@acme.test").await;
    wait_for_counts(&browser, "5 rows · 3 ready to create · 2 need attention").await;
    let fixed = cell(&browser, "Email", 3).await;
    assert_eq!(shown_text(&browser, &fixed).await, "carla.import@acme.test");
    assert_eq!(fixed.attr("aria-invalid").await.unwrap(), None);
    fix_cell(&browser, "Group", 5, "finance").await;
    wait_for_counts(&browser, "5 rows · 4 ready to create · 1 needs attention").await;
    leave_out(&browser, 4).await;
    wait_for_counts(
        &browser,
        "4 rows · 4 ready to create · 0 need attention · 1 left out",
    )
    .await;

    browser.click_button("Create accounts (4)").await;
    wait_for_results(&browser, 4, "0 left with errors, not sent · 1 left out").await;
    browser.screenshot("import-results-desktop").await;
    browser.click_button("Download the results").await;
    let results = downloads(&browser).await.pop().unwrap();
    assert!(
        results.starts_with("\u{FEFF}row,outcome,user,issues\r\n1,created,"),
        "{results}"
    );
    assert_eq!(results.matches(",created,").count(), 4);
    browser.click_button("Invite the imported users").await;
    browser
        .wait_for(Locator::XPath(
            "//p[normalize-space(.)='Invitations sent: 4 · not sent: 0']",
        ))
        .await;
    // Back in the app: the four are invited.
    browser.click_link("Invitations").await;
    browser.wait_for_heading("Invitations").await;
    for name in ["Ana Lima", "Bruno Côté", "Carla Dias", "Dóra Kovács"] {
        browser
            .wait_for(Locator::XPath(&format!(
                "//td[normalize-space(.)='{name}']"
            )))
            .await;
    }
    browser.close().await;
}

#[tokio::test]
async fn the_grid_scrolls_through_thousands_of_rows_at_phone_width() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Phone).await;
    open_import(&browser, &app).await;
    let mut text = String::from("email,first_name,last_name\r\n");
    for n in 1..=3000 {
        text.push_str(&format!("person{n}@acme.test,Person,Number {n}\r\n"));
    }
    text.push_str("broken,Last,Row\r\n");
    choose_file(&browser, "many.csv", text.as_bytes()).await;
    wait_for_counts(
        &browser,
        "3,001 rows · 3,000 ready to create · 1 needs attention",
    )
    .await;
    // Only the rows in view are in the page.
    let drawn = browser
        .client
        .find_all(Locator::Css(".grid tbody tr:not(.spacer)"))
        .await
        .unwrap();
    assert!(drawn.len() < 40, "{} rows drawn", drawn.len());
    browser.screenshot("import-review-phone").await;
    // Scrolled to the end, the last row is there, at its place.
    browser
        .client
        .execute(
            "const g = document.querySelector('.grid'); g.scrollTop = g.scrollHeight; return null;",
            vec![],
        )
        .await
        .unwrap();
    let last = cell(&browser, "Email", 3001).await;
    assert_eq!(shown_text(&browser, &last).await, "broken");
    let visible: bool = browser
        .client
        .execute(
            "const r = arguments[0].getBoundingClientRect(); const g = document.querySelector('.grid').getBoundingClientRect(); return r.bottom <= g.bottom + 1 && r.top >= g.top;",
            vec![serde_json::to_value(&last).unwrap()],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(visible, "the last row is inside the grid's viewport");
    browser.assert_fits_width("the import page").await;
    browser.screenshot("import-review-end-phone").await;

    // By keyboard, to the first row and back to the last: each key draws the row it goes to.
    browser.click(last, "the last email").await;
    press_ctrl(&browser, Key::Home).await;
    let first = wait_for_focus_on(&browser, "1").await;
    assert!(
        in_grid_view(&browser, &first).await,
        "the first row in view"
    );
    browser.press(Key::Down).await;
    wait_for_focus_on(&browser, "2").await;
    press_ctrl(&browser, Key::End).await;
    let button = wait_for_focus_on(&browser, "Leave out row 3001").await;
    assert!(
        in_grid_view(&browser, &button).await,
        "the last row in view"
    );
    for _ in 0..3 {
        browser.press(Key::Left).await;
    }
    let email = wait_for_focus_on(&browser, "broken").await;
    assert!(in_grid_view(&browser, &email).await, "its email in view");
    browser.press(Key::Up).await;
    wait_for_focus_on(&browser, "person3000@acme.test").await;
    // A screenful up: as many rows as the grid shows.
    browser.press(Key::PageUp).await;
    let mut up = browser.client.active_element().await.unwrap();
    let mut text = shown_text(&browser, &up).await;
    for _ in 0..50 {
        if text != "person3000@acme.test" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        up = browser.client.active_element().await.unwrap();
        text = shown_text(&browser, &up).await;
    }
    let n: u32 = text
        .trim_start_matches("person")
        .trim_end_matches("@acme.test")
        .parse()
        .unwrap_or_else(|_| panic!("Page Up went to {text}"));
    assert!((2985..=2995).contains(&n), "Page Up went to {text}");
    assert!(in_grid_view(&browser, &up).await, "a page up in view");
    browser.close().await;
}

#[tokio::test]
async fn a_lost_answer_is_sent_again_and_creates_nobody_twice() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Desktop).await;
    open_import(&browser, &app).await;
    // The network drops the server's answer to the first chunk, after the server acted on it.
    patch_fetch(
        &browser,
        // The failure is the page's own TypeError, carried by the page's own promise: in Firefox
        // WebDriver's script runs in a sandbox, whose errors the page cannot read (its import
        // then waited for ever), as a network failure is the page's.
        "let lost = false; \
         window.fetch = (...args) => real(...args).then((answer) => { \
           const url = String(args[0] && args[0].url || args[0]); \
           if (!lost && url.endsWith('/imports')) { lost = true; throw new window.TypeError('network'); } \
           return answer; });",
    )
    .await;
    let text = "email,first_name,last_name\r\nlost.one@acme.test,Lost,One\r\nlost.two@acme.test,Lost,Two\r\n";
    choose_file(&browser, "lost.csv", text.as_bytes()).await;
    wait_for_counts(&browser, "2 rows · 2 ready to create · 0 need attention").await;
    browser.click_button("Create accounts (2)").await;
    browser
        .wait_for(Locator::XPath(
            "//p[@role='alert' and contains(., 'Nothing was created twice')]",
        ))
        .await;
    browser.click_button("Try again").await;
    wait_for_results(&browser, 2, "0 left with errors, not sent · 0 left out").await;
    // And in the users list, each once.
    browser.click_link("Users").await;
    browser.wait_for_heading("Users").await;
    wait_for_users_found(&browser, "lost.", 2).await;
    browser.close().await;
}

#[tokio::test]
async fn a_dropped_file_is_checked_and_creating_stops_when_cancelled() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Desktop).await;
    open_import(&browser, &app).await;
    // 600 rows: two chunks. The network holds the first until the test lets it go.
    patch_fetch(
        &browser,
        "window.__hold = new Promise((go) => { window.__release = go; }); \
         window.fetch = async (...args) => { \
           const url = String(args[0] && args[0].url || args[0]); \
           if (url.endsWith('/imports')) { window.__held = true; await window.__hold; } \
           return real(...args); };",
    )
    .await;
    let mut text = String::from("email,first_name,last_name\r\n");
    for n in 0..600 {
        text.push_str(&format!("dropped.{n}@acme.test,Dropped,Person{n}\r\n"));
    }
    // Dropped on the page, as from a file manager.
    browser
        .client
        .execute(
            "const file = new File([arguments[0]], 'dropped.csv', { type: 'text/csv' }); \
             const data = new DataTransfer(); data.items.add(file); \
             document.querySelector('.dropzone').dispatchEvent( \
               new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true })); \
             return null;",
            vec![text.into()],
        )
        .await
        .unwrap();
    wait_for_counts(
        &browser,
        "600 rows · 600 ready to create · 0 need attention",
    )
    .await;
    browser.click_button("Create accounts (600)").await;
    // Cancel while the first chunk is on its way.
    let held = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; const start = Date.now(); \
             const poll = () => window.__held || Date.now() - start > 10000 \
               ? done(window.__held === true) : setTimeout(poll, 20); \
             poll();",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(held, true, "the first chunk was sent");
    browser.click_button("Cancel").await;
    browser
        .client
        .execute("window.__release(); return null;", vec![])
        .await
        .unwrap();
    // The chunk already sent is finished; the next one is never sent.
    wait_for_results(
        &browser,
        500,
        "0 left with errors, not sent · 0 left out · 100 not sent (cancelled)",
    )
    .await;
    browser.click_button("Finish").await;
    browser.wait_for_heading("Users").await;
    wait_for_users_found(&browser, "dropped.", 500).await;
    browser.close().await;
}
