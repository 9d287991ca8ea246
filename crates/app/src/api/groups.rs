//! Groups and the audit log.

use super::users::encode_component;
use super::{ApiResult, BASE, Items, get, json, send, with_body};
use gloo_net::http::Request;
use serde::{Deserialize, Serialize};
/// A group of an account.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Group {
    pub id: i64,
    pub name: String,
    pub is_default: bool,
    pub member_count: i64,
    pub policy: GroupPolicy,
    pub version: i64,
}

/// What a group decides for its members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupPolicy {
    pub min_password_length: u16,
    pub idle_timeout_minutes: u16,
    pub members_may_edit_own_details: bool,
}

pub async fn groups(account: i64) -> ApiResult<Vec<Group>> {
    Ok(
        json::<Items<Group>>(send(get(&format!("/accounts/{account}/groups"))).await?)
            .await?
            .items,
    )
}

pub async fn create_group(account: i64, name: &str, policy: &GroupPolicy) -> ApiResult<Group> {
    let body = serde_json::json!({ "name": name, "policy": policy });
    json(
        send(with_body(
            Request::post(&format!("{BASE}/accounts/{account}/groups")),
            &body,
        ))
        .await?,
    )
    .await
}

pub async fn update_group(
    account: i64,
    group: i64,
    version: i64,
    name: &str,
    policy: &GroupPolicy,
) -> ApiResult<Group> {
    let body = serde_json::json!({ "name": name, "policy": policy });
    let url = format!("{BASE}/accounts/{account}/groups/{group}");
    json(
        send(with_body(
            Request::patch(&url).header("If-Match", &format!("\"{version}\"")),
            &body,
        ))
        .await?,
    )
    .await
}

pub async fn delete_group(account: i64, group: i64, move_to: Option<i64>) -> ApiResult<()> {
    let suffix = move_to.map(|g| format!("?move_to={g}")).unwrap_or_default();
    send(Request::delete(&format!("{BASE}/accounts/{account}/groups/{group}{suffix}")).build())
        .await
        .map(|_| ())
}

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor: Option<String>,
    pub target: Option<String>,
    pub target_user_id: Option<i64>,
    pub action: String,
    /// For a change to a person made from another of their accounts: that account.
    #[serde(default)]
    pub origin_account: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Audit filters; empty means any.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditQuery {
    pub action: String,
    pub target: Option<i64>,
    pub before_id: Option<i64>,
}

pub async fn audit(account: i64, query: &AuditQuery) -> ApiResult<Vec<AuditEntry>> {
    let mut parts = vec!["limit=50".to_owned()];
    if !query.action.is_empty() {
        parts.push(format!("action={}", encode_component(&query.action)));
    }
    if let Some(t) = query.target {
        parts.push(format!("target={t}"));
    }
    if let Some(b) = query.before_id {
        parts.push(format!("before_id={b}"));
    }
    Ok(json::<Items<AuditEntry>>(
        send(get(&format!(
            "/accounts/{account}/audit?{}",
            parts.join("&")
        )))
        .await?,
    )
    .await?
    .items)
}
