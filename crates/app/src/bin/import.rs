//! Mounts the Import users page's bundle (see the library's header). The page's Web Worker
//! (`import-worker.js`) runs this same bundle to read and check the second half of a large file
//! beside the page ([`check_part`]); there is no page to mount there.

use wasm_bindgen::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(roster_app::ImportApp);
    }
}

/// Reads and checks, in the worker, the part of a file the page handed over, against the
/// account's context (JSON): the part's rows for `Checker::absorb`, or an error.
#[wasm_bindgen]
pub fn check_part(text: &[u8], context: &str) -> Result<Vec<u8>, JsError> {
    let ctx = serde_json::from_str(context)?;
    roster_domain::import::check_part(text, ctx)
        .map_err(|refusal| JsError::new(&refusal.to_string()))
}
