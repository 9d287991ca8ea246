//! The OpenAPI 3.1 document of the API, served at `GET /api/v1/openapi.json`, and the liveness
//! check `GET /api/v1/health` beside it.
//!
//! It is derived from the `#[utoipa::path]` annotations on the handlers and the `ToSchema` /
//! `IntoParams` derives on their request and response types, so it changes with the code. Paths
//! are written as the routes are (relative to `/api/v1`, the one server listed); the test in
//! `tests/api/openapi.rs` holds the list of routes and fails when the two drift apart.

use crate::error::{PROBLEM, Problem};
use crate::{
    accounts, activation, audit, auth, embed, groups, import, invitations, join, licences, me,
    outbox, passwords, settings, users,
};
use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::link::LinkBuilder;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::{Content, OpenApi as Document, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{Modify, OpenApi, ToSchema};

/// The name of the session-cookie security scheme (`security(("session" = []))` above).
const SESSION: &str = "session";

#[derive(Debug, OpenApi)]
#[openapi(
    info(
        title = "Roster API",
        version = env!("CARGO_PKG_VERSION"),
        description = "User administration: accounts, their users and groups, and the audit log. \
            Every error answers `application/problem+json` with a stable `code`."
    ),
    servers((url = "/api/v1")),
    paths(
        health,
        document,
        auth::sign_in,
        auth::sign_out,
        me::details::show,
        me::details::update,
        me::email::change,
        me::email::confirm,
        me::security::challenge,
        me::security::authorization_number,
        me::security::pin_check,
        me::sessions::list,
        me::sessions::end_one,
        me::sessions::end_others,
        me::activity::activity,
        me::joins::list,
        me::joins::accept,
        me::joins::decline,
        accounts::list,
        settings::read,
        settings::update,
        licences::assign,
        licences::release,
        licences::transfer,
        audit::list,
        users::list::list,
        users::create::create,
        users::read::read,
        users::update::update,
        users::actions::delete_for_good,
        users::actions::act,
        users::memberships::add,
        users::memberships::remove,
        groups::list,
        groups::write::create,
        groups::show,
        groups::write::update,
        groups::write::remove,
        invitations::invite,
        invitations::revoke,
        invitations::list,
        join::link::check,
        join::link::accept,
        join::link::decline,
        join::list,
        join::cancel,
        activation::check_link,
        activation::activate,
        passwords::temporary,
        passwords::own::change_own,
        passwords::reset::request_reset,
        passwords::reset::check_reset,
        passwords::reset::complete_reset,
        outbox::mailbox::list,
        import::lookup::lookup,
        import::chunk::create,
        import::export::export,
        embed::keys::list,
        embed::keys::create,
        embed::keys::revoke,
        embed::handover::token,
        embed::handover::session,
    ),
    components(schemas(Problem)),
    security(("session" = []), ("embedded_session" = [])),
    modifiers(&Conventions),
    tags(
        (name = "meta", description = "The server itself."),
        (name = "session", description = "Signing in and out; who I am."),
        (name = "accounts", description = "The accounts I belong to."),
        (name = "users", description = "Users of an account and their lifecycle."),
        (name = "groups", description = "Groups of an account and their policies."),
        (name = "audit", description = "The audit log of an account."),
        (name = "invitations", description = "Inviting users to activate their accounts."),
        (name = "join requests", description = "Existing logins asked to join an account, who \
            accept or decline by an emailed link."),
        (name = "activation", description = "Activating an account from an invitation link."),
        (name = "passwords", description = "Temporary passwords, changing mine, and resets."),
        (name = "licences", description = "Licence seats: assign, release, transfer."),
        (name = "imports", description = "Importing users from CSV, and exporting them."),
        (name = "mailbox", description = "The local mailbox, while SMTP is not configured."),
        (name = "embedding", description = "Embedding Roster in a portal: portal keys, and a \
            person's session handed over to an iframe without a cookie. An embedded session is \
            sent as `Authorization: Bearer` (the `embedded_session` scheme) instead of the \
            cookie, wherever the cookie is taken; it acts in its one account only, and anything \
            else answers 404."),
    )
)]
struct ApiDoc;

/// What the annotations cannot say once for all: the session cookie every operation needs unless
/// it says otherwise, and every answer that comes from a rule shared by many operations rather
/// than from the handler itself. Each is added where the annotation has not said it already, so
/// that the document lists every status an operation can answer (and no `default`, which would
/// let any status pass for documented):
///
/// - 401 and 403 (`auth.password_change_required`) where a session is needed;
/// - 403 (`request.cross_origin`) on every unsafe method;
/// - 404 where the path names something;
/// - 400, 413, 415 and 422 where a JSON body is read, 422 where query parameters are;
/// - 412 and 428 where `If-Match` is taken, whose values are entity tags (never `*`);
/// - 429 with `Retry-After` on the operations that are throttled;
/// - 408 and 500 everywhere.
#[derive(Debug)]
struct Conventions;

/// The operations that answer 429 once a client tries too often (`auth.throttled`): those that
/// take a password or a single-use link's token, which could be guessed, and the minting of an
/// embedded session's token, which each portal key may do at a pace (`crate::throttle`).
const THROTTLED: &[&str] = &[
    "sign_in",
    "change_my_password",
    "change_my_email",
    "confirm_my_email",
    "set_my_challenge",
    "new_authorization_number",
    "check_pin",
    "request_password_reset",
    "check_password_reset",
    "complete_password_reset",
    "check_activation",
    "activate",
    "check_join_request",
    "accept_join_request",
    "decline_join_request",
    "create_embed_token",
];

/// The operations a session may still use while its password must be changed.
const OPEN_BEFORE_PASSWORD_CHANGE: &[&str] = &["change_my_password", "sign_out"];

/// A list of entity tags (RFC 9110, 8.8.3), as `If-Match` takes them: `"3"`, `W/"3"`, or several
/// separated by commas. `*` is not one: it would match any version, and is answered 428.
const ENTITY_TAGS: &str = r#"^(W/)?"[!#-~]*"( *, *(W/)?"[!#-~]*")*$"#;

/// One reason for a status, and the word that tells an annotation already gave it.
struct Reason {
    status: &'static str,
    keyword: &'static str,
    text: &'static str,
}

impl Modify for Conventions {
    fn modify(&self, doc: &mut Document) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "portal_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A portal key's secret (`POST /accounts/{account}/embed-keys`), sent by \
                         the portal's back end.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "embedded_session",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An embedded session (`POST /embed/sessions`): taken wherever the cookie \
                         is, in its one account only.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            SESSION,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::session::SESSION_COOKIE,
                "The HttpOnly cookie `POST /session` sets.",
            ))),
        );
        for item in doc.paths.paths.values_mut() {
            let operations = [
                (false, &mut item.get),
                (true, &mut item.post),
                (true, &mut item.put),
                (true, &mut item.patch),
                (true, &mut item.delete),
            ];
            for (unsafe_method, operation) in operations {
                if let Some(operation) = operation {
                    conventions(operation, unsafe_method);
                    versions(operation);
                }
            }
        }
    }
}

/// The operations that change a resource read by an answer with an ETag: `(answer, change,
/// parameters the change takes from the answer's request)`; the ETag becomes `If-Match`.
const VERSIONED: &[(&str, &str, &[&str])] = &[
    ("read_user", "update_user", &["account", "user"]),
    ("read_user", "act_on_user", &["account", "user"]),
    ("read_user", "invite_user", &["account", "user"]),
    ("read_user", "revoke_invitation", &["account", "user"]),
    ("read_group", "update_group", &["account", "group"]),
    ("read_account", "update_account", &["account"]),
    ("me", "update_me", &[]),
];

/// Links from an answer carrying an ETag to the changes that take it back in `If-Match` (OpenAPI
/// 3.1, 4.8.20): a client, or a tool exploring the API, finds how to change what it just read.
fn versions(operation: &mut Operation) {
    let Some(id) = operation.operation_id.as_deref() else {
        return;
    };
    let Some(RefOr::T(ok)) = operation.responses.responses.get_mut("200") else {
        return;
    };
    for (_, change, parameters) in VERSIONED.iter().filter(|(from, ..)| *from == id) {
        // utoipa 5.5 writes `Link::operation_id` as `operation_id`, which OpenAPI does not know:
        // the field stays empty (and unwritten), and the name is written as OpenAPI spells it.
        let target = Extensions::from_iter([("operationId", *change)]);
        let mut link = LinkBuilder::new()
            .extensions(Some(target))
            .description(format!("`{change}` this, as of the version read."))
            .parameter("header.If-Match", "$response.header.ETag");
        for name in *parameters {
            link = link.parameter(format!("path.{name}"), format!("$request.path.{name}"));
        }
        ok.links.insert((*change).to_owned(), link.build().into());
    }
}

/// Adds the shared answers to one operation.
fn conventions(operation: &mut Operation, unsafe_method: bool) {
    let id = operation.operation_id.clone().unwrap_or_default();
    let public = operation
        .security
        .as_ref()
        .is_some_and(|s| s.iter().all(|r| *r == SecurityRequirement::default()));
    // Taken with a portal key, not a person's session: no password to change.
    let keyed = operation.security.as_ref().is_some_and(|s| {
        s.iter()
            .any(|r| *r == SecurityRequirement::new("portal_key", Vec::<String>::new()))
    });
    let parameters = operation.parameters.get_or_insert_with(Vec::new);
    let has = |place: ParameterIn| parameters.iter().any(|p| p.parameter_in == place);
    let (in_path, in_query) = (has(ParameterIn::Path), has(ParameterIn::Query));
    let mut if_match = false;
    for parameter in parameters.iter_mut() {
        if parameter.parameter_in == ParameterIn::Header && parameter.name == "If-Match" {
            if_match = true;
            parameter.schema = Some(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .pattern(Some(ENTITY_TAGS))
                    .into(),
            );
        }
    }
    if operation.parameters.as_ref().is_some_and(Vec::is_empty) {
        operation.parameters = None;
    }
    let body = operation.request_body.is_some();

    let mut reasons = Vec::new();
    let mut reason = |status, keyword, text| {
        reasons.push(Reason {
            status,
            keyword,
            text,
        })
    };
    if !public {
        reason(
            "401",
            "signed in",
            "Not signed in, or the session ended (`auth.unauthenticated`).",
        );
        if !keyed && !OPEN_BEFORE_PASSWORD_CHANGE.contains(&id.as_str()) {
            reason(
                "403",
                "password",
                "The session's password must be changed first (`auth.password_change_required`).",
            );
        }
    }
    if unsafe_method {
        reason(
            "403",
            "cross-origin",
            "A cross-origin request: an unsafe method needs this server's `Origin` \
             (`request.cross_origin`).",
        );
    }
    if in_path {
        reason(
            "404",
            "",
            "Nothing of that id here, or not mine to see (`request.not_found`).",
        );
    }
    if body {
        reason(
            "400",
            "",
            "The body is not JSON (`request.malformed_json`).",
        );
        reason(
            "413",
            "",
            "The body is larger than the server takes (`request.too_large`): 1 MB, more for an \
             import.",
        );
        reason(
            "415",
            "",
            "The body is not `application/json` (`request.unsupported_media_type`).",
        );
    }
    if body || in_query {
        reason(
            "422",
            "",
            "A field or parameter of the wrong type, out of its values, or unknown; named in \
             `errors`.",
        );
    }
    if if_match {
        reason(
            "412",
            "",
            "`If-Match` names no current version: someone changed it since (`request.stale`).",
        );
        reason(
            "428",
            "",
            "`If-Match` is missing, or `*` (`request.precondition_required`).",
        );
    }
    if THROTTLED.contains(&id.as_str()) {
        reason(
            "429",
            "",
            "Too many attempts: try again after `Retry-After` seconds (`auth.throttled`).",
        );
    }
    reason(
        "408",
        "",
        "The request was not read and answered within 30 seconds (`request.timeout`).",
    );
    reason(
        "500",
        "",
        "An error of the server's own; logged there, not described (`server.internal`).",
    );

    let responses = &mut operation.responses.responses;
    responses.remove("default");
    for Reason {
        status,
        keyword,
        text,
    } in reasons
    {
        match responses.get_mut(status) {
            // An annotation that says it already, in its own words, keeps them.
            Some(RefOr::T(response))
                if keyword.is_empty() || response.description.contains(keyword) => {}
            Some(RefOr::T(response)) => {
                response.description = format!("{} Or: {text}", response.description);
            }
            Some(RefOr::Ref(_)) => {}
            None => {
                responses.insert(status.to_owned(), problem(status, text).into());
            }
        }
    }
}

/// A problem answer.
fn problem(status: &str, description: &str) -> Response {
    let mut builder = ResponseBuilder::new().description(description).content(
        PROBLEM,
        Content::new(Some(Ref::from_schema_name(Problem::name()))),
    );
    if status == "429" {
        let seconds = ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(0));
        builder = builder.header(
            "Retry-After",
            HeaderBuilder::new()
                .schema(seconds)
                .description(Some("Seconds to wait before trying again."))
                .build(),
        );
    }
    builder.build()
}

/// `GET /api/v1/openapi.json`: this document.
#[utoipa::path(
    get,
    path = "/openapi.json",
    operation_id = "openapi",
    tag = "meta",
    security(()),
    responses((status = 200, description = "The OpenAPI document of this API.", body = Object))
)]
pub async fn document() -> axum::Json<Document> {
    axum::Json(ApiDoc::openapi())
}

/// Liveness: answers once the server accepts requests.
#[utoipa::path(
    get,
    path = "/health",
    operation_id = "health",
    tag = "meta",
    security(()),
    responses((
        status = 200,
        description = "The server accepts requests.",
        body = Object,
        example = json!({ "status": "ok" })
    ))
)]
pub(crate) async fn health() -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({ "status": "ok" }))
}
