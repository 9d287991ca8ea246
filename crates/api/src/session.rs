//! Signing in, and who I am.

use roster_domain::authz::Role;
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

/// The signed-in user and the accounts they belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "en"))]
    pub language: Language,
    /// Signed in with a temporary password: only choosing a new one is open.
    pub must_change_password: bool,
    pub accounts: Vec<MyAccount>,
}

/// One of my accounts, with my role in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyAccount {
    pub id: i64,
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "admin"))]
    pub role: Role,
}
