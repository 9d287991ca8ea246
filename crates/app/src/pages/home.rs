//! The start address: sends a signed-in administrator to the users of their account (or lets
//! them choose one), someone who administers nothing to My details, and anyone else to sign in. It is the people's bundle's; the accounts' pages are the
//! administration bundle's, loaded afresh.

use crate::i18n::{Key, role_label, t};
use crate::nav::{Nav, use_nav};
use crate::session::use_session;
use leptos::prelude::*;
use roster_domain::authz::Role;

/// `/`.
#[component]
pub fn Home() -> impl IntoView {
    let session = use_session();
    let nav = use_nav();
    move || {
        if !session.checked() {
            return view! { <p class="loading" role="status">{t(Key::Loading)}</p> }.into_any();
        }
        if session.must_change() {
            return redirect(nav, "/change-password");
        }
        let me = session.me();
        let Some(me) = me else {
            return redirect(nav, "/sign-in");
        };
        let accounts = me.accounts;
        let administered: Vec<_> = accounts
            .iter()
            .filter(|a| a.role == Role::Admin)
            .cloned()
            .collect();
        match (accounts.len(), administered.as_slice()) {
            (1, [account]) => redirect(nav, &format!("/accounts/{}/users", account.id)),
            // Nothing to administer: My details.
            (_, []) => redirect(nav, "/me"),
            _ => view! {
                <main id="main" class="narrow" tabindex="-1">
                    <h1>{t(Key::ChooseAccountTitle)}</h1>
                    <p class="lead">{t(Key::ChooseAccountLead)}</p>
                    <ul class="choices">
                        {accounts.into_iter().map(|a| if a.role == Role::Admin {
                            view! { <li><a href=format!("/accounts/{}/users", a.id)>{a.name}</a></li> }.into_any()
                        } else {
                            // Nothing to administer there: named, with the person's role.
                            view! { <li>{format!("{} — {}", a.name, role_label(a.role))}</li> }.into_any()
                        }).collect_view()}
                    </ul>
                    <p><a href="/me">{t(Key::MyDetailsTitle)}</a></p>
                </main>
            }
            .into_any(),
        }
    }
}

/// Sends on to `address` in place of the start address, saying so while it loads.
fn redirect(nav: Nav, address: &str) -> AnyView {
    nav.redirect(address);
    view! { <p class="loading" role="status">{t(Key::Loading)}</p> }.into_any()
}
