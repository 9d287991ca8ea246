//! `cargo xtask fuzz [--seconds N]`: fuzzes the CSV import reader for a bounded time (default
//! five minutes) with cargo-fuzz on nightly, seeded with the import corpus of `tests/fixtures/`.
//! A crash or a hang (an input taking over 5 s) fails the command, and libFuzzer saves the input
//! under `fuzz/artifacts/`. Not part of `cargo xtask test`: fuzzing has no end.

use crate::cmd::{Cmd, cargo};
use std::time::Instant;

/// Fuzzes for `--seconds N` (default 300), installing nightly and cargo-fuzz first if missing.
pub fn run(args: &[String]) -> Result<(), String> {
    let seconds = match args {
        [] => 300,
        [flag, n] if flag == "--seconds" => n
            .parse::<u64>()
            .map_err(|_| format!("--seconds wants a number of seconds, not {n:?}"))?,
        _ => return Err("usage: cargo xtask fuzz [--seconds N]".into()),
    };
    ensure_nightly()?;
    ensure_cargo_fuzz()?;
    // The corpus libFuzzer grows, then the import fixtures: seeds it reads and never writes.
    let corpus = "fuzz/corpus/import_reader";
    std::fs::create_dir_all(crate::tools::root().join(corpus))
        .map_err(|e| format!("cannot create {corpus}: {e}"))?;
    // From the workspace root with `--fuzz-dir fuzz`: the same as running from `fuzz/`.
    nightly_cargo(&["fuzz", "run", "--fuzz-dir", "fuzz", "import_reader"])
        .args(&[corpus, "tests/fixtures/import", "--"])
        .arg(&format!("-max_total_time={seconds}"))
        // Inputs up to 64 KB from the start (libFuzzer would otherwise grow its limit slowly and
        // stay near the seeds' 1 KB): rows upon rows, quotes that never close, fields over the
        // limit. The 10 MB limit itself is checked before any reading.
        .args(&["-timeout=5", "-rss_limit_mb=2048", "-max_len=65536", "-len_control=0"])
        .run()
        .map_err(|e| {
            format!(
                "{e}: a crash or a hang (or the build failed); libFuzzer saved the input under fuzz/artifacts/import_reader/"
            )
        })
}

/// `cargo +nightly` with these arguments: the `cargo` on PATH, rustup's proxy, which understands
/// `+nightly` (`cmd::cargo` runs $CARGO, the stable toolchain's own binary, which does not).
fn nightly_cargo(args: &[&str]) -> Cmd {
    let mut cmd = Cmd::new("cargo");
    cmd.arg("+nightly").args(args);
    cmd
}

fn ensure_nightly() -> Result<(), String> {
    let listed = Cmd::new("rustup")
        .args(&["toolchain", "list"])
        .output()
        .unwrap_or_default();
    if listed.lines().any(|l| l.starts_with("nightly")) {
        return Ok(());
    }
    println!(
        "Installing the nightly Rust toolchain with rustup (cargo-fuzz needs it; about a minute)…"
    );
    let started = Instant::now();
    Cmd::new("rustup")
        .args(&["toolchain", "install", "nightly", "--profile", "minimal"])
        .run()?;
    println!(
        "Installed the nightly toolchain in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn ensure_cargo_fuzz() -> Result<(), String> {
    if Cmd::new("cargo")
        .args(&["fuzz", "--version"])
        .output()
        .is_some()
    {
        return Ok(());
    }
    println!(
        "Installing cargo-fuzz with cargo install --locked: it compiles from source, a few minutes on 2 cores…"
    );
    let started = Instant::now();
    cargo(&["install", "cargo-fuzz", "--locked"]).run()?;
    println!(
        "Installed cargo-fuzz in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
