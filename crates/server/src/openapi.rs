//! The OpenAPI 3.1 document of the API, served at `GET /api/v1/openapi.json`, and the liveness
//! check `GET /api/v1/health` beside it.
//!
//! It is derived from the `#[utoipa::path]` annotations on the handlers and the `ToSchema` /
//! `IntoParams` derives on their request and response types, so it changes with the code. Paths
//! are written as the routes are (relative to `/api/v1`, the one server listed); the test in
//! `tests/api/openapi.rs` holds the list of routes and fails when the two drift apart.

use crate::error::{PROBLEM, Problem};
use crate::{
    accounts, activation, audit, auth, groups, import, invitations, join, licences, outbox,
    passwords, settings, users,
};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{Content, OpenApi as Document, Ref, ResponseBuilder};
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
        auth::me,
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
    ),
    components(schemas(Problem)),
    security(("session" = [])),
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
    )
)]
struct ApiDoc;

/// What the annotations cannot say once for all: the session cookie every operation needs unless
/// it says otherwise, and that any other error is a problem too.
#[derive(Debug)]
struct Conventions;

impl Modify for Conventions {
    fn modify(&self, doc: &mut Document) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            SESSION,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::session::SESSION_COOKIE,
                "The HttpOnly cookie `POST /session` sets.",
            ))),
        );
        let other = ResponseBuilder::new()
            .description("Any other error, e.g. a malformed body (400), one not JSON (415), 500.")
            .content(
                PROBLEM,
                Content::new(Some(Ref::from_schema_name(Problem::name()))),
            )
            .build();
        for item in doc.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ];
            for operation in operations.into_iter().flatten() {
                let responses = &mut operation.responses.responses;
                responses.insert("default".to_owned(), other.clone().into());
            }
        }
    }
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
