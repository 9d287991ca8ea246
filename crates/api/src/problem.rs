//! The one shape of every error: `application/problem+json` (RFC 9457) with Roster's stable code.

use roster_domain::values::DomainNotApproved;
use roster_domain::{Coded, ErrorCode};
use serde::{Deserialize, Serialize};

/// The media type of every error answer.
pub const PROBLEM: &str = "application/problem+json";

/// One field that needs attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field at fault, dotted for nested ones (`policy.min_password_length`).
    pub field: String,
    /// The stable code of the refusal.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "email.missing_at"))]
    pub code: ErrorCode,
    pub message: String,
    /// What the rule would accept, when that is a short list the person may see: the account's
    /// approved domains for `domain.not_approved`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
}

impl FieldError {
    /// A field refused by a rule, with the rule's message.
    pub fn new(field: &str, code: ErrorCode) -> FieldError {
        FieldError {
            field: field.to_owned(),
            code,
            message: code.message_en().to_owned(),
            allowed: Vec::new(),
        }
    }

    /// An email refused for its domain, with the domains that are approved.
    pub fn domain_not_approved(field: &str, refusal: &DomainNotApproved) -> FieldError {
        let code = refusal.code();
        FieldError {
            field: field.to_owned(),
            code,
            message: format!("{} ({})", code.message_en(), refusal.approved.join(", ")),
            allowed: refusal.approved.clone(),
        }
    }

    /// A field refused by a coded domain error.
    pub fn from_coded(field: &str, error: &impl Coded) -> FieldError {
        FieldError::new(field, error.code())
    }
}

/// An error answer: what went wrong, as a stable code the app turns into a message in the
/// person's language, and for invalid input one entry per field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    #[serde(rename = "type")]
    #[cfg_attr(feature = "openapi", schema(example = "about:blank"))]
    pub kind: String,
    /// The code's English message.
    pub title: String,
    /// The HTTP status, repeated.
    pub status: u16,
    /// The stable code the app maps to a message in the user's language.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "request.not_found"))]
    pub code: ErrorCode,
    /// One entry per invalid field (422 only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}
