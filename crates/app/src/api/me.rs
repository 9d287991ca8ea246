//! My details: my contact details, email, challenge, authorization number, sessions, activity
//! and the requests to join an account waiting for me.

use super::{ApiResult, BASE, Joined, Me, Tagged, get, patch, receive, send, with_body};
use gloo_net::http::Request;
use roster_api::me::{
    Activity, AuthorizationNumber, ChallengeChange, CurrentPassword, EmailChange, MyChanges,
    MyJoinRequests, MySessions, PinCheck, PinMatch,
};
use roster_api::passwords::LinkToken;

/// My details, with their ETag.
pub async fn my_details() -> ApiResult<Tagged<Me>> {
    receive(get("/me")).await?.tagged()
}

/// Changes my names, phone or language, with `If-Match`.
pub async fn update_my_details(etag: &str, changes: &MyChanges) -> ApiResult<Tagged<Me>> {
    receive(patch("/me", etag, changes)).await?.tagged()
}

/// Sends the link that confirms a new address. (The answer, the address waiting, is left
/// unread: My details are read again, and show it.)
pub async fn change_my_email(current_password: &str, email: &str) -> ApiResult<()> {
    let body = EmailChange {
        current_password: current_password.to_owned(),
        email: email.to_owned(),
    };
    send(with_body(Request::post(&format!("{BASE}/me/email")), &body))
        .await
        .map(|_| ())
}

/// Follows the link sent to a new address.
pub async fn confirm_my_email(token: &str) -> ApiResult<()> {
    let body = LinkToken {
        token: token.to_owned(),
    };
    let url = format!("{BASE}/me/email/confirm");
    send(with_body(Request::post(&url), &body))
        .await
        .map(|_| ())
}

pub async fn set_my_challenge(
    current_password: &str,
    question: &str,
    answer: &str,
) -> ApiResult<()> {
    let body = ChallengeChange {
        current_password: current_password.to_owned(),
        question: question.to_owned(),
        answer: answer.to_owned(),
    };
    let url = format!("{BASE}/me/challenge");
    send(with_body(Request::put(&url), &body)).await.map(|_| ())
}

/// A new authorization number, shown once.
pub async fn new_authorization_number(current_password: &str) -> ApiResult<String> {
    let body = CurrentPassword {
        current_password: current_password.to_owned(),
    };
    let url = format!("{BASE}/me/authorization-number");
    Ok(receive(with_body(Request::post(&url), &body))
        .await?
        .json::<AuthorizationNumber>()?
        .number)
}

pub async fn my_sessions() -> ApiResult<MySessions> {
    receive(get("/me/sessions")).await?.json()
}

/// Signs me out of session `id`.
pub async fn end_my_session(id: i64) -> ApiResult<()> {
    let url = format!("{BASE}/me/sessions/{id}");
    send(Request::delete(&url).build()).await.map(|_| ())
}

/// Signs me out everywhere but here.
pub async fn end_my_other_sessions() -> ApiResult<()> {
    let url = format!("{BASE}/me/sessions");
    send(Request::delete(&url).build()).await.map(|_| ())
}

/// A page of my activity (20 entries), older than `before_id` when given.
///
/// Its query (`ActivityQuery`'s two fields) is written here rather than by `get_with`:
/// serde_urlencoded, for this one query of two numbers, was 0.7 KB of the people's bundle's
/// brotli.
pub async fn my_activity(before_id: Option<i64>) -> ApiResult<Activity> {
    let path = match before_id {
        Some(id) => format!("/me/activity?before_id={id}&limit=20"),
        None => "/me/activity?limit=20".to_owned(),
    };
    receive(get(&path)).await?.json()
}

pub async fn my_join_requests() -> ApiResult<MyJoinRequests> {
    receive(get("/me/join-requests")).await?.json()
}

/// Accepts (`true`) or declines my join request `id`; the account joined when accepted.
pub async fn answer_my_join_request(id: i64, accept: bool) -> ApiResult<Option<Joined>> {
    let verb = if accept { "accept" } else { "decline" };
    let url = format!("{BASE}/me/join-requests/{id}/{verb}");
    let answer = receive(Request::post(&url).build()).await?;
    if accept {
        answer.json().map(Some)
    } else {
        Ok(None)
    }
}

/// Whether `pin` is the PIN of `user`, a member of `account` (an administrator checks it).
pub async fn check_pin(account: i64, user: i64, pin: &str) -> ApiResult<bool> {
    let body = PinCheck {
        pin: pin.to_owned(),
    };
    let url = format!("{BASE}/accounts/{account}/users/{user}/pin-check");
    Ok(receive(with_body(Request::post(&url), &body))
        .await?
        .json::<PinMatch>()?
        .matches)
}
