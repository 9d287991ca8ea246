//! Named tests for each refusal of [`decide`] and each rule of the default policy.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;

fn member(id: u64, role: Role, state: UserState, grants: Grants) -> Member<u64> {
    Member {
        user: id,
        role,
        state,
        grants,
    }
}

fn admin(id: u64, grants: Grants) -> Member<u64> {
    member(id, Role::Admin, UserState::Active, grants)
}

fn user(id: u64) -> Member<u64> {
    member(id, Role::User, UserState::Active, Grants::new())
}

fn records(level: &str) -> Grants {
    Grants::new().with("records", level)
}

fn set(kind: &str, level: Option<&str>) -> Change {
    Change::SetAuthority {
        kind: kind.into(),
        level: level.map(str::to_owned),
    }
}

fn insufficient(kind: &str, level: &str) -> Result<(), AuthzRefusal> {
    Err(AuthzRefusal::InsufficientAuthority {
        kind: kind.into(),
        level: level.into(),
    })
}

fn check(actor: &Member<u64>, target: &Member<u64>, change: Change) -> Result<(), AuthzRefusal> {
    decide(&AuthzPolicy::default(), Some(actor), target, &change, 2)
}

#[test]
fn a_records_c_delegate_can_grant_records_a_to_c_but_not_d_or_e() {
    let delegate = admin(1, records("C"));
    for level in ["A", "B", "C"] {
        assert_eq!(
            check(&delegate, &user(2), set("records", Some(level))),
            Ok(())
        );
    }
    for level in ["D", "E"] {
        assert_eq!(
            check(&delegate, &user(2), set("records", Some(level))),
            insufficient("records", level)
        );
    }
}

#[test]
fn interaction_authority_needs_records_e() {
    let delegate = admin(1, records("D"));
    let refusal = check(&delegate, &user(2), set("interaction", Some("view")));
    assert_eq!(refusal, insufficient("records", "E"));
    assert_eq!(
        refusal.map_err(|r| r.code()),
        Err(ErrorCode::AuthzInsufficientAuthority)
    );
    let chief = admin(1, records("E"));
    for level in ["view", "request", "approve"] {
        assert_eq!(
            check(&chief, &user(2), set("interaction", Some(level))),
            Ok(())
        );
    }
}

#[test]
fn dr_authority_needs_dr4_whatever_the_level_granted() {
    let dr3 = admin(1, records("E").with("dr", "DR3"));
    assert_eq!(
        check(&dr3, &user(2), set("dr", Some("DR1"))),
        insufficient("dr", "DR4")
    );
    let dr4 = admin(1, Grants::new().with("dr", "DR4"));
    assert_eq!(check(&dr4, &user(2), set("dr", Some("DR1"))), Ok(()));
    assert_eq!(check(&dr4, &user(2), set("dr", Some("DR4"))), Ok(()));
}

#[test]
fn an_admin_with_records_e_and_dr4_can_grant_every_level() {
    let chief = admin(1, records("E").with("dr", "DR4"));
    let policy = AuthzPolicy::default();
    for kind in policy.kinds() {
        for level in &kind.levels {
            assert_eq!(check(&chief, &user(2), set(&kind.key, Some(level))), Ok(()));
        }
    }
}

#[test]
fn only_admins_of_the_account_grant_anything() {
    let mut strong_user = user(1);
    strong_user.grants = records("E").with("dr", "DR4");
    let change = set("records", Some("A"));
    let refusal = check(&strong_user, &user(2), change.clone());
    assert_eq!(refusal, Err(AuthzRefusal::NotAdmin));
    assert_eq!(refusal.map_err(|r| r.code()), Err(ErrorCode::AuthzNotAdmin));
    let policy = AuthzPolicy::default();
    assert_eq!(
        decide(&policy, None, &user(2), &change, 1),
        Err(AuthzRefusal::NotAdmin)
    );
}

#[test]
fn an_admin_who_is_not_active_acts_as_nobody() {
    for state in [UserState::Suspended, UserState::Locked, UserState::Invited] {
        let sleeping = member(1, Role::Admin, state, records("E"));
        assert_eq!(
            check(&sleeping, &user(2), Change::EditProfile),
            Err(AuthzRefusal::NotAdmin)
        );
    }
}

#[test]
fn admins_cannot_change_their_own_role_authorities_state_or_membership() {
    let chief = admin(1, records("E").with("dr", "DR4"));
    let own = [
        Change::SetRole { role: Role::User },
        set("records", Some("D")),
        set("dr", None),
        Change::RemoveFromAccount,
        Change::Lifecycle {
            action: Action::Suspend,
        },
        Change::Lifecycle {
            action: Action::Deprovision,
        },
        Change::Lifecycle {
            action: Action::SetTemporaryPassword,
        },
    ];
    for change in own {
        let refusal = check(&chief, &chief, change.clone());
        assert_eq!(refusal, Err(AuthzRefusal::SelfChange), "{change:?}");
        assert_eq!(
            refusal.map_err(|r| r.code()),
            Err(ErrorCode::AuthzSelfChange)
        );
    }
}

#[test]
fn admins_may_edit_their_own_profile_group_and_licence() {
    // Even one holding a level they could not grant: editing oneself grants nothing.
    let odd = admin(1, records("A").with("interaction", "approve"));
    for change in [
        Change::EditProfile,
        Change::SetGroup,
        Change::AssignLicence,
        Change::ReleaseLicence,
    ] {
        assert_eq!(check(&odd, &odd, change.clone()), Ok(()), "{change:?}");
    }
}

#[test]
fn a_delegate_cannot_take_or_give_a_seat_of_someone_they_could_not_manage() {
    let delegate = admin(1, records("C"));
    let chief = admin(2, records("E"));
    for change in [
        Change::AssignLicence,
        Change::ReleaseLicence,
        Change::TransferLicence,
    ] {
        assert_eq!(
            check(&delegate, &chief, change.clone()),
            insufficient("records", "E"),
            "{change:?}"
        );
        assert_eq!(
            check(&delegate, &user(3), change.clone()),
            Ok(()),
            "{change:?}"
        );
    }
}

#[test]
fn revoking_needs_authority_over_the_level_held() {
    let delegate = admin(1, records("C"));
    let mut holder = user(2);
    holder.grants = records("D");
    assert_eq!(
        check(&delegate, &holder, set("records", None)),
        insufficient("records", "D")
    );
    holder.grants = records("B");
    assert_eq!(check(&delegate, &holder, set("records", None)), Ok(()));
}

#[test]
fn changing_a_level_needs_authority_over_both_the_old_and_the_new() {
    let delegate = admin(1, records("C"));
    let mut holder = user(2);
    holder.grants = records("E");
    // Lowering E to A still revokes E.
    assert_eq!(
        check(&delegate, &holder, set("records", Some("A"))),
        insufficient("records", "E")
    );
    holder.grants = records("A");
    assert_eq!(
        check(&delegate, &holder, set("records", Some("D"))),
        insufficient("records", "D")
    );
    assert_eq!(check(&delegate, &holder, set("records", Some("C"))), Ok(()));
}

#[test]
fn a_delegate_cannot_manage_someone_holding_more_than_they_could_grant() {
    let delegate = admin(1, records("C"));
    let chief = admin(2, records("E"));
    for change in [
        Change::EditProfile,
        Change::SetGroup,
        Change::SetRole { role: Role::User },
        Change::RemoveFromAccount,
        Change::Lifecycle {
            action: Action::SetTemporaryPassword,
        },
        Change::Lifecycle {
            action: Action::Suspend,
        },
    ] {
        assert_eq!(
            check(&delegate, &chief, change.clone()),
            insufficient("records", "E"),
            "{change:?}"
        );
    }
    // Another kind held by the target does not stop a change confined to records.
    let mut viewer = user(3);
    viewer.grants = Grants::new().with("interaction", "view");
    assert_eq!(check(&delegate, &viewer, set("records", Some("B"))), Ok(()));
    assert_eq!(
        check(&delegate, &viewer, Change::EditProfile),
        insufficient("records", "E")
    );
}

#[test]
fn the_last_active_admin_cannot_be_demoted_suspended_removed_or_deprovisioned() {
    let policy = AuthzPolicy::default();
    let actor = admin(1, records("E"));
    let last = admin(2, Grants::new());
    for change in [
        Change::SetRole { role: Role::User },
        Change::RemoveFromAccount,
        Change::Lifecycle {
            action: Action::Suspend,
        },
        Change::Lifecycle {
            action: Action::Deprovision,
        },
    ] {
        // The count is the caller's (read in the same transaction): with 1, the target is the
        // last active admin.
        let refusal = decide(&policy, Some(&actor), &last, &change, 1);
        assert_eq!(refusal, Err(AuthzRefusal::LastActiveAdmin), "{change:?}");
        assert_eq!(
            refusal.map_err(|r| r.code()),
            Err(ErrorCode::AuthzLastActiveAdmin)
        );
        assert_eq!(decide(&policy, Some(&actor), &last, &change, 2), Ok(()));
    }
}

#[test]
fn changes_that_keep_an_admin_active_are_allowed_even_for_the_last_one() {
    let policy = AuthzPolicy::default();
    let actor = admin(1, records("E"));
    let last = admin(2, Grants::new());
    for change in [
        Change::EditProfile,
        Change::SetRole { role: Role::Admin },
        Change::Lifecycle {
            action: Action::SetTemporaryPassword,
        },
    ] {
        assert_eq!(decide(&policy, Some(&actor), &last, &change, 1), Ok(()));
    }
}

#[test]
fn unknown_kinds_and_levels_are_refused() {
    let chief = admin(1, records("E").with("dr", "DR4"));
    let refusal = check(&chief, &user(2), set("payroll", Some("A")));
    assert_eq!(
        refusal,
        Err(AuthzRefusal::UnknownKind {
            kind: "payroll".into()
        })
    );
    assert_eq!(
        refusal.map_err(|r| r.code()),
        Err(ErrorCode::AuthzUnknownKind)
    );
    let refusal = check(&chief, &user(2), set("records", Some("F")));
    assert_eq!(
        refusal,
        Err(AuthzRefusal::UnknownLevel {
            kind: "records".into(),
            level: "F".into()
        })
    );
    assert_eq!(
        refusal.map_err(|r| r.code()),
        Err(ErrorCode::AuthzUnknownLevel)
    );
}

#[test]
fn a_level_the_policy_no_longer_names_counts_as_the_top_one() {
    let delegate = admin(1, records("D"));
    let mut stale = user(2);
    stale.grants = records("Z");
    assert_eq!(
        check(&delegate, &stale, set("records", None)),
        insufficient("records", "E")
    );
    assert_eq!(
        check(&admin(1, records("E")), &stale, set("records", None)),
        Ok(())
    );
}

#[test]
fn activation_and_locking_are_not_admin_actions() {
    let chief = admin(1, records("E"));
    let mut invited = user(2);
    invited.state = UserState::Invited;
    for action in [Action::Activate, Action::Lock] {
        let refusal = check(&chief, &invited, Change::Lifecycle { action });
        assert_eq!(refusal, Err(AuthzRefusal::NotAnAdminAction { action }));
        assert_eq!(
            refusal.map_err(|r| r.code()),
            Err(ErrorCode::AuthzNotAnAdminAction)
        );
    }
}

#[test]
fn a_lifecycle_action_the_state_forbids_is_refused_with_the_lifecycle_code() {
    let chief = admin(1, records("E"));
    let refusal = check(
        &chief,
        &user(2),
        Change::Lifecycle {
            action: Action::DeleteForGood,
        },
    );
    assert_eq!(
        refusal,
        Err(AuthzRefusal::Lifecycle(LifecycleRefusal::NotAllowed {
            action: Action::DeleteForGood,
            state: UserState::Active
        }))
    );
    assert_eq!(
        refusal.map_err(|r| r.code()),
        Err(ErrorCode::UserActionNotAllowed)
    );
}

#[test]
fn a_new_membership_may_hold_only_what_the_actor_may_grant() {
    let policy = AuthzPolicy::default();
    let delegate = admin(1, records("C"));
    let fine = records("C");
    assert_eq!(
        decide_new_membership(&policy, Some(&delegate), &fine),
        Ok(())
    );
    let too_much = records("B").with("dr", "DR1");
    assert_eq!(
        decide_new_membership(&policy, Some(&delegate), &too_much),
        insufficient("dr", "DR4")
    );
    assert_eq!(
        decide_new_membership(&policy, Some(&user(1)), &Grants::new()),
        Err(AuthzRefusal::NotAdmin)
    );
}

#[test]
fn changes_cross_the_wire_in_snake_case() {
    let change = set("records", Some("B"));
    assert_eq!(
        serde_json::to_value(&change).unwrap(),
        serde_json::json!({"change": "set_authority", "kind": "records", "level": "B"})
    );
    let json = serde_json::json!({"change": "lifecycle", "action": "suspend"});
    assert_eq!(
        serde_json::from_value::<Change>(json).unwrap(),
        Change::Lifecycle {
            action: Action::Suspend
        }
    );
    assert_eq!(serde_json::to_string(&Role::Admin).unwrap(), "\"admin\"");
}
