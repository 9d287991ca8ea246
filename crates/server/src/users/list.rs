//! `GET /accounts/{account}/users`: search as you type, filters, sort, pages with the total.

use crate::error::{AppError, FieldError, Problem};
use crate::extract::{CurrentUser, Path, Query};
use crate::openapi::PROBLEM;
use crate::search::{Filter, Page, Sort};
use crate::{AppState, accounts, search};
use axum::extract::State;
use roster_domain::ErrorCode;
use roster_domain::lifecycle::UserState;
use roster_domain::values::{Email, check_approved};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The filters, sort and page of a search.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Matches first and last name, email and username, ignoring case and accents.
    pub q: Option<String>,
    /// `staged`, `invited`, `active`, `suspended`, `locked` or `deprovisioned`.
    pub state: Option<String>,
    /// A group id.
    pub group: Option<i64>,
    /// `admin` or `user`.
    pub role: Option<String>,
    pub licensed: Option<bool>,
    /// `name`, `email`, `state`, `created`; a leading `-` sorts descending.
    pub sort: Option<String>,
    /// From 1 (the default).
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// 1 to 100; 25 when absent.
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<i64>,
}

/// One row of the list.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ListItem {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub state: String,
    pub role: String,
    pub group: i64,
    pub group_name: String,
    pub licensed: bool,
    /// When the activation link stops working (Unix seconds), while one is out: an invited
    /// user past it shows as "Invitation expired".
    pub invitation_expires_at: Option<i64>,
    /// The email is outside the account's approved domains (added before the list changed):
    /// flagged, never deleted.
    #[sqlx(skip)]
    pub outside_approved_domains: bool,
}

/// A page of users and the total matching.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ListPage {
    pub items: Vec<ListItem>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// Largest page size a client may ask for.
const MAX_PER_PAGE: i64 = 100;

/// A query parameter out of its values, named.
pub(crate) fn invalid(field: &str) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, ErrorCode::RequestInvalidQuery)])
}

/// The order of a sort parameter: a name from a fixed list, a leading `-` reversing it.
fn sort_of(sort: Option<&str>) -> Result<(Sort, bool), AppError> {
    let sort = sort.unwrap_or("name");
    let (name, descending) = match sort.strip_prefix('-') {
        Some(name) => (name, true),
        None => (sort, false),
    };
    let by = match name {
        "name" => Sort::Name,
        "email" => Sort::Email,
        "state" => Sort::State,
        "created" => Sort::Created,
        _ => return Err(invalid("sort")),
    };
    Ok((by, descending))
}

/// `GET /api/v1/accounts/{account}/users`.
#[utoipa::path(
    get,
    path = "/accounts/{account}/users",
    operation_id = "list_users",
    tag = "users",
    params(("account" = i64, Path, description = "The account's id."), ListQuery),
    responses(
        (status = 200, description = "A page of the matching members, and their total.",
            body = ListPage),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account.", body = Problem,
            content_type = PROBLEM),
        (status = 404, description = "No such account, or not one of mine.", body = Problem,
            content_type = PROBLEM),
        (status = 422, description = "A filter, sort or page out of its values; the parameter \
            is named in `errors`.", body = Problem, content_type = PROBLEM),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(account): Path<i64>,
    Query(q): Query<ListQuery>,
) -> Result<axum::Json<ListPage>, AppError> {
    accounts::require_admin(&state, user.id, account).await?;
    let filter = Filter {
        text: q.q.as_deref().map(search::fold).and_then(|t| {
            let t = t.trim();
            (!t.is_empty()).then(|| t.to_owned())
        }),
        state: match q.state.as_deref() {
            None => None,
            Some(s) => Some(
                UserState::ALL
                    .into_iter()
                    .find(|st| st.as_str() == s)
                    .ok_or_else(|| invalid("state"))?,
            ),
        },
        group: q.group,
        admin: match q.role.as_deref() {
            None => None,
            Some("admin") => Some(true),
            Some("user") => Some(false),
            Some(_) => return Err(invalid("role")),
        },
        licensed: q.licensed,
    };
    let (sort, descending) = sort_of(q.sort.as_deref())?;
    let per_page = q.per_page.unwrap_or(25);
    let page = q.page.unwrap_or(1);
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        return Err(invalid("per_page"));
    }
    if page < 1 {
        return Err(invalid("page"));
    }
    let skip = usize::try_from((page - 1).saturating_mul(per_page)).unwrap_or(usize::MAX);
    let found = state
        .search
        .find(
            &state.db,
            account,
            &filter,
            Page {
                sort,
                descending,
                skip,
                take: per_page as usize,
            },
        )
        .await?;

    // The page's rows, read by id and put back in the index's order.
    let ids = serde_json::to_string(&found.ids).map_err(|e| AppError::Internal(e.to_string()))?;
    let rows: Vec<ListItem> = sqlx::query_as(
        "SELECT u.id, u.username, u.email, u.first_name, u.last_name, u.state, m.role,
                m.group_id AS \"group\", g.name AS group_name, m.licensed,
                (SELECT t.expires_at FROM tokens t
                 WHERE t.user_id = u.id AND t.purpose = 'activation') AS invitation_expires_at
         FROM memberships m JOIN users u ON u.id = m.user_id JOIN groups g ON g.id = m.group_id
         WHERE m.account_id = ?1 AND m.user_id IN (SELECT value FROM json_each(?2))",
    )
    .bind(account)
    .bind(ids)
    .fetch_all(&state.db)
    .await?;
    let approved = accounts::approved_domains(&mut *state.db.acquire().await?, account).await?;
    let mut rows: HashMap<i64, ListItem> = rows
        .into_iter()
        .map(|mut r| {
            r.outside_approved_domains = Email::parse(&r.email)
                .map_or(true, |email| check_approved(&email, &approved).is_err());
            (r.id, r)
        })
        .collect();
    let items = found.ids.iter().filter_map(|id| rows.remove(id)).collect();
    Ok(axum::Json(ListPage {
        items,
        total: found.total as i64,
        page,
        per_page,
    }))
}
