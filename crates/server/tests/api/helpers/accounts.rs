//! An account's resources through the API: a new staged user, the addresses of its groups and
//! a group policy, and its audit log as a reader sees it.

use super::{RECORDS, TestApp, get, json};
use reqwest::Client;
use serde_json::{Value, json};

/// A group policy as the API writes it.
pub fn policy(min_password_length: i64, idle_timeout_minutes: i64, edit_own: bool) -> Value {
    json!({
        "min_password_length": min_password_length,
        "idle_timeout_minutes": idle_timeout_minutes,
        "members_may_edit_own_details": edit_own,
    })
}

impl TestApp {
    /// A new staged user of Acme Records; returns their id.
    pub async fn staged_user(&self, admin: &Client, email: &str) -> i64 {
        let records = self.account_id(RECORDS).await;
        let res = admin
            .post(self.url(&format!("/accounts/{records}/users")))
            .json(&json!({"email": email, "first_name": "Nina", "last_name": "Neuer"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        json(res).await["id"].as_i64().unwrap()
    }

    pub fn groups_url(&self, account: i64) -> String {
        self.url(&format!("/accounts/{account}/groups"))
    }

    pub fn group_url(&self, account: i64, group: i64) -> String {
        self.url(&format!("/accounts/{account}/groups/{group}"))
    }

    /// The newest audit entries of `account` as `reader` sees them.
    pub async fn audit(&self, reader: &Client, account: i64) -> Vec<Value> {
        let res = reader
            .get(self.url(&format!("/accounts/{account}/audit?limit=200")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        json(res).await["items"].as_array().unwrap().clone()
    }

    /// The audit entries of `account` with `action`, newest first.
    pub async fn audit_entries(&self, client: &Client, account: i64, action: &str) -> Vec<Value> {
        let url = self.url(&format!("/accounts/{account}/audit?action={action}"));
        let page: Value = get(client, url).await.json().await.unwrap();
        page["items"].as_array().unwrap().clone()
    }
}
