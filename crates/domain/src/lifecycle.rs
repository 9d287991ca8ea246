//! The life of a user, from staged to deprovisioned.
//!
//! One table decides which action a state allows and what it leads to ([`transition`]); the list
//! of actions a screen offers ([`UserState::allowed_actions`]) is read from the same table, so the
//! buttons shown and the answers given can never disagree. Activation also needs the invitation
//! to be live, which only the caller knows: [`activate`] takes its expiry and `now`.
//! What may be edited in each state lives in [`edit`].

pub mod edit;

pub use edit::{EditRefusal, EditableField, can_edit};

use crate::codes::{Coded, ErrorCode};
use crate::invitation;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// How long a lockout lasts unless an administrator unlocks the user sooner (the message of
/// `auth.locked` says 15 minutes). Failed sign-ins no longer lock anyone (they are throttled
/// instead); a login locked before then keeps its lock until it runs out.
pub const LOCKOUT_SECONDS: i64 = 15 * 60;

/// Where a user is in their life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserState {
    /// Created or imported, not invited yet.
    Staged,
    /// Invited, waiting for activation (shown as expired once the invitation lapsed).
    Invited,
    /// Signs in.
    Active,
    /// Stopped by an administrator; cannot sign in until unsuspended.
    Suspended,
    /// Stopped by too many failed sign-ins, until the lockout ends or an administrator unlocks.
    Locked,
    /// Removed from every account; kept for the audit log, restorable.
    Deprovisioned,
}

/// Something that moves a user from one state to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Invite, or resend the invitation (a new token; the old one stops working).
    Invite,
    RevokeInvitation,
    /// The user activates with their token; see [`activate`].
    Activate,
    SetTemporaryPassword,
    Suspend,
    Unsuspend,
    /// Done by the system after too many failed sign-ins, never by a person.
    Lock,
    Unlock,
    /// Removal from the last account.
    Deprovision,
    DeleteForGood,
    Restore,
}

/// What the must-change-password flag becomes after a transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PasswordFlag {
    /// Left as it was: unsuspending a user who had a temporary password must not excuse them
    /// from changing it.
    Keep,
    /// Set: the user signs in with a temporary password and must choose their own.
    Set,
    /// Cleared: the user has just chosen their own password.
    Clear,
}

impl PasswordFlag {
    /// The flag's new value, given its current one.
    pub const fn apply(self, current: bool) -> bool {
        match self {
            PasswordFlag::Keep => current,
            PasswordFlag::Set => true,
            PasswordFlag::Clear => false,
        }
    }
}

/// Where an allowed action leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    /// The user is now in `state`.
    Becomes {
        state: UserState,
        must_change_password: PasswordFlag,
    },
    /// The user is gone for good (only ever before activation).
    Deleted,
}

/// Why a lifecycle action was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum LifecycleRefusal {
    #[error("{} cannot {}", state.with_article(), action.passive())]
    NotAllowed { action: Action, state: UserState },
    #[error("the invitation expired")]
    InvitationExpired { expires_at: Timestamp },
}

impl Coded for LifecycleRefusal {
    fn code(&self) -> ErrorCode {
        match self {
            LifecycleRefusal::NotAllowed { .. } => ErrorCode::UserActionNotAllowed,
            LifecycleRefusal::InvitationExpired { .. } => ErrorCode::InvitationExpired,
        }
    }
}

impl UserState {
    /// Every state, in the order of a user's life.
    pub const ALL: [UserState; 6] = [
        UserState::Staged,
        UserState::Invited,
        UserState::Active,
        UserState::Suspended,
        UserState::Locked,
        UserState::Deprovisioned,
    ];

    /// The name used on the wire and in the database.
    pub const fn as_str(self) -> &'static str {
        match self {
            UserState::Staged => "staged",
            UserState::Invited => "invited",
            UserState::Active => "active",
            UserState::Suspended => "suspended",
            UserState::Locked => "locked",
            UserState::Deprovisioned => "deprovisioned",
        }
    }

    /// The actions this state allows, in [`Action::ALL`] order, read from [`transition`].
    pub fn allowed_actions(self) -> Vec<Action> {
        Action::ALL
            .into_iter()
            .filter(|&action| transition(self, action).is_ok())
            .collect()
    }

    /// The actions this state allows that an administrator performs (no activation, no lock).
    pub fn admin_actions(self) -> Vec<Action> {
        self.allowed_actions()
            .into_iter()
            .filter(|action| action.by_admin())
            .collect()
    }

    /// "Waiting for Activation": invited, whether or not the invitation has lapsed.
    pub const fn is_waiting_for_activation(self) -> bool {
        matches!(self, UserState::Invited)
    }

    fn with_article(self) -> &'static str {
        match self {
            UserState::Staged => "a staged user",
            UserState::Invited => "an invited user",
            UserState::Active => "an active user",
            UserState::Suspended => "a suspended user",
            UserState::Locked => "a locked user",
            UserState::Deprovisioned => "a deprovisioned user",
        }
    }
}

impl fmt::Display for UserState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 11] = [
        Action::Invite,
        Action::RevokeInvitation,
        Action::Activate,
        Action::SetTemporaryPassword,
        Action::Suspend,
        Action::Unsuspend,
        Action::Lock,
        Action::Unlock,
        Action::Deprovision,
        Action::DeleteForGood,
        Action::Restore,
    ];

    /// The name used on the wire and in the audit log.
    pub const fn as_str(self) -> &'static str {
        match self {
            Action::Invite => "invite",
            Action::RevokeInvitation => "revoke_invitation",
            Action::Activate => "activate",
            Action::SetTemporaryPassword => "set_temporary_password",
            Action::Suspend => "suspend",
            Action::Unsuspend => "unsuspend",
            Action::Lock => "lock",
            Action::Unlock => "unlock",
            Action::Deprovision => "deprovision",
            Action::DeleteForGood => "delete_for_good",
            Action::Restore => "restore",
        }
    }

    /// Whether an administrator performs this action. Activation is the user's own (it needs
    /// their token) and locking is the system's (it follows failed sign-ins).
    pub const fn by_admin(self) -> bool {
        !matches!(self, Action::Activate | Action::Lock)
    }

    /// Whether this action must end the user's sessions at once.
    pub const fn ends_sessions(self) -> bool {
        matches!(
            self,
            Action::Suspend | Action::Deprovision | Action::SetTemporaryPassword
        )
    }

    fn passive(self) -> &'static str {
        match self {
            Action::Invite => "be invited",
            Action::RevokeInvitation => "have an invitation revoked",
            Action::Activate => "be activated",
            Action::SetTemporaryPassword => "be given a temporary password",
            Action::Suspend => "be suspended",
            Action::Unsuspend => "be unsuspended",
            Action::Lock => "be locked",
            Action::Unlock => "be unlocked",
            Action::Deprovision => "be deprovisioned",
            Action::DeleteForGood => "be deleted for good",
            Action::Restore => "be restored",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The lifecycle table: where `action` takes a user in `state`.
///
/// For [`Action::Activate`] this checks the state only; activation itself goes through
/// [`activate`], which also refuses an expired invitation.
pub fn transition(state: UserState, action: Action) -> Result<Outcome, LifecycleRefusal> {
    use Action as A;
    use UserState as S;
    let becomes = |state| Outcome::Becomes {
        state,
        must_change_password: PasswordFlag::Keep,
    };
    match (action, state) {
        (A::Invite, S::Staged | S::Invited) => Ok(becomes(S::Invited)),
        (A::RevokeInvitation, S::Invited) => Ok(becomes(S::Staged)),
        (A::Activate, S::Invited) => Ok(Outcome::Becomes {
            state: S::Active,
            must_change_password: PasswordFlag::Clear,
        }),
        (A::SetTemporaryPassword, S::Staged | S::Invited | S::Active | S::Locked) => {
            Ok(Outcome::Becomes {
                state: S::Active,
                must_change_password: PasswordFlag::Set,
            })
        }
        (A::Suspend, S::Active | S::Locked) => Ok(becomes(S::Suspended)),
        (A::Unsuspend, S::Suspended) => Ok(becomes(S::Active)),
        (A::Lock, S::Active) => Ok(becomes(S::Locked)),
        (A::Unlock, S::Locked) => Ok(becomes(S::Active)),
        (A::Deprovision, s) if s != S::Deprovisioned => Ok(becomes(S::Deprovisioned)),
        (A::DeleteForGood, S::Staged | S::Invited) => Ok(Outcome::Deleted),
        (A::Restore, S::Deprovisioned) => Ok(becomes(S::Staged)),
        _ => Err(LifecycleRefusal::NotAllowed { action, state }),
    }
}

/// The user activates with their token: allowed only while invited and before the invitation
/// expires (expired when `now >= invitation_expires_at`).
pub fn activate(
    state: UserState,
    invitation_expires_at: Timestamp,
    now: Timestamp,
) -> Result<Outcome, LifecycleRefusal> {
    // The state comes first: a suspended user with an old link hears about their state, not
    // about a date.
    let outcome = transition(state, Action::Activate)?;
    if invitation::is_expired(invitation_expires_at, now) {
        return Err(LifecycleRefusal::InvitationExpired {
            expires_at: invitation_expires_at,
        });
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests;
