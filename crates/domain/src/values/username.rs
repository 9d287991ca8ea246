//! Usernames: the name a person signs in with, unique across Roster without regard to case.
//!
//! By default the username is the email address, so the allowed
//! characters are those an everyday address uses: ASCII letters and digits and `. _ - @ +`.
//! Keeping to ASCII means a Cyrillic `а` can never make a second `admin`.

use super::email::Email;
use crate::codes::{Coded, ErrorCode};
use thiserror::Error;

/// As long as the longest email address, so any address can be a username.
const MAX_LENGTH: usize = 254;

/// A valid username, kept with the case it was typed in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Username(String);

/// What is wrong with a username.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum UsernameError {
    #[error("the username is empty")]
    Required,
    #[error("the username has {actual} characters; at most {max} are allowed")]
    TooLong { max: usize, actual: usize },
    #[error("the username cannot contain {character:?}")]
    InvalidCharacter { character: char },
    #[error("the username must start with a letter or a digit, not {character:?}")]
    InvalidStart { character: char },
}

impl Coded for UsernameError {
    fn code(&self) -> ErrorCode {
        match self {
            UsernameError::Required => ErrorCode::UsernameRequired,
            UsernameError::TooLong { .. } => ErrorCode::UsernameTooLong,
            UsernameError::InvalidCharacter { .. } => ErrorCode::UsernameInvalidCharacter,
            UsernameError::InvalidStart { .. } => ErrorCode::UsernameInvalidStart,
        }
    }
}

fn is_allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@' | '+')
}

impl Username {
    /// Parses a username; surrounding spaces are ignored.
    pub fn parse(input: &str) -> Result<Self, UsernameError> {
        Username::canonical(input).map(|name| Username::from_canonical(name.to_owned()))
    }

    /// What [`Username::parse`] keeps of `input`: `input` trimmed, borrowed.
    pub(crate) fn canonical(input: &str) -> Result<&str, UsernameError> {
        let input = super::text::trim(input);
        let Some(first) = input.chars().next() else {
            return Err(UsernameError::Required);
        };
        // Characters first: a 10,000-character paste of Cyrillic is better told "Cyrillic" than
        // "too long".
        if let Some(character) = input.chars().find(|&c| !is_allowed(c)) {
            return Err(UsernameError::InvalidCharacter { character });
        }
        if !first.is_ascii_alphanumeric() {
            return Err(UsernameError::InvalidStart { character: first });
        }
        // ASCII from here on: bytes are characters.
        if input.len() > MAX_LENGTH {
            return Err(UsernameError::TooLong {
                max: MAX_LENGTH,
                actual: input.len(),
            });
        }
        Ok(input)
    }

    /// A username [`Username::canonical`] answered.
    pub(crate) fn from_canonical(name: String) -> Username {
        Username(name)
    }

    /// The default username of a person: their email address. This can fail, because an address
    /// may use characters a username may not (`o'brien@…`, `_ann@…`); the form then asks for a
    /// username instead.
    pub fn from_email(email: &Email) -> Result<Self, UsernameError> {
        Username::parse(email.as_str())
    }

    /// The username as typed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The lower-cased username: uniqueness is checked on this, so `Ann` and `ann` are one user.
    pub fn key(&self) -> String {
        login_key(&self.0)
    }
}

/// The key a login is found by, for usernames and emails alike: lower case (both are ASCII).
/// The one rule for `Username::key`, `Email::key` and a lookup of keys sent by a client.
pub fn login_key(text: &str) -> String {
    text.to_ascii_lowercase()
}

/// Whether `username` is the email `email` (as logins compare), and so follows it when the email
/// changes, in any state (004 "Same as username"): a mistyped email fixed before activation
/// fixes the username the activation page shows.
pub fn username_follows_email(username: &str, email: &str) -> bool {
    login_key(username.trim()) == login_key(email.trim())
}

string_value!(Username, UsernameError);

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::values::email::valid_email_strategy;
    use proptest::prelude::*;

    #[test]
    fn a_username_follows_the_email_it_is() {
        assert!(username_follows_email(
            "Ann@Example.com",
            " ann@example.com"
        ));
        assert!(!username_follows_email("ann", "ann@example.com"));
        assert!(!username_follows_email(
            "ann@example.org",
            "ann@example.com"
        ));
    }

    #[test]
    fn username_keeps_its_case_but_its_key_ignores_it() {
        let a = Username::parse("  Ann.Lee ").unwrap();
        assert_eq!(a.as_str(), "Ann.Lee");
        assert_eq!(a.key(), Username::parse("ann.lee").unwrap().key());
        assert_ne!(a, Username::parse("ann.lee").unwrap());
    }

    #[test]
    fn username_defaults_to_the_email() {
        let email = Email::parse("Ann+x@Example.com").unwrap();
        assert_eq!(
            Username::from_email(&email).unwrap().as_str(),
            "Ann+x@example.com"
        );
    }

    #[test]
    fn an_email_with_characters_a_username_refuses_gives_no_default() {
        let email = Email::parse("o'brien@example.com").unwrap();
        assert_eq!(
            Username::from_email(&email),
            Err(UsernameError::InvalidCharacter { character: '\'' })
        );
        let email = Email::parse("_ann@example.com").unwrap();
        assert_eq!(
            Username::from_email(&email),
            Err(UsernameError::InvalidStart { character: '_' })
        );
    }

    #[test]
    fn blank_usernames_are_required() {
        assert_eq!(Username::parse(""), Err(UsernameError::Required));
        assert_eq!(Username::parse(" \t "), Err(UsernameError::Required));
        assert_eq!(
            Username::parse("").unwrap_err().code(),
            ErrorCode::UsernameRequired
        );
    }

    #[test]
    fn hostile_characters_are_refused_by_name() {
        for (input, character) in [
            ("\u{0430}dmin", '\u{0430}'),
            ("ad\u{200B}min", '\u{200B}'),
            ("admin\u{202E}", '\u{202E}'),
            ("ad\0min", '\0'),
            ("ad min", ' '),
            ("ann\u{301}", '\u{301}'),
        ] {
            let error = Username::parse(input).unwrap_err();
            assert_eq!(
                error,
                UsernameError::InvalidCharacter { character },
                "{input:?}"
            );
            assert_eq!(error.code(), ErrorCode::UsernameInvalidCharacter);
        }
    }

    #[test]
    fn a_username_starts_with_a_letter_or_digit() {
        assert_eq!(
            Username::parse(".ann"),
            Err(UsernameError::InvalidStart { character: '.' })
        );
        assert_eq!(
            Username::parse("@ann"),
            Err(UsernameError::InvalidStart { character: '@' })
        );
        assert!(Username::parse("7ann").is_ok());
    }

    #[test]
    fn a_username_is_at_most_254_characters() {
        assert!(Username::parse(&"a".repeat(254)).is_ok());
        assert_eq!(
            Username::parse(&"a".repeat(10_000)),
            Err(UsernameError::TooLong {
                max: 254,
                actual: 10_000
            })
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn parsing_any_username_never_panics(input in any::<String>()) {
            let _ = Username::parse(&input);
        }

        #[test]
        fn generated_usernames_are_accepted(input in "[a-zA-Z0-9][a-zA-Z0-9._@+-]{0,60}") {
            prop_assert_eq!(Username::parse(&input).map(|u| u.to_string()), Ok(input));
        }

        #[test]
        fn a_username_round_trips_through_text_and_json(
            input in prop_oneof![valid_email_strategy(), "[ -~]{0,40}"]
        ) {
            if let Ok(username) = Username::parse(&input) {
                prop_assert_eq!(Username::parse(&format!("{username}")), Ok(username.clone()));
                let json = serde_json::to_string(&username).unwrap();
                prop_assert_eq!(serde_json::from_str::<Username>(&json).unwrap(), username);
            }
        }
    }
}
