//! Groups of an account and their policies.

use roster_domain::group_policy::GroupPolicy;
use serde::{Deserialize, Serialize};

/// A group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Group {
    pub id: i64,
    pub name: String,
    pub is_default: bool,
    /// Memberships of the account in this group.
    pub member_count: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = GroupPolicyDoc))]
    pub policy: GroupPolicy,
    /// Also the ETag: send it back in `If-Match` to change the group.
    pub version: i64,
}

/// The policies of a group, as the domain's `GroupPolicy` serialises (only for the document).
#[cfg(feature = "openapi")]
#[allow(dead_code, reason = "never built, only described")]
#[derive(Debug, utoipa::ToSchema)]
#[schema(as = GroupPolicy)]
pub struct GroupPolicyDoc {
    min_password_length: u16,
    idle_timeout_minutes: u16,
    members_may_edit_own_details: bool,
}

/// `GET /accounts/{account}/groups`: the account's groups by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupList {
    pub items: Vec<Group>,
}

/// `POST /accounts/{account}/groups` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewGroup {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::group_name))]
    pub name: String,
    /// Values left out take the default policy's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyChanges>,
}

/// `PATCH /accounts/{account}/groups/{group}` body: what is left out stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupChanges {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::group_name_or_null))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyChanges>,
}

/// Policy values in a request. Numbers are taken as `i64` so that a negative or huge value gets
/// the policy's own out-of-range error rather than a type error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PolicyChanges {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::min_password_length_or_null))]
    #[serde(
        default,
        deserialize_with = "crate::whole::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_password_length: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::idle_timeout_minutes_or_null))]
    #[serde(
        default,
        deserialize_with = "crate::whole::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub idle_timeout_minutes: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members_may_edit_own_details: Option<bool>,
}

/// `DELETE /accounts/{account}/groups/{group}` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct DeleteQuery {
    /// The group of the same account that takes the members of the deleted one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_to: Option<i64>,
}
