//! The frame of every account page: the header with the account switcher, the navigation, the
//! "Seats used: X of N" panel and sign-out; then the page.

use crate::api::{self, AccountSummary as Account};
use crate::components::results::Outcome;
use crate::components::shown::Shown;
use crate::flow::{Act, Load, effect};
use crate::i18n::{Key, t};
use crate::session::{Signed, sign_in_path, use_session};
use leptos::prelude::*;
use leptos_router::components::{A, Outlet, Redirect};
use leptos_router::hooks::{use_location, use_navigate, use_params_map};
use roster_domain::authz::Role;
use wasm_bindgen::JsCast;

/// The account the pages below the frame are about, and a way to refresh its seat counts.
#[derive(Clone, Copy)]
pub struct CurrentAccount {
    pub id: Memo<i64>,
    /// Where the account's pages are: `/accounts`, or `/embed/accounts` in a portal's frame.
    base: &'static str,
    /// The signed-in person's accounts, with their seat counts.
    accounts: Load<Vec<Account>>,
    /// What was just done, for the page it opens (its path) to say: "User added." on the new
    /// user's page. Kept until another page opens.
    told: RwSignal<Option<(String, Told)>>,
    /// The name of a page that names itself in the document's title (a user's page, by the
    /// user's name); the others are named by their path ([`page_title`]).
    named: RwSignal<String>,
}

/// What a page tells the next one it opens.
#[derive(Debug, Clone, PartialEq)]
pub struct Told {
    pub notice: &'static str,
    /// A temporary password set on the way, shown once.
    pub secret: Option<String>,
    /// The results of adding the person to other accounts too.
    pub outcomes: Vec<Outcome>,
}

impl Told {
    pub fn new(notice: &'static str) -> Told {
        Told {
            notice,
            secret: None,
            outcomes: Vec::new(),
        }
    }
}

impl CurrentAccount {
    /// The account `id`, its pages under `base` (`/accounts`, `/embed/accounts`).
    pub(crate) fn new(id: Memo<i64>, base: &'static str) -> CurrentAccount {
        // If they cannot be loaded, the header goes without the account's name and seats.
        let accounts = Load::new(|| async { api::accounts().await.unwrap_or_default() });
        CurrentAccount {
            id,
            base,
            accounts,
            told: RwSignal::new(None),
            named: RwSignal::new(String::new()),
        }
    }

    /// Names the page open now in the document's title, for a page that [`page_title`] leaves
    /// to name itself.
    pub fn name_page(&self, name: &str) {
        self.named.set(name.to_owned());
    }

    /// Says `told` on the page at `path`, about to be opened.
    pub fn tell(&self, path: &str, told: Told) {
        self.told.set(Some((path.to_owned(), told)));
    }

    /// What was told the page open now, for a page that shows it itself (then the frame no
    /// longer shows its notice).
    pub fn take_told(&self) -> Option<Told> {
        let path = window().location().pathname().ok()?;
        let told = self.told.try_update(|t| t.take_if(|(p, _)| *p == path))??;
        Some(told.1)
    }

    /// The notice told the page open now, while it shows.
    pub(crate) fn notice(&self) -> Option<&'static str> {
        self.told.with(|t| t.as_ref().map(|(_, told)| told.notice))
    }

    /// Whether the pages are in a portal's frame (`crate::embed`).
    pub fn embedded(&self) -> bool {
        self.base != "/accounts"
    }

    /// The address of `page` of the account now (`users`, `users/7`…), to go to.
    pub fn path(&self, page: &str) -> String {
        format!("{}/{}/{page}", self.base, self.id.get_untracked())
    }

    /// The accounts, once loaded.
    fn accounts(&self) -> Vec<Account> {
        self.accounts.get().unwrap_or_default()
    }

    /// Reloads the accounts (seat counts change with licences and removals).
    pub fn refresh(&self) {
        self.accounts.refetch();
    }

    /// The address of `page` of the account (`users`, `users/7`…), for `<A href>`: it follows
    /// the account.
    pub fn href(&self, page: &str) -> Href {
        let (id, base, page) = (self.id, self.base, page.to_owned());
        Box::new(move || format!("{base}/{}/{page}", id.get()))
    }
}

/// An address that follows the signals it reads, boxed: `<A>` and its resolving of the address
/// are generic over the type of `href`, and with a closure type per link they were compiled once
/// per link.
pub type Href = Box<dyn Fn() -> String + Send + Sync>;

/// The account in context.
pub fn use_account() -> CurrentAccount {
    use_context::<CurrentAccount>()
        .unwrap_or_else(|| CurrentAccount::new(Memo::new(|_| 0), "/accounts"))
}

/// The account the address names (`/accounts/{account}/…`, `/embed/accounts/{account}/…`), 0
/// when it names none: the frames of the app and of a portal read it alike.
pub fn account_in_address() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("account")
            .and_then(|a| a.parse().ok())
            .unwrap_or(0)
    })
}

/// The frame; requires a session, and sends to sign-in without one.
#[component]
pub fn AccountFrame() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let id = account_in_address();
    let current = CurrentAccount::new(id, "/accounts");
    provide_context(current);
    // After moving to another page, put the keyboard and screen-reader focus on its content,
    // as a page load would. The path before is kept beside the effect, so that it is an
    // `effect` like the pages' (see there), not a copy of Leptos' for its own closure.
    let previous = StoredValue::new_local(None::<String>);
    effect(move || {
        let path = location.pathname.get();
        let before = previous.try_update_value(|p| p.replace(path.clone()));
        if current
            .told
            .with_untracked(|t| t.as_ref().is_some_and(|(p, _)| *p != path))
        {
            current.told.set(None);
        }
        if before.flatten().is_some_and(|p| p != path)
            && let Some(main) = document().get_element_by_id("main")
            && let Ok(main) = main.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = main.focus();
        }
    });

    // The document's title: the page, the account, the product.
    effect(move || {
        // Again once the session is known: its person's language is the texts'.
        let _ = session.me();
        let path = location.pathname.get();
        let page = page_title(&path).map_or_else(|| current.named.get(), str::to_owned);
        let account = current
            .accounts()
            .into_iter()
            .find(|a| a.id == current.id.get())
            .map(|a| a.name)
            .unwrap_or_default();
        crate::doc::set_title(&if account.is_empty() {
            page
        } else {
            format!("{page} · {account}")
        });
    });

    move || {
        if !session.checked() {
            return view! { <p class="loading" role="status">{t(Key::Loading)}</p> }.into_any();
        }
        if session.me().is_none() {
            let next = location.pathname.get_untracked();
            return view! { <Redirect path=sign_in_path(&next) /> }.into_any();
        }
        view! {
            <Header current=current />
            <main id="main" tabindex="-1">
                {move || current.told.get().map(|(_, told)| view! { <p class="notice" role="status">{told.notice}</p> })}
                <Outlet />
            </main>
        }
        .into_any()
    }
}

/// The name of the account's page at `path` in the document's title; `None` for a user's page,
/// which names itself ([`CurrentAccount::name_page`]).
fn page_title(path: &str) -> Option<&'static str> {
    // `/accounts/1/users/new` → `users/new`.
    let page = path.splitn(4, '/').nth(3).unwrap_or_default();
    Some(match page.trim_end_matches('/') {
        "users" => t(Key::UsersTitle),
        "users/new" => t(Key::AddUserTitle),
        "users/import" => t(Key::ImportTitle),
        "invitations" => t(Key::InvitationsTitle),
        "groups" => t(Key::GroupsTitle),
        "audit" => t(Key::AuditTitle),
        "settings" => t(Key::SettingsTitle),
        _ => return None,
    })
}

/// The header of the frame.
#[component]
fn Header(current: CurrentAccount) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let this = move || {
        current
            .accounts()
            .into_iter()
            .find(|a| a.id == current.id.get())
    };
    let administered = move || {
        current
            .accounts()
            .into_iter()
            .filter(|a| a.role == Role::Admin)
            .collect::<Vec<_>>()
    };
    let switch = move |ev: leptos::ev::Event| {
        if let Ok(id) = event_target_value(&ev).parse::<i64>() {
            navigate(&format!("/accounts/{id}/users"), Default::default());
        }
    };
    // Signed out here whatever the server answers: the frame then sends to sign-in.
    let sign_out = Act::new(move |_: &()| async move {
        let _ = api::sign_out().await;
        session.set(Signed::Out);
    });
    view! {
        <header class="masthead">
            <a class="brand" href="/">{t(Key::ProductName)}</a>
            <Shown when=move || { administered().len() > 1 }>
                <label class="switcher">
                    <span>{t(Key::Account)}</span>
                    <select on:change=switch.clone()>
                        // A plain list rather than a keyed `<For>` (see the crate's header): the
                        // options are rebuilt in place when the accounts load again.
                        {move || administered().into_iter().map(|account| view! {
                            <option value=account.id.to_string() selected=move || account.id == current.id.get()>
                                {account.name}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
            </Shown>
            <Shown when=move || { administered().len() <= 1 }>
                <span class="account-name">{move || this().map(|a| a.name).unwrap_or_default()}</span>
            </Shown>
            <p class="seats" role="status" aria-live="polite">
                {move || this().map(|a| crate::i18n::labelled(t(Key::SeatsUsed), crate::i18n::fill(t(Key::SeatsCount), &[("used", &a.seats_used.to_string()), ("total", &a.seats.to_string())]))).unwrap_or_default()}
                // The people holding the seats (000 "click Manage under Seats used"), on the
                // users list filtered by its address.
                " " <A href=current.href("users?licensed=true") attr:aria-label=t(Key::ManageSeats)>{t(Key::Manage)}</A>
            </p>
            <nav aria-label=t(Key::MainNavigation)>
                <A href=current.href("users")>{t(Key::NavUsers)}</A>
                <A href=current.href("invitations")>{t(Key::NavInvitations)}</A>
                <A href=current.href("groups")>{t(Key::NavGroups)}</A>
                <A href=current.href("audit")>{t(Key::NavAudit)}</A>
                <A href=current.href("settings")>{t(Key::NavSettings)}</A>
                <A href="/mailbox">{t(Key::NavMailbox)}</A>
            </nav>
            // Who is signed in, their details and signing out stay together, at the end of the
            // first line; the navigation takes a line of its own below (the stylesheet's order).
            <span class="who">
                {move || session.me().map(|m| m.username).unwrap_or_default()}
                " · " <a href="/me">{t(Key::MyDetailsTitle)}</a>
                " " <button type="button" class="link" on:click=move |_| { sign_out.dispatch(()); }>{t(Key::SignOut)}</button>
            </span>
        </header>
    }
}
