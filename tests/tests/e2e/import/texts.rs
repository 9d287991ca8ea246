//! End-to-end: the import's texts read as words. The grid's columns are named in words with the
//! file's own header under them, a row's issues can be read whole by clicking or tapping it, the
//! counts say "1 row" and "2 rows", and the results count the rows left with errors and those
//! left out.

use super::steps::{choose_file, leave_out, open_import, wait_for_counts, wait_for_results};
use fantoccini::Locator;
use roster_e2e::{Browser, Viewport, spawn_app};

/// Four rows, the second with three problems: a long text of issues.
const FILE: &str = "email,Prénom,last_name,phone,group,exchange_domain,records\r\n\
    una.words@acme.test,Una,Words,,,,\r\n\
    far.away@elsewhere.example,Far,Away,,Nowhere,,Z\r\n\
    tres.words@acme.test,Tres,Words,,,,\r\n\
    cuatro.words@acme.test,Cuatro,Words,,,,\r\n";

/// The detail line before a row is chosen.
const HINT: &str = "//p[@class='row-detail' and .='Select a row to read its issues in full here.']";

/// Waits for the header of the column of words `word`, with the file's header `raw` under them
/// (none when they are the same words).
async fn header(browser: &Browser, word: &str, raw: Option<&str>) {
    let raw = match raw {
        Some(raw) => format!("small[@class='column-name' and .='{raw}']"),
        None => "not(small)".to_owned(),
    };
    browser
        .wait_for(Locator::XPath(&format!(
            "//div[@class='grid']//thead//th[span[@class='column-word' and .='{word}'] and {raw}]"
        )))
        .await;
}

/// The issues cell of data row `row`.
async fn issues(browser: &Browser, row: u32) -> fantoccini::elements::Element {
    browser
        .wait_for(Locator::XPath(&format!(
            "//div[@class='grid']//tr[th[normalize-space(.)='{row}']]/td[contains(@class, 'issues')]"
        )))
        .await
}

/// Clicks (or taps) row 2's issues and checks that the detail line shows their whole text,
/// wrapped within the page, though the cell cuts it short.
async fn read_row_two_whole(browser: &Browser) {
    let cell = issues(browser, 2).await;
    // Its whole text, as the page holds it (WebKit's driver reads a cut cell as empty).
    let text = cell.prop("textContent").await.unwrap().unwrap_or_default();
    for part in ["Email:", "acme.test", "Group:", "records level:"] {
        assert!(text.contains(part), "row 2's issues name {part}: {text}");
    }
    let cut: bool = browser
        .client
        .execute(
            "return arguments[0].scrollWidth > arguments[0].clientWidth;",
            vec![serde_json::to_value(&cell).unwrap()],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(cut, "the cell is too narrow for the whole text: {text}");
    browser.click(cell, "row 2's issues").await;
    let detail = browser
        .wait_for(Locator::XPath(
            "//p[@class='row-detail' and starts-with(., 'Row 2: ')]",
        ))
        .await;
    assert_eq!(
        detail
            .prop("textContent")
            .await
            .unwrap()
            .unwrap_or_default()
            .trim(),
        format!("Row 2: {}", text.trim()),
        "the detail line shows the whole text"
    );
    let whole: bool = browser
        .client
        .execute(
            "const e = arguments[0]; const r = e.getBoundingClientRect(); \
             return e.scrollWidth <= e.clientWidth && r.right <= document.documentElement.clientWidth;",
            vec![serde_json::to_value(&detail).unwrap()],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(
        whole,
        "the detail line wraps its whole text within the page"
    );
}

/// Waits for the line telling how long reading and checking took, with `rows` in words.
async fn wait_for_timing(browser: &Browser, rows: &str) {
    browser
        .wait_for(Locator::XPath(&format!(
            "//p[@data-check-ms and starts-with(normalize-space(.), 'Read and checked {rows} in ') \
             and substring(normalize-space(.), string-length(normalize-space(.)) - 3) = ' ms.']"
        )))
        .await;
}

#[tokio::test]
async fn the_review_reads_in_words_and_the_results_count_every_row() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Desktop).await;
    open_import(&browser, &app).await;
    choose_file(&browser, "words.csv", FILE.as_bytes()).await;
    wait_for_counts(&browser, "4 rows · 3 ready to create · 1 needs attention").await;
    wait_for_timing(&browser, "4 rows").await;
    header(&browser, "Email", None).await;
    header(&browser, "First name", Some("Prénom")).await;
    header(&browser, "Last name", Some("last_name")).await;
    header(&browser, "Phone", None).await;
    header(&browser, "Group", None).await;
    header(&browser, "Exchange domain", Some("exchange_domain")).await;
    header(&browser, "records level", Some("records")).await;
    browser.wait_for(Locator::XPath(HINT)).await;
    read_row_two_whole(&browser).await;
    browser.screenshot("import-words-desktop").await;

    // One row left out, one left with its errors: the results count both.
    leave_out(&browser, 4).await;
    wait_for_counts(
        &browser,
        "3 rows · 2 ready to create · 1 needs attention · 1 left out",
    )
    .await;
    // The row left out is no longer told of: the row before it, whose button took the focus, is.
    browser
        .wait_for(Locator::XPath(
            "//p[@class='row-detail' and starts-with(., 'Row 3: ')]",
        ))
        .await;
    browser.click_button("Create accounts (2)").await;
    wait_for_results(&browser, 2, "1 left with errors, not sent · 1 left out").await;
    browser.screenshot("import-words-results-desktop").await;

    // One row: singular words.
    browser.open(&app, "/accounts/1/users/import").await;
    browser.wait_for_heading("Import users").await;
    let one = "email,first_name,last_name\r\nsolo.words@acme.test,Solo,Words\r\n";
    choose_file(&browser, "one.csv", one.as_bytes()).await;
    wait_for_counts(&browser, "1 row · 1 ready to create · 0 need attention").await;
    wait_for_timing(&browser, "1 row").await;
    browser.click_button("Create accounts (1)").await;
    wait_for_results(&browser, 1, "0 left with errors, not sent · 0 left out").await;
    browser.close().await;
}

#[tokio::test]
async fn a_long_text_of_issues_is_read_whole_on_a_phone() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Phone).await;
    open_import(&browser, &app).await;
    choose_file(&browser, "words.csv", FILE.as_bytes()).await;
    wait_for_counts(&browser, "4 rows · 3 ready to create · 1 needs attention").await;
    header(&browser, "First name", Some("Prénom")).await;
    read_row_two_whole(&browser).await;
    browser
        .assert_fits_width("the import page with a row's issues")
        .await;
    browser.screenshot("import-words-phone").await;
    browser.close().await;
}
