//! The email domains an account approves: a user's email domain must be approved before the
//! user can be added. An empty list approves every domain.
//!
//! `example.com` approves exactly `example.com`. `*.example.com` approves every subdomain at any
//! depth (`a.example.com`, `b.a.example.com`) but not `example.com` itself: an account that wants
//! both lists both. This is the reading of a wildcard certificate, which administrators know, and
//! it keeps "the parent company's own domain" a separate, deliberate choice.

use super::dns::{DnsNameError, parse_dns_name};
use super::email::Email;
use crate::codes::{Coded, ErrorCode};
use thiserror::Error;

const WILDCARD: &str = "*.";

/// An approved email domain, exact or with a leading `*.` wildcard, lower-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ApprovedDomain {
    /// The canonical text, `example.com` or `*.example.com`.
    value: String,
    wildcard: bool,
}

/// What is wrong with an approved domain.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ApprovedDomainError {
    #[error("the approved domain is not a valid domain name: {reason}")]
    Invalid { reason: DnsNameError },
    #[error("a wildcard may only be the whole first part, as in *.example.com")]
    MisplacedWildcard,
}

impl Coded for ApprovedDomainError {
    fn code(&self) -> ErrorCode {
        ErrorCode::DomainInvalid
    }
}

impl ApprovedDomain {
    /// Parses `example.com` or `*.example.com`; surrounding spaces are ignored. `*.com` is refused:
    /// after the wildcard there must be a domain of at least two parts, so no account can approve
    /// a whole top-level domain by accident.
    pub fn parse(input: &str) -> Result<Self, ApprovedDomainError> {
        let input = input.trim();
        let (wildcard, name) = match input.strip_prefix(WILDCARD) {
            Some(rest) => (true, rest),
            None => (false, input),
        };
        if name.contains('*') {
            return Err(ApprovedDomainError::MisplacedWildcard);
        }
        let name =
            parse_dns_name(name).map_err(|reason| ApprovedDomainError::Invalid { reason })?;
        let value = if wildcard {
            format!("{WILDCARD}{name}")
        } else {
            name
        };
        Ok(ApprovedDomain { value, wildcard })
    }

    /// The canonical text, `example.com` or `*.example.com`.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// Whether this is a `*.` wildcard.
    pub fn is_wildcard(&self) -> bool {
        self.wildcard
    }

    /// The domain without its wildcard.
    pub fn base(&self) -> &str {
        self.value.strip_prefix(WILDCARD).unwrap_or(&self.value)
    }

    /// Whether this entry approves the email's domain (see the module documentation).
    pub fn matches(&self, email: &Email) -> bool {
        self.matches_domain(email.domain())
    }

    /// Whether this entry approves an email's domain (lower case).
    fn matches_domain(&self, domain: &str) -> bool {
        if !self.wildcard {
            return domain == self.base();
        }
        // What precedes `example.com` must end with a dot: `evilexample.com` and `example.com`
        // itself do not match. A valid domain never starts with a dot, so a label precedes it.
        domain
            .strip_suffix(self.base())
            .is_some_and(|head| head.ends_with('.'))
    }
}

string_value!(ApprovedDomain, ApprovedDomainError);

/// The email's domain is not approved by the account.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("the domain {domain} is not approved for this account")]
pub struct DomainNotApproved {
    /// The refused domain, lower-cased.
    pub domain: String,
    /// The domains the account approves, as written in its settings.
    pub approved: Vec<String>,
}

impl Coded for DomainNotApproved {
    fn code(&self) -> ErrorCode {
        ErrorCode::DomainNotApproved
    }
}

/// A line of the settings' list (one domain per line) that is not an approved domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedLine {
    /// Its number, from 1, counting blank lines.
    pub number: usize,
    /// The line, trimmed.
    pub text: String,
    pub error: ApprovedDomainError,
}

/// The lines of `text`, one domain per line, that are not approved domains; blank lines are
/// skipped, as saving drops them.
pub fn refused_lines(text: &str) -> Vec<RefusedLine> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty())
        .filter_map(|(number, line)| {
            ApprovedDomain::parse(line).err().map(|error| RefusedLine {
                number,
                text: line.to_owned(),
                error,
            })
        })
        .collect()
}

/// Checks an email against an account's approved domains; an empty list approves every domain.
pub fn check_approved(email: &Email, approved: &[ApprovedDomain]) -> Result<(), DomainNotApproved> {
    check_approved_domain(email.domain(), approved)
}

/// [`check_approved`] for an email's domain (lower case).
pub(crate) fn check_approved_domain(
    domain: &str,
    approved: &[ApprovedDomain],
) -> Result<(), DomainNotApproved> {
    if approved.is_empty() || approved.iter().any(|entry| entry.matches_domain(domain)) {
        Ok(())
    } else {
        Err(DomainNotApproved {
            domain: domain.to_owned(),
            approved: approved.iter().map(|a| a.as_str().to_owned()).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::values::dns::valid_domain_strategy;
    use crate::values::email::valid_email_strategy;
    use proptest::prelude::*;

    fn domain(text: &str) -> ApprovedDomain {
        ApprovedDomain::parse(text).unwrap()
    }

    fn email(text: &str) -> Email {
        Email::parse(text).unwrap()
    }

    #[test]
    fn approved_domains_are_lower_cased() {
        assert_eq!(domain(" Example.COM ").as_str(), "example.com");
        let wildcard = domain("*.Example.com");
        assert_eq!(
            (wildcard.as_str(), wildcard.base(), wildcard.is_wildcard()),
            ("*.example.com", "example.com", true)
        );
    }

    #[test]
    fn a_plain_domain_matches_exactly_that_domain() {
        let approved = domain("example.com");
        assert!(approved.matches(&email("ann@EXAMPLE.com")));
        assert!(!approved.matches(&email("ann@mail.example.com")));
        assert!(!approved.matches(&email("ann@example.co")));
    }

    #[test]
    fn a_wildcard_matches_subdomains_at_any_depth_but_not_the_domain_itself() {
        let approved = domain("*.example.com");
        assert!(approved.matches(&email("ann@a.example.com")));
        assert!(approved.matches(&email("ann@b.a.example.com")));
        assert!(!approved.matches(&email("ann@example.com")));
        assert!(!approved.matches(&email("ann@evilexample.com")));
        assert!(!approved.matches(&email("ann@a.example.com.evil.org")));
    }

    #[test]
    fn broken_approved_domains_are_refused_by_reason() {
        for (input, expected) in [
            (
                "",
                ApprovedDomainError::Invalid {
                    reason: DnsNameError::Empty,
                },
            ),
            (
                "*.",
                ApprovedDomainError::Invalid {
                    reason: DnsNameError::Empty,
                },
            ),
            (
                "*.com",
                ApprovedDomainError::Invalid {
                    reason: DnsNameError::SingleLabel,
                },
            ),
            ("*", ApprovedDomainError::MisplacedWildcard),
            ("a.*.example.com", ApprovedDomainError::MisplacedWildcard),
            ("*example.com", ApprovedDomainError::MisplacedWildcard),
            ("**.example.com", ApprovedDomainError::MisplacedWildcard),
            (
                "ex\u{0430}mple.com",
                ApprovedDomainError::Invalid {
                    reason: DnsNameError::InvalidCharacter {
                        character: '\u{0430}',
                    },
                },
            ),
            (
                "example.com\u{200B}",
                ApprovedDomainError::Invalid {
                    reason: DnsNameError::InvalidCharacter {
                        character: '\u{200B}',
                    },
                },
            ),
            (
                "@example.com",
                ApprovedDomainError::Invalid {
                    reason: DnsNameError::InvalidCharacter { character: '@' },
                },
            ),
        ] {
            assert_eq!(ApprovedDomain::parse(input), Err(expected), "{input:?}");
        }
        assert_eq!(
            ApprovedDomain::parse(&"a".repeat(10_000))
                .unwrap_err()
                .code(),
            ErrorCode::DomainInvalid
        );
    }

    #[test]
    fn an_empty_list_approves_every_domain() {
        assert_eq!(check_approved(&email("ann@anywhere.org"), &[]), Ok(()));
    }

    #[test]
    fn an_email_needs_one_matching_entry() {
        let approved = [domain("example.com"), domain("*.example.org")];
        assert_eq!(check_approved(&email("ann@example.com"), &approved), Ok(()));
        assert_eq!(
            check_approved(&email("ann@hr.example.org"), &approved),
            Ok(())
        );
        let refused = check_approved(&email("ann@Example.ORG"), &approved).unwrap_err();
        assert_eq!(
            refused,
            DomainNotApproved {
                domain: "example.org".to_owned(),
                approved: vec!["example.com".to_owned(), "*.example.org".to_owned()],
            }
        );
        assert_eq!(refused.code(), ErrorCode::DomainNotApproved);
    }

    #[test]
    fn each_refused_line_is_named_by_its_number() {
        let refused = refused_lines("example.com\n\n  ex*ample.com \n*.example.org\n*.com");
        let named: Vec<(usize, &str)> = refused
            .iter()
            .map(|r| (r.number, r.text.as_str()))
            .collect();
        assert_eq!(named, [(3, "ex*ample.com"), (5, "*.com")]);
        assert_eq!(refused[0].error, ApprovedDomainError::MisplacedWildcard);
        assert!(refused_lines("example.com\n\n*.example.org\n").is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn parsing_any_approved_domain_never_panics(input in any::<String>()) {
            let _ = ApprovedDomain::parse(&input);
        }

        #[test]
        fn generated_domains_round_trip_through_text_and_json(
            wildcard in any::<bool>(),
            base in valid_domain_strategy(),
        ) {
            let input = if wildcard { format!("*.{base}") } else { base };
            let approved = ApprovedDomain::parse(&input).unwrap();
            prop_assert_eq!(ApprovedDomain::parse(&format!("{approved}")), Ok(approved.clone()));
            let json = serde_json::to_string(&approved).unwrap();
            prop_assert_eq!(serde_json::from_str::<ApprovedDomain>(&json).unwrap(), approved);
        }

        #[test]
        fn an_email_matches_its_own_domain_and_wildcards_above_it(
            address in valid_email_strategy(),
            label in "[a-z0-9]{1,10}",
        ) {
            let own = Email::parse(&address).unwrap();
            let wildcard = domain(&format!("*.{}", own.domain()));
            let deeper =
                Email::parse(&format!("{}@{label}.{}", own.local_part(), own.domain())).unwrap();
            prop_assert!(domain(own.domain()).matches(&own));
            prop_assert!(!wildcard.matches(&own));
            prop_assert!(wildcard.matches(&deeper));
            prop_assert!(!domain(own.domain()).matches(&deeper));
        }
    }
}
