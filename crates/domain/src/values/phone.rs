//! Phone numbers with their country code, kept in E.164 form: `+` and 6 to 15 digits, then the
//! extension if there is one.
//!
//! People write numbers the way their address book shows them, and each way is read as the number
//! it means:
//!
//! - separators are dropped: spaces (also the no-break spaces of pasted text), dots, dashes, slashes
//!   and parentheses: `+1 (555) 010-0000`, `+33 6.12.34.56.78`, `+49 30/1234567`;
//! - the country code comes after `+`, also in parentheses (`(+33) 6 12 34 56 78`), or after `00`,
//!   the international prefix dialled from most of the world (`0049 30 1234567`); a `tel:` link
//!   reads as its number;
//! - a `0` right after the country code is the trunk prefix dialled at home, not part of the
//!   number (`+44 (0)20 7946 0958` is `+442079460958`), in every country but those whose numbers
//!   themselves start with 0 (`+39 06 1234 5678` stays `+390612345678`): see
//!   [`super::country_codes::zero_after_code`];
//! - an extension written after the number (`ext. 123`, `poste 123`, `x123`, `#123`,
//!   `;ext=123`) is kept, in the form of RFC 3966 (`+15550100000;ext=123`): dropping it would
//!   call the switchboard instead of the person, and refusing it would leave no place to write
//!   it. A number without extension is stored exactly as before, so stored numbers read back
//!   unchanged (but for those once stored with their trunk 0, `+4402079460958`, which now read
//!   as the number they meant).
//!
//! A number without its country code is refused rather than guessed: the same `06 12 34 56 78`
//! means different phones in different countries, and an account spans countries. Without the
//! numbering plan of each country (far too heavy for the browser), the lengths checked are the
//! ones every number shares; the tests check this parser against libphonenumber's plans.

use super::country_codes::{ZeroAfterCode, code_length, country_code_of, zero_after_code};
use crate::codes::{Coded, ErrorCode};
use thiserror::Error;

/// The shortest numbers of any plan have 6 digits, country code included (Vienna's oldest lines,
/// `+43 1 234`, Iran's company numbers, `+98 9601`); fewer cannot be a full international number.
const MIN_DIGITS: usize = 6;
/// The E.164 maximum, country code included.
const MAX_DIGITS: usize = 15;
/// The longest extension kept: switchboards use 2 to 6 digits.
const MAX_EXTENSION_DIGITS: usize = 10;
/// What separates the number from its extension in the stored form (RFC 3966).
const EXTENSION_MARK: &str = ";ext=";
/// The ways an extension is introduced, longest first (French address books write `poste`);
/// any case, then `.` or `:` and spaces may follow all but the RFC 3966 one.
const EXTENSION_LABELS: [&str; 7] = [
    EXTENSION_MARK,
    "extension",
    "poste",
    "extn",
    "ext",
    "x",
    "#",
];

/// A phone number in E.164 form, such as `+33612345678`, with its extension if any
/// (`+15550100000;ext=123`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Phone {
    /// `+` then the digits, then `;ext=` and the extension's digits if there is one.
    value: String,
    country_code: u16,
    /// The length of the E.164 number at the start of `value`.
    number_end: usize,
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
    #[error("the extension is not 1 to {max} digits after ext., x or #")]
    InvalidExtension { max: usize },
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
            PhoneError::InvalidExtension { .. } => ErrorCode::PhoneInvalidExtension,
        }
    }
}

/// Spaces, including the no-break ones that word processors and web pages put in numbers.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{202F}')
}

/// What people put between digits: spaces, dots, dashes (also typographic ones), slashes and
/// parentheses.
fn is_separator(c: char) -> bool {
    is_space(c)
        || matches!(
            c,
            '.' | '-' | '/' | '(' | ')' | '\u{2010}' | '\u{2011}' | '\u{2013}'
        )
}

/// Reads what follows a number: its extension's digits.
fn read_extension(rest: &str) -> Result<&str, PhoneError> {
    let label = EXTENSION_LABELS.into_iter().find(|label| {
        rest.get(..label.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(label))
    });
    let Some(label) = label else {
        let character = rest.chars().next().unwrap_or_default();
        return Err(PhoneError::InvalidCharacter { character });
    };
    let mut digits = &rest[label.len()..];
    if label != EXTENSION_MARK {
        // French typography puts a space before the colon (`poste : 12`).
        digits = digits.trim_start_matches(is_space);
        digits = digits.strip_prefix(['.', ':']).unwrap_or(digits);
        digits = digits.trim_start_matches(is_space);
    }
    if (1..=MAX_EXTENSION_DIGITS).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        Ok(digits)
    } else {
        Err(PhoneError::InvalidExtension {
            max: MAX_EXTENSION_DIGITS,
        })
    }
}

/// Whether the `n`th digit of `number` is written alone in parentheses, as in `+44 (0)20`.
fn in_parentheses(number: &str, n: usize) -> bool {
    let Some((at, _)) = number
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .nth(n)
    else {
        return false;
    };
    let before = number[..at].chars().rev().find(|&c| !is_space(c));
    let after = number[at + 1..].chars().find(|&c| !is_space(c));
    before == Some('(') && after == Some(')')
}

impl Phone {
    /// Parses a number written with `+` or `00` before the country code (see the module's notes).
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let input = super::text::trim(input);
        if input.is_empty() {
            return Err(PhoneError::Required);
        }
        let input = match input.get(..4) {
            Some(scheme) if scheme.eq_ignore_ascii_case("tel:") => &input[4..],
            _ => input,
        };
        let end = input
            .find(|c: char| !(c.is_ascii_digit() || c == '+' || is_separator(c)))
            .unwrap_or(input.len());
        let (number, rest) = input.split_at(end);
        let extension = match rest {
            "" => None,
            rest => Some(read_extension(rest)?),
        };

        // Built in place: `+`, then the digits without separators.
        let mut value = String::with_capacity(1 + input.len() + EXTENSION_MARK.len());
        value.push('+');
        let mut plus = false;
        for c in number.chars() {
            if c.is_ascii_digit() {
                value.push(c);
            } else if c == '+' {
                // Only once, before the first digit: `+33…`, `(+33)…`.
                if plus || value.len() > 1 {
                    return Err(PhoneError::InvalidCharacter { character: c });
                }
                plus = true;
            }
        }
        // How many digits of `number` precede `value`'s first one.
        let mut skipped = 0;
        if !plus {
            // `00` is the international prefix dialled from most of the world.
            if !value[1..].starts_with("00") {
                return Err(PhoneError::MissingCountryCode);
            }
            value.replace_range(1..3, "");
            skipped = 2;
        }
        let country_code = country_code_of(&value[1..]);
        if let Some(code) = country_code {
            let after_code = 1 + code_length(code);
            let zeros = value[after_code..]
                .bytes()
                .take_while(|&b| b == b'0')
                .count();
            let trunk = match zero_after_code(code) {
                // No number starts with 0 there: every 0 before the number is left out, so that
                // the stored number reads back the same.
                ZeroAfterCode::Trunk => zeros,
                ZeroAfterCode::Number => 0,
                ZeroAfterCode::NumberUnlessParenthesised => {
                    usize::from(zeros > 0 && in_parentheses(number, skipped + after_code - 1))
                }
            };
            value.replace_range(after_code..after_code + trunk, "");
        }
        let actual = value.len() - 1;
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
        let country_code = country_code.ok_or(PhoneError::UnknownCountryCode)?;
        let number_end = value.len();
        if let Some(extension) = extension {
            value.push_str(EXTENSION_MARK);
            value.push_str(extension);
        }
        Ok(Phone {
            value,
            country_code,
            number_end,
        })
    }

    /// The number as stored and sent: E.164, then `;ext=` and the extension if there is one.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The number in E.164 form, `+` and digits, without its extension.
    pub fn e164(&self) -> &str {
        &self.value[..self.number_end]
    }

    /// The extension's digits, if the number has one.
    pub fn extension(&self) -> Option<&str> {
        self.value.get(self.number_end + EXTENSION_MARK.len()..)
    }

    /// The country calling code, e.g. 33 for France, 1 for North America.
    pub fn country_code(&self) -> u16 {
        self.country_code
    }

    /// The digits after the country code, without the extension.
    pub fn national_number(&self) -> &str {
        let start = 1 + code_length(self.country_code);
        self.value.get(start..self.number_end).unwrap_or_default()
    }
}

string_value!(Phone, PhoneError);

/// A stored number (`+15550100000;ext=123`) as people read it, with the word of their language
/// before the extension (`label`: `+15550100000 ext. 123`, `+33123456789 poste 12`), for the pages
/// that show the stored text without parsing it again. [`Phone::parse`] reads either back.
///
/// Cut at the `;`'s byte rather than searched for `;ext=`: a substring search (and slicing whose
/// panic message formats characters) weighed some 4 KB of the people's bundle's brotli.
pub fn readable(stored: &str, label: &str) -> String {
    let cut = stored.bytes().position(|b| b == b';');
    match cut.and_then(|at| Some((stored.get(..at)?, stored.get(at + 1..)?))) {
        Some((number, extension)) => {
            let digits = extension.strip_prefix("ext=").unwrap_or(extension);
            format!("{number} {label} {digits}")
        }
        None => stored.to_owned(),
    }
}

// Checked against libphonenumber's numbering plans (the `phonenumber` crate, natively only: its
// metadata stays out of the browser, so of the wasm tests too).
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod oracle;

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use proptest::prelude::*;

    #[track_caller]
    fn stored(input: &str) -> String {
        match Phone::parse(input) {
            Ok(phone) => phone.as_str().to_owned(),
            Err(err) => panic!("{input:?} refused: {err}"),
        }
    }

    #[test]
    fn numbers_as_people_type_them_become_e164() {
        for (input, e164, code) in [
            ("+1 (555) 010-0000", "+15550100000", 1),
            ("+33 6 12 34 56 78", "+33612345678", 33),
            ("0033 6.12.34.56.78", "+33612345678", 33),
            ("  +44 20 7946 0958 ", "+442079460958", 44),
            ("+353-1-234-5678", "+35312345678", 353),
            ("+41 44 668 18 00", "+41446681800", 41),
            ("0049 30 1234567", "+49301234567", 49),
            ("+49 30/1234567", "+49301234567", 49),
            ("+49 (0)89/123 456-78", "+498912345678", 49),
            ("(+33) 6 12 34 56 78", "+33612345678", 33),
            ("(0033) 6 12 34 56 78", "+33612345678", 33),
            ("+1.555.010.0000", "+15550100000", 1),
            ("tel:+1-555-010-0000", "+15550100000", 1),
            ("TEL:+33612345678", "+33612345678", 33),
            // Pasted from a web page or a word processor: no-break spaces, typographic dashes.
            (
                "+33\u{A0}6\u{A0}12\u{A0}34\u{A0}56\u{A0}78",
                "+33612345678",
                33,
            ),
            ("+33\u{202F}6 12 34 56 78", "+33612345678", 33),
            ("+1 555\u{2011}010\u{2013}0000", "+15550100000", 1),
            // The shortest numbers: 4 digits after the country code.
            ("+683 7012", "+6837012", 683),
            ("+290 8999", "+2908999", 290),
            ("+43 1 234", "+431234", 43),
        ] {
            let phone = Phone::parse(input).unwrap();
            assert_eq!(
                (phone.as_str(), phone.e164(), phone.country_code()),
                (e164, e164, code),
                "{input:?}"
            );
            assert_eq!(phone.extension(), None, "{input:?}");
        }
        assert_eq!(
            Phone::parse("+33 6 12 34 56 78").unwrap().national_number(),
            "612345678"
        );
    }

    #[test]
    fn the_trunk_prefix_after_the_country_code_is_left_out() {
        // What used to be stored as another number: the 0 dialled at home kept inside E.164.
        for (input, e164) in [
            ("+44 (0)20 7946 0958", "+442079460958"),
            ("+44 (0) 20 7946 0958", "+442079460958"),
            ("+44(0)2079460958", "+442079460958"),
            ("+44 020 7946 0958", "+442079460958"),
            ("0044 (0)20 7946 0958", "+442079460958"),
            ("+49 (0)30 1234567", "+49301234567"),
            ("+49 (0)30/1234567", "+49301234567"),
            ("+33 (0)6 12 34 56 78", "+33612345678"),
            ("+41 (0)44 668 18 00", "+41446681800"),
            ("+61 (0)4 1234 5678", "+61412345678"),
            ("+81 (0)3-1234-5678", "+81312345678"),
            // Stored that way before: read as the number it always meant.
            ("+4402079460958", "+442079460958"),
            ("+490301234567", "+49301234567"),
        ] {
            assert_eq!(stored(input), e164, "{input:?}");
        }
    }

    #[test]
    fn a_zero_that_is_part_of_the_number_is_kept() {
        for (input, e164) in [
            // Italy (and the Vatican, San Marino) dial the 0 from abroad too.
            ("+39 06 1234 5678", "+390612345678"),
            ("+39 (0)6 1234 5678", "+390612345678"),
            ("0039 02 1234 5678", "+390212345678"),
            ("+39 06 698 12345", "+390669812345"),
            ("+378 0549 886377", "+3780549886377"),
            ("+225 01 23 45 67 89", "+2250123456789"),
            ("+242 06 123 4567", "+242061234567"),
            // Rwanda has both: a trunk 0, written (0), and fixed lines starting with 06.
            ("+250 (0)788 123 456", "+250788123456"),
            ("+250 06 123 456", "+25006123456"),
            ("+25006123456", "+25006123456"),
        ] {
            assert_eq!(stored(input), e164, "{input:?}");
        }
    }

    #[test]
    fn extensions_are_kept_in_the_rfc_3966_form() {
        for input in [
            "+1 555 010 0000 ext. 123",
            "+1 555 010 0000 ext 123",
            "+1 555 010 0000 Ext: 123",
            "+1 555 010 0000 extn. 123",
            "+1 555 010 0000 extension 123",
            "+1 555 010 0000 x123",
            "+1 555 010 0000 X 123",
            "+1 (555) 010-0000 #123",
            "+1 555 010 0000;ext=123",
            "+15550100000;ext=123",
            "tel:+1-555-010-0000;ext=123",
        ] {
            let phone = Phone::parse(input).unwrap();
            assert_eq!(phone.as_str(), "+15550100000;ext=123", "{input:?}");
            assert_eq!(
                (phone.e164(), phone.extension(), phone.national_number()),
                ("+15550100000", Some("123"), "5550100000"),
                "{input:?}"
            );
        }
        assert_eq!(
            stored("+44 (0)20 7946 0958 x 4567"),
            "+442079460958;ext=4567"
        );
        assert_eq!(stored("+33 6 12 34 56 78 ext 9"), "+33612345678;ext=9");
    }

    #[test]
    fn a_number_is_shown_as_people_read_it_and_read_back_the_same() {
        for (input, shown) in [
            ("+1 555 010 0000 x123", "+15550100000 ext. 123"),
            ("+33 6 12 34 56 78", "+33612345678"),
        ] {
            let phone = Phone::parse(input).unwrap();
            assert_eq!(super::readable(phone.as_str(), "ext."), shown);
            assert_eq!(Phone::parse(shown).unwrap(), phone);
        }
        // In French, as a French address book writes it, and read back the same.
        let phone = Phone::parse("+33 1 23 45 67 89 poste 12").unwrap();
        assert_eq!(phone.as_str(), "+33123456789;ext=12");
        let shown = super::readable(phone.as_str(), "poste");
        assert_eq!(shown, "+33123456789 poste 12");
        assert_eq!(Phone::parse(&shown).unwrap(), phone);
        assert_eq!(Phone::parse("+33 1 23 45 67 89 Poste : 12").unwrap(), phone);
    }

    #[test]
    fn a_broken_extension_is_refused_not_dropped() {
        let invalid = Err(PhoneError::InvalidExtension { max: 10 });
        for input in [
            "+1 555 010 0000 ext.",
            "+1 555 010 0000 x",
            "+1 555 010 0000 #",
            "+1 555 010 0000 ext. 12345678901",
            "+1 555 010 0000 ext. 12a",
            "+1 555 010 0000 ext. 123 456",
            "+1 555 010 0000 x 123 or 456",
            "+1 555 010 0000;ext=",
            "+1 555 010 0000;ext= 123",
            "+1 555 010 0000 extra",
            "+1 555 x123 0000",
        ] {
            assert_eq!(Phone::parse(input), invalid, "{input:?}");
        }
        assert_eq!(
            Phone::parse("+1 555 010 0000 x").unwrap_err().code(),
            ErrorCode::PhoneInvalidExtension
        );
        assert_eq!(
            stored("+1 555 010 0000 x1234567890"),
            "+15550100000;ext=1234567890"
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
            ("+1 800 FLOWERS", 'F'),
            ("+33 6 12 34 56 78, +33 7 12 34 56 78", ','),
            ("+33 6 12 34 56 78 (mobile)", 'm'),
            ("+33\t612345678", '\t'),
            ("+1 555 010 0000;phone-context=+1", ';'),
            ("++33612345678", '+'),
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
    fn a_number_has_six_to_fifteen_digits() {
        assert_eq!(
            Phone::parse("+"),
            Err(PhoneError::TooShort { min: 6, actual: 0 })
        );
        assert_eq!(
            Phone::parse("+33612"),
            Err(PhoneError::TooShort { min: 6, actual: 5 })
        );
        // The trunk prefix does not count.
        assert_eq!(
            Phone::parse("+44 (0)123"),
            Err(PhoneError::TooShort { min: 6, actual: 5 })
        );
        assert!(Phone::parse("+43 1 234").is_ok());
        assert_eq!(stored("+49 (0)30 12345678901"), "+493012345678901");
        // The extension does not count either.
        assert!(Phone::parse("+86 123 4567 890 123 ext. 1234567890").is_ok());
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
        let phone = Phone::parse("+1 555 010 0000 x123").unwrap();
        assert_eq!(
            serde_json::to_string(&phone).unwrap(),
            "\"+15550100000;ext=123\""
        );
        assert_eq!(
            serde_json::from_str::<Phone>("\"+15550100000;ext=123\"").unwrap(),
            phone
        );
    }

    #[test]
    fn stored_numbers_read_back_as_they_are() {
        // What the server stored before extensions and trunk prefixes were read, and since.
        for stored_text in [
            "+15550100000",
            "+33612345678",
            "+442079460958",
            "+390612345678",
            "+35312345678",
            "+25006123456",
            "+15550100000;ext=123",
        ] {
            assert_eq!(stored(stored_text), stored_text);
        }
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
            national in "[1-9][0-9]{7,10}",
            separator in "[ ./()-]{0,2}",
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
        fn a_stored_number_reads_back_as_itself(
            code in prop_oneof![Just("1"), Just("44"), Just("39"), Just("250"), Just("998")],
            national in "[1-9][0-9]{5,11}",
            extension in proptest::option::of("[0-9]{1,10}"),
        ) {
            // 7 to 15 digits, as every number stored so far (8 to 15 were accepted).
            let text = match extension {
                Some(extension) => format!("+{code}{national};ext={extension}"),
                None => format!("+{code}{national}"),
            };
            prop_assert_eq!(stored(&text), text);
        }

        #[test]
        fn an_accepted_phone_round_trips_through_text_and_json(
            input in "(\\(?\\+|00)?[0-9 .()/-]{6,20}( ?(x|ext\\.?|#|;ext=) ?[0-9]{1,3})?"
        ) {
            if let Ok(phone) = Phone::parse(&input) {
                prop_assert_eq!(Phone::parse(&format!("{phone}")), Ok(phone.clone()));
                let json = serde_json::to_string(&phone).unwrap();
                prop_assert_eq!(serde_json::from_str::<Phone>(&json).unwrap(), phone);
            }
        }
    }
}
