//! Duplicates inside the file: each email and username key with the rows holding it, in order;
//! all but the first of each are duplicates.

use super::Checker;

use std::sync::Arc;

/// The rows holding one key, in order (most keys are held by one row: no list for those).
#[derive(Debug, Clone)]
pub(super) enum Rows {
    One(usize),
    Many(Vec<usize>),
}

impl Rows {
    fn as_slice(&self) -> &[usize] {
        match self {
            Rows::One(row) => std::slice::from_ref(row),
            Rows::Many(rows) => rows,
        }
    }

    fn insert(&mut self, row: usize) {
        let mut rows = self.as_slice().to_vec();
        if let Err(at) = rows.binary_search(&row) {
            rows.insert(at, row);
        }
        *self = Rows::Many(rows);
    }

    fn remove(&mut self, row: usize) {
        if let Rows::Many(rows) = self {
            rows.retain(|&r| r != row);
        } else if self.as_slice() == [row] {
            *self = Rows::Many(Vec::new());
        }
    }
}

/// A key of a row: an email or a username, lower case, shared by the row and the index.
pub(super) type Key = Arc<str>;

impl Checker {
    pub(super) fn keys_of(&self, index: usize) -> (Option<Key>, Option<Key>) {
        let state = &self.states[index];
        (state.email.clone(), state.username.clone())
    }

    pub(super) fn index_keys(&mut self, index: usize) {
        let (email, username) = self.keys_of(index);
        for (map, key) in [(&mut self.emails, email), (&mut self.usernames, username)] {
            if let Some(key) = key {
                map.entry(key)
                    .and_modify(|rows| rows.insert(index))
                    .or_insert(Rows::One(index));
            }
        }
    }

    /// Takes a row out of the key indexes; answers the keys it held.
    pub(super) fn unindex_keys(&mut self, index: usize) -> (Option<Key>, Option<Key>) {
        let keys = self.keys_of(index);
        for (map, key) in [(&mut self.emails, &keys.0), (&mut self.usernames, &keys.1)] {
            if let Some(rows) = key.as_ref().and_then(|k| map.get_mut(k)) {
                rows.remove(index);
            }
        }
        let state = &mut self.states[index];
        state.duplicate_email = false;
        state.duplicate_username = false;
        keys
    }

    pub(super) fn mark_all_duplicates(&mut self) {
        for rows in self.emails.values() {
            for &later in rows.as_slice().iter().skip(1) {
                self.states[later].duplicate_email = true;
            }
        }
        for rows in self.usernames.values() {
            for &later in rows.as_slice().iter().skip(1) {
                self.states[later].duplicate_username = true;
            }
        }
    }

    /// Marks again the rows sharing these keys: all but the first of each are duplicates.
    pub(super) fn mark_duplicates(&mut self, (email, username): (Option<Key>, Option<Key>)) {
        if let Some(rows) = email.and_then(|k| self.emails.get(&k)) {
            for (n, &row) in rows.as_slice().iter().enumerate() {
                self.states[row].duplicate_email = n > 0;
            }
        }
        if let Some(rows) = username.and_then(|k| self.usernames.get(&k)) {
            for (n, &row) in rows.as_slice().iter().enumerate() {
                self.states[row].duplicate_username = n > 0;
            }
        }
    }
}
