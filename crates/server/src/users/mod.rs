//! Users of an account: search, create, read, update, and the state actions the lifecycle
//! allows. An administrator sees only members of the accounts they administer.

// Visible to the crate so that `openapi.rs` can list the handlers.
pub(crate) mod actions;
pub(crate) mod checks;
pub(crate) mod create;
pub(crate) mod grants;
pub(crate) mod list;
pub(crate) mod memberships;
pub(crate) mod model;
pub(crate) mod read;
pub(crate) mod update;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

/// The user routes, under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/accounts/{account}/users",
            get(list::list).post(create::create),
        )
        .route(
            "/accounts/{account}/users/{user}",
            get(read::read)
                .patch(update::update)
                .delete(actions::delete_for_good),
        )
        .route(
            "/accounts/{account}/users/{user}/{action}",
            post(actions::act),
        )
        .route(
            "/accounts/{account}/users/{user}/memberships",
            post(memberships::add).delete(memberships::remove),
        )
}
