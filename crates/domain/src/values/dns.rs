//! DNS host names, as they appear after the @ of an email, in approved domains and as Exchange
//! domains: one rule, written once, so the three can never accept different domains.
//!
//! Only the letter-digit-hyphen syntax is accepted: an internationalised domain must be written in
//! its `xn--` form. Letting Unicode in would let `exаmple.com` (with a Cyrillic `а`) pass for
//! `example.com`.

use std::borrow::Cow;
use thiserror::Error;

/// The longest host name DNS can carry (253 characters, without a trailing dot).
pub(crate) const MAX_NAME_LENGTH: usize = 253;
/// The longest label between two dots.
pub(crate) const MAX_LABEL_LENGTH: usize = 63;

/// What is wrong with a domain name.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DnsNameError {
    /// Nothing was given.
    #[error("the domain is empty")]
    Empty,
    /// Longer than DNS allows.
    #[error("the domain has {actual} characters; at most {max} are allowed")]
    TooLong { max: usize, actual: usize },
    /// Two dots in a row, or a dot at either end.
    #[error("the domain has an empty part between dots")]
    EmptyLabel,
    /// One part between dots is longer than DNS allows.
    #[error("a part of the domain has {actual} characters; at most {max} are allowed")]
    LabelTooLong { max: usize, actual: usize },
    /// A character other than a to z, 0 to 9, a hyphen or a dot.
    #[error("the domain cannot contain {character:?}")]
    InvalidCharacter { character: char },
    /// A part starts or ends with a hyphen.
    #[error("a part of the domain starts or ends with a hyphen")]
    HyphenAtLabelEdge,
    /// A single name such as `localhost`: mail and approval need a registered domain.
    #[error("the domain needs at least two parts, like example.com")]
    SingleLabel,
    /// The last part is all digits, so this is an IP address or a typo, not a domain.
    #[error("the last part of the domain cannot be all digits")]
    NumericTopLevel,
}

/// Checks a host name (already trimmed by the caller) and returns it lower-cased.
pub(crate) fn parse_dns_name(input: &str) -> Result<String, DnsNameError> {
    dns_name(input).map(Cow::into_owned)
}

/// Checks a host name (already trimmed by the caller) and answers it lower-cased, borrowed when
/// it already was: an import checks the domains of 50,000 addresses without a copy.
pub(crate) fn dns_name(input: &str) -> Result<Cow<'_, str>, DnsNameError> {
    if input.is_empty() {
        return Err(DnsNameError::Empty);
    }
    let length = input.chars().count();
    if length > MAX_NAME_LENGTH {
        return Err(DnsNameError::TooLong {
            max: MAX_NAME_LENGTH,
            actual: length,
        });
    }
    let name = if input.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(input.to_ascii_lowercase())
    } else {
        Cow::Borrowed(input)
    };
    let mut labels = 0;
    let mut last = "";
    // A one-character set, searched character by character: quicker than a substring search
    // on names this short.
    for label in name.split(['.']) {
        check_label(label)?;
        labels += 1;
        last = label;
    }
    if labels < 2 {
        return Err(DnsNameError::SingleLabel);
    }
    if last.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DnsNameError::NumericTopLevel);
    }
    Ok(name)
}

fn check_label(label: &str) -> Result<(), DnsNameError> {
    if label.is_empty() {
        return Err(DnsNameError::EmptyLabel);
    }
    if let Some(character) = label
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(DnsNameError::InvalidCharacter { character });
    }
    // Only ASCII is left, so bytes are characters.
    if label.len() > MAX_LABEL_LENGTH {
        return Err(DnsNameError::LabelTooLong {
            max: MAX_LABEL_LENGTH,
            actual: label.len(),
        });
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err(DnsNameError::HyphenAtLabelEdge);
    }
    Ok(())
}

/// A proptest strategy for valid domain names, shared by the tests of every value that holds one.
#[cfg(test)]
pub(crate) fn valid_domain_strategy() -> impl proptest::strategy::Strategy<Value = String> {
    "([a-zA-Z0-9]([a-zA-Z0-9-]{0,20}[a-zA-Z0-9])?\\.){1,3}[a-zA-Z]{2,10}"
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_domain_is_lower_cased() {
        assert_eq!(
            parse_dns_name("Mail.Example.COM"),
            Ok("mail.example.com".to_owned())
        );
    }

    #[test]
    fn each_broken_domain_is_refused_with_its_reason() {
        let cases = [
            ("", DnsNameError::Empty),
            ("example..com", DnsNameError::EmptyLabel),
            (".example.com", DnsNameError::EmptyLabel),
            ("example.com.", DnsNameError::EmptyLabel),
            (
                "exa_mple.com",
                DnsNameError::InvalidCharacter { character: '_' },
            ),
            (
                "ex\u{0430}mple.com",
                DnsNameError::InvalidCharacter {
                    character: '\u{0430}',
                },
            ),
            (
                "exa mple.com",
                DnsNameError::InvalidCharacter { character: ' ' },
            ),
            ("-example.com", DnsNameError::HyphenAtLabelEdge),
            ("example-.com", DnsNameError::HyphenAtLabelEdge),
            ("localhost", DnsNameError::SingleLabel),
            ("192.168.0.1", DnsNameError::NumericTopLevel),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_dns_name(input), Err(expected), "{input:?}");
        }
    }

    #[test]
    fn labels_and_names_have_dns_lengths() {
        let label_63 = "a".repeat(63);
        assert!(parse_dns_name(&format!("{label_63}.com")).is_ok());
        assert_eq!(
            parse_dns_name(&format!("{label_63}a.com")),
            Err(DnsNameError::LabelTooLong {
                max: 63,
                actual: 64
            })
        );
        let long = format!("{}.com", ["abcdefghi"; 25].join("."));
        assert_eq!(long.len(), 253);
        assert!(parse_dns_name(&long).is_ok());
        assert_eq!(
            parse_dns_name(&format!("a{long}")),
            Err(DnsNameError::TooLong {
                max: 253,
                actual: 254
            })
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn generated_valid_domains_are_accepted_lower_cased(domain in valid_domain_strategy()) {
            prop_assert_eq!(parse_dns_name(&domain), Ok(domain.to_ascii_lowercase()));
        }
    }
}
