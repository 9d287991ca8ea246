//! The languages Roster speaks: the screens and the emails a person gets are in theirs.

use crate::codes::{Coded, ErrorCode};
use thiserror::Error;

/// A language of the interface and of emails; `en` or `fr` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Language {
    /// English, the default.
    #[default]
    En,
    /// French.
    Fr,
}

/// The language asked for is not one Roster speaks.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LanguageError {
    #[error("the language must be en or fr")]
    Unsupported,
}

impl Coded for LanguageError {
    fn code(&self) -> ErrorCode {
        match self {
            LanguageError::Unsupported => ErrorCode::LanguageUnsupported,
        }
    }
}

impl Language {
    /// Every language, in the order a picker lists them.
    pub const ALL: [Language; 2] = [Language::En, Language::Fr];

    /// Parses `en` or `fr`, in any case, surrounding spaces ignored (CSV cells say `FR` too).
    pub fn parse(input: &str) -> Result<Self, LanguageError> {
        let input = super::text::trim(input);
        Language::ALL
            .into_iter()
            .find(|language| language.as_str().eq_ignore_ascii_case(input))
            .ok_or(LanguageError::Unsupported)
    }

    /// The ISO 639-1 code: `en` or `fr`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
        }
    }
}

// `string_value!` wants `as_str(&self)`; `Language` is `Copy`, so a by-value method serves.
string_value!(Language, LanguageError);

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn languages_cross_the_wire_as_their_codes() {
        assert_eq!(serde_json::to_string(&Language::Fr).unwrap(), "\"fr\"");
        assert_eq!(
            serde_json::from_str::<Language>("\"en\"").unwrap(),
            Language::En
        );
    }

    #[test]
    fn language_codes_are_read_in_any_case() {
        assert_eq!(Language::parse("en"), Ok(Language::En));
        assert_eq!(Language::parse(" FR "), Ok(Language::Fr));
        assert_eq!(Language::parse("Fr"), Ok(Language::Fr));
        assert_eq!(Language::Fr.to_string(), "fr");
    }

    #[test]
    fn other_languages_and_hostile_text_are_unsupported() {
        for input in [
            "",
            "  ",
            "de",
            "english",
            "fr-CA",
            "f\u{200B}r",
            "\u{0435}n",
            "en\0",
        ] {
            assert_eq!(
                Language::parse(input),
                Err(LanguageError::Unsupported),
                "{input:?}"
            );
        }
        assert_eq!(
            LanguageError::Unsupported.code(),
            ErrorCode::LanguageUnsupported
        );
    }

    #[test]
    fn a_person_without_a_choice_gets_english() {
        assert_eq!(Language::default(), Language::En);
    }

    #[test]
    fn language_json_is_the_code() {
        assert_eq!(serde_json::to_string(&Language::Fr).unwrap(), "\"fr\"");
        assert_eq!(
            serde_json::from_str::<Language>("\"en\"").unwrap(),
            Language::En
        );
        assert!(serde_json::from_str::<Language>("\"de\"").is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn parsing_any_language_never_panics_and_round_trips(
            input in prop_oneof!["[ \\tenfrENFR]{0,4}", any::<String>()]
        ) {
            if let Ok(language) = Language::parse(&input) {
                prop_assert_eq!(Language::parse(&format!("{language}")), Ok(language));
                let json = serde_json::to_string(&language).unwrap();
                prop_assert_eq!(serde_json::from_str::<Language>(&json).unwrap(), language);
            }
        }
    }
}
