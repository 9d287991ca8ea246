//! How long an invitation lives, and when it has lapsed.
//!
//! The token itself is made by the caller (randomness is not the domain's business) and stored
//! only as a hash; here is the arithmetic the server, the invitations screen ("expired") and the
//! activation page must agree on.

use crate::codes::{Coded, ErrorCode};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// An account's invitation lifetime, in whole hours: 1 hour to 90 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct InvitationLifetime(u32);

/// Why an invitation lifetime was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum InvitationError {
    #[error(
        "an invitation lifetime of {hours} hours is outside 1 to {} hours",
        InvitationLifetime::MAX_HOURS
    )]
    LifetimeOutOfRange { hours: u32 },
}

impl Coded for InvitationError {
    fn code(&self) -> ErrorCode {
        match self {
            InvitationError::LifetimeOutOfRange { .. } => ErrorCode::InvitationLifetimeOutOfRange,
        }
    }
}

impl InvitationLifetime {
    /// The shortest lifetime: one hour.
    pub const MIN_HOURS: u32 = 1;
    /// The longest lifetime: 90 days.
    pub const MAX_HOURS: u32 = 90 * 24;
    /// A new account's lifetime: 7 days.
    pub const DEFAULT: InvitationLifetime = InvitationLifetime(7 * 24);

    /// A lifetime of `hours`, refused outside 1 hour to 90 days.
    pub const fn from_hours(hours: u32) -> Result<Self, InvitationError> {
        if hours < Self::MIN_HOURS || hours > Self::MAX_HOURS {
            return Err(InvitationError::LifetimeOutOfRange { hours });
        }
        Ok(InvitationLifetime(hours))
    }

    /// The lifetime in hours.
    pub const fn hours(self) -> u32 {
        self.0
    }

    /// The lifetime in seconds.
    pub const fn seconds(self) -> i64 {
        self.0 as i64 * 3600
    }
}

impl Default for InvitationLifetime {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<u32> for InvitationLifetime {
    type Error = InvitationError;
    fn try_from(hours: u32) -> Result<Self, Self::Error> {
        Self::from_hours(hours)
    }
}

impl From<InvitationLifetime> for u32 {
    fn from(lifetime: InvitationLifetime) -> u32 {
        lifetime.0
    }
}

/// When an invitation issued at `issued_at` stops working.
pub const fn expires_at(issued_at: Timestamp, lifetime: InvitationLifetime) -> Timestamp {
    issued_at.plus_seconds(lifetime.seconds())
}

/// Whether an invitation expiring at `expires_at` has lapsed at `now`: its last usable second
/// is the one before `expires_at`.
pub fn is_expired(expires_at: Timestamp, now: Timestamp) -> bool {
    now >= expires_at
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_unix_seconds(seconds)
    }

    #[test]
    fn the_default_lifetime_is_seven_days() {
        assert_eq!(InvitationLifetime::default().hours(), 168);
        assert_eq!(InvitationLifetime::default().seconds(), 7 * 24 * 3600);
    }

    #[test]
    fn lifetimes_from_one_hour_to_ninety_days_are_accepted() {
        for hours in [1, 2, 24, 168, 2159, 2160] {
            assert_eq!(
                InvitationLifetime::from_hours(hours).map(InvitationLifetime::hours),
                Ok(hours)
            );
        }
    }

    #[test]
    fn lifetimes_outside_one_hour_to_ninety_days_are_refused() {
        for hours in [0, 2161, 10_000, u32::MAX] {
            let refusal = InvitationLifetime::from_hours(hours);
            assert_eq!(refusal, Err(InvitationError::LifetimeOutOfRange { hours }));
            assert_eq!(
                refusal.map_err(|e| e.code()),
                Err(ErrorCode::InvitationLifetimeOutOfRange)
            );
        }
    }

    #[test]
    fn an_invitation_expires_its_lifetime_after_it_was_issued() {
        let lifetime = InvitationLifetime::from_hours(2).unwrap();
        assert_eq!(expires_at(at(1_000), lifetime), at(1_000 + 7_200));
    }

    #[test]
    fn an_invitation_is_expired_from_its_expiry_second_on() {
        let expiry = at(5_000);
        assert!(!is_expired(expiry, at(4_999)));
        assert!(is_expired(expiry, at(5_000)));
        assert!(is_expired(expiry, at(5_001)));
    }

    #[test]
    fn a_far_future_issue_time_does_not_overflow() {
        let lifetime = InvitationLifetime::from_hours(InvitationLifetime::MAX_HOURS).unwrap();
        assert_eq!(expires_at(at(i64::MAX - 1), lifetime), at(i64::MAX));
    }

    #[test]
    fn the_lifetime_crosses_the_wire_as_hours_and_is_checked_on_the_way_in() {
        let lifetime = InvitationLifetime::from_hours(48).unwrap();
        assert_eq!(serde_json::to_string(&lifetime).unwrap(), "48");
        assert_eq!(
            serde_json::from_str::<InvitationLifetime>("48").unwrap(),
            lifetime
        );
        assert!(serde_json::from_str::<InvitationLifetime>("0").is_err());
        assert!(serde_json::from_str::<InvitationLifetime>("2161").is_err());
    }
}
