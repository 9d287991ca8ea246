//! The small values a user, a group and an account are made of, each parsed once at the edge.
//!
//! Parse, don't validate: every value is a newtype with a private field that only its `parse`
//! can build, so holding an [`Email`] proves the text is a valid email. The app checks form fields
//! and CSV cells with these same constructors, and the server checks requests with them, so the
//! browser and the API can never disagree. Each error names what is wrong and has a stable code
//! ([`crate::Coded`]).

/// Gives a string newtype with an inherent `parse` and `as_str` the usual conversions: `Display`
/// (the canonical form), `FromStr`, `TryFrom<&str>`, `TryFrom<String>`, `AsRef<str>`,
/// `From<T> for String`, and serde as a plain string whose deserialisation goes through `parse`,
/// so stored or received JSON can never smuggle in an unchecked value.
macro_rules! string_value {
    ($type:ty, $error:ty) => {
        impl ::std::fmt::Display for $type {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $type {
            type Err = $error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <$type>::parse(s)
            }
        }

        impl TryFrom<&str> for $type {
            type Error = $error;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                <$type>::parse(s)
            }
        }

        impl TryFrom<String> for $type {
            type Error = $error;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                <$type>::parse(&s)
            }
        }

        impl AsRef<str> for $type {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl From<$type> for String {
            fn from(value: $type) -> String {
                value.as_str().to_owned()
            }
        }

        impl ::serde::Serialize for $type {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $type {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                let text = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                <$type>::parse(&text).map_err(::serde::de::Error::custom)
            }
        }
    };
}

mod approved_domain;
mod country_codes;
mod dns;
mod email;
mod embedding_origin;
mod exchange;
mod identity_provider;
mod language;
mod names;
mod phone;
pub(crate) mod text;
mod username;

pub(crate) use approved_domain::check_approved_domain;
pub use approved_domain::{
    ApprovedDomain, ApprovedDomainError, DomainNotApproved, RefusedLine, check_approved,
    refused_lines,
};
pub use dns::DnsNameError;
pub use email::{Email, EmailError};
pub use embedding_origin::{
    EmbeddingOrigin, EmbeddingOriginError, MAX_EMBEDDING_ORIGINS, OriginEntryError, RefusedOrigin,
    check_origins, refused_origin_lines,
};
pub use exchange::{
    ExchangeAccount, ExchangeDomain, ExchangeError, ExchangeField, ExchangeUsername,
};
pub use identity_provider::{IdentityProvider, IdentityProviderError, ProviderName};
pub use language::{Language, LanguageError, french_typography_faults};
pub use names::{
    AccountName, AccountNameError, GroupName, GroupNameError, PersonName, PersonNameError,
    PortalKeyName, PortalKeyNameError,
};
pub use phone::{Phone, PhoneError, readable as readable_phone};
pub use username::{Username, UsernameError, login_key, username_follows_email};
