//! The labels of the domain's states, roles and actions, from the catalogue.

use super::{Key, t};
use roster_api::users::UserAction;
use roster_domain::authz::Role;
use roster_domain::lifecycle::{Action, UserState};

/// The label of a user state.
pub fn state_label(state: UserState) -> &'static str {
    t(match state {
        UserState::Staged => Key::StateStaged,
        UserState::Invited => Key::StateInvited,
        UserState::Active => Key::StateActive,
        UserState::Suspended => Key::StateSuspended,
        UserState::Locked => Key::StateLocked,
        UserState::Deprovisioned => Key::StateDeprovisioned,
    })
}

/// The label of a user's state, as "Invitation expired" for an invited user whose link has
/// lapsed (by the browser's clock).
pub fn user_state_label(state: UserState, invitation_expires_at: Option<i64>) -> &'static str {
    let lapsed = invitation_expires_at.is_none_or(|at| (at as f64) * 1000.0 <= js_sys::Date::now());
    if state == UserState::Invited && lapsed {
        t(Key::InvitationExpired)
    } else {
        state_label(state)
    }
}

/// The label of a role.
pub fn role_label(role: Role) -> &'static str {
    t(match role {
        Role::Admin => Key::RoleAdmin,
        Role::User => Key::RoleUser,
    })
}

/// The button label of a lifecycle action.
pub fn action_label(action: Action) -> &'static str {
    t(match action {
        Action::Invite => Key::SendInvitation,
        Action::RevokeInvitation => Key::RevokeInvitation,
        Action::Activate => Key::ActionActivate,
        Action::SetTemporaryPassword => Key::SetTemporaryPassword,
        Action::Suspend => Key::Suspend,
        Action::Unsuspend => Key::Unsuspend,
        Action::Lock => Key::ActionLock,
        Action::Unlock => Key::Unlock,
        Action::Deprovision => Key::Deprovision,
        Action::DeleteForGood => Key::DeleteForGood,
        Action::Restore => Key::Restore,
    })
}

/// The button label of a state action of the users list.
pub fn user_action_label(action: UserAction) -> &'static str {
    match action.action() {
        Some(action) => action_label(action),
        None => t(Key::Remove),
    }
}
