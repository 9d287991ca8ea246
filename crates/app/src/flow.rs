//! The pages' data flow: a [`Load`] is a Leptos `LocalResource` (fetched again when a signal its
//! fetcher reads changes, only the answer to the latest request kept, awaited by `<Transition>`),
//! an [`Act`] does what a Leptos `Action` does (dispatched, pending, its last value), each typed
//! as the page wants.
//!
//! An effect that resets a page's state when what it shows changes is an [`effect()`].
//!
//! Underneath, every resource is the same `LocalResource<Value>` and every action the same
//! `RawAct`: the types are erased here and put back when read. Leptos' resource and
//! action code is generic over the value and the closure, so with types of their own each of the
//! app's 34 resources and actions would carry its own copy of it, over half a kilobyte of
//! compressed wasm apiece: erased, the app's bundle is 20 KB (brotli) smaller.

use leptos::prelude::*;
use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;

/// A value of any type; each [`Load`] and [`Act`] knows which.
type Value = Rc<dyn Any>;

type ValueFuture = Pin<Box<dyn Future<Output = Value>>>;

/// What an action runs with each dispatch's input.
type Run = Box<dyn Fn(&Value) -> ValueFuture>;

/// The future of a `Load` or an `Act`, its output erased. It takes the future boxed, so that
/// there is one copy of this wrapper per output type rather than one per future.
fn erase<T: 'static>(future: Pin<Box<dyn Future<Output = T>>>) -> ValueFuture {
    Box::pin(async move { Rc::new(future.await) as Value })
}

/// A value that no `Load` or `Act` reads as its own.
fn nothing() -> ValueFuture {
    Box::pin(async { Rc::new(()) as Value })
}

fn typed<T: Clone + 'static>(value: Option<&Value>) -> Option<T> {
    value.and_then(|v| v.downcast_ref::<T>()).cloned()
}

/// Data fetched from the server, as a `LocalResource<T>`.
pub struct Load<T> {
    inner: LocalResource<Value>,
    ty: PhantomData<fn() -> T>,
}

impl<T> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Load<T> {}

/// The one `LocalResource` of the app's code.
fn local_resource(fetch: Box<dyn Fn() -> ValueFuture>) -> LocalResource<Value> {
    LocalResource::new(fetch)
}

impl<T: Clone + 'static> Load<T> {
    /// Fetches with `fetch`, and again whenever a signal it reads (outside its `async` block)
    /// changes.
    pub fn new<F: Future<Output = T> + 'static>(fetch: impl Fn() -> F + 'static) -> Load<T> {
        Load {
            inner: local_resource(Box::new(move || erase(Box::pin(fetch())))),
            ty: PhantomData,
        }
    }

    /// The latest answer, once there is one; read inside `<Transition>`, it waits for it.
    pub fn get(&self) -> Option<T> {
        self.inner.with(|v| typed(v.as_ref()))
    }

    pub fn get_untracked(&self) -> Option<T> {
        self.inner.with_untracked(|v| typed(v.as_ref()))
    }

    /// Fetches again (after a change the data may show).
    pub fn refetch(&self) {
        self.inner.refetch();
    }
}

/// What a button or a form does on the server, as Leptos' `Action<I, O>` does it: dispatched,
/// pending while a dispatch runs, its value the answer to the latest dispatch.
///
/// Its own few signals rather than an `Action`, whose abortable dispatch (a channel and a
/// `select!`) was some 6 KB of the people's bundle's brotli.
pub struct Act<I, O> {
    raw: RawAct,
    ty: PhantomData<fn(I) -> O>,
}

impl<I, O> Clone for Act<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, O> Copy for Act<I, O> {}

/// The one action of the app's code, its input and output erased.
#[derive(Clone, Copy)]
struct RawAct {
    run: StoredValue<Run, LocalStorage>,
    /// Dispatches made, so that only the latest one's answer is kept.
    dispatched: StoredValue<u64>,
    running: RwSignal<u32>,
    pending: Memo<bool>,
    value: RwSignal<Option<Value>, LocalStorage>,
}

impl RawAct {
    fn new(run: Run) -> RawAct {
        let running = RwSignal::new(0);
        RawAct {
            run: StoredValue::new_local(run),
            dispatched: StoredValue::new(0),
            running,
            pending: Memo::new(move |_| running.get() > 0),
            value: RwSignal::new_local(None),
        }
    }

    fn dispatch(self, input: Value) {
        let Some(future) = self.run.try_with_value(|run| run(&input)) else {
            return;
        };
        let Some(this) = self.dispatched.try_update_value(|n| {
            *n += 1;
            *n
        }) else {
            return;
        };
        self.running.update(|n| *n += 1);
        leptos::task::spawn_local(async move {
            let answer = future.await;
            // The page may be gone by now: then so are its signals, and nothing is kept.
            self.running.try_update(|n| *n = n.saturating_sub(1));
            if self.dispatched.try_get_value() == Some(this) {
                self.value.try_set(Some(answer));
            }
        });
    }
}

impl<I: 'static, O: Clone + 'static> Act<I, O> {
    /// Runs `run` with the input of each dispatch; its synchronous part runs at once.
    pub fn new<F: Future<Output = O> + 'static>(run: impl Fn(&I) -> F + 'static) -> Act<I, O> {
        Act {
            raw: RawAct::new(Box::new(move |input: &Value| {
                // Only `dispatch` makes an input, always an `I`.
                input
                    .downcast_ref::<I>()
                    .map_or_else(nothing, |input| erase(Box::pin(run(input))))
            })),
            ty: PhantomData,
        }
    }

    pub fn dispatch(&self, input: I) {
        self.raw.dispatch(Rc::new(input));
    }

    /// Whether a dispatch is still running.
    pub fn pending(&self) -> Memo<bool> {
        self.raw.pending
    }

    /// The value of the latest dispatch once it finished, kept while the next one runs.
    pub fn value(&self) -> Option<O> {
        self.raw.value.with(|v| typed(v.as_ref()))
    }

    /// Forgets the value (as before any dispatch).
    pub fn clear(&self) {
        self.raw.value.try_set(None);
    }
}

/// Runs `effect` now, and again whenever a signal it reads changes: a Leptos `Effect`.
///
/// Boxed, for the same reason as the resources and actions: `Effect::new` is generic over its
/// closure, and each page's effect was its own copy of it.
pub fn effect(effect: impl Fn() + 'static) {
    local_effect(Box::new(effect));
}

/// The one `Effect` of the app's pages.
fn local_effect(effect: Box<dyn Fn()>) {
    Effect::new(move |_| effect());
}
