//! `cargo xtask`: the two commands of the README, plus their helpers.
//!
//! - `cargo xtask run [--addr HOST:PORT]`: installs what is missing, builds the app, serves it,
//!   and the sample portal that embeds it.
//! - `cargo xtask test`: installs what is missing, then every check and test, in order.
//! - `cargo xtask bench`, `cargo xtask fuzz`: the figures, and the import reader's fuzzing.
//! - `cargo xtask lighthouse`: the step of `bench` that measures page loads with Lighthouse, alone.
//! - `cargo xtask e2e [FILTER]`: the step of `test` that runs the end-to-end tests in each browser
//!   engine, alone.
//! - `cargo xtask schemathesis [--seconds N]`: the step of `test` that holds the live server to
//!   its OpenAPI document, alone.

mod cmd;
mod compress;
mod contract;
mod fuzz;
mod lighthouse;
mod test;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

  run [--addr HOST:PORT]  build the app and start Roster with demo data
  test                    run every check and test (what CI runs)
  bench                   measure search latency, the app's transfer size and page loads
  lighthouse              only the step of `bench` that runs Lighthouse (mobile) on two pages
  fuzz [--seconds N]      fuzz the CSV import reader (nightly, cargo-fuzz; not in CI)
  schemathesis [--seconds N]  only the step of `test` that checks the live API against its OpenAPI document
  e2e [FILTER]            only the step of `test` that runs the end-to-end tests (those whose name
                          contains FILTER), in each browser engine
  install                 install the tools the two commands need

The end-to-end tests run in Chromium, Firefox ESR and WebKit (WebKitGTK's MiniBrowser under Xvfb),
one after another; ROSTER_ENGINES=chromium,firefox,webkit picks some. The first `test` installs
them: Chromium, Firefox ESR, WebKitGTK and Xvfb with apt-get (a minute or two, about 250 MB to
download for the last three), geckodriver 0.37.1 with cargo install into .tools/cargo (about 2
minutes).";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => test::run(),
        Some("bench") => bench(),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("schemathesis") => schemathesis(&args[1..]),
        Some("e2e") => test::e2e(&args[1..]),
        Some("lighthouse") => {
            tools::Tools::ensure(tools::Need::Build).and_then(|t| lighthouse::alone(&t))
        }
        Some("install") => tools::Tools::ensure(tools::Need::Everything).map(|_| ()),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Builds the app, then runs the server benchmarks against it, Lighthouse on two of its pages, and
/// the import's in Chromium beside Papa Parse and uDSV (they print their figures).
fn bench() -> Result<(), String> {
    let tools = tools::Tools::ensure(tools::Need::Everything)?;
    tools::ensure_js_parsers()?;
    lighthouse::ensure_lighthouse()?;
    let chromedriver = tools
        .chromedriver
        .as_ref()
        .map(|p| p.to_string_lossy().into_owned())
        .ok_or("chromedriver was not found")?;
    tools.trunk_build()?;
    let dist = tools::root().join("dist");
    tools
        .cargo(&["bench", "--package", "roster-server", "--bench", "api"])
        .env("ROSTER_DIST", &dist.to_string_lossy())
        .run()?;
    lighthouse::run(&tools.path, &dist)?;
    tools
        .cargo(&["bench", "--package", "roster-e2e", "--bench", "import"])
        .env("ROSTER_DIST", &dist.to_string_lossy())
        .env("CHROMEDRIVER", &chromedriver)
        .run()
}

/// Builds the app in release mode and the server, then runs `roster serve --demo` in the
/// foreground; the server prints the URL. Once it has printed the demo's portal key, the sample
/// portal (`roster demo-portal`, http://localhost:8081) starts beside it with that key, and
/// stops with it.
fn run(args: &[String]) -> Result<(), String> {
    let tools = tools::Tools::ensure(tools::Need::Build)?;
    tools.trunk_build()?;
    // `cargo run` finds the binary wherever the target directory is (CARGO_TARGET_DIR too).
    let dist = tools::root().join("dist");
    let mut serve = cmd::cargo(&[
        "run",
        "--package",
        "roster-server",
        "--bin",
        "roster",
        "--",
        "serve",
        "--demo",
    ]);
    serve.args(&["--dist", dist.to_string_lossy().as_ref()]);
    serve.args_owned(args);
    let mut roster = String::from("http://127.0.0.1:8080");
    let mut portal = None;
    let served = serve.run_reading(&mut |line| {
        if let Some(url) = line.strip_prefix("Roster is running at ") {
            roster = url.trim_end_matches('/').to_owned();
        }
        if let (None, Some((_, secret))) = (&portal, line.rsplit_once("has the secret ")) {
            let mut start = cmd::cargo(&[
                "run",
                "--quiet",
                "--package",
                "roster-server",
                "--bin",
                "roster",
                "--",
                "demo-portal",
                "--roster-url",
                &roster,
            ]);
            // In its environment rather than on its command line, which any process may read.
            start.env("ROSTER_PORTAL_SECRET", secret.trim());
            match start.spawn() {
                Ok(child) => portal = Some(child),
                Err(err) => eprintln!("the sample portal did not start: {err}"),
            }
        }
    });
    if let Some(mut portal) = portal {
        let _ = portal.kill();
        let _ = portal.wait();
    }
    served
}

/// The schemathesis step of `test` alone, with the app built first when `dist/` has none.
fn schemathesis(args: &[String]) -> Result<(), String> {
    let seconds = match args {
        [] => contract::SECONDS,
        [flag, n] if flag == "--seconds" => n
            .parse()
            .map_err(|_| format!("--seconds takes a whole number, not {n}"))?,
        _ => return Err("usage: cargo xtask schemathesis [--seconds N]".into()),
    };
    let tools = tools::Tools::ensure(tools::Need::Everything)?;
    let python = tools
        .python
        .as_ref()
        .map(|p| p.to_string_lossy().into_owned())
        .ok_or("no Python with schemathesis was found")?;
    let dist = tools::root().join("dist");
    let built = [
        "index.html",
        "import/index.html",
        "people/index.html",
        "people-fr/index.html",
    ];
    if !built.iter().all(|page| dist.join(page).is_file()) {
        tools.trunk_build()?;
    }
    contract::run(&python, seconds, &mut |_| {})
}
