//! Phone numbers with their country code, kept in E.164 form: `+` and 8 to 15 digits.
//!
//! People type numbers the way they read them (`+1 (555) 010-0000`, `+33 6 12 34 56 78`,
//! `0033 6 …`), so the usual separators are accepted and dropped. A number without its country
//! code is refused rather than guessed: the same `06 12 34 56 78` means different phones in
//! different countries, and an account spans countries.

use super::country_codes::country_code_of;
use crate::codes::{Coded, ErrorCode};
use thiserror::Error;

/// Fewer digits than this cannot be a full international number anyone here would use.
const MIN_DIGITS: usize = 8;
/// The E.164 maximum, country code included.
const MAX_DIGITS: usize = 15;

/// A phone number in E.164 form, such as `+33612345678`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Phone {
    /// `+` then the digits.
    value: String,
    country_code: u16,
}

/// What is wrong with a phone number.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PhoneError {
    #[error("the phone number is empty")]
    Required,
    #[error("the phone number does not start with + or 00 and a country code")]
    MissingCountryCode,
    #[error("the phone number cannot contain {character:?}")]
    InvalidCharacter { character: char },
    #[error("the phone number has {actual} digits; at least {min} are needed")]
    TooShort { min: usize, actual: usize },
    #[error("the phone number has {actual} digits; at most {max} are allowed")]
    TooLong { max: usize, actual: usize },
    #[error("the phone number does not start with an assigned country code")]
    UnknownCountryCode,
}

impl Coded for PhoneError {
    fn code(&self) -> ErrorCode {
        match self {
            PhoneError::Required => ErrorCode::PhoneRequired,
            PhoneError::MissingCountryCode => ErrorCode::PhoneMissingCountryCode,
            PhoneError::InvalidCharacter { .. } => ErrorCode::PhoneInvalidCharacter,
            PhoneError::TooShort { .. } => ErrorCode::PhoneTooShort,
            PhoneError::TooLong { .. } => ErrorCode::PhoneTooLong,
            PhoneError::UnknownCountryCode => ErrorCode::PhoneUnknownCountryCode,
        }
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '(' | ')')
}

impl Phone {
    /// Parses a number typed with `+` or `00` before the country code; separators are dropped.
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(PhoneError::Required);
        }
        let (plus, rest) = match input.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, input),
        };
        if let Some(character) = rest
            .chars()
            .find(|&c| !(c.is_ascii_digit() || is_separator(c)))
        {
            return Err(PhoneError::InvalidCharacter { character });
        }
        // Built in place: `+`, then the digits without separators.
        let mut value = String::with_capacity(rest.len() + 1);
        value.push('+');
        value.extend(rest.chars().filter(char::is_ascii_digit));
        if !plus {
            // `00` is the international prefix dialled from most of the world.
            if !value[1..].starts_with("00") {
                return Err(PhoneError::MissingCountryCode);
            }
            value.replace_range(1..3, "");
        }
        let digits = &value[1..];
        let actual = digits.len();
        if actual < MIN_DIGITS {
            return Err(PhoneError::TooShort {
                min: MIN_DIGITS,
                actual,
            });
        }
        if actual > MAX_DIGITS {
            return Err(PhoneError::TooLong {
                max: MAX_DIGITS,
                actual,
            });
        }
        let country_code = country_code_of(digits).ok_or(PhoneError::UnknownCountryCode)?;
        Ok(Phone {
            value,
            country_code,
        })
    }

    /// The number in E.164 form: `+` and digits.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The country calling code, e.g. 33 for France, 1 for North America.
    pub fn country_code(&self) -> u16 {
        self.country_code
    }

    /// The digits after the country code.
    pub fn national_number(&self) -> &str {
        let code_length = self.country_code.to_string().len();
        self.value.get(1 + code_length..).unwrap_or_default()
    }
}

string_value!(Phone, PhoneError);

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn numbers_as_people_type_them_become_e164() {
        for (input, e164, code) in [
            ("+1 (555) 010-0000", "+15550100000", 1),
            ("+33 6 12 34 56 78", "+33612345678", 33),
            ("0033 6.12.34.56.78", "+33612345678", 33),
            ("  +44 20 7946 0958 ", "+442079460958", 44),
            ("+353-1-234-5678", "+35312345678", 353),
        ] {
            let phone = Phone::parse(input).unwrap();
            assert_eq!(
                (phone.as_str(), phone.country_code()),
                (e164, code),
                "{input:?}"
            );
        }
        assert_eq!(
            Phone::parse("+33 6 12 34 56 78").unwrap().national_number(),
            "612345678"
        );
    }

    #[test]
    fn a_number_without_its_country_code_is_refused() {
        assert_eq!(
            Phone::parse("06 12 34 56 78"),
            Err(PhoneError::MissingCountryCode)
        );
        assert_eq!(
            Phone::parse("(555) 010-0000"),
            Err(PhoneError::MissingCountryCode)
        );
        assert_eq!(
            Phone::parse("555 0100").unwrap_err().code(),
            ErrorCode::PhoneMissingCountryCode
        );
    }

    #[test]
    fn blank_numbers_are_required() {
        assert_eq!(Phone::parse(""), Err(PhoneError::Required));
        assert_eq!(Phone::parse(" \t "), Err(PhoneError::Required));
    }

    #[test]
    fn letters_and_hostile_characters_are_refused_by_name() {
        for (input, character) in [
            ("+1 555 CALL NOW", 'C'),
            ("+33 6 12 34 56 78 ext 9", 'e'),
            ("+33 6 12\u{200B}34 56 78", '\u{200B}'),
            ("+33\u{202E}612345678", '\u{202E}'),
            ("+33 6\0 12 34 56 78", '\0'),
            ("+\u{0663}\u{0663}612345678", '\u{0663}'),
            ("\u{FF0B}33612345678", '\u{FF0B}'),
            ("+33+612345678", '+'),
        ] {
            assert_eq!(
                Phone::parse(input),
                Err(PhoneError::InvalidCharacter { character }),
                "{input:?}"
            );
        }
    }

    #[test]
    fn a_number_has_eight_to_fifteen_digits() {
        assert_eq!(
            Phone::parse("+"),
            Err(PhoneError::TooShort { min: 8, actual: 0 })
        );
        assert_eq!(
            Phone::parse("+3361234"),
            Err(PhoneError::TooShort { min: 8, actual: 7 })
        );
        assert!(Phone::parse("+33612345").is_ok());
        assert!(Phone::parse("+861234567890123").is_ok());
        assert_eq!(
            Phone::parse("+8612345678901234"),
            Err(PhoneError::TooLong {
                max: 15,
                actual: 16
            })
        );
        assert_eq!(
            Phone::parse(&format!("+{}", "1".repeat(10_000)))
                .unwrap_err()
                .code(),
            ErrorCode::PhoneTooLong
        );
    }

    #[test]
    fn an_unassigned_country_code_is_refused() {
        for input in [
            "+280 1234 5678",
            "+800 1234 5678",
            "+0 33 612345678",
            "00 0 612345678",
        ] {
            assert_eq!(
                Phone::parse(input),
                Err(PhoneError::UnknownCountryCode),
                "{input:?}"
            );
        }
        assert_eq!(
            Phone::parse("+280 1234 5678").unwrap_err().code(),
            ErrorCode::PhoneUnknownCountryCode
        );
    }

    #[test]
    fn phone_json_is_the_e164_string() {
        let phone = Phone::parse("+33 6 12 34 56 78").unwrap();
        assert_eq!(serde_json::to_string(&phone).unwrap(), "\"+33612345678\"");
        assert_eq!(
            serde_json::from_str::<Phone>("\"+33 6 12 34 56 78\"").unwrap(),
            phone
        );
        assert!(serde_json::from_str::<Phone>("\"0612345678\"").is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn parsing_any_phone_never_panics(input in any::<String>()) {
            let _ = Phone::parse(&input);
        }

        #[test]
        fn numbers_with_known_codes_and_separators_are_accepted(
            (prefix, code) in prop_oneof![Just(("+", "1")), Just(("00", "33")), Just(("+", "353"))],
            national in "[0-9]{8,11}",
            separator in "[ .()-]{0,2}",
        ) {
            let spaced: Vec<String> =
                national.as_bytes().chunks(2).map(|c| String::from_utf8_lossy(c).into()).collect();
            let input = format!("{prefix}{code}{separator}{}", spaced.join(&separator));
            let phone = Phone::parse(&input).unwrap();
            prop_assert_eq!(phone.as_str(), format!("+{code}{national}"));
            prop_assert_eq!(phone.country_code().to_string(), code);
            prop_assert_eq!(phone.national_number(), national);
        }

        #[test]
        fn an_accepted_phone_round_trips_through_text_and_json(
            input in "(\\+|00)?[0-9 .()-]{6,20}"
        ) {
            if let Ok(phone) = Phone::parse(&input) {
                prop_assert_eq!(Phone::parse(&format!("{phone}")), Ok(phone.clone()));
                let json = serde_json::to_string(&phone).unwrap();
                prop_assert_eq!(serde_json::from_str::<Phone>(&json).unwrap(), phone);
            }
        }
    }
}
