//! Bulk import from CSV.
//!
//! The browser, the server and `roster import check` share everything here: [`decode`] turns
//! the bytes people save into text, [`read`] (or a [`Parser`], a few records at a time) turns the
//! text into a [`Sheet`], [`check_values`] checks one row with the very constructors and rules of
//! the Add-user form, and a [`Checker`] adds what needs the whole file (duplicates, existing
//! users, free seats) and keeps it all up to date as rows are edited or dropped. A large file can
//! be read in two parts side by side ([`Parser::split_off`], [`check_part`], [`Checker::absorb`]).
//! [`write`] produces every CSV Roster hands out, safe to open in a spreadsheet.

mod check;
mod columns;
#[cfg(test)]
mod corpus;
mod decode;
mod read;
mod row;
mod sheet;
mod split;
#[cfg(test)]
mod tests;
mod words;
pub mod write;

pub use check::{Checker, PartUnusable, Summary, check_part};
pub use columns::{Field, template_fields};
pub use decode::{Encoding, decode};
pub use read::{Parser, read};
pub use row::{CellFinding, NewMember, RowValues, RowView, check_values};
pub use sheet::{RecordProblem, Row, Sheet};
pub use words::{parse_role, parse_yes_no};

use crate::authz::{AuthzPolicy, Grantable};
use crate::codes::{Coded, ErrorCode};
use crate::values::ApprovedDomain;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The largest file read: 10 MB.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The most data rows in one file.
pub const MAX_ROWS: usize = 50_000;
/// The most columns in one file.
pub const MAX_COLUMNS: usize = 64;
/// The longest field, in characters.
pub const MAX_FIELD_CHARS: usize = 1_000;
/// The most rows the server takes in one request.
pub const MAX_CHUNK_ROWS: usize = 500;

/// Why a file is refused as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum FileRefusal {
    #[error("the file is empty")]
    Empty,
    #[error("the file is not text")]
    Binary,
    #[error("the file is over {MAX_BYTES} bytes")]
    TooLarge,
    #[error("the file has over {MAX_ROWS} rows")]
    TooManyRows,
    #[error("the file has over {MAX_COLUMNS} columns")]
    TooManyColumns,
    #[error("the header lacks email, first_name or last_name")]
    MissingColumns,
    #[error("the quotes of the file do not pair up")]
    QuotesUnbalanced,
}

impl Coded for FileRefusal {
    fn code(&self) -> ErrorCode {
        match self {
            FileRefusal::Empty => ErrorCode::ImportEmpty,
            FileRefusal::Binary => ErrorCode::ImportBinary,
            FileRefusal::TooLarge => ErrorCode::ImportTooLarge,
            FileRefusal::TooManyRows => ErrorCode::ImportTooManyRows,
            FileRefusal::TooManyColumns => ErrorCode::ImportTooManyColumns,
            FileRefusal::MissingColumns => ErrorCode::ImportMissingColumns,
            FileRefusal::QuotesUnbalanced => ErrorCode::ImportQuotesUnbalanced,
        }
    }
}

/// Whether a finding blocks its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The row cannot be imported as it is.
    Error,
    /// The row will be imported; something about it is worth knowing.
    Warning,
}

/// One thing to tell about a file: its data row (0 for the header), its column (the template's
/// name, or the header as written for a column Roster does not know; empty for the whole row),
/// its stable code and its severity. The message is the code's, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub row: u32,
    pub column: String,
    pub code: ErrorCode,
    pub severity: Severity,
}

/// The batched lookup's answer: username key → where that login exists.
pub type Logins = rustc_hash::FxHashMap<String, Existing>;

/// Where a person a row names already has a login.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Existing {
    /// Already a member of this account: the row is an error.
    Here,
    /// A member of other accounts only, all of them managed by the acting admin: they will be
    /// added to this one (a warning).
    Elsewhere,
    /// A member of other accounts, some of which the acting admin may not manage them in: they
    /// will be asked by email to join this one, and join only if they accept (a warning).
    Consent,
}

/// What the checks know of the account imported into. The default knows no account: the checks
/// that need one (groups, grants, seats, existing users) are skipped, the default policy names
/// the authority columns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    pub policy: AuthzPolicy,
    /// What the acting admin may grant; `None` without an account.
    pub grantable: Option<Grantable>,
    pub approved: Vec<ApprovedDomain>,
    /// The account's group names; `None` without an account.
    pub groups: Option<Vec<String>>,
    /// Seats free now; `None` without an account.
    pub free_seats: Option<u32>,
    /// Username key → where that login exists (the batched lookup's answer).
    pub existing: Logins,
}
