//! Names people read: of a person (first or last name), of a group, of an account.
//!
//! All three follow the one text rule of [`super::text`] and differ only in their length limit and
//! their error codes, so a macro writes the three types from one description.

use super::text::{TextProblem, clean_text};
use crate::codes::{Coded, ErrorCode};
use std::borrow::Cow;
use thiserror::Error;

macro_rules! name_value {
    (
        $(#[$doc:meta])*
        $name:ident, $error:ident, $what:literal, max $max:literal,
        $required:ident, $too_long:ident, $forbidden:ident
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        #[doc = concat!("What is wrong with ", $what, ".")]
        #[derive(Debug, Clone, PartialEq, Eq, Error)]
        pub enum $error {
            #[error("{} is empty", $what)]
            Required,
            #[error("{} has {actual} characters; at most {max} are allowed", $what)]
            TooLong { max: usize, actual: usize },
            #[error("{} cannot contain the control or invisible character {character:?}", $what)]
            ForbiddenCharacter { character: char },
        }

        impl Coded for $error {
            fn code(&self) -> ErrorCode {
                match self {
                    $error::Required => ErrorCode::$required,
                    $error::TooLong { .. } => ErrorCode::$too_long,
                    $error::ForbiddenCharacter { .. } => ErrorCode::$forbidden,
                }
            }
        }

        impl From<TextProblem> for $error {
            fn from(problem: TextProblem) -> Self {
                match problem {
                    TextProblem::Empty => $error::Required,
                    TextProblem::TooLong { max, actual } => $error::TooLong { max, actual },
                    TextProblem::ForbiddenCharacter { character } => {
                        $error::ForbiddenCharacter { character }
                    }
                }
            }
        }

        impl $name {
            #[doc = concat!("The longest ", $what, " in characters.")]
            pub const MAX_LENGTH: usize = $max;

            #[doc = concat!("Parses ", $what, ": NFC, trimmed, inner spaces collapsed, 1 to ")]
            #[doc = concat!(stringify!($max), " characters, no control or invisible characters.")]
            pub fn parse(input: &str) -> Result<Self, $error> {
                $name::canonical(input).map(|name| $name::from_canonical(name.into_owned()))
            }

            #[doc = concat!("What [`", stringify!($name), "::parse`] keeps of `input`, borrowed ")]
            #[doc = "when that is `input` trimmed."]
            pub(crate) fn canonical(input: &str) -> Result<Cow<'_, str>, $error> {
                Ok(clean_text(input, $max)?)
            }

            #[doc = concat!("A name [`", stringify!($name), "::canonical`] answered.")]
            pub(crate) fn from_canonical(name: String) -> Self {
                $name(name)
            }

            #[doc = concat!("The cleaned ", $what, ".")]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        string_value!($name, $error);
    };
}

name_value! {
    /// A first or last name of a person, in any script.
    PersonName, PersonNameError, "a name", max 100,
    PersonNameRequired, PersonNameTooLong, PersonNameForbiddenCharacter
}

name_value! {
    /// The name of a group, unique within its account.
    GroupName, GroupNameError, "a group name", max 64,
    GroupNameRequired, GroupNameTooLong, GroupNameForbiddenCharacter
}

name_value! {
    /// The name of an account (a tenant).
    AccountName, AccountNameError, "an account name", max 100,
    AccountNameRequired, AccountNameTooLong, AccountNameForbiddenCharacter
}

name_value! {
    /// The name of a portal key, as its account's administrators tell their keys apart.
    PortalKeyName, PortalKeyNameError, "a portal key's name", max 64,
    PortalKeyNameRequired, PortalKeyNameTooLong, PortalKeyNameForbiddenCharacter
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_in_any_script_are_accepted() {
        for name in [
            "Zoë",
            "O'Brien-Smith",
            "José María",
            "王秀英",
            "محمد",
            "Ærøskøbing",
            "Nguyễn",
        ] {
            assert_eq!(PersonName::parse(name).unwrap().as_str(), name);
        }
    }

    #[test]
    fn a_person_name_is_normalised_trimmed_and_collapsed() {
        let name = PersonName::parse("  Zoe\u{0301}   van\tder Berg ");
        // The tab is a control character: refused rather than silently turned into a space.
        assert_eq!(
            name,
            Err(PersonNameError::ForbiddenCharacter { character: '\t' })
        );
        let name = PersonName::parse("  Zoe\u{0301}   van  der Berg ").unwrap();
        assert_eq!(name.as_str(), "Zo\u{00E9} van der Berg");
        assert_eq!(name.to_string(), "Zoé van der Berg");
    }

    #[test]
    fn blank_names_are_required() {
        for input in ["", "   ", "\u{00A0}\u{3000}"] {
            assert_eq!(
                PersonName::parse(input),
                Err(PersonNameError::Required),
                "{input:?}"
            );
        }
        assert_eq!(
            GroupName::parse(" ").unwrap_err().code(),
            ErrorCode::GroupNameRequired
        );
        assert_eq!(
            AccountName::parse("").unwrap_err().code(),
            ErrorCode::AccountNameRequired
        );
    }

    #[test]
    fn invisible_and_control_characters_are_refused_in_every_name() {
        for character in [
            '\0', '\u{1B}', '\u{200B}', '\u{200E}', '\u{202E}', '\u{2066}', '\u{FEFF}',
        ] {
            let input = format!("Ann{character}Lee");
            assert_eq!(
                PersonName::parse(&input),
                Err(PersonNameError::ForbiddenCharacter { character })
            );
            assert_eq!(
                GroupName::parse(&input),
                Err(GroupNameError::ForbiddenCharacter { character })
            );
            assert_eq!(
                AccountName::parse(&input).unwrap_err().code(),
                ErrorCode::AccountNameForbiddenCharacter
            );
        }
    }

    #[test]
    fn each_name_has_its_own_length_limit_counted_in_characters() {
        assert!(PersonName::parse(&"é".repeat(100)).is_ok());
        assert_eq!(
            PersonName::parse(&"é".repeat(101)),
            Err(PersonNameError::TooLong {
                max: 100,
                actual: 101
            })
        );
        assert!(GroupName::parse(&"g".repeat(64)).is_ok());
        assert_eq!(
            GroupName::parse(&"g".repeat(65)),
            Err(GroupNameError::TooLong {
                max: 64,
                actual: 65
            })
        );
        assert_eq!(
            AccountName::parse(&"a".repeat(10_000)),
            Err(AccountNameError::TooLong {
                max: 100,
                actual: 10_000
            })
        );
        assert_eq!(
            GroupName::parse(&"g".repeat(65)).unwrap_err().code(),
            ErrorCode::GroupNameTooLong
        );
    }

    #[test]
    fn a_lookalike_letter_is_a_different_name_not_an_error() {
        // Names are read by people, not matched by machines: Cyrillic is a real script here.
        let latin = PersonName::parse("Anna").unwrap();
        let cyrillic = PersonName::parse("\u{0410}nn\u{0430}").unwrap();
        assert_ne!(latin, cyrillic);
    }

    #[test]
    fn name_deserialisation_cleans_and_checks() {
        let name: GroupName = serde_json::from_str("\"  Sales   team \"").unwrap();
        assert_eq!(name.as_str(), "Sales team");
        assert!(serde_json::from_str::<GroupName>("\"Sales\\u202Eteam\"").is_err());
        assert!(serde_json::from_str::<PersonName>("\"\"").is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn parsing_any_name_never_panics(input in any::<String>()) {
            let _ = PersonName::parse(&input);
            let _ = GroupName::parse(&input);
            let _ = AccountName::parse(&input);
        }

        #[test]
        fn generated_names_are_accepted(input in "\\p{L}[\\p{L}\\p{M}' -]{0,40}\\p{L}") {
            let name = PersonName::parse(&input);
            prop_assert!(name.is_ok(), "{:?} refused: {:?}", input, name);
        }

        #[test]
        fn an_accepted_name_round_trips_through_text_and_json(input in any::<String>()) {
            if let Ok(name) = PersonName::parse(&input) {
                prop_assert_eq!(PersonName::parse(&format!("{name}")), Ok(name.clone()));
                let json = serde_json::to_string(&name).unwrap();
                prop_assert_eq!(serde_json::from_str::<PersonName>(&json).unwrap(), name);
            }
            if let Ok(name) = GroupName::parse(&input) {
                prop_assert_eq!(GroupName::parse(name.as_str()), Ok(name));
            }
        }
    }
}
