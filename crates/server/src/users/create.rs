//! `POST /accounts/{account}/users`: adding a person to an account.

use super::model::{self, UserDetail};
use super::write::{bind_profile, check_domain, field_errors, group_of, with_etag};
use crate::error::{AppError, FieldError, Problem};
use crate::extract::{CurrentUser, Json, Path};
use crate::join::{self, Asked, JoinRequest};
use crate::openapi::PROBLEM;
use crate::{AppState, accounts, audit, guard, outbox};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use roster_domain::ErrorCode;
use roster_domain::authz::{Grants, Joining, decide_new_membership};
use roster_domain::profile::{Profile, ProfileDraft};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{Sqlite, Transaction};
use std::collections::BTreeMap;

/// `POST /accounts/{account}/users` body: the profile, and the membership in this account.
/// (The profile fields are listed rather than flattened: serde cannot refuse unknown fields
/// through `flatten`.)
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub email: String,
    pub username: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub language: Option<String>,
    pub identity_provider: Option<String>,
    pub exchange_domain: Option<String>,
    pub exchange_username: Option<String>,
    /// A group of this account; the default group when absent.
    pub group: Option<i64>,
    /// `admin` or `user` (the default).
    pub role: Option<String>,
    /// Authority kind → level, each one the acting admin may grant.
    #[schema(value_type = Option<Object>, example = json!({"records": "B"}))]
    pub authorities: Option<BTreeMap<String, String>>,
}

impl NewUser {
    fn draft(&self) -> ProfileDraft {
        ProfileDraft {
            email: self.email.clone(),
            username: self.username.clone(),
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            phone: self.phone.clone(),
            language: self.language.clone(),
            identity_provider: self.identity_provider.clone(),
            exchange_domain: self.exchange_domain.clone(),
            exchange_username: self.exchange_username.clone(),
        }
    }
}

pub(crate) fn role_of(role: Option<&str>) -> Result<&'static str, FieldError> {
    match role.unwrap_or("user") {
        "user" => Ok("user"),
        "admin" => Ok("admin"),
        _ => Err(FieldError::new("role", ErrorCode::RequestInvalidValue)),
    }
}

/// `POST /api/v1/accounts/{account}/users`: adds a person to the account, `staged`. A person who
/// already has a login (same username) joins at once when I manage them in every account they
/// belong to; otherwise they are asked by email, and the answer is the request (202).
#[utoipa::path(
    post,
    path = "/accounts/{account}/users",
    operation_id = "create_user",
    tag = "users",
    params(("account" = i64, Path, description = "The account's id.")),
    request_body = NewUser,
    responses(
        (status = 201, description = "The new member, `staged` when the person is new.",
            body = UserDetail, headers(("ETag" = String, description = "The user's version, for `If-Match`."))),
        (status = 202, description = "The person has a login in accounts where I may not manage \
            them: they were emailed a request to join, and appear once they accept.",
            body = JoinRequestAnswer),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account, not allowed by the \
            account's rules, or a cross-origin request.", body = Problem, content_type = PROBLEM),
        (status = 404, description = "No such account, or not one of mine.", body = Problem,
            content_type = PROBLEM),
        (status = 409, description = "Already a member of this account (`user.already_member`).",
            body = Problem, content_type = PROBLEM),
        (status = 422, description = "Invalid fields, one entry each in `errors` (an email \
            outside the approved domains, a group not of this account included).", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(account): Path<i64>,
    Json(body): Json<NewUser>,
) -> Result<Response, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let mut errors = Vec::new();
    let profile = body
        .draft()
        .check()
        .map_err(|issues| errors.extend(field_errors(issues)))
        .ok();
    let role = role_of(body.role.as_deref())
        .map_err(|e| errors.push(e))
        .ok();
    let (Some(profile), Some(role)) = (profile, role) else {
        return Err(AppError::Invalid(errors));
    };
    check_domain(&state, account, &profile.email).await?;
    let group = group_of(&state, account, body.group).await?;
    let now = crate::clock::now().unix_seconds();

    let mut tx = crate::db::begin_write(&state.db).await?;
    let policy = guard::policy(&mut tx, account).await?;
    let acting = guard::member(&mut tx, account, me.id).await?;
    let grants: Grants = body
        .authorities
        .clone()
        .unwrap_or_default()
        .into_iter()
        .collect();
    decide_new_membership(&policy, acting.as_ref(), &grants).map_err(|r| {
        let change = json!({ "change": "new_membership", "role": role, "authorities": grants });
        guard::refusal(&r, new_membership_attempt(me.id, account, change))
    })?;
    let joining = NewMembership {
        profile: &profile,
        role,
        group,
        grants: &grants,
        licensed: false,
    };
    let answer = match add_member(&mut tx, &state, account, me.id, joining, now).await? {
        Added::Created(detail) | Added::Joined(detail) => with_etag(StatusCode::CREATED, detail),
        Added::Requested(join_request) => (
            StatusCode::ACCEPTED,
            axum::Json(JoinRequestAnswer { join_request }),
        )
            .into_response(),
        Added::AlreadyMember => return Err(AppError::Conflict(ErrorCode::UserAlreadyMember)),
    };
    tx.commit().await?;
    outbox::wake(&state);
    Ok(answer)
}

/// The 202 answer: the request sent, and nothing of the person.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JoinRequestAnswer {
    pub join_request: JoinRequest,
}

/// A refused attempt to add someone to `account`, for the audit log.
pub(crate) fn new_membership_attempt(
    actor: i64,
    account: i64,
    change: serde_json::Value,
) -> guard::Attempt {
    guard::Attempt {
        actor,
        accounts: vec![account],
        target_user: None,
        target_group: None,
        change,
    }
}

/// A membership about to be made.
#[derive(Debug)]
pub(crate) struct NewMembership<'a> {
    pub profile: &'a Profile,
    /// `admin` or `user`.
    pub role: &'static str,
    pub group: i64,
    pub grants: &'a Grants,
    /// Holds a seat: the caller has checked one is free, in the same transaction.
    pub licensed: bool,
}

/// What adding a person made of them.
#[derive(Debug)]
pub(crate) enum Added {
    /// A new login, `staged`.
    Created(UserDetail),
    /// An existing login the actor manages everywhere, now a member here too.
    Joined(UserDetail),
    /// An existing login the actor may not manage everywhere: asked to join.
    Requested(JoinRequest),
    /// Already a member of this account.
    AlreadyMember,
}

/// Adds a person to `account` inside `tx` and audits it: a new login, `staged`, unless one has
/// the same username. That person joins at once when `actor` manages them in every account they
/// belong to, and is otherwise asked to join by email (with the membership asked for, and
/// without a seat until they accept).
pub(crate) async fn add_member(
    tx: &mut Transaction<'_, Sqlite>,
    state: &AppState,
    account: i64,
    actor: i64,
    joining: NewMembership<'_>,
    now: i64,
) -> Result<Added, AppError> {
    let grants =
        serde_json::to_string(joining.grants).map_err(|e| AppError::Internal(e.to_string()))?;
    let existing: Option<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE username_key = ?1")
        .bind(joining.profile.username.key())
        .fetch_optional(&mut **tx)
        .await?;
    let (id, action) = match existing {
        Some((id,)) => {
            let (member,): (bool,) = sqlx::query_as(
                "SELECT EXISTS (SELECT 1 FROM memberships WHERE account_id = ?1 AND user_id = ?2)",
            )
            .bind(account)
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
            if member {
                return Ok(Added::AlreadyMember);
            }
            if guard::joining(tx, actor, id).await? == Joining::WithConsent {
                let asked = Asked {
                    role: joining.role,
                    group: joining.group,
                    grants: joining.grants,
                    licensed: joining.licensed,
                };
                let typed = joining.profile.email.as_str();
                let request =
                    join::request(tx, state, account, actor, id, typed, asked, now).await?;
                return Ok(Added::Requested(request));
            }
            (id, "user.added_to_account")
        }
        None => {
            let insert = sqlx::query_as(
                "INSERT INTO users (username, username_key, email, first_name, last_name, phone, language,
                                    identity_provider, exchange_domain, exchange_username, search, state,
                                    created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'staged', ?12, ?12) RETURNING id",
            );
            let (id,): (i64,) = bind_profile(insert, joining.profile)
                .bind(now)
                .fetch_one(&mut **tx)
                .await?;
            (id, "user.created")
        }
    };
    sqlx::query(
        "INSERT INTO memberships (account_id, user_id, role, group_id, licensed, authorities, created_at)
         VALUES (?1, ?2, ?3, ?4, ?7, ?6, ?5)",
    )
    .bind(account)
    .bind(id)
    .bind(joining.role)
    .bind(joining.group)
    .bind(now)
    .bind(grants)
    .bind(joining.licensed)
    .execute(&mut **tx)
    .await?;
    if existing.is_some() {
        // A new membership changes what this user's resource shows: a new version.
        sqlx::query("UPDATE users SET version = version + 1, updated_at = ?2 WHERE id = ?1")
            .bind(id)
            .bind(now)
            .execute(&mut **tx)
            .await?;
    }
    let detail = model::load(tx, account, id, actor).await?;
    let entry = audit::Entry {
        actor_id: Some(actor),
        account_id: Some(account),
        target_user_id: Some(id),
        action,
        after: Some(model::snapshot(&detail)),
        ..audit::Entry::default()
    };
    audit::record(tx, entry).await?;
    Ok(if existing.is_some() {
        Added::Joined(detail)
    } else {
        Added::Created(detail)
    })
}
