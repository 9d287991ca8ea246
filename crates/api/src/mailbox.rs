//! The local mailbox: the outbox as a person may read it, while no SMTP relay is configured.

use roster_domain::notify::EmailKind;
use serde::{Deserialize, Serialize};

/// Filters of `GET /dev/mailbox`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct MailboxQuery {
    /// Only the emails to this address (ignoring case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// One email, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailboxEmail {
    pub id: i64,
    pub to: String,
    /// What kind of email.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "activation"))]
    pub kind: EmailKind,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Unix seconds.
    pub created_at: i64,
}

/// The newest emails first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mailbox {
    pub items: Vec<MailboxEmail>,
}
