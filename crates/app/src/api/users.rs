//! Users: search, read, add, edit, state actions.

use super::{ApiResult, BASE, Tagged, get, json, patch_tagged, send, tagged, with_body};
use gloo_net::http::Request;
use serde::{Deserialize, Serialize};
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
pub(crate) fn encode_component(value: &str) -> String {
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
    /// When the activation link stops working (Unix seconds), while one is out.
    pub invitation_expires_at: Option<i64>,
    /// The email is outside the account's approved domains.
    #[serde(default)]
    pub outside_approved_domains: bool,
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
    pub invitation_expires_at: Option<i64>,
    /// Authority kind → level held.
    #[serde(default)]
    pub authorities: std::collections::BTreeMap<String, String>,
    pub allowed_actions: Vec<String>,
    pub editable: bool,
    /// The person also belongs to accounts where I may not manage them: only their membership
    /// here is mine to change.
    #[serde(default)]
    pub shared: bool,
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

/// A request to join an account, as the account sees it: the email typed, nothing more.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct JoinRequest {
    pub id: i64,
    pub email: String,
    pub role: String,
    pub requested_by: Option<String>,
    pub requested_at: i64,
    pub expires_at: i64,
}

/// What adding a user made.
#[derive(Debug, Clone, PartialEq)]
pub enum Created {
    /// A new member (a new login, or one I manage everywhere).
    Member(Box<UserDetail>),
    /// A login of accounts where I may not manage them: asked by email to join.
    Requested(JoinRequest),
}

#[derive(Deserialize)]
struct JoinRequestAnswer {
    join_request: JoinRequest,
}

pub async fn create_user(account: i64, form: &UserForm) -> ApiResult<Created> {
    let url = format!("{BASE}/accounts/{account}/users");
    let response = send(with_body(Request::post(&url), form)).await?;
    if response.status() == 202 {
        let answer: JoinRequestAnswer = json(response).await?;
        return Ok(Created::Requested(answer.join_request));
    }
    Ok(Created::Member(Box::new(json(response).await?)))
}

/// The account's requests waiting for the person to accept.
pub async fn join_requests(account: i64) -> ApiResult<Vec<JoinRequest>> {
    let path = format!("/accounts/{account}/join-requests");
    Ok(json::<super::Items<JoinRequest>>(send(get(&path)).await?)
        .await?
        .items)
}

/// Withdraws a request: its link stops working.
pub async fn cancel_join_request(account: i64, request: i64) -> ApiResult<()> {
    let url = format!("{BASE}/accounts/{account}/join-requests/{request}");
    send(Request::delete(&url).build()).await.map(|_| ())
}

/// Which account asks, by a join link's token (the link is not used up).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct JoinLinkInfo {
    pub account_name: String,
    pub requested_by: Option<String>,
    pub role: String,
    pub expires_at: i64,
}

/// The account joined.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Joined {
    pub account_id: i64,
    pub account_name: String,
    pub licensed: bool,
}

fn join_link(path: &str, token: &str) -> Result<Request, gloo_net::Error> {
    let url = format!("{BASE}/join-requests/{path}");
    with_body(Request::post(&url), &serde_json::json!({ "token": token }))
}

pub async fn check_join_link(token: &str) -> ApiResult<JoinLinkInfo> {
    json(send(join_link("check", token)).await?).await
}

pub async fn accept_join(token: &str) -> ApiResult<Joined> {
    json(send(join_link("accept", token)).await?).await
}

pub async fn decline_join(token: &str) -> ApiResult<()> {
    send(join_link("decline", token)).await.map(|_| ())
}

/// Saves changes with `If-Match`; a 412 means someone else changed the user meanwhile.
pub async fn update_user(
    account: i64,
    user: i64,
    etag: &str,
    changes: &serde_json::Value,
) -> ApiResult<Tagged<UserDetail>> {
    patch_tagged(&format!("/accounts/{account}/users/{user}"), etag, changes).await
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

/// What happened in one account of a several-accounts change.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AccountOutcome {
    pub account: i64,
    pub ok: bool,
    /// Not a member yet: asked by email to join.
    #[serde(default)]
    pub requested: bool,
    pub code: Option<roster_domain::ErrorCode>,
}

#[derive(Deserialize)]
struct AccountOutcomes {
    results: Vec<AccountOutcome>,
}

/// Adds the person to (`add`) or removes them from several accounts; a result per account.
pub async fn change_memberships(
    account: i64,
    user: i64,
    accounts: &[i64],
    add: bool,
) -> ApiResult<Vec<AccountOutcome>> {
    let url = format!("{BASE}/accounts/{account}/users/{user}/memberships");
    let body = serde_json::json!({ "accounts": accounts });
    let builder = if add {
        Request::post(&url)
    } else {
        Request::delete(&url)
    };
    Ok(
        json::<AccountOutcomes>(send(with_body(builder, &body)).await?)
            .await?
            .results,
    )
}
