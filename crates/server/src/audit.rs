//! The audit log: every change, written in the same transaction as the change itself, with its
//! actor, account, target, action, and the state before and after.

use crate::error::PROBLEM;
use crate::error::{AppError, Problem, Refused};
use crate::extract::{CurrentUser, Path, Query};
use crate::state::AppState;
use crate::store::{self, Tx};
use axum::extract::State;
use roster_api::audit::{AuditPage, AuditQuery};
use serde_json::Value;

/// One change to record.
#[derive(Debug, Default)]
pub struct Entry {
    pub actor_id: Option<i64>,
    pub account_id: Option<i64>,
    pub target_user_id: Option<i64>,
    pub target_group_id: Option<i64>,
    pub action: &'static str,
    pub before: Option<Value>,
    pub after: Option<Value>,
    /// For a person-wide change written to the log of another of the person's accounts: the
    /// account it was made from.
    pub origin_account_id: Option<i64>,
}

impl Entry {
    /// A change the system made on its own (a lockout, its expiry).
    pub fn system(user_id: i64, action: &'static str) -> Entry {
        Entry {
            target_user_id: Some(user_id),
            action,
            ..Entry::default()
        }
    }
}

/// Writes `entry` inside the caller's transaction.
pub async fn record(tx: &mut Tx<'_>, entry: Entry) -> Result<(), AppError> {
    store::audit::insert(tx, &entry.stored(crate::clock::now().unix_seconds())).await
}

/// Writes `entries`, in their order, inside the caller's transaction, in one statement.
pub async fn record_many(tx: &mut Tx<'_>, entries: Vec<Entry>) -> Result<(), AppError> {
    let at = crate::clock::now().unix_seconds();
    let new: Vec<store::audit::NewEntry<'_>> =
        entries.iter().map(|entry| entry.stored(at)).collect();
    store::audit::insert_many(tx, &new).await
}

/// The membership fields of a user snapshot: another account's log keeps only the person.
const MEMBERSHIP_FIELDS: [&str; 5] = ["role", "group", "group_name", "licensed", "authorities"];

/// Writes a person-wide change: `entry` in its own account, and in each of `others` (the
/// person's other accounts) the same change with the person's details only, naming the account
/// it was made from. Every account the person belongs to sees what was done to their login.
pub async fn record_person(tx: &mut Tx<'_>, entry: Entry, others: &[i64]) -> Result<(), AppError> {
    let person_only = |value: &Option<Value>| {
        value.clone().map(|mut v| {
            if let Some(map) = v.as_object_mut() {
                for field in MEMBERSHIP_FIELDS {
                    map.remove(field);
                }
            }
            v
        })
    };
    for &account in others.iter().filter(|a| Some(**a) != entry.account_id) {
        let copy = Entry {
            actor_id: entry.actor_id,
            account_id: Some(account),
            target_user_id: entry.target_user_id,
            target_group_id: None,
            action: entry.action,
            before: person_only(&entry.before),
            after: person_only(&entry.after),
            origin_account_id: entry.account_id,
        };
        record(tx, copy).await?;
    }
    record(tx, entry).await
}

/// Writes the audit entries of a refused attempt (an answer carrying [`Refused`]), after the
/// handler's own transaction was rolled back: action `refused`, the code and the change asked
/// for, in each account the attempt concerns. A failure to write is logged; the answer stands.
pub async fn refusals(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let response = next.run(request).await;
    if let Some(refused) = response.extensions().get::<Refused>()
        && let Err(err) = record_refusals(&state, std::slice::from_ref(refused)).await
    {
        tracing::error!(?err, "cannot audit a refused attempt");
    }
    response
}

/// Writes the audit entries of refused attempts, in a transaction of their own.
pub async fn record_refusals(state: &AppState, refusals: &[Refused]) -> Result<(), AppError> {
    if refusals.is_empty() {
        return Ok(());
    }
    let mut tx = crate::store::begin_write(&state.db).await?;
    for refused in refusals {
        record_refusal(&mut tx, refused).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn record_refusal(tx: &mut Tx<'_>, refused: &Refused) -> Result<(), AppError> {
    let origin = refused.accounts.first().copied();
    for &account in &refused.accounts {
        let entry = Entry {
            actor_id: Some(refused.actor),
            account_id: Some(account),
            target_user_id: refused.target_user,
            target_group_id: refused.target_group,
            action: "refused",
            before: None,
            after: Some(serde_json::json!({
                "code": refused.code.as_str(),
                "change": refused.change,
            })),
            origin_account_id: origin.filter(|o| *o != account),
        };
        record(tx, entry).await?;
    }
    Ok(())
}

/// `GET /api/v1/accounts/{account}/audit`: the newest entries first, filterable.
#[utoipa::path(
    get,
    path = "/accounts/{account}/audit",
    operation_id = "list_audit",
    tag = "audit",
    params(("account" = i64, Path, description = "The account's id."), AuditQuery),
    responses(
        (status = 200, description = "The newest entries first.", body = AuditPage),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account.", body = Problem,
            content_type = PROBLEM),
        (status = 404, description = "No such account, or not one of mine.", body = Problem,
            content_type = PROBLEM),
        (status = 422, description = "A query parameter that cannot be read, or `to` before \
            `from`; `request.invalid_query`.", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(account): Path<i64>,
    Query(q): Query<AuditQuery>,
) -> Result<axum::Json<AuditPage>, AppError> {
    crate::accounts::require_admin(&state, user.id, account).await?;
    if let (Some(from), Some(to)) = (q.from, q.to)
        && to < from
    {
        return Err(AppError::query("to"));
    }
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let mut conn = state.db.acquire().await?;
    let items = crate::store::audit::page(&mut conn, account, &q, limit).await?;
    Ok(axum::Json(AuditPage { items }))
}

impl Entry {
    /// The entry as the store writes it, at `at`.
    fn stored(&self, at: i64) -> store::audit::NewEntry<'_> {
        store::audit::NewEntry {
            at,
            actor_id: self.actor_id,
            account_id: self.account_id,
            target_user_id: self.target_user_id,
            target_group_id: self.target_group_id,
            action: self.action,
            before: self.before.as_ref(),
            after: self.after.as_ref(),
            origin_account_id: self.origin_account_id,
        }
    }
}
