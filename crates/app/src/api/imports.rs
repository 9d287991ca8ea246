//! Importing: the one lookup of a file's logins, and sending its rows a chunk at a time.

use super::{ApiResult, BASE, receive, with_body};
use gloo_net::http::Request;
use roster_api::imports::{
    ChunkAnswer, ChunkRow, ImportChunk, LookupAnswer, LookupRequest, RowResult,
};
use roster_domain::import::{Existing, Logins};
use std::borrow::Cow;

/// Where each of these username keys already has a login.
pub async fn lookup_logins(account: i64, usernames: &[&str]) -> ApiResult<Logins> {
    let url = format!("{BASE}/accounts/{account}/imports/lookup");
    // The keys are borrowed, never copied: 50,000 of them are written straight from the file.
    let body = LookupRequest {
        usernames: usernames.iter().map(|k| Cow::Borrowed(*k)).collect(),
    };
    let answer: LookupAnswer = receive(with_body(Request::post(&url), &body))
        .await?
        .json()?;
    let here = answer.here.into_iter().map(|k| (k, Existing::Here));
    let elsewhere = answer
        .elsewhere
        .into_iter()
        .map(|k| (k, Existing::Elsewhere));
    let consent = answer.consent.into_iter().map(|k| (k, Existing::Consent));
    Ok(here.chain(elsewhere).chain(consent).collect())
}

/// Sends one chunk with its `Idempotency-Key`: sending it again answers the same.
pub async fn import_chunk(
    account: i64,
    key: &str,
    rows: Vec<ChunkRow>,
) -> ApiResult<Vec<RowResult>> {
    let url = format!("{BASE}/accounts/{account}/imports");
    let request = Request::post(&url).header("Idempotency-Key", key);
    let body = ImportChunk { rows };
    Ok(receive(with_body(request, &body))
        .await?
        .json::<ChunkAnswer>()?
        .results)
}

/// The address of the account's users as CSV.
pub fn export_url(account: i64) -> String {
    format!("{BASE}/accounts/{account}/users/export.csv")
}
