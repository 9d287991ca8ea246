//! The Roster app: the root component, the session, and the routes.
//!
//! Two bundles are built from this library: the app (`roster-app`, every page but one) and the
//! Import users page (`roster-import`), whose file reading, checking and grid would otherwise
//! add a fifth to what every visit downloads. Each bundle loads the other's pages by a full page
//! load ([`FullLoad`]); the server answers each page's address with its bundle.
//!
//! The app's bundle is held under 300 KB (brotli). Leptos' code is generic, compiled once for
//! each type it is used with, so the app uses it with few types: resources, actions and effects
//! go through `flow`; the parts of a page that show or hide are `AnyView`s, behind `Shown`
//! rather than `<Show>`; links take an `Href`; lists are plain lists, never a keyed `<For>`,
//! whose diffing alone is some 5 KB of compressed wasm (the import's grid, in its own bundle,
//! has one).

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

pub mod api;
mod components;
mod flow;
pub mod i18n;
mod pages;
mod session;

use i18n::{Key, t};

/// The root of the app: the session and the routes. Every page but sign-in requires a session.
#[component]
pub fn App() -> impl IntoView {
    session::provide();
    view! {
        <Router>
            <a class="skip-link" href="#main">{t(Key::SkipToContent)}</a>
            <Routes fallback=pages::not_found::NotFound>
                <Route path=path!("/sign-in") view=pages::sign_in::SignIn />
                <Route path=path!("/") view=pages::home::Home />
                <Route path=path!("/activate") view=pages::set_password::ActivatePage />
                <Route path=path!("/reset-password") view=pages::set_password::ResetPasswordPage />
                <Route path=path!("/join") view=pages::join::JoinPage />
                <Route path=path!("/forgot-password") view=pages::password::ForgotPasswordPage />
                <Route path=path!("/change-password") view=pages::password::ChangePasswordPage />
                <Route path=path!("/mailbox") view=pages::mailbox::MailboxPage />
                <ParentRoute path=path!("/accounts/:account") view=components::frame::AccountFrame>
                    <Route path=path!("/users") view=pages::users::UsersPage />
                    <Route path=path!("/users/new") view=pages::user_new::NewUserPage />
                    <Route path=path!("/users/import") view=FullLoad />
                    <Route path=path!("/users/:user") view=pages::user_detail::UserPage />
                    <Route path=path!("/invitations") view=pages::invitations::InvitationsPage />
                    <Route path=path!("/groups") view=pages::groups::GroupsPage />
                    <Route path=path!("/audit") view=pages::audit::AuditPage />
                    <Route path=path!("/settings") view=pages::settings::SettingsPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The root of the Import users bundle: the same session and account frame, one page.
#[component]
pub fn ImportApp() -> impl IntoView {
    session::provide();
    view! {
        <Router>
            <a class="skip-link" href="#main">{t(Key::SkipToContent)}</a>
            <Routes fallback=FullLoad>
                <ParentRoute path=path!("/accounts/:account") view=components::frame::AccountFrame>
                    <Route path=path!("/users/import") view=pages::import::ImportPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// A page of the other bundle: loads its address afresh, and the server answers with the bundle
/// that has the page. (The router may not have put the address in the bar yet: it is taken from
/// the router's location, never by reloading what the bar shows.)
#[component]
fn FullLoad() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let address = format!(
        "{}{}{}",
        location.pathname.get_untracked(),
        location.search.get_untracked(),
        location.hash.get_untracked()
    );
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(&address);
    }
    view! { <p role="status">{t(Key::Loading)}</p> }
}
