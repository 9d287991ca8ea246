//! What Roster's emails say: one catalogue of subjects and bodies keyed by the domain's
//! [`EmailKind`] and the recipient's language (English here, French in [`french`]), and
//! [`notify`], which writes the emails a change causes into the outbox of its transaction.
//!
//! No email carries a password. Links are built from the configured public address, never from
//! the request's `Host`.

use crate::error::AppError;
use crate::outbox::{self, Email};
use crate::store::{self, Tx};
use roster_domain::notify::{EmailKind, Event, recipients};
use roster_domain::values::Language;

mod french;

/// What the emails of one change may mention.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    /// The account the change happened in.
    pub account: Option<String>,
    /// The full name of the person the change is about.
    pub subject_name: String,
    /// A single-use link (activation, password reset, join request) and how many hours it
    /// works for.
    pub link: Option<(String, i64)>,
    /// Who asked for the change, by name (a join request says who asks).
    pub requester_name: Option<String>,
    /// The address a change of email waits to be confirmed at.
    pub new_email: Option<String>,
}

/// A rendered email.
#[derive(Debug, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The language of a recipient's `language` code (`fr`); English for any other.
fn language_of(language: &str) -> Language {
    Language::parse(language).unwrap_or_default()
}

/// The subject and paragraphs of `kind`, in the recipient's `language`.
fn catalogue(kind: EmailKind, language: Language, facts: &Facts) -> (String, Vec<String>) {
    match language {
        Language::En => english(kind, facts),
        Language::Fr => french::catalogue(kind, facts),
    }
}

/// The subject and paragraphs of `kind`, in English.
fn english(kind: EmailKind, facts: &Facts) -> (String, Vec<String>) {
    let account = facts.account.as_deref().unwrap_or("Roster");
    let who = &facts.subject_name;
    let hours = facts.link.as_ref().map_or(0, |(_, h)| *h);
    let lasts = if hours % 24 == 0 && hours >= 24 {
        format!("{} days", hours / 24)
    } else if hours == 1 {
        "1 hour".to_owned()
    } else {
        format!("{hours} hours")
    };
    match kind {
        EmailKind::Activation => (
            format!("Activate your {account} account"),
            vec![
                format!("You have been invited to {account}. Open the link below to choose your password and activate your account."),
                format!("The link works once, for {lasts}. If it has expired, ask your administrator to send a new invitation."),
            ],
        ),
        EmailKind::UserAddedConfirmation => (
            format!("{who} was added to {account}"),
            vec![format!("{who} was added to {account} and invited to activate their account.")],
        ),
        EmailKind::UserUpdatedConfirmation => (
            format!("{who} was updated in {account}"),
            vec![format!("Your changes to {who} in {account} were saved.")],
        ),
        EmailKind::YourDetailsChanged => (
            format!("Your details in {account} were changed"),
            vec![
                format!("An administrator of {account} changed your details or authorizations."),
                "If you did not expect this, contact your administrator.".to_owned(),
            ],
        ),
        EmailKind::RemovalConfirmation => (
            format!("{who} was removed from {account}"),
            vec![format!("{who} was removed from {account}.")],
        ),
        EmailKind::RemovalIncomplete => (
            "You were not removed from every account".to_owned(),
            vec![
                "An administrator asked to remove you from several accounts, but some of those removals could not be made.".to_owned(),
                "You keep your access to the accounts you were not removed from. Contact your administrator with any questions.".to_owned(),
            ],
        ),
        EmailKind::LicenceReceived => (
            format!("A licence in {account} is yours"),
            vec![format!("You now hold a licence seat in {account}.")],
        ),
        EmailKind::SecurityDetailsChanged => (
            "Your password or security details changed".to_owned(),
            vec![
                "Your password, challenge question or authorization number was just changed. A new password also signs you out everywhere else.".to_owned(),
                "If this was not you, ask your administrator to suspend your account at once.".to_owned(),
            ],
        ),
        EmailKind::JoinRequest => {
            let by = facts.requester_name.as_deref().unwrap_or("An administrator");
            (
                format!("{account} asks you to join it"),
                vec![
                    format!("{by}, an administrator of {account}, asked to add you to {account} in Roster. Open the link below to accept or decline."),
                    format!("If you accept, the administrators of {account} can manage your membership of it: your role, group, authorizations and licence there. Your login, password and details stay yours and your own accounts' to manage."),
                    format!("The link works once, for {lasts}. If you do not expect this, decline or ignore it: nothing changes until you accept."),
                ],
            )
        }
        EmailKind::EmailChangeConfirmation => (
            "Confirm your new email address".to_owned(),
            vec![
                "You asked to use this address for your Roster login. Open the link below to confirm it: your email changes only then.".to_owned(),
                format!("The link works once, for {lasts}. If you did not ask for this, ignore this email: nothing changes."),
            ],
        ),
        EmailKind::EmailChangeNotice => (
            "A change of your email address was asked".to_owned(),
            vec![
                format!("Someone signed in as you asked to change the email address of your Roster login to {}. It changes only when the link sent to that address is followed.", facts.new_email.as_deref().unwrap_or("another address")),
                "If this was not you, change your password at once and tell your administrator.".to_owned(),
            ],
        ),
        EmailKind::PasswordReset => (
            "Reset your Roster password".to_owned(),
            vec![
                "Someone asked to reset the password of your Roster account. Open the link below to choose a new one.".to_owned(),
                format!("The link works once, for {lasts}. If you did not ask for this, ignore this email: your password stays as it is."),
            ],
        ),
    }
}

/// Renders `kind` for a recipient, as plain text and HTML.
pub fn render(kind: EmailKind, language: &str, first_name: &str, facts: &Facts) -> Rendered {
    let (subject, paragraphs) = catalogue(kind, language_of(language), facts);
    let greeting = match language_of(language) {
        Language::En => format!("Hello {first_name},"),
        Language::Fr => french::greeting(first_name),
    };
    let link = facts
        .link
        .as_ref()
        .filter(|_| {
            matches!(
                kind,
                EmailKind::Activation
                    | EmailKind::PasswordReset
                    | EmailKind::JoinRequest
                    | EmailKind::EmailChangeConfirmation
            )
        })
        .map(|(url, _)| url.as_str());
    let mut text = format!("{greeting}\n\n");
    let mut html = format!(
        "<!doctype html><html lang=\"{}\"><body><p>{}</p>",
        language_of(language).as_str(),
        escape(&greeting)
    );
    for (i, p) in paragraphs.iter().enumerate() {
        text.push_str(p);
        text.push_str("\n\n");
        html.push_str(&format!("<p>{}</p>", escape(p)));
        if i == 0
            && let Some(url) = link
        {
            text.push_str(url);
            text.push_str("\n\n");
            html.push_str(&format!("<p><a href=\"{0}\">{0}</a></p>", escape(url)));
        }
    }
    text.push_str("Roster\n");
    html.push_str("<p>Roster</p></body></html>");
    Rendered {
        subject,
        text,
        html,
    }
}

/// Text made safe to place in HTML, names included (a user may be called `<b>`).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Writes to the outbox, inside `tx`, the emails `event` sends by the domain's rules, where
/// `requester` asked for a change about `subject` in `account`. Call it after the change, so a
/// user's new address and name are the ones written to.
pub async fn notify(
    tx: &mut Tx<'_>,
    sealer: &crate::seal::Sealer,
    event: Event,
    account: Option<i64>,
    requester: i64,
    subject: i64,
    facts: &Facts,
) -> Result<(), AppError> {
    for notice in recipients(event, requester, subject) {
        let store::logins::Addressee {
            email: address,
            first_name,
            language,
            state,
        } = store::logins::addressee(tx, notice.to).await?;
        // Someone not yet invited has not heard of Roster: their invitation is the first email
        // they get, not a notice about details they never saw. (A request to join another
        // account is theirs to answer all the same.)
        if state == "staged"
            && !matches!(notice.email, EmailKind::Activation | EmailKind::JoinRequest)
        {
            continue;
        }
        let to = Addressed {
            address,
            user: notice.to,
            first_name,
            language,
        };
        send(tx, sealer, notice.email, account, to, facts).await?;
    }
    Ok(())
}

/// Who an email goes to: a user, at `address` (theirs, or the new one they are confirming).
pub struct Addressed {
    pub address: String,
    pub user: i64,
    pub first_name: String,
    pub language: String,
}

/// Renders `kind` for `to` and writes it to the outbox, inside `tx`.
pub async fn send(
    tx: &mut Tx<'_>,
    sealer: &crate::seal::Sealer,
    kind: EmailKind,
    account: Option<i64>,
    to: Addressed,
    facts: &Facts,
) -> Result<(), AppError> {
    let rendered = render(kind, &to.language, &to.first_name, facts);
    let email = Email {
        to_address: to.address,
        user_id: Some(to.user),
        account_id: account,
        kind,
        language: to.language,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
    };
    outbox::enqueue(tx, sealer, &email).await?;
    Ok(())
}

impl Facts {
    /// The facts of a change to `user` in `account`: the account's name and the user's.
    pub async fn about(
        tx: &mut Tx<'_>,
        account: i64,
        user: &roster_api::users::UserDetail,
    ) -> Result<Facts, AppError> {
        let name = store::accounts::name(tx, account).await?;
        Ok(Facts {
            account: Some(name),
            subject_name: format!("{} {}", user.first_name, user.last_name),
            ..Facts::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts {
            account: Some("Acme <Records>".into()),
            subject_name: "Zoë Lefèvre".into(),
            link: Some(("https://roster.test/activate#token=abc".into(), 168)),
            requester_name: Some("Eva Europa".into()),
            new_email: Some("zoe@new.test".into()),
        }
    }

    #[test]
    fn an_activation_email_carries_the_link_and_its_lifetime_in_both_forms() {
        let r = render(EmailKind::Activation, "en", "Zoë", &facts());
        assert_eq!(r.subject, "Activate your Acme <Records> account");
        assert!(r.text.starts_with("Hello Zoë,\n\n"));
        assert!(r.text.contains("https://roster.test/activate#token=abc"));
        assert!(r.text.contains("for 7 days"));
        assert!(
            r.html
                .contains("href=\"https://roster.test/activate#token=abc\"")
        );
        assert!(r.html.contains("Acme &lt;Records&gt;"), "{}", r.html);
        assert!(!r.html.contains("<Records>"));
    }

    #[test]
    fn only_link_emails_show_a_link() {
        let r = render(EmailKind::UserAddedConfirmation, "en", "Ada", &facts());
        assert!(!r.text.contains("token"));
        assert_eq!(r.subject, "Zoë Lefèvre was added to Acme <Records>");
    }

    #[test]
    fn every_kind_has_a_subject_and_a_body() {
        for kind in EmailKind::ALL {
            let r = render(kind, "en", "Ada", &facts());
            assert!(!r.subject.is_empty() && r.text.len() > 40, "{kind:?}");
        }
    }

    #[test]
    fn a_french_activation_email_carries_the_link_and_its_lifetime() {
        let r = render(EmailKind::Activation, "fr", "Zoë", &facts());
        assert_eq!(r.subject, "Activez votre compte Acme <Records>");
        assert!(r.text.starts_with("Bonjour Zoë,\n\n"), "{}", r.text);
        assert!(r.text.contains("https://roster.test/activate#token=abc"));
        assert!(r.text.contains("valable 7\u{A0}jours"), "{}", r.text);
        assert!(r.html.starts_with("<!doctype html><html lang=\"fr\">"));
        assert!(
            r.html
                .contains("href=\"https://roster.test/activate#token=abc\"")
        );
        assert!(r.html.contains("Acme &lt;Records&gt;"), "{}", r.html);
        let short = Facts {
            link: Some(("https://roster.test/reset#token=abc".into(), 1)),
            ..facts()
        };
        let r = render(EmailKind::PasswordReset, "fr", "Zoë", &short);
        assert!(r.text.contains("valable 1\u{A0}heure."), "{}", r.text);
    }

    #[test]
    fn the_language_code_is_read_in_any_case_and_english_is_the_fallback() {
        let subject =
            |language| render(EmailKind::PasswordReset, language, "Ada", &facts()).subject;
        assert_eq!(subject("FR"), "Réinitialisez votre mot de passe Roster");
        assert_eq!(subject("de"), "Reset your Roster password");
        assert!(
            render(EmailKind::PasswordReset, "de", "Ada", &facts())
                .html
                .contains("lang=\"en\"")
        );
    }

    #[test]
    fn every_kind_has_its_own_french_subject_and_body_in_french_typography() {
        for kind in EmailKind::ALL {
            let en = render(kind, "en", "Ada", &facts());
            let fr = render(kind, "fr", "Ada", &facts());
            assert!(fr.text.starts_with("Bonjour Ada,"), "{kind:?}");
            assert_ne!(fr.subject, en.subject, "{kind:?}");
            assert_ne!(fr.text, en.text, "{kind:?}");
            assert!(fr.text.len() > 40, "{kind:?}");
            let faults = roster_domain::values::french_typography_faults(&format!(
                "{}\n{}",
                fr.subject, fr.text
            ));
            assert!(faults.is_empty(), "{kind:?}: {faults:?}\n{}", fr.text);
        }
    }
}
