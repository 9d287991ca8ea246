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

    /// The language of a browser that sent `accept` (an `Accept-Language` header:
    /// `fr-CA,fr;q=0.9,en;q=0.8`): the one Roster speaks that it weighs most (the first listed
    /// among equals, as its region or none: `fr-CA` is French); English when it names neither.
    pub fn preferred(accept: &str) -> Language {
        let mut best: Option<(u16, Language)> = None;
        for range in accept.split(',') {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let primary = tag.split('-').next().unwrap_or_default();
            let Ok(language) = Language::parse(primary) else {
                continue;
            };
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), quality);
            match weight {
                Some(w) if w > 0 && best.is_none_or(|(b, _)| w > b) => best = Some((w, language)),
                _ => {}
            }
        }
        best.map_or(Language::En, |(_, language)| language)
    }

    /// The ISO 639-1 code: `en` or `fr`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
        }
    }
}

/// What breaks French typography in `text`, each fault named: a no-break space (U+00A0) wanted
/// before `:` and `»` and after `«`, a narrow one (U+202F) before `;`, `?` and `!`, the
/// typographic apostrophe and the ellipsis character. A colon inside an address (`https://`) is
/// no punctuation. The tests of every French text (the app's catalogue, the error messages, the
/// emails) hold them to it.
pub fn french_typography_faults(text: &str) -> Vec<String> {
    let mut faults = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|b| chars.get(b)).copied();
        let wanted = match c {
            ':' if chars.get(i + 1) == Some(&'/') => None,
            ':' | '»' => Some('\u{A0}'),
            ';' | '?' | '!' => Some('\u{202F}'),
            _ => None,
        };
        if let Some(space) = wanted
            && before != Some(space)
        {
            faults.push(format!("{c:?} without {space:?} before it"));
        }
        if c == '«' && chars.get(i + 1) != Some(&'\u{A0}') {
            faults.push("'«' without a no-break space after it".to_owned());
        }
        if c == '\'' {
            faults.push("a typewriter apostrophe (’ wanted)".to_owned());
        }
    }
    if text.contains("...") {
        faults.push("three dots (… wanted)".to_owned());
    }
    faults
}

/// A quality value (`0.8`, `1`, `0.125`) in thousandths; `None` when it is not one.
fn quality(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
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
    fn the_typography_check_finds_each_fault() {
        assert!(
            french_typography_faults(
                "Voir https://x.test\u{A0}: oui\u{202F}; non\u{202F}? «\u{A0}x\u{A0}»"
            )
            .is_empty()
        );
        for wrong in [
            "Mot de passe : oui",
            "Mot de passe: oui",
            "oui ; non",
            "Oublié ?",
            "Oublié\u{A0}?",
            "Bravo !",
            "« x »",
            "l'identifiant",
            "Chargement...",
        ] {
            assert!(
                !french_typography_faults(wrong).is_empty(),
                "{wrong:?} passed"
            );
        }
    }

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
    fn a_browser_gets_the_language_it_weighs_most() {
        for (accept, expected) in [
            ("fr-CA,fr;q=0.9,en;q=0.8", Language::Fr),
            ("fr", Language::Fr),
            ("FR-fr", Language::Fr),
            ("en-US,en;q=0.9,fr;q=0.8", Language::En),
            ("de-DE,de;q=0.9,fr;q=0.7,en;q=0.5", Language::Fr),
            ("en;q=0.5, fr;q=0.6", Language::Fr),
            ("fr;q=0, en;q=0.1", Language::En),
            ("fr;q=0.500,en;q=0.5", Language::Fr),
            ("de, *;q=0.5", Language::En),
            ("fr;q=2, fr;q=abc, fr;q=0.1234, en;q=0.3", Language::En),
            ("", Language::En),
            ("\u{0}fr", Language::En),
        ] {
            assert_eq!(Language::preferred(accept), expected, "{accept:?}");
        }
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
