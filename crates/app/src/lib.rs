//! The Roster single-page app: the root component, the session, and the routes.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

pub mod api;
mod components;
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
                <Route path=path!("/activate") view=pages::link::ActivatePage />
                <Route path=path!("/reset-password") view=pages::link::ResetPasswordPage />
                <Route path=path!("/forgot-password") view=pages::password::ForgotPasswordPage />
                <Route path=path!("/change-password") view=pages::password::ChangePasswordPage />
                <Route path=path!("/mailbox") view=pages::mailbox::MailboxPage />
                <ParentRoute path=path!("/accounts/:account") view=components::frame::AccountFrame>
                    <Route path=path!("/users") view=pages::users::UsersPage />
                    <Route path=path!("/users/new") view=pages::user_new::NewUserPage />
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
