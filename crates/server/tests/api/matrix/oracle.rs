//! The oracle: the [`Answer`] the domain decides for a case, computed with `roster_domain` over
//! facts read underneath the API (policies, memberships, states, active admins: the store's plain
//! reads of the rows), never through the server's guard, so that a server that skips a check, or
//! asks about the wrong account or person, answers otherwise.

use super::scene::Scene;
use crate::helpers::TestApp;
use roster_domain::Coded;
use roster_domain::authz::{
    AuthzPolicy, AuthzRefusal, Change, Grants, Joining, Member, Standing, decide_group,
    decide_new_membership, decide_shared, joining,
};
use roster_domain::lifecycle::{Action, transition};
use std::fmt;

/// An answer, as the domain decides it and as the server gives it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Answer {
    /// Allowed, and done (2xx).
    Done,
    /// An existing login joined at once (201, `"requested": false`, `"added"`, `elsewhere`).
    AtOnce,
    /// An existing login was asked to join (202, `"requested": true`, `"requested"`,
    /// `consent`).
    WithConsent,
    /// Already a member of the account (the lookup's `here`).
    Member,
    /// Refused with this stable code.
    Refused(String),
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Answer::Done => f.write_str("allowed"),
            Answer::AtOnce => f.write_str("joins at once"),
            Answer::WithConsent => f.write_str("asked to join, with consent"),
            Answer::Member => f.write_str("already a member"),
            Answer::Refused(code) => write!(f, "refused `{code}`"),
        }
    }
}

pub(super) fn refused(code: &str) -> Answer {
    Answer::Refused(code.to_owned())
}

/// The API's rule before any decision: anything of an account the actor does not belong to, or
/// a target that is not a member of the account in the path, answers 404.
fn not_found() -> Answer {
    refused("request.not_found")
}

/// A domain decision as an answer. An action only the user or the system takes answers 404, like
/// an action that does not exist.
pub(super) fn decided(result: Result<(), AuthzRefusal>) -> Answer {
    match result {
        Ok(()) => Answer::Done,
        Err(AuthzRefusal::NotAnAdminAction { .. }) => not_found(),
        Err(refusal) => Answer::Refused(refusal.code().as_str().to_owned()),
    }
}

// ----------------------------------------------------------------------------------------------
// The facts the domain needs, read underneath the API.

/// One account as the domain sees it for a change by `actor`.
pub(super) struct Seat {
    pub(super) policy: AuthzPolicy,
    pub(super) actor: Option<Member<i64>>,
    admins: usize,
}

pub(super) async fn seat(app: &TestApp, account: i64, actor: i64) -> Seat {
    Seat {
        policy: app.policy_of(account).await,
        actor: app.member(account, actor).await,
        admins: app.active_admins(account).await,
    }
}

impl Seat {
    /// Whether the actor acts as an admin of this account at all: `decide_group` of a group
    /// with no members, which asks nothing else.
    fn acting(&self) -> Result<(), AuthzRefusal> {
        decide_group::<i64>(&self.policy, self.actor.as_ref(), &[], self.admins)
    }

    /// The API's rule, then the domain's first question: 404 when the actor is not a member of
    /// the account, their refusal when they do not act as its admin.
    pub(super) fn gate(&self) -> Option<Answer> {
        match &self.actor {
            None => Some(not_found()),
            Some(_) => self.acting().err().map(|r| decided(Err(r))),
        }
    }
}

/// A person in one of their accounts, with the actor's membership of it.
struct Place {
    account: i64,
    seat: Seat,
    target: Member<i64>,
}

impl Place {
    fn standing(&self) -> Standing<'_, i64> {
        Standing {
            policy: &self.seat.policy,
            actor: self.seat.actor.as_ref(),
            target: &self.target,
            active_admins: self.seat.admins,
        }
    }
}

/// `target` in every account they belong to, as `actor` sees them.
async fn places(app: &TestApp, actor: i64, target: i64) -> Vec<Place> {
    let mut places = Vec::new();
    for (account, member) in app.memberships_of(target).await {
        places.push(Place {
            account,
            seat: seat(app, account, actor).await,
            target: member,
        });
    }
    places
}

// ----------------------------------------------------------------------------------------------
// The domain's answers.

/// `change` to `target` made from `account`: the gate, 404 when the target is not a member
/// there, then `decide_shared` over every account of the target.
pub(super) async fn expect_change(s: &Scene, account: i64, target: i64, change: &Change) -> Answer {
    if let Some(gated) = seat(&s.app, account, s.actor).await.gate() {
        return gated;
    }
    let places = places(&s.app, s.actor, target).await;
    decide_in(&places, account, change)
}

/// `change` to the target as far as the scene's account alone is concerned (a PIN check).
pub(super) async fn expect_here(s: &Scene, change: &Change) -> Answer {
    if let Some(gated) = seat(&s.app, s.account, s.actor).await.gate() {
        return gated;
    }
    let places = places(&s.app, s.actor, s.target).await;
    match places.iter().find(|p| p.account == s.account) {
        Some(here) => decided(here.standing().decide(change)),
        None => not_found(),
    }
}

fn decide_in(places: &[Place], account: i64, change: &Change) -> Answer {
    let Some(here) = places.iter().find(|p| p.account == account) else {
        return not_found();
    };
    let elsewhere: Vec<_> = places
        .iter()
        .filter(|p| p.account != account)
        .map(Place::standing)
        .collect();
    decided(decide_shared(&here.standing(), &elsewhere, change))
}

/// Removing the target from `account`: a membership change, and when it is their last account
/// the lifecycle's deprovisioning, which their state must allow.
pub(super) async fn expect_removal(s: &Scene, account: i64) -> Answer {
    if let Some(gated) = seat(&s.app, account, s.actor).await.gate() {
        return gated;
    }
    let places = places(&s.app, s.actor, s.target).await;
    let answer = decide_in(&places, account, &Change::RemoveFromAccount);
    match (&answer, places.as_slice()) {
        (Answer::Done, [only]) => match transition(only.target.state, Action::Deprovision) {
            Ok(_) => Answer::Done,
            Err(refusal) => Answer::Refused(refusal.code().as_str().to_owned()),
        },
        _ => answer,
    }
}

/// A change to the target's membership of another account, asked through the account in the
/// path: the server reads the person there first, so the gate there, 404 when the target is not
/// a member there, and only then `decision` (awaited only then).
pub(super) async fn expect_through_path(
    s: &Scene,
    decision: impl Future<Output = Answer>,
) -> Answer {
    match seat(&s.app, s.account, s.actor).await.gate() {
        Some(gated) => gated,
        None if s.app.member(s.account, s.target).await.is_none() => not_found(),
        None => decision.await,
    }
}

/// Adding the target's existing login to `account`: the gate, a membership the actor may make,
/// none there already (the lookup's `here`), then `joining` over the target's standings.
pub(super) async fn expect_joining(s: &Scene, account: i64, lookup: bool) -> Answer {
    let here = seat(&s.app, account, s.actor).await;
    if let Some(gated) = here.gate() {
        return gated;
    }
    if let Err(refusal) = decide_new_membership(&here.policy, here.actor.as_ref(), &Grants::new()) {
        return decided(Err(refusal));
    }
    if s.app.member(account, s.target).await.is_some() {
        return if lookup {
            Answer::Member
        } else {
            refused("user.already_member")
        };
    }
    let places = places(&s.app, s.actor, s.target).await;
    let standings: Vec<_> = places.iter().map(Place::standing).collect();
    match joining(&standings) {
        Joining::AtOnce => Answer::AtOnce,
        Joining::WithConsent => Answer::WithConsent,
    }
}

/// A change to group `group` of the scene's account that reaches its members (`members`), or
/// only the group itself.
pub(super) async fn expect_group(s: &Scene, group: Option<i64>) -> Answer {
    let here = seat(&s.app, s.account, s.actor).await;
    if let Some(gated) = here.gate() {
        return gated;
    }
    let members = match group {
        Some(group) => s.app.group_members(s.account, group).await,
        None => Vec::new(),
    };
    decided(decide_group(
        &here.policy,
        here.actor.as_ref(),
        &members,
        here.admins,
    ))
}
