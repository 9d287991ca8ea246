//! Reusable pieces of the pages.

pub mod field;
pub mod frame;
pub mod grants;
pub mod loaded;
pub mod memberships;
pub mod password;
pub mod profile;
pub mod results;
