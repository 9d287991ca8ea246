//! Who is signed in, shared by every page through the context.

use crate::api::{self, Me};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The session as the app knows it.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    /// The signed-in person, once known.
    pub me: RwSignal<Option<Me>>,
    /// Whether the server has been asked yet.
    pub checked: RwSignal<bool>,
    /// Signed in with a temporary password: a new one must be chosen before anything else.
    pub must_change: RwSignal<bool>,
}

/// Asks the server who is signed in, and shares the answer.
pub fn provide() {
    let session = Session {
        me: RwSignal::new(None),
        checked: RwSignal::new(false),
        must_change: RwSignal::new(false),
    };
    provide_context(session);
    spawn_local(async move {
        match api::me().await {
            Ok(me) => session.me.set(Some(me)),
            Err(e) => session.must_change.set(e.must_change_password()),
        }
        session.checked.set(true);
    });
}

/// The session of this app.
pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_else(|| Session {
        me: RwSignal::new(None),
        checked: RwSignal::new(true),
        must_change: RwSignal::new(false),
    })
}

/// The address to come back to after signing in.
pub fn sign_in_path(next: &str) -> String {
    format!("/sign-in?next={}", next.replace('&', "%26"))
}
