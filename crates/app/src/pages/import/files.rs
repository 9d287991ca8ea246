//! The browser's side of files: reading the one chosen, offering one for download, and giving
//! the page a moment to breathe between slices of work.

use js_sys::{Array, Uint8Array};
use roster_domain::import::{FileRefusal, MAX_BYTES};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The bytes of a chosen file; a file over the limit is refused before it is read.
pub async fn read(file: &web_sys::File) -> Result<Vec<u8>, FileRefusal> {
    if file.size() > MAX_BYTES as f64 {
        return Err(FileRefusal::TooLarge);
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| FileRefusal::Binary)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Offers `text` for download as `name` (CSV, UTF-8). The blob is made of the bytes as they are
/// (a file of 50,000 rows is never turned into a JavaScript string and back).
pub fn download(name: &str, text: &str) {
    let parts = Array::of1(&Uint8Array::from(text.as_bytes()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(link) = link {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Milliseconds, for timing slices of work.
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// Lets the browser paint and handle input before the next slice: `scheduler.yield()` where
/// the browser has it (it resumes at once after pending input), else a zero timeout (which
/// browsers stretch to 4 ms after a few in a row).
pub async fn breathe() {
    let scheduler = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"scheduler".into()).ok())
        .filter(|s| s.is_object());
    if let Some(scheduler) = scheduler
        && let Ok(yield_now) = js_sys::Reflect::get(&scheduler, &"yield".into())
        && let Ok(yield_now) = yield_now.dyn_into::<js_sys::Function>()
        && let Ok(promise) = yield_now.call0(&scheduler)
    {
        let _ = JsFuture::from(js_sys::Promise::resolve(&promise)).await;
        return;
    }
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// The longest a slice of work may keep the page busy, in milliseconds (two frames, with room
/// under the 50 ms that counts as a long task for a garbage collection or a step's overrun).
pub const SLICE_MS: f64 = 30.0;
