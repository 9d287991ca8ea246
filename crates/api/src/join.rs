//! Join requests: an existing login asked to join an account, and their answer.

use roster_domain::authz::Role;
use serde::{Deserialize, Serialize};

/// A join request as the account sees it: nothing of the person but the email typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinRequest {
    pub id: i64,
    /// The email the administrator typed.
    pub email: String,
    /// The role asked for.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "user"))]
    pub role: Role,
    /// The username of the administrator who asked, while they have a login.
    pub requested_by: Option<String>,
    /// Unix seconds.
    pub requested_at: i64,
    /// When the link stops working (Unix seconds).
    pub expires_at: i64,
}

/// The requests waiting for the person to accept, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinRequestList {
    pub items: Vec<JoinRequest>,
}

/// The 202 answer to adding a login of accounts the administrator may not manage: the request
/// sent, and nothing of the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinRequestAnswer {
    pub join_request: JoinRequest,
}

/// The answer to a join link: which account asks, and who.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinLinkInfo {
    pub account_name: String,
    /// The full name of the administrator who asked.
    pub requested_by: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "user"))]
    pub role: Role,
    /// When the link stops working (Unix seconds).
    pub expires_at: i64,
}

/// The account joined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Joined {
    pub account_id: i64,
    pub account_name: String,
    /// Whether a licence seat came with it (asked for, and one was free).
    pub licensed: bool,
}
