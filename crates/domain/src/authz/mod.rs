//! Who may change what about a membership.
//!
//! The policy is data ([`AuthzPolicy`]), so each account can have its own; [`decide`] answers
//! one change, [`grantable`] lists what an actor may grant (the app's pick lists) from the same
//! rules, and [`may_change_policy`] guards the policy itself. The universal rules:
//!
//! - only active admins of the account change anything about its memberships;
//! - nobody changes their own role, authorities or state, or removes themselves (an admin may
//!   still edit their own profile, group and licence, which grant no authority);
//! - granting or revoking a level needs the authority the policy sets for it, so changing X to Y
//!   needs both;
//! - managing a person (profile, role, group, state, removal) needs the authority to revoke
//!   everything they hold: otherwise a delegate could change the email or set a temporary
//!   password of someone above them, sign in as them, and escalate;
//! - an account always keeps at least one active admin;
//! - a person is one login shared by all their accounts: a change to the login (profile,
//!   password, state) needs all of the above in every account they belong to, and an existing
//!   login joins another account at once only when the actor manages them everywhere, otherwise
//!   with their consent ([`decide_shared`], [`joining`]);
//! - a group's policy, and the group its members are in, change only for an actor who may manage
//!   every member ([`decide_group`]); the account's settings only for an admin holding the top
//!   level of every kind ([`may_change_policy`]).

mod decide;
mod grantable;
mod policy;
#[cfg(test)]
mod props;
mod shared;

pub use decide::{AuthzRefusal, Change, Reach, decide, decide_new_membership};
pub use grantable::{Grantable, GrantableKind, grantable, may_change_policy};
pub use policy::{
    AuthorityKind, AuthzPolicy, AuthzPolicyError, GrantRule, MAX_KINDS, MAX_LEVELS, MAX_NAME_CHARS,
};
pub use shared::{Joining, Standing, decide_group, decide_shared, joining};

use crate::lifecycle::UserState;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A member's role in an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    User,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 2] = [Role::Admin, Role::User];

    /// The name on the wire and in storage (as serde writes it).
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::User => "user",
        }
    }
}

/// The levels a member holds: kind key → level name. A kind not in the map is not held.
///
/// A handful of entries, kept sorted by kind in a `Vec`: a map in JSON, in the order of its
/// kinds, as a `BTreeMap` would give it, without the B-tree's insertion and rebalancing code,
/// which the people's bundle carried only to read the levels My details shows (1.3 KB of its
/// brotli).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Grants(Vec<(String, String)>);

impl Grants {
    /// No grants.
    pub fn new() -> Self {
        Grants::default()
    }

    /// These grants plus `kind` at `level`.
    pub fn with(mut self, kind: &str, level: &str) -> Self {
        self.insert(kind.to_owned(), level.to_owned());
        self
    }

    /// The level held of `kind`.
    pub fn level(&self, kind: &str) -> Option<&str> {
        let at = self.find(kind).ok()?;
        Some(&self.0[at].1)
    }

    /// Holds `kind` at `level`, or no longer holds it when `level` is `None`.
    pub fn set(&mut self, kind: &str, level: Option<&str>) {
        match level {
            Some(level) => self.insert(kind.to_owned(), level.to_owned()),
            None => {
                if let Ok(at) = self.find(kind) {
                    self.0.remove(at);
                }
            }
        }
    }

    /// Each kind held with its level, by kind key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, l)| (k.as_str(), l.as_str()))
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Holds `kind` at `level`, in place of any level held of it.
    fn insert(&mut self, kind: String, level: String) {
        match self.find(&kind) {
            Ok(at) => self.0[at].1 = level,
            Err(at) => self.0.insert(at, (kind, level)),
        }
    }

    /// Where `kind` is, or would go.
    fn find(&self, kind: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(kind))
    }
}

/// A kind given twice keeps its last level, as a map's would.
impl<K: Into<String>, L: Into<String>> FromIterator<(K, L)> for Grants {
    fn from_iter<I: IntoIterator<Item = (K, L)>>(iter: I) -> Self {
        let mut grants = Grants::new();
        for (kind, level) in iter {
            grants.insert(kind.into(), level.into());
        }
        grants
    }
}

impl Serialize for Grants {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Grants {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Reads the map of kinds to levels.
        struct Levels;

        impl<'de> Visitor<'de> for Levels {
            type Value = Grants;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of authority kinds to levels")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Grants, A::Error> {
                let mut grants = Grants::new();
                while let Some((kind, level)) = map.next_entry()? {
                    grants.insert(kind, level);
                }
                Ok(grants)
            }
        }

        deserializer.deserialize_map(Levels)
    }
}

/// A user's membership of one account, as the rules need to see it. `Id` is whatever identifies
/// a user to the caller (a database id, a row number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member<Id> {
    pub user: Id,
    pub role: Role,
    pub state: UserState,
    pub grants: Grants,
}

impl<Id> Member<Id> {
    /// Whether this member is an admin who can act now: an admin who is not active (suspended,
    /// locked, not yet activated, deprovisioned) acts as nobody.
    pub fn is_active_admin(&self) -> bool {
        self.role == Role::Admin && self.state == UserState::Active
    }
}

/// The number of active admins among `members`, as [`decide`] wants it.
pub fn count_active_admins<'a, Id: 'a>(members: impl IntoIterator<Item = &'a Member<Id>>) -> usize {
    members.into_iter().filter(|m| m.is_active_admin()).count()
}
