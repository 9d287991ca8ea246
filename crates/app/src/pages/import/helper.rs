//! The page's second reader: a Web Worker running this very bundle (`import-worker.js`), which
//! reads and checks the second half of a large file while the page does the first, so that both
//! of the machine's cores work on it (see `roster_domain::import::split`).
//!
//! It starts with the page, and takes part once it has said it is ready; until then, or if it
//! never is (a browser without module workers), or if it fails, the page reads the whole file
//! itself: the outcome is the same either way.

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use roster_domain::import::Context;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// A file of at least this many bytes is shared with the worker (about 3,000 rows): below,
/// the handing over costs more than it saves.
pub const SHARED_FROM_BYTES: usize = 256 * 1024;

/// The worker, whether it is ready, and the answer it owes.
pub struct Helper {
    worker: Worker,
    ready: Rc<Cell<bool>>,
    answer: Rc<RefCell<Option<Function>>>,
    _listen: Closure<dyn FnMut(MessageEvent)>,
    _fail: Closure<dyn FnMut()>,
}

impl Drop for Helper {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// The `href` of the page's first element matching a CSS selector.
fn link(selector: &str) -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector(selector)
        .ok()??
        .get_attribute("href")
}

impl Helper {
    /// Starts the worker with the bundle's own script and wasm, as the page's links name them.
    pub fn start() -> Option<Helper> {
        let glue = link("link[rel=modulepreload]")?;
        let wasm = link("link[rel=preload][as=fetch]")?;
        let script = format!("{}import-worker.js", &glue[..glue.rfind('/')? + 1]);
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(&script, &options).ok()?;
        let ready = Rc::new(Cell::new(false));
        let answer: Rc<RefCell<Option<Function>>> = Rc::new(RefCell::new(None));
        let listen = {
            let (ready, answer) = (Rc::clone(&ready), Rc::clone(&answer));
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data();
                if Reflect::get(&data, &"ready".into()).is_ok_and(|r| r.is_truthy()) {
                    ready.set(true);
                    return;
                }
                // A part, or a failure (no part): either settles the answer owed.
                if let Ok(failed) = Reflect::get(&data, &"failed".into())
                    && !failed.is_undefined()
                {
                    web_sys::console::warn_2(&"The import's second reader failed:".into(), &failed);
                }
                let part = Reflect::get(&data, &"part".into()).unwrap_or(JsValue::UNDEFINED);
                if let Some(resolve) = answer.borrow_mut().take() {
                    let _ = resolve.call1(&JsValue::UNDEFINED, &part);
                }
            })
        };
        worker.set_onmessage(Some(listen.as_ref().unchecked_ref()));
        // A script that does not load or a worker that breaks: no more parts, none owed.
        let fail = {
            let (ready, answer) = (Rc::clone(&ready), Rc::clone(&answer));
            Closure::<dyn FnMut()>::new(move || {
                ready.set(false);
                if let Some(resolve) = answer.borrow_mut().take() {
                    let _ = resolve.call0(&JsValue::UNDEFINED);
                }
            })
        };
        worker.set_onerror(Some(fail.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(fail.as_ref().unchecked_ref()));
        let hello = Object::new();
        Reflect::set(&hello, &"glue".into(), &glue.into()).ok()?;
        Reflect::set(&hello, &"wasm".into(), &wasm.into()).ok()?;
        worker.post_message(&hello).ok()?;
        Some(Helper {
            worker,
            ready,
            answer,
            _listen: listen,
            _fail: fail,
        })
    }

    /// Whether it can take a part now.
    pub fn is_ready(&self) -> bool {
        self.ready.get() && self.answer.borrow().is_none()
    }

    /// Hands it `text` (a header and the second half) to read and check against `ctx`; the
    /// answer is the part for `Checker::absorb`, or `None` if the worker failed.
    pub fn check(
        &self,
        text: String,
        ctx: &Context,
    ) -> Option<impl Future<Output = Option<Vec<u8>>> + use<>> {
        let context = serde_json::to_string(ctx).ok()?;
        let bytes = Uint8Array::from(text.as_bytes());
        drop(text);
        let mut settle = None;
        let owed = Promise::new(&mut |resolve, _| settle = Some(resolve));
        *self.answer.borrow_mut() = settle;
        let message = Object::new();
        Reflect::set(&message, &"text".into(), &bytes).ok()?;
        Reflect::set(&message, &"context".into(), &context.into()).ok()?;
        let moved = js_sys::Array::of1(&bytes.buffer());
        if self
            .worker
            .post_message_with_transfer(&message, &moved)
            .is_err()
        {
            self.answer.borrow_mut().take();
            return None;
        }
        Some(async move {
            let part = JsFuture::from(owed).await.ok()?;
            part.dyn_into::<Uint8Array>().ok().map(|p| p.to_vec())
        })
    }
}
