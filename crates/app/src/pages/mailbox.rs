//! `/mailbox`: the emails Roster wrote, while no SMTP server is configured, so that someone
//! trying Roster on a laptop can follow an activation link. Links in the emails are clickable.

use crate::api::{self, MailboxEmail};
use crate::components::loaded::Loaded;
use crate::flow::Load;
use crate::i18n::{Key, date_time, t};
use leptos::prelude::*;
use leptos_router::components::A;

/// `/mailbox`.
#[component]
pub fn MailboxPage() -> impl IntoView {
    let emails = Load::new(api::mailbox);
    crate::doc::set_title(t(Key::MailboxTitle));
    view! {
        <main id="main" tabindex="-1">
            <p><A href="/">{t(Key::NotFoundHome)}</A></p>
            <h1>{t(Key::MailboxTitle)}</h1>
            <Loaded>
                {move || emails.get().map(|loaded| match loaded {
                    // Not an error: the server sends email, so there is no mailbox to show.
                    Err(e) if e.status == 404 => Ok(view! { <p>{t(Key::MailboxUnavailable)}</p> }.into_any()),
                    Err(e) => Err(e),
                    Ok(list) if list.is_empty() => Ok(view! {
                        <p class="lead">{t(Key::MailboxLead)}</p>
                        <p>{t(Key::MailboxEmpty)}</p>
                    }.into_any()),
                    Ok(list) => Ok(view! {
                        <p class="lead">{t(Key::MailboxLead)}</p>
                        {list.into_iter().map(|e| view! { <Email email=e /> }).collect_view()}
                    }.into_any()),
                })}
            </Loaded>
        </main>
    }
}

#[component]
fn Email(email: MailboxEmail) -> impl IntoView {
    let heading = format!("mail-{}", email.id);
    let labelled_by = heading.clone();
    view! {
        <article class="card email" aria-labelledby=labelled_by>
            <h2 id=heading>{email.subject}</h2>
            <p class="meta">{t(Key::To)} " " {email.to} " · " {date_time(email.created_at)}</p>
            <div class="email-body">
                {email.text.lines().map(|line| {
                    let line = line.trim_end().to_owned();
                    if line.starts_with("http://") || line.starts_with("https://") {
                        view! { <p><a href=line.clone()>{line.clone()}</a></p> }.into_any()
                    } else if line.is_empty() {
                        ().into_any()
                    } else {
                        view! { <p>{line}</p> }.into_any()
                    }
                }).collect_view()}
            </div>
        </article>
    }
}
