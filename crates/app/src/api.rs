//! The one module that talks to the server: every call of the app, and the turning of non-2xx
//! answers into [`ApiError`]. Pages never build URLs.

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

    pub fn is_unauthenticated(&self) -> bool {
        self.status == 401 && self.code == Some(ErrorCode::AuthUnauthenticated)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

const BASE: &str = "/api/v1";

async fn send(request: Result<Request, gloo_net::Error>) -> ApiResult<Response> {
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

async fn json<T: DeserializeOwned>(response: Response) -> ApiResult<T> {
    response.json().await.map_err(|_| ApiError::network())
}

fn get(path: &str) -> Result<Request, gloo_net::Error> {
    Request::get(&format!("{BASE}{path}")).build()
}

fn with_body<B: Serialize>(builder: RequestBuilder, body: &B) -> Result<Request, gloo_net::Error> {
    builder.json(body)
}

/// A resource and its ETag, to send back as `If-Match` when changing it.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged<T> {
    pub value: T,
    pub etag: String,
}

async fn tagged<T: DeserializeOwned>(response: Response) -> ApiResult<Tagged<T>> {
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
struct Items<T> {
    items: Vec<T>,
}

pub async fn accounts() -> ApiResult<Vec<Account>> {
    Ok(json::<Items<Account>>(send(get("/accounts")).await?)
        .await?
        .items)
}

// ---- Users ------------------------------------------------------------------------------------

/// The filters of the users list; empty strings mean "any".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserQuery {
    pub q: String,
    pub state: String,
    pub group: String,
    pub role: String,
    pub licensed: String,
    pub sort: String,
    pub page: i64,
    pub per_page: i64,
}

impl UserQuery {
    fn to_query_string(&self) -> String {
        let mut parts = vec![
            format!("page={}", self.page.max(1)),
            format!("per_page={}", self.per_page.max(1)),
        ];
        for (name, value) in [
            ("q", &self.q),
            ("state", &self.state),
            ("group", &self.group),
            ("role", &self.role),
            ("licensed", &self.licensed),
            ("sort", &self.sort),
        ] {
            if !value.trim().is_empty() {
                let encoded: String = encode_component(value.trim());
                parts.push(format!("{name}={encoded}"));
            }
        }
        parts.join("&")
    }
}

/// Percent-encodes a query value.
fn encode_component(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A row of the users list.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub state: String,
    pub role: String,
    pub group: i64,
    pub group_name: String,
    pub licensed: bool,
}

/// A page of users.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct UserPage {
    pub items: Vec<UserRow>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

pub async fn users(account: i64, query: &UserQuery) -> ApiResult<UserPage> {
    json(
        send(get(&format!(
            "/accounts/{account}/users?{}",
            query.to_query_string()
        )))
        .await?,
    )
    .await
}

/// A user as an administrator sees them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct UserDetail {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub language: String,
    pub identity_provider: String,
    pub exchange_domain: Option<String>,
    pub exchange_username: Option<String>,
    pub state: String,
    pub role: String,
    pub group: i64,
    pub group_name: String,
    pub licensed: bool,
    pub version: i64,
    pub allowed_actions: Vec<String>,
    pub editable: bool,
    pub memberships: Vec<Membership>,
}

/// One of the person's memberships.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Membership {
    pub account_id: i64,
    pub account_name: String,
    pub role: String,
}

pub async fn user(account: i64, user: i64) -> ApiResult<Tagged<UserDetail>> {
    tagged(send(get(&format!("/accounts/{account}/users/{user}"))).await?).await
}

/// The fields of the Add-user and Edit-user forms.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UserForm {
    pub email: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

pub async fn create_user(account: i64, form: &UserForm) -> ApiResult<UserDetail> {
    let url = format!("{BASE}/accounts/{account}/users");
    json(send(with_body(Request::post(&url), form)).await?).await
}

/// Saves changes with `If-Match`; a 412 means someone else changed the user meanwhile.
pub async fn update_user(
    account: i64,
    user: i64,
    etag: &str,
    changes: &serde_json::Value,
) -> ApiResult<Tagged<UserDetail>> {
    let url = format!("{BASE}/accounts/{account}/users/{user}");
    tagged(
        send(with_body(
            Request::patch(&url).header("If-Match", etag),
            changes,
        ))
        .await?,
    )
    .await
}

/// A state action (`suspend`, `unsuspend`, `unlock`, `remove`, `deprovision`, `restore`).
pub async fn user_action(account: i64, user: i64, action: &str) -> ApiResult<()> {
    let url = format!("{BASE}/accounts/{account}/users/{user}/{action}");
    send(Request::post(&url).build()).await.map(|_| ())
}

pub async fn delete_user(account: i64, user: i64) -> ApiResult<()> {
    send(Request::delete(&format!("{BASE}/accounts/{account}/users/{user}")).build())
        .await
        .map(|_| ())
}

// ---- Groups and audit -------------------------------------------------------------------------

/// A group of an account.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Group {
    pub id: i64,
    pub name: String,
    pub is_default: bool,
    pub member_count: i64,
    pub policy: GroupPolicy,
    pub version: i64,
}

/// What a group decides for its members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupPolicy {
    pub min_password_length: u16,
    pub idle_timeout_minutes: u16,
    pub members_may_edit_own_details: bool,
}

pub async fn groups(account: i64) -> ApiResult<Vec<Group>> {
    Ok(
        json::<Items<Group>>(send(get(&format!("/accounts/{account}/groups"))).await?)
            .await?
            .items,
    )
}

pub async fn create_group(account: i64, name: &str, policy: &GroupPolicy) -> ApiResult<Group> {
    let body = serde_json::json!({ "name": name, "policy": policy });
    json(
        send(with_body(
            Request::post(&format!("{BASE}/accounts/{account}/groups")),
            &body,
        ))
        .await?,
    )
    .await
}

pub async fn update_group(
    account: i64,
    group: i64,
    version: i64,
    name: &str,
    policy: &GroupPolicy,
) -> ApiResult<Group> {
    let body = serde_json::json!({ "name": name, "policy": policy });
    let url = format!("{BASE}/accounts/{account}/groups/{group}");
    json(
        send(with_body(
            Request::patch(&url).header("If-Match", &format!("\"{version}\"")),
            &body,
        ))
        .await?,
    )
    .await
}

pub async fn delete_group(account: i64, group: i64, move_to: Option<i64>) -> ApiResult<()> {
    let suffix = move_to.map(|g| format!("?move_to={g}")).unwrap_or_default();
    send(Request::delete(&format!("{BASE}/accounts/{account}/groups/{group}{suffix}")).build())
        .await
        .map(|_| ())
}

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor: Option<String>,
    pub target: Option<String>,
    pub target_user_id: Option<i64>,
    pub action: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Audit filters; empty means any.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditQuery {
    pub action: String,
    pub target: Option<i64>,
    pub before_id: Option<i64>,
}

pub async fn audit(account: i64, query: &AuditQuery) -> ApiResult<Vec<AuditEntry>> {
    let mut parts = vec!["limit=50".to_owned()];
    if !query.action.is_empty() {
        parts.push(format!("action={}", encode_component(&query.action)));
    }
    if let Some(t) = query.target {
        parts.push(format!("target={t}"));
    }
    if let Some(b) = query.before_id {
        parts.push(format!("before_id={b}"));
    }
    Ok(json::<Items<AuditEntry>>(
        send(get(&format!(
            "/accounts/{account}/audit?{}",
            parts.join("&")
        )))
        .await?,
    )
    .await?
    .items)
}
