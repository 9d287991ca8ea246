//! Importing over the API: one row of a file, and a chunk of rows sent with its idempotency key.

use super::TestApp;
use reqwest::{Client, Response};
use serde_json::{Value, json};

/// Row `n` of an import: `email`, `first_name` and the last name "Imported", plus `extra` columns.
pub fn row(n: u32, email: &str, first: &str, extra: Value) -> Value {
    let mut values = json!({"email": email, "first_name": first, "last_name": "Imported"});
    if let (Some(values), Some(extra)) = (values.as_object_mut(), extra.as_object()) {
        values.extend(extra.clone());
    }
    json!({"row": n, "values": values})
}

impl TestApp {
    /// Sends `rows` as one chunk of an import into `account`, with the idempotency key `key`.
    pub async fn send_chunk(
        &self,
        client: &Client,
        account: i64,
        key: &str,
        rows: Vec<Value>,
    ) -> Response {
        client
            .post(self.url(&format!("/accounts/{account}/imports")))
            .header("idempotency-key", key)
            .json(&json!({ "rows": rows }))
            .send()
            .await
            .unwrap()
    }
}
