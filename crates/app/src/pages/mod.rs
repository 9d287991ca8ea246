//! One module per route.

pub mod audit;
pub mod embedding;
pub mod groups;
pub mod home;
pub mod import;
pub mod invitations;
pub mod join;
pub mod mailbox;
pub mod me;
pub mod not_found;
pub mod password;
pub mod set_password;
pub mod settings;
pub mod sign_in;
pub mod user_detail;
pub mod user_new;
pub mod users;
