//! A person shared by several accounts.
//!
//! A person is one login, whatever number of accounts they belong to. A change to the login
//! itself ([`Reach::Person`]: profile, password, state, invitation, deletion) is seen by every
//! one of those accounts, so it is allowed only to an actor whom [`decide`] allows it in *every*
//! account the person belongs to; otherwise an administrator of one account could set a
//! temporary password for the top administrator of another and sign in as them. A change to a
//! membership ([`Reach::Membership`]) is decided in its account alone.
//!
//! The same reasoning decides how an existing login joins an account ([`joining`]): at once when
//! the actor already manages the person everywhere, otherwise only with the person's consent; and
//! who may change a group's policy or move its members ([`decide_group`]): someone who may
//! manage every member.

use super::Member;
use super::decide::{AuthzRefusal, Change, Reach, decide};
use super::policy::AuthzPolicy;

/// What one account knows about a change to one of its members: its policy, the actor's
/// membership (none when they do not belong to it), the target's, and its active admins.
#[derive(Debug, Clone, Copy)]
pub struct Standing<'a, Id> {
    pub policy: &'a AuthzPolicy,
    pub actor: Option<&'a Member<Id>>,
    pub target: &'a Member<Id>,
    /// The account's active admins, the target included if they are one.
    pub active_admins: usize,
}

impl<Id: Eq> Standing<'_, Id> {
    /// [`decide`] in this account.
    pub fn decide(&self, change: &Change) -> Result<(), AuthzRefusal> {
        decide(
            self.policy,
            self.actor,
            self.target,
            change,
            self.active_admins,
        )
    }

    /// Whether the actor may manage the person in this account: edit them, as [`decide`]
    /// answers for the profile (themselves, or someone they outrank).
    pub fn manages(&self) -> bool {
        self.decide(&Change::EditProfile).is_ok()
    }
}

/// Whether `change` to the person of `here` may be made from that account, `elsewhere` being
/// their standings in every other account they belong to.
///
/// The change is decided in `here` as [`decide`] does. A person-wide change made to someone
/// else is decided in each account of `elsewhere` too: where it is refused because the actor may
/// not manage the person there (not an admin there, or outranked), the answer is
/// [`AuthzRefusal::PersonShared`]; where it would leave that account without an active admin,
/// that refusal stands as it is. The person themselves is not held back by accounts they are a
/// plain user of: their login is theirs (and [`decide`] keeps them from changing their own
/// state).
pub fn decide_shared<Id: Eq>(
    here: &Standing<'_, Id>,
    elsewhere: &[Standing<'_, Id>],
    change: &Change,
) -> Result<(), AuthzRefusal> {
    here.decide(change)?;
    let on_self = here.actor.is_some_and(|a| a.user == here.target.user);
    if change.reach() == Reach::Membership || on_self {
        return Ok(());
    }
    for standing in elsewhere {
        match standing.decide(change) {
            Ok(()) => {}
            Err(AuthzRefusal::LastActiveAdmin) => return Err(AuthzRefusal::LastActiveAdmin),
            Err(_) => return Err(AuthzRefusal::PersonShared),
        }
    }
    Ok(())
}

/// How an existing login joins an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Joining {
    /// The actor manages the person in every account they belong to: the membership is made
    /// at once.
    AtOnce,
    /// Otherwise the person is asked, by an emailed link, and the account gets nothing of them
    /// until they accept.
    WithConsent,
}

/// How the person of `standings` (one per account they belong to, the actor's membership of
/// each) joins another account of the actor. A login that belongs to no account at all has no
/// administrator who could vouch for it, so it too is asked.
pub fn joining<Id: Eq>(standings: &[Standing<'_, Id>]) -> Joining {
    if !standings.is_empty() && standings.iter().all(Standing::manages) {
        Joining::AtOnce
    } else {
        Joining::WithConsent
    }
}

/// Whether `actor` may change the policy of a group whose members are `members`, or delete it
/// and move them to another group: it changes what applies to each of them, so it needs the
/// right to move each of them ([`Change::SetGroup`]). An empty group, or a rename, needs only an
/// active admin.
pub fn decide_group<Id: Eq>(
    policy: &AuthzPolicy,
    actor: Option<&Member<Id>>,
    members: &[Member<Id>],
    active_admins: usize,
) -> Result<(), AuthzRefusal> {
    actor
        .filter(|a| a.is_active_admin())
        .ok_or(AuthzRefusal::NotAdmin)?;
    for member in members {
        match decide(policy, actor, member, &Change::SetGroup, active_admins) {
            Ok(()) => {}
            Err(AuthzRefusal::InsufficientAuthority { .. }) => {
                return Err(AuthzRefusal::GroupHasSuperiors);
            }
            Err(other) => return Err(other),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
