//! Trying a probe: arranging what it needs, deciding it with the oracle, then asking the server
//! and reading its answer as an [`Answer`]. The probes are split by what they change: a person
//! (`person`), a login joining an account (`joining`), the account's own things (`account`).

mod account;
mod joining;
mod person;

use super::entries::Probe;
use super::oracle::{Answer, refused};
use super::scene::Scene;
use reqwest::{Method, Response};
use roster_domain::authz::Change;
use roster_domain::lifecycle::{Action, UserState};
use serde_json::{Value, json};

// ----------------------------------------------------------------------------------------------
// The server's answers, read as the domain's.

/// How to read a successful answer.
#[derive(Debug, Clone, Copy)]
enum Reading {
    Plain,
    /// `POST /users`: 201 joined (or created), 202 asked.
    Created,
    /// A result per account; `adding` tells "joined at once" from "done".
    Outcomes {
        adding: bool,
    },
    /// A result per imported row.
    Rows,
    /// The lookup's lists.
    Lookup,
}

/// What the server answered, as an [`Answer`], with its status for the message.
#[derive(Debug)]
pub(super) struct Observed {
    pub(super) status: u16,
    pub(super) answer: Answer,
}

async fn observe(res: Response, reading: Reading) -> Observed {
    let status = res.status().as_u16();
    let text = res.text().await.unwrap_or_default();
    let body: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    let code = |v: &Value| v.as_str().unwrap_or("(no code)").to_owned();
    let answer = if !(200..300).contains(&status) {
        Answer::Refused(code(&body["code"]))
    } else {
        match reading {
            Reading::Plain => Answer::Done,
            Reading::Created => match status {
                201 if body.get("join_request").is_none() => Answer::AtOnce,
                202 => Answer::WithConsent,
                _ => Answer::Done,
            },
            Reading::Outcomes { adding } => {
                let result = &body["results"][0];
                match (result["ok"].as_bool(), result["requested"].as_bool()) {
                    (Some(true), Some(true)) => Answer::WithConsent,
                    (Some(true), _) if adding => Answer::AtOnce,
                    (Some(true), _) => Answer::Done,
                    _ => Answer::Refused(code(&result["code"])),
                }
            }
            Reading::Rows => {
                let result = &body["results"][0];
                match result["outcome"].as_str() {
                    Some("added") => Answer::AtOnce,
                    Some("requested") => Answer::WithConsent,
                    Some("created") => Answer::Done,
                    _ => {
                        let codes: Vec<String> = result["findings"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .map(|f| code(&f["code"]))
                            .collect();
                        Answer::Refused(codes.join(","))
                    }
                }
            }
            Reading::Lookup => {
                let listed = |list: &str| body[list].as_array().is_some_and(|l| !l.is_empty());
                if listed("here") {
                    Answer::Member
                } else if listed("elsewhere") {
                    Answer::AtOnce
                } else if listed("consent") {
                    Answer::WithConsent
                } else {
                    refused("(not listed)")
                }
            }
        }
    };
    Observed { status, answer }
}

/// `method …/users/{user}/memberships` for `account`, read as a result per account: the same
/// request adds and removes.
async fn memberships(s: &Scene, method: Method, account: i64, adding: bool) -> Observed {
    let body = json!({ "accounts": [account] });
    let res = s.send(method, s.user_url("/memberships"), Some(body)).await;
    observe(res, Reading::Outcomes { adding }).await
}

// ----------------------------------------------------------------------------------------------
// The states a probe needs.

/// The change a state action of the path makes, and the state the target is put in first so
/// that the lifecycle allows it (the matrix is about authority, not about states).
fn state_action(name: &str) -> (Change, UserState) {
    let action = |action| Change::Lifecycle { action };
    match name {
        "suspend" => (action(Action::Suspend), UserState::Active),
        "unsuspend" => (action(Action::Unsuspend), UserState::Suspended),
        "unlock" => (action(Action::Unlock), UserState::Locked),
        "remove" => (Change::RemoveFromAccount, UserState::Active),
        "deprovision" => (action(Action::Deprovision), UserState::Active),
        "restore" => (action(Action::Restore), UserState::Deprovisioned),
        other => panic!("no probe for the state action {other:?}: add it to state_action"),
    }
}

/// The state the target is put in before `probe`, so that the lifecycle allows it. The actor's
/// own state stays active when they are the target: otherwise they could not act at all.
pub(super) fn state_before(probe: Probe) -> UserState {
    match probe {
        Probe::Act(name) => state_action(name).1,
        Probe::DeleteForGood | Probe::Invite => UserState::Staged,
        Probe::RevokeInvitation => UserState::Invited,
        _ => UserState::Active,
    }
}

/// Arranges what `probe` needs, decides it with the domain, then asks the server.
pub(super) async fn try_probe(s: &Scene, probe: Probe) -> (Answer, Observed) {
    match probe {
        Probe::EditProfile | Probe::SetGroup | Probe::SetRole | Probe::SetAuthority => {
            person::edit(s, probe).await
        }
        Probe::Act(name) => person::act(s, name).await,
        Probe::DeleteForGood => person::delete_for_good(s).await,
        Probe::Invite | Probe::RevokeInvitation | Probe::TemporaryPassword => {
            person::credentials(s, probe).await
        }
        Probe::PinCheck => person::pin_check(s).await,
        Probe::AssignLicence | Probe::ReleaseLicence => person::licence(s, probe).await,
        Probe::TransferFrom | Probe::TransferTo => person::transfer(s, probe).await,
        Probe::AddToLab
        | Probe::AddHere
        | Probe::ImportToLab
        | Probe::ImportHere
        | Probe::LookupInLab
        | Probe::LookupHere => joining::join(s, probe).await,
        Probe::AddMembershipToLab | Probe::AddMembershipToOther => {
            joining::add_membership(s, probe).await
        }
        Probe::RemoveMembershipHere | Probe::RemoveMembershipOther => {
            person::remove_membership(s, probe).await
        }
        Probe::CreateGroup => account::create_group(s).await,
        Probe::RenameGroup | Probe::GroupPolicy | Probe::DeleteGroupMovingMembers => {
            account::change_group(s, probe).await
        }
        Probe::Settings => account::settings(s).await,
        Probe::MakePortalKey | Probe::RevokePortalKey => account::portal_key(s, probe).await,
        Probe::CancelJoinRequest => account::cancel_join_request(s).await,
    }
}
