//! One module per route.

pub mod audit;
pub mod groups;
pub mod home;
pub mod not_found;
pub mod sign_in;
pub mod user_detail;
pub mod user_new;
pub mod users;
