//! Finds the tools the build and the tests need, and installs the missing ones.
//!
//! Each tool is checked at the exact version the project needs and skipped when present, so a
//! second run costs nothing. Before every install we say what it installs and about how long it
//! takes, because compiling Trunk from source takes minutes and must not look like a hang.

use crate::cmd::{Cmd, cargo};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Trunk 0.22 needs a newer rustc than these machines have; 0.21.14 is verified here.
const TRUNK_VERSION: &str = "0.21.14";
/// binaryen's wasm-opt from npm: Debian's is too old for the wasm features rustc emits.
const BINARYEN_VERSION: &str = "132";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// aiosmtpd, the real SMTP server the email delivery tests send to (`tests/smtp_sink.py`).
const AIOSMTPD_VERSION: &str = "1.4.6";
/// Schemathesis, which holds the live server to its OpenAPI document (`schemathesis/` here).
const SCHEMATHESIS_VERSION: &str = "4.32.5";
/// geckodriver, which drives Firefox: from crates.io, since npm's package downloads a binary at
/// install time (refused on these machines). 0.37.1 is verified against Firefox ESR 153.
const GECKODRIVER_VERSION: &str = "0.37.1";
/// Where Debian's WebKitGTK puts MiniBrowser, the browser WebKitWebDriver drives; other
/// architectures and API versions are found by [`find_minibrowser`].
const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

pub use crate::cmd::root;

/// Which tools a command needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Building the app: the wasm target, Trunk, wasm-bindgen, wasm-opt.
    Build,
    /// Building and testing: also the three browser engines and their drivers (Chromium,
    /// Firefox ESR, WebKitGTK), and the Python of the email and API tests.
    Everything,
}

/// The tools, found or installed.
#[derive(Debug)]
pub struct Tools {
    /// PATH with the project's tool folders first.
    pub path: String,
    /// chromedriver, when testing.
    pub chromedriver: Option<PathBuf>,
    /// geckodriver, in `.tools/cargo/bin`, when testing.
    pub geckodriver: Option<PathBuf>,
    /// Firefox ESR (`firefox-esr`), when testing.
    pub firefox: Option<PathBuf>,
    /// WebKitGTK's `WebKitWebDriver`, when testing.
    pub webkit_driver: Option<PathBuf>,
    /// WebKitGTK's MiniBrowser, the browser `WebKitWebDriver` drives, when testing.
    pub minibrowser: Option<PathBuf>,
    /// `xvfb-run`, which gives WebKitWebDriver the display it needs, when testing.
    pub xvfb_run: Option<PathBuf>,
    /// A Python with aiosmtpd and schemathesis, when testing (`ROSTER_TEST_PYTHON` of the
    /// server's tests).
    pub python: Option<PathBuf>,
}

impl Tools {
    /// Finds every tool `need` asks for, installing what is missing.
    pub fn ensure(need: Need) -> Result<Tools, String> {
        let path = tool_path();
        ensure_wasm_target()?;
        ensure_wasm_opt(&path)?;
        std::thread::scope(|scope| {
            // What is downloaded and unpacked (Debian's browsers, Python's packages) goes
            // beside what is compiled (Trunk, wasm-bindgen, geckodriver): on a bare machine,
            // such as CI's, their minutes overlap rather than add up.
            let fetching = (need == Need::Everything).then(|| scope.spawn(fetch_for_tests));
            ensure_trunk(&path)?;
            ensure_wasm_bindgen(&path)?;
            let mut tools = Tools {
                path,
                chromedriver: None,
                geckodriver: None,
                firefox: None,
                webkit_driver: None,
                minibrowser: None,
                xvfb_run: None,
                python: None,
            };
            if let Some(fetching) = fetching {
                tools.geckodriver = Some(ensure_geckodriver(&tools.path)?);
                let fetched = fetching
                    .join()
                    .map_err(|_| "installing the browsers stopped unexpectedly".to_owned())??;
                tools.chromedriver = Some(fetched.chromedriver);
                tools.firefox = Some(fetched.firefox);
                tools.webkit_driver = Some(fetched.webkit.driver);
                tools.minibrowser = Some(fetched.webkit.minibrowser);
                tools.xvfb_run = Some(fetched.webkit.xvfb_run);
                tools.python = Some(fetched.python);
                // npm after the other thread's npm, never beside it: both write `.tools/`.
                ensure_axe()?;
            }
            Ok(tools)
        })
    }

    /// A command that runs with the project's tools on PATH.
    pub fn cmd(&self, program: &str) -> Cmd {
        let mut cmd = Cmd::new(program);
        cmd.env("PATH", &self.path);
        cmd
    }

    /// `cargo` with the project's tools on PATH.
    pub fn cargo(&self, args: &[&str]) -> Cmd {
        let mut cmd = cargo(args);
        cmd.env("PATH", &self.path);
        cmd
    }

    /// Builds the app with Trunk in release mode into `dist/`, offline: its three bundles, the
    /// administration pages into `dist/`, then the Import users page into `dist/import/` and
    /// the people's pages into `dist/people/` and, in French, `dist/people-fr/` (in that order:
    /// the first build empties `dist/`).
    pub fn trunk_build(&self) -> Result<(), String> {
        let mut trunk = self.cmd("trunk");
        trunk
            .env("TRUNK_OFFLINE", "true")
            .args(&["build", "--release"]);
        trunk.run()?;
        let mut import = self.cmd("trunk");
        import.env("TRUNK_OFFLINE", "true").args(&[
            "build",
            "--release=true",
            "--dist",
            "dist/import",
            "--public-url",
            "/import/",
            "import.html",
        ]);
        import.run()?;
        // The people's pages, once a language: each build carries one column of the catalogue.
        for (page, dist, url) in [
            ("people.html", "dist/people", "/people/"),
            ("people-fr.html", "dist/people-fr", "/people-fr/"),
        ] {
            let mut people = self.cmd("trunk");
            people.env("TRUNK_OFFLINE", "true").args(&[
                "build",
                "--release=true",
                "--dist",
                dist,
                "--public-url",
                url,
                page,
            ]);
            people.run()?;
        }
        crate::compress::precompress(&root().join("dist"))
    }
}

fn tools_dir() -> PathBuf {
    root().join(".tools")
}

/// Where `cargo install --root` puts the tools that live in `.tools/` (geckodriver).
fn tools_cargo_root() -> PathBuf {
    tools_dir().join("cargo")
}

/// PATH with the project's tool folders (`.tools/bin`, the npm tools, `.tools/cargo/bin`) and
/// cargo's install folder in front.
fn tool_path() -> String {
    let mut dirs = vec![
        tools_dir().join("bin"),
        tools_dir().join("node_modules/.bin"),
        tools_cargo_root().join("bin"),
        cargo_bin(),
    ];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn cargo_bin() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo")
        });
    home.join("bin")
}

/// The first line a tool prints for `--version`, when it runs at all.
fn version_of(path: &str, program: &str) -> Option<String> {
    let mut cmd = Cmd::new(program);
    cmd.env("PATH", path).arg("--version");
    cmd.output()
        .map(|out| out.lines().next().unwrap_or_default().trim().to_owned())
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = Cmd::new("rustup")
        .args(&["target", "list", "--installed"])
        .output();
    match installed {
        Some(list) if list.lines().any(|l| l.trim() == WASM_TARGET) => Ok(()),
        Some(_) => {
            println!("Installing the Rust target {WASM_TARGET} with rustup (under a minute)…");
            Cmd::new("rustup")
                .args(&["target", "add", WASM_TARGET])
                .run()
        }
        None => Err(format!(
            "rustup was not found: install the Rust target {WASM_TARGET} for your toolchain"
        )),
    }
}

/// `cargo install` of a tool the build and the tests run, compiled for a short build rather than
/// for speed: the tools' own release profiles ask for fat LTO and one codegen unit (Trunk's
/// took about 11 minutes on 2 cores), while the work they do here is small, so a bare machine
/// (CI) spends its minutes on Roster rather than on its tools.
/// Says how long it took.
fn cargo_install(args: &[&str]) -> Result<(), String> {
    let started = Instant::now();
    cargo(&["install"])
        .args(args)
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .run()?;
    println!(
        "Installed {} in {:.1} s",
        args[0],
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn ensure_trunk(path: &str) -> Result<(), String> {
    let want = format!("trunk {TRUNK_VERSION}");
    if version_of(path, "trunk").as_deref() == Some(want.as_str()) {
        return Ok(());
    }
    println!(
        "Installing Trunk {TRUNK_VERSION} with cargo install: it compiles from source, about 4–6 minutes on 2 cores…"
    );
    cargo_install(&["trunk", "--version", TRUNK_VERSION, "--locked", "--force"])
}

/// wasm-bindgen-cli must be exactly the `wasm-bindgen` of Cargo.lock, or the generated glue and
/// the compiled crate disagree.
fn ensure_wasm_bindgen(path: &str) -> Result<(), String> {
    let version = locked_version("wasm-bindgen")?;
    let want = format!("wasm-bindgen {version}");
    let runner = version_of(path, "wasm-bindgen-test-runner");
    if version_of(path, "wasm-bindgen").as_deref() == Some(want.as_str()) && runner.is_some() {
        return Ok(());
    }
    println!(
        "Installing wasm-bindgen-cli {version} (the version in Cargo.lock) with cargo install: about 2 minutes on 2 cores…"
    );
    // Not --locked: that fails for some versions whose locked dependencies left the registry.
    cargo_install(&["wasm-bindgen-cli", "--version", &version, "--force"])
}

fn ensure_wasm_opt(path: &str) -> Result<(), String> {
    let present = version_of(path, "wasm-opt")
        .is_some_and(|v| v.split_whitespace().nth(2) == Some(BINARYEN_VERSION));
    if present {
        return Ok(());
    }
    println!("Installing wasm-opt (npm binaryen@{BINARYEN_VERSION}) into .tools/ (a few seconds)…");
    npm_install(&format!("binaryen@{BINARYEN_VERSION}"))
}

/// Installs an npm package at an exact version into `.tools/`.
pub(crate) fn npm_install(package: &str) -> Result<(), String> {
    std::fs::create_dir_all(tools_dir()).map_err(|e| format!("cannot create .tools/: {e}"))?;
    let prefix = tools_dir().to_string_lossy().into_owned();
    Cmd::new("npm")
        .args(&[
            "install",
            "--prefix",
            &prefix,
            "--no-audit",
            "--no-fund",
            "--save-exact",
            package,
        ])
        .run()
        .map_err(|e| {
            format!("{e}; {package} needs Node.js and npm (Debian: apt-get install nodejs npm)")
        })
}

/// The Papa Parse version the import benchmark compares with.
const PAPAPARSE_VERSION: &str = "5.5.3";
/// The uDSV version the import benchmark compares with (the fastest JavaScript CSV parser).
const UDSV_VERSION: &str = "0.7.3";

/// Papa Parse and uDSV from npm into `.tools/`, for the import benchmark only.
pub fn ensure_js_parsers() -> Result<(), String> {
    ensure_npm_package(
        "papaparse",
        "Papa Parse",
        PAPAPARSE_VERSION,
        "the import benchmark",
    )?;
    ensure_npm_package("udsv", "uDSV", UDSV_VERSION, "the import benchmark")
}

/// axe-core, the accessibility checker the end-to-end tests run on every page they reach. The
/// same version as Lighthouse's own (its range is `^4.10.3`), so both share one copy in
/// `.tools/node_modules`.
const AXE_CORE_VERSION: &str = "4.14.1";

/// axe-core from npm into `.tools/`, for the end-to-end tests (`tests/src/axe.rs`).
fn ensure_axe() -> Result<(), String> {
    ensure_npm_package(
        "axe-core",
        "axe-core",
        AXE_CORE_VERSION,
        "the browser tests",
    )
}

/// npm's `package` at `version` in `.tools/`, installed when missing or at another version;
/// `name` and its `purpose` are said while installing.
fn ensure_npm_package(
    package: &str,
    name: &str,
    version: &str,
    purpose: &str,
) -> Result<(), String> {
    let manifest = tools_dir()
        .join("node_modules")
        .join(package)
        .join("package.json");
    let present = std::fs::read_to_string(&manifest)
        .is_ok_and(|m| m.contains(&format!("\"version\": \"{version}\"")));
    if present {
        return Ok(());
    }
    println!("Installing {name} {version} (npm) into .tools/ for {purpose}…");
    npm_install(&format!("{package}@{version}"))
}

/// What the tests need that is downloaded rather than compiled.
struct Fetched {
    chromedriver: PathBuf,
    firefox: PathBuf,
    webkit: Webkit,
    python: PathBuf,
}

/// The three browser engines from Debian's packages, and the Python of the email and API tests.
fn fetch_for_tests() -> Result<Fetched, String> {
    Ok(Fetched {
        chromedriver: ensure_chromium()?,
        firefox: ensure_firefox()?,
        webkit: ensure_webkit()?,
        python: ensure_python()?,
    })
}

/// Chromium and chromedriver for the browser tests, from Debian's packages.
fn ensure_chromium() -> Result<PathBuf, String> {
    let browser = which("chromium")
        .or_else(|| which("chromium-browser"))
        .or_else(|| which("google-chrome"));
    if let (Some(_), Some(driver)) = (browser, which("chromedriver")) {
        return Ok(driver);
    }
    apt_install(
        "Chromium and chromedriver",
        "about a minute",
        &["chromium", "chromium-driver"],
    )?;
    which("chromedriver")
        .ok_or_else(|| "chromedriver is still missing after apt-get install".into())
}

/// Firefox ESR from Debian's packages. Returns its path.
fn ensure_firefox() -> Result<PathBuf, String> {
    let firefox = match which("firefox-esr") {
        Some(firefox) => firefox,
        None => {
            apt_install("Firefox ESR", "about a minute", &["firefox-esr"])?;
            which("firefox-esr")
                .ok_or("firefox-esr is still missing after apt-get install firefox-esr")?
        }
    };
    // geckodriver starts the `firefox` it finds on PATH (the domain's wasm tests give it no
    // binary): `.tools/bin`, first on the tools' PATH, makes that name Firefox ESR's.
    let bin = tools_dir().join("bin");
    let link = bin.join("firefox");
    if std::fs::read_link(&link).ok().as_ref() != Some(&firefox) {
        std::fs::create_dir_all(&bin).map_err(|e| format!("cannot create .tools/bin: {e}"))?;
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&firefox, &link).map_err(|e| {
            format!(
                "cannot link {} to {}: {e}",
                link.display(),
                firefox.display()
            )
        })?;
    }
    Ok(firefox)
}

/// geckodriver at its pinned version, with cargo install into `.tools/cargo`. Returns its path.
fn ensure_geckodriver(path: &str) -> Result<PathBuf, String> {
    let geckodriver = tools_cargo_root().join("bin").join("geckodriver");
    let installed = version_of(path, &geckodriver.to_string_lossy())
        .is_some_and(|v| v.split_whitespace().nth(1) == Some(GECKODRIVER_VERSION));
    if !installed {
        println!(
            "Installing geckodriver {GECKODRIVER_VERSION} (it drives Firefox) with cargo install into .tools/cargo: it compiles from source, about 2 minutes on 2 cores…"
        );
        let root = tools_cargo_root().to_string_lossy().into_owned();
        cargo_install(&[
            "geckodriver",
            "--version",
            GECKODRIVER_VERSION,
            "--locked",
            "--force",
            "--root",
            &root,
        ])?;
    }
    Ok(geckodriver)
}

/// WebKitGTK's pieces for the browser tests.
struct Webkit {
    driver: PathBuf,
    minibrowser: PathBuf,
    xvfb_run: PathBuf,
}

/// WebKitWebDriver and MiniBrowser (WebKitGTK, Safari's engine), and xvfb-run for the display
/// they need, from Debian's packages.
fn ensure_webkit() -> Result<Webkit, String> {
    let found = || {
        Some(Webkit {
            driver: which("WebKitWebDriver")?,
            minibrowser: find_minibrowser()?,
            xvfb_run: which("xvfb-run")?,
        })
    };
    if let Some(webkit) = found() {
        return Ok(webkit);
    }
    apt_install(
        "WebKitGTK (WebKitWebDriver, MiniBrowser) and Xvfb",
        "about a minute",
        &["webkit2gtk-driver", "xvfb"],
    )?;
    found().ok_or_else(|| {
        "WebKitWebDriver, xvfb-run or MiniBrowser (/usr/lib/*/webkit2gtk-4.*/MiniBrowser) is still missing after apt-get install webkit2gtk-driver xvfb".into()
    })
}

/// MiniBrowser at Debian's usual path, else in any `/usr/lib/*/webkit2gtk-4.*/`, the newest API
/// version first.
fn find_minibrowser() -> Option<PathBuf> {
    let usual = PathBuf::from(MINIBROWSER);
    if usual.is_file() {
        return Some(usual);
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib")
        .ok()?
        .flatten()
        .filter_map(|arch| std::fs::read_dir(arch.path()).ok())
        .flat_map(|dirs| dirs.flatten())
        .filter(|dir| {
            dir.file_name()
                .to_string_lossy()
                .starts_with("webkit2gtk-4.")
        })
        .map(|dir| dir.path().join("MiniBrowser"))
        .filter(|browser| browser.is_file())
        .collect();
    found.sort();
    found.pop()
}

/// Whether this run has refreshed apt's package lists yet: once is enough.
static APT_UPDATED: AtomicBool = AtomicBool::new(false);

/// Installs Debian `packages` with apt-get when root, saying first what they are (`what`) and
/// about how long it takes (`about`), then how long it took; `apt-get update` runs before the
/// first install of the run only. Not root: an error that names the command to run.
fn apt_install(what: &str, about: &str, packages: &[&str]) -> Result<(), String> {
    let list = packages.join(" ");
    let named = packages
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(" and ");
    let root_user = Cmd::new("id")
        .arg("-u")
        .output()
        .is_some_and(|uid| uid.trim() == "0");
    if !root_user {
        return Err(format!(
            "the browser tests need {what}: install the Debian packages {named} (sudo apt-get install {list}) and run again"
        ));
    }
    println!("Installing {what} with apt-get ({about})…");
    let started = Instant::now();
    if !APT_UPDATED.swap(true, Ordering::Relaxed) {
        Cmd::new("apt-get").arg("update").run()?;
    }
    Cmd::new("apt-get")
        .args(&["install", "-y"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()?;
    println!(
        "Installed {what} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A Python with aiosmtpd and schemathesis at their pinned versions, in a virtual environment in
/// `.tools/python` (Debian's own Python refuses `pip install` outside one).
fn ensure_python() -> Result<PathBuf, String> {
    let python = ensure_aiosmtpd()?;
    ensure_schemathesis(&python)?;
    Ok(python)
}

/// The venv's Python, with aiosmtpd.
fn ensure_aiosmtpd() -> Result<PathBuf, String> {
    let venv = tools_dir().join("python");
    let python = venv.join("bin").join("python");
    let python_str = python.to_string_lossy().into_owned();
    let installed = Cmd::new(&python_str)
        .args(&["-c", "import aiosmtpd; print(aiosmtpd.__version__)"])
        .output();
    if installed.as_deref().map(str::trim) == Some(AIOSMTPD_VERSION) {
        return Ok(python);
    }
    println!(
        "Installing aiosmtpd {AIOSMTPD_VERSION} (the SMTP server of the email tests) with pip into a Python virtual environment in .tools/python (a few seconds)…"
    );
    let started = Instant::now();
    if !python.is_file() {
        let venv = venv.to_string_lossy().into_owned();
        Cmd::new("python3")
            .args(&["-m", "venv", &venv])
            .run()
            .map_err(|e| {
                format!("{e}; the email tests need Python 3 with venv (Debian: apt-get install python3 python3-venv)")
            })?;
    }
    let package = format!("aiosmtpd=={AIOSMTPD_VERSION}");
    Cmd::new(&python_str)
        .args(&[
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--quiet",
            &package,
        ])
        .run()?;
    println!(
        "Installed aiosmtpd {AIOSMTPD_VERSION} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(python)
}

/// Schemathesis at the pinned version, with pip into the venv of `python`.
fn ensure_schemathesis(python: &std::path::Path) -> Result<(), String> {
    let python = python.to_string_lossy().into_owned();
    let installed = Cmd::new(&python)
        .args(&[
            "-c",
            "import importlib.metadata as m; print(m.version('schemathesis'))",
        ])
        .output();
    if installed.as_deref().map(str::trim) == Some(SCHEMATHESIS_VERSION) {
        return Ok(());
    }
    println!(
        "Installing schemathesis {SCHEMATHESIS_VERSION} (it checks the live server against its OpenAPI document) and its dependencies with pip into .tools/python (about 10 seconds)…"
    );
    let started = Instant::now();
    let package = format!("schemathesis=={SCHEMATHESIS_VERSION}");
    // Not --quiet: pip's last line names every package it installed.
    Cmd::new(&python)
        .args(&[
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--progress-bar",
            "off",
            &package,
        ])
        .run()?;
    println!(
        "Installed schemathesis {SCHEMATHESIS_VERSION} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// The version of `package` in Cargo.lock.
fn locked_version(package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let name = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name
            && let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}
