//! `GET /accounts/{account}/users/export.csv`: the account's members in the import template's
//! columns, so an export can be edited and imported into another account.

use crate::error::PROBLEM;
use crate::error::{AppError, Problem};
use crate::extract::{CurrentUser, Path};
use crate::state::AppState;
use crate::{accounts, guard};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use roster_domain::import::{Field, template_fields, write};

/// `GET /api/v1/accounts/{account}/users/export.csv`.
#[utoipa::path(
    get,
    path = "/accounts/{account}/users/export.csv",
    operation_id = "export_users",
    tag = "imports",
    params(("account" = i64, Path, description = "The account's id.")),
    responses(
        (status = 200, description = "UTF-8 CSV with a byte order mark, the template's columns, \
            formula characters neutralised.", content_type = "text/csv", body = String),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(account): Path<i64>,
) -> Result<Response, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let mut conn = state.db.acquire().await?;
    let policy = guard::policy(&mut conn, account).await?;
    let members = crate::store::imports::exported(&mut conn, account).await?;
    let fields = template_fields(&policy);
    let mut out = String::from(write::BOM);
    write::record(&mut out, fields.iter().map(Field::name));
    for m in &members {
        let licence = if m.licensed { "yes" } else { "no" };
        // The username is left blank when it is the email, as the template means it.
        let username = if m.username.eq_ignore_ascii_case(&m.email) {
            ""
        } else {
            &m.username
        };
        write::record(
            &mut out,
            fields.iter().map(|field| match field {
                Field::Email => m.email.as_str(),
                Field::FirstName => &m.first_name,
                Field::LastName => &m.last_name,
                Field::Username => username,
                Field::Phone => m.phone.as_deref().unwrap_or(""),
                Field::Language => &m.language,
                Field::Group => &m.group_name,
                Field::Role => &m.role,
                Field::Licence => licence,
                Field::Authority(kind) => m.authorities.level(kind).unwrap_or(""),
                Field::ExchangeDomain => m.exchange_domain.as_deref().unwrap_or(""),
                Field::ExchangeUsername => m.exchange_username.as_deref().unwrap_or(""),
            }),
        );
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"users.csv\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        out,
    )
        .into_response())
}
