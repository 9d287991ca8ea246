//! An account's authorization policy as data: its authority kinds, their ordered levels,
//! and what an actor must hold to grant or revoke each.
//!
//! A policy is checked once, when it is made or read ([`AuthzPolicy::new`], and serde goes
//! through it too), so the deciding functions never meet a rule that points nowhere.

use crate::codes::{Coded, ErrorCode};
use crate::values::text::eq_ignoring_case;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use thiserror::Error;

/// At most this many kinds: each is a column of the import template, which has 64 in all.
pub const MAX_KINDS: usize = 16;
/// At most this many levels in one kind.
pub const MAX_LEVELS: usize = 32;
/// The longest kind key or level name, in characters.
pub const MAX_NAME_CHARS: usize = 32;

/// What an actor must hold to grant or revoke a level of a kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "requires")]
pub enum GrantRule {
    /// The same kind, at the level granted or revoked or above (`records`).
    SameKindAtLeast,
    /// `kind` at `level` or above, whatever the level granted (`interaction` needs `records` E).
    Holds { kind: String, level: String },
}

/// One kind of authority: its key (also the import column), its levels from lowest to highest,
/// and its rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AuthorityKind {
    pub key: String,
    pub levels: Vec<String>,
    pub rule: GrantRule,
}

impl AuthorityKind {
    /// The position of `level` among this kind's levels (0 is the lowest).
    pub fn level_index(&self, level: &str) -> Option<usize> {
        self.levels.iter().position(|l| l == level)
    }

    /// This kind's level spelled `input` in any case (`e` for `E`, as people type in a sheet).
    pub fn level_ignoring_case(&self, input: &str) -> Option<&str> {
        let input = crate::values::text::trim(input);
        self.levels
            .iter()
            .find(|l| eq_ignoring_case(l, input))
            .map(String::as_str)
    }

    /// The highest level.
    pub fn top_level(&self) -> Option<&str> {
        self.levels.last().map(String::as_str)
    }
}

/// A checked authorization policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PolicyFields")]
pub struct AuthzPolicy {
    kinds: Vec<AuthorityKind>,
}

/// The serialised form, checked by [`AuthzPolicy::new`] on the way in.
#[derive(Deserialize)]
struct PolicyFields {
    kinds: Vec<AuthorityKind>,
}

impl TryFrom<PolicyFields> for AuthzPolicy {
    type Error = AuthzPolicyError;
    fn try_from(fields: PolicyFields) -> Result<Self, Self::Error> {
        AuthzPolicy::new(fields.kinds)
    }
}

/// What is wrong with a policy; every variant is `authz.policy_invalid`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AuthzPolicyError {
    #[error("a policy can have at most {MAX_KINDS} kinds")]
    TooManyKinds,
    #[error("kind key {key:?} must be 1 to {MAX_NAME_CHARS} of a-z, 0-9 and _, starting a-z")]
    BadKey { key: String },
    #[error("kind {key:?} appears twice")]
    DuplicateKind { key: String },
    #[error("kind {key:?} needs 1 to {MAX_LEVELS} levels")]
    LevelCount { key: String },
    #[error("level {level:?} of kind {key:?} must be 1 to {MAX_NAME_CHARS} visible characters")]
    BadLevel { key: String, level: String },
    #[error("level {level:?} of kind {key:?} appears twice (ignoring case)")]
    DuplicateLevel { key: String, level: String },
    #[error("the rule of kind {key:?} refers to kind {kind:?}, which the policy lacks")]
    RuleUnknownKind { key: String, kind: String },
    #[error("the rule of kind {key:?} refers to level {level:?}, which kind {kind:?} lacks")]
    RuleUnknownLevel {
        key: String,
        kind: String,
        level: String,
    },
}

impl Coded for AuthzPolicyError {
    fn code(&self) -> ErrorCode {
        ErrorCode::AuthzPolicyInvalid
    }
}

impl AuthzPolicy {
    /// A policy of these kinds, refused unless keys and levels are well formed and unique and
    /// every rule refers to a kind and level of the policy.
    pub fn new(kinds: Vec<AuthorityKind>) -> Result<Self, AuthzPolicyError> {
        if kinds.len() > MAX_KINDS {
            return Err(AuthzPolicyError::TooManyKinds);
        }
        let mut keys = HashSet::new();
        for kind in &kinds {
            check_kind(kind)?;
            if !keys.insert(kind.key.as_str()) {
                return Err(AuthzPolicyError::DuplicateKind {
                    key: kind.key.clone(),
                });
            }
        }
        let policy = AuthzPolicy { kinds };
        for kind in &policy.kinds {
            if let GrantRule::Holds { kind: other, level } = &kind.rule {
                let Some(held) = policy.kind(other) else {
                    return Err(AuthzPolicyError::RuleUnknownKind {
                        key: kind.key.clone(),
                        kind: other.clone(),
                    });
                };
                if held.level_index(level).is_none() {
                    return Err(AuthzPolicyError::RuleUnknownLevel {
                        key: kind.key.clone(),
                        kind: other.clone(),
                        level: level.clone(),
                    });
                }
            }
        }
        Ok(policy)
    }

    /// The kinds, in the order the account set them (the order of screens and columns).
    pub fn kinds(&self) -> &[AuthorityKind] {
        &self.kinds
    }

    /// The kind with this key.
    pub fn kind(&self, key: &str) -> Option<&AuthorityKind> {
        self.kinds.iter().find(|k| k.key == key)
    }

    /// The kind and the level index an actor must hold to grant or revoke level `level` of
    /// `kind`; `None` only for a kind foreign to this policy.
    pub(crate) fn requirement<'p>(
        &'p self,
        kind: &'p AuthorityKind,
        level: usize,
    ) -> Option<(&'p AuthorityKind, usize)> {
        match &kind.rule {
            GrantRule::SameKindAtLeast => Some((kind, level)),
            GrantRule::Holds { kind: other, level } => {
                let other = self.kind(other)?;
                Some((other, other.level_index(level)?))
            }
        }
    }
}

fn check_kind(kind: &AuthorityKind) -> Result<(), AuthzPolicyError> {
    let key = kind.key.as_str();
    let key_ok = key.len() <= MAX_NAME_CHARS
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !key_ok {
        return Err(AuthzPolicyError::BadKey { key: key.into() });
    }
    if kind.levels.is_empty() || kind.levels.len() > MAX_LEVELS {
        return Err(AuthzPolicyError::LevelCount { key: key.into() });
    }
    let mut seen = HashSet::new();
    for level in &kind.levels {
        let chars = level.chars().count();
        let level_ok = (1..=MAX_NAME_CHARS).contains(&chars)
            && level.trim() == level
            && !level.chars().any(char::is_control);
        if !level_ok {
            return Err(AuthzPolicyError::BadLevel {
                key: key.into(),
                level: level.clone(),
            });
        }
        if !seen.insert(level.to_lowercase()) {
            return Err(AuthzPolicyError::DuplicateLevel {
                key: key.into(),
                level: level.clone(),
            });
        }
    }
    Ok(())
}

impl Default for AuthzPolicy {
    /// The default policy: `records` A–E by level held; `interaction` view, request,
    /// approve from `records` E; `dr` DR1–DR4 from `dr` DR4.
    fn default() -> Self {
        let levels = |names: &[&str]| names.iter().map(|&n| n.to_owned()).collect();
        let holds = |kind: &str, level: &str| GrantRule::Holds {
            kind: kind.into(),
            level: level.into(),
        };
        // Built directly rather than through `new`, which cannot fail here (a test checks it).
        AuthzPolicy {
            kinds: vec![
                AuthorityKind {
                    key: "records".into(),
                    levels: levels(&["A", "B", "C", "D", "E"]),
                    rule: GrantRule::SameKindAtLeast,
                },
                AuthorityKind {
                    key: "interaction".into(),
                    levels: levels(&["view", "request", "approve"]),
                    rule: holds("records", "E"),
                },
                AuthorityKind {
                    key: "dr".into(),
                    levels: levels(&["DR1", "DR2", "DR3", "DR4"]),
                    rule: holds("dr", "DR4"),
                },
            ],
        }
    }
}

#[cfg(test)]
mod tests;
