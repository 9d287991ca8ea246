//! The steps the import tests share: the file, the page's counts and downloads, the network.

use fantoccini::Locator;
use roster_e2e::{Browser, TestApp};

/// What French Excel on Windows saves: semicolons, Windows-1252, CRLF.
pub fn the_file() -> Vec<u8> {
    let rows = [
        "email;first_name;last_name;group;licence",
        "ana.import@acme.test;Ana;Lima;Finance;non",
        "bruno.import@acme.test;Bruno;C\u{f4}t\u{e9};;non",
        "not-an-email;Carla;Dias;;non",
        "ANA.import@acme.test;Ana;Again;;non",
        "dora.import@acme.test;D\u{f3}ra;Kov\u{e1}cs;Sales;non",
    ];
    // Every character above is in Latin-1, where Windows-1252 agrees byte for byte.
    rows.join("\r\n")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect()
}

/// Waits until the counts line reads `text`.
pub async fn wait_for_counts(browser: &Browser, text: &str) {
    browser
        .wait_for(Locator::XPath(&format!(
            "//p[contains(@class, 'counts') and normalize-space(.)='{text}']"
        )))
        .await;
}

/// Waits until the results read `created` created, none added from other accounts or refused,
/// then `rest`: the rows not sent and why.
pub async fn wait_for_results(browser: &Browser, created: usize, rest: &str) {
    wait_for_counts(
        browser,
        &format!("{created} created · 0 added from other accounts · 0 refused · {rest}"),
    )
    .await;
}

/// Searches the Users page for `query` and waits until it finds `count` users.
pub async fn wait_for_users_found(browser: &Browser, query: &str, count: usize) {
    browser.fill("Search", query).await;
    browser
        .wait_for(Locator::XPath(&format!(
            "//span[@role='status' and contains(., '· {count} users')]"
        )))
        .await;
}

/// The grid's input for the column of words `column` (`Last name`) of data row `row`.
pub async fn cell(browser: &Browser, column: &str, row: u32) -> fantoccini::elements::Element {
    browser
        .wait_for(Locator::XPath(&format!(
            "//input[@aria-label='{column}, Row {row}']"
        )))
        .await
}

/// Leaves data row `row` out of the import with its button.
pub async fn leave_out(browser: &Browser, row: u32) {
    browser
        .wait_for(Locator::XPath(&format!(
            "//button[@aria-label='Leave out row {row}']"
        )))
        .await
        .click()
        .await
        .unwrap();
}

/// Keeps every file the page offers for download, to read back with [`downloads`].
pub async fn capture_downloads(browser: &Browser) {
    browser
        .client
        .execute(
            "window.__downloads = []; const make = URL.createObjectURL; \
             URL.createObjectURL = (blob) => { window.__downloads.push(blob); return make(blob); }; \
             return null;",
            vec![],
        )
        .await
        .unwrap();
}

/// The text of every file offered for download so far, byte order mark kept.
pub async fn downloads(browser: &Browser) -> Vec<String> {
    let texts = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             const keep = new TextDecoder('utf-8', { ignoreBOM: true }); \
             Promise.all(window.__downloads.map((b) => b.arrayBuffer())) \
               .then((all) => done(all.map((bytes) => keep.decode(bytes))));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(texts).unwrap()
}

pub async fn open_import(browser: &Browser, app: &TestApp) {
    browser.sign_in(app, "admin@acme.test").await;
    browser.wait_for_heading("Users").await;
    browser.click_link("Import users").await;
    browser.wait_for_heading("Import users").await;
}

/// Puts `script` between the page and the network: it sets `window.fetch`, the browser's own
/// being `real`.
pub async fn patch_fetch(browser: &Browser, script: &str) {
    browser
        .client
        .execute(
            &format!("const real = window.fetch; {script} return null;"),
            vec![],
        )
        .await
        .unwrap();
}

/// Saves `bytes` as a file called `name` and chooses it on the page, as an admin would.
pub async fn choose_file(browser: &Browser, name: &str, bytes: &[u8]) {
    let path = std::env::temp_dir().join(format!("roster-e2e-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    browser
        .field("Choose a CSV file")
        .await
        .send_keys(&path.to_string_lossy())
        .await
        .unwrap();
    // Firefox leaves its window without focus once a file is chosen this way (no picker came to
    // give it back), and then fires no focus, blur or change events: a person's window would have
    // it back, so the test gives it back too.
    let window = browser.client.window().await.unwrap();
    browser.client.switch_to_window(window).await.unwrap();
}
