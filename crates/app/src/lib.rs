//! The Roster app: the root component, the session, and the routes.
//!
//! Three bundles are built from this library: the administration pages (`roster-app`); the
//! Import users page (`roster-import`), whose file reading, checking and grid would otherwise
//! add a fifth to what every administrator's visit downloads; and the people's pages
//! (`roster-people`): the pages a person opens on a phone (sign-in, forgotten password, the
//! activation and reset links, a request to join, the password change, My details and the link
//! that confirms a new email) and the start address, without the administration pages. Each
//! bundle loads the others' pages by a full page load ([`FullLoad`]); the server answers each
//! page's address with the bundle that routes it (its `spa` module). The Import users page's
//! bundle also runs in a Web Worker beside the page, reading the second half of a large file
//! (`pages/import/helper.rs`).
//!
//! The app's bundle is held under 300 KB (brotli), and the people's under 120 KB: all that a
//! phone downloads to sign in, so it has no leptos_router (its navigation is `nav`) and no
//! resource. Leptos' code is generic, compiled once for each type it is used with, so the app
//! uses it with few types: resources, actions and effects go through `flow`; the parts of a page
//! that show or hide are `AnyView`s, behind `Shown` rather than `<Show>` (or, in the people's
//! bundle, behind a closure of their own, without `Shown`'s children); links take an `Href`;
//! lists are plain lists, never a keyed `<For>`, whose diffing alone is some 5 KB of compressed
//! wasm (the import's grid, in its own bundle, has one).
//!
//! What weighs, once compressed, is what a bundle holds once: brotli finds a repeated stretch of
//! code wherever it is, so folding two similar views into one saves little, while a table or a
//! routine used in one place costs all of its size. So the people's bundle reads Unicode's case
//! and letters by the browser's own tables (the domain's `values::text`), holds only the texts of
//! its own pages (`i18n`), decodes each type's JSON by that type's needs alone (`api::json`),
//! leaves out what one of its pages alone would use of Leptos (`Shown`, `NodeRef`, `class:`) and
//! loads only `main.css` (`admin.css` is the other bundles'). Each bundle's wasm-opt also runs
//! the Relooper (`--flatten --rereloop`) and `-Oz` again after its `-Oz` (the `<link>` of its
//! page: index.html, import.html, people.html), some 2 KB less, and the people's bundle runs
//! it to convergence, 0.5 KB less again for a few seconds of build.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

pub mod api;
mod components;
mod doc;
mod embed;
mod flow;
pub mod i18n;
mod nav;
mod pages;
mod session;

use i18n::{Key, t};

/// The root of the administration bundle: the session and the routes. Every page requires a
/// session; the people's pages and the Import users page are the other bundles'.
#[component]
pub fn App() -> impl IntoView {
    session::provide();
    // The pages are drawn once the server has said who is signed in, and so in which language:
    // the pages outside an account (the mailbox, an unknown address) and the skip link were
    // otherwise drawn in English for a French administrator before the answer came.
    let session = session::use_session();
    let known = Memo::new(move |_| session.checked());
    view! {
        <Router>
            {move || known.get().then(|| view! {
            <doc::SkipLink />
            <Routes fallback=pages::not_found::NotFound>
                // The people's bundle (`PeopleApp`), the same paths.
                <Route path=path!("/") view=FullLoad />
                <Route path=path!("/sign-in") view=FullLoad />
                <Route path=path!("/forgot-password") view=FullLoad />
                <Route path=path!("/reset-password") view=FullLoad />
                <Route path=path!("/activate") view=FullLoad />
                <Route path=path!("/join") view=FullLoad />
                <Route path=path!("/change-password") view=FullLoad />
                <Route path=path!("/me") view=FullLoad />
                <Route path=path!("/confirm-email") view=FullLoad />
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
                // In a portal's frame (`embed`): the pages an administrator manages people with,
                // Import users (the Import bundle's, `ImportApp`), and a person's own details.
                <ParentRoute path=path!("/embed/accounts/:account") view=embed::EmbedFrame>
                    <Route path=path!("/users") view=pages::users::UsersPage />
                    <Route path=path!("/users/new") view=pages::user_new::NewUserPage />
                    <Route path=path!("/users/import") view=FullLoad />
                    <Route path=path!("/users/:user") view=pages::user_detail::UserPage />
                    <Route path=path!("/invitations") view=pages::invitations::InvitationsPage />
                    <Route path=path!("/me") view=pages::me::EmbeddedDetailsPage />
                </ParentRoute>
            </Routes>
            })}
        </Router>
    }
}

/// The root of the Import users bundle: the same session and account frame, one page; and the
/// same page in a portal's frame (`embed`).
#[component]
pub fn ImportApp() -> impl IntoView {
    session::provide();
    view! {
        <Router>
            <doc::SkipLink />
            <Routes fallback=FullLoad>
                <ParentRoute path=path!("/accounts/:account") view=components::frame::AccountFrame>
                    <Route path=path!("/users/import") view=pages::import::ImportPage />
                </ParentRoute>
                <ParentRoute path=path!("/embed/accounts/:account") view=embed::EmbedFrame>
                    <Route path=path!("/users/import") view=pages::import::ImportPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The root of the people's bundle: the same session, the pages a person opens on a phone and
/// the start address; every other address is another bundle's, loaded afresh. Its navigation is
/// its own (`nav`), not leptos_router's, to keep the bundle small.
#[component]
pub fn PeopleApp() -> impl IntoView {
    session::provide();
    view! {
        <a class="skip-link" href="#main">{t(Key::SkipToContent)}</a>
        <nav::Pages table=people_page />
    }
}

/// The routes of the people's bundle: its page at `path`, with or without one trailing `/`, and
/// the page's name for the document's title (`doc`). The server's `spa` module answers exactly
/// these paths with the bundle, and the administration bundle (`App`) loads them afresh.
fn people_page(path: &str) -> Option<nav::Page> {
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    Some(match path {
        "/" => (t(Key::ChooseAccountTitle), || {
            view! { <pages::home::Home /> }.into_any()
        }),
        "/sign-in" => (t(Key::SignIn), || {
            view! { <pages::sign_in::SignIn /> }.into_any()
        }),
        "/forgot-password" => (t(Key::ForgotTitle), || {
            view! { <pages::password::ForgotPasswordPage /> }.into_any()
        }),
        "/reset-password" => (t(Key::ResetTitle), || {
            view! { <pages::set_password::ResetPasswordPage /> }.into_any()
        }),
        "/activate" => (t(Key::ActivateTitle), || {
            view! { <pages::set_password::ActivatePage /> }.into_any()
        }),
        "/join" => (t(Key::JoinTitle), || {
            view! { <pages::join::JoinPage /> }.into_any()
        }),
        "/change-password" => (t(Key::ChangePasswordTitle), || {
            view! { <pages::password::ChangePasswordPage /> }.into_any()
        }),
        "/me" => (t(Key::MyDetailsTitle), || {
            view! { <pages::me::MyDetailsPage /> }.into_any()
        }),
        "/confirm-email" => (t(Key::MyEmailConfirmTitle), || {
            view! { <pages::me::ConfirmEmailPage /> }.into_any()
        }),
        _ => return None,
    })
}

/// A page of another bundle: loads its address afresh, and the server answers with the bundle
/// that has the page. (The router may not have put the address in the bar yet: it is taken from
/// the router's location, never by reloading what the bar shows.) In a portal's frame, an
/// account's page is loaded as the frame's ([`embed::framed_path`]): no portal may frame the
/// other.
#[component]
fn FullLoad() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    // The router keeps the query without its `?` (and the fragment with its `#`).
    let search = location.search.get_untracked();
    let address = format!(
        "{}{}{search}{}",
        embed::framed_path(location.pathname.get_untracked()),
        if search.is_empty() { "" } else { "?" },
        location.hash.get_untracked()
    );
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(&address);
    }
    view! { <p role="status">{t(Key::Loading)}</p> }
}
