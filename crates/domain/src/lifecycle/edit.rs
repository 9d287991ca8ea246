//! What may be edited about a user in each state.
//!
//! A deprovisioned user is kept for the audit log as they were, so nothing of theirs changes
//! until they are restored. The username is the name a person signs in with: it stays as
//! invited until the user has activated, so the activation email and the account agree.
//! A restored user is staged again and so waits for activation again before a rename.

use super::UserState;
use crate::codes::{Coded, ErrorCode};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The parts of a user (and of their membership) an edit can touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditableField {
    /// Names, phone, language, email, identity provider, Exchange account.
    Profile,
    Username,
    Group,
    Licence,
}

impl EditableField {
    /// Every field.
    pub const ALL: [EditableField; 4] = [
        EditableField::Profile,
        EditableField::Username,
        EditableField::Group,
        EditableField::Licence,
    ];
}

/// Why a field cannot be edited in the user's current state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum EditRefusal {
    #[error("a deprovisioned user cannot be edited until restored")]
    Deprovisioned { field: EditableField },
    #[error(
        "the username cannot change while the user is {state}; it can once they have activated"
    )]
    UsernameLockedUntilActivation { state: UserState },
}

impl Coded for EditRefusal {
    fn code(&self) -> ErrorCode {
        match self {
            EditRefusal::Deprovisioned { .. } => ErrorCode::UserDeprovisionedNotEditable,
            EditRefusal::UsernameLockedUntilActivation { .. } => {
                ErrorCode::UserUsernameLockedUntilActivation
            }
        }
    }
}

/// Whether `field` may be edited for a user in `state`.
pub fn can_edit(state: UserState, field: EditableField) -> Result<(), EditRefusal> {
    match (state, field) {
        (UserState::Deprovisioned, field) => Err(EditRefusal::Deprovisioned { field }),
        (UserState::Staged | UserState::Invited, EditableField::Username) => {
            Err(EditRefusal::UsernameLockedUntilActivation { state })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use EditableField as F;
    use UserState as S;

    #[test]
    fn username_cannot_change_before_activation() {
        for state in [S::Staged, S::Invited] {
            let refusal = can_edit(state, F::Username);
            assert_eq!(
                refusal,
                Err(EditRefusal::UsernameLockedUntilActivation { state })
            );
            assert_eq!(
                refusal.map_err(|e| e.code()),
                Err(ErrorCode::UserUsernameLockedUntilActivation)
            );
        }
    }

    #[test]
    fn username_can_change_once_the_user_has_activated() {
        for state in [S::Active, S::Suspended, S::Locked] {
            assert_eq!(can_edit(state, F::Username), Ok(()), "{state}");
        }
    }

    #[test]
    fn nothing_is_editable_once_deprovisioned() {
        for field in F::ALL {
            let refusal = can_edit(S::Deprovisioned, field);
            assert_eq!(refusal, Err(EditRefusal::Deprovisioned { field }));
            assert_eq!(
                refusal.map_err(|e| e.code()),
                Err(ErrorCode::UserDeprovisionedNotEditable)
            );
        }
    }

    #[test]
    fn profile_group_and_licence_are_editable_in_every_other_state() {
        for state in [S::Staged, S::Invited, S::Active, S::Suspended, S::Locked] {
            for field in [F::Profile, F::Group, F::Licence] {
                assert_eq!(can_edit(state, field), Ok(()), "{state} {field:?}");
            }
        }
    }

    #[test]
    fn the_username_refusal_names_the_state() {
        let refusal = can_edit(S::Invited, F::Username).unwrap_err();
        assert_eq!(
            refusal.to_string(),
            "the username cannot change while the user is invited; it can once they have activated"
        );
    }
}
