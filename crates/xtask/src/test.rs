//! `cargo xtask test`: every check and test, in order, stopping at the first failure, then one
//! line `N passed, N failed` totalling every test that ran.

use crate::tools::{Need, Tools};

/// The running totals, read from each test runner's `test result:` lines, and schemathesis' one
/// line (each operation it tested counts as a test, failed when any check failed on it).
#[derive(Debug, Default)]
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
    let tools = Tools::ensure(Need::Everything)?;
    let mut totals = Totals::default();
    let outcome = steps(&tools, &mut totals);
    if let Err(err) = &outcome {
        println!("\nxtask: stopped: {err}");
    }
    println!("\n{} passed, {} failed", totals.passed, totals.failed);
    match outcome {
        Ok(()) if totals.failed == 0 => Ok(()),
        Ok(()) => Err(format!("{} tests failed", totals.failed)),
        Err(_) => Err("the test run failed".into()),
    }
}

fn steps(tools: &Tools, totals: &mut Totals) -> Result<(), String> {
    let chromedriver = tools
        .chromedriver
        .as_ref()
        .map(|p| p.to_string_lossy().into_owned())
        .ok_or("chromedriver was not found")?;
    let geckodriver = tools
        .geckodriver
        .as_ref()
        .map(|p| p.to_string_lossy().into_owned())
        .ok_or("geckodriver was not found")?;
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
    // headless Firefox. wasm-bindgen-test-runner takes the first driver variable it finds
    // (geckodriver's before chromedriver's), so each run has its own alone.
    for (var, driver) in [
        ("CHROMEDRIVER", &chromedriver),
        ("GECKODRIVER", &geckodriver),
    ] {
        let mut test = tools.cargo(&["test", "--package", "roster-domain", "--target", wasm]);
        for other in WASM_DRIVER_VARS {
            test.env_remove(other);
        }
        test.env(var, driver)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "300")
            .run_reading(&mut count)?;
    }

    tools.trunk_build()?;

    // The OpenAPI document is the contract: schemathesis against the live server (needs dist/).
    crate::contract::run(&python, crate::contract::SECONDS, &mut count)?;

    let dist = crate::tools::root().join("dist");
    tools
        .cargo(&["test", "--package", "roster-e2e"])
        .env("CHROMEDRIVER", &chromedriver)
        .env("ROSTER_DIST", &dist.to_string_lossy())
        .run_reading(&mut count)?;
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::Totals;

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
