//! Importing users from a CSV file: the browser reads and checks the file with the domain crate;
//! the server answers the one lookup of existing logins, creates the valid rows a chunk at a
//! time (checking every rule again), and exports an account's users in the template's columns.
//! `roster import check` runs the same checks from the command line.

pub(crate) mod chunk;
pub mod cli;
pub(crate) mod export;
pub(crate) mod lookup;

use crate::error::AppError;
use crate::state::AppState;
use crate::{accounts, guard, licences};
use axum::Router;
use axum::routing::{get, post};
use roster_domain::authz::grantable;
use roster_domain::import::{Context, Existing, Logins};
use roster_domain::seats::Seats;

/// The import routes, under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/accounts/{account}/imports", post(chunk::create))
        .route("/accounts/{account}/imports/lookup", post(lookup::lookup))
        .route("/accounts/{account}/users/export.csv", get(export::export))
}

/// What the checks need to know of `account`, as `actor` (when there is one) may act in it.
pub(crate) async fn context(
    conn: &mut crate::store::Conn,
    account: i64,
    actor: Option<i64>,
) -> Result<Context, AppError> {
    Ok(context_and_seats(conn, account, actor).await?.0)
}

/// [`context`], and the account's seats it counted (a chunk takes them row by row): counting
/// them reads every membership of the account, once is enough.
pub(crate) async fn context_and_seats(
    conn: &mut crate::store::Conn,
    account: i64,
    actor: Option<i64>,
) -> Result<(Context, Seats), AppError> {
    let policy = guard::policy(conn, account).await?;
    let grantable = match actor {
        Some(actor) => Some(grantable(
            &policy,
            guard::member(conn, account, actor).await?.as_ref(),
        )),
        None => None,
    };
    let approved = accounts::approved_domains(conn, account).await?;
    let groups = crate::store::groups::names(conn, account).await?;
    let seats = licences::seats(conn, account).await?;
    let context = Context {
        policy,
        grantable,
        approved,
        groups: Some(groups.into_iter().map(|(_, name, _)| name).collect()),
        free_seats: Some(seats.free()),
        existing: Logins::default(),
    };
    Ok((context, seats))
}

/// Where each of these username keys has a login: a member of `account`, or of others only,
/// and then whether `actor` manages them in all of those (else joining needs their consent).
/// Without an actor (the command line's check) a login elsewhere is simply elsewhere.
pub(crate) async fn existing(
    conn: &mut crate::store::Conn,
    account: i64,
    actor: Option<i64>,
    keys: &[impl serde::Serialize],
) -> Result<Logins, AppError> {
    let rows = crate::store::imports::logins_of_keys(conn, account, keys).await?;
    let elsewhere: Vec<i64> = rows.iter().filter(|r| !r.here).map(|r| r.id).collect();
    let managed = match actor {
        Some(actor) => Some(guard::managed_everywhere(conn, actor, &elsewhere).await?),
        None => None,
    };
    Ok(rows
        .into_iter()
        .map(|login| {
            let place = if login.here {
                Existing::Here
            } else if managed.as_ref().is_none_or(|m| m.contains(&login.id)) {
                Existing::Elsewhere
            } else {
                Existing::Consent
            };
            (login.username_key, place)
        })
        .collect())
}
