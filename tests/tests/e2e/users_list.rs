//! End-to-end: the users list keeps its search, filters, sort and page in its address, so Back
//! from a person and a reload show the same list; on a phone the first people show on the first
//! screen, and the list fits its width.

use fantoccini::Locator;
use roster_e2e::{Browser, Viewport, spawn_app};

/// The names in the list, in order.
async fn names(browser: &Browser) -> Vec<String> {
    let links = browser
        .client
        .find_all(Locator::Css("table.users tbody td:nth-child(2) a"))
        .await
        .unwrap();
    let mut names = Vec::new();
    for link in links {
        names.push(link.text().await.unwrap());
    }
    names
}

/// The value of the field labelled `label` (an input's text, a select's chosen value).
async fn value(browser: &Browser, label: &str) -> String {
    let field = browser.field(label).await;
    field.prop("value").await.unwrap().unwrap_or_default()
}

/// Chooses the option of value `value` in the select labelled `label`.
async fn choose(browser: &Browser, label: &str, value: &str) {
    browser
        .field(label)
        .await
        .select_by_value(value)
        .await
        .map_err(|err| format!("choose {value} in {label}: {err}"))
        .unwrap();
}

/// Waits until the address is `address`, a path and its query (the app changes it without
/// loading a page).
async fn wait_for_address(browser: &Browser, address: &str) {
    let url = browser
        .client
        .current_url()
        .await
        .unwrap()
        .join(address)
        .unwrap();
    browser
        .client
        .wait()
        .for_url(&url)
        .await
        .map_err(|err| format!("waiting for the address {address}: {err}"))
        .unwrap();
}

/// Waits until the pager tells `status` (`"Page 2 / 5 · 120 users"`), which it does once that
/// page is shown.
async fn wait_for_pager(browser: &Browser, status: &str) {
    browser
        .wait_for(Locator::XPath(&format!(
            "//nav[@aria-label='Pages']/span[normalize-space(.)='{status}']"
        )))
        .await;
}

#[tokio::test]
async fn back_and_reload_keep_the_search_filters_sort_and_page_of_the_users_list() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Desktop).await;
    let c = &browser.client;
    browser.sign_in(&app, "admin@acme.test").await;
    browser.wait_for_heading("Users").await;
    let list = c.current_url().await.unwrap().path().to_owned();
    assert!(list.ends_with("/users"), "the plain list: {list}");

    // Search, filter, sort and go to page 2: each shows in the address, defaults left out.
    browser.fill("Search", "acme").await;
    wait_for_address(&browser, &format!("{list}?q=acme")).await;
    choose(&browser, "State", "active").await;
    wait_for_address(&browser, &format!("{list}?q=acme&state=active")).await;
    choose(&browser, "Role", "user").await;
    wait_for_address(&browser, &format!("{list}?q=acme&state=active&role=user")).await;
    choose(&browser, "Sort by", "-name").await;
    let sorted = format!("{list}?q=acme&state=active&role=user&sort=-name");
    wait_for_address(&browser, &sorted).await;
    browser.wait_for(Locator::Css("table.users tbody tr")).await;
    let first = browser
        .wait_for(Locator::XPath(
            "//nav[@aria-label='Pages']/span[starts-with(normalize-space(.), 'Page 1 / ')]",
        ))
        .await
        .text()
        .await
        .unwrap();
    browser.click_button("Next").await;
    let address = format!("{sorted}&page=2");
    wait_for_address(&browser, &address).await;
    let status = first.replacen("Page 1 ", "Page 2 ", 1);
    wait_for_pager(&browser, &status).await;
    let shown = names(&browser).await;
    assert_eq!(shown.len(), 25, "a full second page: {status}");
    let open = c
        .execute(
            "window.scrollTo(0, 0); return document.querySelector('form.filters details').open;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(open, serde_json::json!(true), "unfolded on a wide screen");
    browser.screenshot("users-list-filtered-desktop").await;

    // Open a person, then Back: the same list, search, filters, sort and page.
    browser.click_link(&shown[0]).await;
    browser.wait_for_heading(&shown[0]).await;
    c.back().await.unwrap();
    wait_for_address(&browser, &address).await;
    wait_for_pager(&browser, &status).await;
    let same_list = async |browser: &Browser| {
        assert_eq!(names(browser).await, shown, "the same people");
        assert_eq!(value(browser, "Search").await, "acme");
        assert_eq!(value(browser, "State").await, "active");
        assert_eq!(value(browser, "Role").await, "user");
        assert_eq!(value(browser, "Group").await, "");
        assert_eq!(value(browser, "Licence").await, "");
        assert_eq!(value(browser, "Sort by").await, "-name");
    };
    same_list(&browser).await;

    // A reload too.
    c.refresh().await.unwrap();
    browser.wait_for_heading("Users").await;
    wait_for_pager(&browser, &status).await;
    same_list(&browser).await;
    let reloaded = c.current_url().await.unwrap();
    assert_eq!(&reloaded.as_str()[app.base.len()..], address);

    // Typing replaces the address rather than adding a step per letter: Back from the search
    // goes where the list was before it.
    browser.fill("Search", "nakamura").await;
    wait_for_address(
        &browser,
        &format!("{list}?q=nakamura&state=active&role=user&sort=-name"),
    )
    .await;
    c.back().await.unwrap();
    wait_for_address(&browser, &sorted).await;
    wait_for_pager(&browser, &first).await;
    assert_eq!(
        value(&browser, "Search").await,
        "acme",
        "the field follows Back"
    );

    // Values that the list does not offer read as the defaults, without an error.
    let bad = format!("{list}?state=asleep&role=owner&sort=bogus&page=two&licensed=maybe");
    browser.open(&app, &bad).await;
    browser.wait_for_heading("Users").await;
    browser.wait_for(Locator::Css("table.users tbody tr")).await;
    assert_eq!(value(&browser, "State").await, "");
    assert_eq!(value(&browser, "Sort by").await, "name");
    browser
        .wait_for(Locator::XPath(
            "//nav[@aria-label='Pages']/span[starts-with(normalize-space(.), 'Page 1 / ')]",
        ))
        .await;
    assert!(
        c.find(Locator::Css(".alert")).await.is_err(),
        "no error shown"
    );
    // A page past the last shows the last.
    browser
        .open(&app, &format!("{list}?q=nakamura&page=9"))
        .await;
    wait_for_address(&browser, &format!("{list}?q=nakamura")).await;
    wait_for_pager(&browser, "Page 1 / 1 · 20 users").await;
    browser.close().await;
}

#[tokio::test]
async fn a_phone_shows_people_on_the_first_screen_and_the_list_fits_its_width() {
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Phone).await;
    let c = &browser.client;
    browser.sign_in(&app, "admin@acme.test").await;
    browser.wait_for_heading("Users").await;
    let list = c.current_url().await.unwrap().path().to_owned();

    // Filtered by a link: the filters stay folded, telling how many are set.
    browser
        .open(&app, &format!("{list}?state=active&licensed=false"))
        .await;
    browser.wait_for(Locator::Css("table.users tbody tr")).await;
    let summary = browser.wait_for(Locator::Css("form.filters summary")).await;
    assert_eq!(summary.text().await.unwrap(), "Filters (2 active)");
    let open = c
        .execute(
            "return document.querySelector('form.filters details').open;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(open, serde_json::json!(false), "folded on a phone");
    let place = c
        .execute(
            "const row = document.querySelector('table.users tbody tr');
             const wrap = document.querySelector('.table-wrap');
             return [row.getBoundingClientRect().top, innerHeight,
                     wrap.scrollWidth, wrap.clientWidth];",
            vec![],
        )
        .await
        .unwrap();
    let at = |i: usize| place[i].as_f64().unwrap();
    assert!(
        at(0) < at(1),
        "the first person shows on the first screen: row at {} px, screen {} px high",
        at(0),
        at(1)
    );
    assert!(
        at(2) <= at(3),
        "the list does not scroll sideways: {} px in {} px",
        at(2),
        at(3)
    );
    browser.assert_fits_width("the filtered users list").await;
    browser.screenshot("users-list-phone").await;

    // Unfolded, the filters show what the address set.
    browser.click(summary, "Filters").await;
    assert_eq!(value(&browser, "State").await, "active");
    assert_eq!(value(&browser, "Licence").await, "false");
    browser
        .assert_fits_width("the users list with its filters")
        .await;
    browser.screenshot("users-list-phone-filters").await;
    browser.close().await;
}
