//! An account's portal keys: made, listed and revoked by the account's top administrators only
//! (those who may change its settings), since a key lets its holder act as any of the account's
//! people. The secret is shown once, when made; only its hash is kept ([`crate::secrets`]).

use crate::error::{AppError, PROBLEM, Problem};
use crate::extract::{CurrentUser, Json, Path};
use crate::secrets::{random_token, token_hash};
use crate::state::AppState;
use crate::store::{self, Conn};
use crate::{accounts, audit, clock, guard};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use roster_api::embed::{NewPortalKey, PortalKeyCreated, PortalKeyList};
use roster_domain::authz::may_change_policy;
use roster_domain::values::PortalKeyName;

/// What a key's secret starts with, so that it is recognised wherever it turns up (a log, a
/// repository) for what it is.
pub const SECRET_PREFIX: &str = "rpk_";

/// Requires that `actor`, an administrator of `account` ([`accounts::require_admin`], asked
/// first and on a connection of its own, before `conn` is taken), holds the top level of every
/// authority there (403 otherwise); a refused `change` is audited when `audited`.
async fn require_top_admin(
    conn: &mut Conn,
    actor: i64,
    account: i64,
    change: &str,
    audited: bool,
) -> Result<(), AppError> {
    let policy = guard::policy(conn, account).await?;
    let acting = guard::member(conn, account, actor).await?;
    may_change_policy(&policy, acting.as_ref()).map_err(|r| {
        if !audited {
            return guard::refused(&r);
        }
        let attempt = guard::Attempt {
            actor,
            accounts: vec![account],
            target_user: None,
            target_group: None,
            change: serde_json::json!({ "change": change }),
        };
        guard::refusal(&r, attempt)
    })
}

/// `GET /api/v1/accounts/{account}/embed-keys`: the account's portal keys, without secrets.
#[utoipa::path(
    get,
    path = "/accounts/{account}/embed-keys",
    operation_id = "list_embed_keys",
    tag = "embedding",
    params(("account" = i64, Path, description = "The account's id.")),
    responses(
        (status = 200, description = "The account's keys, newest first.", body = PortalKeyList),
        (status = 403, description = "Not an administrator holding the top level of every \
            authority (`authz.not_admin`, `authz.policy_change_not_allowed`).", body = Problem,
            content_type = PROBLEM),
        (status = 404, description = "Not my account, or an embedded session.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(account): Path<i64>,
) -> Result<axum::Json<PortalKeyList>, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let mut conn = state.db.acquire().await?;
    require_top_admin(&mut conn, me.id, account, "embed_keys", false).await?;
    let items = store::embed::keys_of(&mut conn, account).await?;
    Ok(axum::Json(PortalKeyList { items }))
}

/// `POST /api/v1/accounts/{account}/embed-keys`: makes a key; its secret is in this answer only.
#[utoipa::path(
    post,
    path = "/accounts/{account}/embed-keys",
    operation_id = "create_embed_key",
    tag = "embedding",
    params(("account" = i64, Path, description = "The account's id.")),
    request_body = NewPortalKey,
    responses(
        (status = 201, description = "The key, with its secret shown this once.",
            body = PortalKeyCreated),
        (status = 403, description = "Not an administrator holding the top level of every \
            authority (`authz.not_admin`, `authz.policy_change_not_allowed`); audited.",
            body = Problem, content_type = PROBLEM),
        (status = 404, description = "Not my account, or an embedded session.", body = Problem,
            content_type = PROBLEM),
        (status = 422, description = "A name that is empty, too long or holds control \
            characters (`portal_key_name.*`), in `errors`.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(account): Path<i64>,
    Json(body): Json<NewPortalKey>,
) -> Result<Response, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let mut tx = store::begin_write(&state.db).await?;
    require_top_admin(&mut tx, me.id, account, "embed_key.create", true).await?;
    let name = PortalKeyName::parse(&body.name).map_err(|e| AppError::field("name", &e))?;
    let secret = format!("{SECRET_PREFIX}{}", random_token()?);
    let now = clock::now().unix_seconds();
    let id = store::embed::insert_key(
        &mut tx,
        account,
        name.as_str(),
        &token_hash(&secret),
        Some(me.id),
        now,
    )
    .await?;
    let entry = audit::Entry {
        actor_id: Some(me.id),
        account_id: Some(account),
        action: "embed_key.created",
        after: Some(serde_json::json!({ "id": id, "name": name.as_str() })),
        ..audit::Entry::default()
    };
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    let created = PortalKeyCreated {
        id,
        name: name.into(),
        secret,
    };
    Ok((StatusCode::CREATED, axum::Json(created)).into_response())
}

/// `DELETE /api/v1/accounts/{account}/embed-keys/{key}`: revokes a key. The tokens it minted stop
/// working and the sessions opened with them end.
#[utoipa::path(
    delete,
    path = "/accounts/{account}/embed-keys/{key}",
    operation_id = "revoke_embed_key",
    tag = "embedding",
    params(
        ("account" = i64, Path, description = "The account's id."),
        ("key" = i64, Path, description = "The key's id."),
    ),
    responses(
        (status = 204, description = "Revoked."),
        (status = 403, description = "Not an administrator holding the top level of every \
            authority (`authz.not_admin`, `authz.policy_change_not_allowed`); audited.",
            body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such key in my account, or an embedded session.",
            body = Problem, content_type = PROBLEM),
    )
)]
pub async fn revoke(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((account, key)): Path<(i64, i64)>,
) -> Result<StatusCode, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let mut tx = store::begin_write(&state.db).await?;
    require_top_admin(&mut tx, me.id, account, "embed_key.revoke", true).await?;
    let revoked = store::embed::key(&mut tx, account, key)
        .await?
        .ok_or(AppError::NotFound)?;
    store::embed::delete_key(&mut tx, account, key).await?;
    let entry = audit::Entry {
        actor_id: Some(me.id),
        account_id: Some(account),
        action: "embed_key.revoked",
        before: Some(serde_json::json!({ "id": revoked.id, "name": revoked.name })),
        ..audit::Entry::default()
    };
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
