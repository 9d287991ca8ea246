//! The Lighthouse step of `cargo xtask bench`: how fast the app loads on a phone.
//!
//! Starts `roster serve --demo` on the built (and precompressed) app, then runs Lighthouse's
//! mobile preset (a Moto G-class phone, simulated slow 4G and 4× slower CPU) on `/sign-in`, and on
//! My details (`/me`) signed in as a plain user of the demo, with its session cookie. Prints each
//! page's performance score, largest contentful paint, time to interactive and bytes transferred
//! beside the targets (score ≥ 95, LCP ≤ 2.0 s), and keeps the full reports in
//! `target/lighthouse/` (open one at <https://googlechrome.github.io/lighthouse/viewer/>). It
//! prints, it does not assert: one run's figures move by a few points.

use crate::cmd::{Cmd, cargo, root};
use crate::contract::Server;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Lighthouse from npm: 12.8.2 is the last release that runs on Node.js 20 (13 needs 22.19).
const LIGHTHOUSE_VERSION: &str = "12.8.2";
/// The demo's plain user (`roster_server::demo::DEMO_USER`), who opens My details on a phone.
const SIGNED_IN_AS: &str = "user@acme.test";
/// The demo sign-ins' password on the bench's server (no quote or backslash: it goes into JSON
/// as it is).
const PASSWORD: &str = "lighthouse bench password 1234";
/// The targets of the issue, printed beside the figures.
const TARGET_SCORE: u32 = 95;
const TARGET_LCP_S: f64 = 2.0;

/// Lighthouse from npm into `.tools/`, for the bench only.
pub fn ensure_lighthouse() -> Result<(), String> {
    let manifest = root().join(".tools/node_modules/lighthouse/package.json");
    let present = std::fs::read_to_string(&manifest)
        .is_ok_and(|m| m.contains(&format!("\"version\": \"{LIGHTHOUSE_VERSION}\"")));
    if present {
        return Ok(());
    }
    println!(
        "Installing Lighthouse {LIGHTHOUSE_VERSION} (npm, about 200 packages) into .tools/ for the bench (about 10 seconds)…"
    );
    crate::tools::npm_install(&format!("lighthouse@{LIGHTHOUSE_VERSION}"))
}

/// Runs Lighthouse on both pages against a server of `dist`, and prints the figures.
pub fn run(path: &str, dist: &Path) -> Result<(), String> {
    let started = Instant::now();
    ensure_lighthouse()?;
    let chrome = chromium().ok_or(
        "Lighthouse needs Chromium: install the Debian package `chromium` (cargo xtask install does) or set CHROME_PATH",
    )?;
    // The server sends the brotli copies when they are there, as in production.
    let index = dist.join("index.html");
    let compressed = dist.join("index.html.br");
    if modified(&compressed) < modified(&index) {
        crate::compress::precompress(dist)?;
    }
    let reports = root().join("target/lighthouse");
    std::fs::create_dir_all(&reports)
        .map_err(|e| format!("cannot create {}: {e}", reports.display()))?;

    let server = Server::start(&build_server()?, dist, PASSWORD)?;
    let serving = started.elapsed();
    let cookie = sign_in(&server.url, SIGNED_IN_AS, PASSWORD)?;
    let extra_headers = format!("{{\"Cookie\":\"{cookie}\"}}");
    let mut lines = Vec::new();
    for (page, name, headers) in [
        ("/sign-in", "sign-in", None),
        ("/me", "me", Some(extra_headers.as_str())),
    ] {
        let report = reports.join(format!("{name}.report.json"));
        // Lighthouse fails now and then on a trace it could not read (NO_NAVSTART), and asks to
        // be run again: once more, then the report says why there is no score.
        for attempt in 1..=2 {
            let _ = std::fs::remove_file(&report);
            let mut lighthouse = Cmd::new("lighthouse");
            lighthouse
                .env("PATH", path)
                .env("CHROME_PATH", &chrome.to_string_lossy())
                .arg(&format!("{}{page}", server.url))
                .args(&[
                    "--only-categories=performance",
                    "--output=json",
                    "--quiet",
                    "--chrome-flags=--headless=new --no-sandbox",
                ])
                .arg(&format!("--output-path={}", report.display()));
            if let Some(headers) = headers {
                lighthouse.arg(&format!("--extra-headers={headers}"));
            }
            match lighthouse.run() {
                Ok(()) => break,
                Err(_) if attempt == 1 => println!("Lighthouse failed on {page}: once more"),
                Err(err) if !report.is_file() => return Err(err),
                Err(_) => {}
            }
        }
        let signed_in = if headers.is_some() {
            format!(", signed in as {SIGNED_IN_AS}")
        } else {
            String::new()
        };
        lines.push(figures(path, &report, page, &signed_in)?);
    }
    drop(server);
    println!(
        "\nLighthouse {LIGHTHOUSE_VERSION}, mobile preset (simulated slow 4G, 4× CPU slowdown):"
    );
    for line in lines {
        println!("{line}");
    }
    println!(
        "Lighthouse step in {:.1} s ({:.1} s of it building and starting the server); reports in {}",
        started.elapsed().as_secs_f64(),
        serving.as_secs_f64(),
        reports.display()
    );
    Ok(())
}

/// Reads one report with Node.js (already there for Lighthouse) and says its figures.
/// `page` is the path asked for, `signed_in` what to say after it.
fn figures(path: &str, report: &Path, page: &str, signed_in: &str) -> Result<String, String> {
    const READ: &str = r#"
const r = JSON.parse(require('fs').readFileSync(process.argv[process.argv.length - 1], 'utf8'));
const a = r.audits;
const n = (k) => (a[k] && typeof a[k].numericValue === 'number' ? a[k].numericValue : -1);
const score = r.categories.performance.score;
const failed = [...new Set(Object.values(a).map((x) => x.errorMessage).filter((m) => m))];
const problem = r.runtimeError ? `${r.runtimeError.code}: ${r.runtimeError.message}`
  : score === null ? failed.join(', ') || 'no score' : '';
console.log([score === null ? -1 : Math.round(score * 100), n('largest-contentful-paint'),
  n('interactive'), n('total-byte-weight'), r.finalDisplayedUrl,
  problem.replace(/\s+/g, ' ')].join('\t'));
const bytes = (a['total-byte-weight'].details || { items: [] }).items.slice(0, 3)
  .map((i) => `${i.url.split('/').pop()} ${(i.totalBytes / 1024).toFixed(1)} KB`);
console.log(bytes.join(', '));
const opportunities = Object.entries(a)
  .filter(([, x]) => x.details && x.details.type === 'opportunity' && x.score !== null && x.score < 1
    && (x.details.overallSavingsMs > 0 || x.details.overallSavingsBytes > 0))
  .sort(([, x], [, y]) => y.details.overallSavingsMs - x.details.overallSavingsMs)
  .map(([k, x]) => `${k} (${x.displayValue || ''})`);
console.log(opportunities.join(', ') || 'none');
console.log(r.runWarnings.join(' ').replace(/\s+/g, ' '));
"#;
    let mut node = Cmd::new("node");
    node.env("PATH", path)
        .args(&["-e", READ])
        .arg(&report.to_string_lossy());
    let out = node
        .output()
        .ok_or_else(|| format!("cannot read the Lighthouse report {}", report.display()))?;
    let mut lines = out.lines();
    let fields: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let number = |s: &str| s.parse::<f64>().unwrap_or(-1.0);
    let [score, lcp, tti, bytes, url, problem] = fields[..] else {
        return Err(format!("unexpected Lighthouse report {}", report.display()));
    };
    // Said rather than failed, as a bench does: a page that never paints (one that keeps
    // reloading, say) has no score.
    if !problem.is_empty() {
        return Ok(format!(
            "lighthouse {page}{signed_in}: no score ({problem}); {:.1} KB transferred",
            number(bytes) / 1024.0
        ));
    }
    // A page that sent the browser elsewhere (to sign in, say) is measured there.
    let ended = match url
        .split_once("//")
        .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
    {
        Some(path) if path != page => format!(" (ended at {path})"),
        _ => String::new(),
    };
    Ok(format!(
        "lighthouse {page}{signed_in}{ended}: score {score} (target ≥ {TARGET_SCORE}), LCP {:.2} s (target ≤ {TARGET_LCP_S:.1} s), TTI {:.2} s, {:.1} KB transferred\n  largest transfers: {}\n  opportunities: {}{}",
        number(lcp) / 1000.0,
        number(tti) / 1000.0,
        number(bytes) / 1024.0,
        lines.next().unwrap_or_default(),
        lines.next().unwrap_or("none"),
        // Such as: the host's CPU was too busy for the figures to be trusted.
        match lines.next().unwrap_or_default() {
            "" => String::new(),
            warnings => format!("\n  Lighthouse warns: {warnings}"),
        },
    ))
}

/// Builds `roster` as the api bench builds it, and says where it is. Cargo builds a package's
/// binaries for its benches, with the dev-dependencies' features, so right after that bench this
/// is a no-op, where `cargo build --profile bench` would compile the server again (about 30 s).
/// The bench profile is optimised and builds into `release/`.
fn build_server() -> Result<PathBuf, String> {
    cargo(&[
        "bench",
        "--package",
        "roster-server",
        "--bench",
        "api",
        "--no-run",
    ])
    .run()?;
    Ok(crate::contract::target_dir().join("release").join("roster"))
}

/// Signs in through the API as the app does (same origin), and returns the session cookie
/// (`name=value`).
fn sign_in(origin: &str, username: &str, password: &str) -> Result<String, String> {
    let host = origin
        .strip_prefix("http://")
        .ok_or_else(|| format!("unexpected server address {origin}"))?;
    let body = format!("{{\"username\":\"{username}\",\"password\":\"{password}\"}}");
    let request = format!(
        "POST /api/v1/session HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let failed = |e: std::io::Error| format!("signing in at {origin}: {e}");
    let mut stream = TcpStream::connect(host).map_err(failed)?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(failed)?;
    stream.write_all(request.as_bytes()).map_err(failed)?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).map_err(failed)?;
    let response = String::from_utf8_lossy(&response);
    let head = response.split("\r\n\r\n").next().unwrap_or_default();
    let status = head.lines().next().unwrap_or_default();
    if status.split_whitespace().nth(1) != Some("200") {
        return Err(format!(
            "signing in as {username} answered `{status}`: is {username} one of the demo sign-ins?"
        ));
    }
    head.lines()
        .filter_map(|line| line.split_once(':'))
        .filter(|(name, _)| name.eq_ignore_ascii_case("set-cookie"))
        .filter_map(|(_, value)| value.trim().split(';').next())
        .find(|cookie| cookie.contains('='))
        .map(str::to_owned)
        .ok_or_else(|| format!("signing in as {username} set no cookie"))
}

/// Chromium for Lighthouse: CHROME_PATH when set, else the first browser of that family on PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROME_PATH").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// When `file` was last changed; `UNIX_EPOCH` when it is missing.
fn modified(file: &Path) -> std::time::SystemTime {
    std::fs::metadata(file)
        .and_then(|m| m.modified())
        .unwrap_or(std::time::UNIX_EPOCH)
}

/// The step alone: `cargo xtask lighthouse`, on `ROSTER_DIST` or `dist/` (built first when it has
/// no app).
pub fn alone(tools: &crate::tools::Tools) -> Result<(), String> {
    let dist = std::env::var_os("ROSTER_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("dist"));
    if !dist.join("index.html").is_file() {
        tools.trunk_build()?;
    }
    run(&tools.path, &dist)
}
