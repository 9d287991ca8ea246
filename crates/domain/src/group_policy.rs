//! The policies a group sets for its members, and the password check that follows from them.
//!
//! The server enforces these; the app checks the same rules as a person types, so the activation
//! page and the API can never disagree about a password.

use crate::codes::{Coded, ErrorCode};
use serde::{Deserialize, Serialize};
use std::ops::RangeInclusive;
use thiserror::Error;

/// The allowed minimum password lengths, in characters.
pub const MIN_PASSWORD_LENGTH_RANGE: RangeInclusive<u16> = 8..=128;
/// The allowed session idle timeouts, in minutes (5 minutes to a day).
pub const IDLE_TIMEOUT_MINUTES_RANGE: RangeInclusive<u16> = 5..=1440;
/// No password may be longer than this, whatever the policy: long enough for any passphrase or
/// password manager, short enough that hashing it cannot be used to tie up the server.
pub const MAX_PASSWORD_LENGTH: u16 = 128;

/// The policies of a group, always within their allowed ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "GroupPolicyFields")]
pub struct GroupPolicy {
    min_password_length: u16,
    idle_timeout_minutes: u16,
    members_may_edit_own_details: bool,
}

/// The serialised form, checked by [`GroupPolicy::new`] on the way in.
#[derive(Deserialize)]
struct GroupPolicyFields {
    min_password_length: u16,
    idle_timeout_minutes: u16,
    members_may_edit_own_details: bool,
}

/// A policy value outside its allowed range.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PolicyError {
    #[error("the minimum password length is {actual}; it must be between {min} and {max}")]
    PasswordLengthOutOfRange { min: u16, max: u16, actual: u16 },
    #[error("the idle timeout is {actual} minutes; it must be between {min} and {max}")]
    IdleTimeoutOutOfRange { min: u16, max: u16, actual: u16 },
}

impl Coded for PolicyError {
    fn code(&self) -> ErrorCode {
        match self {
            PolicyError::PasswordLengthOutOfRange { .. } => {
                ErrorCode::PolicyPasswordLengthOutOfRange
            }
            PolicyError::IdleTimeoutOutOfRange { .. } => ErrorCode::PolicyIdleTimeoutOutOfRange,
        }
    }
}

impl GroupPolicy {
    /// A policy, if every value is within its range.
    pub fn new(
        min_password_length: u16,
        idle_timeout_minutes: u16,
        members_may_edit_own_details: bool,
    ) -> Result<Self, PolicyError> {
        if !MIN_PASSWORD_LENGTH_RANGE.contains(&min_password_length) {
            return Err(PolicyError::PasswordLengthOutOfRange {
                min: *MIN_PASSWORD_LENGTH_RANGE.start(),
                max: *MIN_PASSWORD_LENGTH_RANGE.end(),
                actual: min_password_length,
            });
        }
        if !IDLE_TIMEOUT_MINUTES_RANGE.contains(&idle_timeout_minutes) {
            return Err(PolicyError::IdleTimeoutOutOfRange {
                min: *IDLE_TIMEOUT_MINUTES_RANGE.start(),
                max: *IDLE_TIMEOUT_MINUTES_RANGE.end(),
                actual: idle_timeout_minutes,
            });
        }
        Ok(GroupPolicy {
            min_password_length,
            idle_timeout_minutes,
            members_may_edit_own_details,
        })
    }

    /// The fewest characters a member's password may have.
    pub fn min_password_length(&self) -> u16 {
        self.min_password_length
    }

    /// Minutes without activity after which a member's session ends.
    pub fn idle_timeout_minutes(&self) -> u16 {
        self.idle_timeout_minutes
    }

    /// Whether members may edit their own contact details.
    pub fn members_may_edit_own_details(&self) -> bool {
        self.members_may_edit_own_details
    }
}

impl Default for GroupPolicy {
    /// 12-character passwords, an hour of idleness, members edit their own details.
    fn default() -> Self {
        GroupPolicy {
            min_password_length: 12,
            idle_timeout_minutes: 60,
            members_may_edit_own_details: true,
        }
    }
}

impl TryFrom<GroupPolicyFields> for GroupPolicy {
    type Error = PolicyError;
    fn try_from(fields: GroupPolicyFields) -> Result<Self, Self::Error> {
        GroupPolicy::new(
            fields.min_password_length,
            fields.idle_timeout_minutes,
            fields.members_may_edit_own_details,
        )
    }
}

/// A password the group's policy refuses.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PasswordError {
    #[error("the password must have at least {minimum} characters")]
    TooShort { minimum: u16 },
    #[error("the password can have at most {maximum} characters")]
    TooLong { maximum: u16 },
}

impl Coded for PasswordError {
    fn code(&self) -> ErrorCode {
        match self {
            PasswordError::TooShort { .. } => ErrorCode::PasswordTooShort,
            PasswordError::TooLong { .. } => ErrorCode::PasswordTooLong,
        }
    }
}

/// Checks a new password against the policy. Length is counted in characters, so `é` or `密` is
/// one, as a person counts. The password is not trimmed: spaces are part of a passphrase, and
/// silently dropping them would lock the person out.
pub fn check_password(password: &str, policy: &GroupPolicy) -> Result<(), PasswordError> {
    let length = password.chars().count();
    if length < usize::from(policy.min_password_length) {
        return Err(PasswordError::TooShort {
            minimum: policy.min_password_length,
        });
    }
    if length > usize::from(MAX_PASSWORD_LENGTH) {
        return Err(PasswordError::TooLong {
            maximum: MAX_PASSWORD_LENGTH,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use proptest::prelude::*;

    fn policy(min_password_length: u16) -> GroupPolicy {
        GroupPolicy::new(min_password_length, 60, true).unwrap()
    }

    #[test]
    fn the_default_policy_is_within_its_own_ranges() {
        let default = GroupPolicy::default();
        let rebuilt = GroupPolicy::new(
            default.min_password_length(),
            default.idle_timeout_minutes(),
            default.members_may_edit_own_details(),
        );
        assert_eq!(rebuilt, Ok(default));
        assert_eq!(
            (
                default.min_password_length(),
                default.idle_timeout_minutes()
            ),
            (12, 60)
        );
        assert!(default.members_may_edit_own_details());
    }

    #[test]
    fn policy_values_are_checked_at_both_ends_of_their_ranges() {
        assert!(GroupPolicy::new(8, 5, false).is_ok());
        assert!(GroupPolicy::new(128, 1440, true).is_ok());
        let short = PolicyError::PasswordLengthOutOfRange {
            min: 8,
            max: 128,
            actual: 7,
        };
        assert_eq!(GroupPolicy::new(7, 60, true), Err(short.clone()));
        assert_eq!(short.code(), ErrorCode::PolicyPasswordLengthOutOfRange);
        assert_eq!(
            GroupPolicy::new(129, 60, true),
            Err(PolicyError::PasswordLengthOutOfRange {
                min: 8,
                max: 128,
                actual: 129
            })
        );
        let idle = GroupPolicy::new(12, 4, true).unwrap_err();
        assert_eq!(
            idle,
            PolicyError::IdleTimeoutOutOfRange {
                min: 5,
                max: 1440,
                actual: 4
            }
        );
        assert_eq!(idle.code(), ErrorCode::PolicyIdleTimeoutOutOfRange);
        assert_eq!(
            GroupPolicy::new(12, 1441, true).unwrap_err().code(),
            ErrorCode::PolicyIdleTimeoutOutOfRange
        );
    }

    #[test]
    fn a_stored_policy_is_checked_again_when_read() {
        let json = serde_json::to_string(&GroupPolicy::new(16, 30, false).unwrap()).unwrap();
        assert_eq!(
            json,
            r#"{"min_password_length":16,"idle_timeout_minutes":30,"members_may_edit_own_details":false}"#
        );
        assert_eq!(
            serde_json::from_str::<GroupPolicy>(&json).unwrap(),
            GroupPolicy::new(16, 30, false).unwrap()
        );
        let tampered = json.replace("16", "4");
        assert!(serde_json::from_str::<GroupPolicy>(&tampered).is_err());
        assert!(serde_json::from_str::<GroupPolicy>(r#"{"min_password_length":12}"#).is_err());
    }

    #[test]
    fn a_password_needs_the_group_minimum() {
        assert_eq!(
            check_password("elevenchars", &policy(12)),
            Err(PasswordError::TooShort { minimum: 12 })
        );
        assert_eq!(check_password("twelve chars", &policy(12)), Ok(()));
        assert_eq!(
            check_password("", &policy(8)),
            Err(PasswordError::TooShort { minimum: 8 })
        );
        assert_eq!(
            check_password("", &policy(8)).unwrap_err().code(),
            ErrorCode::PasswordTooShort
        );
    }

    #[test]
    fn password_length_counts_characters_not_bytes() {
        // Eight characters, sixteen bytes in UTF-8.
        assert_eq!(check_password("éééééééé", &policy(8)), Ok(()));
        assert_eq!(
            check_password("密码密码密码密", &policy(8)),
            Err(PasswordError::TooShort { minimum: 8 })
        );
    }

    #[test]
    fn passwords_are_not_trimmed() {
        // Twelve letters and two spaces reach a minimum of fourteen only if the spaces count.
        assert_eq!(check_password(" correcthorse ", &policy(14)), Ok(()));
        assert_eq!(
            check_password("correcthorse", &policy(14)),
            Err(PasswordError::TooShort { minimum: 14 })
        );
    }

    #[test]
    fn no_password_may_exceed_128_characters() {
        assert_eq!(check_password(&"p".repeat(128), &policy(128)), Ok(()));
        let too_long = check_password(&"p".repeat(129), &policy(8)).unwrap_err();
        assert_eq!(too_long, PasswordError::TooLong { maximum: 128 });
        assert_eq!(too_long.code(), ErrorCode::PasswordTooLong);
        assert_eq!(
            check_password(&"p".repeat(10_000), &policy(8)),
            Err(PasswordError::TooLong { maximum: 128 })
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn a_policy_exists_exactly_when_both_values_are_in_range(
            length in 0u16..200,
            idle in 0u16..2000,
            edit in any::<bool>(),
        ) {
            let accepted = GroupPolicy::new(length, idle, edit).is_ok();
            prop_assert_eq!(accepted, (8..=128).contains(&length) && (5..=1440).contains(&idle));
        }

        #[test]
        fn an_accepted_policy_round_trips_through_json(
            length in 8u16..=128,
            idle in 5u16..=1440,
            edit in any::<bool>(),
        ) {
            let policy = GroupPolicy::new(length, idle, edit).unwrap();
            let json = serde_json::to_string(&policy).unwrap();
            prop_assert_eq!(serde_json::from_str::<GroupPolicy>(&json).unwrap(), policy);
        }

        #[test]
        fn a_password_passes_exactly_when_its_length_is_in_range(
            password in prop_oneof![any::<String>(), ".{0,140}"],
            minimum in 8u16..=128,
        ) {
            let length = password.chars().count();
            let accepted = check_password(&password, &policy(minimum)).is_ok();
            prop_assert_eq!(accepted, length >= usize::from(minimum) && length <= 128);
        }
    }
}
