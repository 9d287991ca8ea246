//! The API's answers and the requests that need more than one call: a body read as JSON, a
//! problem's code, a PATCH with the current ETag, and the bare verbs the groups' tests spell out.

use super::TestApp;
use reqwest::{Client, Response};
use serde_json::Value;

/// Reads an answer's body as JSON.
pub async fn json(res: Response) -> Value {
    res.json().await.unwrap()
}

/// Reads a problem+json answer and returns its code.
pub async fn problem_code(res: Response) -> String {
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = res.json().await.unwrap();
    body["code"].as_str().unwrap_or_default().to_owned()
}

pub async fn get(client: &Client, url: String) -> Response {
    client.get(url).send().await.unwrap()
}

pub async fn post(client: &Client, url: String, body: Value) -> Response {
    client.post(url).json(&body).send().await.unwrap()
}

pub async fn patch(client: &Client, url: String, if_match: &str, body: Value) -> Response {
    client
        .patch(url)
        .header("if-match", if_match)
        .json(&body)
        .send()
        .await
        .unwrap()
}

pub async fn delete(client: &Client, url: String) -> Response {
    client.delete(url).send().await.unwrap()
}

impl TestApp {
    /// PATCHes `body` onto the resource at `url` with the ETag `client` reads it with now.
    pub async fn patch_current(&self, client: &Client, url: &str, body: Value) -> Response {
        let res = client.get(url).send().await.unwrap();
        let tag = res.headers()["etag"].clone();
        client
            .patch(url)
            .header("if-match", tag)
            .json(&body)
            .send()
            .await
            .unwrap()
    }
}
