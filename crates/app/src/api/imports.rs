//! Importing: the one lookup of a file's logins, and sending its rows a chunk at a time.

use super::{ApiResult, BASE, json, send, with_body};
use gloo_net::http::Request;
use roster_domain::ErrorCode;
use roster_domain::import::{Existing, Logins, RowValues};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
struct LookupAnswer {
    here: Vec<String>,
    elsewhere: Vec<String>,
    /// Logins of accounts where I may not manage them: an import asks them to join.
    #[serde(default)]
    consent: Vec<String>,
}

/// Where each of these username keys already has a login.
pub async fn lookup_logins(account: i64, usernames: &[&str]) -> ApiResult<Logins> {
    let url = format!("{BASE}/accounts/{account}/imports/lookup");
    // Written straight from the keys (no copy of 50,000 strings into a JSON value first).
    #[derive(Serialize)]
    struct Lookup<'a> {
        usernames: &'a [&'a str],
    }
    let answer: LookupAnswer =
        json(send(with_body(Request::post(&url), &Lookup { usernames })).await?).await?;
    let here = answer.here.into_iter().map(|k| (k, Existing::Here));
    let elsewhere = answer
        .elsewhere
        .into_iter()
        .map(|k| (k, Existing::Elsewhere));
    let consent = answer.consent.into_iter().map(|k| (k, Existing::Consent));
    Ok(here.chain(elsewhere).chain(consent).collect())
}

/// One row as sent.
#[derive(Debug, Clone, Serialize)]
pub struct ChunkRow {
    pub row: u32,
    pub values: RowValues,
}

/// One finding of the server about a row.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RowFinding {
    pub column: String,
    pub code: ErrorCode,
}

/// What became of a row: `created`, `added`, `requested` (asked by email to join) or `refused`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RowResult {
    pub row: u32,
    pub outcome: String,
    pub user: Option<i64>,
    pub findings: Vec<RowFinding>,
}

#[derive(Deserialize)]
struct ChunkAnswer {
    results: Vec<RowResult>,
}

/// Sends one chunk with its `Idempotency-Key`: sending it again answers the same.
pub async fn import_chunk(account: i64, key: &str, rows: &[ChunkRow]) -> ApiResult<Vec<RowResult>> {
    let url = format!("{BASE}/accounts/{account}/imports");
    let request = Request::post(&url).header("Idempotency-Key", key);
    let body = serde_json::json!({ "rows": rows });
    Ok(json::<ChunkAnswer>(send(with_body(request, &body)).await?)
        .await?
        .results)
}

/// The address of the account's users as CSV.
pub fn export_url(account: i64) -> String {
    format!("{BASE}/accounts/{account}/users/export.csv")
}
