//! Accounts: the ones I belong to, and an account's settings.

use roster_domain::authz::{AuthzPolicy, Grantable, Role};
use roster_domain::values::Language;
use serde::{Deserialize, Serialize};

/// An account in `GET /accounts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountSummary {
    pub id: i64,
    pub name: String,
    pub seats: i64,
    pub seats_used: i64,
    /// My role in it.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "admin"))]
    pub role: Role,
}

/// `GET /accounts`: my accounts by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountList {
    pub items: Vec<AccountSummary>,
}

/// An account's settings, and what the reader may do with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountSettings {
    pub id: i64,
    pub name: String,
    pub seats: i64,
    pub seats_used: i64,
    /// Emails must end in one of these (none: any address).
    pub approved_domains: Vec<String>,
    pub invitation_lifetime_hours: i64,
    /// The origins that may frame the account's embedded pages (`/embed/accounts/{account}/…`),
    /// as browsers write them: `https://portal.example.com`. None: no page may be framed.
    pub embedding_origins: Vec<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "en"))]
    pub default_language: Language,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub policy: AuthzPolicy,
    /// The roles and levels the reader may grant here (the app's pick lists).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub grantable: Grantable,
    /// Whether the reader may change the settings and the policy.
    pub may_change_policy: bool,
    /// Also the ETag.
    pub version: i64,
}

/// `PATCH /accounts/{account}` body: what is left out stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SettingsChanges {
    /// Never fewer than the seats in use (409 `seats.below_used`).
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::seats_or_null))]
    #[serde(
        default,
        deserialize_with = "crate::whole::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub seats: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::approved_domains))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_domains: Option<Vec<String>>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::invitation_lifetime_hours_or_null))]
    #[serde(
        default,
        deserialize_with = "crate::whole::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub invitation_lifetime_hours: Option<i64>,
    /// The whole new list of origins that may frame the account's embedded pages: each
    /// `https://host[:port]` (`http://` for `localhost` and `127.x.x.x` only), at most 20, each
    /// once. Each refused entry is named in `errors` as `embedding_origins[i]`. Only an
    /// administrator holding the top level of every authority may change it.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::embedding_origins))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_origins: Option<Vec<String>>,
    /// The language of the people added to the account without one (`en` or `fr`).
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::language_or_null))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_language: Option<String>,
    /// A whole new policy, checked by the domain's rules (an invalid one is a field error, not a
    /// malformed body).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::doc::PolicyInput>))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<serde_json::Value>,
}
