//! The audit log of an account.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Filters of `GET /accounts/{account}/audit`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Only changes made by this user id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<i64>,
    /// Only changes to this user id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<i64>,
    /// Only changes made by or to this user id (someone who is not, or no longer, in the account
    /// finds only the entries of this account's log).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<i64>,
    /// Only entries at or after this time (Unix seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i64>,
    /// Only entries before this time (Unix seconds); not before `from` (422
    /// `request.invalid_query`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<i64>,
    /// Only this action (`user.suspended`, `group.created`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Only entries older than this id (the next page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before_id: Option<i64>,
    /// How many entries, 1 to 200 (50 when absent; out-of-range values are clamped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditItem {
    pub id: i64,
    /// Unix seconds, UTC.
    pub at: i64,
    pub actor_id: Option<i64>,
    pub actor: Option<String>,
    pub account_id: Option<i64>,
    pub target_user_id: Option<i64>,
    pub target: Option<String>,
    pub target_group_id: Option<i64>,
    pub action: String,
    /// For a change to a person made from another of their accounts: that account.
    pub origin_account_id: Option<i64>,
    pub origin_account: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// The newest entries first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub items: Vec<AuditItem>,
}
