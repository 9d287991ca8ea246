//! Invitations, activation, passwords and the local mailbox.

use super::{ApiResult, BASE, Items, get, json, send, with_body};
use gloo_net::http::Request;
use serde::Deserialize;
use serde_json::json as body;

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

#[derive(Deserialize)]
struct Password {
    password: String,
}

/// Sets a temporary password and returns it (shown once, never emailed).
pub async fn temporary_password(account: i64, user: i64) -> ApiResult<String> {
    let url = format!("{BASE}/accounts/{account}/users/{user}/temporary-password");
    Ok(json::<Password>(send(Request::post(&url).build()).await?)
        .await?
        .password)
}

/// A user waiting for activation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Invitation {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub sent_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub expired: bool,
}

/// The account's invitations, pending and expired (up to 100, soonest to expire first).
pub async fn invitations(account: i64) -> ApiResult<Vec<Invitation>> {
    let path = format!("/accounts/{account}/invitations?per_page=100");
    Ok(json::<Items<Invitation>>(send(get(&path)).await?)
        .await?
        .items)
}

/// What the page of a single-use link shows before using it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LinkInfo {
    pub first_name: String,
    pub username: String,
    pub min_password_length: u16,
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
    json(send(with_body(Request::post(&url), &body!({ "token": token }))).await?).await
}

/// Activates the account with the link's token; signs the user in.
pub async fn activate(
    token: &str,
    password: &str,
    question: &str,
    answer: &str,
) -> ApiResult<super::Me> {
    let payload = body!({
        "token": token,
        "password": password,
        "challenge_question": question,
        "challenge_answer": answer,
    });
    let url = format!("{BASE}/activation");
    json(send(with_body(Request::post(&url), &payload)).await?).await
}

/// Sets a new password with a reset link's token (the user then signs in).
pub async fn complete_reset(token: &str, password: &str) -> ApiResult<()> {
    let payload = body!({ "token": token, "password": password });
    let url = format!("{BASE}/password-reset/complete");
    send(with_body(Request::post(&url), &payload))
        .await
        .map(|_| ())
}

/// Asks for a reset link by email; the answer is the same whether or not the email is known.
pub async fn request_reset(email: &str) -> ApiResult<()> {
    let url = format!("{BASE}/password-reset");
    send(with_body(Request::post(&url), &body!({ "email": email })))
        .await
        .map(|_| ())
}

/// Changes my password.
pub async fn change_password(current: &str, new: &str) -> ApiResult<()> {
    let payload = body!({ "current_password": current, "new_password": new });
    let url = format!("{BASE}/me/password");
    send(with_body(Request::post(&url), &payload))
        .await
        .map(|_| ())
}

/// An email of the local mailbox.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MailboxEmail {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub created_at: i64,
}

/// The local mailbox, newest first.
pub async fn mailbox() -> ApiResult<Vec<MailboxEmail>> {
    Ok(
        json::<Items<MailboxEmail>>(send(get("/dev/mailbox")).await?)
            .await?
            .items,
    )
}
