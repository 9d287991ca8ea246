//! The optional Exchange ActiveSync account of a user: a domain and a username, both or
//! neither, as Windows writes them in `DOMAIN\username`.

use super::dns::{DnsNameError, parse_dns_name};
use super::text::is_forbidden;
use crate::codes::{Coded, ErrorCode};
use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// NetBIOS names are at most 15 characters (the 16th byte is the service type).
const MAX_NETBIOS_LENGTH: usize = 15;
/// Longer than any sAMAccountName (20), short enough for a field.
const MAX_USERNAME_LENGTH: usize = 64;
/// Characters Active Directory refuses in a logon name.
const FORBIDDEN_IN_USERNAME: &str = "\\/[]:;|=,+*?<>\"";

/// Which half of an Exchange account is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExchangeField {
    Domain,
    Username,
}

impl fmt::Display for ExchangeField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ExchangeField::Domain => "domain",
            ExchangeField::Username => "username",
        })
    }
}

/// What is wrong with an Exchange account.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExchangeError {
    #[error("the Exchange {missing} is missing; give both or neither")]
    Incomplete { missing: ExchangeField },
    #[error("the Exchange domain is not a valid domain name: {reason}")]
    InvalidDnsDomain { reason: DnsNameError },
    #[error("the Exchange domain has {actual} characters; a NetBIOS name has at most {max}")]
    NetbiosTooLong { max: usize, actual: usize },
    #[error("the Exchange domain cannot contain {character:?}")]
    NetbiosInvalidCharacter { character: char },
    #[error("the Exchange username has {actual} characters; at most {max} are allowed")]
    UsernameTooLong { max: usize, actual: usize },
    #[error("the Exchange username cannot contain {character:?}")]
    UsernameInvalidCharacter { character: char },
}

impl Coded for ExchangeError {
    fn code(&self) -> ErrorCode {
        match self {
            ExchangeError::Incomplete { .. } => ErrorCode::ExchangeIncomplete,
            ExchangeError::InvalidDnsDomain { .. }
            | ExchangeError::NetbiosTooLong { .. }
            | ExchangeError::NetbiosInvalidCharacter { .. } => ErrorCode::ExchangeInvalidDomain,
            ExchangeError::UsernameTooLong { .. }
            | ExchangeError::UsernameInvalidCharacter { .. } => ErrorCode::ExchangeInvalidUsername,
        }
    }
}

/// An Exchange domain: a NetBIOS name such as `CORP` (kept as typed), or a DNS domain such as
/// `corp.example.com` (lower-cased). A dot tells the two apart.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ExchangeDomain(String);

impl ExchangeDomain {
    /// Parses a domain; surrounding spaces are ignored, a blank one is missing.
    pub fn parse(input: &str) -> Result<Self, ExchangeError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(ExchangeError::Incomplete {
                missing: ExchangeField::Domain,
            });
        }
        if input.contains('.') {
            let name = parse_dns_name(input)
                .map_err(|reason| ExchangeError::InvalidDnsDomain { reason })?;
            return Ok(ExchangeDomain(name));
        }
        if let Some(character) = input
            .chars()
            .find(|&c| !(c.is_ascii_alphanumeric() || c == '-'))
        {
            return Err(ExchangeError::NetbiosInvalidCharacter { character });
        }
        if input.len() > MAX_NETBIOS_LENGTH {
            return Err(ExchangeError::NetbiosTooLong {
                max: MAX_NETBIOS_LENGTH,
                actual: input.len(),
            });
        }
        Ok(ExchangeDomain(input.to_owned()))
    }

    /// The domain.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An Exchange username (the logon name, without the domain).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ExchangeUsername(String);

impl ExchangeUsername {
    /// Parses a username; surrounding spaces are ignored, a blank one is missing.
    pub fn parse(input: &str) -> Result<Self, ExchangeError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(ExchangeError::Incomplete {
                missing: ExchangeField::Username,
            });
        }
        if let Some(character) = input
            .chars()
            .find(|&c| c.is_whitespace() || is_forbidden(c) || FORBIDDEN_IN_USERNAME.contains(c))
        {
            return Err(ExchangeError::UsernameInvalidCharacter { character });
        }
        let actual = input.chars().count();
        if actual > MAX_USERNAME_LENGTH {
            return Err(ExchangeError::UsernameTooLong {
                max: MAX_USERNAME_LENGTH,
                actual,
            });
        }
        Ok(ExchangeUsername(input.to_owned()))
    }

    /// The username as typed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_value!(ExchangeDomain, ExchangeError);
string_value!(ExchangeUsername, ExchangeError);

/// An Exchange ActiveSync account: both halves, always together.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ExchangeAccount {
    domain: ExchangeDomain,
    username: ExchangeUsername,
}

impl ExchangeAccount {
    /// Joins two halves that were parsed already.
    pub fn new(domain: ExchangeDomain, username: ExchangeUsername) -> Self {
        ExchangeAccount { domain, username }
    }

    /// Parses the two form fields or CSV cells. Both blank (or absent) is no account; one blank
    /// is an error naming the missing half.
    pub fn parse(
        domain: Option<&str>,
        username: Option<&str>,
    ) -> Result<Option<ExchangeAccount>, ExchangeError> {
        fn given(field: Option<&str>) -> Option<&str> {
            field.filter(|text| !text.trim().is_empty())
        }
        match (given(domain), given(username)) {
            (None, None) => Ok(None),
            (Some(_), None) => Err(ExchangeError::Incomplete {
                missing: ExchangeField::Username,
            }),
            (None, Some(_)) => Err(ExchangeError::Incomplete {
                missing: ExchangeField::Domain,
            }),
            (Some(domain), Some(username)) => Ok(Some(ExchangeAccount {
                domain: ExchangeDomain::parse(domain)?,
                username: ExchangeUsername::parse(username)?,
            })),
        }
    }

    /// The domain.
    pub fn domain(&self) -> &ExchangeDomain {
        &self.domain
    }

    /// The username.
    pub fn username(&self) -> &ExchangeUsername {
        &self.username
    }
}

impl fmt::Display for ExchangeAccount {
    /// The Windows `DOMAIN\username` form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\\{}", self.domain, self.username)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use proptest::prelude::*;

    fn account(domain: &str, username: &str) -> Result<Option<ExchangeAccount>, ExchangeError> {
        ExchangeAccount::parse(Some(domain), Some(username))
    }

    #[test]
    fn no_exchange_account_when_both_halves_are_blank() {
        assert_eq!(ExchangeAccount::parse(None, None), Ok(None));
        assert_eq!(ExchangeAccount::parse(Some(" "), Some("")), Ok(None));
        assert_eq!(ExchangeAccount::parse(None, Some("\t")), Ok(None));
    }

    #[test]
    fn one_half_alone_is_incomplete_and_names_the_missing_one() {
        let missing = |missing| Err(ExchangeError::Incomplete { missing });
        assert_eq!(
            ExchangeAccount::parse(Some("CORP"), None),
            missing(ExchangeField::Username)
        );
        assert_eq!(
            ExchangeAccount::parse(Some("CORP"), Some(" ")),
            missing(ExchangeField::Username)
        );
        assert_eq!(
            ExchangeAccount::parse(None, Some("ann")),
            missing(ExchangeField::Domain)
        );
        assert_eq!(
            ExchangeAccount::parse(None, Some("ann"))
                .unwrap_err()
                .code(),
            ErrorCode::ExchangeIncomplete
        );
    }

    #[test]
    fn netbios_names_keep_their_case_and_dns_domains_are_lower_cased() {
        let netbios = account(" CORP-1 ", " ann.lee ").unwrap().unwrap();
        assert_eq!(
            (netbios.domain().as_str(), netbios.username().as_str()),
            ("CORP-1", "ann.lee")
        );
        assert_eq!(netbios.to_string(), "CORP-1\\ann.lee");
        let dns = account("Corp.Example.COM", "Ann").unwrap().unwrap();
        assert_eq!(dns.domain().as_str(), "corp.example.com");
    }

    #[test]
    fn broken_domains_are_refused_by_reason() {
        assert_eq!(
            account("ABCDEFGHIJKLMNOP", "ann"),
            Err(ExchangeError::NetbiosTooLong {
                max: 15,
                actual: 16
            })
        );
        assert_eq!(
            account("CO RP", "ann"),
            Err(ExchangeError::NetbiosInvalidCharacter { character: ' ' })
        );
        assert_eq!(
            account("C\u{041E}RP", "ann"),
            Err(ExchangeError::NetbiosInvalidCharacter {
                character: '\u{041E}'
            })
        );
        assert_eq!(
            account("corp..example.com", "ann"),
            Err(ExchangeError::InvalidDnsDomain {
                reason: DnsNameError::EmptyLabel
            })
        );
        assert_eq!(
            account("CORP\0", "ann").unwrap_err().code(),
            ErrorCode::ExchangeInvalidDomain
        );
    }

    #[test]
    fn usernames_refuse_spaces_and_active_directory_specials() {
        for character in [
            '\\', '/', '[', ']', ':', ';', '|', '=', ',', '+', '*', '?', '<', '>', '"',
        ] {
            assert_eq!(
                account("CORP", &format!("ann{character}lee")),
                Err(ExchangeError::UsernameInvalidCharacter { character })
            );
        }
        for character in [' ', '\0', '\u{200B}', '\u{202E}', '\u{00A0}'] {
            assert_eq!(
                account("CORP", &format!("ann{character}lee"))
                    .unwrap_err()
                    .code(),
                ErrorCode::ExchangeInvalidUsername
            );
        }
        assert!(account("CORP", "j\u{00F6}rg.m\u{00FC}ller").is_ok());
    }

    #[test]
    fn a_username_is_at_most_64_characters() {
        assert!(account("CORP", &"\u{00E9}".repeat(64)).is_ok());
        assert_eq!(
            account("CORP", &"a".repeat(10_000)),
            Err(ExchangeError::UsernameTooLong {
                max: 64,
                actual: 10_000
            })
        );
    }

    #[test]
    fn exchange_json_is_revalidated() {
        let parsed = account("CORP", "ann").unwrap().unwrap();
        let json = serde_json::to_string(&parsed).unwrap();
        assert_eq!(json, r#"{"domain":"CORP","username":"ann"}"#);
        assert_eq!(
            serde_json::from_str::<ExchangeAccount>(&json).unwrap(),
            parsed
        );
        assert!(
            serde_json::from_str::<ExchangeAccount>(r#"{"domain":"","username":"ann"}"#).is_err()
        );
        assert!(
            serde_json::from_str::<ExchangeAccount>(r#"{"domain":"C","username":"a b"}"#).is_err()
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn parsing_any_exchange_pair_never_panics(
            domain in proptest::option::of(any::<String>()),
            username in proptest::option::of(any::<String>()),
        ) {
            let _ = ExchangeAccount::parse(domain.as_deref(), username.as_deref());
        }

        #[test]
        fn generated_accounts_are_accepted_and_round_trip(
            domain in prop_oneof![
                "[A-Za-z0-9-]{1,15}".boxed(),
                crate::values::dns::valid_domain_strategy().boxed(),
            ],
            username in "[A-Za-z0-9._@#$%&'!-]{1,64}",
        ) {
            let parsed = account(&domain, &username).unwrap().unwrap();
            let again = account(parsed.domain().as_str(), parsed.username().as_str());
            prop_assert_eq!(again, Ok(Some(parsed.clone())));
            let json = serde_json::to_string(&parsed).unwrap();
            prop_assert_eq!(serde_json::from_str::<ExchangeAccount>(&json).unwrap(), parsed);
        }
    }
}
