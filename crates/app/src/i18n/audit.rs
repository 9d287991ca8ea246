//! The words of the audit log: the label of each action the server writes, and of each field
//! its entries keep (a user's, a group's or the account's snapshot, a refused attempt's code and
//! the change asked for).
//!
//! The action names and field names are the server's, stable: a name not listed here is shown as
//! it is written (see [`field_label`]), so that a new field never hides a change. Each arm names
//! its own key, so that `t` turns into the text itself (see the catalogue's header); the actions'
//! labels are a table of both languages (`action_labels!`), their French held to the catalogue's
//! typography.

use super::{Key, Language, t};

/// The label of an audit action (the stable action names are the server's), in the app's
/// language.
#[inline(always)]
pub fn audit_action_label(action: &str) -> &'static str {
    match super::language() {
        Language::En => english(action),
        Language::Fr => french(action),
    }
}

/// Declares the English and the French labels of the actions side by side, as two functions: a
/// bundle of one language links only its own (see the catalogue's header).
macro_rules! action_labels {
    ($( $action:pat => $en:literal, $fr:literal; )*) => {
        /// The English label of an audit action.
        fn english(action: &str) -> &'static str {
            match action { $( $action => $en, )* }
        }

        /// The French label of an audit action.
        fn french(action: &str) -> &'static str {
            match action { $( $action => $fr, )* }
        }
    };
}

action_labels! {
    "user.created" => "User added", "Utilisateur ajouté";
    "user.added_to_account" => "Existing person added to the account", "Personne existante ajoutée au compte";
    "user.updated" => "User edited", "Utilisateur modifié";
    "user.suspended" => "User suspended", "Utilisateur suspendu";
    "user.unsuspended" => "User unsuspended", "Suspension levée";
    "user.unlocked" => "User unlocked", "Utilisateur déverrouillé";
    "user.state_changed" => "User's state changed", "État de l’utilisateur modifié";
    "user.locked_after_failed_signins" => "User locked after failed sign-ins", "Utilisateur verrouillé après des connexions échouées";
    "user.unlocked_after_lockout" => "Lockout ended", "Fin du verrouillage";
    "user.removed_from_account" => "User removed from the account", "Utilisateur retiré du compte";
    "user.deprovisioned" => "User deprovisioned", "Utilisateur déprovisionné";
    "user.restored" => "User restored", "Utilisateur restauré";
    "user.deleted" => "User deleted for good", "Utilisateur supprimé définitivement";
    "user.invited" => "Invitation sent", "Invitation envoyée";
    "user.invitation_resent" => "Invitation sent again", "Invitation renvoyée";
    "user.invitation_revoked" => "Invitation revoked", "Invitation révoquée";
    "user.activated" => "Account activated", "Compte activé";
    "user.temporary_password_set" => "Temporary password set", "Mot de passe temporaire défini";
    "user.password_changed" => "Password changed", "Mot de passe modifié";
    "user.password_reset" => "Password reset by link", "Mot de passe réinitialisé par lien";
    "user.password_reset_requested" => "Password reset asked for", "Réinitialisation du mot de passe demandée";
    "group.created" => "Group created", "Groupe créé";
    "group.updated" => "Group edited", "Groupe modifié";
    "group.deleted" => "Group deleted", "Groupe supprimé";
    "refused" => "Refused attempt", "Tentative refusée";
    "join.requested" => "Asked to join", "Demande pour rejoindre envoyée";
    "user.joined" => "Joined after accepting", "Compte rejoint après acceptation";
    "join.declined" => "Request to join declined", "Demande pour rejoindre refusée";
    "join.cancelled" => "Request to join withdrawn", "Demande pour rejoindre retirée";
    "join.withdrawn" => "Request to join no longer valid", "Demande pour rejoindre devenue caduque";
    "licence.assigned" => "Licence assigned", "Licence attribuée";
    "licence.released" => "Licence released", "Licence libérée";
    "licence.transferred_from" => "Licence transferred away", "Licence cédée par transfert";
    "licence.transferred_to" => "Licence received by transfer", "Licence reçue par transfert";
    "account.updated" => "Account settings changed", "Paramètres du compte modifiés";
    "me.details_changed" => "Own contact details changed", "Coordonnées modifiées par la personne";
    "me.email_change_requested" => "Change of email asked for", "Changement d’adresse de courriel demandé";
    "me.email_changed" => "Email changed by confirmed link", "Adresse de courriel changée par lien confirmé";
    "me.challenge_changed" => "Challenge question changed", "Question de sécurité modifiée";
    "me.authorization_number_changed" => "New authorization number made", "Nouveau numéro d’autorisation créé";
    "user.pin_checked" => "PIN checked by an administrator", "Code PIN vérifié par l’administration";
    "session.signed_in" => "Signed in", "Connexion";
    "session.sign_in_failed" => "Failed sign-in", "Connexion échouée";
    _ => "Other change", "Autre modification";
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
        "default_language" => t(Key::DefaultLanguage),
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

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    #[test]
    fn every_action_of_the_log_has_its_label_in_both_languages() {
        for action in AUDIT_ACTIONS
            .into_iter()
            .chain(["session.signed_in", "session.sign_in_failed"])
        {
            let (en, fr) = (english(action), french(action));
            assert_ne!(en, english("?"), "{action} has no English label");
            assert_ne!(fr, french("?"), "{action} has no French label");
            assert_ne!(fr, en, "{action} is still in English");
            assert!(!fr.contains('\''), "{action}: typewriter apostrophe");
        }
        assert_eq!(french("user.created"), "Utilisateur ajouté");
    }
}
