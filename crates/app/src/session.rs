//! Who is signed in, shared by every page through the context: asked of the server once when
//! the app starts, then changed by the pages that sign in and out.
//!
//! A signal that the answer fills, not a resource: nothing waits for it in a `<Transition>`, and
//! the people's bundle then needs no resource at all (their code is some 8 KB of its brotli).

use crate::api::{self, Me};
use leptos::prelude::*;

/// Who the server says is signed in.
#[derive(Debug, Clone)]
pub enum Signed {
    In(Me),
    /// Signed in with a temporary password: a new one must be chosen before anything else.
    MustChangePassword,
    Out,
}

/// The session as the app knows it.
#[derive(Clone, Copy)]
pub struct Session(RwSignal<Option<Signed>>);

impl Session {
    /// Whether the server has answered yet.
    pub fn checked(&self) -> bool {
        self.0.with(|s| s.is_some())
    }

    /// The signed-in person, once known.
    pub fn me(&self) -> Option<Me> {
        self.0.with(|s| match s {
            Some(Signed::In(me)) => Some(me.clone()),
            _ => None,
        })
    }

    /// The signed-in person, without tracking changes.
    pub fn me_untracked(&self) -> Option<Me> {
        self.0.with_untracked(|s| match s {
            Some(Signed::In(me)) => Some(me.clone()),
            _ => None,
        })
    }

    /// Whether a new password must be chosen before anything else.
    pub fn must_change(&self) -> bool {
        self.0
            .with(|s| matches!(s, Some(Signed::MustChangePassword)))
    }

    /// What signing in or out, activating or changing the password has just told. The app
    /// follows the language of the person signed in.
    pub fn set(&self, signed: Signed) {
        if let Signed::In(me) = &signed {
            crate::i18n::follow(me.language);
        }
        self.0.set(Some(signed));
    }
}

/// Asks the server who is signed in, and shares the answer.
pub fn provide() {
    let session = Session(RwSignal::new(None));
    provide_context(session);
    leptos::task::spawn_local(async move {
        // No answer at all (the page being left cancels the request; the network drops for a
        // moment) is asked again rather than taken for "signed out": that would send the person
        // to sign in, and a page being left would send the browser there instead of where it
        // was going.
        let mut answer = api::me().await;
        for wait in [500, 2000] {
            if !matches!(&answer, Err(e) if e.status == 0) {
                break;
            }
            pause(wait).await;
            answer = api::me().await;
        }
        let signed = match answer {
            Ok(me) => Signed::In(me),
            Err(e) if e.must_change_password() => Signed::MustChangePassword,
            Err(_) => Signed::Out,
        };
        // Unless a page has signed in or out meanwhile.
        if session.0.with_untracked(Option::is_none) {
            session.set(signed);
        }
        // A page of the people built in another language than the person's: the other build.
        crate::i18n::reload_if_stale();
    });
}

/// Waits `ms` milliseconds: the browser's own timer behind a promise, lighter in the people's
/// bundle than a timer crate.
async fn pause(ms: i32) {
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
}

/// The session of this app.
pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_else(|| Session(RwSignal::new(Some(Signed::Out))))
}

/// The address to come back to after signing in.
pub fn sign_in_path(next: &str) -> String {
    format!("/sign-in?next={}", next.replace('&', "%26"))
}
