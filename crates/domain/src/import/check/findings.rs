//! What the checker tells: the header's findings and each row's, errors first.

use super::Checker;
use crate::codes::ErrorCode;
use crate::import::sheet::RecordProblem;
use crate::import::write::is_issues;
use crate::import::{Existing, Field, Finding, Severity};

impl Checker {
    /// The findings about the header: columns not known, or named twice.
    pub fn header_findings(&self) -> Vec<Finding> {
        let mut seen = Vec::new();
        self.sheet
            .headers
            .iter()
            .zip(&self.sheet.columns)
            .filter_map(|(header, column)| {
                let code = match column {
                    Some(field) => {
                        seen.push(field.clone());
                        return None;
                    }
                    // An annotated file's findings from an earlier round: ignored, silently.
                    None if is_issues(header) => return None,
                    None => match Field::from_header(header, &self.ctx.policy) {
                        Some(field) if seen.contains(&field) => ErrorCode::ImportDuplicateColumn,
                        _ => ErrorCode::ImportUnknownColumn,
                    },
                };
                Some(Finding {
                    row: 0,
                    column: header.clone(),
                    code,
                    severity: Severity::Warning,
                })
            })
            .collect()
    }

    /// Everything to tell about one row, errors first.
    pub fn findings(&self, index: usize) -> Vec<Finding> {
        let (Some(row), Some(state)) = (self.sheet.rows.get(index), self.states.get(index)) else {
            return Vec::new();
        };
        let at = |column: String, code, severity| Finding {
            row: row.number,
            column,
            code,
            severity,
        };
        let mut found = Vec::new();
        match row.problem {
            Some(RecordProblem::FieldCount { .. }) => {
                found.push(at(
                    String::new(),
                    ErrorCode::ImportFieldCount,
                    Severity::Error,
                ));
            }
            Some(RecordProblem::UnterminatedQuote) => found.push(at(
                String::new(),
                ErrorCode::ImportUnterminatedQuote,
                Severity::Error,
            )),
            Some(RecordProblem::FieldTooLong { column }) => found.push(at(
                self.column_name(column),
                ErrorCode::ImportFieldTooLong,
                Severity::Error,
            )),
            None => {}
        }
        for finding in &state.own {
            found.push(at(
                finding.field.name().to_owned(),
                finding.code,
                finding.severity,
            ));
        }
        let login = if state.username_given {
            Field::Username
        } else {
            Field::Email
        };
        if state.duplicate_email {
            found.push(at(
                "email".into(),
                ErrorCode::ImportDuplicateEmail,
                Severity::Error,
            ));
        } else if state.duplicate_username {
            found.push(at(
                login.name().to_owned(),
                ErrorCode::ImportDuplicateUsername,
                Severity::Error,
            ));
        }
        match self.existing(state) {
            Some(Existing::Here) => found.push(at(
                login.name().to_owned(),
                ErrorCode::UserAlreadyMember,
                Severity::Error,
            )),
            Some(Existing::Elsewhere) => found.push(at(
                login.name().to_owned(),
                ErrorCode::ImportExistsElsewhere,
                Severity::Warning,
            )),
            Some(Existing::Consent) => found.push(at(
                login.name().to_owned(),
                ErrorCode::ImportJoinRequest,
                Severity::Warning,
            )),
            None => {}
        }
        if state.beyond_seats {
            found.push(at(
                "licence".into(),
                ErrorCode::ImportSeatsExceeded,
                Severity::Error,
            ));
        }
        found.sort_by_key(|f| f.severity);
        found
    }

    pub(super) fn column_name(&self, column: usize) -> String {
        match self.sheet.columns.get(column) {
            Some(Some(field)) => field.name().to_owned(),
            _ => self.sheet.headers.get(column).cloned().unwrap_or_default(),
        }
    }
}
