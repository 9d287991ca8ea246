//! The one test app: `spawn_app()` boots the real server on port 0 with a fresh database seeded
//! with the demo, and every helper a test needs is a method of its [`TestApp`] or a free function
//! here, so that no test module borrows from another. By area: the answers and requests of the
//! API (`http`), facts read underneath it through the server's store (`facts`), people picked by
//! their standing (`people`), facts set underneath it through the store (`arrange`), the mailbox
//! and its links (`mail`), an account's users, groups and audit log (`accounts`), and imports
//! (`imports`). No test holds SQL: what it reads or sets underneath the API is a method here,
//! built on `roster_server::store`.

mod accounts;
mod arrange;
mod facts;
mod http;
mod imports;
mod mail;
mod people;

pub use accounts::policy;
pub use http::{delete, get, json, patch, post, problem_code};
pub use imports::row;

use reqwest::header::{HeaderMap, HeaderValue, ORIGIN};
use roster_server::{Application, Config};
use serde_json::Value;
use std::path::PathBuf;

pub const PASSWORD: &str = "correct horse battery staple";

// The demo's sign-ins and accounts, by the names the tests use.
pub const ADMIN: &str = "admin@acme.test";
pub const DELEGATE: &str = "delegate@acme.test";
pub const EU_ADMIN: &str = "eu-admin@acme.test";
pub const RECORDS: &str = "Acme Records";
pub const EUROPE: &str = "Acme Europe";

#[derive(Debug)]
pub struct TestApp {
    pub base: String,
    pub db: roster_server::store::Pool,
    pub sealer: std::sync::Arc<roster_server::seal::Sealer>,
    /// The database's URL, for the command line's tests.
    pub database_url: String,
    _dir: TempDir,
}

/// A folder removed when the test ends.
#[derive(Debug)]
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The stand-ins of the built app's pages, one for each bundle.
pub const ADMIN_PAGE: &str = "<!doctype html><title>Roster</title>";
pub const IMPORT_PAGE: &str = "<!doctype html><title>Import users · Roster</title>";
pub const PEOPLE_PAGE: &str = "<!doctype html><title>Sign in · Roster</title>";
pub const PEOPLE_PAGE_FR: &str = "<!doctype html><html lang=fr><title>Connexion · Roster</title>";

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// `spawn_app()` with the configuration changed by `configure` first.
pub async fn spawn_app_with(configure: impl FnOnce(&mut Config)) -> TestApp {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("roster-api-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The API tests need no built app, only the files the server checks for.
    std::fs::write(dir.join("index.html"), ADMIN_PAGE).unwrap();
    std::fs::create_dir_all(dir.join("import")).unwrap();
    std::fs::write(dir.join("import/index.html"), IMPORT_PAGE).unwrap();
    std::fs::create_dir_all(dir.join("people")).unwrap();
    std::fs::write(dir.join("people/index.html"), PEOPLE_PAGE).unwrap();
    std::fs::create_dir_all(dir.join("people-fr")).unwrap();
    std::fs::write(dir.join("people-fr/index.html"), PEOPLE_PAGE_FR).unwrap();
    let mut config = Config::demo_on_loopback(
        dir.clone(),
        format!("sqlite://{}", dir.join("roster.db").display()),
        PASSWORD,
    );
    configure(&mut config);
    let database_url = config.database_url.clone();
    let app = Application::build(config).await.unwrap();
    let base = format!("http://{}", app.addr());
    let db = app.db();
    let sealer = app.sealer();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        base,
        db,
        sealer,
        database_url,
        _dir: TempDir(dir),
    }
}

/// The OpenAPI document as a fresh server serves it.
pub async fn openapi_document() -> Value {
    let app = spawn_app().await;
    let res = reqwest::get(app.url("/openapi.json")).await.unwrap();
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

impl TestApp {
    /// A browser-like client: keeps cookies and sends this server's Origin.
    pub fn client(&self) -> reqwest::Client {
        let mut headers = HeaderMap::new();
        headers.insert(ORIGIN, HeaderValue::from_str(&self.base).unwrap());
        reqwest::Client::builder()
            .cookie_store(true)
            .default_headers(headers)
            .build()
            .unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    /// A client signed in as `username`.
    pub async fn signed_in(&self, username: &str) -> reqwest::Client {
        let client = self.client();
        let res = self.sign_in(&client, username, PASSWORD).await;
        assert_eq!(res.status(), 200, "sign-in of {username}");
        client
    }

    pub async fn sign_in(
        &self,
        client: &reqwest::Client,
        username: &str,
        password: &str,
    ) -> reqwest::Response {
        client
            .post(self.url("/session"))
            .json(&serde_json::json!({ "username": username, "password": password }))
            .send()
            .await
            .unwrap()
    }
}
