//! `cargo xtask test`: every check and test, in order, stopping at the first failure, then one
//! line `N passed, N failed` totalling every test that ran.
//!
//! The end-to-end tests run once per browser engine (Chromium, Firefox, WebKit), one engine after
//! another; a failing engine does not stop the others, and each gets a line of its own.

use crate::tools::{Need, Tools};
use std::time::Instant;

/// The running totals, read from each test runner's `test result:` lines, and schemathesis' one
/// line (each operation it tested counts as a test, failed when any check failed on it).
#[derive(Debug, Default, Clone, Copy)]
struct Totals {
    passed: u64,
    failed: u64,
}

impl Totals {
    /// Adds the counts of a line like `test result: ok. 12 passed; 0 failed; 0 ignored; ...`
    /// (cargo's libtest and wasm-bindgen-test-runner print the same).
    fn read(&mut self, line: &str) {
        if let Some(rest) = line.trim().strip_prefix("schemathesis: ") {
            return self.read_schemathesis(rest);
        }
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            return;
        };
        for part in rest.split(';') {
            let mut words = part.split_whitespace().rev();
            let (Some(label), Some(n)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(n) = n.parse::<u64>() else { continue };
            match label {
                "passed" => self.passed += n,
                "failed" => self.failed += n,
                _ => {}
            }
        }
    }

    fn add(&mut self, other: Totals) {
        self.passed += other.passed;
        self.failed += other.failed;
    }

    /// `N operations passed, N failed`.
    fn read_schemathesis(&mut self, rest: &str) {
        let words: Vec<&str> = rest.split_whitespace().collect();
        if let [passed, "operations", "passed,", failed, "failed"] = words.as_slice()
            && let (Ok(passed), Ok(failed)) = (passed.parse::<u64>(), failed.parse::<u64>())
        {
            self.passed += passed;
            self.failed += failed;
        }
    }
}

/// Runs the whole suite.
pub fn run() -> Result<(), String> {
    let engines = engines()?;
    let tools = Tools::ensure(Need::Everything)?;
    let mut totals = Totals::default();
    let mut e2e = Vec::new();
    let outcome = steps(&tools, &engines, &mut totals, &mut e2e);
    if let Err(err) = &outcome {
        println!("\nxtask: stopped: {err}");
    }
    println!();
    for run in &e2e {
        println!("{run}");
    }
    println!("{} passed, {} failed", totals.passed, totals.failed);
    match outcome {
        Ok(()) if totals.failed == 0 => Ok(()),
        Ok(()) => Err(format!("{} tests failed", totals.failed)),
        Err(_) => Err("the test run failed".into()),
    }
}

/// `cargo xtask e2e [FILTER]`: the app's release build, then only the end-to-end tests (those
/// whose name contains FILTER, when given) in each engine of `ROSTER_ENGINES`, with the same
/// lines as `test`.
pub fn e2e(filter: &[String]) -> Result<(), String> {
    let engines = engines()?;
    let tools = Tools::ensure(Need::Everything)?;
    tools.trunk_build()?;
    let mut totals = Totals::default();
    let mut runs = Vec::new();
    let outcome = e2e_in_engines(&tools, &engines, filter, &mut totals, &mut runs);
    println!();
    for run in &runs {
        println!("{run}");
    }
    println!("{} passed, {} failed", totals.passed, totals.failed);
    outcome
}

fn steps(
    tools: &Tools,
    engines: &[Engine],
    totals: &mut Totals,
    e2e: &mut Vec<EngineRun>,
) -> Result<(), String> {
    let chromedriver = path_of(&tools.chromedriver, "chromedriver")?;
    let geckodriver = path_of(&tools.geckodriver, "geckodriver")?;
    let python = tools
        .python
        .as_ref()
        .map(|p| p.to_string_lossy().into_owned())
        .ok_or("no Python with aiosmtpd and schemathesis was found")?;
    let wasm = "wasm32-unknown-unknown";

    tools.cargo(&["fmt", "--all", "--check"]).run()?;
    tools
        .cargo(&[
            "clippy",
            "--workspace",
            "--exclude",
            "roster-app",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .run()?;
    tools
        .cargo(&[
            "clippy",
            "--package",
            "roster-domain",
            "--package",
            "roster-app",
            "--all-targets",
            "--target",
            wasm,
            "--",
            "-D",
            "warnings",
        ])
        .run()?;

    let mut count = |line: &str| totals.read(line);
    tools
        .cargo(&[
            "test",
            "--workspace",
            "--exclude",
            "roster-app",
            "--exclude",
            "roster-e2e",
        ])
        // The SMTP server of the email delivery tests.
        .env("ROSTER_TEST_PYTHON", &python)
        .run_reading(&mut count)?;

    // The domain's own tests again, compiled to wasm32 and run inside headless Chromium, then
    // headless Firefox, and the app's (its JSON reader is the browser's `JSON.parse`).
    // wasm-bindgen-test-runner takes the first driver variable it finds (geckodriver's before
    // chromedriver's), so each run has its own alone.
    for (browser, var, driver) in [
        ("chromium", "CHROMEDRIVER", &chromedriver),
        ("firefox", "GECKODRIVER", &geckodriver),
    ] {
        println!("\nThe domain's and the app's wasm tests in {browser}:");
        for args in [
            &["test", "--package", "roster-domain", "--target", wasm][..],
            &["test", "--package", "roster-app", "--lib", "--target", wasm][..],
        ] {
            let mut test = tools.cargo(args);
            for other in WASM_DRIVER_VARS {
                test.env_remove(other);
            }
            test.env(var, driver)
                .env("WASM_BINDGEN_TEST_TIMEOUT", "300")
                .run_reading(&mut count)?;
        }
    }

    tools.trunk_build()?;

    // The OpenAPI document is the contract: schemathesis against the live server (needs dist/).
    crate::contract::run(&python, crate::contract::SECONDS, &mut count)?;

    e2e_in_engines(tools, engines, &[], totals, e2e)
}

/// The path of a tool `Tools::ensure` found, or an error naming it.
fn path_of(tool: &Option<std::path::PathBuf>, name: &str) -> Result<String, String> {
    tool.as_ref()
        .map(|p| p.to_string_lossy().into_owned())
        .ok_or_else(|| format!("{name} was not found"))
}

/// Every variable through which wasm-bindgen-test-runner picks a WebDriver.
const WASM_DRIVER_VARS: [&str; 8] = [
    "GECKODRIVER",
    "GECKODRIVER_REMOTE",
    "SAFARIDRIVER",
    "SAFARIDRIVER_REMOTE",
    "CHROMEDRIVER",
    "CHROMEDRIVER_REMOTE",
    "MSEDGEDRIVER",
    "MSEDGEDRIVER_REMOTE",
];

/// A browser engine the end-to-end tests run in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Engine {
    Chromium,
    Firefox,
    Webkit,
}

impl Engine {
    const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::Webkit];

    /// Its name in `ROSTER_ENGINES` and `ROSTER_BROWSER`.
    fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::Webkit => "webkit",
        }
    }

    /// The variables that tell the end-to-end harness where this engine's driver and browser
    /// are, besides `ROSTER_BROWSER`.
    fn vars(self, tools: &Tools) -> Result<Vec<(&'static str, String)>, String> {
        Ok(match self {
            Engine::Chromium => vec![(
                "CHROMEDRIVER",
                path_of(&tools.chromedriver, "chromedriver")?,
            )],
            Engine::Firefox => vec![
                ("GECKODRIVER", path_of(&tools.geckodriver, "geckodriver")?),
                ("FIREFOX_BIN", path_of(&tools.firefox, "firefox-esr")?),
            ],
            Engine::Webkit => vec![
                (
                    "WEBKIT_DRIVER",
                    path_of(&tools.webkit_driver, "WebKitWebDriver")?,
                ),
                (
                    "WEBKIT_BROWSER",
                    path_of(&tools.minibrowser, "MiniBrowser")?,
                ),
                ("XVFB_RUN", path_of(&tools.xvfb_run, "xvfb-run")?),
            ],
        })
    }
}

/// The end-to-end tests that run in Chromium only, skipped by name in the other engines (so that
/// their runs count only what they ran):
/// - by keyboard alone: WebKit, as Safari does, leaves links out of the Tab order unless its
///   settings say otherwise, and the pages are the same in every engine;
/// - the portal's: Firefox has no `location.ancestorOrigins` and WebKit's WebDriver drives one
///   window, and the protocol's checks are the same code in every engine.
const CHROMIUM_ONLY: [&str; 9] = [
    "keyboard::an_administrator_signs_in_and_adds_a_user_by_keyboard",
    "keyboard::a_person_activates_their_account_from_the_emailed_link_by_keyboard",
    "keyboard::an_administrator_fixes_an_import_in_its_grid_and_creates_the_accounts_by_keyboard",
    "embed::a_portal_on_another_origin_embeds_the_users_page_without_cookies",
    "embed::a_plain_person_keeps_their_details_inside_the_portal_on_a_phone",
    "embed::an_administrator_imports_users_inside_the_portal",
    "embed::handover::a_portal_s_token_opens_one_frame_once_within_its_minute_and_a_revoked_key_mints_nothing",
    "embed::handover::an_embedded_session_acts_in_its_one_account_with_its_person_s_own_rights",
    "embed::french::the_portal_s_pages_are_checked_in_both_languages_at_both_widths",
];

/// Every variable some engine's run sets: each run removes the others', so that one inherited
/// from the shell never reaches another engine's run.
const ENGINE_VARS: [&str; 6] = [
    "CHROMEDRIVER",
    "GECKODRIVER",
    "FIREFOX_BIN",
    "WEBKIT_DRIVER",
    "WEBKIT_BROWSER",
    "XVFB_RUN",
];

/// The engines of `ROSTER_ENGINES` (a comma-separated list, in the order given), or all three.
fn engines() -> Result<Vec<Engine>, String> {
    parse_engines(&std::env::var("ROSTER_ENGINES").unwrap_or_default())
}

fn parse_engines(list: &str) -> Result<Vec<Engine>, String> {
    let mut engines = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let engine = Engine::ALL
            .into_iter()
            .find(|e| e.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                format!("ROSTER_ENGINES: no engine `{name}`; name some of chromium, firefox, webkit, separated by commas")
            })?;
        if !engines.contains(&engine) {
            engines.push(engine);
        }
    }
    if engines.is_empty() {
        engines = Engine::ALL.to_vec();
    }
    Ok(engines)
}

/// One engine's run of the end-to-end tests.
#[derive(Debug)]
struct EngineRun {
    engine: Engine,
    totals: Totals,
    seconds: u64,
    failed: bool,
}

impl std::fmt::Display for EngineRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "e2e in {}: {} passed, {} failed in {} s",
            self.engine.name(),
            self.totals.passed,
            self.totals.failed,
            self.seconds
        )?;
        if self.failed && self.totals.failed == 0 {
            write!(f, " (the run itself failed)")?;
        }
        Ok(())
    }
}

/// The end-to-end tests (only those matching `filter`, when given) in each engine, one after
/// another, against `dist/`: each engine's counts go into `totals` and its line into `runs`, and
/// a failing engine does not stop the next.
fn e2e_in_engines(
    tools: &Tools,
    engines: &[Engine],
    filter: &[String],
    totals: &mut Totals,
    runs: &mut Vec<EngineRun>,
) -> Result<(), String> {
    let dist = crate::tools::root().join("dist");
    let dist = dist.to_string_lossy();
    // Compiled once, before the clock of the first engine starts.
    tools
        .cargo(&["test", "--package", "roster-e2e", "--no-run"])
        .run()?;
    for &engine in engines {
        let mut test = tools.cargo(&["test", "--package", "roster-e2e"]);
        test.args_owned(filter);
        if engine != Engine::Chromium {
            test.arg("--");
            for name in CHROMIUM_ONLY {
                test.args(&["--skip", name]);
            }
        }
        for var in ENGINE_VARS {
            test.env_remove(var);
        }
        test.env("ROSTER_BROWSER", engine.name())
            .env("ROSTER_DIST", &dist);
        for (var, value) in engine.vars(tools)? {
            test.env(var, &value);
        }
        println!("\nThe end-to-end tests in {}:", engine.name());
        let started = Instant::now();
        let mut counted = Totals::default();
        let outcome = test.run_reading(&mut |line| counted.read(line));
        let run = EngineRun {
            engine,
            totals: counted,
            seconds: started.elapsed().as_secs_f64().round() as u64,
            failed: outcome.is_err() || counted.failed > 0,
        };
        println!("{run}");
        totals.add(counted);
        runs.push(run);
    }
    let failed: Vec<&str> = runs
        .iter()
        .filter(|r| r.failed)
        .map(|r| r.engine.name())
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the end-to-end tests failed in {}",
            failed.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::{Engine, Totals, parse_engines};

    #[test]
    fn engines_default_to_all_three_and_keep_the_order_given() {
        assert_eq!(parse_engines("").unwrap(), Engine::ALL.to_vec());
        assert_eq!(parse_engines(" , ").unwrap(), Engine::ALL.to_vec());
        assert_eq!(
            parse_engines("WebKit, chromium,webkit").unwrap(),
            vec![Engine::Webkit, Engine::Chromium]
        );
        assert!(parse_engines("firefox,safari").is_err());
    }

    #[test]
    fn totals_add_up_every_result_line() {
        let mut t = Totals::default();
        t.read("test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s");
        t.read("test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out");
        t.read("running 5 tests");
        t.read("test parsing::passed ... ok");
        assert_eq!((t.passed, t.failed), (15, 2));
        t.read("schemathesis: 41 operations passed, 2 failed");
        t.read("schemathesis operations: 41 operations, 13423 requests in 91 s");
        assert_eq!((t.passed, t.failed), (56, 4));
    }
}
