//! Request extractors whose refusals are problem+json like every other error: the JSON body,
//! the signed-in user, and the same-origin guard for unsafe methods.

use crate::error::{AppError, FieldError};
pub use crate::session::CurrentUser;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRef, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use roster_domain::ErrorCode;
use serde::de::DeserializeOwned;

/// A JSON body. Malformed JSON, unknown fields and wrong types answer in the problem+json shape.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/json") || ct.contains("+json"));
        if !json {
            return Err(AppError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(req, state).await.map_err(unread)?;
        parse_json(&bytes).map(Json)
    }
}

/// Why a body could not be read: longer than the route allows (413, see `limits`), or cut short
/// (400).
fn unread(rejection: BytesRejection) -> AppError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge
    } else {
        AppError::BadRequest(ErrorCode::RequestMalformedJson)
    }
}

/// Parses a JSON body, naming the field at fault when the shape is wrong.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        if !inner.is_data() {
            return AppError::BadRequest(ErrorCode::RequestMalformedJson);
        }
        let detail = inner.to_string();
        // The path already ends with the unknown field's name.
        let code = if detail.starts_with("unknown field") {
            ErrorCode::RequestUnknownField
        } else {
            ErrorCode::RequestInvalidValue
        };
        let field = path;
        let message = format!("{} ({detail})", code.message_en());
        AppError::Invalid(vec![FieldError {
            field,
            code,
            message,
            allowed: Vec::new(),
        }])
    })
}

/// Query parameters; a value of the wrong type answers 422 like a bad body field.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(q)| Query(q))
            .map_err(|rejection| {
                let code = ErrorCode::RequestInvalidQuery;
                let message = format!("{} ({})", code.message_en(), rejection.body_text());
                AppError::Invalid(vec![FieldError {
                    field: "query".into(),
                    code,
                    message,
                    allowed: Vec::new(),
                }])
            })
    }
}

/// Path parameters; one that cannot name anything (`/users/abc`) is simply not found.
#[derive(Debug)]
pub struct Path<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Path<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(p)| Path(p))
            .map_err(|_| AppError::NotFound)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser
where
    AppState: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        // An embedded session was read by `embed::scope::bearer`, which also kept it to its
        // account. A bearer it did not read names no session here, and a cookie beside a bearer
        // is never read.
        let user = match parts.extensions.get::<CurrentUser>() {
            Some(user) => user.clone(),
            None if parts.headers.contains_key(header::AUTHORIZATION) => {
                return Err(AppError::Unauthenticated);
            }
            None => {
                let state = AppState::from_ref(state);
                let token = session_token(&parts.headers).ok_or(AppError::Unauthenticated)?;
                crate::session::user_of(&state, &token, crate::session::Via::Cookie).await?
            }
        };
        if user.must_change_password && !open_before_password_change(parts) {
            return Err(AppError::Forbidden(ErrorCode::AuthPasswordChangeRequired));
        }
        Ok(user)
    }
}

/// The largest page a list answers.
pub const MAX_PER_PAGE: i64 = 100;

/// The page asked for and its size, `per_page` defaulting to `default`: 422 naming the parameter
/// out of range (pages count from 1, sizes up to [`MAX_PER_PAGE`]).
pub fn page(
    page: Option<i64>,
    per_page: Option<i64>,
    default: i64,
) -> Result<(i64, i64), AppError> {
    let per_page = per_page.unwrap_or(default);
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        return Err(AppError::query("per_page"));
    }
    let page = page.unwrap_or(1);
    if page < 1 {
        return Err(AppError::query("page"));
    }
    Ok((page, per_page))
}

/// What a user who must change their password may still do: change it, or sign out.
fn open_before_password_change(parts: &Parts) -> bool {
    let path = parts
        .extensions
        .get::<axum::extract::OriginalUri>()
        .map_or(parts.uri.path(), |uri| uri.0.path());
    matches!(
        (&parts.method, path),
        (&Method::POST, "/api/v1/me/password") | (&Method::DELETE, "/api/v1/session")
    )
}

/// The session token from the request's cookies.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == crate::session::SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
}

/// The token of an `Authorization: Bearer` header (the scheme in any case).
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// Refuses unsafe methods that a browser did not send from Roster's own pages: the `Origin` must
/// be Roster's own, that of its public URL (or of the address it listens on when none is
/// configured), or `Sec-Fetch-Site` must say same-origin. `Host` plays no part: a page of another
/// site whose name was made to resolve to this server (DNS rebinding) sends its own name there,
/// and its own origin. With neither header the request cannot prove where it came from and is
/// refused too.
///
/// A request carrying `Authorization: Bearer` is not checked: it is authenticated by its bearer
/// alone, never by a cookie (`embed::scope`), and no browser adds that header by itself nor lets
/// a page of another origin add it without a CORS preflight, which Roster never grants. The
/// portal's back end calls `POST /embed/tokens` so, from no page at all.
pub async fn same_origin(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Result<Response, AppError> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || bearer_token(req.headers()).is_some()
    {
        return Ok(next.run(req).await);
    }
    let headers = req.headers();
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let allowed = match (origin, fetch_site) {
        (Some(origin), _) => origin_of(origin).is_some_and(|origin| {
            let own = origin_of(&state.public_url);
            Some(&origin) == own.as_ref()
                || (state.config.public_url.is_none()
                    && own.is_some_and(|own| same_loopback(&origin, &own)))
        }),
        (None, Some(site)) => site == "same-origin" || site == "none",
        (None, None) => false,
    };
    if allowed {
        Ok(next.run(req).await)
    } else {
        Err(AppError::Forbidden(ErrorCode::RequestCrossOrigin))
    }
}

/// Both origins name this machine's loopback by one of its names (`localhost`, `127.0.0.1`,
/// `[::1]`) with the same scheme and port: someone who runs Roster on their own machine may open
/// it as `localhost` though it printed `127.0.0.1`. A name made to resolve there (DNS rebinding)
/// is none of these.
fn same_loopback(a: &str, b: &str) -> bool {
    let split = |origin: &str| -> Option<(String, String)> {
        let (scheme, authority) = origin.split_once("://")?;
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) if !port.contains(']') => (host, port),
            _ => (authority, ""),
        };
        matches!(host, "localhost" | "127.0.0.1" | "[::1]")
            .then(|| (scheme.to_owned(), port.to_owned()))
    };
    matches!((split(a), split(b)), (Some(a), Some(b)) if a == b)
}

/// The origin of a URL, compared as browsers do: scheme and host in lower case, the port only when
/// it is not the scheme's default; `None` when it is not an http(s) URL.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let default = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => return None,
    };
    let authority = authority.strip_suffix(default).unwrap_or(&authority);
    Some(format!("{scheme}://{authority}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        name: String,
        inner: Option<Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        count: u32,
    }

    fn field_error(result: Result<Body, AppError>) -> FieldError {
        match result {
            Err(AppError::Invalid(mut fields)) if fields.len() == 1 => fields.remove(0),
            other => panic!("expected one invalid field, got {other:?}"),
        }
    }

    #[test]
    fn malformed_json_is_a_bad_request() {
        let result = parse_json::<Body>(b"{\"name\": ");
        assert!(matches!(
            result,
            Err(AppError::BadRequest(ErrorCode::RequestMalformedJson))
        ));
    }

    #[test]
    fn an_unknown_field_is_named() {
        let err = field_error(parse_json(br#"{"name": "a", "admin": true}"#));
        assert_eq!(
            (err.field.as_str(), err.code),
            ("admin", ErrorCode::RequestUnknownField)
        );
        let err = field_error(parse_json(
            br#"{"name": "a", "inner": {"count": 1, "x": 2}}"#,
        ));
        assert_eq!(err.field, "inner.x");
    }

    #[test]
    fn a_wrong_type_names_its_field() {
        let err = field_error(parse_json(br#"{"name": "a", "inner": {"count": "many"}}"#));
        assert_eq!(
            (err.field.as_str(), err.code),
            ("inner.count", ErrorCode::RequestInvalidValue)
        );
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            "a=1; roster_session=tok; b=2".parse().unwrap(),
        );
        assert_eq!(session_token(&headers).as_deref(), Some("tok"));
    }

    #[test]
    fn a_bearer_is_read_in_any_case_and_nothing_else_is_one() {
        let bearer = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::AUTHORIZATION, value.parse().unwrap());
            bearer_token(&headers).map(str::to_owned)
        };
        assert_eq!(bearer("Bearer abc").as_deref(), Some("abc"));
        assert_eq!(bearer("bearer  abc ").as_deref(), Some("abc"));
        assert_eq!(bearer("Basic abc"), None);
        assert_eq!(bearer("Bearer "), None);
        assert_eq!(bearer("Bearerabc"), None);
    }

    #[test]
    fn origins_compare_as_browsers_compare_them() {
        assert_eq!(
            origin_of("HTTPS://Roster.Example:443/app/").as_deref(),
            Some("https://roster.example")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8080").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_ne!(
            origin_of("http://roster.example"),
            origin_of("https://roster.example")
        );
        assert_ne!(
            origin_of("http://roster.example:8080"),
            origin_of("http://roster.example")
        );
        assert_eq!(origin_of("null"), None);
        assert_eq!(origin_of("ftp://roster.example"), None);
        assert_eq!(origin_of("http://user@roster.example"), None);
    }

    #[test]
    fn loopback_names_are_one_machine_and_nothing_else_is() {
        let own = "http://127.0.0.1:8080";
        assert!(same_loopback("http://localhost:8080", own));
        assert!(same_loopback("http://[::1]:8080", own));
        assert!(!same_loopback("http://localhost:8081", own));
        assert!(!same_loopback("https://localhost:8080", own));
        assert!(!same_loopback("http://evil.test:8080", own));
        assert!(!same_loopback("http://localhost.evil.test:8080", own));
        assert!(!same_loopback(
            "http://localhost:8080",
            "http://roster.example:8080"
        ));
    }
}
