//! The browser engines the end-to-end tests run in, one per run, chosen by `ROSTER_BROWSER`
//! (`chromium`, the default, `firefox` or `webkit`): how to start each one's WebDriver server and
//! what to ask it for. The tests themselves do not know which engine drives them.
//!
//! - Chromium: `chromedriver` (`CHROMEDRIVER`), headless; the phone width by device emulation.
//! - Firefox ESR: `geckodriver` (`GECKODRIVER`), `-headless`, the browser at `FIREFOX_BIN`.
//! - WebKit (Safari's engine, as WebKitGTK's MiniBrowser): `WebKitWebDriver` (`WEBKIT_DRIVER`)
//!   under a virtual display (`XVFB_RUN`, `xvfb-run -a`), the browser at `WEBKIT_BROWSER`.
//!
//! Firefox and WebKit offer no device emulation: the phone is their window set to 360 px.

use crate::Viewport;
use serde_json::{Map, Value, json};
use std::path::Path;
use std::process::Command;

/// A browser engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

impl Engine {
    /// The engine of this run, from `ROSTER_BROWSER`.
    pub fn current() -> Engine {
        match std::env::var("ROSTER_BROWSER").as_deref() {
            Err(_) | Ok("chromium") => Engine::Chromium,
            Ok("firefox") => Engine::Firefox,
            Ok("webkit") => Engine::WebKit,
            Ok(other) => panic!("ROSTER_BROWSER={other}: use chromium, firefox or webkit"),
        }
    }

    /// Its name, as in `ROSTER_BROWSER`.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::WebKit => "webkit",
        }
    }

    /// The WebDriver server, to listen on `port`.
    pub(crate) fn driver(self, port: u16) -> Command {
        match self {
            Engine::Chromium => {
                let mut cmd = Command::new(env_or("CHROMEDRIVER", "chromedriver"));
                cmd.arg(format!("--port={port}"));
                cmd
            }
            Engine::Firefox => {
                let mut cmd = Command::new(env_or("GECKODRIVER", "geckodriver"));
                cmd.args(["--port", &port.to_string()]);
                cmd
            }
            Engine::WebKit => {
                let mut cmd = Command::new(env_or("XVFB_RUN", "xvfb-run"));
                cmd.args([
                    "-a".to_owned(),
                    env_or("WEBKIT_DRIVER", "WebKitWebDriver"),
                    format!("--port={port}"),
                ]);
                cmd
            }
        }
    }

    /// The session's capabilities, for a window of `viewport` and a fresh `profile` folder.
    pub(crate) fn capabilities(self, viewport: Viewport, profile: &Path) -> Map<String, Value> {
        let (width, height) = viewport.size();
        let mut caps = Map::new();
        match self {
            Engine::Chromium => {
                let mut args: Vec<String> = [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-quic",
                    "--no-first-run",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect();
                args.push(format!("--user-data-dir={}", profile.display()));
                args.push(format!("--window-size={width},{height}"));
                // Third-party cookies blocked, as Safari and private windows do: an embedded
                // page must work without them (`e2e::embed`).
                let mut options = json!({
                    "args": args,
                    "prefs": { "profile.block_third_party_cookies": true },
                });
                if let Viewport::Phone = viewport {
                    // A desktop window cannot be narrower than about 500 px; a phone is emulated.
                    options["mobileEmulation"] = json!({ "deviceMetrics": {
                        "width": width, "height": height, "pixelRatio": 2.0, "touch": true } });
                }
                if let Ok(binary) = std::env::var("CHROME_BIN") {
                    options["binary"] = binary.into();
                }
                caps.insert("goog:chromeOptions".into(), options);
            }
            Engine::Firefox => {
                caps.insert("browserName".into(), "firefox".into());
                caps.insert(
                    "moz:firefoxOptions".into(),
                    json!({
                        "binary": env_or("FIREFOX_BIN", "/usr/bin/firefox-esr"),
                        "args": ["-headless", "-width", width.to_string(),
                                 "-height", height.to_string()],
                        "prefs": {
                            // A headless window never has the system's focus, and without it
                            // Firefox moves focus without firing focus, blur and change events
                            // (a Tab out of a typed field changed nothing): test mode fires them.
                            "focusmanager.testmode": true,
                            // No first-run pages, updates or telemetry during a test.
                            "browser.shell.checkDefaultBrowser": false,
                            "app.update.enabled": false,
                            "datareporting.policy.dataSubmissionEnabled": false,
                            "toolkit.telemetry.enabled": false,
                        },
                    }),
                );
            }
            Engine::WebKit => {
                caps.insert("browserName".into(), "MiniBrowser".into());
                caps.insert(
                    "webkitgtk:browserOptions".into(),
                    json!({
                        "binary": env_or(
                            "WEBKIT_BROWSER",
                            "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
                        ),
                        "args": ["--automation"],
                    }),
                );
            }
        }
        caps
    }

    /// The narrowest window the engine opens, in CSS pixels: Chromium emulates any phone, but
    /// headless Firefox keeps its window at least 500 px wide and WebKitGTK's MiniBrowser at least
    /// 447 px (neither offers device emulation through WebDriver classic), so their phone pages
    /// are checked at that width (see the README).
    pub fn narrowest(self) -> u32 {
        match self {
            Engine::Chromium => 0,
            Engine::Firefox => 500,
            Engine::WebKit => 447,
        }
    }

    /// Whether the window must be sized once the session is open (no emulation, no size flag).
    pub(crate) fn sizes_its_window(self) -> bool {
        self != Engine::Chromium
    }
}
