//! `GET /accounts/{account}/users`: search as you type, filters, sort, pages with the total.

use crate::error::{AppError, FieldError};
use crate::extract::{CurrentUser, Path, Query};
use crate::{AppState, accounts, search};
use axum::extract::State;
use roster_domain::ErrorCode;
use roster_domain::lifecycle::UserState;
use serde::{Deserialize, Serialize};

/// The filters, sort and page of a search.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Matches first and last name, email and username, ignoring case and accents.
    pub q: Option<String>,
    pub state: Option<String>,
    /// A group id.
    pub group: Option<i64>,
    pub role: Option<String>,
    pub licensed: Option<bool>,
    /// `name`, `email`, `state`, `created`; a leading `-` sorts descending.
    pub sort: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// One row of the list.
#[derive(Debug, Serialize, sqlx::FromRow)]
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
}

/// A page of users and the total matching.
#[derive(Debug, Serialize)]
pub struct ListPage {
    pub items: Vec<ListItem>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// Largest page size a client may ask for.
const MAX_PER_PAGE: i64 = 100;

fn invalid(field: &str) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, ErrorCode::RequestInvalidQuery)])
}

/// The `ORDER BY` of a sort parameter, from a fixed list (never text from the request).
fn order_by(sort: Option<&str>) -> Result<&'static str, AppError> {
    Ok(match sort.unwrap_or("name") {
        "name" => "u.last_name COLLATE NOCASE, u.first_name COLLATE NOCASE, u.id",
        "-name" => "u.last_name COLLATE NOCASE DESC, u.first_name COLLATE NOCASE DESC, u.id DESC",
        "email" => "u.email COLLATE NOCASE, u.id",
        "-email" => "u.email COLLATE NOCASE DESC, u.id DESC",
        "state" => "u.state, u.last_name COLLATE NOCASE, u.id",
        "-state" => "u.state DESC, u.last_name COLLATE NOCASE, u.id",
        "created" => "u.created_at, u.id",
        "-created" => "u.created_at DESC, u.id DESC",
        _ => return Err(invalid("sort")),
    })
}

/// `GET /api/v1/accounts/{account}/users`.
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(account): Path<i64>,
    Query(q): Query<ListQuery>,
) -> Result<axum::Json<ListPage>, AppError> {
    accounts::require_admin(&state, user.id, account).await?;
    if q.state.as_deref().is_some_and(|s| !UserState::ALL.iter().any(|st| st.as_str() == s)) {
        return Err(invalid("state"));
    }
    if q.role
        .as_deref()
        .is_some_and(|r| r != "admin" && r != "user")
    {
        return Err(invalid("role"));
    }
    let order = order_by(q.sort.as_deref())?;
    let per_page = q.per_page.unwrap_or(25);
    let page = q.page.unwrap_or(1);
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        return Err(invalid("per_page"));
    }
    if page < 1 {
        return Err(invalid("page"));
    }
    let pattern =
        q.q.as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(search::like_pattern);

    let filter =
        "FROM memberships m JOIN users u ON u.id = m.user_id JOIN groups g ON g.id = m.group_id
         WHERE m.account_id = ?1
           AND (?2 IS NULL OR u.search LIKE ?2 ESCAPE '\\')
           AND (?3 IS NULL OR u.state = ?3)
           AND (?4 IS NULL OR m.group_id = ?4)
           AND (?5 IS NULL OR m.role = ?5)
           AND (?6 IS NULL OR m.licensed = ?6)";
    let (total,): (i64,) = sqlx::query_as(&format!("SELECT count(*) {filter}"))
        .bind(account)
        .bind(&pattern)
        .bind(&q.state)
        .bind(q.group)
        .bind(&q.role)
        .bind(q.licensed)
        .fetch_one(&state.db)
        .await?;
    let items = sqlx::query_as(&format!(
        "SELECT u.id, u.username, u.email, u.first_name, u.last_name, u.state, m.role,
                m.group_id AS \"group\", g.name AS group_name, m.licensed
         {filter} ORDER BY {order} LIMIT ?7 OFFSET ?8"
    ))
    .bind(account)
    .bind(&pattern)
    .bind(&q.state)
    .bind(q.group)
    .bind(&q.role)
    .bind(q.licensed)
    .bind(per_page)
    .bind((page - 1) * per_page)
    .fetch_all(&state.db)
    .await?;
    Ok(axum::Json(ListPage {
        items,
        total,
        page,
        per_page,
    }))
}
