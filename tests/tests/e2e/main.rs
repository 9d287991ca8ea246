//! End-to-end tests: the real server serving the real Trunk build, driven in headless Chromium.
//! One test binary (one link) with a module per area; the support they share is the library
//! crate `roster_e2e` (`src/lib.rs`), which the import benchmark uses too.

// Test code: a failed unwrap is a failed test, with its message.
#![allow(clippy::unwrap_used)]

mod a11y;
mod admin;
mod articles;
mod audit;
mod browser;
mod embed;
mod french;
mod grants;
mod import;
mod invitations;
mod keyboard;
mod me;
mod notices;
mod shared;
mod users_list;
