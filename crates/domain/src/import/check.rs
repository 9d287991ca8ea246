//! The checks that need the whole file, kept up to date as the admin edits and drops rows:
//! duplicates inside the file (email and username, ignoring case; the later occurrence is the
//! error), people who already have a login (here: an error; elsewhere: a warning), and licences
//! beyond the free seats (in row order).

use super::read::{RecordProblem, Sheet};
use super::row::{CellFinding, RowValues, check_values, parse_yes_no};
use super::{Context, Existing, Field, Finding, Severity};
use crate::codes::ErrorCode;
use crate::values::{Email, Username};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Counts over the rows not dropped: `valid + errors == rows`; `warnings` counts the rows with
/// a warning (valid or not).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub rows: usize,
    pub valid: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// What is known of one row.
#[derive(Debug, Clone, Default)]
struct State {
    own: Vec<CellFinding>,
    email: Option<String>,
    username: Option<String>,
    username_given: bool,
    licence: bool,
    dropped: bool,
    duplicate_email: bool,
    duplicate_username: bool,
    beyond_seats: bool,
}

/// A sheet with every row checked.
#[derive(Debug, Clone)]
pub struct Checker {
    sheet: Sheet,
    ctx: Context,
    states: Vec<State>,
    checked: usize,
    emails: HashMap<String, Vec<usize>>,
    usernames: HashMap<String, Vec<usize>>,
}

impl Checker {
    /// Starts checking `sheet`; call [`Checker::step`] until it answers `true`.
    pub fn new(sheet: Sheet, ctx: Context) -> Checker {
        let states = vec![State::default(); sheet.rows.len()];
        Checker {
            sheet,
            ctx,
            states,
            checked: 0,
            emails: HashMap::new(),
            usernames: HashMap::new(),
        }
    }

    /// Checks a whole sheet at once.
    pub fn check(sheet: Sheet, ctx: Context) -> Checker {
        let mut checker = Checker::new(sheet, ctx);
        while !checker.step(usize::MAX) {}
        checker
    }

    /// Checks up to `max` more rows; `true` once every row is checked and the whole-file checks
    /// are done.
    pub fn step(&mut self, max: usize) -> bool {
        let end = self.checked.saturating_add(max).min(self.states.len());
        for index in self.checked..end {
            self.check_row(index);
        }
        self.checked = end;
        if end < self.states.len() {
            return false;
        }
        if self.emails.is_empty() && self.usernames.is_empty() {
            for index in 0..self.states.len() {
                self.index_keys(index);
            }
            self.mark_all_duplicates();
            self.count_seats();
        }
        true
    }

    /// The sheet, with every edit applied.
    pub fn sheet(&self) -> &Sheet {
        &self.sheet
    }

    /// What the checks know of the account.
    pub fn context(&self) -> &Context {
        &self.ctx
    }

    /// The distinct username keys of the rows, for the one lookup of existing logins.
    pub fn username_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.usernames.keys().cloned().collect();
        keys.sort_unstable();
        keys
    }

    /// Records the lookup's answer and checks again what depends on it.
    pub fn set_existing(&mut self, existing: HashMap<String, Existing>) {
        self.ctx.existing = existing;
        self.count_seats();
    }

    /// Changes one cell (trimmed) and checks again that row, the rows that shared a key with it
    /// before or after, and the seats.
    pub fn set_cell(&mut self, index: usize, column: usize, value: &str) {
        let Some(row) = self.sheet.rows.get_mut(index) else {
            return;
        };
        let Some(cell) = row.cells.get_mut(column) else {
            return;
        };
        value.trim().clone_into(cell);
        // The admin has looked at the record and fixed it in place.
        match row.problem {
            Some(RecordProblem::FieldTooLong { column: long }) if long != column => {}
            _ => row.problem = None,
        }
        if self.states[index].dropped {
            return;
        }
        let touched = self.unindex_keys(index);
        self.check_row(index);
        self.index_keys(index);
        self.mark_duplicates(touched);
        self.mark_duplicates(self.keys_of(index));
        self.count_seats();
    }

    /// Leaves a row out of the import.
    pub fn drop_row(&mut self, index: usize) {
        if self.states.get(index).is_none_or(|s| s.dropped) {
            return;
        }
        let touched = self.unindex_keys(index);
        self.states[index].dropped = true;
        self.mark_duplicates(touched);
        self.count_seats();
    }

    /// Whether a row was dropped.
    pub fn is_dropped(&self, index: usize) -> bool {
        self.states.get(index).is_some_and(|s| s.dropped)
    }

    /// A row's values by template column, as the server wants them.
    pub fn values(&self, index: usize) -> RowValues {
        let mut values = RowValues::default();
        let Some(row) = self.sheet.rows.get(index) else {
            return values;
        };
        for (column, field) in self.sheet.columns.iter().enumerate() {
            let Some(field) = field else { continue };
            let cell = row.cell(column).to_owned();
            let slot = match field {
                Field::Email => &mut values.email,
                Field::FirstName => &mut values.first_name,
                Field::LastName => &mut values.last_name,
                Field::Username => &mut values.username,
                Field::Phone => &mut values.phone,
                Field::Language => &mut values.language,
                Field::Group => &mut values.group,
                Field::Role => &mut values.role,
                Field::Licence => &mut values.licence,
                Field::ExchangeDomain => &mut values.exchange_domain,
                Field::ExchangeUsername => &mut values.exchange_username,
                Field::Authority(kind) => values.authorities.entry(kind.clone()).or_default(),
            };
            *slot = cell;
        }
        values
    }

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

    /// Whether a row (not dropped) can be imported.
    pub fn is_valid(&self, index: usize) -> bool {
        !self.is_dropped(index) && !self.blocked(index) && !self.states[index].beyond_seats
    }

    /// The rows not dropped that need attention (an error or a warning), in order.
    pub fn attention(&self) -> Vec<usize> {
        (0..self.states.len())
            .filter(|&i| !self.is_dropped(i) && !self.findings(i).is_empty())
            .collect()
    }

    /// Counts over the rows not dropped.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for index in 0..self.states.len() {
            if self.is_dropped(index) {
                continue;
            }
            let findings = self.findings(index);
            summary.rows += 1;
            if findings.iter().any(|f| f.severity == Severity::Error) {
                summary.errors += 1;
            } else {
                summary.valid += 1;
            }
            if findings.iter().any(|f| f.severity == Severity::Warning) {
                summary.warnings += 1;
            }
        }
        summary
    }

    fn column_name(&self, column: usize) -> String {
        match self.sheet.columns.get(column) {
            Some(Some(field)) => field.name().to_owned(),
            _ => self.sheet.headers.get(column).cloned().unwrap_or_default(),
        }
    }

    fn existing(&self, state: &State) -> Option<Existing> {
        state
            .username
            .as_ref()
            .and_then(|key| self.ctx.existing.get(key).copied())
    }

    /// An error other than the seats: a record problem, a cell, a duplicate, a member already.
    fn blocked(&self, index: usize) -> bool {
        let state = &self.states[index];
        self.sheet.rows[index].problem.is_some()
            || state.own.iter().any(|f| f.severity == Severity::Error)
            || state.duplicate_email
            || state.duplicate_username
            || self.existing(state) == Some(Existing::Here)
    }

    fn check_row(&mut self, index: usize) {
        let values = self.values(index);
        let email = Email::parse(&values.email).ok();
        let given = !values.username.trim().is_empty();
        let username = if given {
            Username::parse(&values.username).ok()
        } else {
            email.as_ref().and_then(|e| Username::from_email(e).ok())
        };
        let licence = parse_yes_no(&values.licence).unwrap_or(false);
        let (own, _) = check_values(values, &self.ctx);
        let state = &mut self.states[index];
        state.own = own;
        state.email = email.map(|e| e.key());
        state.username = username.map(|u| u.key());
        state.username_given = given;
        state.licence = licence;
    }

    fn keys_of(&self, index: usize) -> (Option<String>, Option<String>) {
        let state = &self.states[index];
        (state.email.clone(), state.username.clone())
    }

    fn index_keys(&mut self, index: usize) {
        let (email, username) = self.keys_of(index);
        for (map, key) in [(&mut self.emails, email), (&mut self.usernames, username)] {
            if let Some(key) = key {
                let rows = map.entry(key).or_default();
                if let Err(at) = rows.binary_search(&index) {
                    rows.insert(at, index);
                }
            }
        }
    }

    /// Takes a row out of the key indexes; answers the keys it held.
    fn unindex_keys(&mut self, index: usize) -> (Option<String>, Option<String>) {
        let keys = self.keys_of(index);
        for (map, key) in [(&mut self.emails, &keys.0), (&mut self.usernames, &keys.1)] {
            if let Some(rows) = key.as_ref().and_then(|k| map.get_mut(k)) {
                rows.retain(|&r| r != index);
            }
        }
        let state = &mut self.states[index];
        state.duplicate_email = false;
        state.duplicate_username = false;
        keys
    }

    fn mark_all_duplicates(&mut self) {
        for rows in self.emails.values() {
            for &later in rows.iter().skip(1) {
                self.states[later].duplicate_email = true;
            }
        }
        for rows in self.usernames.values() {
            for &later in rows.iter().skip(1) {
                self.states[later].duplicate_username = true;
            }
        }
    }

    /// Marks again the rows sharing these keys: all but the first of each are duplicates.
    fn mark_duplicates(&mut self, (email, username): (Option<String>, Option<String>)) {
        if let Some(rows) = email.and_then(|k| self.emails.get(&k)) {
            for (n, &row) in rows.iter().enumerate() {
                self.states[row].duplicate_email = n > 0;
            }
        }
        if let Some(rows) = username.and_then(|k| self.usernames.get(&k)) {
            for (n, &row) in rows.iter().enumerate() {
                self.states[row].duplicate_username = n > 0;
            }
        }
    }

    /// Gives the free seats to the licence rows that are otherwise valid, in row order.
    fn count_seats(&mut self) {
        let Some(free) = self.ctx.free_seats else {
            return;
        };
        let mut given = 0u32;
        for index in 0..self.states.len() {
            let wants = {
                let state = &self.states[index];
                state.licence && !state.dropped && !self.blocked(index)
            };
            self.states[index].beyond_seats = wants && given >= free;
            if wants {
                given = given.saturating_add(1);
            }
        }
    }
}
