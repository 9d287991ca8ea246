//! The checks that need the whole file, kept up to date as the admin edits and drops rows:
//! duplicates inside the file (email and username, ignoring case; the later occurrence is the
//! error), people who already have a login (here: an error; elsewhere: a warning), and licences
//! beyond the free seats (in row order).

mod findings;
mod keys;
mod part;
mod values;

use super::row::{CellFinding, check_own};
use super::sheet::{RecordProblem, Sheet};
use super::words::parse_yes_no;
use super::{Context, Existing, Logins, Severity};
use crate::values::{Email, Username};
use keys::{Holders, Key};
pub use part::{PartUnusable, check_part};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

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
    email: Option<Key>,
    username: Option<Key>,
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
    /// Each email and username key, with the rows that hold it.
    index: FxHashMap<Key, Holders>,
    /// How many rows, from the first, are in the index: each as it is checked, and the rows a
    /// part adds once it joins (see `part.rs`).
    keyed: usize,
    /// Whether the whole-file checks have run (after the last row's own).
    indexed: bool,
}

impl Checker {
    /// Starts checking `sheet`; call [`Checker::step`] until it answers `true`.
    pub fn new(sheet: Sheet, ctx: Context) -> Checker {
        let states = vec![State::default(); sheet.rows.len()];
        let mut index = FxHashMap::default();
        index.reserve(states.len());
        Checker {
            sheet,
            ctx,
            states,
            checked: 0,
            index,
            keyed: 0,
            indexed: false,
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
        if !self.check_rows(max) {
            return false;
        }
        self.check_file();
        true
    }

    /// Checks up to `max` more rows on their own, and indexes their keys; `true` once every
    /// row is checked.
    pub fn check_rows(&mut self, max: usize) -> bool {
        let done = self.check_own_rows(max);
        self.index_up_to(self.checked);
        done
    }

    /// Checks up to `max` more rows on their own, without indexing them (a part's rows are
    /// indexed where they join).
    fn check_own_rows(&mut self, max: usize) -> bool {
        let end = self.checked.saturating_add(max).min(self.states.len());
        for index in self.checked..end {
            self.check_row(index);
        }
        self.checked = end;
        end == self.states.len()
    }

    /// Makes room in the index for about `rows` more rows (a part to come), so that it grows
    /// once, beside the part, rather than when the part joins.
    pub fn reserve(&mut self, rows: usize) {
        self.index.reserve(self.states.len().saturating_add(rows));
    }

    /// Indexes the keys of the rows before `end` not yet indexed.
    fn index_up_to(&mut self, end: usize) {
        self.index.reserve(end.saturating_sub(self.keyed));
        for index in self.keyed..end {
            self.index_keys(index);
        }
        self.keyed = self.keyed.max(end);
    }

    /// The checks that need every row: duplicates and seats (once).
    fn check_file(&mut self) {
        if !self.indexed {
            self.indexed = true;
            self.index_up_to(self.states.len());
            self.mark_all_duplicates();
            self.count_seats();
        }
    }

    /// The sheet, with every edit applied.
    pub fn sheet(&self) -> &Sheet {
        &self.sheet
    }

    /// What the checks know of the account.
    pub fn context(&self) -> &Context {
        &self.ctx
    }

    /// The distinct username keys of the rows, in no particular order, for the one lookup of
    /// existing logins (borrowed: 50,000 of them are listed without a copy).
    pub fn username_keys(&self) -> Vec<&str> {
        self.index
            .iter()
            .filter(|(_, holders)| !holders.usernames.as_slice().is_empty())
            .map(|(key, _)| &**key)
            .collect()
    }

    /// Records the lookup's answer and checks again what depends on it.
    pub fn set_existing(&mut self, existing: Logins) {
        self.ctx.existing = existing;
        self.count_seats();
    }

    /// Changes one cell (trimmed) and checks again that row, the rows that shared a key with it
    /// before or after, and the seats.
    pub fn set_cell(&mut self, index: usize, column: usize, value: &str) {
        let Some(row) = self.sheet.rows.get_mut(index) else {
            return;
        };
        if column >= row.len() {
            return;
        }
        row.set(column, value.trim());
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

    fn existing(&self, state: &State) -> Option<Existing> {
        state
            .username
            .as_ref()
            .and_then(|key| self.ctx.existing.get(&**key).copied())
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
        let view = self.view(index);
        let (own, member) = check_own(&view, &self.ctx);
        let given = !crate::values::text::trim(view.username).is_empty();
        // A valid row's keys come from its checked profile; an invalid one's are parsed here,
        // so that a row with a bad phone still counts as a duplicate of its email.
        let (email, username, licence) = match member {
            Some(m) => {
                let (email, username) = keys(Some(&m.profile.email), Some(&m.profile.username));
                (email, username, m.licence)
            }
            None => {
                let email = Email::canonical(view.email).ok();
                let username = if given {
                    Username::canonical(view.username).ok()
                } else {
                    email.as_deref().and_then(|e| Username::canonical(e).ok())
                };
                let (email_key, username_key) = keys(email.as_deref(), username);
                let licence = parse_yes_no(view.licence).unwrap_or(false);
                (email_key, username_key, licence)
            }
        };
        let state = &mut self.states[index];
        state.own = own;
        state.email = email;
        state.username = username;
        state.username_given = given;
        state.licence = licence;
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

/// The keys of an email and a username (lower case, as `values::login_key`, done in place),
/// one allocation each, and one for both when the username is the email, as it mostly is.
fn keys(email: Option<&str>, username: Option<&str>) -> (Option<Key>, Option<Key>) {
    let key = |text: &str| {
        let mut key: Key = Key::from(text);
        if let Some(letters) = std::sync::Arc::get_mut(&mut key) {
            letters.make_ascii_lowercase();
        }
        key
    };
    let email_key = email.map(key);
    let username_key = match (username, email, &email_key) {
        (Some(u), Some(e), Some(shared)) if u.eq_ignore_ascii_case(e) => Some(shared.clone()),
        (Some(u), _, _) => Some(key(u)),
        (None, _, _) => None,
    };
    (email_key, username_key)
}
