//! Every rule of Roster, pure: no I/O, no clock, no randomness.
//!
//! The server (native) and the app (wasm32) both call these functions, so a form in the browser
//! and the API on the server can never disagree. Time, random tokens and database facts are
//! parameters; nothing here reads them.

pub mod authz;
pub mod codes;
pub mod group_policy;
pub mod import;
pub mod invitation;
pub mod lifecycle;
pub mod notify;
pub mod password;
pub mod profile;
pub mod seats;
pub mod time;
pub mod values;

pub use codes::{Coded, ErrorCode};
pub use time::Timestamp;

// The domain tests also run inside headless Chromium (`cargo xtask test`), with the very same
// `#[test]` functions: each test module imports `wasm_bindgen_test as test` on wasm32.
#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
