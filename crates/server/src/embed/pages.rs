//! The embedded pages, `/embed/accounts/{account}/…`: the bundle's page that routes each
//! (`crate::spa`: Import users the Import bundle's, the others the administration bundle's, My
//! details (`me`) included), which the account's embedding origins may frame. Their
//! `Content-Security-Policy` ends with `frame-ancestors` and those origins, `'none'` when the
//! account names none or does not exist; every other page, and the API, keep `'none'`. The rest
//! of the policy is every page's (`crate::headers`), `connect-src 'self'` included: the embedded
//! page calls Roster's own API.

use crate::headers::Framable;
use crate::state::AppState;
use crate::store;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;

/// The account an embedded page's path names: `/embed/accounts/3` and anything under it.
fn account_of(path: &str) -> Option<Option<i64>> {
    let rest = path.strip_prefix("/embed/")?;
    let mut parts = rest.split('/');
    Some(match (parts.next(), parts.next()) {
        (Some("accounts"), Some(id)) => id.parse().ok(),
        _ => None,
    })
}

/// Sets the `frame-ancestors` of an embedded page's answer from its account's embedding origins.
pub async fn frame_policy(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(account) = account_of(req.uri().path()) else {
        return next.run(req).await;
    };
    let origins = match account {
        Some(account) => origins_of(&state, account).await,
        None => Vec::new(),
    };
    let mut response = next.run(req).await;
    let policy = state.headers.framed_page_policy(&origins);
    response
        .headers_mut()
        .insert(header::CONTENT_SECURITY_POLICY, policy);
    if !origins.is_empty() {
        response.extensions_mut().insert(Framable);
    }
    response
}

/// The account's embedding origins; none when it does not exist or they cannot be read (a page
/// that cannot be framed is the safe side).
async fn origins_of(state: &AppState, account: i64) -> Vec<String> {
    let read = async {
        let mut conn = state.db.acquire().await?;
        store::accounts::embedding_origins(&mut conn, account).await
    };
    match read.await {
        Ok(origins) => origins,
        Err(err) => {
            tracing::error!(?err, account, "cannot read the embedding origins");
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::account_of;

    #[test]
    fn only_embedded_paths_name_an_account() {
        assert_eq!(account_of("/embed/accounts/3/users"), Some(Some(3)));
        assert_eq!(account_of("/embed/accounts/3"), Some(Some(3)));
        assert_eq!(account_of("/embed/accounts/x/users"), Some(None));
        assert_eq!(account_of("/embed/other"), Some(None));
        assert_eq!(account_of("/embed"), None);
        assert_eq!(account_of("/accounts/3/users"), None);
        assert_eq!(account_of("/api/v1/embed/tokens"), None);
    }
}
