//! The frame of every account page: the header with the account switcher, the navigation, the
//! "Seats used: X of N" panel and sign-out; then the page.

use crate::api::{self, AccountSummary as Account};
use crate::i18n::{Key, t};
use crate::session::{sign_in_path, use_session};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{A, Outlet, Redirect};
use leptos_router::hooks::{use_location, use_navigate, use_params_map};
use roster_domain::authz::Role;
use wasm_bindgen::JsCast;

/// The account the pages below the frame are about, and a way to refresh its seat counts.
#[derive(Debug, Clone, Copy)]
pub struct CurrentAccount {
    pub id: Memo<i64>,
    pub accounts: RwSignal<Vec<Account>>,
}

impl CurrentAccount {
    /// Reloads the accounts (seat counts change with licences and removals).
    pub fn refresh(&self) {
        let accounts = self.accounts;
        spawn_local(async move {
            if let Ok(list) = api::accounts().await {
                accounts.set(list);
            }
        });
    }
}

/// The account in context.
pub fn use_account() -> CurrentAccount {
    use_context::<CurrentAccount>().unwrap_or_else(|| CurrentAccount {
        id: Memo::new(|_| 0),
        accounts: RwSignal::new(Vec::new()),
    })
}

/// The frame; requires a session, and sends to sign-in without one.
#[component]
pub fn AccountFrame() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("account")
            .and_then(|a| a.parse().ok())
            .unwrap_or(0)
    });
    let current = CurrentAccount {
        id,
        accounts: RwSignal::new(Vec::new()),
    };
    provide_context(current);
    current.refresh();
    // After moving to another page, put the keyboard and screen-reader focus on its content,
    // as a page load would.
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path)
            && let Some(main) = document().get_element_by_id("main")
            && let Ok(main) = main.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = main.focus();
        }
        path
    });

    move || {
        if !session.checked.get() {
            return view! { <p class="loading" role="status">{t(Key::Loading)}</p> }.into_any();
        }
        if session.me.get().is_none() {
            let next = location.pathname.get_untracked();
            return view! { <Redirect path=sign_in_path(&next) /> }.into_any();
        }
        view! {
            <Header current=current />
            <main id="main" tabindex="-1">
                <Outlet />
            </main>
        }
        .into_any()
    }
}

/// The header of the frame.
#[component]
fn Header(current: CurrentAccount) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let this = move || {
        current
            .accounts
            .get()
            .into_iter()
            .find(|a| a.id == current.id.get())
    };
    let administered = move || {
        current
            .accounts
            .get()
            .into_iter()
            .filter(|a| a.role == Role::Admin)
            .collect::<Vec<_>>()
    };
    let switch = move |ev: leptos::ev::Event| {
        if let Ok(id) = event_target_value(&ev).parse::<i64>() {
            navigate(&format!("/accounts/{id}/users"), Default::default());
        }
    };
    let sign_out = move |_| {
        spawn_local(async move {
            let _ = api::sign_out().await;
            session.me.set(None);
        });
    };
    let link = move |page: &str| format!("/accounts/{}/{page}", current.id.get());
    view! {
        <header class="masthead">
            <a class="brand" href="/">{t(Key::ProductName)}</a>
            <Show when=move || { administered().len() > 1 }>
                <label class="switcher">
                    <span>{t(Key::Account)}</span>
                    <select on:change=switch.clone()>
                        <For each=administered key=|a| a.id let:account>
                            <option value=account.id.to_string() selected=move || account.id == current.id.get()>
                                {account.name.clone()}
                            </option>
                        </For>
                    </select>
                </label>
            </Show>
            <Show when=move || { administered().len() <= 1 }>
                <span class="account-name">{move || this().map(|a| a.name).unwrap_or_default()}</span>
            </Show>
            <p class="seats" role="status" aria-live="polite">
                {move || this().map(|a| format!("{}: {} of {}", t(Key::SeatsUsed), a.seats_used, a.seats)).unwrap_or_default()}
                " " <A href=move || link("settings")>{t(Key::Manage)}</A>
            </p>
            <nav aria-label=t(Key::MainNavigation)>
                <A href=move || link("users")>{t(Key::NavUsers)}</A>
                <A href=move || link("invitations")>{t(Key::NavInvitations)}</A>
                <A href=move || link("groups")>{t(Key::NavGroups)}</A>
                <A href=move || link("audit")>{t(Key::NavAudit)}</A>
                <A href=move || link("settings")>{t(Key::NavSettings)}</A>
                <A href="/mailbox">{t(Key::NavMailbox)}</A>
            </nav>
            <span class="who">{move || session.me.get().map(|m| m.username).unwrap_or_default()}</span>
            <button type="button" class="link" on:click=sign_out>{t(Key::SignOut)}</button>
        </header>
    }
}
