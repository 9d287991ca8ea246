//! The members of every account, held in memory for search as you type.
//!
//! A search reads every member of the account in the asked order, keeps those that match and
//! counts them all, so the total is exact and a page costs the same whatever it matches: a few
//! milliseconds for 100,000 members. The database stays the truth: the triggers of migration
//! 0003 number every change to a user or a membership in `search_changes`, and before answering
//! the index reads the changes past the last one it saw (usually none, one indexed lookup), so a
//! search always sees what was committed before it began.

use super::account::{Account, Filter, Found, Member, Sort};
use crate::error::AppError;
use crate::search::fold;
use crate::store::{self, Pool, search::IndexRow as Row};
use roster_domain::lifecycle::UserState;
use std::collections::HashMap;
use tokio::sync::{Mutex, RwLock};

/// Which members of those found a search returns.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub sort: Sort,
    /// The order reversed.
    pub descending: bool,
    /// How many to pass over first.
    pub skip: usize,
    /// How many to return at most.
    pub take: usize,
}

/// From this many changed users on, reading everything again is quicker than one by one.
const RELOAD: usize = 20_000;

#[derive(Debug, Default)]
struct State {
    /// The last change read; `None` until the first load.
    seen: Option<i64>,
    accounts: HashMap<i64, Account>,
    /// User id → the accounts they are in, to take a changed user out of each.
    memberships: HashMap<i64, Vec<i64>>,
}

impl State {
    fn forget(&mut self, user: i64) {
        for account in self.memberships.remove(&user).unwrap_or_default() {
            if let Some(a) = self.accounts.get_mut(&account) {
                a.remove(user);
            }
        }
    }

    fn add(&mut self, row: Row) {
        let Some(state) = UserState::ALL.into_iter().find(|s| s.as_str() == row.state) else {
            tracing::warn!(
                user = row.user_id,
                state = row.state,
                "unknown state; not indexed"
            );
            return;
        };
        self.memberships
            .entry(row.user_id)
            .or_default()
            .push(row.account_id);
        self.accounts
            .entry(row.account_id)
            .or_default()
            .insert(Member {
                user: row.user_id,
                text: row.search.into(),
                last: fold(&row.last_name).into(),
                first: fold(&row.first_name).into(),
                email: row.email.to_lowercase().into(),
                state,
                created: row.created_at,
                admin: row.role == "admin",
                group: row.group_id,
                licensed: row.licensed,
            });
    }
}

/// The search index of every account; one per server, shared by its handlers.
#[derive(Debug, Default)]
pub struct Index {
    state: RwLock<State>,
    /// Held while reading changes, so concurrent searches wait for one catch-up, not do many.
    catching_up: Mutex<()>,
}

impl Index {
    /// A page of `account`'s members that `filter` keeps, with the total.
    pub async fn find(
        &self,
        db: &Pool,
        account: i64,
        filter: &Filter,
        page: Page,
    ) -> Result<Found, AppError> {
        let Page {
            sort,
            descending,
            skip,
            take,
        } = page;
        self.catch_up(db).await?;
        let state = self.state.read().await;
        Ok(state.accounts.get(&account).map_or(
            Found {
                ids: Vec::new(),
                total: 0,
            },
            |a| a.find(filter, sort, descending, skip, take),
        ))
    }

    /// Reads the changes committed since the last look (everything, the first time).
    pub async fn catch_up(&self, db: &Pool) -> Result<(), AppError> {
        let latest = store::search::latest_change(&mut *db.acquire().await?).await?;
        if self.state.read().await.seen == Some(latest) {
            return Ok(());
        }
        let _one_at_a_time = self.catching_up.lock().await;
        let seen = self.state.read().await.seen;
        // One snapshot for the number and the rows, so they agree.
        let mut tx = db.begin().await?;
        let latest = store::search::latest_change(&mut tx).await?;
        if seen == Some(latest) {
            return Ok(());
        }
        let changed = match seen {
            Some(seen) => store::search::changed_since(&mut tx, seen, RELOAD as i64).await?,
            None => Vec::new(),
        };
        if seen.is_none() || changed.len() >= RELOAD {
            let rows = store::search::rows(&mut tx, None).await?;
            tx.commit().await?;
            let mut fresh = State {
                seen: Some(latest),
                ..State::default()
            };
            rows.into_iter().for_each(|row| fresh.add(row));
            *self.state.write().await = fresh;
            return Ok(());
        }
        let rows = store::search::rows(&mut tx, seen).await?;
        tx.commit().await?;
        let mut state = self.state.write().await;
        for user in changed {
            state.forget(user);
        }
        rows.into_iter().for_each(|row| state.add(row));
        state.seen = Some(latest);
        Ok(())
    }
}
