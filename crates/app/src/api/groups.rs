//! Groups and the audit log.

use super::{ApiResult, BASE, get, get_with, receive, send, with_body};
use gloo_net::http::Request;
use roster_api::audit::{AuditItem, AuditPage, AuditQuery};
use roster_api::groups::{Group, GroupChanges, GroupList, NewGroup, PolicyChanges};
use roster_domain::group_policy::GroupPolicy;

pub async fn groups(account: i64) -> ApiResult<Vec<Group>> {
    Ok(receive(get(&format!("/accounts/{account}/groups")))
        .await?
        .json::<GroupList>()?
        .items)
}

/// Every value of `policy`, as a request sends it.
fn changes_of(policy: &GroupPolicy) -> PolicyChanges {
    PolicyChanges {
        min_password_length: Some(i64::from(policy.min_password_length())),
        idle_timeout_minutes: Some(i64::from(policy.idle_timeout_minutes())),
        members_may_edit_own_details: Some(policy.members_may_edit_own_details()),
    }
}

pub async fn create_group(account: i64, name: &str, policy: &GroupPolicy) -> ApiResult<Group> {
    let body = NewGroup {
        name: name.to_owned(),
        policy: Some(changes_of(policy)),
    };
    let url = format!("{BASE}/accounts/{account}/groups");
    receive(with_body(Request::post(&url), &body)).await?.json()
}

pub async fn update_group(
    account: i64,
    group: i64,
    version: i64,
    name: &str,
    policy: &GroupPolicy,
) -> ApiResult<Group> {
    let body = GroupChanges {
        name: Some(name.to_owned()),
        policy: Some(changes_of(policy)),
    };
    let url = format!("{BASE}/accounts/{account}/groups/{group}");
    receive(with_body(
        Request::patch(&url).header("If-Match", &format!("\"{version}\"")),
        &body,
    ))
    .await?
    .json()
}

pub async fn delete_group(account: i64, group: i64, move_to: Option<i64>) -> ApiResult<()> {
    let suffix = move_to.map(|g| format!("?move_to={g}")).unwrap_or_default();
    send(Request::delete(&format!("{BASE}/accounts/{account}/groups/{group}{suffix}")).build())
        .await
        .map(|_| ())
}

/// The newest 50 entries of the log that `query` filters.
pub async fn audit(account: i64, query: &AuditQuery) -> ApiResult<Vec<AuditItem>> {
    let query = AuditQuery {
        limit: Some(50),
        ..query.clone()
    };
    Ok(
        receive(get_with(&format!("/accounts/{account}/audit"), &query))
            .await?
            .json::<AuditPage>()?
            .items,
    )
}
