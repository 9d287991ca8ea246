//! Invitations: users waiting for activation.

use serde::{Deserialize, Serialize};

/// Which invitations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    /// The link still works.
    Pending,
    /// The link lapsed (or there is none): resend to give a new one.
    Expired,
}

/// `GET /accounts/{account}/invitations` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct InvitationQuery {
    /// Both when absent.
    #[cfg_attr(feature = "openapi", param(inline))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<InvitationStatus>,
    /// From 1.
    #[cfg_attr(feature = "openapi", param(minimum = 1))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<i64>,
    /// 1 to 100; 50 when absent.
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<i64>,
}

/// A user waiting for activation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    /// The user's id.
    pub id: i64,
    pub username: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// When the current link was sent (Unix seconds); none when no link is live.
    pub sent_at: Option<i64>,
    /// When the current link stops working (Unix seconds).
    pub expires_at: Option<i64>,
    /// The link has lapsed (or there is none): resend to give the user a new one.
    pub expired: bool,
}

/// A page of invitations, soonest to expire first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationList {
    pub items: Vec<Invitation>,
    pub total: i64,
}
