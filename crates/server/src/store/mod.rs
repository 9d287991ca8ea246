//! The database, and every query the server makes of it: one module per aggregate, functions that
//! take a connection or transaction and return row structs or the API's types. Handlers hold no
//! SQL.
//!
//! The database is SQLite, embedded: opened (created when missing) with WAL and foreign keys, and
//! migrated at start. The queries are plain SQL with SQLite's `?N` placeholders (PostgreSQL's are
//! `$N`); beyond those, what is particular to SQLite is named once: taking the write lock at once
//! ([`begin_write`]), a list bound as one parameter ([`list`], [`in_list`]), reading the planner's
//! statistics ([`open`]), and the triggers of the search index's change log (migration 0003).
//! Text is compared ignoring case with `lower()`, which both databases have.

pub mod accounts;
pub mod audit;
pub mod demo;
pub mod embed;
pub mod groups;
pub mod imports;
pub mod invitations;
pub mod join_requests;
pub mod logins;
pub mod me;
pub mod memberships;
pub mod outbox;
pub mod people;
pub mod search;
pub mod sessions;
pub mod text;
pub mod tokens;

use crate::error::AppError;
use serde::de::DeserializeOwned;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

/// The pool of connections to the database.
pub type Pool = sqlx::SqlitePool;
/// One connection, or a transaction seen as one.
pub type Conn = sqlx::SqliteConnection;
/// A transaction.
pub type Tx<'a> = sqlx::Transaction<'a, sqlx::Sqlite>;
/// What a query can fail with.
pub type Error = sqlx::Error;

/// Opens the database at `url` (`sqlite://roster.db`, `sqlite::memory:`) and applies migrations.
pub async fn open(url: &str) -> Result<Pool, String> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|e| format!("bad database URL {url}: {e}"))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        // Keep the working set in memory: SQLite's 2 MB default makes loading 100,000 users
        // into the search index, or reading a page of them, go to the disk.
        .pragma("cache_size", "-32768")
        .pragma("mmap_size", "268435456")
        .busy_timeout(Duration::from_secs(5));
    // An in-memory database lives in one connection; more would each see an empty database.
    let max = if url.contains(":memory:") { 1 } else { 8 };
    let mut pool = SqlitePoolOptions::new().max_connections(max);
    if max == 1 {
        // Closing that one connection would drop the database with it.
        pool = pool
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None);
    }
    let pool = pool
        .connect_with(options)
        .await
        .map_err(|e| format!("cannot open the database {url}: {e}"))?;
    sqlx::migrate!("./migrations")
        .run(&pool)
        .await
        .map_err(|e| format!("cannot migrate the database {url}: {e}"))?;
    // Refresh the planner's statistics where they are missing or stale, so queries use the
    // right indexes.
    sqlx::query("PRAGMA optimize=0x10002")
        .execute(&pool)
        .await
        .map_err(|e| format!("cannot optimise the database {url}: {e}"))?;
    Ok(pool)
}

/// Opens an existing database to read it only (no creation, no migration): for the command
/// line's checks, which must never change the database they look at.
pub async fn open_read_only(url: &str) -> Result<Pool, String> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|e| format!("bad database URL {url}: {e}"))?
        .read_only(true)
        .busy_timeout(Duration::from_secs(5));
    SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .map_err(|e| format!("cannot open the database {url}: {e}"))
}

/// Whether `err` is a unique-key violation (the caller knows which key and says so).
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// Starts a transaction that writes: `BEGIN IMMEDIATE` takes the write lock at once, so two
/// racing changes queue up (and the second sees the first's result) instead of one failing with
/// "database is locked" when it tries to upgrade a read transaction.
pub async fn begin_write(
    pool: &Pool,
) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// A list of values bound as one parameter, named in the SQL by [`in_list`]; or rows written
/// many at a time, read in the SQL with `json_each` (so no limit on bound parameters applies).
pub fn list<T: serde::Serialize>(values: &[T]) -> Result<String, AppError> {
    serde_json::to_string(values).map_err(|e| AppError::Internal(e.to_string()))
}

/// `IN` the list bound as parameter `n` by [`list`]: SQLite reads it as a JSON array.
pub fn in_list(n: u8) -> String {
    format!("IN (SELECT value FROM json_each(?{n}))")
}

/// A value stored as text (a state, a role, a language) read back as the domain's type: its
/// serde name is what was written. Anything else is a corrupt database.
pub fn decode<T: DeserializeOwned>(what: &str, text: &str) -> Result<T, AppError> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|e| AppError::Internal(format!("stored {what} {text:?}: {e}")))
}

/// Every `(table, column)` of the database, read from SQLite's own catalogue (`sqlite_master`,
/// `pragma_table_info`): particular to SQLite, as PostgreSQL lists its columns in
/// `information_schema.columns`. Used by the tests, with [`column_holds`], to prove that a
/// secret is stored nowhere.
pub async fn columns(conn: &mut Conn) -> Result<Vec<(String, String)>, Error> {
    sqlx::query_as(
        "SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c
         WHERE m.type = 'table'",
    )
    .fetch_all(&mut *conn)
    .await
}

/// Whether `text` appears in `column` of `table` (one of [`columns`]), in any row, whatever the
/// column's type. SQLite's `instr()` (PostgreSQL's is `strpos()`). Used by the tests.
pub async fn column_holds(
    conn: &mut Conn,
    table: &str,
    column: &str,
    text: &str,
) -> Result<bool, Error> {
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM \"{table}\" WHERE instr(CAST(\"{column}\" AS TEXT), ?1) > 0)"
    );
    let (found,): (bool,) = sqlx::query_as(&sql)
        .bind(text)
        .fetch_one(&mut *conn)
        .await?;
    Ok(found)
}
