//! The table of the matrix: what each operation changes ([`Kind`]), the ways of trying it
//! ([`Probe`]), one [`Entry`] per operation, and the checks of the table against the live OpenAPI
//! document, so that an operation the document adds, or a state action it lists, cannot go
//! untried.

use serde_json::Value;
use std::collections::BTreeSet;

/// What an operation changes, and so which of the domain's decisions answers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A person, or one of their memberships: `decide_shared` of the change.
    Person,
    /// An existing login added to an account: `decide_new_membership`, then `joining`.
    Joining,
    /// A group: `decide_group` over its members.
    Group,
    /// The account's settings: `may_change_policy`.
    Account,
    /// A join request waiting in the account: any active admin of it.
    Request,
    /// Nothing: a read sent with POST. Still probed, since its answer is `joining`'s.
    Read,
}

/// One way of trying an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Probe {
    Settings,
    AssignLicence,
    ReleaseLicence,
    /// A seat from the target to a member anyone may manage.
    TransferFrom,
    /// A seat from a member anyone may manage to the target.
    TransferTo,
    /// The target's email, in an account of the actor's the target is not in yet.
    AddToLab,
    /// The target's email, in the account the target is already in.
    AddHere,
    EditProfile,
    SetGroup,
    SetRole,
    SetAuthority,
    DeleteForGood,
    /// A state action of `POST …/users/{user}/{action}`, by its name in the path.
    Act(&'static str),
    AddMembershipToLab,
    AddMembershipToOther,
    RemoveMembershipHere,
    RemoveMembershipOther,
    CreateGroup,
    RenameGroup,
    GroupPolicy,
    DeleteGroupMovingMembers,
    Invite,
    RevokeInvitation,
    TemporaryPassword,
    ImportToLab,
    ImportHere,
    LookupInLab,
    LookupHere,
    CancelJoinRequest,
    /// The target's PIN, checked by the actor (the target was given one first).
    PinCheck,
    MakePortalKey,
    RevokePortalKey,
}

/// An operation of the document and how the matrix tries it.
#[derive(Debug)]
pub(super) struct Entry {
    pub(super) method: &'static str,
    pub(super) path: &'static str,
    pub(super) kind: Kind,
    pub(super) probes: &'static [Probe],
}

const ACTION_PATH: &str = "/accounts/{account}/users/{user}/{action}";

/// Every operation under `/accounts/{account}` that changes something, or is sent with a method
/// that could: an operation the document adds must be added here, with its probes.
const ENTRIES: &[Entry] = &[
    Entry {
        method: "patch",
        path: "/accounts/{account}",
        kind: Kind::Account,
        probes: &[Probe::Settings],
    },
    Entry {
        method: "put",
        path: "/accounts/{account}/users/{user}/licence",
        kind: Kind::Person,
        probes: &[Probe::AssignLicence],
    },
    Entry {
        method: "delete",
        path: "/accounts/{account}/users/{user}/licence",
        kind: Kind::Person,
        probes: &[Probe::ReleaseLicence],
    },
    Entry {
        method: "post",
        path: "/accounts/{account}/licence-transfers",
        kind: Kind::Person,
        probes: &[Probe::TransferFrom, Probe::TransferTo],
    },
    Entry {
        method: "post",
        path: "/accounts/{account}/users",
        kind: Kind::Joining,
        probes: &[Probe::AddToLab, Probe::AddHere],
    },
    Entry {
        method: "patch",
        path: "/accounts/{account}/users/{user}",
        kind: Kind::Person,
        probes: &[
            Probe::EditProfile,
            Probe::SetGroup,
            Probe::SetRole,
            Probe::SetAuthority,
        ],
    },
    Entry {
        method: "delete",
        path: "/accounts/{account}/users/{user}",
        kind: Kind::Person,
        probes: &[Probe::DeleteForGood],
    },
    Entry {
        method: "post",
        path: ACTION_PATH,
        kind: Kind::Person,
        probes: &[
            Probe::Act("suspend"),
            Probe::Act("unsuspend"),
            Probe::Act("unlock"),
            Probe::Act("remove"),
            Probe::Act("deprovision"),
            Probe::Act("restore"),
        ],
    },
    Entry {
        method: "post",
        path: "/accounts/{account}/users/{user}/memberships",
        kind: Kind::Joining,
        probes: &[Probe::AddMembershipToLab, Probe::AddMembershipToOther],
    },
    Entry {
        method: "delete",
        path: "/accounts/{account}/users/{user}/memberships",
        kind: Kind::Person,
        probes: &[Probe::RemoveMembershipHere, Probe::RemoveMembershipOther],
    },
    Entry {
        method: "post",
        path: "/accounts/{account}/groups",
        kind: Kind::Group,
        probes: &[Probe::CreateGroup],
    },
    Entry {
        method: "patch",
        path: "/accounts/{account}/groups/{group}",
        kind: Kind::Group,
        probes: &[Probe::RenameGroup, Probe::GroupPolicy],
    },
    Entry {
        method: "delete",
        path: "/accounts/{account}/groups/{group}",
        kind: Kind::Group,
        probes: &[Probe::DeleteGroupMovingMembers],
    },
    Entry {
        method: "post",
        path: "/accounts/{account}/users/{user}/invitation",
        kind: Kind::Person,
        probes: &[Probe::Invite],
    },
    Entry {
        method: "delete",
        path: "/accounts/{account}/users/{user}/invitation",
        kind: Kind::Person,
        probes: &[Probe::RevokeInvitation],
    },
    Entry {
        method: "post",
        path: "/accounts/{account}/users/{user}/temporary-password",
        kind: Kind::Person,
        probes: &[Probe::TemporaryPassword],
    },
    Entry {
        method: "post",
        path: "/accounts/{account}/users/{user}/pin-check",
        kind: Kind::Person,
        probes: &[Probe::PinCheck],
    },
    Entry {
        method: "post",
        path: "/accounts/{account}/imports",
        kind: Kind::Joining,
        probes: &[Probe::ImportToLab, Probe::ImportHere],
    },
    Entry {
        method: "post",
        path: "/accounts/{account}/imports/lookup",
        kind: Kind::Read,
        probes: &[Probe::LookupInLab, Probe::LookupHere],
    },
    Entry {
        method: "delete",
        path: "/accounts/{account}/join-requests/{request}",
        kind: Kind::Request,
        probes: &[Probe::CancelJoinRequest],
    },
    Entry {
        method: "post",
        path: "/accounts/{account}/embed-keys",
        kind: Kind::Account,
        probes: &[Probe::MakePortalKey],
    },
    Entry {
        method: "delete",
        path: "/accounts/{account}/embed-keys/{key}",
        kind: Kind::Account,
        probes: &[Probe::RevokePortalKey],
    },
];

// ----------------------------------------------------------------------------------------------
// The table against the document.

const CHANGING: [&str; 4] = ["post", "put", "patch", "delete"];

/// Every (method, path) of the document under `/accounts/{account}` with a method that changes.
fn changing_operations(doc: &Value) -> BTreeSet<(String, String)> {
    doc["paths"]
        .as_object()
        .expect("the document's paths")
        .iter()
        .filter(|(path, _)| path.starts_with("/accounts/{account}"))
        .flat_map(|(path, item)| {
            CHANGING
                .iter()
                .filter(|m| item.get(**m).is_some())
                .map(|m| ((*m).to_owned(), path.clone()))
        })
        .collect()
}

/// The values of the `{action}` path parameter, as the document lists them.
fn documented_actions(doc: &Value) -> BTreeSet<String> {
    let parameters = doc["paths"][ACTION_PATH]["post"]["parameters"]
        .as_array()
        .expect("the parameters of the state actions");
    let action = parameters
        .iter()
        .find(|p| p["name"] == "action")
        .expect("an {action} parameter");
    let mut schema = &action["schema"];
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        schema = &doc["components"]["schemas"][name];
    }
    schema["enum"]
        .as_array()
        .expect("the actions listed")
        .iter()
        .map(|a| a.as_str().unwrap().to_owned())
        .collect()
}

/// The entries of the document's changing operations, or what is wrong: operations without an
/// entry, entries of operations that no longer exist, state actions without a probe.
pub(super) fn entries_of(doc: &Value) -> Result<Vec<&'static Entry>, String> {
    let documented = changing_operations(doc);
    let listed: BTreeSet<(String, String)> = ENTRIES
        .iter()
        .map(|e| (e.method.to_owned(), e.path.to_owned()))
        .collect();
    let mut problems = Vec::new();
    let missing: Vec<_> = documented.difference(&listed).collect();
    if !missing.is_empty() {
        problems.push(format!(
            "operations with no entry in the matrix (add one to ENTRIES, with its probes): \
             {missing:?}"
        ));
    }
    let gone: Vec<_> = listed.difference(&documented).collect();
    if !gone.is_empty() {
        problems.push(format!(
            "entries of operations the document no longer has: {gone:?}"
        ));
    }
    let probed: BTreeSet<String> = ENTRIES
        .iter()
        .flat_map(|e| e.probes)
        .filter_map(|p| match p {
            Probe::Act(name) => Some((*name).to_owned()),
            _ => None,
        })
        .collect();
    let actions = documented_actions(doc);
    if probed != actions {
        problems.push(format!(
            "state actions documented {actions:?}, probed {probed:?}"
        ));
    }
    let unprobed: Vec<_> = ENTRIES
        .iter()
        .filter(|e| e.kind != Kind::Read && e.probes.is_empty())
        .map(|e| (e.method, e.path))
        .collect();
    if !unprobed.is_empty() {
        problems.push(format!(
            "operations that change something but have no probe: {unprobed:?}"
        ));
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    Ok(ENTRIES
        .iter()
        .filter(|e| documented.contains(&(e.method.to_owned(), e.path.to_owned())))
        .collect())
}
