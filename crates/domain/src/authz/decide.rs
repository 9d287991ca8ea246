//! The one decision: may this actor make this change to this membership? (The rules are listed
//! in the module header of [`crate::authz`].)

use super::policy::{AuthorityKind, AuthzPolicy};
use super::{Grants, Member, Role};
use crate::codes::{Coded, ErrorCode};
use crate::lifecycle::{self, Action, LifecycleRefusal, Outcome, UserState};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A change to a membership (or, for lifecycle actions, to the user behind it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "change")]
pub enum Change {
    SetRole {
        role: Role,
    },
    /// Grant `kind` at `level`, change it, or revoke it (`None`).
    SetAuthority {
        kind: String,
        level: Option<String>,
    },
    /// Names, phone, language, email, username, identity provider, Exchange account.
    EditProfile,
    SetGroup,
    AssignLicence,
    ReleaseLicence,
    /// Decide it for both members: the one giving the seat and the one receiving it.
    TransferLicence,
    RemoveFromAccount,
    Lifecycle {
        action: Action,
    },
}

/// What a change reaches: the person behind every membership, or one membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// The login itself (profile, password, state, invitation, deletion): every account the
    /// person belongs to sees it.
    Person,
    /// Role, authorities, group, licence or removal in one account: no other account sees it.
    Membership,
}

impl Change {
    /// Whether this change reaches the person or one membership.
    pub fn reach(&self) -> Reach {
        match self {
            Change::EditProfile | Change::Lifecycle { .. } => Reach::Person,
            Change::SetRole { .. }
            | Change::SetAuthority { .. }
            | Change::SetGroup
            | Change::AssignLicence
            | Change::ReleaseLicence
            | Change::TransferLicence
            | Change::RemoveFromAccount => Reach::Membership,
        }
    }
}

/// Why a change was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AuthzRefusal {
    #[error("the actor is not an active admin of this account")]
    NotAdmin,
    #[error("this needs {kind} at level {level} or above")]
    InsufficientAuthority { kind: String, level: String },
    #[error("an admin cannot change their own role, authorities or state, or remove themselves")]
    SelfChange,
    #[error("the account would be left without an active admin")]
    LastActiveAdmin,
    #[error("the policy has no kind {kind:?}")]
    UnknownKind { kind: String },
    #[error("kind {kind} has no level {level:?}")]
    UnknownLevel { kind: String, level: String },
    #[error("{action} is done by the user or the system, not by an admin")]
    NotAnAdminAction { action: Action },
    #[error("changing the account's settings needs the top level of {kind}")]
    PolicyChangeNotAllowed { kind: String },
    /// A change to the person (their login, shared by all their accounts) from an actor who may
    /// not manage them in every account they belong to.
    #[error("the person also belongs to accounts where the actor may not manage them")]
    PersonShared,
    /// A group's policy or members changed by an actor who may not manage all its members.
    #[error("the group has members the actor may not manage")]
    GroupHasSuperiors,
    #[error(transparent)]
    Lifecycle(#[from] LifecycleRefusal),
}

impl Coded for AuthzRefusal {
    fn code(&self) -> ErrorCode {
        match self {
            AuthzRefusal::NotAdmin => ErrorCode::AuthzNotAdmin,
            AuthzRefusal::InsufficientAuthority { .. } => ErrorCode::AuthzInsufficientAuthority,
            AuthzRefusal::SelfChange => ErrorCode::AuthzSelfChange,
            AuthzRefusal::LastActiveAdmin => ErrorCode::AuthzLastActiveAdmin,
            AuthzRefusal::UnknownKind { .. } => ErrorCode::AuthzUnknownKind,
            AuthzRefusal::UnknownLevel { .. } => ErrorCode::AuthzUnknownLevel,
            AuthzRefusal::NotAnAdminAction { .. } => ErrorCode::AuthzNotAnAdminAction,
            AuthzRefusal::PolicyChangeNotAllowed { .. } => ErrorCode::AuthzPolicyChangeNotAllowed,
            AuthzRefusal::PersonShared => ErrorCode::AuthzPersonShared,
            AuthzRefusal::GroupHasSuperiors => ErrorCode::AuthzGroupHasSuperiors,
            AuthzRefusal::Lifecycle(refusal) => refusal.code(),
        }
    }
}

/// Whether `actor` (their membership of this account, `None` when they have none) may make
/// `change` to `target`, a membership of the same account. `active_admins` counts the account's
/// active admins, `target` included if it is one. A lifecycle action must also be allowed by
/// the target's state ([`lifecycle::transition`]).
pub fn decide<Id: Eq>(
    policy: &AuthzPolicy,
    actor: Option<&Member<Id>>,
    target: &Member<Id>,
    change: &Change,
    active_admins: usize,
) -> Result<(), AuthzRefusal> {
    let actor = acting_admin(actor)?;
    if let Change::Lifecycle { action } = change
        && !action.by_admin()
    {
        return Err(AuthzRefusal::NotAnAdminAction { action: *action });
    }
    let on_self = actor.user == target.user;
    let after_state = match change {
        Change::Lifecycle { action } => match lifecycle::transition(target.state, *action)? {
            Outcome::Becomes { state, .. } => Some(state),
            Outcome::Deleted => None,
        },
        Change::RemoveFromAccount => None,
        _ => Some(target.state),
    };
    match change {
        Change::SetAuthority { kind, level } => {
            if on_self {
                return Err(AuthzRefusal::SelfChange);
            }
            let (kind, level) = resolve(policy, kind, level.as_deref())?;
            if let Some(level) = level {
                authority_for(policy, &actor.grants, kind, level)?;
            }
            // Revoking (or replacing) the level held needs authority over it too.
            if let Some(held) = target.grants.level(&kind.key) {
                authority_over_held(policy, &actor.grants, kind, held)?;
            }
        }
        Change::EditProfile
        | Change::SetGroup
        | Change::AssignLicence
        | Change::ReleaseLicence
        | Change::TransferLicence
            if on_self => {}
        Change::SetRole { .. } | Change::RemoveFromAccount | Change::Lifecycle { .. }
            if on_self =>
        {
            return Err(AuthzRefusal::SelfChange);
        }
        // A seat is part of a membership: a delegate may not take one from, or force one on,
        // someone they could not manage.
        Change::EditProfile
        | Change::SetGroup
        | Change::AssignLicence
        | Change::ReleaseLicence
        | Change::TransferLicence
        | Change::SetRole { .. }
        | Change::RemoveFromAccount
        | Change::Lifecycle { .. } => outranks(policy, &actor.grants, &target.grants)?,
    }
    let role_after = match change {
        Change::SetRole { role } => *role,
        _ => target.role,
    };
    let stays_active_admin = role_after == Role::Admin && after_state == Some(UserState::Active);
    if target.is_active_admin() && !stays_active_admin && active_admins <= 1 {
        return Err(AuthzRefusal::LastActiveAdmin);
    }
    Ok(())
}

/// Whether `actor` may add a membership holding `grants` (add user, import). Any role may be
/// given: the new member holds nothing but these grants, which the actor must be able to grant.
pub fn decide_new_membership<Id>(
    policy: &AuthzPolicy,
    actor: Option<&Member<Id>>,
    grants: &Grants,
) -> Result<(), AuthzRefusal> {
    let actor = acting_admin(actor)?;
    for (kind, level) in grants.iter() {
        let (kind, level) = resolve(policy, kind, Some(level))?;
        if let Some(level) = level {
            authority_for(policy, &actor.grants, kind, level)?;
        }
    }
    Ok(())
}

fn acting_admin<Id>(actor: Option<&Member<Id>>) -> Result<&Member<Id>, AuthzRefusal> {
    actor
        .filter(|a| a.is_active_admin())
        .ok_or(AuthzRefusal::NotAdmin)
}

/// The kind and level index named by a change, refused when the policy lacks either.
fn resolve<'p>(
    policy: &'p AuthzPolicy,
    kind: &str,
    level: Option<&str>,
) -> Result<(&'p AuthorityKind, Option<usize>), AuthzRefusal> {
    let found = policy.kind(kind).ok_or_else(|| AuthzRefusal::UnknownKind {
        kind: kind.to_owned(),
    })?;
    let index = level
        .map(|level| {
            found
                .level_index(level)
                .ok_or_else(|| AuthzRefusal::UnknownLevel {
                    kind: kind.to_owned(),
                    level: level.to_owned(),
                })
        })
        .transpose()?;
    Ok((found, index))
}

/// Whether `grants` allow granting or revoking level `level` of `kind`.
pub(super) fn authority_for(
    policy: &AuthzPolicy,
    grants: &Grants,
    kind: &AuthorityKind,
    level: usize,
) -> Result<(), AuthzRefusal> {
    // A requirement that cannot be resolved cannot be met: a checked policy never has one, and
    // if it did, refusing is the safe answer.
    let Some((needed, at_least)) = policy.requirement(kind, level) else {
        return Err(AuthzRefusal::InsufficientAuthority {
            kind: kind.key.clone(),
            level: String::new(),
        });
    };
    let held = grants
        .level(&needed.key)
        .and_then(|name| needed.level_index(name));
    if held.is_some_and(|held| held >= at_least) {
        return Ok(());
    }
    Err(AuthzRefusal::InsufficientAuthority {
        kind: needed.key.clone(),
        level: needed.levels.get(at_least).cloned().unwrap_or_default(),
    })
}

/// Authority to revoke a level someone holds. A level the policy no longer names (the policy
/// changed) is treated as the top level, so only those who could revoke anything of the kind
/// can clean it up.
fn authority_over_held(
    policy: &AuthzPolicy,
    grants: &Grants,
    kind: &AuthorityKind,
    held: &str,
) -> Result<(), AuthzRefusal> {
    let top = kind.levels.len().saturating_sub(1);
    let index = kind.level_index(held).unwrap_or(top);
    authority_for(policy, grants, kind, index)
}

/// Authority to revoke everything `target` holds. Kinds the policy no longer has grant nothing
/// any more and are ignored.
fn outranks(policy: &AuthzPolicy, actor: &Grants, target: &Grants) -> Result<(), AuthzRefusal> {
    for (kind, held) in target.iter() {
        if let Some(kind) = policy.kind(kind) {
            authority_over_held(policy, actor, kind, held)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
