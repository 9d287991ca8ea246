//! Embedding Roster in a portal: the account's portal keys, and handing a person's session over
//! to an iframe without a cookie.
//!
//! The portal's back end holds a key (made by the account's top administrators, its secret shown
//! once) and asks `POST /embed/tokens` for a token for one of the account's people; the iframe
//! gets it by `postMessage` and exchanges it at `POST /embed/sessions` for a session it sends as
//! `Authorization: Bearer` on every call, valid in that one account only.

use serde::{Deserialize, Serialize};

/// `POST /accounts/{account}/embed-keys` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPortalKey {
    /// What the key is for, as administrators tell keys apart (`Customer portal`).
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::portal_key_name))]
    pub name: String,
}

/// The 201 answer to [`NewPortalKey`]: the secret, shown this once (only its hash is kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalKeyCreated {
    pub id: i64,
    pub name: String,
    /// The portal's back end sends it as `Authorization: Bearer` to `POST /embed/tokens`.
    #[cfg_attr(feature = "openapi", schema(example = "rpk_0aBcD…"))]
    pub secret: String,
}

/// A portal key as the list shows it: never its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalKey {
    pub id: i64,
    pub name: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Who made it; none once their login is deleted.
    pub created_by: Option<KeyAuthor>,
    /// When it last minted a token (Unix seconds); none when it never did.
    pub last_used_at: Option<i64>,
}

/// The administrator who made a key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KeyAuthor {
    pub id: i64,
    pub name: String,
}

/// `GET /accounts/{account}/embed-keys`: the account's keys, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortalKeyList {
    pub items: Vec<PortalKey>,
}

/// `POST /embed/tokens` body: whom the portal's signed-in person is in Roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EmbedTokenRequest {
    /// Their username or email, as at sign-in.
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 320, example = "ada@acme.test")
    )]
    pub user: String,
}

/// A single-use token for one person of the key's account, for the iframe to exchange.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmbedToken {
    pub token: String,
    /// Seconds it works for (at most 60).
    pub expires_in: i64,
}

/// `POST /embed/sessions` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EmbedSessionRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub token: String,
}

/// An embedded session: kept in the iframe's memory only, sent as `Authorization: Bearer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmbedSession {
    pub session: String,
    /// When it ends at the latest (Unix seconds); sooner after the idle timeout of the person's
    /// groups, or when the key it came from is revoked.
    pub expires_at: i64,
    /// The one account it acts in.
    pub account: i64,
}
