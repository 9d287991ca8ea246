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
        let signed = match api::me().await {
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

/// The session of this app.
pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_else(|| Session(RwSignal::new(Some(Signed::Out))))
}

/// The address to come back to after signing in.
pub fn sign_in_path(next: &str) -> String {
    format!("/sign-in?next={}", next.replace('&', "%26"))
}
