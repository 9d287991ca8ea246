//! The probes of changes to a person, or to one of their memberships: decided by
//! `decide_shared` over every account of the target (`Kind::Person`).

use super::super::entries::Probe;
use super::super::oracle::{
    Answer, expect_change, expect_here, expect_removal, expect_through_path,
};
use super::super::scene::{Scene, bystander, matrix_group};
use super::{Observed, Reading, memberships, observe, state_action};
use reqwest::Method;
use roster_domain::authz::{Change, Role};
use roster_domain::lifecycle::Action;
use serde_json::json;

/// `change` to the target, made from the scene's account.
async fn person(s: &Scene, change: Change) -> Answer {
    expect_change(s, s.account, s.target, &change).await
}

/// `PATCH …/users/{user}`: the profile, the group, the role or an authority of the target.
pub(super) async fn edit(s: &Scene, probe: Probe) -> (Answer, Observed) {
    let account = s.account;
    let held = s.app.member(account, s.target).await.unwrap();
    let (change, body) = match probe {
        Probe::EditProfile => (Change::EditProfile, json!({"last_name": "Matrix"})),
        Probe::SetGroup => {
            let group = matrix_group(&s.app, account, None).await;
            (Change::SetGroup, json!({ "group": group }))
        }
        Probe::SetRole => {
            // The other role: asking for the role held changes nothing and asks nobody.
            let (role, name) = match held.role {
                Role::Admin => (Role::User, "user"),
                Role::User => (Role::Admin, "admin"),
            };
            (Change::SetRole { role }, json!({ "role": name }))
        }
        _ => {
            // A level the target does not hold already, so it is a change.
            let level = if held.grants.level("records") == Some("A") {
                "B"
            } else {
                "A"
            };
            let change = Change::SetAuthority {
                kind: "records".into(),
                level: Some(level.into()),
            };
            (change, json!({"authorities": {"records": level}}))
        }
    };
    let expected = person(s, change).await;
    let res = s.patch(s.user_url(""), body).await;
    (expected, observe(res, Reading::Plain).await)
}

/// `POST …/users/{user}/{action}`: a state action, by its name in the path.
pub(super) async fn act(s: &Scene, name: &'static str) -> (Answer, Observed) {
    let account = s.account;
    let (change, _) = state_action(name);
    let expected = if change == Change::RemoveFromAccount {
        expect_removal(s, account).await
    } else {
        person(s, change).await
    };
    let res = s
        .send(Method::POST, s.user_url(&format!("/{name}")), None)
        .await;
    (expected, observe(res, Reading::Plain).await)
}

/// `DELETE …/users/{user}`: deleting a staged person for good.
pub(super) async fn delete_for_good(s: &Scene) -> (Answer, Observed) {
    let change = Change::Lifecycle {
        action: Action::DeleteForGood,
    };
    let expected = person(s, change).await;
    let res = s.send(Method::DELETE, s.user_url(""), None).await;
    (expected, observe(res, Reading::Plain).await)
}

/// Sending or revoking an invitation, or setting a temporary password.
pub(super) async fn credentials(s: &Scene, probe: Probe) -> (Answer, Observed) {
    let (action, method, tail) = match probe {
        Probe::Invite => (Action::Invite, Method::POST, "/invitation"),
        Probe::RevokeInvitation => (Action::RevokeInvitation, Method::DELETE, "/invitation"),
        _ => (
            Action::SetTemporaryPassword,
            Method::POST,
            "/temporary-password",
        ),
    };
    let expected = person(s, Change::Lifecycle { action }).await;
    let res = s.send(method, s.user_url(tail), None).await;
    (expected, observe(res, Reading::Plain).await)
}

/// `POST …/users/{user}/pin-check`: whoever may manage the person in this account may check
/// the PIN they read out.
pub(super) async fn pin_check(s: &Scene) -> (Answer, Observed) {
    s.app.give_pin(s.target, "4821").await;
    let expected = expect_here(s, &Change::EditProfile).await;
    let body = json!({"pin": "4821"});
    let res = s
        .send(Method::POST, s.user_url("/pin-check"), Some(body))
        .await;
    (expected, observe(res, Reading::Plain).await)
}

/// Assigning or releasing the target's seat.
pub(super) async fn licence(s: &Scene, probe: Probe) -> (Answer, Observed) {
    let account = s.account;
    let assign = probe == Probe::AssignLicence;
    // Assigning needs a seat not held yet, releasing one held.
    s.app.set_licensed(account, s.target, !assign).await;
    let (change, method) = if assign {
        (Change::AssignLicence, Method::PUT)
    } else {
        (Change::ReleaseLicence, Method::DELETE)
    };
    let expected = person(s, change).await;
    let res = s.send(method, s.user_url("/licence"), None).await;
    (expected, observe(res, Reading::Plain).await)
}

/// A seat transferred from or to the target.
pub(super) async fn transfer(s: &Scene, probe: Probe) -> (Answer, Observed) {
    let account = s.account;
    let other = bystander(&s.app, account, s.target).await;
    let (from, to) = if probe == Probe::TransferFrom {
        (s.target, other)
    } else {
        (other, s.target)
    };
    s.app.set_licensed(account, from, true).await;
    s.app.set_licensed(account, to, false).await;
    // Decided for both members, the giving one first.
    let mut expected = Answer::Done;
    for member in [from, to] {
        let answer = expect_change(s, account, member, &Change::TransferLicence).await;
        if answer != Answer::Done {
            expected = answer;
            break;
        }
    }
    let url = s.url(&format!("/accounts/{account}/licence-transfers"));
    let res = s
        .send(Method::POST, url, Some(json!({"from": from, "to": to})))
        .await;
    (expected, observe(res, Reading::Plain).await)
}

/// `DELETE …/users/{user}/memberships`: the target removed from the account in the path, or
/// from the other one.
pub(super) async fn remove_membership(s: &Scene, probe: Probe) -> (Answer, Observed) {
    let from = if probe == Probe::RemoveMembershipHere {
        s.account
    } else {
        s.other
    };
    let expected = expect_through_path(s, expect_removal(s, from)).await;
    (expected, memberships(s, Method::DELETE, from, false).await)
}
