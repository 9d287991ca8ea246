//! `GET /accounts/{account}/users`: search as you type, filters, sort, pages with the total.

use crate::error::PROBLEM;
use crate::error::{AppError, Problem};
use crate::extract::{CurrentUser, Path, Query};
use crate::search::{Filter, Page, Sort};
use crate::state::AppState;
use crate::{accounts, search};
use axum::extract::State;
use roster_api::users::{ListItem, ListPage, ListQuery};
use roster_domain::authz::Role;
use roster_domain::values::{Email, check_approved};
use std::collections::HashMap;

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
        _ => return Err(AppError::query("sort")),
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
        state: q.state,
        group: q.group,
        admin: q.role.map(|r| r == Role::Admin),
        licensed: q.licensed,
    };
    let (sort, descending) = sort_of(q.sort.as_deref())?;
    let (page, per_page) = crate::extract::page(q.page, q.per_page, 25)?;
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
    let mut conn = state.db.acquire().await?;
    let rows = crate::store::people::list_rows(&mut conn, account, &found.ids).await?;
    let approved = accounts::approved_domains(&mut conn, account).await?;
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
