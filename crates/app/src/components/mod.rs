//! Reusable pieces of the pages.

pub mod field;
pub mod frame;
pub mod grants;
pub mod language;
pub mod loaded;
pub mod memberships;
pub mod password;
pub mod pin;
pub mod profile;
pub mod results;
pub mod shown;
pub mod summary;
pub mod transfer;

use std::collections::BTreeSet;

/// The set of these ids, as "select all" chooses them.
///
/// Built by `extend`, which inserts them one by one: `collect` would sort them first, and the
/// sort is 3 KB of wasm.
pub fn every(ids: &[i64]) -> BTreeSet<i64> {
    let mut set = BTreeSet::new();
    set.extend(ids.iter().copied());
    set
}
