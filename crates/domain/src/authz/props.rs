//! Property tests of the authorization rules over random small accounts and random runs of
//! changes, each change applied only when [`decide`] allows it:
//!
//! - no run gives anyone a level its granter could not give, checked against an oracle of the
//!   default policy written out plainly here, not derived from the policy data;
//! - no run leaves an account that had an active admin without one.
//!
//! The second holds twice over: the actor must be another active admin (nobody changes their own
//! role or state), so a correct count is at least two whenever one admin demotes another; the
//! last-active-admin rule is the second line, should the first ever be loosened. The run fails
//! only if both rules go (checked by hand when this was written).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::lifecycle::{self, Action, Outcome};
use proptest::prelude::*;

const MEMBERS: usize = 4;
const KINDS: [&str; 3] = ["records", "interaction", "dr"];

/// The default policy's levels, written out again: rank 1 is the lowest.
fn level_name(kind: &str, rank: usize) -> Option<&'static str> {
    let names: &[&'static str] = match kind {
        "records" => &["A", "B", "C", "D", "E"],
        "interaction" => &["view", "request", "approve"],
        _ => &["DR1", "DR2", "DR3", "DR4"],
    };
    rank.checked_sub(1).and_then(|i| names.get(i).copied())
}

fn rank(grants: &Grants, kind: &str) -> usize {
    let held = grants.level(kind);
    (1..=5)
        .find(|&r| level_name(kind, r).is_some() && level_name(kind, r) == held)
        .unwrap_or(0)
}

/// The oracle: may someone holding `grants` grant or revoke rank `r` of `kind`?
fn may_touch(grants: &Grants, kind: &str, r: usize) -> bool {
    match kind {
        "records" => rank(grants, "records") >= r,
        "interaction" => rank(grants, "records") == 5,
        _ => rank(grants, "dr") == 4,
    }
}

fn grants_strategy() -> impl Strategy<Value = Grants> {
    (0usize..6, 0usize..4, 0usize..5).prop_map(|(r, i, d)| {
        let mut g = Grants::new();
        g.set("records", level_name("records", r));
        g.set("interaction", level_name("interaction", i));
        g.set("dr", level_name("dr", d));
        g
    })
}

fn member_strategy() -> impl Strategy<Value = (Role, UserState, Grants)> {
    let state = prop_oneof![
        4 => Just(UserState::Active),
        1 => Just(UserState::Suspended),
        1 => Just(UserState::Invited),
        1 => Just(UserState::Locked),
    ];
    (
        prop_oneof![Just(Role::Admin), Just(Role::User)],
        state,
        grants_strategy(),
    )
}

fn account(members: Vec<(Role, UserState, Grants)>) -> Vec<Option<Member<u64>>> {
    (0u64..)
        .zip(members)
        .map(|(user, (role, state, grants))| {
            Some(Member {
                user,
                role,
                state,
                grants,
            })
        })
        .collect()
}

fn active_admins(account: &[Option<Member<u64>>]) -> usize {
    count_active_admins(account.iter().flatten())
}

/// The highest rank of `kind` anyone holds.
fn top_rank(account: &[Option<Member<u64>>], kind: &str) -> usize {
    account
        .iter()
        .flatten()
        .map(|m| rank(&m.grants, kind))
        .max()
        .unwrap_or(0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_run_of_grants_and_revokes_gives_a_level_its_granter_could_not_give(
        members in proptest::collection::vec(member_strategy(), MEMBERS),
        ops in proptest::collection::vec(
            (0..MEMBERS, 0..MEMBERS, 0usize..3, 0usize..6, any::<bool>()),
            0..50,
        ),
    ) {
        let policy = AuthzPolicy::default();
        let mut account = account(members);
        let records_at_start = top_rank(&account, "records");
        let dr_at_start = top_rank(&account, "dr");
        let interaction_at_start = top_rank(&account, "interaction");
        for (a, t, k, r, promote) in ops {
            let (Some(actor), Some(target)) = (account[a].clone(), account[t].clone()) else {
                continue;
            };
            let admins = active_admins(&account);
            if promote {
                // Role changes in between, so new admins appear and old ones go.
                let role = if target.role == Role::Admin { Role::User } else { Role::Admin };
                let change = Change::SetRole { role };
                if decide(&policy, Some(&actor), &target, &change, admins).is_ok()
                    && let Some(m) = account[t].as_mut()
                {
                    m.role = role;
                }
                continue;
            }
            let kind = KINDS[k];
            let level = level_name(kind, r);
            let change = Change::SetAuthority {
                kind: kind.into(),
                level: level.map(str::to_owned),
            };
            let old = rank(&target.grants, kind);
            let oracle = actor.role == Role::Admin
                && actor.state == UserState::Active
                && actor.user != target.user
                && (level.is_none() || may_touch(&actor.grants, kind, r))
                && (old == 0 || may_touch(&actor.grants, kind, old));
            let decided = decide(&policy, Some(&actor), &target, &change, admins);
            prop_assert_eq!(decided.is_ok(), oracle, "{:?} by {:?} on {:?}", change, actor, target);
            if decided.is_ok()
                && let Some(m) = account[t].as_mut()
            {
                m.grants.set(kind, level);
            }
            prop_assert!(top_rank(&account, "records") <= records_at_start);
            prop_assert!(top_rank(&account, "dr") <= dr_at_start);
            // Interaction comes from records E, so it can appear only where E existed.
            prop_assert!(
                top_rank(&account, "interaction") <= interaction_at_start
                    || records_at_start == 5
            );
        }
    }

    #[test]
    fn no_allowed_run_leaves_an_account_without_an_active_admin(
        members in proptest::collection::vec(member_strategy(), MEMBERS - 1),
        first_grants in grants_strategy(),
        ops in proptest::collection::vec((0..MEMBERS, 0..MEMBERS, 0usize..15), 0..50),
    ) {
        let policy = AuthzPolicy::default();
        let mut start = vec![(Role::Admin, UserState::Active, first_grants)];
        start.extend(members);
        let mut account = account(start);
        for (a, t, c) in ops {
            let Some(target) = account[t].clone() else { continue };
            let change = match c {
                0 => Change::SetRole { role: Role::User },
                1 => Change::SetRole { role: Role::Admin },
                2 => Change::RemoveFromAccount,
                3 => Change::EditProfile,
                n => Change::Lifecycle { action: Action::ALL[n - 4] },
            };
            let admins = active_admins(&account);
            if decide(&policy, account[a].as_ref(), &target, &change, admins).is_err() {
                continue;
            }
            match change {
                Change::SetRole { role } => {
                    if let Some(m) = account[t].as_mut() {
                        m.role = role;
                    }
                }
                Change::RemoveFromAccount => account[t] = None,
                Change::Lifecycle { action } => match lifecycle::transition(target.state, action) {
                    Ok(Outcome::Becomes { state, .. }) => {
                        if let Some(m) = account[t].as_mut() {
                            m.state = state;
                        }
                    }
                    Ok(Outcome::Deleted) => account[t] = None,
                    Err(refusal) => prop_assert!(false, "decide allowed {:?}", refusal),
                },
                _ => {}
            }
            prop_assert!(active_admins(&account) >= 1, "after {:?} on {}", change, t);
        }
    }
}
