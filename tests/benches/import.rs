//! `cargo xtask bench`, the import's figures: a realistic 50,000-row file read and checked by
//! Roster's wasm on the real Import users page in headless Chromium (the page's own timing,
//! from the file's bytes to every row checked, slices and yields included, the second half by
//! the page's Web Worker when it is ready, its handing over included), Papa Parse (npm
//! `papaparse`) and uDSV (npm `udsv`, the fastest JavaScript CSV parser) parsing the same text in
//! the same browser, and `roster import check`'s own code on the same file natively, read and
//! checked apart. Targets: under 500 ms in the browser, no slower than Papa Parse or uDSV.
//! Printed, not asserted.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "import/parsers.rs"]
mod parsers;

use fantoccini::Locator;
use parsers::{JsParser, PAPA_PARSE, UDSV};
use roster_e2e::{Browser, Viewport, spawn_app};
use std::time::Instant;

const ROWS: usize = 50_000;
const RUNS: usize = 5;

const FIRST: [&str; 16] = [
    "Ana",
    "Bruno",
    "Chloé",
    "Dóra",
    "Émile",
    "François",
    "Grace",
    "Hélène",
    "Ingrid",
    "Jonas",
    "Kenji",
    "Léa",
    "Mateo",
    "Noor",
    "Øystein",
    "Zoë",
];
const LAST: [&str; 16] = [
    "Lima", "Côté", "Dubois", "Kovács", "Zola", "Müller", "O'Brien", "Nguyen", "Smith", "García",
    "Rossi", "Nowak", "Jensen", "Haddad", "Svensson", "Da Silva",
];
const GROUPS: [&str; 3] = ["", "Finance", "Operations"];

/// A file as an admin would import it: the template's columns, accents, some phones, groups,
/// authorities, and a few mistakes (about one row in a hundred).
fn realistic_file() -> String {
    let mut out = String::from(
        "\u{FEFF}email,first_name,last_name,username,phone,language,group,role,licence,records,interaction,dr,exchange_domain,exchange_username\r\n",
    );
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for n in 0..ROWS {
        let first = FIRST[next() % FIRST.len()];
        let last = LAST[next() % LAST.len()];
        let local = format!("{}.{}{n}", first.to_lowercase(), last.to_lowercase())
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>();
        let email = match n % 97 {
            13 => format!("{local}acme.test"), // no @
            _ => format!("{local}@acme.test"),
        };
        let phone = if next() % 3 == 0 {
            format!(
                "+33 6 {:02} {:02} {:02} {:02}",
                next() % 100,
                next() % 100,
                next() % 100,
                next() % 100
            )
        } else {
            String::new()
        };
        let language = ["en", "fr", ""][next() % 3];
        let group = GROUPS[next() % GROUPS.len()];
        let records = ["", "A", "B", "C"][next() % 4];
        let last = if last.contains(' ') || last.contains('\'') {
            format!("\"{last}\"")
        } else {
            last.to_owned()
        };
        out.push_str(&format!(
            "{email},{first},{last},,{phone},{language},{group},user,no,{records},,,,\r\n"
        ));
    }
    out
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn list(samples: &[f64]) -> String {
    samples
        .iter()
        .map(|s| format!("{s:.0}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[tokio::main]
async fn main() {
    let text = realistic_file();
    let path = std::env::temp_dir().join(format!("roster-bench-import-{}.csv", std::process::id()));
    std::fs::write(&path, &text).unwrap();
    println!(
        "import bench: {ROWS} rows, {:.1} MB, template columns",
        text.len() as f64 / 1e6
    );

    // Natively: what `roster import check FILE` runs.
    let mut native = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let mut out = Vec::new();
        let _ = roster_server::import::cli::check(&path, None, &mut out).await;
        native.push(started.elapsed().as_secs_f64() * 1000.0);
        let summary = String::from_utf8_lossy(&out);
        assert!(
            summary.contains(&format!("\"rows\":{ROWS}")),
            "every row was read"
        );
    }

    // Natively, reading apart from checking, against what the page knows of the demo account
    // (its approved domain and groups), to see where the time goes.
    let (mut native_read, mut native_check) = (Vec::new(), Vec::new());
    let ctx = roster_domain::import::Context {
        approved: vec![roster_domain::values::ApprovedDomain::parse("acme.test").unwrap()],
        groups: Some(
            ["Default", "Operations", "Finance"]
                .map(String::from)
                .to_vec(),
        ),
        ..Default::default()
    };
    for _ in 0..RUNS {
        let started = Instant::now();
        let sheet = roster_domain::import::read(text.as_bytes(), &ctx.policy).unwrap();
        native_read.push(started.elapsed().as_secs_f64() * 1000.0);
        let started = Instant::now();
        let checker = roster_domain::import::Checker::check(sheet, ctx.clone());
        native_check.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(checker.summary().rows, ROWS, "every row was checked");
    }

    // In the browser, on the real page.
    let app = spawn_app().await;
    let browser = Browser::start(Viewport::Desktop).await;
    browser.sign_in(&app, "admin@acme.test").await;
    browser.wait_for_heading("Users").await;
    browser.open(&app, "/accounts/1/users/import").await;
    browser.wait_for_heading("Import users").await;
    // Every main-thread task over 50 ms (the browser's "long task": the page did not answer)
    // while files are read and checked.
    browser
        .client
        .execute(
            "window.rosterLongTasks = []; \
             new PerformanceObserver((list) => { \
               for (const e of list.getEntries()) window.rosterLongTasks.push(e.duration); \
             }).observe({ type: 'longtask' });",
            vec![],
        )
        .await
        .unwrap();
    let (mut roster, mut roster_read, mut parts) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..=RUNS {
        if run > 0 {
            browser.click_button("Choose another file").await;
        }
        let input = browser.field("Choose a CSV file").await;
        input.send_keys(path.to_str().unwrap()).await.unwrap();
        let timing = browser.wait_for(Locator::Css("p[data-check-ms]")).await;
        let ms = |name: &'static str| {
            let timing = timing.clone();
            async move {
                let value = timing.attr(name).await.unwrap().unwrap();
                value.parse::<f64>().unwrap()
            }
        };
        // The first run warms the browser's compiler; it is left out.
        if run > 0 {
            roster.push(ms("data-check-ms").await);
            roster_read.push(ms("data-read-ms").await);
            parts.push(ms("data-parts").await);
        }
    }
    let counts = browser
        .wait_for(Locator::Css("p.counts"))
        .await
        .text()
        .await
        .unwrap();
    // The logins of 50,000 rows were looked up: no refusal shown.
    let alerts = browser
        .client
        .find_all(Locator::Css("p.alert"))
        .await
        .unwrap();
    assert!(alerts.is_empty(), "the page shows an alert after the check");

    let long_tasks: Vec<f64> = serde_json::from_value(
        browser
            .client
            .execute("return window.rosterLongTasks;", vec![])
            .await
            .unwrap(),
    )
    .unwrap();
    let wheel = scroll_frames(&browser, 3).await;
    let jumps = scroll_frames(&browser, 7919).await;
    // The file with its issues, written and offered for download: one task, timed around the
    // button's own click handler.
    let mut annotated = Vec::new();
    for _ in 0..RUNS {
        let ms = browser
            .client
            .execute(
                "const button = [...document.querySelectorAll('button')] \
                   .find((b) => b.textContent.trim() === 'Download the file with its issues'); \
                 const t0 = performance.now(); button.click(); return performance.now() - t0;",
                vec![],
            )
            .await
            .unwrap()
            .as_f64()
            .unwrap();
        annotated.push(ms);
    }

    // Papa Parse and uDSV, same browser, same text, parsing only.
    let mut parsed: Vec<(&JsParser, Vec<f64>)> = Vec::new();
    for parser in [&PAPA_PARSE, &UDSV] {
        parser.load(&browser).await;
        parsed.push((parser, parser.time(&browser, &text, ROWS, RUNS).await));
    }
    browser.close().await;
    let _ = std::fs::remove_file(&path);

    let (r, n) = (median(roster.clone()), median(native.clone()));
    println!("  page after the check: {counts}");
    println!(
        "  Roster wasm in Chromium, read + full check: median {r:.0} ms (runs {}) — target < 500 ms",
        list(&roster)
    );
    let checking: Vec<f64> = roster
        .iter()
        .zip(&roster_read)
        .map(|(a, b)| a - b)
        .collect();
    println!(
        "    read in two parts, the second by the page's Web Worker, in {} of {} runs",
        parts.iter().filter(|&&p| p == 2.0).count(),
        parts.len()
    );
    println!(
        "    of which reading the file (its first half, when in two parts): median {:.0} ms (runs \
         {}); checking its rows: median {:.0} ms (runs {}); slices and yields included",
        median(roster_read.clone()),
        list(&roster_read),
        median(checking.clone()),
        list(&checking)
    );
    let mut compared = format!("  check {} rows: Roster {r:.0} ms", thousands(ROWS));
    for (parser, times) in &parsed {
        let m = median(times.clone());
        println!(
            "  {} {} in Chromium, parse only: median {m:.0} ms (runs {})",
            parser.name,
            parser.version(),
            list(times)
        );
        compared.push_str(&format!(", {} {m:.0} ms ({:.2})", parser.name, r / m));
    }
    println!("{compared} — Roster / each, target ≤ 1");
    println!(
        "  roster import check, native (same code, in process): median {n:.0} ms (runs {}); \
         of which reading the file {:.0} ms, checking its rows {:.0} ms",
        list(&native),
        median(native_read.clone()),
        median(native_check.clone()),
    );
    println!(
        "  main-thread tasks over 50 ms while reading and checking {} files: {}{} — target 0",
        RUNS + 1,
        long_tasks.len(),
        if long_tasks.is_empty() {
            String::new()
        } else {
            format!(" (ms: {})", list(&long_tasks))
        }
    );
    println!(
        "  the file with its issues ({ROWS} rows) written and offered for download: median {:.0} ms \
         (runs {}), one task — target under 50 ms",
        median(annotated.clone()),
        list(&annotated)
    );
    for (how, frames) in [
        ("3 rows a frame, as a mouse wheel", wheel),
        ("a jump elsewhere every frame", jumps),
    ] {
        let late = frames.iter().filter(|&&f| f > 20.0).count();
        let over = frames.iter().filter(|&&f| f > 50.0).count();
        println!(
            "  grid of {ROWS} rows scrolled {how}: {} frames, median {:.1} ms, slowest {:.1} ms, \
             {late} late (over 20 ms), {over} over 50 ms (a frame is 16.7 ms)",
            frames.len(),
            median(frames.clone()),
            frames.iter().copied().fold(0.0, f64::max),
        );
    }
}

/// Scrolls the grid by `rows` rows every frame, from the top and round again (3 is a mouse
/// wheel; thousands are jumps with the scroll bar, the worst case for a virtual grid), and
/// answers the times between frames; checks that the rows shown are the ones scrolled to.
async fn scroll_frames(browser: &Browser, rows: u32) -> Vec<f64> {
    let answer = browser
        .client
        .execute_async(
            "const stride = arguments[0]; const done = arguments[arguments.length - 1]; \
             const grid = document.querySelector('div.grid'); \
             const frames = []; let last = 0; let step = 0; let wrong = ''; \
             const tick = (t) => { \
               if (last) frames.push(t - last); \
               last = t; \
               const shown = grid.querySelector('tbody tr:not(.spacer)'); \
               const want = Math.floor(grid.scrollTop / 44); \
               if (step > 0 && shown) { \
                 const at = Number(shown.getAttribute('aria-rowindex')); \
                 if (Math.abs(at - want) > 12) wrong = `row ${at} shown at row ${want}`; \
               } \
               if (step++ < 120 && !wrong) { \
                 grid.scrollTop = (step * stride * 44) % (grid.scrollHeight - grid.clientHeight); \
                 requestAnimationFrame(tick); \
               } else { done({ frames, wrong, rows: grid.querySelectorAll('tr').length }); } \
             }; \
             grid.scrollTop = 0; \
             requestAnimationFrame(tick);",
            vec![rows.into()],
        )
        .await
        .unwrap();
    assert_eq!(answer["wrong"], "", "the grid shows the rows scrolled to");
    assert!(
        answer["rows"].as_u64().unwrap() < 80,
        "only the rows in view are in the DOM: {}",
        answer["rows"]
    );
    serde_json::from_value(answer["frames"].clone()).unwrap()
}

/// `n` with a comma between thousands: 50,000.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
