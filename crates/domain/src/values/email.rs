//! Email addresses: where invitations and notices go, and the default username.
//!
//! The accepted syntax is the everyday subset of RFC 5321 that mail systems actually deliver:
//! a dot-atom local part and a DNS domain. Quoted local parts, comments and IP literals are
//! refused, and so is every non-ASCII character: that one rule shuts out lookalike addresses such
//! as `pаypal.com` spelled with a Cyrillic `а`.

use super::dns::{DnsNameError, dns_name};
use super::text::trim;
use crate::codes::{Coded, ErrorCode};
use std::borrow::Cow;
use thiserror::Error;

/// The longest address SMTP can carry (RFC 5321 path limit minus the angle brackets).
const MAX_LENGTH: usize = 254;
/// The longest local part (RFC 5321 §4.5.3.1.1).
const MAX_LOCAL_LENGTH: usize = 64;

/// A syntactically valid email address; the domain is lower-cased, the local part kept as typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email {
    value: String,
    /// Byte index of the `@`, so the two halves are slices and never re-parsed.
    at: usize,
}

/// What is wrong with an email address.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EmailError {
    #[error("the email address is empty")]
    Required,
    #[error("the email address contains the non-ASCII character {character:?}")]
    NonAscii { character: char },
    #[error("the email address has {actual} characters; at most {max} are allowed")]
    TooLong { max: usize, actual: usize },
    #[error("the email address has no @")]
    MissingAt,
    #[error("the email address has more than one @")]
    MultipleAt,
    #[error("the email address has nothing before the @")]
    LocalPartEmpty,
    #[error("the part before the @ has {actual} characters; at most {max} are allowed")]
    LocalPartTooLong { max: usize, actual: usize },
    #[error("the part before the @ cannot contain {character:?}")]
    LocalPartInvalidCharacter { character: char },
    #[error("the part before the @ starts or ends with a dot, or has two dots in a row")]
    LocalPartDots,
    #[error("the part after the @ is not a valid domain: {reason}")]
    InvalidDomain { reason: DnsNameError },
}

impl Coded for EmailError {
    fn code(&self) -> ErrorCode {
        match self {
            EmailError::Required => ErrorCode::EmailRequired,
            EmailError::NonAscii { .. } => ErrorCode::EmailNonAscii,
            EmailError::TooLong { .. } => ErrorCode::EmailTooLong,
            EmailError::MissingAt => ErrorCode::EmailMissingAt,
            EmailError::MultipleAt => ErrorCode::EmailMultipleAt,
            EmailError::LocalPartEmpty => ErrorCode::EmailLocalPartMissing,
            EmailError::LocalPartTooLong { .. } => ErrorCode::EmailLocalPartTooLong,
            EmailError::LocalPartInvalidCharacter { .. } => ErrorCode::EmailInvalidLocalPart,
            EmailError::LocalPartDots => ErrorCode::EmailLocalPartDots,
            EmailError::InvalidDomain { .. } => ErrorCode::EmailInvalidDomain,
        }
    }
}

/// RFC 5322 `atext`: what a dot-atom local part may hold besides dots.
fn is_atext(c: char) -> bool {
    const SYMBOLS: &[u8] = b"!#$%&'*+/=?^_`{|}~-";
    c.is_ascii_alphanumeric() || u8::try_from(c).is_ok_and(|b| SYMBOLS.contains(&b))
}

impl Email {
    /// Parses an address typed by a person or read from a file; surrounding spaces are ignored.
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        Email::canonical(input).map(|value| Email::from_canonical(value.into_owned()))
    }

    /// What [`Email::parse`] keeps of `input` (the local part as typed, the domain lower-cased),
    /// borrowed when that is `input` trimmed, as it mostly is: an import checks 50,000 addresses
    /// without a copy.
    pub(crate) fn canonical(input: &str) -> Result<Cow<'_, str>, EmailError> {
        let input = trim(input);
        if input.is_empty() {
            return Err(EmailError::Required);
        }
        if !input.is_ascii()
            && let Some(character) = input.chars().find(|c| !c.is_ascii())
        {
            return Err(EmailError::NonAscii { character });
        }
        // ASCII from here on: bytes are characters.
        if input.len() > MAX_LENGTH {
            return Err(EmailError::TooLong {
                max: MAX_LENGTH,
                actual: input.len(),
            });
        }
        // Bytes searched one by one: quicker than a substring search on text this short.
        let (local, domain) = match input.bytes().position(|b| b == b'@') {
            None => return Err(EmailError::MissingAt),
            Some(at) if input.bytes().skip(at + 1).any(|b| b == b'@') => {
                return Err(EmailError::MultipleAt);
            }
            Some(at) => (&input[..at], &input[at + 1..]),
        };
        check_local_part(local)?;
        match dns_name(domain).map_err(|reason| EmailError::InvalidDomain { reason })? {
            Cow::Borrowed(_) => Ok(Cow::Borrowed(input)),
            Cow::Owned(domain) => Ok(Cow::Owned([local, "@", &domain].concat())),
        }
    }

    /// An address [`Email::canonical`] answered.
    pub(crate) fn from_canonical(value: String) -> Email {
        // The local part holds no @: the first is the one.
        let at = value.find('@').unwrap_or_default();
        Email { value, at }
    }

    /// The canonical address: local part as typed, domain lower-cased.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The part before the @, as typed.
    pub fn local_part(&self) -> &str {
        &self.value[..self.at]
    }

    /// The domain after the @, lower-cased.
    pub fn domain(&self) -> &str {
        &self.value[self.at + 1..]
    }

    /// The address fully lower-cased: two addresses with the same key belong to the same person.
    /// RFC 5321 lets a server treat `Ann@` and `ann@` as different mailboxes, but no real mail
    /// system does, and treating them as two people would let one person be added twice.
    pub fn key(&self) -> String {
        super::login_key(&self.value)
    }
}

fn check_local_part(local: &str) -> Result<(), EmailError> {
    if local.is_empty() {
        return Err(EmailError::LocalPartEmpty);
    }
    if local.len() > MAX_LOCAL_LENGTH {
        return Err(EmailError::LocalPartTooLong {
            max: MAX_LOCAL_LENGTH,
            actual: local.len(),
        });
    }
    if let Some(character) = local.chars().find(|&c| !(is_atext(c) || c == '.')) {
        return Err(EmailError::LocalPartInvalidCharacter { character });
    }
    // An empty piece between dots: a dot first, last, or two in a row.
    if local.starts_with('.')
        || local.ends_with('.')
        || local.as_bytes().windows(2).any(|w| w == b"..")
    {
        return Err(EmailError::LocalPartDots);
    }
    Ok(())
}

string_value!(Email, EmailError);

#[cfg(test)]
pub(crate) fn valid_email_strategy() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::strategy::Strategy;
    let atom = "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]{1,15}";
    (
        proptest::string::string_regex(&format!("{atom}(\\.{atom}){{0,2}}"))
            .unwrap_or_else(|e| unreachable!("the local part regex is valid: {e}")),
        super::dns::valid_domain_strategy(),
    )
        .prop_map(|(local, domain)| format!("{local}@{domain}"))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use proptest::prelude::*;

    fn refused(input: &str) -> EmailError {
        match Email::parse(input) {
            Ok(email) => unreachable!("{input:?} was accepted as {email}"),
            Err(error) => error,
        }
    }

    #[test]
    fn email_domain_is_lower_cased_and_local_part_kept() {
        let email = Email::parse("  Ann.Lee+roster@Example.COM ").unwrap();
        assert_eq!(email.as_str(), "Ann.Lee+roster@example.com");
        assert_eq!(email.local_part(), "Ann.Lee+roster");
        assert_eq!(email.domain(), "example.com");
        assert_eq!(email.to_string(), "Ann.Lee+roster@example.com");
    }

    #[test]
    fn email_key_ignores_case_entirely() {
        let a = Email::parse("Ann@Example.com").unwrap();
        let b = Email::parse("ann@example.COM").unwrap();
        assert_ne!(a, b);
        assert_eq!(a.key(), b.key());
        assert_eq!(a.key(), "ann@example.com");
    }

    #[test]
    fn every_atext_character_is_allowed_in_the_local_part() {
        let email = Email::parse("o'brien!#$%&*+/=?^_`{|}~-x@example.com").unwrap();
        assert_eq!(email.local_part(), "o'brien!#$%&*+/=?^_`{|}~-x");
    }

    #[test]
    fn empty_and_blank_emails_are_required() {
        assert_eq!(refused(""), EmailError::Required);
        assert_eq!(refused(" \t\n "), EmailError::Required);
    }

    #[test]
    fn lookalike_and_invisible_characters_are_non_ascii() {
        // Cyrillic а in the domain, in the local part; zero-width space; right-to-left override.
        for (input, character) in [
            ("ann@ex\u{0430}mple.com", '\u{0430}'),
            ("\u{0430}nn@example.com", '\u{0430}'),
            ("ann\u{200B}@example.com", '\u{200B}'),
            ("ann@\u{202E}moc.elpmaxe", '\u{202E}'),
        ] {
            let error = refused(input);
            assert_eq!(error, EmailError::NonAscii { character }, "{input:?}");
            assert_eq!(error.code(), ErrorCode::EmailNonAscii);
        }
    }

    #[test]
    fn control_characters_and_inner_spaces_are_refused_in_the_local_part() {
        assert_eq!(
            refused("an\0n@example.com"),
            EmailError::LocalPartInvalidCharacter { character: '\0' }
        );
        assert_eq!(
            refused("ann lee@example.com"),
            EmailError::LocalPartInvalidCharacter { character: ' ' }
        );
        assert_eq!(
            refused("\"ann\"@example.com"),
            EmailError::LocalPartInvalidCharacter { character: '"' }
        );
        assert_eq!(
            refused("ann@exa\u{7}mple.com").code(),
            ErrorCode::EmailInvalidDomain
        );
    }

    #[test]
    fn the_at_sign_must_appear_exactly_once() {
        assert_eq!(refused("ann.example.com"), EmailError::MissingAt);
        assert_eq!(refused("ann@lee@example.com"), EmailError::MultipleAt);
        assert_eq!(refused("@example.com"), EmailError::LocalPartEmpty);
        assert_eq!(
            refused("ann@"),
            EmailError::InvalidDomain {
                reason: DnsNameError::Empty
            }
        );
        assert_eq!(refused("ann.example.com").code(), ErrorCode::EmailMissingAt);
    }

    #[test]
    fn dots_may_only_separate_atoms() {
        for input in [
            ".ann@example.com",
            "ann.@example.com",
            "ann..lee@example.com",
        ] {
            assert_eq!(refused(input), EmailError::LocalPartDots, "{input:?}");
        }
    }

    #[test]
    fn domains_follow_the_dns_rules() {
        assert_eq!(
            refused("ann@localhost"),
            EmailError::InvalidDomain {
                reason: DnsNameError::SingleLabel
            }
        );
        assert_eq!(
            refused("ann@[192.168.0.1]"),
            EmailError::InvalidDomain {
                reason: DnsNameError::InvalidCharacter { character: '[' }
            }
        );
        assert_eq!(
            refused("ann@10.0.0.1"),
            EmailError::InvalidDomain {
                reason: DnsNameError::NumericTopLevel
            }
        );
    }

    #[test]
    fn lengths_are_limited_to_what_smtp_carries() {
        let local_64 = "a".repeat(64);
        assert!(Email::parse(&format!("{local_64}@example.com")).is_ok());
        assert_eq!(
            refused(&format!("{local_64}a@example.com")),
            EmailError::LocalPartTooLong {
                max: 64,
                actual: 65
            }
        );
        // 64 + 1 + 189 = 254 characters: the longest accepted address.
        let domain = format!(
            "{}.{}.{}.com",
            "b".repeat(61),
            "c".repeat(61),
            "d".repeat(61)
        );
        let longest = format!("{local_64}@{domain}");
        assert_eq!(longest.len(), 254);
        assert!(Email::parse(&longest).is_ok());
        assert_eq!(
            refused(&format!("{local_64}@a{domain}")),
            EmailError::TooLong {
                max: 254,
                actual: 255
            }
        );
        assert_eq!(
            refused(&"a".repeat(10_000)),
            EmailError::TooLong {
                max: 254,
                actual: 10_000
            }
        );
    }

    #[test]
    fn email_deserialisation_refuses_invalid_addresses() {
        let email: Email = serde_json::from_str("\"Ann@EXAMPLE.com\"").unwrap();
        assert_eq!(email.as_str(), "Ann@example.com");
        assert_eq!(
            serde_json::to_string(&email).unwrap(),
            "\"Ann@example.com\""
        );
        assert!(serde_json::from_str::<Email>("\"ann@\u{0430}.com\"").is_err());
        assert!(serde_json::from_str::<Email>("\"no-at-sign\"").is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn parsing_any_text_never_panics(input in any::<String>()) {
            let _ = Email::parse(&input);
        }

        #[test]
        fn generated_valid_emails_are_accepted(input in valid_email_strategy()) {
            let email = Email::parse(&input);
            prop_assert!(email.is_ok(), "{:?} refused: {:?}", input, email);
        }

        #[test]
        fn an_accepted_email_round_trips_through_text_and_json(
            input in prop_oneof![valid_email_strategy(), "[ -~]{0,30}@[ -~]{0,30}"]
        ) {
            if let Ok(email) = Email::parse(&input) {
                prop_assert_eq!(Email::parse(&format!("{email}")), Ok(email.clone()));
                let json = serde_json::to_string(&email).unwrap();
                prop_assert_eq!(serde_json::from_str::<Email>(&json).unwrap(), email);
            }
        }
    }
}
