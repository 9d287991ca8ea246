//! The signed-in person as they see themselves: My details, the accounts they belong to, what
//! they keep secret (challenge answer, authorization number), their journal and the requests to
//! join an account waiting for their answer.

use super::{Conn, decode};
use crate::error::AppError;
use roster_api::me::{ActivityItem, MyJoinRequest};
use roster_api::session::{LockingGroup, Me, MyAccount};
use roster_domain::authz::Grants;
use roster_domain::profile::ProfileDraft;

#[derive(sqlx::FromRow)]
struct MeRow {
    username: String,
    email: String,
    first_name: String,
    last_name: String,
    phone: Option<String>,
    language: String,
    must_change_password: bool,
    challenge_question: Option<String>,
    has_authorization_number: bool,
    pending_email: Option<String>,
    version: i64,
}

/// The person `user` as they see themselves, with their accounts; a change of email waiting to
/// be confirmed shows while its link works at `now`.
pub async fn me(conn: &mut Conn, user: i64, now: i64) -> Result<Me, AppError> {
    let r: MeRow = sqlx::query_as(
        "SELECT u.username, u.email, u.first_name, u.last_name, u.phone, u.language,
                u.must_change_password, u.challenge_question,
                u.authorization_hash IS NOT NULL AS has_authorization_number,
                (SELECT t.payload FROM tokens t WHERE t.user_id = u.id AND t.purpose = 'email_change'
                   AND t.expires_at > ?2) AS pending_email,
                u.version
         FROM users u WHERE u.id = ?1",
    )
    .bind(user)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Me {
        id: user,
        username: r.username,
        email: r.email,
        first_name: r.first_name,
        last_name: r.last_name,
        phone: r.phone,
        language: decode("language", &r.language)?,
        must_change_password: r.must_change_password,
        details_locked_by: locking_groups(conn, user).await?,
        challenge_question: r.challenge_question,
        has_authorization_number: r.has_authorization_number,
        pending_email: r.pending_email,
        version: r.version,
        min_password_length: super::groups::min_password_length(conn, user, None).await?,
        accounts: accounts(conn, user).await?,
    })
}

/// The groups of `user` that do not let their members edit their own details, with their
/// accounts, by name.
pub async fn locking_groups(conn: &mut Conn, user: i64) -> Result<Vec<LockingGroup>, AppError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT a.name, g.name FROM memberships m
         JOIN groups g ON g.id = m.group_id JOIN accounts a ON a.id = m.account_id
         WHERE m.user_id = ?1 AND NOT g.members_may_edit_own_details ORDER BY a.name, g.name",
    )
    .bind(user)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(account, group)| LockingGroup { account, group })
        .collect())
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    name: String,
    role: String,
    group_name: String,
    licensed: bool,
    #[sqlx(json)]
    authorities: Grants,
}

/// The accounts `user` belongs to, by name, with their membership of each.
pub async fn accounts(conn: &mut Conn, user: i64) -> Result<Vec<MyAccount>, AppError> {
    let rows: Vec<AccountRow> = sqlx::query_as(
        "SELECT a.id, a.name, m.role, g.name AS group_name, m.licensed, m.authorities
         FROM memberships m JOIN accounts a ON a.id = m.account_id JOIN groups g ON g.id = m.group_id
         WHERE m.user_id = ?1 ORDER BY a.name, a.id",
    )
    .bind(user)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(MyAccount {
                id: r.id,
                name: r.name,
                role: decode("role", &r.role)?,
                group_name: r.group_name,
                licensed: r.licensed,
                authorities: r.authorities,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    email: String,
    username: String,
    first_name: String,
    last_name: String,
    phone: Option<String>,
    language: String,
    identity_provider: String,
    exchange_domain: Option<String>,
    exchange_username: Option<String>,
    version: i64,
}

/// `user`'s profile as it stands, to be changed and checked again, with its version.
pub async fn profile(conn: &mut Conn, user: i64) -> Result<(ProfileDraft, i64), AppError> {
    let r: ProfileRow = sqlx::query_as(
        "SELECT email, username, first_name, last_name, phone, language, identity_provider,
                exchange_domain, exchange_username, version
         FROM users WHERE id = ?1",
    )
    .bind(user)
    .fetch_one(&mut *conn)
    .await?;
    Ok((
        ProfileDraft {
            email: r.email,
            username: Some(r.username),
            first_name: r.first_name,
            last_name: r.last_name,
            phone: r.phone,
            language: Some(r.language),
            identity_provider: Some(r.identity_provider),
            exchange_domain: r.exchange_domain,
            exchange_username: r.exchange_username,
        },
        r.version,
    ))
}

/// Whether a login other than `user` answers to `email` at sign-in: as its email, or as its
/// username.
pub async fn email_answers_another(
    conn: &mut Conn,
    email: &str,
    user: i64,
) -> Result<bool, AppError> {
    let (taken,): (bool,) = sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM users
                        WHERE (lower(email) = lower(?1) OR username_key = lower(?1)) AND id <> ?2)",
    )
    .bind(email)
    .bind(user)
    .fetch_one(&mut *conn)
    .await?;
    Ok(taken)
}

/// `user`'s challenge question and the hash of its answer; a new version.
pub async fn set_challenge(
    conn: &mut Conn,
    user: i64,
    question: &str,
    answer_hash: &str,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE users SET challenge_question = ?2, challenge_answer_hash = ?3,
                version = version + 1, updated_at = ?4
         WHERE id = ?1",
    )
    .bind(user)
    .bind(question)
    .bind(answer_hash)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// `user`'s authorization number and PIN, by their hashes; a new version.
pub async fn set_authorization(
    conn: &mut Conn,
    user: i64,
    number_hash: &str,
    pin_hash: &str,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE users SET authorization_hash = ?2, pin_hash = ?3, version = version + 1,
                updated_at = ?4
         WHERE id = ?1",
    )
    .bind(user)
    .bind(number_hash)
    .bind(pin_hash)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The hash of `user`'s PIN, when they have an authorization number.
pub async fn pin_hash(conn: &mut Conn, user: i64) -> Result<Option<String>, AppError> {
    let (hash,): (Option<String>,) = sqlx::query_as("SELECT pin_hash FROM users WHERE id = ?1")
        .bind(user)
        .fetch_one(&mut *conn)
        .await?;
    Ok(hash)
}

/// `user`'s email (and username, when it was the same as the email) becomes `email`; a new
/// version. `Ok(false)` when another login took the username meanwhile.
pub async fn set_email(
    conn: &mut Conn,
    user: i64,
    email: &str,
    now: i64,
) -> Result<bool, AppError> {
    let changed = sqlx::query(
        "UPDATE users SET
             username = CASE WHEN username_key = lower(email) THEN ?2 ELSE username END,
             username_key = CASE WHEN username_key = lower(email) THEN lower(?2) ELSE username_key END,
             email = ?2, version = version + 1, updated_at = ?3
         WHERE id = ?1",
    )
    .bind(user)
    .bind(email)
    .bind(now)
    .execute(&mut *conn)
    .await;
    match changed {
        Err(err) if super::is_unique_violation(&err) => Ok(false),
        other => other.map(|_| true).map_err(AppError::from),
    }
}

/// The search text of `user`, made again from their names, email and username.
pub async fn refresh_search(conn: &mut Conn, user: i64) -> Result<(), AppError> {
    let (first, last, email, username): (String, String, String, String) =
        sqlx::query_as("SELECT first_name, last_name, email, username FROM users WHERE id = ?1")
            .bind(user)
            .fetch_one(&mut *conn)
            .await?;
    let search = super::text::user_text(&first, &last, &email, &username);
    sqlx::query("UPDATE users SET search = ?2 WHERE id = ?1")
        .bind(user)
        .bind(search)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ActivityRow {
    id: i64,
    at: i64,
    action: String,
    actor: Option<String>,
    target: Option<String>,
    account: Option<String>,
}

/// What was done to `user`'s login or by it, newest first, at most `limit`, older than
/// `before_id` when given. A change to a person is written once in each of their accounts: it
/// shows here once, as the last written (the one in the account it was made from, or, for a
/// change of my own, the one in no account).
pub async fn activity(
    conn: &mut Conn,
    user: i64,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<ActivityItem>, AppError> {
    let rows: Vec<ActivityRow> = sqlx::query_as(
        "SELECT a.id, a.at, a.action, actor.username AS actor, target.username AS target,
                acc.name AS account
         FROM audit a
         LEFT JOIN users actor ON actor.id = a.actor_id
         LEFT JOIN users target ON target.id = a.target_user_id
         LEFT JOIN accounts acc ON acc.id = coalesce(a.origin_account_id, a.account_id)
         WHERE a.id IN (
             SELECT max(id) FROM audit
             WHERE actor_id = ?1 OR target_user_id = ?1
             GROUP BY at, action, actor_id, target_user_id
             HAVING ?2 IS NULL OR max(id) < ?2)
         ORDER BY a.id DESC LIMIT ?3",
    )
    .bind(user)
    .bind(before_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ActivityItem {
            id: r.id,
            at: r.at,
            action: r.action,
            actor: r.actor,
            target: r.target,
            account: r.account,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct JoinRow {
    id: i64,
    account_name: String,
    requested_by: Option<String>,
    role: String,
    expires_at: i64,
}

/// The requests to join an account waiting for `user`'s answer at `now`, newest first.
pub async fn join_requests(
    conn: &mut Conn,
    user: i64,
    now: i64,
) -> Result<Vec<MyJoinRequest>, AppError> {
    let rows: Vec<JoinRow> = sqlx::query_as(
        "SELECT j.id, a.name AS account_name,
                CASE WHEN u.id IS NULL THEN NULL ELSE u.first_name || ' ' || u.last_name END
                    AS requested_by,
                j.role, j.expires_at
         FROM join_requests j JOIN accounts a ON a.id = j.account_id
         LEFT JOIN users u ON u.id = j.requested_by
         WHERE j.user_id = ?1 AND j.expires_at > ?2 ORDER BY j.id DESC",
    )
    .bind(user)
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(MyJoinRequest {
                id: r.id,
                account_name: r.account_name,
                requested_by: r.requested_by,
                role: decode("role", &r.role)?,
                expires_at: r.expires_at,
            })
        })
        .collect()
}
