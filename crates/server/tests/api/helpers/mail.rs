//! The local mailbox and the single-use links it carries: reading it, taking a link's token,
//! and accepting a join request from the emailed link.

use super::{TestApp, json};
use reqwest::Client;
use serde_json::{Value, json};

impl TestApp {
    /// The emails in the local mailbox (newest first), as an admin sees them.
    pub async fn mailbox(&self, admin: &Client) -> Vec<Value> {
        let res = admin.get(self.url("/dev/mailbox")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        json(res).await["items"].as_array().unwrap().clone()
    }

    /// The token of the newest link to `path` (`activate`, `reset-password`) mailed to `to`.
    pub async fn mailed_token(&self, admin: &Client, to: &str, path: &str) -> String {
        let prefix = format!("{}/{path}#token=", self.base);
        let emails = self.mailbox(admin).await;
        let text = emails
            .iter()
            .find(|e| e["to"] == to && e["text"].as_str().unwrap().contains(&prefix))
            .unwrap_or_else(|| panic!("no {path} link mailed to {to}: {emails:?}"))["text"]
            .as_str()
            .unwrap()
            .to_owned();
        let start = text.find(&prefix).unwrap() + prefix.len();
        text[start..].split_whitespace().next().unwrap().to_owned()
    }

    /// Signs in as `email`, finds the newest join link in their own mailbox and accepts it.
    pub async fn accept_join(&self, email: &str) -> Value {
        let person = self.signed_in(email).await;
        let token = self.mailed_token(&person, email, "join").await;
        let res = self
            .client()
            .post(self.url("/join-requests/accept"))
            .json(&json!({ "token": token }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "accepting the join request of {email}");
        json(res).await
    }
}
