//! Invitations, activation, passwords and the local mailbox.

use super::{ApiResult, BASE, get, get_with, receive, send, with_body};
use gloo_net::http::Request;
use roster_api::invitations::{Invitation, InvitationList, InvitationQuery};
use roster_api::mailbox::{Mailbox, MailboxEmail};
use roster_api::passwords::{
    Activation, LinkInfo, LinkToken, PasswordChange, ResetCompletion, ResetRequest,
    TemporaryPassword,
};

/// Sends (or sends again) a user's invitation.
pub async fn invite(account: i64, user: i64) -> ApiResult<()> {
    let url = format!("{BASE}/accounts/{account}/users/{user}/invitation");
    send(Request::post(&url).build()).await.map(|_| ())
}

/// Revokes a user's invitation: the link stops working and the user is staged again.
pub async fn revoke_invitation(account: i64, user: i64) -> ApiResult<()> {
    let url = format!("{BASE}/accounts/{account}/users/{user}/invitation");
    send(Request::delete(&url).build()).await.map(|_| ())
}

/// Sets a temporary password and returns it (shown once, never emailed).
pub async fn temporary_password(account: i64, user: i64) -> ApiResult<String> {
    let url = format!("{BASE}/accounts/{account}/users/{user}/temporary-password");
    Ok(receive(Request::post(&url).build())
        .await?
        .json::<TemporaryPassword>()?
        .password)
}

/// The account's invitations, pending and expired (up to 100, soonest to expire first).
pub async fn invitations(account: i64) -> ApiResult<Vec<Invitation>> {
    let query = InvitationQuery {
        per_page: Some(100),
        ..InvitationQuery::default()
    };
    let path = format!("/accounts/{account}/invitations");
    Ok(receive(get_with(&path, &query))
        .await?
        .json::<InvitationList>()?
        .items)
}

/// Which single-use link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Activation,
    PasswordReset,
}

impl Link {
    fn check_path(self) -> &'static str {
        match self {
            Link::Activation => "/activation/check",
            Link::PasswordReset => "/password-reset/check",
        }
    }
}

/// Whether a link still works, without using it.
pub async fn check_link(link: Link, token: &str) -> ApiResult<LinkInfo> {
    let url = format!("{BASE}{}", link.check_path());
    let body = LinkToken {
        token: token.to_owned(),
    };
    receive(with_body(Request::post(&url), &body)).await?.json()
}

/// Activates the account with the link's token; signs the user in.
pub async fn activate(
    token: &str,
    password: &str,
    question: &str,
    answer: &str,
) -> ApiResult<super::Me> {
    let payload = Activation {
        token: token.to_owned(),
        password: password.to_owned(),
        challenge_question: Some(question.to_owned()),
        challenge_answer: Some(answer.to_owned()),
    };
    let url = format!("{BASE}/activation");
    receive(with_body(Request::post(&url), &payload))
        .await?
        .json()
}

/// Sets a new password with a reset link's token (the user then signs in).
pub async fn complete_reset(token: &str, password: &str) -> ApiResult<()> {
    let payload = ResetCompletion {
        token: token.to_owned(),
        password: password.to_owned(),
    };
    let url = format!("{BASE}/password-reset/complete");
    send(with_body(Request::post(&url), &payload))
        .await
        .map(|_| ())
}

/// Asks for a reset link by email; the answer is the same whether or not the email is known.
pub async fn request_reset(email: &str) -> ApiResult<()> {
    let url = format!("{BASE}/password-reset");
    let payload = ResetRequest {
        email: email.to_owned(),
    };
    send(with_body(Request::post(&url), &payload))
        .await
        .map(|_| ())
}

/// Changes my password.
pub async fn change_password(current: &str, new: &str) -> ApiResult<()> {
    let payload = PasswordChange {
        current_password: current.to_owned(),
        new_password: new.to_owned(),
    };
    let url = format!("{BASE}/me/password");
    send(with_body(Request::post(&url), &payload))
        .await
        .map(|_| ())
}

/// The local mailbox, newest first.
pub async fn mailbox() -> ApiResult<Vec<MailboxEmail>> {
    Ok(receive(get("/dev/mailbox")).await?.json::<Mailbox>()?.items)
}
