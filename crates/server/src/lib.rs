//! The Roster server: the JSON API under `/api/v1` and the built app for every other path.
//!
//! `Application::build` (`startup.rs`) opens the database, binds the listener (port 0 in tests) and assembles
//! the routes; `run_until_stopped` serves. Tests boot the very server that `roster serve` runs.

mod accounts;
mod activation;
mod audit;
mod auth;
mod clock;
pub mod demo;
pub mod demo_portal;
mod emails;
mod embed;
mod error;
mod etag;
mod extract;
mod groups;
mod guard;
mod headers;
pub mod import;
mod invitations;
mod join;
mod licences;
mod limits;
mod me;
mod openapi;
pub mod outbox;
mod passwords;
pub mod seal;
mod search;
mod secrets;
mod session;
mod settings;
mod spa;
mod startup;
mod state;
mod throttle;
// Public for the tests and the benchmark, which arrange and read facts underneath the API.
pub mod store;
mod tokens;
mod users;

pub use error::{AppError, FieldError};
pub use startup::{Application, app};
pub use state::{AppState, Config};
