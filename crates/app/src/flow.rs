//! The pages' data flow: a [`Load`] is a Leptos `LocalResource` (fetched again when a signal its
//! fetcher reads changes, only the answer to the latest request kept, awaited by `<Transition>`),
//! an [`Act`] a Leptos `Action` (dispatched, pending, its last value), each typed as the page
//! wants.
//!
//! An effect that resets a page's state when what it shows changes is an [`effect()`].
//!
//! Underneath, every resource is the same `LocalResource<Value>` and every action the same
//! `Action<Value, Value>`: the types are erased here and put back when read. Leptos' resource and
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

    /// Reads the latest answer in place, `None` before the first.
    pub fn with<R>(&self, read: impl FnOnce(Option<&T>) -> R) -> R {
        self.inner
            .with(|v| read(v.as_ref().and_then(|v| v.downcast_ref::<T>())))
    }

    /// Fetches again (after a change the data may show).
    pub fn refetch(&self) {
        self.inner.refetch();
    }

    /// Replaces the answer with what the app learnt otherwise.
    pub fn set(&self, value: T) {
        self.inner.set(Some(Rc::new(value)));
    }
}

/// What a button or a form does on the server, as an `Action<I, O>`.
pub struct Act<I, O> {
    inner: Action<Value, Value>,
    pending: Memo<bool>,
    value: MappedSignal<Option<Value>>,
    ty: PhantomData<fn(I) -> O>,
}

impl<I, O> Clone for Act<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, O> Copy for Act<I, O> {}

/// The one `Action` of the app's code.
fn local_action(run: Box<dyn Fn(&Value) -> ValueFuture>) -> Act<(), ()> {
    let inner = Action::new_local(move |input: &Value| run(input));
    Act {
        inner,
        pending: inner.pending(),
        value: inner.value(),
        ty: PhantomData,
    }
}

impl<I: 'static, O: Clone + 'static> Act<I, O> {
    /// Runs `run` with the input of each dispatch; its synchronous part runs at once.
    pub fn new<F: Future<Output = O> + 'static>(run: impl Fn(&I) -> F + 'static) -> Act<I, O> {
        let act = local_action(Box::new(move |input: &Value| {
            // Only `dispatch` makes an input, always an `I`.
            input
                .downcast_ref::<I>()
                .map_or_else(nothing, |input| erase(Box::pin(run(input))))
        }));
        Act {
            inner: act.inner,
            pending: act.pending,
            value: act.value,
            ty: PhantomData,
        }
    }

    pub fn dispatch(&self, input: I) {
        self.inner.dispatch_local(Rc::new(input));
    }

    /// Whether a dispatch is still running.
    pub fn pending(&self) -> Memo<bool> {
        self.pending
    }

    /// The value of the latest dispatch that finished, kept while the next one runs.
    pub fn value(&self) -> Option<O> {
        self.value.with(|v| typed(v.as_ref()))
    }

    /// Forgets the value (as before any dispatch).
    pub fn clear(&self) {
        self.inner.clear();
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
