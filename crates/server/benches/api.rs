//! `cargo xtask bench`: the figures the users-and-groups work is held to, printed, not asserted.
//!
//! Seeds 100,000 users in one account of a fresh database, then measures through the real HTTP
//! server: search-as-you-type requests (every prefix of some names, as a person types them) and
//! the first users page; then the transfer size of the built app's bundles (wasm + js + css +
//! html), raw, gzip and brotli: the administration pages', the Import users page's and the
//! people's (what `/sign-in` downloads). Then it imports 50,000 new people as the Import users
//! page sends them, 100 chunks of 500 rows each with its `Idempotency-Key`, into a fresh
//! database and into a fresh account of the 100,000 people's, and prints the rows created per
//! second overall and for the first and last chunks. Targets on the 2-core machine: search p95
//! under 20 ms; app under 300 KB brotli; the people's bundle under 120 KB brotli; 50,000 rows
//! imported in under 10 s, the last chunk not much slower than the first.

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

    let client = sign_in(&base).await;

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
    // Built again in French, for a person or a browser that speaks it (the same target).
    transfer_size(
        "people's bundle in French (/sign-in, fr)",
        &dist.join("people-fr"),
    );

    // The import, twice: into a fresh database (the demo's 200 people), as on a new server, and
    // into a fresh account of this one, beside the 100,000 logins every new one is checked
    // against (a username must not be another login's email, whatever its account).
    let fresh = Config::demo_on_loopback(
        dist.clone(),
        format!("sqlite://{}", dir.join("import.db").display()),
        PASSWORD,
    );
    let fresh = Application::build(fresh).await.unwrap();
    let (fresh_db, fresh_base) = (fresh.db(), format!("http://{}", fresh.addr()));
    tokio::spawn(fresh.run_until_stopped());
    let fresh_client = sign_in(&fresh_base).await;
    import_rate("a fresh database", &fresh_client, &fresh_base, &fresh_db).await;
    import_rate("a fresh account beside 100,000 logins", &client, &base, &db).await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// A client of the server at `base`, signed in as the demo administrator.
async fn sign_in(base: &str) -> reqwest::Client {
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
    client
}

const IMPORT_CHUNKS: usize = 100;
const IMPORT_CHUNK_ROWS: usize = 500;

/// Row `n` of the import: a new person of `bench.test` with the template's columns as the page
/// sends them (blank meaning not given): accents, a phone for one in three, a language, a group,
/// a records level, and a licence for one in ten (5,000, within the account's 10,000 seats).
fn import_row(n: usize) -> serde_json::Value {
    const FIRST: [&str; 8] = [
        "Zoë",
        "François",
        "Amara",
        "Kenji",
        "Sofía",
        "Björn",
        "Priya",
        "Léa",
    ];
    const LAST: [&str; 8] = [
        "Lefèvre", "Okafor", "Nakamura", "García", "O'Brien", "Müller", "Da Silva", "Nguyen",
    ];
    let first = FIRST[n % FIRST.len()];
    let last = LAST[(n / FIRST.len()) % LAST.len()];
    let phone = if n.is_multiple_of(3) {
        format!(
            "+33 6 {:02} {:02} {:02} {:02}",
            n % 100,
            n / 100 % 100,
            n % 7,
            n % 11
        )
    } else {
        String::new()
    };
    let language = ["en", "fr", ""][n % 3];
    let group = ["", "Finance", "Operations"][n % 3];
    let records = ["A", "B", "C", ""][n % 4];
    let licence = if n.is_multiple_of(10) { "yes" } else { "no" };
    serde_json::json!({
        "row": n + 1,
        "values": {
            "email": format!("import-{n}@bench.test"),
            "first_name": first,
            "last_name": last,
            "username": "",
            "phone": phone,
            "language": language,
            "group": group,
            "role": "user",
            "licence": licence,
            "authorities": {"records": records},
            "exchange_domain": "",
            "exchange_username": "",
        },
    })
}

/// Imports 50,000 new people into a fresh account through `POST /accounts/{account}/imports`,
/// one chunk after another as the app sends them, and prints the rows created per second.
async fn import_rate(
    label: &str,
    client: &reqwest::Client,
    base: &str,
    db: &roster_server::store::Pool,
) {
    let account = roster_server::demo::seed_import_account(db, "Bench Imports", 10_000)
        .await
        .unwrap();
    let url = format!("{base}/api/v1/accounts/{account}/imports");
    let mut times = Vec::with_capacity(IMPORT_CHUNKS);
    let mut created = 0;
    let started = Instant::now();
    for chunk in 0..IMPORT_CHUNKS {
        let rows: Vec<_> = (chunk * IMPORT_CHUNK_ROWS..(chunk + 1) * IMPORT_CHUNK_ROWS)
            .map(import_row)
            .collect();
        let body = serde_json::json!({ "rows": rows });
        let t = Instant::now();
        let res = client
            .post(&url)
            .header("idempotency-key", format!("bench-import-{chunk}"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let answer = res.json::<serde_json::Value>().await.unwrap();
        times.push(t.elapsed());
        created += answer["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["outcome"] == "created")
            .count();
    }
    let total = started.elapsed();
    let rate = |rows: usize, spent: Duration| rows as f64 / spent.as_secs_f64();
    let tenth = IMPORT_CHUNKS / 10;
    println!(
        "import of {} rows in {IMPORT_CHUNKS} chunks of {IMPORT_CHUNK_ROWS} into {label} (POST \
         imports): {created} created in {:.1} s, {:.0} rows/s; first chunk {:.0} rows/s \
         ({:.0} ms), last chunk {:.0} rows/s ({:.0} ms); first {tenth} chunks {:.0} rows/s, \
         last {tenth} {:.0} rows/s",
        IMPORT_CHUNKS * IMPORT_CHUNK_ROWS,
        total.as_secs_f64(),
        rate(IMPORT_CHUNKS * IMPORT_CHUNK_ROWS, total),
        rate(IMPORT_CHUNK_ROWS, times[0]),
        times[0].as_secs_f64() * 1000.0,
        rate(IMPORT_CHUNK_ROWS, times[IMPORT_CHUNKS - 1]),
        times[IMPORT_CHUNKS - 1].as_secs_f64() * 1000.0,
        rate(tenth * IMPORT_CHUNK_ROWS, times[..tenth].iter().sum()),
        rate(
            tenth * IMPORT_CHUNK_ROWS,
            times[IMPORT_CHUNKS - tenth..].iter().sum()
        ),
    );
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
