//! The steps the import tests share: the file, the page's counts and downloads, the network.

use fantoccini::Locator;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use roster_e2e::{Browser, TestApp};
use std::time::{Duration, Instant};

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

/// Ticks "Show only the rows that need attention".
pub async fn show_only_attention(browser: &Browser) {
    browser
        .wait_for(Locator::XPath(
            "//label[contains(., 'Show only the rows that need attention')]/input",
        ))
        .await
        .click()
        .await
        .unwrap();
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

/// The grid's cell for the column of words `column` (`Last name`) of data row `row`, found as a
/// person finds it: under the column's header, beside the row's number.
pub async fn cell(browser: &Browser, column: &str, row: u32) -> Element {
    browser
        .wait_for(Locator::XPath(&format!(
            "//table[@role='grid']//tr[th[@scope='row' and normalize-space(.)='{row}']]\
             /td[@aria-colindex = //table[@role='grid']//th[@scope='col']\
             [span[@class='column-word' and normalize-space(.)='{column}']]/@aria-colindex]"
        )))
        .await
}

/// The text `element` shows, as the page's own `innerText` has it, trimmed. WebKitWebDriver's
/// Get Element Text answers "" for the grid's cells: its displayedness check takes their text
/// (a `span` clipped with an ellipsis, in a table that scrolls) for hidden, where the page and
/// its screenshot show it, and Chromium's and Firefox's drivers read it.
pub async fn shown_text(browser: &Browser, element: &Element) -> String {
    browser
        .client
        .execute(
            "return arguments[0].innerText.trim();",
            vec![serde_json::to_value(element).unwrap()],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Replaces the text of a cell as a person does with a spreadsheet: clicks it, types (the first
/// character starts the edit, instead of the text), and keeps it with Enter.
pub async fn fix_cell(browser: &Browser, column: &str, row: u32, text: &str) {
    let found = cell(browser, column, row).await;
    browser
        .click(found, &format!("the cell {column} of row {row}"))
        .await;
    type_keys(browser, text).await;
    browser.press(Key::Enter).await;
}

/// Types `text` where the keyboard's focus is, a key at a time (the focus may move as it types:
/// a cell's first character moves it to the cell's input).
pub async fn type_keys(browser: &Browser, text: &str) {
    let mut keys = KeyActions::new("typing".into());
    for c in text.chars() {
        keys = keys
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    browser.client.perform_actions(keys).await.unwrap();
}

/// Presses `key` with Ctrl held.
pub async fn press_ctrl(browser: &Browser, key: Key) {
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down {
            value: Key::Control.into(),
        })
        .then(KeyAction::Down { value: key.into() })
        .then(KeyAction::Up { value: key.into() })
        .then(KeyAction::Up {
            value: Key::Control.into(),
        });
    browser.client.perform_actions(keys).await.unwrap();
}

/// Waits until what has the keyboard's focus is named `name` (its `aria-label`, or its text),
/// and answers it.
pub async fn wait_for_focus_on(browser: &Browser, name: &str) -> Element {
    let start = Instant::now();
    loop {
        let now = browser
            .client
            .execute(
                "const e = document.activeElement; \
                 return (e.getAttribute('aria-label') || e.textContent).trim();",
                vec![],
            )
            .await
            .unwrap();
        if now == name {
            return browser.client.active_element().await.unwrap();
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the focus is on {now}, not {name}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
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
