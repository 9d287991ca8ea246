//! The one module that talks to the server: every call of the app, and the turning of non-2xx
//! answers into [`ApiError`]. Pages never build URLs. The bodies sent and received are the
//! server's own types (`roster-api`), re-exported here; this module holds only the calls. Users,
//! groups and the audit log have submodules; everything is re-exported here.

mod embed;
mod groups;
mod imports;
mod invitations;
mod json;
mod me;
mod users;

pub use embed::{
    Hooks, authorize, create_portal_key, open_embed_session, portal_keys, revoke_portal_key,
    set_bearer, set_hooks,
};
pub use groups::*;
pub use imports::*;
pub use invitations::*;
pub use me::*;
// The bodies, as the server declares them.
pub use roster_api::accounts::*;
pub use roster_api::audit::*;
pub use roster_api::embed::*;
pub use roster_api::groups::*;
pub use roster_api::imports::*;
pub use roster_api::invitations::*;
pub use roster_api::join::*;
pub use roster_api::mailbox::*;
pub use roster_api::me::*;
pub use roster_api::passwords::*;
pub use roster_api::session::*;
pub use roster_api::users::*;
pub use users::*;

use crate::i18n::Say as _;
use gloo_net::http::{Request, RequestBuilder, Response};
use roster_api::problem::FieldError;
use roster_domain::ErrorCode;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

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

    /// The message to show, from the catalogue. Input refused for one reason, whatever fields it
    /// touched (a removed user's edit: "restore the user first"), says that reason rather than
    /// "some fields need attention", since the fields named may not be in the form.
    pub fn message(&self) -> &'static str {
        match (self.code, self.fields.split_first()) {
            (Some(ErrorCode::RequestInvalid), Some((first, rest)))
                if rest.iter().all(|f| f.code == first.code) =>
            {
                first.code.say()
            }
            (Some(code), _) => code.say(),
            (None, _) => crate::i18n::t(crate::i18n::Key::NetworkError),
        }
    }

    /// The problem with `field`, if the server named one.
    pub fn field(&self, field: &str) -> Option<ErrorCode> {
        self.fields
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.code)
    }

    /// The domains the account approves, as a sentence, when the server refused `field` for its
    /// domain and listed them.
    pub fn approved_domains(&self, field: &str) -> Option<String> {
        self.fields
            .iter()
            .find(|f| f.field == field && f.code == ErrorCode::DomainNotApproved)
            .filter(|f| !f.allowed.is_empty())
            .map(|f| {
                let approved = crate::i18n::t(crate::i18n::Key::DomainsApproved);
                format!("{approved} {}.", f.allowed.join(", "))
            })
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

/// Sends the request: the one place every call of the app goes through, where an embedded page
/// adds its session ([`Hooks`]).
pub(crate) async fn send(request: Result<Request, gloo_net::Error>) -> ApiResult<Response> {
    let request = request.map_err(|_| ApiError::network())?;
    let hooks = embed::hooks();
    let authorized = hooks.is_some_and(|h| (h.authorize)(&request));
    let response = request.send().await.map_err(|_| ApiError::network())?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    if let Some(hooks) = hooks.filter(|_| status == 401 && authorized) {
        (hooks.unauthorized)();
    }
    // Anything but problem+json (a proxy's own error page) has no code.
    let problem = match response.text().await {
        Ok(body) => decode::<WireProblem>(&body).ok(),
        Err(_) => None,
    };
    Err(match problem {
        Some(p) => ApiError {
            status,
            code: Some(crate::i18n::code_of(&p.code)),
            fields: p
                .errors
                .into_iter()
                .map(|f| FieldError {
                    field: f.field,
                    code: crate::i18n::code_of(&f.code),
                    message: String::new(),
                    allowed: f.allowed,
                })
                .collect(),
        },
        None => ApiError {
            status,
            code: None,
            fields: Vec::new(),
        },
    })
}

/// What the app reads of a `roster_api::problem::Problem`: its codes as the text they are sent
/// as, looked up by [`crate::i18n::code_of`] (a people's build knows only its pages' codes), and
/// the messages left out, since the app says its own.
#[derive(Deserialize)]
struct WireProblem {
    code: String,
    #[serde(default)]
    errors: Vec<WireFieldError>,
}

/// A field's refusal within a [`WireProblem`].
#[derive(Deserialize)]
struct WireFieldError {
    field: String,
    code: String,
    #[serde(default)]
    allowed: Vec<String>,
}

/// A 2xx answer, its body read in full.
pub(crate) struct Answer {
    pub status: u16,
    etag: String,
    body: String,
}

/// Sends the request and reads the answer's body.
///
/// Every call that reads a body awaits this one non-generic future, then decodes the body
/// synchronously: only `T::deserialize` is compiled once per type, not a copy of the request's
/// and the body's `async` machinery for each (as `Response::json::<T>` would).
pub(crate) async fn receive(request: Result<Request, gloo_net::Error>) -> ApiResult<Answer> {
    let response = send(request).await?;
    let body = response.text().await.map_err(|_| ApiError::network())?;
    Ok(Answer {
        status: response.status(),
        etag: response.headers().get("etag").unwrap_or_default(),
        body,
    })
}

/// The body as JSON (read by the browser, see `json`); a body that is not the type expected
/// counts as a network failure.
fn decode<T: DeserializeOwned>(body: &str) -> ApiResult<T> {
    json::from_str(body).map_err(|_| ApiError::network())
}

impl Answer {
    pub(crate) fn json<T: DeserializeOwned>(&self) -> ApiResult<T> {
        decode(&self.body)
    }

    /// The body and the ETag, to send back as `If-Match` when changing the resource.
    pub(crate) fn tagged<T: DeserializeOwned>(&self) -> ApiResult<Tagged<T>> {
        Ok(Tagged {
            value: self.json()?,
            etag: self.etag.clone(),
        })
    }
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

/// PATCHes `changes` onto the resource at `path` with `If-Match: etag` (its answer, read with
/// [`Answer::tagged`], is the resource changed with its new ETag; a 412 means someone else
/// changed it meanwhile).
pub(crate) fn patch(
    path: &str,
    etag: &str,
    changes: &impl Serialize,
) -> Result<Request, gloo_net::Error> {
    let request = Request::patch(&format!("{BASE}{path}")).header("If-Match", etag);
    with_body(request, changes)
}

/// A resource and its ETag, to send back as `If-Match` when changing it.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged<T> {
    pub value: T,
    pub etag: String,
}

// ---- Signing in -------------------------------------------------------------------------------

pub async fn me() -> ApiResult<Me> {
    receive(get("/me")).await?.json()
}

pub async fn sign_in(username: &str, password: &str) -> ApiResult<Me> {
    let body = SignIn {
        username: username.to_owned(),
        password: password.to_owned(),
    };
    receive(with_body(Request::post(&format!("{BASE}/session")), &body))
        .await?
        .json()
}

pub async fn sign_out() -> ApiResult<()> {
    send(Request::delete(&format!("{BASE}/session")).build())
        .await
        .map(|_| ())
}

// ---- Accounts ---------------------------------------------------------------------------------

pub async fn accounts() -> ApiResult<Vec<AccountSummary>> {
    Ok(receive(get("/accounts"))
        .await?
        .json::<AccountList>()?
        .items)
}

// ---- Account settings and seats ----------------------------------------------------------------

pub async fn account_settings(account: i64) -> ApiResult<Tagged<AccountSettings>> {
    receive(get(&format!("/accounts/{account}")))
        .await?
        .tagged()
}

/// Saves settings with `If-Match`.
pub async fn update_account_settings(
    account: i64,
    etag: &str,
    changes: &SettingsChanges,
) -> ApiResult<Tagged<AccountSettings>> {
    receive(patch(&format!("/accounts/{account}"), etag, changes))
        .await?
        .tagged()
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

/// Moves `from`'s licence seat to `to`, in one step.
pub async fn transfer_licence(account: i64, from: i64, to: i64) -> ApiResult<()> {
    let url = format!("{BASE}/accounts/{account}/licence-transfers");
    send(with_body(Request::post(&url), &Transfer { from, to }))
        .await
        .map(|_| ())
}
