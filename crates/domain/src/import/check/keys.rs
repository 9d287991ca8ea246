//! Duplicates inside the file: each key (an email or a username, lower case) with the rows
//! holding it as an email and the rows holding it as a username, in order; all but the first
//! of each are duplicates. One index for both: most rows' username is their email, one entry.

use super::Checker;

use std::sync::Arc;

/// The rows holding one key one way, in order (most keys are held by one row: no list for
/// those).
#[derive(Debug, Clone)]
pub(super) enum Rows {
    One(usize),
    Many(Vec<usize>),
}

impl Default for Rows {
    fn default() -> Rows {
        Rows::Many(Vec::new())
    }
}

impl Rows {
    pub(super) fn as_slice(&self) -> &[usize] {
        match self {
            Rows::One(row) => std::slice::from_ref(row),
            Rows::Many(rows) => rows,
        }
    }

    fn insert(&mut self, row: usize) {
        match self {
            Rows::Many(rows) if rows.is_empty() => *self = Rows::One(row),
            Rows::Many(rows) => {
                if let Err(at) = rows.binary_search(&row) {
                    rows.insert(at, row);
                }
            }
            Rows::One(one) if *one == row => {}
            &mut Rows::One(one) => *self = Rows::Many(vec![one.min(row), one.max(row)]),
        }
    }

    fn remove(&mut self, row: usize) {
        match self {
            Rows::Many(rows) => rows.retain(|&r| r != row),
            Rows::One(one) if *one == row => *self = Rows::default(),
            Rows::One(_) => {}
        }
    }
}

/// The rows holding one key: as their email, and as their username.
#[derive(Debug, Clone, Default)]
pub(super) struct Holders {
    pub(super) emails: Rows,
    pub(super) usernames: Rows,
}

/// A key of a row: an email or a username, lower case, shared by the row and the index.
pub(super) type Key = Arc<str>;

impl Checker {
    pub(super) fn keys_of(&self, index: usize) -> (Option<Key>, Option<Key>) {
        let state = &self.states[index];
        (state.email.clone(), state.username.clone())
    }

    pub(super) fn index_keys(&mut self, index: usize) {
        let state = &self.states[index];
        match (&state.email, &state.username) {
            // The username is the email: one entry, found once.
            (Some(email), Some(username)) if Arc::ptr_eq(email, username) => {
                let holders = self.index.entry(Arc::clone(email)).or_default();
                holders.emails.insert(index);
                holders.usernames.insert(index);
            }
            (email, username) => {
                if let Some(email) = email {
                    let holders = self.index.entry(Arc::clone(email)).or_default();
                    holders.emails.insert(index);
                }
                if let Some(username) = username {
                    let holders = self.index.entry(Arc::clone(username)).or_default();
                    holders.usernames.insert(index);
                }
            }
        }
    }

    /// Takes a row out of the key index; answers the keys it held.
    pub(super) fn unindex_keys(&mut self, index: usize) -> (Option<Key>, Option<Key>) {
        let keys = self.keys_of(index);
        if let Some(holders) = keys.0.as_ref().and_then(|k| self.index.get_mut(k)) {
            holders.emails.remove(index);
        }
        if let Some(holders) = keys.1.as_ref().and_then(|k| self.index.get_mut(k)) {
            holders.usernames.remove(index);
        }
        let state = &mut self.states[index];
        state.duplicate_email = false;
        state.duplicate_username = false;
        keys
    }

    pub(super) fn mark_all_duplicates(&mut self) {
        for holders in self.index.values() {
            for &later in holders.emails.as_slice().iter().skip(1) {
                self.states[later].duplicate_email = true;
            }
            for &later in holders.usernames.as_slice().iter().skip(1) {
                self.states[later].duplicate_username = true;
            }
        }
    }

    /// Marks again the rows sharing these keys: all but the first of each are duplicates.
    pub(super) fn mark_duplicates(&mut self, (email, username): (Option<Key>, Option<Key>)) {
        if let Some(holders) = email.and_then(|k| self.index.get(&k)) {
            for (n, &row) in holders.emails.as_slice().iter().enumerate() {
                self.states[row].duplicate_email = n > 0;
            }
        }
        if let Some(holders) = username.and_then(|k| self.index.get(&k)) {
            for (n, &row) in holders.usernames.as_slice().iter().enumerate() {
                self.states[row].duplicate_username = n > 0;
            }
        }
    }
}
