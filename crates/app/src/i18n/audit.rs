//! The words of the audit log: the label of each action the server writes, and of each field
//! its entries keep (a user's, a group's or the account's snapshot, a refused attempt's code and
//! the change asked for).
//!
//! The action names and field names are the server's, stable: a name not listed here is shown as
//! it is written (see [`field_label`]), so that a new field never hides a change. Each arm names
//! its own key, so that `t` turns into the text itself (see the catalogue's header).

use super::{Key, t};

/// The label of an audit action (the stable action names are the server's).
pub fn audit_action_label(action: &str) -> &'static str {
    match action {
        "user.created" => "User added",
        "user.added_to_account" => "Existing person added to the account",
        "user.updated" => "User edited",
        "user.suspended" => "User suspended",
        "user.unsuspended" => "User unsuspended",
        "user.unlocked" => "User unlocked",
        "user.state_changed" => "User's state changed",
        "user.locked_after_failed_signins" => "User locked after failed sign-ins",
        "user.unlocked_after_lockout" => "Lockout ended",
        "user.removed_from_account" => "User removed from the account",
        "user.deprovisioned" => "User deprovisioned",
        "user.restored" => "User restored",
        "user.deleted" => "User deleted for good",
        "user.invited" => "Invitation sent",
        "user.invitation_resent" => "Invitation sent again",
        "user.invitation_revoked" => "Invitation revoked",
        "user.activated" => "Account activated",
        "user.temporary_password_set" => "Temporary password set",
        "user.password_changed" => "Password changed",
        "user.password_reset" => "Password reset by link",
        "user.password_reset_requested" => "Password reset asked for",
        "group.created" => "Group created",
        "group.updated" => "Group edited",
        "group.deleted" => "Group deleted",
        "refused" => "Refused attempt",
        "join.requested" => "Asked to join",
        "user.joined" => "Joined after accepting",
        "join.declined" => "Request to join declined",
        "join.cancelled" => "Request to join withdrawn",
        "join.withdrawn" => "Request to join no longer valid",
        "licence.assigned" => "Licence assigned",
        "licence.released" => "Licence released",
        "licence.transferred_from" => "Licence transferred away",
        "licence.transferred_to" => "Licence received by transfer",
        "account.updated" => "Account settings changed",
        "me.details_changed" => "Own contact details changed",
        "me.email_change_requested" => "Change of email asked for",
        "me.email_changed" => "Email changed by confirmed link",
        "me.challenge_changed" => "Challenge question changed",
        "me.authorization_number_changed" => "New authorization number made",
        "user.pin_checked" => "PIN checked by an administrator",
        "session.signed_in" => "Signed in",
        "session.sign_in_failed" => "Failed sign-in",
        _ => "Other change",
    }
}

/// The actions an account's log holds, in the order the filter offers them (sign-ins and
/// lockouts are only in the person's own journal).
pub const AUDIT_ACTIONS: [&str; 39] = [
    "user.created",
    "user.added_to_account",
    "user.updated",
    "user.suspended",
    "user.unsuspended",
    "user.unlocked",
    "user.state_changed",
    "user.removed_from_account",
    "user.deprovisioned",
    "user.restored",
    "user.deleted",
    "user.invited",
    "user.invitation_resent",
    "user.invitation_revoked",
    "user.activated",
    "user.temporary_password_set",
    "user.password_changed",
    "user.password_reset",
    "user.password_reset_requested",
    "group.created",
    "group.updated",
    "group.deleted",
    "refused",
    "join.requested",
    "user.joined",
    "join.declined",
    "join.cancelled",
    "join.withdrawn",
    "licence.assigned",
    "licence.released",
    "licence.transferred_from",
    "licence.transferred_to",
    "account.updated",
    "me.details_changed",
    "me.email_change_requested",
    "me.email_changed",
    "me.challenge_changed",
    "me.authorization_number_changed",
    "user.pin_checked",
];

/// The label of a field of an audit entry; `None` for a name this catalogue does not know.
pub fn field_label(field: &str) -> Option<&'static str> {
    Some(match field {
        "username" => t(Key::UsernameLabel),
        "email" => t(Key::Email),
        "first_name" => t(Key::FirstName),
        "last_name" => t(Key::LastName),
        "phone" => t(Key::AuditPhone),
        "language" => t(Key::Language),
        "identity_provider" => t(Key::AuditIdentityProvider),
        "exchange_domain" => t(Key::AuditExchangeDomain),
        "exchange_username" => t(Key::AuditExchangeUsername),
        "state" => t(Key::State),
        "must_change_password" => t(Key::AuditMustChangePassword),
        "role" => t(Key::Role),
        "group" => t(Key::Group),
        "licensed" => t(Key::Licence),
        "authorities" | "kind" => t(Key::MyLevels),
        "invitation_expires_at" => t(Key::AuditInvitationExpires),
        // A group.
        "name" => t(Key::GroupName),
        "is_default" => t(Key::AuditDefaultGroup),
        "member_count" => t(Key::Members),
        "min_password_length" => t(Key::MinPasswordLength),
        "idle_timeout_minutes" => t(Key::IdleTimeout),
        "members_may_edit_own_details" => t(Key::MayEditOwnDetails),
        "members_moved_to" | "move_to" => t(Key::MoveMembersTo),
        "members_moved" => t(Key::AuditMembersMoved),
        // The account.
        "seats" => t(Key::SeatsBought),
        "approved_domains" => t(Key::ApprovedDomains),
        "invitation_lifetime_hours" => t(Key::InvitationLifetime),
        "kinds" => t(Key::PolicyTitle),
        // A refused attempt, a checked PIN, a membership asked for.
        "code" => t(Key::AuditReason),
        "change" => t(Key::AuditChangeAsked),
        "action" => t(Key::FilterAction),
        "matches" => t(Key::AuditPinMatched),
        "user" => t(Key::Target),
        _ => return None,
    })
}

/// The label of a change asked for, as a refused attempt names it; `None` for one this
/// catalogue does not know.
pub fn change_label(change: &str) -> Option<&'static str> {
    Some(match change {
        "set_role" => t(Key::Role),
        "set_authority" => t(Key::MyLevels),
        "edit_profile" => t(Key::Profile),
        "set_group" | "group_members_moved" => t(Key::Group),
        "assign_licence" => t(Key::AssignLicence),
        "release_licence" => t(Key::ReleaseLicence),
        "transfer_licence" => t(Key::AuditTransferLicence),
        "remove_from_account" => t(Key::Remove),
        "new_membership" => t(Key::AuditNewMembership),
        "group_policy" => t(Key::AuditGroupPolicy),
        "account_settings" => t(Key::SettingsTitle),
        // The action itself says which (`lifecycle` comes with one).
        "lifecycle" => t(Key::Actions),
        _ => return None,
    })
}
