//! `cargo xtask bench`: the figures the users-and-groups work is held to, printed, not asserted.
//!
//! Seeds 100,000 users in one account of a fresh database, then measures through the real HTTP
//! server: search-as-you-type requests (every prefix of some names, as a person types them) and
//! the first users page; then the transfer size of the built app's bundles (wasm + js + css +
//! html), raw, gzip and brotli: the administration pages', the Import users page's and the
//! people's (what `/sign-in` downloads). Targets on the 2-core machine: search p95 under 20 ms;
//! app under 300 KB brotli; the people's bundle under 120 KB brotli.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roster_server::{Application, Config};
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const USERS: usize = 100_000;
const PASSWORD: &str = "bench password 1234";

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{name}: n={} p50={:.2} ms p95={:.2} ms max={:.2} ms",
        samples.len(),
        percentile(&samples, 0.50),
        percentile(&samples, 0.95),
        percentile(&samples, 1.0)
    );
}

#[tokio::main]
async fn main() {
    // Where cargo says the crate is now (the compiled-in path goes stale when another checkout
    // shares the target directory).
    let root = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .join("../..");
    let dist = std::env::var_os("ROSTER_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("dist"));
    let dir = std::env::temp_dir().join(format!("roster-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = Config::demo_on_loopback(
        dist.clone(),
        format!("sqlite://{}", dir.join("bench.db").display()),
        PASSWORD,
    );
    let app = Application::build(config).await.unwrap();
    let db = app.db();
    let base = format!("http://{}", app.addr());
    tokio::spawn(app.run_until_stopped());

    let started = Instant::now();
    let account = roster_server::demo::seed_bulk(&db, USERS).await.unwrap();
    println!(
        "seeded {USERS} users into one account in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let client = reqwest::Client::builder()
        .cookie_store(true)
        .default_headers(
            [(reqwest::header::ORIGIN, base.parse().unwrap())]
                .into_iter()
                .collect(),
        )
        .build()
        .unwrap();
    let res = client
        .post(format!("{base}/api/v1/session"))
        .json(&serde_json::json!({"username": "admin@acme.test", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    let users = format!("{base}/api/v1/accounts/{account}/users");
    // Warm up the connection and SQLite's page cache the way a running server is warm.
    for _ in 0..20 {
        client
            .get(format!("{users}?per_page=25"))
            .send()
            .await
            .unwrap();
    }

    let mut search = Vec::new();
    let mut typed = Vec::new();
    for name in [
        "helene",
        "nakamura",
        "zoe.l",
        "kowalski4",
        "bench-user-4711",
        "garcia",
        "xyz-nobody",
        "mul",
    ] {
        for end in 1..=name.len() {
            let t = Instant::now();
            let res = client
                .get(format!("{users}?q={}&per_page=25", &name[..end]))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200);
            res.bytes().await.unwrap();
            search.push(t.elapsed());
            typed.push((t.elapsed(), name[..end].to_owned()));
        }
    }
    typed.sort();
    let slowest: Vec<String> = typed
        .iter()
        .rev()
        .take(5)
        .map(|(d, q)| format!("{q:?} {:.1} ms", d.as_secs_f64() * 1000.0))
        .collect();
    println!("slowest searches: {}", slowest.join(", "));
    let mut first_page = Vec::new();
    for _ in 0..100 {
        let t = Instant::now();
        let res = client
            .get(format!("{users}?page=1&per_page=25"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        res.bytes().await.unwrap();
        first_page.push(t.elapsed());
    }
    // A search just after an edit pays for reading the change into the in-memory index.
    let mut after_edit = Vec::new();
    let page = client
        .get(format!("{users}?q=bench-user-&per_page=20"))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    for (n, item) in page["items"].as_array().unwrap().iter().enumerate() {
        let url = format!("{users}/{}", item["id"]);
        let res = client.get(&url).send().await.unwrap();
        let tag = res.headers()["etag"].clone();
        let res = client
            .patch(&url)
            .header("if-match", tag)
            .json(&serde_json::json!({"last_name": format!("Edited{n}")}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let t = Instant::now();
        let res = client
            .get(format!("{users}?q=edited{n}&per_page=25"))
            .send()
            .await
            .unwrap();
        let found = res.json::<serde_json::Value>().await.unwrap();
        after_edit.push(t.elapsed());
        assert_eq!(found["total"], 1);
    }
    report("search as you type (GET users?q=…)", search);
    report("search just after an edit", after_edit);
    report("first users page (GET users?page=1)", first_page);

    transfer_size("app transfer size", &dist);
    // The Import users page's own bundle, downloaded on that page only.
    transfer_size("Import users page bundle", &dist.join("import"));
    // The people's bundle: all that a phone downloads to sign in (target: 120 KB brotli).
    transfer_size("people's bundle (/sign-in)", &dist.join("people"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Prints the size of the built files in `dir`, raw, gzip and brotli, and their total.
fn transfer_size(label: &str, dir: &std::path::Path) {
    let (mut raw, mut gz, mut br) = (0usize, 0usize, 0usize);
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_owned();
        if !["wasm", "js", "css", "html"].contains(&ext.as_str()) {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&bytes).unwrap();
        let gzip = gzip.finish().unwrap();
        let mut brotli = Vec::new();
        brotli::BrotliCompress(
            &mut bytes.as_slice(),
            &mut brotli,
            &brotli::enc::BrotliEncoderParams {
                quality: 11,
                lgwin: 22,
                ..Default::default()
            },
        )
        .unwrap();
        println!(
            "  {:<40} {:>8} B raw {:>8} B gzip {:>8} B brotli",
            path.file_name().unwrap().to_string_lossy(),
            bytes.len(),
            gzip.len(),
            brotli.len()
        );
        raw += bytes.len();
        gz += gzip.len();
        br += brotli.len();
    }
    println!(
        "{label} (wasm + js + css + html): {:.1} KB raw, {:.1} KB gzip, {:.1} KB brotli",
        raw as f64 / 1024.0,
        gz as f64 / 1024.0,
        br as f64 / 1024.0
    );
}
