//! `cargo xtask fuzz [--seconds N]`: fuzzes the CSV import reader for a bounded time (default
//! five minutes) with cargo-fuzz on nightly, seeded with the import corpus of `tests/fixtures/`.
//! A crash or a hang (an input taking over 5 s) fails the command, and libFuzzer saves the input
//! under `fuzz/artifacts/`. Not part of `cargo xtask test`: fuzzing has no end.

use crate::cmd::Cmd;
use std::time::Instant;

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
    let corpus = "fuzz/corpus/import_reader";
    std::fs::create_dir_all(crate::tools::root().join(corpus))
        .map_err(|e| format!("cannot create {corpus}: {e}"))?;
    Cmd::new("cargo")
        .args(&[
            "+nightly",
            "fuzz",
            "run",
            "--fuzz-dir",
            "fuzz",
            "import_reader",
            corpus,
            "tests/fixtures/import",
            "--",
        ])
        .arg(&format!("-max_total_time={seconds}"))
        // Inputs up to 64 KB: large enough for rows upon rows, quotes that never close, fields
        // over the limit; the 10 MB limit itself is checked before any reading.
        .args(&["-timeout=5", "-rss_limit_mb=2048", "-max_len=65536"])
        .run()
}

fn ensure_nightly() -> Result<(), String> {
    let listed = Cmd::new("rustup")
        .args(&["toolchain", "list"])
        .output()
        .unwrap_or_default();
    if listed.lines().any(|l| l.starts_with("nightly")) {
        return Ok(());
    }
    println!("Installing the nightly toolchain (cargo-fuzz needs it; about a minute)…");
    Cmd::new("rustup")
        .args(&["toolchain", "install", "nightly", "--profile", "minimal"])
        .run()
}

fn ensure_cargo_fuzz() -> Result<(), String> {
    if Cmd::new("cargo")
        .args(&["fuzz", "--version"])
        .output()
        .is_some()
    {
        return Ok(());
    }
    println!("Installing cargo-fuzz with cargo install (a few minutes on 2 cores)…");
    let started = Instant::now();
    Cmd::new("cargo")
        .args(&["install", "cargo-fuzz", "--locked"])
        .run()?;
    println!(
        "Installed cargo-fuzz in {:.0} s.",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
