//! A person's profile as typed into a form, a CSV row or a request, checked field by field.
//!
//! The Add-user form, the Edit-user form, each import row and the server's create and update
//! endpoints all go through [`ProfileDraft::check`], so they refuse exactly the same things and
//! name the same fields. All problems are reported at once, not just the first.

use crate::codes::{Coded, ErrorCode};
use crate::values::text::trim;
use crate::values::{
    Email, ExchangeAccount, ExchangeError, ExchangeField, IdentityProvider, Language, PersonName,
    Phone, Username,
};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Field names, as the API and the forms use them.
pub mod field {
    pub const EMAIL: &str = "email";
    pub const USERNAME: &str = "username";
    pub const FIRST_NAME: &str = "first_name";
    pub const LAST_NAME: &str = "last_name";
    pub const PHONE: &str = "phone";
    pub const LANGUAGE: &str = "language";
    pub const IDENTITY_PROVIDER: &str = "identity_provider";
    pub const EXCHANGE_DOMAIN: &str = "exchange_domain";
    pub const EXCHANGE_USERNAME: &str = "exchange_username";
}

/// One field that needs attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldIssue {
    pub field: String,
    pub code: ErrorCode,
}

impl FieldIssue {
    pub fn new(field: &str, error: &impl Coded) -> FieldIssue {
        FieldIssue {
            field: field.to_owned(),
            code: error.code(),
        }
    }
}

/// The profile fields as typed. Blank optional fields count as absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileDraft {
    pub email: String,
    /// Blank: the same as the email.
    pub username: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub language: Option<String>,
    pub identity_provider: Option<String>,
    pub exchange_domain: Option<String>,
    pub exchange_username: Option<String>,
}

/// A checked profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub email: Email,
    pub username: Username,
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub phone: Option<Phone>,
    pub language: Language,
    pub identity_provider: IdentityProvider,
    pub exchange: Option<ExchangeAccount>,
}

/// The profile fields borrowed from wherever they were typed: a draft, or a row of a file (an
/// import checks 50,000 of them without copying a value).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProfileInput<'a> {
    pub email: &'a str,
    pub username: Option<&'a str>,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub phone: Option<&'a str>,
    pub language: Option<&'a str>,
    pub identity_provider: Option<&'a str>,
    pub exchange_domain: Option<&'a str>,
    pub exchange_username: Option<&'a str>,
}

/// `Some(text)` unless blank.
fn given(value: Option<&str>) -> Option<&str> {
    value.map(trim).filter(|v| !v.is_empty())
}

/// Parses one field, noting its problem.
fn field<T, E: Coded>(issues: &mut Vec<FieldIssue>, name: &str, parsed: Result<T, E>) -> Option<T> {
    parsed
        .map_err(|e| issues.push(FieldIssue::new(name, &e)))
        .ok()
}

impl ProfileDraft {
    /// Checks every field with the domain's constructors.
    pub fn check(&self) -> Result<Profile, Vec<FieldIssue>> {
        ProfileInput {
            email: &self.email,
            username: self.username.as_deref(),
            first_name: &self.first_name,
            last_name: &self.last_name,
            phone: self.phone.as_deref(),
            language: self.language.as_deref(),
            identity_provider: self.identity_provider.as_deref(),
            exchange_domain: self.exchange_domain.as_deref(),
            exchange_username: self.exchange_username.as_deref(),
        }
        .check()
    }
}

/// A profile checked, its text borrowed from the input wherever checking left it as typed: an
/// import checks 50,000 rows without copying a value, and builds the owned [`Profile`] only for
/// the rows it sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CheckedProfile<'a> {
    /// As [`Email::as_str`].
    pub email: Cow<'a, str>,
    /// As [`Username::as_str`].
    pub username: Cow<'a, str>,
    pub first_name: Cow<'a, str>,
    pub last_name: Cow<'a, str>,
    pub phone: Option<Phone>,
    pub language: Language,
    pub identity_provider: IdentityProvider,
    pub exchange: Option<ExchangeAccount>,
}

impl CheckedProfile<'_> {
    /// The profile, owned.
    pub fn into_profile(self) -> Profile {
        Profile {
            email: Email::from_canonical(self.email.into_owned()),
            username: Username::from_canonical(self.username.into_owned()),
            first_name: PersonName::from_canonical(self.first_name.into_owned()),
            last_name: PersonName::from_canonical(self.last_name.into_owned()),
            phone: self.phone,
            language: self.language,
            identity_provider: self.identity_provider,
            exchange: self.exchange,
        }
    }

    /// The domain of the email, lower case.
    pub fn email_domain(&self) -> &str {
        let at = self.email.bytes().position(|b| b == b'@');
        at.map_or("", |at| &self.email[at + 1..])
    }
}

impl<'a> ProfileInput<'a> {
    /// Checks every field with the domain's constructors, all problems at once.
    pub fn check(&self) -> Result<Profile, Vec<FieldIssue>> {
        self.check_borrowed().map(CheckedProfile::into_profile)
    }

    /// [`ProfileInput::check`], the profile's text borrowed where it needs no change.
    pub(crate) fn check_borrowed(&self) -> Result<CheckedProfile<'a>, Vec<FieldIssue>> {
        let mut issues = Vec::new();
        let email = field(&mut issues, field::EMAIL, Email::canonical(self.email));
        let username = match (given(self.username), &email) {
            (Some(name), _) => {
                field(&mut issues, field::USERNAME, Username::canonical(name)).map(Cow::Borrowed)
            }
            (None, Some(Cow::Borrowed(email))) => {
                field(&mut issues, field::USERNAME, Username::canonical(email)).map(Cow::Borrowed)
            }
            (None, Some(Cow::Owned(email))) => {
                field(&mut issues, field::USERNAME, Username::canonical(email))
                    .map(|name| Cow::Owned(name.to_owned()))
            }
            (None, None) => None,
        };
        let first_name = field(
            &mut issues,
            field::FIRST_NAME,
            PersonName::canonical(self.first_name),
        );
        let last_name = field(
            &mut issues,
            field::LAST_NAME,
            PersonName::canonical(self.last_name),
        );
        let phone = given(self.phone).map(|p| field(&mut issues, field::PHONE, Phone::parse(p)));
        let language = given(self.language)
            .map(|l| field(&mut issues, field::LANGUAGE, Language::parse(l)))
            .unwrap_or(Some(Language::default()));
        let identity_provider = given(self.identity_provider)
            .map(|p| {
                field(
                    &mut issues,
                    field::IDENTITY_PROVIDER,
                    IdentityProvider::parse(p),
                )
            })
            .unwrap_or(Some(IdentityProvider::default()));
        let exchange = match ExchangeAccount::parse(
            given(self.exchange_domain),
            given(self.exchange_username),
        ) {
            Ok(exchange) => Some(exchange),
            Err(err) => {
                issues.push(FieldIssue::new(exchange_field(&err), &err));
                None
            }
        };
        match (
            email,
            username,
            first_name,
            last_name,
            language,
            identity_provider,
            exchange,
        ) {
            (
                Some(email),
                Some(username),
                Some(first_name),
                Some(last_name),
                Some(language),
                Some(identity_provider),
                Some(exchange),
            ) if issues.is_empty() => Ok(CheckedProfile {
                email,
                username,
                first_name,
                last_name,
                phone: phone.flatten(),
                language,
                identity_provider,
                exchange,
            }),
            _ => Err(issues),
        }
    }
}

/// The form field an Exchange problem belongs to.
fn exchange_field(err: &ExchangeError) -> &'static str {
    match err {
        ExchangeError::Incomplete {
            missing: ExchangeField::Domain,
        }
        | ExchangeError::InvalidDnsDomain { .. }
        | ExchangeError::NetbiosTooLong { .. }
        | ExchangeError::NetbiosInvalidCharacter { .. } => field::EXCHANGE_DOMAIN,
        ExchangeError::Incomplete {
            missing: ExchangeField::Username,
        }
        | ExchangeError::UsernameTooLong { .. }
        | ExchangeError::UsernameInvalidCharacter { .. } => field::EXCHANGE_USERNAME,
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn draft() -> ProfileDraft {
        ProfileDraft {
            email: " Zoe.Lefevre@Acme.TEST ".into(),
            first_name: "Zoë".into(),
            last_name: "Lefèvre".into(),
            ..ProfileDraft::default()
        }
    }

    #[test]
    fn a_minimal_profile_takes_the_email_as_username_and_defaults_the_rest() {
        let profile = draft().check().unwrap();
        assert_eq!(profile.username.as_str(), profile.email.as_str());
        assert_eq!(profile.email.domain(), "acme.test");
        assert_eq!(
            (profile.language, profile.identity_provider.clone()),
            (Language::En, IdentityProvider::Local)
        );
        assert_eq!((profile.phone, profile.exchange), (None, None));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let bad = ProfileDraft {
            email: "not-an-email".into(),
            first_name: " ".into(),
            last_name: "Ok".into(),
            phone: Some("555 0100".into()),
            language: Some("de".into()),
            exchange_domain: Some("CORP".into()),
            ..ProfileDraft::default()
        };
        let issues = bad.check().unwrap_err();
        let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "email",
                "first_name",
                "phone",
                "language",
                "exchange_username"
            ]
        );
        assert_eq!(issues[0].code, ErrorCode::EmailMissingAt);
        assert_eq!(issues[4].code, ErrorCode::ExchangeIncomplete);
    }

    #[test]
    fn an_email_that_cannot_be_a_username_asks_for_one() {
        let d = ProfileDraft {
            email: "o'brien@acme.test".into(),
            ..draft()
        };
        let issues = d.check().unwrap_err();
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].field, "username");
        let d = ProfileDraft {
            username: Some("obrien".into()),
            ..d
        };
        assert_eq!(d.check().unwrap().username.as_str(), "obrien");
    }

    #[test]
    fn blank_optional_fields_count_as_absent() {
        let d = ProfileDraft {
            username: Some("  ".into()),
            phone: Some("".into()),
            exchange_domain: Some(" ".into()),
            exchange_username: Some("".into()),
            ..draft()
        };
        assert!(d.check().is_ok());
    }
}
