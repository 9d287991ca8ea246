//! Importing users from a CSV file: the one lookup of a file's logins, and its rows a chunk at a
//! time.

use roster_domain::ErrorCode;
use roster_domain::import::{RowValues, Severity};
use serde::{Deserialize, Serialize};

/// The logins of a file, as username keys (lower case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LookupRequest<'a> {
    /// At most 50,000. (Borrowed where it is written, so the app sends a file's keys without
    /// copying them; read as owned text.)
    #[cfg_attr(feature = "openapi", schema(max_items = 50_000))]
    pub usernames: Vec<std::borrow::Cow<'a, str>>,
}

/// Where those logins exist.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LookupAnswer {
    /// Already members of this account.
    pub here: Vec<String>,
    /// Members of other accounts only, all of them mine to manage: an import adds them to this
    /// one.
    pub elsewhere: Vec<String>,
    /// Members of accounts where I may not manage them: an import asks them to join.
    pub consent: Vec<String>,
}

/// `POST /accounts/{account}/imports` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ImportChunk {
    /// At most 500 rows.
    #[cfg_attr(feature = "openapi", schema(max_items = 500))]
    pub rows: Vec<ChunkRow>,
}

/// One row of the file: its number there, and its values by template column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChunkRow {
    #[serde(deserialize_with = "crate::whole::int")]
    pub row: u32,
    /// `email`, `first_name`, `last_name`, `username`, `phone`, `language`, `group` (a name),
    /// `role`, `licence` (yes/no), `authorities` ({kind: level}), `exchange_domain`,
    /// `exchange_username`; blank or absent means not given.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub values: RowValues,
}

/// What became of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    /// A new login, `staged`, member of this account.
    Created,
    /// A login of other accounts, all managed by the importer: now a member of this one too.
    Added,
    /// A login of accounts where the importer may not manage them: emailed a request to join,
    /// a member once they accept.
    Requested,
    /// Not imported: see the findings.
    Refused,
}

impl RowOutcome {
    /// The name on the wire (and in the results file).
    pub const fn as_str(self) -> &'static str {
        match self {
            RowOutcome::Created => "created",
            RowOutcome::Added => "added",
            RowOutcome::Requested => "requested",
            RowOutcome::Refused => "refused",
        }
    }
}

/// One finding about a row the server refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowFinding {
    pub column: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "email.missing_at"))]
    pub code: ErrorCode,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "error"))]
    pub severity: Severity,
    pub message: String,
}

/// The answer for one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowResult {
    pub row: u32,
    pub outcome: RowOutcome,
    /// The user's id when created or added (never for a request: the account knows nothing of
    /// the person until they accept).
    pub user: Option<i64>,
    pub findings: Vec<RowFinding>,
}

/// The answer for a chunk, a result per row in the order sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChunkAnswer {
    pub results: Vec<RowResult>,
}
