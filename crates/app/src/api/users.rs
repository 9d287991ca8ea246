//! Users: search, read, add, edit, state actions, their accounts, and join requests.

use super::{ApiResult, BASE, Tagged, get, get_with, patch, receive, send, with_body};
use gloo_net::http::Request;
use roster_api::join::{JoinLinkInfo, JoinRequest, JoinRequestAnswer, JoinRequestList, Joined};
use roster_api::passwords::LinkToken;
use roster_api::users::{
    AccountChoice, AccountOutcome, AccountOutcomes, ListPage, ListQuery, NewUser, UserAction,
    UserChanges, UserDetail,
};

pub async fn users(account: i64, query: &ListQuery) -> ApiResult<ListPage> {
    receive(get_with(&format!("/accounts/{account}/users"), query))
        .await?
        .json()
}

pub async fn user(account: i64, user: i64) -> ApiResult<Tagged<UserDetail>> {
    receive(get(&format!("/accounts/{account}/users/{user}")))
        .await?
        .tagged()
}

/// What adding a user made.
#[derive(Debug, Clone, PartialEq)]
pub enum Created {
    /// A new member (a new login, or one I manage everywhere).
    Member(Box<UserDetail>),
    /// A login of accounts where I may not manage them: asked by email to join.
    Requested(JoinRequest),
}

pub async fn create_user(account: i64, form: &NewUser) -> ApiResult<Created> {
    let url = format!("{BASE}/accounts/{account}/users");
    let answer = receive(with_body(Request::post(&url), form)).await?;
    if answer.status == 202 {
        let answer: JoinRequestAnswer = answer.json()?;
        return Ok(Created::Requested(answer.join_request));
    }
    Ok(Created::Member(Box::new(answer.json()?)))
}

/// Saves changes with `If-Match`; a 412 means someone else changed the user meanwhile.
pub async fn update_user(
    account: i64,
    user: i64,
    etag: &str,
    changes: &UserChanges,
) -> ApiResult<Tagged<UserDetail>> {
    receive(patch(
        &format!("/accounts/{account}/users/{user}"),
        etag,
        changes,
    ))
    .await?
    .tagged()
}

/// A state action (suspend, unsuspend, unlock, remove, deprovision, restore).
pub async fn user_action(account: i64, user: i64, action: UserAction) -> ApiResult<()> {
    let url = format!("{BASE}/accounts/{account}/users/{user}/{}", action.as_str());
    send(Request::post(&url).build()).await.map(|_| ())
}

pub async fn delete_user(account: i64, user: i64) -> ApiResult<()> {
    send(Request::delete(&format!("{BASE}/accounts/{account}/users/{user}")).build())
        .await
        .map(|_| ())
}

/// Adds the person to (`add`) or removes them from several accounts; a result per account.
pub async fn change_memberships(
    account: i64,
    user: i64,
    accounts: &[i64],
    add: bool,
) -> ApiResult<Vec<AccountOutcome>> {
    let url = format!("{BASE}/accounts/{account}/users/{user}/memberships");
    let body = AccountChoice {
        accounts: accounts.to_vec(),
    };
    let builder = if add {
        Request::post(&url)
    } else {
        Request::delete(&url)
    };
    Ok(receive(with_body(builder, &body))
        .await?
        .json::<AccountOutcomes>()?
        .results)
}

/// The account's requests waiting for the person to accept.
pub async fn join_requests(account: i64) -> ApiResult<Vec<JoinRequest>> {
    let path = format!("/accounts/{account}/join-requests");
    Ok(receive(get(&path)).await?.json::<JoinRequestList>()?.items)
}

/// Withdraws a request: its link stops working.
pub async fn cancel_join_request(account: i64, request: i64) -> ApiResult<()> {
    let url = format!("{BASE}/accounts/{account}/join-requests/{request}");
    send(Request::delete(&url).build()).await.map(|_| ())
}

fn join_link(path: &str, token: &str) -> Result<Request, gloo_net::Error> {
    let url = format!("{BASE}/join-requests/{path}");
    let body = LinkToken {
        token: token.to_owned(),
    };
    with_body(Request::post(&url), &body)
}

/// Which account asks, by a join link's token (the link is not used up).
pub async fn check_join_link(token: &str) -> ApiResult<JoinLinkInfo> {
    receive(join_link("check", token)).await?.json()
}

pub async fn accept_join(token: &str) -> ApiResult<Joined> {
    receive(join_link("accept", token)).await?.json()
}

pub async fn decline_join(token: &str) -> ApiResult<()> {
    send(join_link("decline", token)).await.map(|_| ())
}
