//! The headers that tell browsers how to treat what Roster serves.
//!
//! Every answer: `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`,
//! `Cross-Origin-Opener-Policy: same-origin`, `X-Frame-Options: DENY` (for browsers without
//! `frame-ancestors`), and `Strict-Transport-Security` when the public URL is https.
//!
//! Pages: a Content-Security-Policy that runs only Roster's own scripts. Trunk's loader is an
//! inline module script; rather than `'unsafe-inline'`, the policy names its SHA-256, read from
//! the built pages when the server starts (rebuilding the app means restarting the server, as it
//! does anyway). WebAssembly needs `'wasm-unsafe-eval'`, which allows compiling WebAssembly and
//! nothing else. Styles come from Roster's stylesheet only (the app sets sizes through the CSS
//! object model, which the policy allows). No page may be framed (`frame-ancestors 'none'`),
//! except the embedded pages by the origins their account names (`embed::pages`).
//!
//! The API: `Cache-Control: no-store` (answers carry personal data), and a policy that allows
//! nothing, should an answer ever be opened as a document.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

/// The policy of the API's answers.
const API_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// The headers of every answer, computed once at start.
#[derive(Debug, Clone)]
pub struct Headers {
    /// The Content-Security-Policy of the pages but its `frame-ancestors`.
    page_sources: String,
    /// The Content-Security-Policy of the pages.
    page_policy: HeaderValue,
    /// Served over https: browsers are told to keep to it.
    https: bool,
}

impl Headers {
    /// The headers for the pages built into `dist` (each bundle's, `spa::PAGES`).
    pub fn for_dist(dist: &Path, https: bool) -> Result<Headers, String> {
        let mut hashes = Vec::new();
        for page in crate::spa::PAGES {
            let path = dist.join(page);
            let html = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            for script in inline_scripts(&html) {
                let hash = format!(
                    "'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script))
                );
                if !hashes.contains(&hash) {
                    hashes.push(hash);
                }
            }
        }
        let page_sources = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; \
             img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
             form-action 'self'",
            hashes.join(" ")
        );
        let policy = format!("{page_sources}; frame-ancestors 'none'");
        Ok(Headers {
            page_policy: HeaderValue::from_str(&policy).map_err(|e| e.to_string())?,
            page_sources,
            https,
        })
    }

    /// The pages' policy letting `origins` frame the page (`'none'` when there are none). The
    /// origins are the domain's `EmbeddingOrigin`s, which hold no space, quote or semicolon.
    pub fn framed_page_policy(&self, origins: &[String]) -> HeaderValue {
        let ancestors = if origins.is_empty() {
            "'none'".to_owned()
        } else {
            origins.join(" ")
        };
        let policy = format!("{}; frame-ancestors {ancestors}", self.page_sources);
        HeaderValue::from_str(&policy).unwrap_or_else(|_| self.page_policy.clone())
    }
}

/// Marks an answer that origins named in its `frame-ancestors` may frame: it is sent without
/// `X-Frame-Options: DENY`, which would forbid what the policy allows in browsers that read both.
#[derive(Debug, Clone, Copy)]
pub struct Framable;

/// The text of each inline `<script>` of `html` (those without `src`), as the browser hashes it.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</script") else {
            break;
        };
        if !tag.contains(" src=") {
            scripts.push(&body[..close]);
        }
        rest = &body[close..];
    }
    scripts
}

/// Adds the headers of every answer, and the pages' policy to answers that have none.
pub async fn every_answer(
    State(headers): State<Arc<Headers>>,
    req: Request,
    next: Next,
) -> Response {
    let mut response = next.run(req).await;
    let framable = response.extensions().get::<Framable>().is_some();
    let h = response.headers_mut();
    common(h, headers.https, framable);
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, headers.page_policy.clone());
    }
    response
}

/// Adds the API's own: never stored, and a policy that allows nothing.
pub async fn api_answer(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(API_POLICY),
    );
    response
}

fn common(h: &mut HeaderMap, https: bool, framable: bool) {
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if !framable {
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    if https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inline_scripts_are_hashed_and_exactly_their_text() {
        let html = "<head><script type=\"module\">\nimport init from '/a.js';\n</script>\
            <script src=\"/b.js\"></script><script>x()</script></head>";
        assert_eq!(
            inline_scripts(html),
            vec!["\nimport init from '/a.js';\n", "x()"]
        );
        assert!(inline_scripts("<p>no scripts</p>").is_empty());
        assert!(inline_scripts("<script>unclosed").is_empty());
    }

    #[test]
    fn the_page_policy_names_the_loader_by_its_hash() {
        let dir = std::env::temp_dir().join(format!("roster-headers-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("import")).unwrap();
        std::fs::create_dir_all(dir.join("people")).unwrap();
        std::fs::write(dir.join("index.html"), "<script>a()</script>").unwrap();
        std::fs::write(dir.join("import/index.html"), "<script>b()</script>").unwrap();
        std::fs::write(dir.join("people/index.html"), "<script>c()</script>").unwrap();
        std::fs::create_dir_all(dir.join("people-fr")).unwrap();
        std::fs::write(dir.join("people-fr/index.html"), "<script>d()</script>").unwrap();
        let headers = Headers::for_dist(&dir, false).unwrap();
        let policy = headers.page_policy.to_str().unwrap();
        let hash = |s: &str| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s));
        for script in ["a()", "b()", "c()", "d()"] {
            assert!(
                policy.contains(&format!("'sha256-{}'", hash(script))),
                "{script}: {policy}"
            );
        }
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
        let framed = headers.framed_page_policy(&[
            "https://portal.example.com".into(),
            "http://localhost:8081".into(),
        ]);
        let framed = framed.to_str().unwrap();
        assert!(
            framed.ends_with("; frame-ancestors https://portal.example.com http://localhost:8081"),
            "{framed}"
        );
        assert!(framed.starts_with(policy.split("; frame-ancestors").next().unwrap()));
        assert!(
            headers
                .framed_page_policy(&[])
                .to_str()
                .unwrap()
                .ends_with("frame-ancestors 'none'")
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
