//! The probes of what belongs to the account itself: its groups (`decide_group` over their
//! members), its settings and portal keys (`may_change_policy`) and the join requests waiting in
//! it (any active admin).

use super::super::entries::Probe;
use super::super::oracle::{Answer, decided, expect_group, seat};
use super::super::scene::{Scene, matrix_group};
use super::{Observed, Reading, observe};
use reqwest::Method;
use roster_domain::authz::may_change_policy;
use serde_json::json;

/// `POST …/groups`.
pub(super) async fn create_group(s: &Scene) -> (Answer, Observed) {
    let account = s.account;
    // A new group has no members yet: only its account's admin is asked for.
    let expected = expect_group(s, None).await;
    let url = s.url(&format!("/accounts/{account}/groups"));
    let res = s
        .send(Method::POST, url, Some(json!({"name": "Matrix new"})))
        .await;
    (expected, observe(res, Reading::Plain).await)
}

/// Renaming a group holding the target, changing its policy, or deleting it (its members moved
/// to the default group).
pub(super) async fn change_group(s: &Scene, probe: Probe) -> (Answer, Observed) {
    let account = s.account;
    let group = matrix_group(&s.app, account, Some(s.target)).await;
    let url = s.url(&format!("/accounts/{account}/groups/{group}"));
    let (expected, res) = match probe {
        Probe::RenameGroup => {
            // A name changes nothing for the members.
            let expected = expect_group(s, None).await;
            (
                expected,
                s.patch(url, json!({"name": "Matrix renamed"})).await,
            )
        }
        Probe::GroupPolicy => {
            let expected = expect_group(s, Some(group)).await;
            let body = json!({"policy": {"min_password_length": 14}});
            (expected, s.patch(url, body).await)
        }
        _ => {
            let expected = expect_group(s, Some(group)).await;
            let to = s.app.default_group(account).await;
            let url = format!("{url}?move_to={to}");
            (expected, s.send(Method::DELETE, url, None).await)
        }
    };
    (expected, observe(res, Reading::Plain).await)
}

/// `PATCH /accounts/{account}`: the account's settings.
pub(super) async fn settings(s: &Scene) -> (Answer, Observed) {
    let account = s.account;
    let here = seat(&s.app, account, s.actor).await;
    let expected = here
        .gate()
        .unwrap_or_else(|| decided(may_change_policy(&here.policy, here.actor.as_ref())));
    let url = s.url(&format!("/accounts/{account}"));
    let res = s.patch(url, json!({"invitation_lifetime_hours": 72})).await;
    (expected, observe(res, Reading::Plain).await)
}

/// Making a portal key, or revoking one: as the settings, `may_change_policy`.
pub(super) async fn portal_key(s: &Scene, probe: Probe) -> (Answer, Observed) {
    let account = s.account;
    let here = seat(&s.app, account, s.actor).await;
    let expected = here
        .gate()
        .unwrap_or_else(|| decided(may_change_policy(&here.policy, here.actor.as_ref())));
    let keys = s.url(&format!("/accounts/{account}/embed-keys"));
    let res = if probe == Probe::MakePortalKey {
        s.send(Method::POST, keys, Some(json!({"name": "Matrix portal"})))
            .await
    } else {
        let key = s.app.portal_key(account, "Matrix portal").await;
        s.send(Method::DELETE, format!("{keys}/{key}"), None).await
    };
    (expected, observe(res, Reading::Plain).await)
}

/// `DELETE …/join-requests/{request}`.
pub(super) async fn cancel_join_request(s: &Scene) -> (Answer, Observed) {
    let account = s.account;
    // The request holds nothing of the person: any admin of the account withdraws it.
    let request = s.app.waiting_join_request(account).await;
    let here = seat(&s.app, account, s.actor).await;
    let expected = here.gate().unwrap_or(Answer::Done);
    let url = s.url(&format!("/accounts/{account}/join-requests/{request}"));
    let res = s.send(Method::DELETE, url, None).await;
    (expected, observe(res, Reading::Plain).await)
}
