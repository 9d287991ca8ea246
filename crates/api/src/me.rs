//! My details: what a person changes of their own login, their sessions, their journal and the
//! requests to join an account waiting for them. `GET /me` answers [`crate::session::Me`].

use roster_domain::authz::Role;
use serde::{Deserialize, Serialize};

/// `PATCH /me` body: the contact details to change; absent fields stay as they are, an empty
/// phone removes it. Anything else (role, state, account, email…) is refused with 422.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MyChanges {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// With its country code; empty removes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// `en` or `fr`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// `POST /me/email` body: the new address gets a link; the change waits for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EmailChange {
    pub current_password: String,
    pub email: String,
}

/// The 202 answer to [`EmailChange`]: where the link went, and until when it works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmailPending {
    pub pending_email: String,
    /// Unix seconds.
    pub expires_at: i64,
}

/// `PUT /me/challenge` body. The answer is compared ignoring case and surrounding spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChallengeChange {
    pub current_password: String,
    pub question: String,
    pub answer: String,
}

/// A body that only carries the current password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CurrentPassword {
    pub current_password: String,
}

/// A new authorization number, shown this once: its first four digits are the PIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthorizationNumber {
    /// Ten digits.
    #[cfg_attr(feature = "openapi", schema(example = "4821093375"))]
    pub number: String,
}

/// `POST /accounts/{account}/users/{user}/pin-check` body: the PIN a caller reads out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PinCheck {
    /// Four digits.
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9]{4}$", example = "4821"))]
    pub pin: String,
}

/// Whether the PIN is the person's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PinMatch {
    pub matches: bool,
}

/// One place I am signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MySession {
    pub id: i64,
    /// Browser and system, read from the User-Agent (`Firefox on Android`); empty when unknown.
    pub device: String,
    /// Unix seconds.
    pub started_at: i64,
    /// Unix seconds.
    pub last_seen_at: i64,
    /// This is the session asking.
    pub current: bool,
}

/// My sessions, the current one first, then the most recently seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MySessions {
    pub items: Vec<MySession>,
}

/// Paging of `GET /me/activity`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ActivityQuery {
    /// Only entries older than this id (the next page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before_id: Option<i64>,
    /// How many entries, 1 to 200 (50 when absent; out-of-range values are clamped).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
}

/// One thing done to my login or by it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityItem {
    pub id: i64,
    /// Unix seconds.
    pub at: i64,
    /// `session.signed_in`, `session.sign_in_failed`, `user.updated`, `me.email_changed`…
    pub action: String,
    /// Who did it, by username (none for the system or an unknown caller).
    pub actor: Option<String>,
    /// Whom it was about, by username.
    pub target: Option<String>,
    /// The account it happened in, when it happened in one.
    pub account: Option<String>,
}

/// The newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    pub items: Vec<ActivityItem>,
}

/// A request to join an account, waiting for my answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyJoinRequest {
    pub id: i64,
    pub account_name: String,
    /// The full name of the administrator who asked.
    pub requested_by: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "user"))]
    pub role: Role,
    /// Unix seconds.
    pub expires_at: i64,
}

/// The requests waiting for my answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyJoinRequests {
    pub items: Vec<MyJoinRequest>,
}
