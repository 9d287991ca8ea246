//! The bodies of Roster's JSON API under `/api/v1`: every request the app sends and every answer
//! the server gives, declared once and typed with the domain's own types (states, roles, actions,
//! levels, error codes), so the two ends can never disagree on a field or a name.
//!
//! The server derives its OpenAPI document from these types with the `openapi` feature; the app
//! leaves it off and pays nothing for it. Request bodies refuse unknown fields, so a misspelt one
//! is an error rather than a change silently not made. Values a person types (names, emails,
//! phones) travel as text: the server checks them with the domain's constructors and answers a
//! field error each, which a typed field could not.

pub mod accounts;
pub mod audit;
#[cfg(feature = "openapi")]
pub mod doc;
pub mod embed;
pub mod groups;
pub mod imports;
pub mod invitations;
pub mod join;
pub mod list_address;
pub mod mailbox;
pub mod me;
pub mod passwords;
pub mod problem;
pub mod session;
pub mod users;
mod whole;
