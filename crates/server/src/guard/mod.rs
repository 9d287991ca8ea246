//! Asks the domain whether an actor may make a change, with the facts read from the database:
//! the policies, the memberships, the counts of active admins. Every endpoint that changes a
//! person, a membership, a group or an account goes through here, so the server applies exactly
//! the domain's rules; a refusal on grounds of authority is audited ([`Refused`]).
//!
//! A person is one login shared by all their accounts, so [`authorize`] reads them in each of
//! those accounts ([`person`]) and lets the domain decide a person-wide change in all of them.

mod person;

pub use person::{Place, accounts_of, joining, managed_everywhere, person};

use crate::error::{AppError, Refused};
use crate::store::{self, Conn};
use roster_domain::Coded;
use roster_domain::authz::{
    AuthzPolicy, AuthzRefusal, Change, Member, Reach, decide_group, decide_shared,
};

/// The account's authorization policy.
pub async fn policy(conn: &mut Conn, account: i64) -> Result<AuthzPolicy, AppError> {
    store::accounts::policy(conn, account).await
}

/// A user's membership of `account`, as the rules see it.
pub async fn member(
    conn: &mut Conn,
    account: i64,
    user: i64,
) -> Result<Option<Member<i64>>, AppError> {
    store::memberships::member(conn, account, user).await
}

/// The account's active admins.
pub async fn active_admins(conn: &mut Conn, account: i64) -> Result<usize, AppError> {
    store::memberships::active_admins(conn, account).await
}

/// The status a refusal answers with.
pub fn refused(refusal: &AuthzRefusal) -> AppError {
    let code = refusal.code();
    match refusal {
        AuthzRefusal::NotAdmin
        | AuthzRefusal::InsufficientAuthority { .. }
        | AuthzRefusal::SelfChange
        | AuthzRefusal::PersonShared
        | AuthzRefusal::GroupHasSuperiors
        | AuthzRefusal::PolicyChangeNotAllowed { .. } => AppError::Forbidden(code),
        AuthzRefusal::UnknownKind { .. } | AuthzRefusal::UnknownLevel { .. } => {
            AppError::Unprocessable(code)
        }
        AuthzRefusal::NotAnAdminAction { .. } => AppError::NotFound,
        AuthzRefusal::LastActiveAdmin | AuthzRefusal::Lifecycle(_) => AppError::Conflict(code),
    }
}

/// Who tried what on whom, for the audit entry of a refusal.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub actor: i64,
    /// Where it was tried from first, then the other accounts it concerns.
    pub accounts: Vec<i64>,
    pub target_user: Option<i64>,
    pub target_group: Option<i64>,
    pub change: serde_json::Value,
}

impl Attempt {
    /// `actor`'s attempt at `change` on `user` from `account`.
    pub fn on_user(actor: i64, account: i64, user: Option<i64>, change: &Change) -> Attempt {
        Attempt {
            actor,
            accounts: vec![account],
            target_user: user,
            target_group: None,
            change: serde_json::to_value(change).unwrap_or_default(),
        }
    }
}

/// The answer to `refusal`; audited when it is a refusal on grounds of authority (not a state
/// that forbids an action, nor a level that does not exist: those are plain input errors).
pub fn refusal(refusal: &AuthzRefusal, attempt: Attempt) -> AppError {
    let error = refused(refusal);
    let audited = matches!(
        refusal,
        AuthzRefusal::NotAdmin
            | AuthzRefusal::InsufficientAuthority { .. }
            | AuthzRefusal::SelfChange
            | AuthzRefusal::PersonShared
            | AuthzRefusal::GroupHasSuperiors
            | AuthzRefusal::PolicyChangeNotAllowed { .. }
            | AuthzRefusal::LastActiveAdmin
    );
    if !audited {
        return error;
    }
    AppError::Refused(Box::new(Refused {
        status: error.status(),
        code: error.code(),
        actor: attempt.actor,
        accounts: attempt.accounts,
        target_user: attempt.target_user,
        target_group: attempt.target_group,
        change: attempt.change,
    }))
}

/// The target's place in `account`: 404 when they are not a member of it.
fn in_account(places: &[Place], account: i64) -> Result<&Place, AppError> {
    places
        .iter()
        .find(|p| p.account == account)
        .ok_or(AppError::NotFound)
}

/// May `actor` make `change` to `target`, a member of `account`? 404 when the target is not a
/// member. A person-wide change is decided in every account the target belongs to, and its
/// refusal audited in each of them; a membership change in `account` alone.
pub async fn authorize(
    conn: &mut Conn,
    account: i64,
    actor: i64,
    target: i64,
    change: &Change,
) -> Result<(), AppError> {
    let places = person(conn, actor, target).await?;
    let here = in_account(&places, account)?;
    let elsewhere: Vec<_> = places
        .iter()
        .filter(|p| p.account != account)
        .map(Place::standing)
        .collect();
    decide_shared(&here.standing(), &elsewhere, change).map_err(|r| {
        let mut attempt = Attempt::on_user(actor, account, Some(target), change);
        if change.reach() == Reach::Person {
            attempt
                .accounts
                .extend(places.iter().map(|p| p.account).filter(|a| *a != account));
        }
        refusal(&r, attempt)
    })
}

/// May `actor` make `change` to `target` as far as `account` alone is concerned (what their
/// standing there allows, whatever the person's other accounts)? For what acts on the person
/// from one account without changing their login: checking the PIN they read out. 404 when the
/// target is not a member.
pub async fn authorize_here(
    conn: &mut Conn,
    account: i64,
    actor: i64,
    target: i64,
    change: &Change,
) -> Result<(), AppError> {
    let places = person(conn, actor, target).await?;
    in_account(&places, account)?
        .standing()
        .decide(change)
        .map_err(|r| refusal(&r, Attempt::on_user(actor, account, Some(target), change)))
}

/// May `actor` change the policy of group `group` of `account`, or move its members to another
/// group? Only when they may manage every member ([`decide_group`]).
pub async fn authorize_group(
    conn: &mut Conn,
    account: i64,
    actor: i64,
    group: i64,
    change: serde_json::Value,
) -> Result<(), AppError> {
    let members = store::memberships::of_group(conn, account, group).await?;
    let policy = policy(conn, account).await?;
    let acting = member(conn, account, actor).await?;
    let admins = active_admins(conn, account).await?;
    decide_group(&policy, acting.as_ref(), &members, admins).map_err(|r| {
        let attempt = Attempt {
            actor,
            accounts: vec![account],
            target_user: None,
            target_group: Some(group),
            change,
        };
        refusal(&r, attempt)
    })
}
