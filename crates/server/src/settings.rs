//! An account's settings: seats bought, approved email domains, invitation lifetime, the origins
//! that may frame its embedded pages (`crate::embed`) and the authorization policy, read by every admin (with what they themselves may grant) and
//! changed with `If-Match`. Seats never go below those in use. Any of them changes only for an
//! admin holding the top level of every kind: they decide who may join, for how long a link
//! works, how many seats there are, which portals may frame the account and what every level
//! allows, none of which a delegate may widen.

use crate::error::PROBLEM;
use crate::error::{AppError, FieldError, Problem};
use crate::extract::{CurrentUser, Json, Path};
use crate::state::AppState;
use crate::store::{self, Conn};
use crate::{accounts, audit, etag, guard};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use roster_api::accounts::{AccountSettings, SettingsChanges};
use roster_domain::Coded;
use roster_domain::authz::{AuthzPolicy, grantable, may_change_policy};
use roster_domain::invitation::InvitationLifetime;
use roster_domain::seats::Seats;
use roster_domain::values::{ApprovedDomain, Language, check_origins};

/// The settings routes, under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new().route("/accounts/{account}", get(read).patch(update))
}

async fn load(conn: &mut Conn, account: i64, reader: i64) -> Result<AccountSettings, AppError> {
    let mut settings = store::accounts::settings(conn, account).await?;
    let me = guard::member(conn, account, reader).await?;
    settings.grantable = grantable(&settings.policy, me.as_ref());
    // An embedded session may not change them (`crate::embed::scope`), whoever it is of.
    settings.may_change_policy = may_change_policy(&settings.policy, me.as_ref()).is_ok()
        && crate::embed::scope::account().is_none();
    Ok(settings)
}

/// `GET /api/v1/accounts/{account}`: the settings, with an `ETag`.
#[utoipa::path(
    get,
    path = "/accounts/{account}",
    operation_id = "read_account",
    tag = "accounts",
    params(("account" = i64, Path, description = "The account's id.")),
    responses(
        (status = 200, description = "The account's settings.", body = AccountSettings,
            headers(("ETag" = String, description = "The account's version, for `If-Match`."))),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account.", body = Problem,
            content_type = PROBLEM),
        (status = 404, description = "Not my account.", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn read(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(account): Path<i64>,
) -> Result<Response, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let mut conn = state.db.acquire().await?;
    let settings = load(&mut conn, account, me.id).await?;
    Ok(etag::with_etag(StatusCode::OK, settings.version, settings))
}

/// `PATCH /api/v1/accounts/{account}` with `If-Match`.
#[utoipa::path(
    patch,
    path = "/accounts/{account}",
    operation_id = "update_account",
    tag = "accounts",
    params(
        ("account" = i64, Path, description = "The account's id."),
        ("If-Match" = String, Header, description = "The ETag the change is based on."),
    ),
    request_body = SettingsChanges,
    responses(
        (status = 200, description = "The changed settings.", body = AccountSettings,
            headers(("ETag" = String, description = "The account's new version."))),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator holding the top level of every \
            authority (`authz.policy_change_not_allowed`).", body = Problem,
            content_type = PROBLEM),
        (status = 404, description = "Not my account.", body = Problem, content_type = PROBLEM),
        (status = 409, description = "Fewer seats than are in use (`seats.below_used`).",
            body = Problem, content_type = PROBLEM),
        (status = 412, description = "Changed since that ETag.", body = Problem,
            content_type = PROBLEM),
        (status = 422, description = "A domain, lifetime, embedding origin or policy that is not \
            valid; each named in `errors` (`embedding_origins[2]`).", body = Problem,
            content_type = PROBLEM),
        (status = 428, description = "`If-Match` is missing.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(account): Path<i64>,
    headers: HeaderMap,
    Json(changes): Json<SettingsChanges>,
) -> Result<Response, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let precondition = etag::if_match(&headers)?;
    let mut tx = crate::store::begin_write(&state.db).await?;
    let before = load(&mut tx, account, me.id).await?;
    precondition.check(before.version)?;
    // Decided before the values are read: what is refused is the attempt, whatever it sent.
    let acting = guard::member(&mut tx, account, me.id).await?;
    may_change_policy(&before.policy, acting.as_ref()).map_err(|r| {
        let attempt = guard::Attempt {
            actor: me.id,
            accounts: vec![account],
            target_user: None,
            target_group: None,
            change: serde_json::json!({ "change": "account_settings" }),
        };
        guard::refusal(&r, attempt)
    })?;
    let mut errors = Vec::new();
    let domains = changes.approved_domains.as_ref().map(|list| {
        list.iter()
            .enumerate()
            .filter_map(|(i, d)| match ApprovedDomain::parse(d) {
                Ok(d) => Some(d),
                Err(e) => {
                    errors.push(FieldError::from_coded(
                        &format!("approved_domains[{i}]"),
                        &e,
                    ));
                    None
                }
            })
            .collect::<Vec<_>>()
    });
    let origins = match changes.embedding_origins.as_deref().map(check_origins) {
        None => None,
        Some(Ok(origins)) => Some(origins),
        Some(Err(refused)) => {
            errors.extend(refused.iter().map(|r| {
                FieldError::from_coded(&format!("embedding_origins[{}]", r.index), &r.error)
            }));
            None
        }
    };
    let language = changes.default_language.as_deref().and_then(|l| {
        Language::parse(l)
            .map_err(|e| errors.push(FieldError::from_coded("default_language", &e)))
            .ok()
    });
    let lifetime = changes.invitation_lifetime_hours.and_then(|h| {
        let hours = u32::try_from(h).unwrap_or(0);
        InvitationLifetime::from_hours(hours)
            .map_err(|e| errors.push(FieldError::from_coded("invitation_lifetime_hours", &e)))
            .ok()
    });
    let policy = match &changes.policy {
        Some(value) => match serde_json::from_value::<AuthzPolicy>(value.clone()) {
            Ok(policy) => Some(policy),
            Err(_) => {
                errors.push(FieldError::new(
                    "policy",
                    roster_domain::ErrorCode::AuthzPolicyInvalid,
                ));
                None
            }
        },
        None => None,
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let seats = match changes.seats {
        Some(n) => {
            let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
            let now = Seats::new(count(before.seats), count(before.seats_used))
                .map_err(|r| AppError::Conflict(r.code()))?;
            let bought = u32::try_from(n).map_err(|_| {
                AppError::Invalid(vec![FieldError::new(
                    "seats",
                    roster_domain::ErrorCode::RequestInvalidValue,
                )])
            })?;
            now.set_bought(bought)
                .map_err(|r| AppError::Conflict(r.code()))?;
            n
        }
        None => before.seats,
    };
    let domains = match domains {
        Some(list) => list.iter().map(|d| d.as_str().to_owned()).collect(),
        None => before.approved_domains.clone(),
    };
    let origins = match origins {
        Some(list) => list.iter().map(|o| o.as_str().to_owned()).collect(),
        None => before.embedding_origins.clone(),
    };
    let lifetime = lifetime.map_or(before.invitation_lifetime_hours, |l| i64::from(l.hours()));
    let policy = policy.as_ref().unwrap_or(&before.policy);
    let update = store::accounts::SettingsUpdate {
        seats,
        approved_domains: &domains,
        invitation_lifetime_hours: lifetime,
        embedding_origins: &origins,
        default_language: language.unwrap_or(before.default_language),
        policy,
    };
    store::accounts::update_settings(&mut tx, account, &update).await?;
    let after = load(&mut tx, account, me.id).await?;
    let snapshot = |s: &AccountSettings| {
        serde_json::json!({
            "seats": s.seats,
            "approved_domains": s.approved_domains,
            "invitation_lifetime_hours": s.invitation_lifetime_hours,
            "embedding_origins": s.embedding_origins,
            "default_language": s.default_language,
            "policy": s.policy,
        })
    };
    let entry = audit::Entry {
        actor_id: Some(me.id),
        account_id: Some(account),
        action: "account.updated",
        before: Some(snapshot(&before)),
        after: Some(snapshot(&after)),
        ..audit::Entry::default()
    };
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(etag::with_etag(StatusCode::OK, after.version, after))
}
