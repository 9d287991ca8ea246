//! What an actor may grant, for the app's pick lists, and who may change the policy.
//!
//! The lists come from the very function [`decide`](super::decide) uses, so the app never offers
//! a level the server would refuse; a test checks the two agree over the default policy.

use super::decide::{AuthzRefusal, authority_for};
use super::policy::AuthzPolicy;
use super::{Member, Role};
use serde::{Deserialize, Serialize};

/// The levels of one kind an actor may grant (and revoke).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GrantableKind {
    pub kind: String,
    pub levels: Vec<String>,
}

/// What an actor may grant in an account: roles, and levels by kind in policy order (kinds
/// with no grantable level are left out).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Grantable {
    pub roles: Vec<Role>,
    pub kinds: Vec<GrantableKind>,
}

impl Grantable {
    /// Whether `level` of `kind` is on the list.
    pub fn offers(&self, kind: &str, level: &str) -> bool {
        self.kinds
            .iter()
            .any(|k| k.kind == kind && k.levels.iter().any(|l| l == level))
    }
}

/// What `actor` (their membership of this account, if any) may grant to a member who holds
/// nothing yet. For a member who already holds levels, changing them also needs authority over
/// what they hold (see [`decide`](super::decide)).
pub fn grantable<Id>(policy: &AuthzPolicy, actor: Option<&Member<Id>>) -> Grantable {
    let Some(actor) = actor.filter(|a| a.is_active_admin()) else {
        return Grantable::default();
    };
    let kinds = policy
        .kinds()
        .iter()
        .filter_map(|kind| {
            let levels: Vec<String> = (0..kind.levels.len())
                .filter(|&level| authority_for(policy, &actor.grants, kind, level).is_ok())
                .filter_map(|level| kind.levels.get(level).cloned())
                .collect();
            (!levels.is_empty()).then(|| GrantableKind {
                kind: kind.key.clone(),
                levels,
            })
        })
        .collect();
    Grantable {
        roles: Role::ALL.to_vec(),
        kinds,
    }
}

/// Whether `actor` may change the account's settings (seats bought, approved domains, invitation
/// lifetime) or its policy: only an active admin holding the top level of every kind. A policy
/// change can redefine what every level allows, and the settings decide who may join and what
/// every member's invitation and seat are: a delegate must not widen them.
pub fn may_change_policy<Id>(
    policy: &AuthzPolicy,
    actor: Option<&Member<Id>>,
) -> Result<(), AuthzRefusal> {
    let actor = actor
        .filter(|a| a.is_active_admin())
        .ok_or(AuthzRefusal::NotAdmin)?;
    for kind in policy.kinds() {
        let top = kind.top_level();
        if top.is_none() || actor.grants.level(&kind.key) != top {
            return Err(AuthzRefusal::PolicyChangeNotAllowed {
                kind: kind.key.clone(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::super::{Change, Grants, decide};
    use super::*;
    use crate::codes::{Coded, ErrorCode};
    use crate::lifecycle::UserState;

    fn admin(id: u64, grants: Grants) -> Member<u64> {
        Member {
            user: id,
            role: Role::Admin,
            state: UserState::Active,
            grants,
        }
    }

    fn names(levels: &[&str]) -> Vec<String> {
        levels.iter().map(|l| (*l).to_owned()).collect()
    }

    #[test]
    fn a_records_c_delegate_is_offered_records_a_to_c_and_nothing_else() {
        let policy = AuthzPolicy::default();
        let delegate = admin(1, Grants::new().with("records", "C"));
        assert_eq!(
            grantable(&policy, Some(&delegate)),
            Grantable {
                roles: vec![Role::Admin, Role::User],
                kinds: vec![GrantableKind {
                    kind: "records".into(),
                    levels: names(&["A", "B", "C"]),
                }],
            }
        );
    }

    #[test]
    fn an_admin_with_records_e_and_dr4_is_offered_everything() {
        let policy = AuthzPolicy::default();
        let chief = admin(1, Grants::new().with("records", "E").with("dr", "DR4"));
        let offered = grantable(&policy, Some(&chief));
        let all: Vec<GrantableKind> = policy
            .kinds()
            .iter()
            .map(|k| GrantableKind {
                kind: k.key.clone(),
                levels: k.levels.clone(),
            })
            .collect();
        assert_eq!(offered.kinds, all);
    }

    #[test]
    fn non_admins_and_inactive_admins_are_offered_nothing() {
        let policy = AuthzPolicy::default();
        let everything = Grants::new().with("records", "E").with("dr", "DR4");
        let mut user = admin(1, everything.clone());
        user.role = Role::User;
        let mut suspended = admin(2, everything);
        suspended.state = UserState::Suspended;
        for actor in [Some(&user), Some(&suspended), None] {
            assert_eq!(grantable(&policy, actor), Grantable::default());
        }
    }

    /// Every combination of default-policy grants an actor can hold: 6 × 4 × 5 = 120.
    fn every_holding() -> Vec<Grants> {
        let mut all = Vec::new();
        let opt = |levels: &[&'static str]| {
            std::iter::once(None)
                .chain(levels.iter().copied().map(Some))
                .collect::<Vec<_>>()
        };
        for r in opt(&["A", "B", "C", "D", "E"]) {
            for i in opt(&["view", "request", "approve"]) {
                for d in opt(&["DR1", "DR2", "DR3", "DR4"]) {
                    let mut g = Grants::new();
                    g.set("records", r);
                    g.set("interaction", i);
                    g.set("dr", d);
                    all.push(g);
                }
            }
        }
        all
    }

    #[test]
    fn the_pick_lists_agree_with_decide_for_every_actor_of_the_default_policy() {
        let policy = AuthzPolicy::default();
        let mut offered_somewhere = 0;
        for grants in every_holding() {
            for role in Role::ALL {
                for state in [UserState::Active, UserState::Locked] {
                    let actor = Member {
                        user: 1,
                        role,
                        state,
                        grants: grants.clone(),
                    };
                    let offered = grantable(&policy, Some(&actor));
                    let blank = Member {
                        user: 2,
                        role: Role::User,
                        state: UserState::Active,
                        grants: Grants::new(),
                    };
                    for r in Role::ALL {
                        let allowed = decide(
                            &policy,
                            Some(&actor),
                            &blank,
                            &Change::SetRole { role: r },
                            1,
                        );
                        assert_eq!(allowed.is_ok(), offered.roles.contains(&r));
                    }
                    for kind in policy.kinds() {
                        for level in &kind.levels {
                            let grant = Change::SetAuthority {
                                kind: kind.key.clone(),
                                level: Some(level.clone()),
                            };
                            let revoke = Change::SetAuthority {
                                kind: kind.key.clone(),
                                level: None,
                            };
                            let holder = Member {
                                grants: Grants::new().with(&kind.key, level),
                                ..blank.clone()
                            };
                            let on_list = offered.offers(&kind.key, level);
                            offered_somewhere += usize::from(on_list);
                            let granted = decide(&policy, Some(&actor), &blank, &grant, 1);
                            let revoked = decide(&policy, Some(&actor), &holder, &revoke, 1);
                            assert_eq!(granted.is_ok(), on_list, "{grants:?} {grant:?}");
                            assert_eq!(revoked.is_ok(), on_list, "{grants:?} revoke {level}");
                        }
                    }
                }
            }
        }
        // The lists are not all empty: 120 holdings, some of which grant many levels.
        assert!(offered_somewhere > 100);
    }

    #[test]
    fn only_an_admin_holding_every_top_level_may_change_the_policy() {
        let policy = AuthzPolicy::default();
        let top = Grants::new()
            .with("records", "E")
            .with("interaction", "approve")
            .with("dr", "DR4");
        assert_eq!(
            may_change_policy(&policy, Some(&admin(1, top.clone()))),
            Ok(())
        );
        let short = admin(1, top.clone().with("dr", "DR3"));
        let refusal = may_change_policy(&policy, Some(&short));
        assert_eq!(
            refusal,
            Err(AuthzRefusal::PolicyChangeNotAllowed { kind: "dr".into() })
        );
        assert_eq!(
            refusal.map_err(|r| r.code()),
            Err(ErrorCode::AuthzPolicyChangeNotAllowed)
        );
        let mut user = admin(1, top);
        user.role = Role::User;
        assert_eq!(
            may_change_policy(&policy, Some(&user)),
            Err(AuthzRefusal::NotAdmin)
        );
        assert_eq!(
            may_change_policy::<u64>(&policy, None),
            Err(AuthzRefusal::NotAdmin)
        );
    }
}
