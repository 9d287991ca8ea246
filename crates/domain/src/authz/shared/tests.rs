//! A person in several accounts: person-wide changes, joining, and group changes.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::authz::{Grants, Role};
use crate::codes::Coded;
use crate::lifecycle::{Action, UserState};

fn member(id: u64, role: Role, grants: Grants) -> Member<u64> {
    Member {
        user: id,
        role,
        state: UserState::Active,
        grants,
    }
}

fn top() -> Grants {
    Grants::new()
        .with("records", "E")
        .with("interaction", "approve")
        .with("dr", "DR4")
}

fn records(level: &str) -> Grants {
    Grants::new().with("records", level)
}

const ACTOR: u64 = 1;
const PERSON: u64 = 2;

/// One account's view: the actor's membership (if any) and the person's.
struct Account {
    policy: AuthzPolicy,
    actor: Option<Member<u64>>,
    person: Member<u64>,
    admins: usize,
}

impl Account {
    fn new(actor: Option<(Role, Grants)>, person: (Role, Grants)) -> Account {
        Account {
            policy: AuthzPolicy::default(),
            actor: actor.map(|(role, grants)| member(ACTOR, role, grants)),
            person: member(PERSON, person.0, person.1),
            admins: 2,
        }
    }

    fn standing(&self) -> Standing<'_, u64> {
        Standing {
            policy: &self.policy,
            actor: self.actor.as_ref(),
            target: &self.person,
            active_admins: self.admins,
        }
    }
}

fn shared(here: &Account, elsewhere: &[&Account], change: Change) -> Result<(), AuthzRefusal> {
    let others: Vec<_> = elsewhere.iter().map(|a| a.standing()).collect();
    decide_shared(&here.standing(), &others, &change)
}

const PERSON_WIDE: [Change; 4] = [
    Change::EditProfile,
    Change::Lifecycle {
        action: Action::SetTemporaryPassword,
    },
    Change::Lifecycle {
        action: Action::Suspend,
    },
    Change::Lifecycle {
        action: Action::Deprovision,
    },
];

#[test]
fn an_admin_of_one_account_cannot_change_the_login_of_an_admin_of_another() {
    // eu-admin takes over admin@acme.test: top admin of Records, a plain user of Europe.
    let europe = Account::new(Some((Role::Admin, top())), (Role::User, Grants::new()));
    let records = Account::new(None, (Role::Admin, top()));
    for change in PERSON_WIDE {
        assert_eq!(
            shared(&europe, &[&records], change.clone()),
            Err(AuthzRefusal::PersonShared),
            "{change:?}"
        );
        assert_eq!(
            AuthzRefusal::PersonShared.code(),
            crate::ErrorCode::AuthzPersonShared
        );
    }
}

#[test]
fn a_plain_user_elsewhere_is_shared_too_whatever_their_role_there() {
    // The actor is an admin here and a plain user where the person also belongs.
    let here = Account::new(Some((Role::Admin, top())), (Role::User, Grants::new()));
    let there = Account::new(
        Some((Role::User, Grants::new())),
        (Role::User, Grants::new()),
    );
    assert_eq!(
        shared(&here, &[&there], Change::EditProfile),
        Err(AuthzRefusal::PersonShared)
    );
}

#[test]
fn outranked_elsewhere_is_shared() {
    let here = Account::new(Some((Role::Admin, top())), (Role::User, Grants::new()));
    let there = Account::new(
        Some((Role::Admin, records("C"))),
        (Role::User, records("E")),
    );
    assert_eq!(
        shared(&here, &[&there], Change::EditProfile),
        Err(AuthzRefusal::PersonShared)
    );
}

#[test]
fn managing_the_person_in_every_account_allows_person_wide_changes() {
    let a = Account::new(Some((Role::Admin, top())), (Role::User, records("B")));
    let b = Account::new(
        Some((Role::Admin, records("C"))),
        (Role::User, records("C")),
    );
    for change in PERSON_WIDE {
        assert_eq!(shared(&a, &[&b], change.clone()), Ok(()), "{change:?}");
    }
}

#[test]
fn membership_changes_are_decided_in_their_account_alone() {
    let here = Account::new(Some((Role::Admin, top())), (Role::User, Grants::new()));
    let there = Account::new(None, (Role::Admin, top()));
    for change in [
        Change::SetRole { role: Role::Admin },
        Change::SetGroup,
        Change::AssignLicence,
        Change::ReleaseLicence,
        Change::RemoveFromAccount,
        Change::SetAuthority {
            kind: "records".into(),
            level: Some("B".into()),
        },
    ] {
        assert_eq!(change.reach(), Reach::Membership);
        assert_eq!(
            shared(&here, &[&there], change.clone()),
            Ok(()),
            "{change:?}"
        );
    }
}

#[test]
fn the_refusal_here_comes_first() {
    let here = Account::new(
        Some((Role::Admin, records("C"))),
        (Role::User, records("E")),
    );
    let there = Account::new(None, (Role::User, Grants::new()));
    assert!(matches!(
        shared(&here, &[&there], Change::EditProfile),
        Err(AuthzRefusal::InsufficientAuthority { .. })
    ));
}

#[test]
fn the_last_active_admin_elsewhere_cannot_be_suspended_from_here() {
    let here = Account::new(Some((Role::Admin, top())), (Role::User, Grants::new()));
    let mut there = Account::new(Some((Role::Admin, top())), (Role::Admin, records("A")));
    there.admins = 1;
    let suspend = Change::Lifecycle {
        action: Action::Suspend,
    };
    assert_eq!(
        shared(&here, &[&there], suspend.clone()),
        Err(AuthzRefusal::LastActiveAdmin)
    );
    there.admins = 2;
    assert_eq!(shared(&here, &[&there], suspend), Ok(()));
}

#[test]
fn a_person_may_edit_their_own_profile_from_an_account_they_administer() {
    let mut here = Account::new(Some((Role::Admin, top())), (Role::Admin, top()));
    here.person.user = ACTOR;
    let mut there = Account::new(
        Some((Role::User, Grants::new())),
        (Role::User, Grants::new()),
    );
    there.person.user = ACTOR;
    assert_eq!(shared(&here, &[&there], Change::EditProfile), Ok(()));
    // ...but never their own state.
    let suspend = Change::Lifecycle {
        action: Action::Suspend,
    };
    assert_eq!(
        shared(&here, &[&there], suspend),
        Err(AuthzRefusal::SelfChange)
    );
}

#[test]
fn a_login_joins_at_once_only_when_the_actor_manages_it_everywhere() {
    let managed = Account::new(Some((Role::Admin, top())), (Role::User, Grants::new()));
    let foreign = Account::new(None, (Role::User, Grants::new()));
    let outranked = Account::new(Some((Role::Admin, records("C"))), (Role::Admin, top()));
    assert_eq!(joining(&[managed.standing()]), Joining::AtOnce);
    assert_eq!(
        joining(&[managed.standing(), foreign.standing()]),
        Joining::WithConsent
    );
    assert_eq!(
        joining(&[managed.standing(), outranked.standing()]),
        Joining::WithConsent
    );
    assert_eq!(joining::<u64>(&[]), Joining::WithConsent);
}

#[test]
fn a_group_changes_only_for_an_actor_who_may_manage_every_member() {
    let policy = AuthzPolicy::default();
    let delegate = member(ACTOR, Role::Admin, records("C"));
    let chief = member(9, Role::Admin, top());
    let plain = member(PERSON, Role::User, records("B"));
    assert_eq!(
        decide_group(&policy, Some(&delegate), std::slice::from_ref(&plain), 2),
        Ok(())
    );
    assert_eq!(
        decide_group(&policy, Some(&delegate), &[plain.clone(), chief.clone()], 2),
        Err(AuthzRefusal::GroupHasSuperiors)
    );
    // Their own group, with only themselves in it: allowed.
    assert_eq!(
        decide_group(&policy, Some(&delegate), std::slice::from_ref(&delegate), 2),
        Ok(())
    );
    assert_eq!(
        decide_group(&policy, Some(&plain), &[], 2),
        Err(AuthzRefusal::NotAdmin)
    );
    assert_eq!(
        decide_group(&policy, Some(&chief), &[plain, delegate], 2),
        Ok(())
    );
}
