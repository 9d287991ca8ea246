//! Where a user proves who they are: Roster's own passwords (`local`), or a named external
//! identity provider configured for the portal (`okta`, `azure-ad`, …).

use crate::codes::{Coded, ErrorCode};
use thiserror::Error;

const LOCAL: &str = "local";
const MAX_NAME_LENGTH: usize = 64;

/// The identity provider of a user.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum IdentityProvider {
    /// Roster's own sign-in, with a password under the group's policy.
    #[default]
    Local,
    /// An external provider, by its configured name.
    External(ProviderName),
}

/// The name of an external identity provider: 1 to 64 of `a-z`, `0-9` and `-`, not starting or
/// ending with `-`, and never `local`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProviderName(String);

/// What is wrong with an identity provider.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IdentityProviderError {
    #[error("the identity provider is empty")]
    Required,
    #[error("the identity provider name has {actual} characters; at most {max} are allowed")]
    TooLong { max: usize, actual: usize },
    #[error("the identity provider name cannot contain {character:?}")]
    InvalidCharacter { character: char },
    #[error("the identity provider name cannot start or end with a hyphen")]
    HyphenAtEdge,
    #[error("local is Roster's own sign-in, not the name of an external provider")]
    ReservedName,
}

impl Coded for IdentityProviderError {
    fn code(&self) -> ErrorCode {
        ErrorCode::IdentityProviderInvalid
    }
}

impl ProviderName {
    /// Parses an external provider name. Upper-case letters are lower-cased: provider names are
    /// identifiers, and `Okta` in a CSV cell means `okta`.
    pub fn parse(input: &str) -> Result<Self, IdentityProviderError> {
        let name = input.trim().to_ascii_lowercase();
        if name.is_empty() {
            return Err(IdentityProviderError::Required);
        }
        if let Some(character) = name
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            return Err(IdentityProviderError::InvalidCharacter { character });
        }
        // ASCII from here on: bytes are characters.
        if name.len() > MAX_NAME_LENGTH {
            return Err(IdentityProviderError::TooLong {
                max: MAX_NAME_LENGTH,
                actual: name.len(),
            });
        }
        if name.starts_with('-') || name.ends_with('-') {
            return Err(IdentityProviderError::HyphenAtEdge);
        }
        if name == LOCAL {
            return Err(IdentityProviderError::ReservedName);
        }
        Ok(ProviderName(name))
    }

    /// The name, lower-case.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl IdentityProvider {
    /// Parses `local` (any case) or the name of an external provider.
    pub fn parse(input: &str) -> Result<Self, IdentityProviderError> {
        if input.trim().eq_ignore_ascii_case(LOCAL) {
            return Ok(IdentityProvider::Local);
        }
        ProviderName::parse(input).map(IdentityProvider::External)
    }

    /// `local` or the external provider's name.
    pub fn as_str(&self) -> &str {
        match self {
            IdentityProvider::Local => LOCAL,
            IdentityProvider::External(name) => name.as_str(),
        }
    }
}

string_value!(ProviderName, IdentityProviderError);
string_value!(IdentityProvider, IdentityProviderError);

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use proptest::prelude::*;

    fn external(name: &str) -> IdentityProvider {
        IdentityProvider::External(ProviderName::parse(name).unwrap())
    }

    #[test]
    fn local_is_its_own_provider_in_any_case() {
        assert_eq!(
            IdentityProvider::parse("local"),
            Ok(IdentityProvider::Local)
        );
        assert_eq!(
            IdentityProvider::parse(" LOCAL "),
            Ok(IdentityProvider::Local)
        );
        assert_eq!(IdentityProvider::default(), IdentityProvider::Local);
        assert_eq!(
            ProviderName::parse("local"),
            Err(IdentityProviderError::ReservedName)
        );
    }

    #[test]
    fn external_providers_are_named_in_lower_case() {
        assert_eq!(
            IdentityProvider::parse("Azure-AD"),
            Ok(external("azure-ad"))
        );
        assert_eq!(external("okta2").to_string(), "okta2");
    }

    #[test]
    fn broken_provider_names_are_refused_by_reason() {
        for (input, expected) in [
            ("", IdentityProviderError::Required),
            ("   ", IdentityProviderError::Required),
            ("-okta", IdentityProviderError::HyphenAtEdge),
            ("okta-", IdentityProviderError::HyphenAtEdge),
            (
                "my okta",
                IdentityProviderError::InvalidCharacter { character: ' ' },
            ),
            (
                "okta_1",
                IdentityProviderError::InvalidCharacter { character: '_' },
            ),
            (
                "\u{043E}kta",
                IdentityProviderError::InvalidCharacter {
                    character: '\u{043E}',
                },
            ),
            (
                "ok\u{200B}ta",
                IdentityProviderError::InvalidCharacter {
                    character: '\u{200B}',
                },
            ),
            (
                "okta\0",
                IdentityProviderError::InvalidCharacter { character: '\0' },
            ),
        ] {
            assert_eq!(IdentityProvider::parse(input), Err(expected), "{input:?}");
        }
        assert!(IdentityProvider::parse(&"a".repeat(64)).is_ok());
        assert_eq!(
            IdentityProvider::parse(&"a".repeat(10_000)),
            Err(IdentityProviderError::TooLong {
                max: 64,
                actual: 10_000
            })
        );
        assert_eq!(
            IdentityProvider::parse("-x").unwrap_err().code(),
            ErrorCode::IdentityProviderInvalid
        );
    }

    #[test]
    fn provider_json_is_the_name() {
        assert_eq!(
            serde_json::to_string(&IdentityProvider::Local).unwrap(),
            "\"local\""
        );
        assert_eq!(
            serde_json::to_string(&external("okta")).unwrap(),
            "\"okta\""
        );
        assert_eq!(
            serde_json::from_str::<IdentityProvider>("\"okta\"").unwrap(),
            external("okta")
        );
        assert!(serde_json::from_str::<IdentityProvider>("\"-\"").is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn generated_provider_names_are_accepted(name in "[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?") {
            let expected = if name == LOCAL { IdentityProvider::Local } else { external(&name) };
            prop_assert_eq!(IdentityProvider::parse(&name), Ok(expected));
        }

        #[test]
        fn any_accepted_provider_round_trips_through_text_and_json(
            input in prop_oneof!["[ a-zA-Z0-9_-]{0,70}", any::<String>()]
        ) {
            if let Ok(provider) = IdentityProvider::parse(&input) {
                let again = IdentityProvider::parse(&format!("{provider}"));
                prop_assert_eq!(again, Ok(provider.clone()));
                let json = serde_json::to_string(&provider).unwrap();
                prop_assert_eq!(serde_json::from_str::<IdentityProvider>(&json).unwrap(), provider);
            }
        }
    }
}
