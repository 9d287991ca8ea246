//! Tests of the lifecycle table: every action from every state against a table written out
//! here independently, plus named tests for the rows people rely on.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use Action as A;
use UserState as S;

/// The expected result of one cell: `None` refused, `Some(None)` deleted, `Some(Some((to,
/// flag)))` becomes `to` with the flag changed as `flag`.
type Cell = Option<Option<(UserState, PasswordFlag)>>;

/// The lifecycle table, one row per action, one column per state, in this order:
/// staged, invited, active, suspended, locked, deprovisioned.
fn expected_row(action: Action) -> [Cell; 6] {
    const NO: Cell = None;
    const GONE: Cell = Some(None);
    let to = |s| Some(Some((s, PasswordFlag::Keep)));
    let temp = Some(Some((S::Active, PasswordFlag::Set)));
    let depro = to(S::Deprovisioned);
    match action {
        A::Invite => [to(S::Invited), to(S::Invited), NO, NO, NO, NO],
        A::RevokeInvitation => [NO, to(S::Staged), NO, NO, NO, NO],
        A::Activate => [
            NO,
            Some(Some((S::Active, PasswordFlag::Clear))),
            NO,
            NO,
            NO,
            NO,
        ],
        A::SetTemporaryPassword => [temp, temp, temp, NO, temp, NO],
        A::Suspend => [NO, NO, to(S::Suspended), NO, to(S::Suspended), NO],
        A::Unsuspend => [NO, NO, NO, to(S::Active), NO, NO],
        A::Lock => [NO, NO, to(S::Locked), NO, NO, NO],
        A::Unlock => [NO, NO, NO, NO, to(S::Active), NO],
        A::Deprovision => [depro, depro, depro, depro, depro, NO],
        A::DeleteForGood => [GONE, GONE, NO, NO, NO, NO],
        A::Restore => [NO, NO, NO, NO, NO, to(S::Staged)],
    }
}

fn as_cell(result: Result<Outcome, LifecycleRefusal>) -> Cell {
    match result {
        Ok(Outcome::Becomes {
            state,
            must_change_password,
        }) => Some(Some((state, must_change_password))),
        Ok(Outcome::Deleted) => Some(None),
        Err(_) => None,
    }
}

#[test]
fn every_action_from_every_state_follows_the_product_table() {
    let states = [
        S::Staged,
        S::Invited,
        S::Active,
        S::Suspended,
        S::Locked,
        S::Deprovisioned,
    ];
    let mut checked = 0;
    for action in Action::ALL {
        let row = expected_row(action);
        for (state, expected) in states.into_iter().zip(row) {
            let got = transition(state, action);
            assert_eq!(as_cell(got), expected, "{action:?} from {state}");
            if expected.is_none() {
                assert_eq!(got, Err(LifecycleRefusal::NotAllowed { action, state }));
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 66);
}

#[test]
fn allowed_actions_are_exactly_the_allowed_cells_of_the_table() {
    for (column, state) in UserState::ALL.into_iter().enumerate() {
        let expected: Vec<Action> = Action::ALL
            .into_iter()
            .filter(|&a| expected_row(a)[column].is_some())
            .collect();
        assert_eq!(state.allowed_actions(), expected, "{state}");
    }
}

#[test]
fn admin_actions_leave_out_activation_and_locking() {
    assert_eq!(
        S::Active.admin_actions(),
        vec![A::SetTemporaryPassword, A::Suspend, A::Deprovision]
    );
    assert_eq!(
        S::Invited.admin_actions(),
        vec![
            A::Invite,
            A::RevokeInvitation,
            A::SetTemporaryPassword,
            A::Deprovision,
            A::DeleteForGood
        ]
    );
}

#[test]
fn a_staged_user_can_be_invited_and_an_invited_one_reinvited() {
    for state in [S::Staged, S::Invited] {
        assert_eq!(
            transition(state, A::Invite),
            Ok(Outcome::Becomes {
                state: S::Invited,
                must_change_password: PasswordFlag::Keep
            })
        );
    }
}

#[test]
fn a_suspended_user_cannot_be_invited() {
    let refusal = transition(S::Suspended, A::Invite).unwrap_err();
    assert_eq!(refusal.to_string(), "a suspended user cannot be invited");
    assert_eq!(refusal.code(), ErrorCode::UserActionNotAllowed);
}

#[test]
fn revoking_an_invitation_stages_the_user_again() {
    assert_eq!(
        as_cell(transition(S::Invited, A::RevokeInvitation)),
        Some(Some((S::Staged, PasswordFlag::Keep)))
    );
    assert!(transition(S::Staged, A::RevokeInvitation).is_err());
}

#[test]
fn activation_with_a_live_invitation_makes_the_user_active_with_their_own_password() {
    let expires = Timestamp::from_unix_seconds(1_000);
    let now = Timestamp::from_unix_seconds(999);
    assert_eq!(
        activate(S::Invited, expires, now),
        Ok(Outcome::Becomes {
            state: S::Active,
            must_change_password: PasswordFlag::Clear
        })
    );
}

#[test]
fn activation_is_refused_from_the_moment_the_invitation_expires() {
    let expires = Timestamp::from_unix_seconds(1_000);
    for now in [1_000, 1_001, 9_999_999] {
        let refusal = activate(S::Invited, expires, Timestamp::from_unix_seconds(now));
        assert_eq!(
            refusal,
            Err(LifecycleRefusal::InvitationExpired {
                expires_at: expires
            })
        );
        assert_eq!(
            refusal.map_err(|r| r.code()),
            Err(ErrorCode::InvitationExpired)
        );
    }
}

#[test]
fn activation_names_the_state_before_the_date_when_both_are_wrong() {
    let expires = Timestamp::from_unix_seconds(0);
    let now = Timestamp::from_unix_seconds(10);
    for state in [
        S::Staged,
        S::Active,
        S::Suspended,
        S::Locked,
        S::Deprovisioned,
    ] {
        assert_eq!(
            activate(state, expires, now),
            Err(LifecycleRefusal::NotAllowed {
                action: A::Activate,
                state
            })
        );
    }
}

#[test]
fn a_temporary_password_activates_and_forces_a_change() {
    for state in [S::Staged, S::Invited, S::Active, S::Locked] {
        let Ok(Outcome::Becomes {
            state: to,
            must_change_password,
        }) = transition(state, A::SetTemporaryPassword)
        else {
            panic!("{state} should accept a temporary password");
        };
        assert_eq!(to, S::Active);
        assert!(must_change_password.apply(false));
    }
    assert!(transition(S::Suspended, A::SetTemporaryPassword).is_err());
}

#[test]
fn suspension_stops_active_and_locked_users_and_unsuspension_reactivates() {
    assert!(transition(S::Active, A::Suspend).is_ok());
    assert!(transition(S::Locked, A::Suspend).is_ok());
    assert!(transition(S::Invited, A::Suspend).is_err());
    assert_eq!(
        as_cell(transition(S::Suspended, A::Unsuspend)),
        Some(Some((S::Active, PasswordFlag::Keep)))
    );
    assert!(transition(S::Active, A::Unsuspend).is_err());
}

#[test]
fn only_an_active_user_gets_locked_and_only_a_locked_one_unlocked() {
    assert!(transition(S::Active, A::Lock).is_ok());
    assert!(transition(S::Suspended, A::Lock).is_err());
    assert!(transition(S::Locked, A::Unlock).is_ok());
    assert!(transition(S::Active, A::Unlock).is_err());
}

#[test]
fn a_deprovisioned_user_cannot_be_deprovisioned_again_but_can_be_restored_as_staged() {
    let refusal = transition(S::Deprovisioned, A::Deprovision).unwrap_err();
    assert_eq!(
        refusal.to_string(),
        "a deprovisioned user cannot be deprovisioned"
    );
    assert_eq!(
        as_cell(transition(S::Deprovisioned, A::Restore)),
        Some(Some((S::Staged, PasswordFlag::Keep)))
    );
}

#[test]
fn only_users_waiting_for_activation_can_be_deleted_for_good() {
    assert_eq!(
        transition(S::Staged, A::DeleteForGood),
        Ok(Outcome::Deleted)
    );
    assert_eq!(
        transition(S::Invited, A::DeleteForGood),
        Ok(Outcome::Deleted)
    );
    let refusal = transition(S::Active, A::DeleteForGood).unwrap_err();
    assert_eq!(
        refusal.to_string(),
        "an active user cannot be deleted for good"
    );
}

#[test]
fn only_the_invited_state_is_waiting_for_activation() {
    let waiting: Vec<UserState> = UserState::ALL
        .into_iter()
        .filter(|s| s.is_waiting_for_activation())
        .collect();
    assert_eq!(waiting, vec![S::Invited]);
}

#[test]
fn the_password_flag_is_kept_set_or_cleared() {
    assert!(PasswordFlag::Keep.apply(true));
    assert!(!PasswordFlag::Keep.apply(false));
    assert!(PasswordFlag::Set.apply(false));
    assert!(!PasswordFlag::Clear.apply(true));
}

#[test]
fn suspension_deprovisioning_and_password_changes_end_sessions() {
    let ending: Vec<Action> = Action::ALL
        .into_iter()
        .filter(|a| a.ends_sessions())
        .collect();
    assert_eq!(
        ending,
        vec![A::SetTemporaryPassword, A::Suspend, A::Deprovision]
    );
}

#[test]
fn states_actions_and_outcomes_cross_the_wire_in_snake_case() {
    assert_eq!(
        serde_json::to_string(&S::Deprovisioned).unwrap(),
        "\"deprovisioned\""
    );
    assert_eq!(
        serde_json::to_string(&A::SetTemporaryPassword).unwrap(),
        "\"set_temporary_password\""
    );
    let outcome = transition(S::Staged, A::SetTemporaryPassword).unwrap();
    assert_eq!(
        serde_json::to_value(outcome).unwrap(),
        serde_json::json!({"outcome": "becomes", "state": "active", "must_change_password": "set"})
    );
    for action in Action::ALL {
        let json = serde_json::to_string(&action).unwrap();
        assert_eq!(json, format!("\"{action}\""));
    }
    for state in UserState::ALL {
        let json = serde_json::to_string(&state).unwrap();
        assert_eq!(json, format!("\"{}\"", state.as_str()));
        assert_eq!(serde_json::from_str::<UserState>(&json).unwrap(), state);
    }
}
