//! A real SMTP server on loopback for the delivery tests: `tests/smtp_sink.py` (Python's
//! aiosmtpd) in a child process, killed when the test drops it. Each message it accepts becomes
//! one JSON file, read back by [`SmtpSink::messages`].
//!
//! The Python is `ROSTER_TEST_PYTHON` (`cargo xtask test` points it at `.tools/python`, where it
//! installs aiosmtpd), else `python3`. Without aiosmtpd these tests fail and say how to get it:
//! they never skip.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp_sink.py");

/// A running SMTP server that keeps what it receives.
#[derive(Debug)]
pub struct SmtpSink {
    pub port: u16,
    child: Child,
    dir: PathBuf,
}

/// The Python to run the sink with, checked once for aiosmtpd.
fn python() -> String {
    static PYTHON: OnceLock<Result<String, String>> = OnceLock::new();
    let found = PYTHON.get_or_init(|| {
        let python = std::env::var("ROSTER_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let why = match Command::new(&python)
            .args(["-c", "import aiosmtpd"])
            .output()
        {
            Ok(out) if out.status.success() => return Ok(python),
            Ok(out) => {
                let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
                stderr.trim().lines().last().unwrap_or_default().to_owned()
            }
            Err(err) => err.to_string(),
        };
        Err(format!(
            "the email delivery tests need Python 3 with aiosmtpd, and `{python}` cannot import \
             it ({why}). `cargo xtask test` installs it into .tools/python; otherwise \
             `pip install aiosmtpd` and set ROSTER_TEST_PYTHON to that python"
        ))
    });
    found.clone().unwrap_or_else(|why| panic!("{why}"))
}

/// A port nobody listens on (for a moment: enough for these tests).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl SmtpSink {
    /// Starts a sink on a free port.
    pub async fn start() -> SmtpSink {
        SmtpSink::start_on(free_port()).await
    }

    /// Starts a sink on `port` and waits until it accepts connections.
    pub async fn start_on(port: u16) -> SmtpSink {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let python = python();
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("roster-smtp-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let log = std::fs::File::create(dir.join("sink.log")).unwrap();
        let child = Command::new(&python)
            .arg(SCRIPT)
            .arg(port.to_string())
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {python} {SCRIPT}: {e}"));
        let mut sink = SmtpSink { port, child, dir };
        let deadline = Instant::now() + Duration::from_secs(20);
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            let log = || std::fs::read_to_string(sink.dir.join("sink.log")).unwrap_or_default();
            if let Some(status) = sink.child.try_wait().unwrap() {
                panic!("the SMTP sink stopped ({status}): {}", log());
            }
            assert!(
                Instant::now() < deadline,
                "the SMTP sink does not listen on port {port}: {}",
                log()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        sink
    }

    /// Every message received so far, in the order received.
    pub fn messages(&self) -> Vec<Value> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|path| serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap())
            .collect()
    }

    /// Waits (at most 20 s) until `count` messages have arrived, and returns them.
    pub async fn wait_for(&self, count: usize) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let messages = self.messages();
            if messages.len() >= count || Instant::now() > deadline {
                assert_eq!(messages.len(), count, "messages received: {messages:#?}");
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
