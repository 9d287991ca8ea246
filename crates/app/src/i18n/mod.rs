//! The one catalogue of user-visible text, keyed by stable keys.
//!
//! Every word the app shows comes from here, and every error message from the domain's
//! `ErrorCode` catalogue, so adding French is a second column, not a hunt through the pages.
//!
//! Each bundle carries only the texts of its own pages: [`t`] is always inlined, and every call
//! names its key (`t(Key::SignIn)`), so the compiler turns it into the text itself and drops the
//! rest of the catalogue (the people's bundle would otherwise carry every page's English, 1.6 KB
//! of its brotli). Pass texts, not keys, to code that shows them: a `Key` held in a variable
//! brings the whole catalogue back.
//!
//! Two languages, English ([`en`]) and French ([`fr`]), each an exhaustive `match`: a key missing
//! from either does not compile. `t` chooses the column by [`language`]. The administration and
//! import bundles carry both columns of their keys and learn the language from the signed-in
//! person. The people's pages are built twice, once a language (the features `only-english` and
//! `only-french`): there [`language`] is a constant, the other column is never linked, and
//! neither build grows with the other's texts. The server answers a page of the people with the
//! build of the language in the cookie the app sets (the signed-in person's, or the one chosen
//! with the switch), else the browser's.

mod audit;
mod en;
mod fr;
mod key;
mod labels;
mod plural;

use roster_domain::ErrorCode;

pub use audit::{AUDIT_ACTIONS, audit_action_label, change_label, field_label};
pub use key::Key;
pub use labels::{action_label, role_label, state_label, user_action_label, user_state_label};
pub use plural::{Language, count, fill, number};

/// The text of `key` in the user's language. Inlined, so that a bundle keeps only the texts it
/// names (see the module's header).
#[inline(always)]
pub fn t(key: Key) -> &'static str {
    match language() {
        Language::En => en::text(key),
        Language::Fr => fr::text(key),
    }
}

#[cfg(all(feature = "only-english", feature = "only-french"))]
compile_error!("a bundle is built in one language, or in both: not in two single ones");

/// Whether the texts are in French, in a bundle of both languages.
static FRENCH: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The language the texts are in: the build's own in a bundle of one language, otherwise the
/// one [`set_language`] chose (English until then).
#[inline(always)]
pub fn language() -> Language {
    if cfg!(feature = "only-french") {
        Language::Fr
    } else if cfg!(feature = "only-english") {
        Language::En
    } else if FRENCH.load(std::sync::atomic::Ordering::Relaxed) {
        Language::Fr
    } else {
        Language::En
    }
}

/// Shows the texts drawn from now on in `language` (a bundle of one language keeps its own), and
/// says so to the browser (`<html lang>`), for screen readers and translation tools.
pub fn set_language(language: Language) {
    FRENCH.store(
        language == Language::Fr,
        std::sync::atomic::Ordering::Relaxed,
    );
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", language_tag());
    }
}

/// Whether this page shows another language than the one the app now wants: a bundle of one
/// language then loads its next page afresh (`nav`), for the server to answer with the build of
/// that language.
static STALE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The app in `language` from now on: the signed-in person's, or the one chosen before signing
/// in. Remembered for the next page loads (the cookie the server chooses the people's pages
/// by); a bundle of both languages switches at once, one of a single language at its next page.
pub fn follow(language: Language) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let cookie = match language {
            Language::En => "roster_lang=en; Path=/; Max-Age=31536000; SameSite=Lax",
            Language::Fr => "roster_lang=fr; Path=/; Max-Age=31536000; SameSite=Lax",
        };
        let _ = js_sys::Reflect::set(&document, &"cookie".into(), &cookie.into());
    }
    if cfg!(any(feature = "only-english", feature = "only-french")) {
        STALE.store(
            language != self::language(),
            std::sync::atomic::Ordering::Relaxed,
        );
    } else {
        set_language(language);
    }
}

/// Whether the page shows another language than the one [`follow`] wants.
pub fn stale() -> bool {
    STALE.load(std::sync::atomic::Ordering::Relaxed)
}

/// Loads the page again when it shows another language than the one [`follow`] wants.
pub fn reload_if_stale() {
    if stale()
        && let Some(window) = web_sys::window()
    {
        let _ = window.location().reload();
    }
}

/// The message of an error `code`, in the language of the texts. The people's pages (the builds
/// of one language) hold the messages of the codes they can meet only ([`people_message`]): the
/// whole table would be some 3 KB of their brotli.
#[inline(always)]
pub fn error_message(code: ErrorCode) -> &'static str {
    if cfg!(any(feature = "only-english", feature = "only-french")) {
        people_message(code)
    } else {
        code.message(language())
    }
}

/// [`error_message`], as a method of the code: `code.say()`.
pub trait Say {
    /// The message, in the language of the texts.
    fn say(self) -> &'static str;
}

impl Say for ErrorCode {
    #[inline(always)]
    fn say(self) -> &'static str {
        error_message(self)
    }
}

/// Declares the codes the people's pages can meet ([`PEOPLE_CODES`]) and their messages
/// ([`people_message`]) from one list.
macro_rules! people_codes {
    ($($variant:ident),* $(,)?) => {
        /// The codes the people's pages can meet, each with its string, worked out when the app
        /// is compiled: [`code_of`] looks the server's codes up here in those builds, so that
        /// only these strings are linked, not the whole table's (some 1 KB of their brotli).
        const PEOPLE_CODES: &[(ErrorCode, &str)] =
            &[$((ErrorCode::$variant, ErrorCode::$variant.as_str()),)*];

        /// The message of a code the people's pages can meet (their forms' own checks, and the
        /// answers of sign-in, activation, resets, joining and My details), each arm a constant,
        /// so that only these messages are linked; any other code is an
        /// [`Key::UnexpectedError`]: the administration's, the refusals of a request the app
        /// never sends (malformed JSON, an unknown field, no `If-Match`, another origin, a body
        /// too large), usernames (no people's page sets one) and the server's own failures, which
        /// that message says as well.
        pub fn people_message(code: ErrorCode) -> &'static str {
            match code {
                // Evaluated as constants: a call with a constant code could still link the
                // whole table.
                $(ErrorCode::$variant => match language() {
                    Language::En => const { ErrorCode::$variant.message_en() },
                    Language::Fr => const { ErrorCode::$variant.message_fr() },
                },)*
                _ => t(Key::UnexpectedError),
            }
        }
    };
}

/// The code the server named in an answer. A people's build looks it up among the codes its
/// pages meet only ([`PEOPLE_CODES`]); there, and in any build for a code it does not know (a
/// newer server's), it reads as `server.internal`, whose message is the one those builds say
/// for every code outside their list.
pub fn code_of(text: &str) -> ErrorCode {
    let found = if cfg!(any(feature = "only-english", feature = "only-french")) {
        PEOPLE_CODES
            .iter()
            .find(|(_, said)| *said == text)
            .map(|&(code, _)| code)
    } else {
        ErrorCode::parse(text)
    };
    found.unwrap_or(ErrorCode::ServerInternal)
}

people_codes!(
    EmailRequired,
    EmailTooLong,
    EmailMissingAt,
    EmailInvalidLocalPart,
    EmailInvalidDomain,
    EmailNonAscii,
    EmailMultipleAt,
    EmailLocalPartMissing,
    EmailLocalPartTooLong,
    EmailLocalPartDots,
    PersonNameRequired,
    PersonNameTooLong,
    PersonNameForbiddenCharacter,
    PhoneRequired,
    PhoneMissingCountryCode,
    PhoneInvalidCharacter,
    PhoneTooShort,
    PhoneTooLong,
    PhoneUnknownCountryCode,
    PhoneInvalidExtension,
    LanguageUnsupported,
    DomainNotApproved,
    PasswordTooShort,
    PasswordTooLong,
    PasswordSameAsCurrent,
    PasswordCommon,
    PasswordPersonal,
    PasswordPattern,
    PasswordChallengeIncomplete,
    InvitationExpired,
    InvitationLinkInvalid,
    JoinLinkInvalid,
    JoinNoLongerValid,
    PasswordResetLinkInvalid,
    RequestStale,
    RequestTooMany,
    RequestInvalid,
    AuthUnauthenticated,
    AuthInvalidCredentials,
    AuthLocked,
    AuthForbidden,
    AuthPasswordChangeRequired,
    AuthCurrentPasswordWrong,
    AuthThrottled,
    MeDetailsLocked,
    MeEmailUnchanged,
    MeEmailTaken,
    MeEmailLinkInvalid,
    MeChallengeRequired,
    MeChallengeTooLong,
);

/// What sets a label apart from its value: `: ` in English, a no-break space and `: ` in
/// French.
pub fn colon() -> &'static str {
    match language() {
        Language::En => ": ",
        Language::Fr => "\u{A0}: ",
    }
}

/// `label` and its `value`, set apart as the language does: `Members: 3`, `Membres : 3`.
pub fn labelled(label: &str, value: impl std::fmt::Display) -> String {
    format!("{label}{}{value}", colon())
}

/// `one` or `other`, the form a word takes after `n` in the language (1 user, 2 users; French
/// keeps the singular for 0 too).
pub fn by_count(n: usize, one: &'static str, other: &'static str) -> &'static str {
    match plural::form(language(), n as u64) {
        plural::Form::One => one,
        plural::Form::Other => other,
    }
}

/// `text` in the language's quotation marks: “text” in English, « text » in French.
pub fn quoted(text: &str) -> String {
    match language() {
        Language::En => format!("“{text}”"),
        Language::Fr => format!("«\u{A0}{text}\u{A0}»"),
    }
}

/// A stored phone number (`+15550100000;ext=123`) as the page's language writes it
/// (`+15550100000 ext. 123`, `+15550100000 poste 123`); the forms read either back.
pub fn phone_text(stored: &str) -> String {
    roster_domain::values::readable_phone(stored, t(Key::PhoneExtension))
}

/// The name of `language`, in the language of the texts.
pub fn language_label(language: Language) -> &'static str {
    match language {
        Language::Fr => t(Key::LanguageFr),
        Language::En => t(Key::LanguageEn),
    }
}

/// The language offered beside the one shown, its code, and its name as its speakers write it
/// (the same in both catalogues: a French speaker looks for « Français » on an English page).
pub fn other_language() -> (Language, &'static str, &'static str) {
    match language() {
        Language::En => (Language::Fr, "fr", "Français"),
        Language::Fr => (Language::En, "en", "English"),
    }
}

/// The language of the texts as a BCP 47 tag (dates and numbers follow it).
pub fn language_tag() -> &'static str {
    match language() {
        Language::En => "en",
        Language::Fr => "fr",
    }
}

/// A moment (Unix seconds) as the viewer reads it: the date and time in the browser's time zone,
/// written the way of the app's language (`Dec 1, 2026, 3:46 AM`). The browser's `Intl` does the
/// work, so the bundle carries no calendar or time-zone data.
pub fn date_time(seconds: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
    let style = js_sys::JSON::parse(r#"{"dateStyle":"medium","timeStyle":"short"}"#)
        .unwrap_or(wasm_bindgen::JsValue::UNDEFINED);
    date.to_locale_string(language_tag(), &style).into()
}

/// The name My details' pages still call [`date_time`] by.
pub use date_time as utc;

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    /// Every code of the families the people's pages meet has its own message there; the
    /// administration's codes say only that something went wrong.
    #[test]
    fn the_people_s_pages_hold_the_messages_of_the_codes_they_meet() {
        const MET: [&str; 6] = [
            "email.",
            "person_name.",
            "phone.",
            "password.",
            "auth.",
            "me.",
        ];
        for &code in ErrorCode::ALL {
            let said = people_message(code);
            if MET.iter().any(|family| code.as_str().starts_with(family)) {
                assert_eq!(said, code.message(Language::En), "{}", code.as_str());
            } else {
                assert!(
                    said == code.message(Language::En) || said == t(Key::UnexpectedError),
                    "{}",
                    code.as_str()
                );
            }
        }
        assert_eq!(
            people_message(ErrorCode::ImportEmpty),
            t(Key::UnexpectedError)
        );
        for met in [ErrorCode::RequestStale, ErrorCode::RequestTooMany] {
            assert_eq!(people_message(met), met.message(Language::En));
        }
        assert_eq!(
            people_message(ErrorCode::InvitationLinkInvalid),
            ErrorCode::InvitationLinkInvalid.message(Language::En)
        );
    }

    /// The server's codes read as themselves; one unknown to the app reads as the server's own
    /// failure. The people's list holds each code with its own string, and exactly the codes
    /// whose messages the people's pages say.
    #[test]
    fn the_server_s_codes_are_read_back() {
        for &code in ErrorCode::ALL {
            assert_eq!(code_of(code.as_str()), code);
            let listed = PEOPLE_CODES.iter().find(|(c, _)| *c == code);
            assert_eq!(
                listed.is_some(),
                people_message(code) != t(Key::UnexpectedError),
                "{}",
                code.as_str()
            );
            if let Some((_, said)) = listed {
                assert_eq!(*said, code.as_str());
            }
        }
        assert_eq!(code_of("no.such_code"), ErrorCode::ServerInternal);
    }

    #[test]
    fn labels_and_quotes_follow_the_language() {
        assert_eq!(labelled("Members", 3), "Members: 3");
        assert_eq!(quoted("acme"), "“acme”");
        assert_eq!(by_count(1, "user", "users"), "user");
        assert_eq!(by_count(0, "user", "users"), "users");
    }
}
