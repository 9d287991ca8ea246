//! The probes that add an existing login to an account, and the import's lookup that tells how
//! it would join: decided by `decide_new_membership`, then `joining` (`Kind::Joining`,
//! `Kind::Read`).

use super::super::entries::Probe;
use super::super::oracle::{Answer, expect_joining, expect_through_path};
use super::super::scene::{Scene, lab};
use super::{Observed, Reading, memberships, observe};
use reqwest::Method;
use serde_json::json;

/// The target's email sent to `POST …/users`, to an import, or to the import's lookup: in a lab
/// of the actor's made for the case (`…ToLab`, `…InLab`), where only the target's standings
/// elsewhere decide, or in the scene's account, which the target is in already.
pub(super) async fn join(s: &Scene, probe: Probe) -> (Answer, Observed) {
    let in_lab = matches!(
        probe,
        Probe::AddToLab | Probe::ImportToLab | Probe::LookupInLab
    );
    let to = if in_lab {
        lab(&s.app, s.actor).await
    } else {
        s.account
    };
    let lookup = matches!(probe, Probe::LookupInLab | Probe::LookupHere);
    let expected = expect_joining(s, to, lookup).await;
    let (res, reading) = match probe {
        Probe::AddToLab | Probe::AddHere => {
            let body =
                json!({"email": s.target_email, "first_name": "Matrix", "last_name": "Probe"});
            let url = s.url(&format!("/accounts/{to}/users"));
            (
                s.send(Method::POST, url, Some(body)).await,
                Reading::Created,
            )
        }
        Probe::ImportToLab | Probe::ImportHere => {
            let rows = json!({"rows": [{"row": 1, "values": {
                "email": s.target_email, "first_name": "Matrix", "last_name": "Probe"}}]});
            let res = s
                .client
                .post(s.url(&format!("/accounts/{to}/imports")))
                .header("idempotency-key", "matrix")
                .json(&rows)
                .send()
                .await
                .unwrap();
            (res, Reading::Rows)
        }
        _ => {
            let url = s.url(&format!("/accounts/{to}/imports/lookup"));
            let body = json!({ "usernames": [s.target_email] });
            (s.send(Method::POST, url, Some(body)).await, Reading::Lookup)
        }
    };
    (expected, observe(res, reading).await)
}

/// `POST …/users/{user}/memberships`: the target added to the lab or to the other account.
pub(super) async fn add_membership(s: &Scene, probe: Probe) -> (Answer, Observed) {
    let to = if probe == Probe::AddMembershipToLab {
        lab(&s.app, s.actor).await
    } else {
        s.other
    };
    let expected = expect_through_path(s, expect_joining(s, to, false)).await;
    (expected, memberships(s, Method::POST, to, true).await)
}
