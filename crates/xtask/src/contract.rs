//! "The OpenAPI document is the contract": schemathesis against the live server.
//!
//! The built `roster` binary serves the demo (`--demo`, as `cargo xtask run` does) on an
//! in-memory database and a free port; `schemathesis/run.py` signs in as the demo administrator
//! and runs schemathesis over every operation (`schemathesis/schemathesis.toml` says which checks
//! and why), then prints its counts. The server is stopped however the run ends.

use crate::cmd::{Cmd, cargo, root};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

/// The demo administrator (`DEMO_ADMIN` in crates/server/src/demo.rs; the README lists it).
const DEMO_ADMIN: &str = "admin@acme.test";
/// The budget of the run over every operation, in seconds; signing in and out then take
/// [`FINAL_SECONDS`]: about three minutes in all, with the server's start.
pub const SECONDS: u32 = 150;
const FINAL_SECONDS: u32 = 20;

/// Builds the server, serves the demo, and runs schemathesis against it with `python` (the venv
/// of `.tools/python`); each line it prints goes to `each` too.
pub fn run(python: &str, seconds: u32, each: &mut dyn FnMut(&str)) -> Result<(), String> {
    cargo(&["build", "--package", "roster-server", "--bin", "roster"]).run()?;
    let binary = target_dir().join("debug").join("roster");
    let dist = root().join("dist");
    let password = demo_password();
    let started = Instant::now();
    let mut server = Server::start(&binary, &dist, &password)?;
    let url = server.url.clone();
    println!("Serving the demo at {url} for schemathesis");
    let script = root().join("crates/xtask/schemathesis/run.py");
    let outcome = Cmd::new(python)
        .args(&[
            &script.to_string_lossy(),
            "--url",
            &url,
            "--username",
            DEMO_ADMIN,
            "--password",
            &password,
            "--seconds",
            &seconds.to_string(),
            "--final-seconds",
            &FINAL_SECONDS.to_string(),
        ])
        .run_reading(each);
    server.stop();
    println!(
        "schemathesis took {:.0} s with the server's start",
        started.elapsed().as_secs_f64()
    );
    outcome
}

/// The target directory cargo builds into.
pub(crate) fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                root().join(dir)
            }
        })
        .unwrap_or_else(|| root().join("target"))
}

/// A password for this run's demo sign-ins, made up (the server is gone with the run): std's
/// hasher keys are random for each process.
fn demo_password() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    format!("schemathesis-{:016x}", hasher.finish())
}

/// The running server, stopped when dropped (the Lighthouse bench's too).
pub(crate) struct Server {
    child: Child,
    pub(crate) url: String,
}

impl Server {
    /// Starts `roster serve --demo` and waits for the line that says where it listens.
    pub(crate) fn start(
        binary: &std::path::Path,
        dist: &std::path::Path,
        password: &str,
    ) -> Result<Server, String> {
        let mut child = Command::new(binary)
            .current_dir(root())
            .args(["serve", "--demo", "--database", "sqlite::memory:"])
            .args(["--addr", "127.0.0.1:0"])
            .arg("--dist")
            .arg(dist)
            .env("ROSTER_DEMO_PASSWORD", password)
            // No SMTP relay: the emails stay in the local mailbox, which the API shows.
            .env_remove("ROSTER_SMTP_URL")
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let Some(out) = child.stdout.take() else {
            let _ = child.kill();
            return Err("the server's output cannot be read".into());
        };
        let mut lines = BufReader::new(out).lines();
        let url = loop {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(rest) = line.strip_prefix("Roster is running at ") {
                        break Some(rest.trim().trim_end_matches('/').to_owned());
                    }
                }
                _ => break None,
            }
        };
        // Keep reading, so that the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        let mut server = Server {
            child,
            url: String::new(),
        };
        match url {
            Some(url) => {
                server.url = url;
                Ok(server)
            }
            None => {
                server.stop();
                Err("the server stopped before it said where it listens".into())
            }
        }
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}
