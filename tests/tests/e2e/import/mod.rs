//! End-to-end: an admin imports a semicolon-separated Windows-1252 file with three bad rows,
//! fixes two in the grid, leaves one out, creates the accounts, reads the results and invites
//! the imported users; the grid stays usable at 360 px; a chunk whose answer is lost is sent
//! again; a dropped file is checked, and cancelling stops creating between chunks.

pub(crate) mod steps;
mod texts;

use fantoccini::Locator;
use roster_e2e::{Browser, Viewport, spawn_app};
use steps::{
    capture_downloads, cell, choose_file, downloads, leave_out, open_import, patch_fetch, the_file,
    wait_for_counts, wait_for_results, wait_for_users_found,
};

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
        cell(&browser, "Last name", 2)
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("Côté")
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
    browser
        .wait_for(Locator::XPath(
            "//label[contains(., 'Show only the rows that need attention')]/input",
        ))
        .await
        .click()
        .await
        .unwrap();
    let listed = browser
        .client
        .find_all(Locator::Css(".grid tbody tr:not(.spacer)"))
        .await
        .unwrap();
    assert_eq!(listed.len(), 3);
    let bad = cell(&browser, "Email", 3).await;
    bad.clear().await.unwrap();
    bad.send_keys("carla.import@acme.test\u{e004}")
        .await
        .unwrap();
    wait_for_counts(&browser, "5 rows · 3 ready to create · 2 need attention").await;
    let group = cell(&browser, "Group", 5).await;
    group.clear().await.unwrap();
    group.send_keys("finance\u{e004}").await.unwrap();
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
    assert_eq!(last.prop("value").await.unwrap().as_deref(), Some("broken"));
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
