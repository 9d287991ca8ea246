//! A file over 256 KB: the page reads its first part while its Web Worker reads the second,
//! and the review shows one file checked as a whole, duplicates across the parts included.

use super::steps::{
    capture_downloads, choose_file, downloads, open_import, show_only_attention, wait_for_counts,
};
use fantoccini::Locator;
use roster_e2e::{Browser, Viewport, spawn_app};

#[tokio::test]
async fn a_large_file_is_read_in_two_parts_and_checked_as_one() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Desktop).await;
    open_import(&browser, &app).await;
    capture_downloads(&browser).await;
    let mut text = String::from("email,first_name,last_name,licence\r\n");
    for n in 1..=7000 {
        text.push_str(&format!("person{n}@acme.test,Person,Number {n},no\r\n"));
    }
    // In the second part: a row of the first again, a member of the account, a broken row.
    text.push_str(
        "PERSON10@acme.test,Again,Ten,no\r\nadmin@acme.test,Ad,Min,no\r\nbroken,Last,Row,no\r\n",
    );
    assert!(text.len() > 256 * 1024, "{} bytes", text.len());
    // The worker starts with the page: by the second file it is ready for certain.
    for round in 0..2 {
        if round > 0 {
            browser.click_button("Choose another file").await;
        }
        choose_file(&browser, "large.csv", text.as_bytes()).await;
        wait_for_counts(
            &browser,
            "7,003 rows · 7,000 ready to create · 3 need attention",
        )
        .await;
    }
    let timing = browser.wait_for(Locator::Css("p[data-parts]")).await;
    assert_eq!(
        timing.attr("data-parts").await.unwrap().as_deref(),
        Some("2"),
        "read in two parts"
    );
    // The three rows, numbered on from the first part's.
    show_only_attention(&browser).await;
    let mut numbers = Vec::new();
    for header in browser
        .client
        .find_all(Locator::Css(".grid tbody tr:not(.spacer) th[scope='row']"))
        .await
        .unwrap()
    {
        numbers.push(header.text().await.unwrap().trim().to_owned());
    }
    assert_eq!(numbers, ["7001", "7002", "7003"]);
    browser
        .click_button("Download the file with its issues")
        .await;
    let annotated = downloads(&browser).await.pop().unwrap();
    let line = |start: &str| {
        annotated
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line for {start}"))
            .to_owned()
    };
    assert!(
        line("PERSON10@").contains("already on an earlier row"),
        "{}",
        line("PERSON10@")
    );
    assert!(
        line("admin@").len() > "admin@acme.test,Ad,Min,no,".len(),
        "{}",
        line("admin@")
    );
    assert!(
        line("broken,").contains("needs an @"),
        "{}",
        line("broken,")
    );
    assert_eq!(
        line("person7000@"),
        "person7000@acme.test,Person,Number 7000,no,"
    );
    browser.close().await;
}
