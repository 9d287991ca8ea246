//! `/me`, My details: what a person keeps of their own login, on a phone first. One column of
//! sections, each its own form: contact details, email, password, challenge question,
//! authorization number, where I am signed in, my accounts (and the requests to join one), and my
//! activity. Everything here applies in every account I belong to.

mod accounts;
mod activity;
mod contact;
mod email;
mod security;
mod sessions;

use crate::api::{self, ApiResult, Me, Tagged};
use crate::components::loaded::alert;
use crate::flow::Act;
use crate::i18n::{Key, t};
use crate::nav::use_nav;
use crate::session::{Signed, use_session};
use leptos::prelude::*;
use roster_domain::authz::Role;

pub use email::ConfirmEmailPage;

/// My details as last read, shared by the sections: each change answers them anew.
#[derive(Clone, Copy)]
pub(super) struct Mine(RwSignal<Option<Tagged<Me>>>);

impl Mine {
    pub(super) fn get(&self) -> Option<Tagged<Me>> {
        self.0.get()
    }

    /// Without tracking: what a section starts from.
    pub(super) fn untracked(&self) -> Option<Tagged<Me>> {
        self.0.get_untracked()
    }

    pub(super) fn set(&self, me: Tagged<Me>) {
        self.0.set(Some(me));
    }
}

/// `/me`.
#[component]
pub fn MyDetailsPage() -> impl IntoView {
    let session = use_session();
    let nav = use_nav();
    let mine = Mine(RwSignal::new(None));
    // Read once, into `mine`: a signal the answer fills rather than a resource (see `session`).
    let loaded = Act::new(move |_: &()| async move {
        let answer = api::my_details().await;
        if let Ok(me) = &answer {
            mine.set(me.clone());
        }
        answer.map(|_| ())
    });
    loaded.dispatch(());
    let sign_out = Act::new(move |_: &()| async move {
        let _ = api::sign_out().await;
        session.set(Signed::Out);
        nav.go("/sign-in");
        ApiResult::Ok(())
    });
    // The sections are built once, when my details first arrive; each keeps its own form.
    let ready = Memo::new(move |_| mine.0.with(Option::is_some));
    let body = move || match (loaded.value(), ready.get()) {
        (_, true) => sections(mine).into_any(),
        (Some(Err(e)), false) if e.is_unauthenticated() => {
            nav.redirect("/sign-in?next=/me");
            ().into_any()
        }
        (Some(Err(e)), false) => alert(e.message()),
        (_, false) => view! { <p role="status">{t(Key::Loading)}</p> }.into_any(),
    };
    view! {
        <header class="masthead">
            <span class="brand">{t(Key::ProductName)}</span>
            <button type="button" class="link end" on:click=move |_| sign_out.dispatch(())
                disabled=move || sign_out.pending().get()>{t(Key::SignOut)}</button>
        </header>
        <main id="main" class="narrow me" tabindex="-1">
            <h1>{t(Key::MyDetailsTitle)}</h1>
            <p class="lead">{t(Key::MyDetailsLead)}</p>
            {body}
        </main>
    }
}

/// My details in a portal's frame (`/embed/accounts/:account/me`, `crate::embed`), in the
/// administration bundle: the people's, at its budget, has no embedded page. The frame has the
/// `<main>`; the portal, the header and signing out. The sections are My details' own, less
/// those an embedded session cannot reach or a frame cannot show: the password's page (a page of
/// the people's bundle, which no portal may frame), my accounts and my activity (which tell of
/// other accounts).
#[component]
pub fn EmbeddedDetailsPage() -> impl IntoView {
    let mine = Mine(RwSignal::new(None));
    let loaded = Act::new(move |_: &()| async move {
        let answer = api::my_details().await;
        if let Ok(me) = &answer {
            mine.set(me.clone());
        }
        answer.map(|_| ())
    });
    loaded.dispatch(());
    let ready = Memo::new(move |_| mine.0.with(Option::is_some));
    let body = move || match (loaded.value(), ready.get()) {
        (_, true) => view! {
            <contact::ContactSection mine=mine />
            <email::EmailSection mine=mine />
            <security::ChallengeSection mine=mine />
            <security::NumberSection mine=mine />
            <sessions::SessionsSection />
        }
        .into_any(),
        (Some(Err(e)), false) => alert(e.message()),
        (_, false) => view! { <p role="status">{t(Key::Loading)}</p> }.into_any(),
    };
    crate::doc::set_title(t(Key::MyDetailsTitle));
    view! {
        <div class="narrow me">
            <h1>{t(Key::MyDetailsTitle)}</h1>
            <p class="lead">{t(Key::MyDetailsLead)}</p>
            {body}
        </div>
    }
}

/// The sections of My details.
fn sections(mine: Mine) -> impl IntoView + use<> {
    let administers = mine
        .untracked()
        .is_some_and(|me| me.value.accounts.iter().any(|a| a.role == Role::Admin));
    view! {
        {administers.then(|| view! {
            <p><a href="/">{t(Key::MyDetailsAdminLink)}</a></p>
        })}
        <contact::ContactSection mine=mine />
        <email::EmailSection mine=mine />
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">{t(Key::Password)}</h2>
            <p><a href="/change-password">{t(Key::ChangePassword)}</a></p>
        </section>
        <security::ChallengeSection mine=mine />
        <security::NumberSection mine=mine />
        <sessions::SessionsSection />
        <accounts::AccountsSection mine=mine />
        <activity::ActivitySection />
    }
}
