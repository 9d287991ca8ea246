//! Passwords and single-use links: activation, a temporary password, my own password, resets.

use serde::{Deserialize, Serialize};

/// A single-use link's token, sent in a body so it never appears in a URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LinkToken {
    pub token: String,
}

/// What the page of a live activation or reset link shows before it is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkInfo {
    pub first_name: String,
    pub username: String,
    /// The password rule that applies.
    pub min_password_length: u16,
}

/// `POST /activation` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Activation {
    pub token: String,
    pub password: String,
    /// Optional; with its answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge_question: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge_answer: Option<String>,
}

/// The temporary password, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TemporaryPassword {
    pub password: String,
}

/// `POST /me/password` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// `POST /password-reset` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    pub email: String,
}

/// `POST /password-reset/complete` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetCompletion {
    pub token: String,
    pub password: String,
}
