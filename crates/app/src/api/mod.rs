//! The one module that talks to the server: every call of the app, and the turning of non-2xx
//! answers into [`ApiError`]. Pages never build URLs. Users, groups and the audit log have
//! submodules; everything is re-exported here.

mod groups;
mod imports;
mod invitations;
mod users;

pub use groups::*;
pub use imports::*;
pub use invitations::*;
pub use users::*;

use gloo_net::http::{Request, RequestBuilder, Response};
use roster_domain::ErrorCode;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A refusal or failure, as the user should hear about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    /// The server's stable code, when it sent one (a network failure has none).
    pub code: Option<ErrorCode>,
    /// Field by field, for forms.
    pub fields: Vec<FieldProblem>,
}

/// One field the server refused.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FieldProblem {
    pub field: String,
    pub code: ErrorCode,
}

#[derive(Deserialize)]
struct Problem {
    code: Option<ErrorCode>,
    #[serde(default)]
    errors: Vec<FieldProblem>,
}

impl ApiError {
    fn network() -> ApiError {
        ApiError {
            status: 0,
            code: None,
            fields: Vec::new(),
        }
    }

    /// The message to show, from the catalogue.
    pub fn message(&self) -> &'static str {
        match self.code {
            Some(code) => code.message_en(),
            None => crate::i18n::t(crate::i18n::Key::NetworkError),
        }
    }

    /// The problem with `field`, if the server named one.
    pub fn field(&self, field: &str) -> Option<ErrorCode> {
        self.fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.code)
    }

    /// Signed in with a temporary password that must be replaced first.
    pub fn must_change_password(&self) -> bool {
        self.code == Some(ErrorCode::AuthPasswordChangeRequired)
    }

    pub fn is_unauthenticated(&self) -> bool {
        self.status == 401 && self.code == Some(ErrorCode::AuthUnauthenticated)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

pub(crate) const BASE: &str = "/api/v1";

pub(crate) async fn send(request: Result<Request, gloo_net::Error>) -> ApiResult<Response> {
    let response = request
        .map_err(|_| ApiError::network())?
        .send()
        .await
        .map_err(|_| ApiError::network())?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let problem = response.json::<Problem>().await.ok();
    Err(match problem {
        Some(p) => ApiError {
            status,
            code: p.code,
            fields: p.errors,
        },
        None => ApiError {
            status,
            code: None,
            fields: Vec::new(),
        },
    })
}

pub(crate) async fn json<T: DeserializeOwned>(response: Response) -> ApiResult<T> {
    response.json().await.map_err(|_| ApiError::network())
}

pub(crate) fn get(path: &str) -> Result<Request, gloo_net::Error> {
    Request::get(&format!("{BASE}{path}")).build()
}

pub(crate) fn with_body<B: Serialize>(
    builder: RequestBuilder,
    body: &B,
) -> Result<Request, gloo_net::Error> {
    builder.json(body)
}

/// PATCHes `changes` onto the resource at `path` with `If-Match: etag`; answers the resource
/// changed, with its new ETag (a 412 means someone else changed it meanwhile).
pub(crate) async fn patch_tagged<T: DeserializeOwned>(
    path: &str,
    etag: &str,
    changes: &serde_json::Value,
) -> ApiResult<Tagged<T>> {
    let request = Request::patch(&format!("{BASE}{path}")).header("If-Match", etag);
    tagged(send(with_body(request, changes)).await?).await
}

/// A resource and its ETag, to send back as `If-Match` when changing it.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged<T> {
    pub value: T,
    pub etag: String,
}

pub(crate) async fn tagged<T: DeserializeOwned>(response: Response) -> ApiResult<Tagged<T>> {
    let etag = response.headers().get("etag").unwrap_or_default();
    Ok(Tagged {
        value: json(response).await?,
        etag,
    })
}

// ---- Signing in -------------------------------------------------------------------------------

/// The signed-in person.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Me {
    pub id: i64,
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    /// Signed in with a temporary password: a new one must be chosen first.
    pub must_change_password: bool,
    pub accounts: Vec<MyAccount>,
}

/// An account I belong to, with my role.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MyAccount {
    pub id: i64,
    pub name: String,
    pub role: String,
}

pub async fn me() -> ApiResult<Me> {
    json(send(get("/me")).await?).await
}

pub async fn sign_in(username: &str, password: &str) -> ApiResult<Me> {
    let body = serde_json::json!({ "username": username, "password": password });
    json(send(with_body(Request::post(&format!("{BASE}/session")), &body)).await?).await
}

pub async fn sign_out() -> ApiResult<()> {
    send(Request::delete(&format!("{BASE}/session")).build())
        .await
        .map(|_| ())
}

// ---- Accounts ---------------------------------------------------------------------------------

/// An account with its seat counts.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub seats: i64,
    pub seats_used: i64,
    pub role: String,
}

#[derive(Deserialize)]
pub(crate) struct Items<T> {
    pub(crate) items: Vec<T>,
}

pub async fn accounts() -> ApiResult<Vec<Account>> {
    Ok(json::<Items<Account>>(send(get("/accounts")).await?)
        .await?
        .items)
}

// ---- Account settings and seats ----------------------------------------------------------------

/// An account's settings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AccountSettings {
    pub id: i64,
    pub name: String,
    pub seats: i64,
    pub seats_used: i64,
    pub approved_domains: Vec<String>,
    pub invitation_lifetime_hours: i64,
    /// The domain's own type: the app checks a changed policy with the same rules.
    pub policy: roster_domain::authz::AuthzPolicy,
    /// What the signed-in admin may grant: the domain's type, as the server computed it.
    pub grantable: roster_domain::authz::Grantable,
    pub may_change_policy: bool,
}

pub async fn account_settings(account: i64) -> ApiResult<Tagged<AccountSettings>> {
    tagged(send(get(&format!("/accounts/{account}"))).await?).await
}

/// Saves settings with `If-Match`.
pub async fn update_account_settings(
    account: i64,
    etag: &str,
    changes: &serde_json::Value,
) -> ApiResult<Tagged<AccountSettings>> {
    patch_tagged(&format!("/accounts/{account}"), etag, changes).await
}

/// Gives the user a licence seat, or frees theirs.
pub async fn set_licence(account: i64, user: i64, licensed: bool) -> ApiResult<()> {
    let url = format!("{BASE}/accounts/{account}/users/{user}/licence");
    let request = if licensed {
        Request::put(&url)
    } else {
        Request::delete(&url)
    };
    send(request.build()).await.map(|_| ())
}
