//! Logins: one person's sign-in, profile and state, whatever accounts they belong to; what
//! changes them (activation, passwords, lifecycle, profile edits) and what emails to them read.

use super::{Conn, Tx, decode};
use crate::error::AppError;
use roster_domain::lifecycle::UserState;
use roster_domain::profile::Profile;

/// `user`'s password hash, if they have one.
pub async fn password_hash(conn: &mut Conn, user: i64) -> Result<Option<String>, AppError> {
    let (stored,): (Option<String>,) =
        sqlx::query_as("SELECT password_hash FROM users WHERE id = ?1")
            .bind(user)
            .fetch_one(&mut *conn)
            .await?;
    Ok(stored)
}

/// `user`'s own new password (hashed): no longer to be changed, and a lockout ends with it.
pub async fn set_own_password(
    tx: &mut Tx<'_>,
    user: i64,
    hash: &str,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE users SET password_hash = ?2, must_change_password = 0,
                state = CASE state WHEN 'locked' THEN 'active' ELSE state END, locked_until = NULL,
                version = version + 1, updated_at = ?3
         WHERE id = ?1",
    )
    .bind(user)
    .bind(hash)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A temporary password (hashed) for `user`, who becomes `state` and must change it.
pub async fn set_temporary_password(
    tx: &mut Tx<'_>,
    user: i64,
    state: UserState,
    hash: &str,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE users SET state = ?2, password_hash = ?3, must_change_password = 1,
                locked_until = NULL, activated_at = coalesce(activated_at, ?4),
                version = version + 1, updated_at = ?4
         WHERE id = ?1",
    )
    .bind(user)
    .bind(state.as_str())
    .bind(hash)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// `user` activates with their password and, if they chose one, a challenge question and the
/// hash of its answer.
pub async fn activate(
    tx: &mut Tx<'_>,
    user: i64,
    hash: &str,
    challenge: Option<(&str, &str)>,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE users SET state = 'active', password_hash = ?2, must_change_password = 0,
                activated_at = coalesce(activated_at, ?3), challenge_question = ?4,
                challenge_answer_hash = ?5, version = version + 1, updated_at = ?3
         WHERE id = ?1",
    )
    .bind(user)
    .bind(hash)
    .bind(now)
    .bind(challenge.map(|(q, _)| q))
    .bind(challenge.map(|(_, a)| a))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// `user`'s state.
pub async fn state(conn: &mut Conn, user: i64) -> Result<UserState, AppError> {
    let (state,): (String,) = sqlx::query_as("SELECT state FROM users WHERE id = ?1")
        .bind(user)
        .fetch_one(&mut *conn)
        .await?;
    decode("state", &state)
}

/// `user`'s first name and username, as a link's page greets them.
pub async fn greeting(conn: &mut Conn, user: i64) -> Result<(String, String), AppError> {
    Ok(
        sqlx::query_as("SELECT first_name, username FROM users WHERE id = ?1")
            .bind(user)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// `user`'s full name.
pub async fn full_name(conn: &mut Conn, user: i64) -> Result<String, AppError> {
    let (first, last): (String, String) =
        sqlx::query_as("SELECT first_name, last_name FROM users WHERE id = ?1")
            .bind(user)
            .fetch_one(&mut *conn)
            .await?;
    Ok(format!("{first} {last}"))
}

/// The logins with this email (lower case) who may sign in: a reset link goes to each (at most
/// ten, should an address be shared).
pub async fn who_may_reset(conn: &mut Conn, email: &str) -> Result<Vec<i64>, AppError> {
    let users: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM users WHERE lower(email) = ?1 AND state IN ('active', 'locked') LIMIT 10",
    )
    .bind(email)
    .fetch_all(&mut *conn)
    .await?;
    Ok(users.into_iter().map(|(id,)| id).collect())
}

/// A new version of `user`'s resource (a membership of theirs changed what it shows).
pub async fn bump_version(conn: &mut Conn, user: i64, now: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET version = version + 1, updated_at = ?2 WHERE id = ?1")
        .bind(user)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// `user` moves to `state` (a lockout, if any, ends with it), with the must-change flag as given.
pub async fn set_state(
    conn: &mut Conn,
    user: i64,
    state: UserState,
    must_change_password: bool,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE users SET state = ?2, must_change_password = ?3, locked_until = NULL,
                version = version + 1, updated_at = ?4 WHERE id = ?1",
    )
    .bind(user)
    .bind(state.as_str())
    .bind(must_change_password)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Deletes `user` for good (their memberships and links go with them).
pub async fn delete(conn: &mut Conn, user: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM users WHERE id = ?1")
        .bind(user)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A query with its arguments, returning rows of `O`.
type SqlQuery<'q, O> = sqlx::query::QueryAs<'q, sqlx::Sqlite, O, sqlx::sqlite::SqliteArguments<'q>>;

/// Binds a profile's columns, in the order both the insert and the update list them: username,
/// its key, email, first and last name, phone, language, identity provider, Exchange domain and
/// username, search text.
fn bind_profile<'q, O>(query: SqlQuery<'q, O>, profile: &'q Profile) -> SqlQuery<'q, O> {
    let search = super::text::user_text(
        profile.first_name.as_str(),
        profile.last_name.as_str(),
        profile.email.as_str(),
        profile.username.as_str(),
    );
    query
        .bind(profile.username.as_str())
        .bind(profile.username.key())
        .bind(profile.email.as_str())
        .bind(profile.first_name.as_str())
        .bind(profile.last_name.as_str())
        .bind(profile.phone.as_ref().map(|p| p.as_str()))
        .bind(profile.language.as_str())
        .bind(profile.identity_provider.as_str())
        .bind(profile.exchange.as_ref().map(|x| x.domain().as_str()))
        .bind(profile.exchange.as_ref().map(|x| x.username().as_str()))
        .bind(search)
}

/// A new login with `profile`, `staged`; its id.
pub async fn insert_staged(conn: &mut Conn, profile: &Profile, now: i64) -> Result<i64, AppError> {
    let insert = sqlx::query_as(
        "INSERT INTO users (username, username_key, email, first_name, last_name, phone, language,
                            identity_provider, exchange_domain, exchange_username, search, state,
                            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'staged', ?12, ?12) RETURNING id",
    );
    let (id,): (i64,) = bind_profile(insert, profile)
        .bind(now)
        .fetch_one(&mut *conn)
        .await?;
    Ok(id)
}

/// New logins with these profiles, `staged`, in one statement (the rows go as one JSON array, so
/// no limit on bound parameters applies); their ids, in the order of `profiles`, whose username
/// keys must differ.
pub async fn insert_staged_many(
    conn: &mut Conn,
    profiles: &[&Profile],
    now: i64,
) -> Result<Vec<i64>, AppError> {
    if profiles.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<serde_json::Value> = profiles
        .iter()
        .map(|profile| {
            serde_json::json!({
                "username": profile.username.as_str(),
                "username_key": profile.username.key(),
                "email": profile.email.as_str(),
                "first_name": profile.first_name.as_str(),
                "last_name": profile.last_name.as_str(),
                "phone": profile.phone.as_ref().map(|p| p.as_str()),
                "language": profile.language.as_str(),
                "identity_provider": profile.identity_provider.as_str(),
                "exchange_domain": profile.exchange.as_ref().map(|x| x.domain().as_str()),
                "exchange_username": profile.exchange.as_ref().map(|x| x.username().as_str()),
                "search": super::text::user_text(
                    profile.first_name.as_str(),
                    profile.last_name.as_str(),
                    profile.email.as_str(),
                    profile.username.as_str(),
                ),
            })
        })
        .collect();
    let inserted: Vec<(String, i64)> = sqlx::query_as(
        "INSERT INTO users (username, username_key, email, first_name, last_name, phone, language,
                            identity_provider, exchange_domain, exchange_username, search, state,
                            created_at, updated_at)
         SELECT value->>'username', value->>'username_key', value->>'email',
                value->>'first_name', value->>'last_name', value->>'phone', value->>'language',
                value->>'identity_provider', value->>'exchange_domain',
                value->>'exchange_username', value->>'search', 'staged', ?2, ?2
         FROM json_each(?1) ORDER BY key
         RETURNING username_key, id",
    )
    .bind(super::list(&rows)?)
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    let ids: std::collections::HashMap<String, i64> = inserted.into_iter().collect();
    profiles
        .iter()
        .map(|profile| {
            ids.get(&profile.username.key()).copied().ok_or_else(|| {
                AppError::Internal(format!("no login made for {}", profile.username.as_str()))
            })
        })
        .collect()
}

/// `user`'s profile becomes `profile`; a new version. `Ok(false)` when the username is taken.
pub async fn update_profile(
    conn: &mut Conn,
    user: i64,
    profile: &Profile,
    now: i64,
) -> Result<bool, AppError> {
    let update = sqlx::query_as::<_, (i64,)>(
        "UPDATE users SET username = ?1, username_key = ?2, email = ?3, first_name = ?4, last_name = ?5,
                phone = ?6, language = ?7, identity_provider = ?8, exchange_domain = ?9,
                exchange_username = ?10, search = ?11, version = version + 1, updated_at = ?12
         WHERE id = ?13 RETURNING id",
    );
    match bind_profile(update, profile)
        .bind(now)
        .bind(user)
        .fetch_one(&mut *conn)
        .await
    {
        Err(err) if super::is_unique_violation(&err) => Ok(false),
        other => other.map(|_| true).map_err(AppError::from),
    }
}

/// The login with this username key, with its email.
pub async fn by_username(
    conn: &mut Conn,
    username_key: &str,
) -> Result<Option<(i64, String)>, AppError> {
    Ok(
        sqlx::query_as("SELECT id, email FROM users WHERE username_key = ?1")
            .bind(username_key)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Whether `username_key` is the email of a login other than `except`: as a username it would
/// shadow that person's sign-in by email.
pub async fn is_email_of_another(
    conn: &mut Conn,
    username_key: &str,
    except: Option<i64>,
) -> Result<bool, AppError> {
    // `email = ?1 COLLATE NOCASE` says the same as `lower(email) = ?1` (both fold ASCII only),
    // and lets SQLite search the email index instead of reading every login.
    let (taken,): (bool,) = sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM users
                        WHERE email = ?1 COLLATE NOCASE AND lower(email) = ?1
                          AND (?2 IS NULL OR id <> ?2))",
    )
    .bind(username_key)
    .bind(except)
    .fetch_one(&mut *conn)
    .await?;
    Ok(taken)
}

/// `user`'s email.
pub async fn email(conn: &mut Conn, user: i64) -> Result<String, AppError> {
    let (email,): (String,) = sqlx::query_as("SELECT email FROM users WHERE id = ?1")
        .bind(user)
        .fetch_one(&mut *conn)
        .await?;
    Ok(email)
}

/// Who an email goes to: their address, first name, language and state.
#[derive(Debug, sqlx::FromRow)]
pub struct Addressee {
    pub email: String,
    pub first_name: String,
    pub language: String,
    pub state: String,
}

/// `user` as an email addresses them.
pub async fn addressee(conn: &mut Conn, user: i64) -> Result<Addressee, AppError> {
    Ok(
        sqlx::query_as("SELECT email, first_name, language, state FROM users WHERE id = ?1")
            .bind(user)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// `user` moves to `state` (an invitation sent or revoked); a new version.
pub async fn set_state_only(
    conn: &mut Conn,
    user: i64,
    state: UserState,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE users SET state = ?2, version = version + 1, updated_at = ?3 WHERE id = ?1",
    )
    .bind(user)
    .bind(state.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A login as the tests pick people and compare them before and after a change.
#[derive(Debug, sqlx::FromRow)]
pub struct Login {
    pub id: i64,
    pub email: String,
    pub state: String,
    pub version: i64,
    /// Whether a password is set (the demo gives one to its sign-ins only).
    pub has_password: bool,
}

/// Every login, by id. Used by the tests to pick people by their standing and to see whom a
/// change reached.
pub async fn everyone(conn: &mut Conn) -> Result<Vec<Login>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, email, state, version, password_hash IS NOT NULL AS has_password
         FROM users ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// Puts `user` in `state` as stored and changes nothing else (no new version): locked until
/// `locked_until` when given, else with no lockout. Used by the tests to arrange a person's state
/// underneath the lifecycle's rules.
pub async fn put_in_state(
    conn: &mut Conn,
    user: i64,
    state: UserState,
    locked_until: Option<i64>,
) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET state = ?2, locked_until = ?3 WHERE id = ?1")
        .bind(user)
        .bind(state.as_str())
        .bind(locked_until)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Sets `user`'s password hash and nothing else (no new version). Used by the tests to give a
/// person the password of the demo's sign-ins.
pub async fn set_password_hash(conn: &mut Conn, user: i64, hash: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET password_hash = ?2 WHERE id = ?1")
        .bind(user)
        .bind(hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
