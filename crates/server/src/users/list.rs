//! `GET /accounts/{account}/users`: search as you type, filters, sort, pages with the total.

use crate::error::{AppError, FieldError, Problem};
use crate::extract::{CurrentUser, Path, Query};
use crate::openapi::PROBLEM;
use crate::{AppState, accounts, search};
use axum::extract::State;
use roster_domain::ErrorCode;
use roster_domain::lifecycle::UserState;
use serde::{Deserialize, Serialize};

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
}

/// A page of users and the total matching.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ListPage {
    pub items: Vec<ListItem>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// A value bound to a `?` of the search.
enum Bind {
    Int(i64),
    Text(String),
}

/// A query whose result rows are `O`.
type SqlQuery<'q, O> = sqlx::query::QueryAs<'q, sqlx::Sqlite, O, sqlx::sqlite::SqliteArguments<'q>>;

impl Bind {
    fn bind_to<'q, O>(&self, query: SqlQuery<'q, O>) -> SqlQuery<'q, O> {
        match self {
            Bind::Int(v) => query.bind(*v),
            Bind::Text(v) => query.bind(v.clone()),
        }
    }
}

/// From this many matches on, a page sorted by name is read in name order (see `list`).
const DENSE: i64 = 2_000;

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
    if q.state
        .as_deref()
        .is_some_and(|s| !UserState::ALL.iter().any(|st| st.as_str() == s))
    {
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
    let text =
        q.q.as_deref()
            .map(search::fold)
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty());

    // The conditions, each a fixed fragment; the values are bound in the same order.
    let mut on_users = Vec::new();
    let mut on_members = vec!["m.account_id = ?"];
    let mut binds: Vec<Bind> = vec![Bind::Int(account)];
    let mut user_binds: Vec<Bind> = Vec::new();
    if let Some(text) = &text {
        if text.chars().count() >= search::TRIGRAM {
            on_users.push("u.id IN (SELECT rowid FROM users_fts WHERE users_fts MATCH ?)");
            user_binds.push(Bind::Text(search::fts_phrase(text)));
        } else {
            on_users.push("instr(u.search, ?) > 0");
            user_binds.push(Bind::Text(text.clone()));
        }
    }
    if let Some(s) = &q.state {
        on_users.push("u.state = ?");
        user_binds.push(Bind::Text(s.clone()));
    }
    if let Some(g) = q.group {
        on_members.push("m.group_id = ?");
        binds.push(Bind::Int(g));
    }
    if let Some(r) = &q.role {
        on_members.push("m.role = ?");
        binds.push(Bind::Text(r.clone()));
    }
    if let Some(l) = q.licensed {
        on_members.push("m.licensed = ?");
        binds.push(Bind::Int(i64::from(l)));
    }
    binds.extend(user_binds);
    let conditions: Vec<&str> = on_members.iter().chain(on_users.iter()).copied().collect();
    let filter = conditions.join(" AND ");

    // Without a condition on the person, the members alone give the total.
    let count_sql = if on_users.is_empty() {
        format!("SELECT count(*) FROM memberships m WHERE {filter}")
    } else {
        format!(
            "SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id WHERE {filter}"
        )
    };
    let mut count = sqlx::query_as::<_, (i64,)>(&count_sql);
    for b in &binds {
        count = b.bind_to(count);
    }
    let (total,) = count.fetch_one(&state.db).await?;

    // When most members match and the page is sorted by name, walk the name index and stop
    // after the page rather than sort them all; otherwise let SQLite start from the matches
    // (the trigram index) and sort those. Matches clustered in name order (a surname) would make
    // the walk read most of the index, hence "most members", not merely "many matches".
    let by_name = matches!(q.sort.as_deref().unwrap_or("name"), "name" | "-name");
    let dense = total > DENSE && {
        let (members,): (i64,) =
            sqlx::query_as("SELECT count(*) FROM memberships WHERE account_id = ?1")
                .bind(account)
                .fetch_one(&state.db)
                .await?;
        total * 2 > members
    };
    let from = if by_name && dense {
        "users u INDEXED BY users_name CROSS JOIN memberships m ON m.user_id = u.id"
    } else {
        "memberships m JOIN users u ON u.id = m.user_id"
    };
    let page_sql = format!(
        "SELECT u.id, u.username, u.email, u.first_name, u.last_name, u.state, m.role,
                m.group_id AS \"group\", g.name AS group_name, m.licensed
         FROM {from} JOIN groups g ON g.id = m.group_id
         WHERE {filter} ORDER BY {order} LIMIT ? OFFSET ?"
    );
    let mut rows = sqlx::query_as::<_, ListItem>(&page_sql);
    for b in &binds {
        rows = b.bind_to(rows);
    }
    let items = rows
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
