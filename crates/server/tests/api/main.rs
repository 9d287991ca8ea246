//! API tests: the real server on a free port with a fresh database, driven over HTTP.
//! One test binary (one link) with a module per area.

// Test code: a failed unwrap is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod audit;
mod auth;
mod embed;
mod embed_frame;
mod grants;
mod groups;
mod groups_delete;
mod hardening;
mod helpers;
mod imports;
mod imports_cli;
mod invitations;
mod join;
mod languages;
mod logins;
mod matrix;
mod me;
mod memberships;
mod openapi;
mod outbox;
mod passwords;
mod seats;
mod shared;
mod users;
mod users_actions;
mod users_search;
