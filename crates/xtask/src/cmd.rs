//! Running commands: echoed before they start, so a long step never looks hung, and their
//! failures named.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// The workspace root. `cargo run` (which `cargo xtask` is) tells the binary where its manifest
/// is now; the path compiled in is only a fallback, stale once the checkout has moved or another
/// checkout shares the target directory (cargo then runs the binary without rebuilding it).
pub fn root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let root = manifest.join("../..");
    root.canonicalize().unwrap_or(root)
}

/// A command to run from the workspace root.
#[derive(Debug)]
pub struct Cmd {
    inner: Command,
    shown: String,
}

impl Cmd {
    pub fn new(program: &str) -> Cmd {
        let mut inner = Command::new(program);
        inner.current_dir(root());
        Cmd {
            inner,
            shown: program.to_owned(),
        }
    }

    pub fn arg(&mut self, arg: &str) -> &mut Cmd {
        self.inner.arg(arg);
        self.shown.push(' ');
        self.shown.push_str(arg);
        self
    }

    pub fn args(&mut self, args: &[&str]) -> &mut Cmd {
        for a in args {
            self.arg(a);
        }
        self
    }

    pub fn args_owned(&mut self, args: &[String]) -> &mut Cmd {
        for a in args {
            self.arg(a);
        }
        self
    }

    pub fn env(&mut self, key: &str, value: &str) -> &mut Cmd {
        self.inner.env(key, value);
        self
    }

    /// Leaves `key` out of its environment even when this process has it (it inherits the rest).
    pub fn env_remove(&mut self, key: &str) -> &mut Cmd {
        self.inner.env_remove(key);
        self
    }

    /// Runs it, output straight to the terminal.
    pub fn run(&mut self) -> Result<(), String> {
        println!("\n$ {}", self.shown);
        let status = self
            .inner
            .status()
            .map_err(|e| format!("cannot start `{}`: {e}", self.shown))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", self.shown))
        }
    }

    /// Runs it, echoing its standard output line by line to `each` as well as the terminal.
    pub fn run_reading(&mut self, each: &mut dyn FnMut(&str)) -> Result<(), String> {
        println!("\n$ {}", self.shown);
        let mut child = self
            .inner
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start `{}`: {e}", self.shown))?;
        if let Some(out) = child.stdout.take() {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                println!("{line}");
                each(&line);
            }
        }
        let status = child.wait().map_err(|e| format!("`{}`: {e}", self.shown))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", self.shown))
        }
    }

    /// Starts it beside this process, output straight to the terminal; the caller waits for it.
    pub fn spawn(&mut self) -> Result<Child, String> {
        println!("\n$ {}", self.shown);
        self.inner
            .spawn()
            .map_err(|e| format!("cannot start `{}`: {e}", self.shown))
    }

    /// Runs it quietly and returns its standard output, or None when it cannot run or fails.
    pub fn output(&mut self) -> Option<String> {
        let out = self.inner.stderr(Stdio::null()).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

/// `cargo` (the one running xtask) with these arguments.
pub fn cargo(args: &[&str]) -> Cmd {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Cmd::new(&cargo);
    cmd.args(args);
    cmd
}
