//! Who gets which email after a change.
//!
//! The server writes these notices to the outbox in the same transaction as the change. No email
//! kind carries a password: a new user gets an activation link, a forgotten password a reset
//! link, and a temporary password is handed over by the administrator, never mailed.

use serde::{Deserialize, Serialize};

/// A change that people are told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "event")]
pub enum Event {
    /// A user was added (created and invited).
    UserAdded,
    /// A user's details, memberships or authorities were changed.
    UserUpdated,
    /// A user was removed from accounts; `incomplete` when some requested accounts could not be
    /// removed (only then does the user hear of it).
    UserRemoved { incomplete: bool },
    /// An invitation was sent again (the first one goes with [`Event::UserAdded`]).
    InvitationSent,
    /// A licence seat was assigned; the subject is the member who received it.
    LicenceAssigned,
    /// A licence seat was transferred; the subject is the member who received it.
    LicenceTransferred,
    /// A user changed their own password, challenge question or authorization number.
    OwnSecurityDetailsChanged,
    /// A user asked for a password reset link ("forgot password").
    PasswordResetRequested,
    /// An administrator asked an existing login to join their account; the subject is the
    /// person asked, who alone may accept.
    JoinRequested,
    /// A user asked to change their email: the address they have now is told (the new one gets
    /// the confirmation link, [`EmailKind::EmailChangeConfirmation`], sent to it alone).
    EmailChangeRequested,
}

/// Which email is sent; the template and the recipient's language make the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailKind {
    /// To a new or re-invited user: the activation link.
    Activation,
    /// To the requester: the user was added.
    UserAddedConfirmation,
    /// To the requester: the user was updated.
    UserUpdatedConfirmation,
    /// To the user: your details or authorizations changed.
    YourDetailsChanged,
    /// To the requester: the user was removed.
    RemovalConfirmation,
    /// To the user: you could not be removed from every account requested; your authorization
    /// as it now stands.
    RemovalIncomplete,
    /// To the user: a licence seat is yours now.
    LicenceReceived,
    /// To the user: your security details changed (if it was not you, say so).
    SecurityDetailsChanged,
    /// To the user: the password reset link.
    PasswordReset,
    /// To the person asked to join an account: the link to accept or decline.
    JoinRequest,
    /// To the new address a user gave: the link that confirms it.
    EmailChangeConfirmation,
    /// To the user's present address: a change of email was asked (if it was not you, say so).
    EmailChangeNotice,
}

impl EmailKind {
    /// Every kind of email.
    pub const ALL: [EmailKind; 12] = [
        EmailKind::Activation,
        EmailKind::UserAddedConfirmation,
        EmailKind::UserUpdatedConfirmation,
        EmailKind::YourDetailsChanged,
        EmailKind::RemovalConfirmation,
        EmailKind::RemovalIncomplete,
        EmailKind::LicenceReceived,
        EmailKind::SecurityDetailsChanged,
        EmailKind::PasswordReset,
        EmailKind::JoinRequest,
        EmailKind::EmailChangeConfirmation,
        EmailKind::EmailChangeNotice,
    ];

    /// The name used on the wire and in the outbox (as serde writes it).
    pub const fn as_str(self) -> &'static str {
        match self {
            EmailKind::Activation => "activation",
            EmailKind::UserAddedConfirmation => "user_added_confirmation",
            EmailKind::UserUpdatedConfirmation => "user_updated_confirmation",
            EmailKind::YourDetailsChanged => "your_details_changed",
            EmailKind::RemovalConfirmation => "removal_confirmation",
            EmailKind::RemovalIncomplete => "removal_incomplete",
            EmailKind::LicenceReceived => "licence_received",
            EmailKind::SecurityDetailsChanged => "security_details_changed",
            EmailKind::PasswordReset => "password_reset",
            EmailKind::JoinRequest => "join_request",
            EmailKind::EmailChangeConfirmation => "email_change_confirmation",
            EmailKind::EmailChangeNotice => "email_change_notice",
        }
    }
}

/// One email to send, to one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Notice<Id> {
    pub to: Id,
    pub email: EmailKind,
}

/// The emails `event` sends, given who asked for the change (`requester`) and whom it is about
/// (`subject`). When they are the same person, they get one email: the one about their own
/// account, which says more than the confirmation would.
pub fn recipients<Id: Copy + Eq>(event: Event, requester: Id, subject: Id) -> Vec<Notice<Id>> {
    let to_subject = |email| Some(Notice { to: subject, email });
    let to_requester = |email| {
        Some(Notice {
            to: requester,
            email,
        })
    };
    let (for_subject, for_requester) = match event {
        Event::UserAdded => (
            to_subject(EmailKind::Activation),
            to_requester(EmailKind::UserAddedConfirmation),
        ),
        Event::UserUpdated => (
            to_subject(EmailKind::YourDetailsChanged),
            to_requester(EmailKind::UserUpdatedConfirmation),
        ),
        Event::UserRemoved { incomplete } => (
            incomplete
                .then_some(EmailKind::RemovalIncomplete)
                .and_then(to_subject),
            to_requester(EmailKind::RemovalConfirmation),
        ),
        Event::InvitationSent => (to_subject(EmailKind::Activation), None),
        Event::LicenceAssigned | Event::LicenceTransferred => {
            (to_subject(EmailKind::LicenceReceived), None)
        }
        Event::OwnSecurityDetailsChanged => (to_subject(EmailKind::SecurityDetailsChanged), None),
        Event::PasswordResetRequested => (to_subject(EmailKind::PasswordReset), None),
        Event::JoinRequested => (to_subject(EmailKind::JoinRequest), None),
        Event::EmailChangeRequested => (to_subject(EmailKind::EmailChangeNotice), None),
    };
    let for_requester = for_requester.filter(|_| requester != subject || for_subject.is_none());
    for_subject.into_iter().chain(for_requester).collect()
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    const ADMIN: u64 = 1;
    const USER: u64 = 2;

    fn notice(to: u64, email: EmailKind) -> Notice<u64> {
        Notice { to, email }
    }

    #[test]
    fn kind_names_are_the_serde_names() {
        for kind in EmailKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }

    #[test]
    fn adding_a_user_sends_the_activation_link_and_a_confirmation_to_the_requester() {
        assert_eq!(
            recipients(Event::UserAdded, ADMIN, USER),
            vec![
                notice(USER, EmailKind::Activation),
                notice(ADMIN, EmailKind::UserAddedConfirmation)
            ]
        );
    }

    #[test]
    fn updating_a_user_tells_the_requester_and_the_user() {
        assert_eq!(
            recipients(Event::UserUpdated, ADMIN, USER),
            vec![
                notice(USER, EmailKind::YourDetailsChanged),
                notice(ADMIN, EmailKind::UserUpdatedConfirmation)
            ]
        );
    }

    #[test]
    fn a_complete_removal_tells_only_the_requester() {
        assert_eq!(
            recipients(Event::UserRemoved { incomplete: false }, ADMIN, USER),
            vec![notice(ADMIN, EmailKind::RemovalConfirmation)]
        );
    }

    #[test]
    fn an_incomplete_removal_also_tells_the_user() {
        assert_eq!(
            recipients(Event::UserRemoved { incomplete: true }, ADMIN, USER),
            vec![
                notice(USER, EmailKind::RemovalIncomplete),
                notice(ADMIN, EmailKind::RemovalConfirmation)
            ]
        );
    }

    #[test]
    fn resending_an_invitation_sends_the_activation_link_to_the_user_only() {
        assert_eq!(
            recipients(Event::InvitationSent, ADMIN, USER),
            vec![notice(USER, EmailKind::Activation)]
        );
    }

    #[test]
    fn a_licence_assigned_or_transferred_tells_the_member_who_received_it() {
        for event in [Event::LicenceAssigned, Event::LicenceTransferred] {
            assert_eq!(
                recipients(event, ADMIN, USER),
                vec![notice(USER, EmailKind::LicenceReceived)]
            );
        }
    }

    #[test]
    fn own_security_changes_and_reset_links_go_to_the_user() {
        assert_eq!(
            recipients(Event::OwnSecurityDetailsChanged, USER, USER),
            vec![notice(USER, EmailKind::SecurityDetailsChanged)]
        );
        assert_eq!(
            recipients(Event::PasswordResetRequested, USER, USER),
            vec![notice(USER, EmailKind::PasswordReset)]
        );
    }

    #[test]
    fn a_join_request_goes_to_the_person_asked_only() {
        assert_eq!(
            recipients(Event::JoinRequested, ADMIN, USER),
            vec![notice(USER, EmailKind::JoinRequest)]
        );
    }

    #[test]
    fn a_requester_acting_on_themselves_gets_one_email() {
        assert_eq!(
            recipients(Event::UserUpdated, ADMIN, ADMIN),
            vec![notice(ADMIN, EmailKind::YourDetailsChanged)]
        );
        // With no email for the subject, the requester's confirmation is the one that goes.
        assert_eq!(
            recipients(Event::UserRemoved { incomplete: false }, ADMIN, ADMIN),
            vec![notice(ADMIN, EmailKind::RemovalConfirmation)]
        );
        assert_eq!(
            recipients(Event::UserRemoved { incomplete: true }, ADMIN, ADMIN),
            vec![notice(ADMIN, EmailKind::RemovalIncomplete)]
        );
    }

    #[test]
    fn nobody_ever_gets_the_same_email_twice_or_two_emails_for_one_event() {
        let events = [
            Event::UserAdded,
            Event::UserUpdated,
            Event::UserRemoved { incomplete: false },
            Event::UserRemoved { incomplete: true },
            Event::InvitationSent,
            Event::LicenceAssigned,
            Event::LicenceTransferred,
            Event::OwnSecurityDetailsChanged,
            Event::PasswordResetRequested,
            Event::JoinRequested,
        ];
        for event in events {
            for (requester, subject) in [(ADMIN, USER), (USER, USER)] {
                let notices = recipients(event, requester, subject);
                assert!(!notices.is_empty(), "{event:?} tells nobody");
                let mut people: Vec<u64> = notices.iter().map(|n| n.to).collect();
                people.sort_unstable();
                people.dedup();
                assert_eq!(people.len(), notices.len(), "{event:?}: {notices:?}");
            }
        }
    }

    #[test]
    fn notices_cross_the_wire_in_snake_case() {
        assert_eq!(
            serde_json::to_value(notice(USER, EmailKind::RemovalIncomplete)).unwrap(),
            serde_json::json!({"to": 2, "email": "removal_incomplete"})
        );
        assert_eq!(
            serde_json::to_value(Event::UserRemoved { incomplete: true }).unwrap(),
            serde_json::json!({"event": "user_removed", "incomplete": true})
        );
    }
}
