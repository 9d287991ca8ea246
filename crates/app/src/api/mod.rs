//! The one module that talks to the server: every call of the app, and the turning of non-2xx
//! answers into [`ApiError`]. Pages never build URLs. The bodies sent and received are the
//! server's own types (`roster-api`), re-exported here; this module holds only the calls. Users,
//! groups and the audit log have submodules; everything is re-exported here.

mod groups;
mod imports;
mod invitations;
mod users;

pub use groups::*;
pub use imports::*;
pub use invitations::*;
// The bodies, as the server declares them.
pub use roster_api::accounts::*;
pub use roster_api::audit::*;
pub use roster_api::groups::*;
pub use roster_api::imports::*;
pub use roster_api::invitations::*;
pub use roster_api::join::*;
pub use roster_api::mailbox::*;
pub use roster_api::passwords::*;
pub use roster_api::session::*;
pub use roster_api::users::*;
pub use users::*;

use gloo_net::http::{Request, RequestBuilder, Response};
use roster_api::problem::{FieldError, Problem};
use roster_domain::ErrorCode;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A refusal or failure, as the user should hear about it.
#[derive(Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    /// The server's stable code, when it sent one (a network failure has none).
    pub code: Option<ErrorCode>,
    /// Field by field, for forms.
    pub fields: Vec<FieldError>,
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

/// The status and the stable code. Written by hand: the derived form would spell out every
/// `ErrorCode` variant's name, some 10 KB of wasm that an `ErrorBoundary` (which needs `Debug`)
/// would otherwise keep.
impl std::fmt::Debug for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let code = self.code.map_or("none", ErrorCode::as_str);
        write!(f, "ApiError {} {code}", self.status)
    }
}

/// The message from the catalogue, so that an `ErrorBoundary` can show it.
impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for ApiError {}

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
    // Anything but problem+json (a proxy's own error page) has no code.
    let problem = response.json::<Problem>().await.ok();
    Err(match problem {
        Some(p) => ApiError {
            status,
            code: Some(p.code),
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

/// `path` with `query` as its query string (its fields left out when `None`).
pub(crate) fn get_with(path: &str, query: &impl Serialize) -> Result<Request, gloo_net::Error> {
    let query = serde_urlencoded::to_string(query).unwrap_or_default();
    get(&format!("{path}?{query}"))
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
    changes: &impl Serialize,
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

pub async fn me() -> ApiResult<Me> {
    json(send(get("/me")).await?).await
}

pub async fn sign_in(username: &str, password: &str) -> ApiResult<Me> {
    let body = SignIn {
        username: username.to_owned(),
        password: password.to_owned(),
    };
    json(send(with_body(Request::post(&format!("{BASE}/session")), &body)).await?).await
}

pub async fn sign_out() -> ApiResult<()> {
    send(Request::delete(&format!("{BASE}/session")).build())
        .await
        .map(|_| ())
}

// ---- Accounts ---------------------------------------------------------------------------------

pub async fn accounts() -> ApiResult<Vec<AccountSummary>> {
    Ok(json::<AccountList>(send(get("/accounts")).await?)
        .await?
        .items)
}

// ---- Account settings and seats ----------------------------------------------------------------

pub async fn account_settings(account: i64) -> ApiResult<Tagged<AccountSettings>> {
    tagged(send(get(&format!("/accounts/{account}"))).await?).await
}

/// Saves settings with `If-Match`.
pub async fn update_account_settings(
    account: i64,
    etag: &str,
    changes: &SettingsChanges,
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
