//! A person in every account they belong to, as one actor sees them: the facts the domain's
//! [`decide_shared`](roster_domain::authz::decide_shared) and
//! [`joining`](roster_domain::authz::joining) need.

use crate::error::AppError;
use crate::store::{self, Conn};
use roster_domain::authz::{AuthzPolicy, Joining, Member, Standing};
use std::collections::{BTreeMap, HashSet};

/// One account of a person: its policy, the actor's membership of it (if any), the person's, and
/// its active admins.
#[derive(Debug, Clone)]
pub struct Place {
    pub account: i64,
    pub policy: AuthzPolicy,
    pub actor: Option<Member<i64>>,
    pub target: Member<i64>,
    pub admins: usize,
}

impl Place {
    /// The domain's view of this account.
    pub fn standing(&self) -> Standing<'_, i64> {
        Standing {
            policy: &self.policy,
            actor: self.actor.as_ref(),
            target: &self.target,
            active_admins: self.admins,
        }
    }
}

/// What an account holds for `actor`: its policy, their membership, its active admins.
type Seat = (AuthzPolicy, Option<Member<i64>>, usize);

///
/// An embedded session acts in its one account only (`embed::scope`): in any other it holds no
/// membership, so a person-wide change to someone who also belongs elsewhere is refused there as
/// it is for an actor of that one account, and an existing login joins only with their consent.
/// A portal's key of one account must not reach, through a person of several, what the holder's
/// rights in another account would allow.
async fn seat_of(conn: &mut Conn, account: i64, actor: i64) -> Result<Seat, AppError> {
    let acting = match crate::embed::scope::account() {
        Some(only) if only != account => None,
        _ => store::memberships::member(conn, account, actor).await?,
    };
    Ok((
        store::accounts::policy(conn, account).await?,
        acting,
        store::memberships::active_admins(conn, account).await?,
    ))
}

/// `target` in each account they belong to (by account id), with `actor`'s membership of each.
pub async fn person(conn: &mut Conn, actor: i64, target: i64) -> Result<Vec<Place>, AppError> {
    let mut places = Vec::new();
    for (account, member) in store::memberships::of_users(conn, &[target]).await? {
        let (policy, actor, admins) = seat_of(conn, account, actor).await?;
        places.push(Place {
            account,
            policy,
            actor,
            target: member,
            admins,
        });
    }
    Ok(places)
}

/// The accounts `user` belongs to.
pub async fn accounts_of(conn: &mut Conn, user: i64) -> Result<Vec<i64>, AppError> {
    store::memberships::accounts_of(conn, user).await
}

/// How `person`, an existing login, joins another account of `actor`'s: at once when `actor`
/// manages them in every account they belong to, else with their consent.
pub async fn joining(conn: &mut Conn, actor: i64, target: i64) -> Result<Joining, AppError> {
    let places = person(conn, actor, target).await?;
    let standings: Vec<_> = places.iter().map(Place::standing).collect();
    Ok(roster_domain::authz::joining(&standings))
}

/// Which of `users` `actor` manages in every account they belong to, read in one pass over
/// their memberships (the import's lookup asks this of a whole file).
pub async fn managed_everywhere(
    conn: &mut Conn,
    actor: i64,
    users: &[i64],
) -> Result<HashSet<i64>, AppError> {
    let found = store::memberships::of_users(conn, users).await?;
    let mut seats: BTreeMap<i64, Seat> = BTreeMap::new();
    for (account, _) in &found {
        if !seats.contains_key(account) {
            let seat = seat_of(conn, *account, actor).await?;
            seats.insert(*account, seat);
        }
    }
    let mut by_user: BTreeMap<i64, Vec<Standing<'_, i64>>> = BTreeMap::new();
    for (account, target) in &found {
        if let Some((policy, actor, admins)) = seats.get(account) {
            by_user.entry(target.user).or_default().push(Standing {
                policy,
                actor: actor.as_ref(),
                target,
                active_admins: *admins,
            });
        }
    }
    Ok(by_user
        .into_iter()
        .filter(|(_, standings)| roster_domain::authz::joining(standings) == Joining::AtOnce)
        .map(|(user, _)| user)
        .collect())
}
