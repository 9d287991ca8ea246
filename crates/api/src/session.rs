//! Signing in, and who I am.

use roster_domain::authz::{Grants, Role};
use roster_domain::values::Language;
use serde::{Deserialize, Serialize};

/// `POST /session` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    /// Username or email.
    pub username: String,
    pub password: String,
}

/// The signed-in person (My details) and the accounts they belong to: one login, the same in
/// every account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// With its country code (`+33 6 12 34 56 78`).
    pub phone: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "en"))]
    pub language: Language,
    /// Signed in with a temporary password: only choosing a new one is open.
    pub must_change_password: bool,
    /// Why my contact details are read-only: the groups (with their accounts) that do not let
    /// their members edit their own details. Empty: I may edit them.
    pub details_locked_by: Vec<LockingGroup>,
    /// My challenge question, when I chose one (the answer is never shown).
    pub challenge_question: Option<String>,
    /// Whether I have an authorization number (it is shown once, when made).
    pub has_authorization_number: bool,
    /// The address a change of email waits to be confirmed at, while its link works.
    pub pending_email: Option<String>,
    /// Also the ETag: send it back in `If-Match` to change my details.
    pub version: i64,
    /// The shortest password I may choose: the longest minimum of my groups.
    pub min_password_length: u16,
    pub accounts: Vec<MyAccount>,
}

/// A group that keeps its members' details read-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LockingGroup {
    pub account: String,
    pub group: String,
}

/// One of my accounts, with my role, group, licence and authorization levels in it (read-only
/// here: the account's administrators set them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyAccount {
    pub id: i64,
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "admin"))]
    pub role: Role,
    pub group_name: String,
    pub licensed: bool,
    /// Authority kind → level held.
    #[cfg_attr(feature = "openapi", schema(value_type = Object, example = json!({"records": "B"})))]
    pub authorities: Grants,
}
