//! Asks the domain whether an actor may make a change to a membership, with the facts read from
//! the database: the account's policy, both memberships, and the count of active admins. Every
//! user-changing endpoint goes through here, so the server applies exactly the domain's rules.

use crate::error::AppError;
use crate::users::model::state_of;
use roster_domain::authz::{AuthzPolicy, AuthzRefusal, Change, Grants, Member, Role, decide};
use roster_domain::{Coded, ErrorCode};
use sqlx::SqliteConnection;

#[derive(sqlx::FromRow)]
struct MemberRow {
    user_id: i64,
    role: String,
    state: String,
    #[sqlx(json)]
    authorities: Grants,
}

/// The account's authorization policy.
pub async fn policy(conn: &mut SqliteConnection, account: i64) -> Result<AuthzPolicy, AppError> {
    let (json,): (String,) = sqlx::query_as("SELECT policy FROM accounts WHERE id = ?1")
        .bind(account)
        .fetch_one(&mut *conn)
        .await?;
    serde_json::from_str(&json)
        .map_err(|e| AppError::Internal(format!("stored policy of {account}: {e}")))
}

/// A user's membership of `account`, as the rules see it.
pub async fn member(
    conn: &mut SqliteConnection,
    account: i64,
    user: i64,
) -> Result<Option<Member<i64>>, AppError> {
    let row: Option<MemberRow> = sqlx::query_as(
        "SELECT m.user_id, m.role, u.state, m.authorities FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.account_id = ?1 AND m.user_id = ?2",
    )
    .bind(account)
    .bind(user)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        let role = if r.role == "admin" {
            Role::Admin
        } else {
            Role::User
        };
        Ok(Member {
            user: r.user_id,
            role,
            state: state_of(&r.state)?,
            grants: r.authorities,
        })
    })
    .transpose()
}

/// The account's active admins.
pub async fn active_admins(conn: &mut SqliteConnection, account: i64) -> Result<usize, AppError> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.account_id = ?1 AND m.role = 'admin' AND u.state = 'active'",
    )
    .bind(account)
    .fetch_one(&mut *conn)
    .await?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The status a refusal answers with.
pub fn refused(refusal: &AuthzRefusal) -> AppError {
    let code = refusal.code();
    match refusal {
        AuthzRefusal::NotAdmin
        | AuthzRefusal::InsufficientAuthority { .. }
        | AuthzRefusal::SelfChange
        | AuthzRefusal::PolicyChangeNotAllowed { .. } => AppError::Forbidden(code),
        AuthzRefusal::UnknownKind { .. } | AuthzRefusal::UnknownLevel { .. } => {
            AppError::Unprocessable(code)
        }
        AuthzRefusal::NotAnAdminAction { .. } => AppError::NotFound,
        AuthzRefusal::LastActiveAdmin | AuthzRefusal::Lifecycle(_) => AppError::Conflict(code),
    }
}

/// May `actor` make `change` to `target`'s membership of `account`? 404 when the target is not a
/// member; the domain's refusal otherwise.
pub async fn authorize(
    conn: &mut SqliteConnection,
    account: i64,
    actor: i64,
    target: i64,
    change: &Change,
) -> Result<(), AppError> {
    let policy = policy(conn, account).await?;
    let acting = member(conn, account, actor).await?;
    let target = member(conn, account, target)
        .await?
        .ok_or(AppError::NotFound)?;
    let admins = active_admins(conn, account).await?;
    decide(&policy, acting.as_ref(), &target, change, admins).map_err(|r| refused(&r))
}

/// For a change that takes the user out of every account (suspension, deprovisioning): refuses
/// when any other account they are the last active admin of would be left without one.
pub async fn keeps_every_account_administered(
    conn: &mut SqliteConnection,
    user: i64,
) -> Result<(), AppError> {
    let administered: Vec<(i64,)> = sqlx::query_as(
        "SELECT m.account_id FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.user_id = ?1 AND m.role = 'admin' AND u.state = 'active'",
    )
    .bind(user)
    .fetch_all(&mut *conn)
    .await?;
    for (account,) in administered {
        if active_admins(conn, account).await? <= 1 {
            return Err(AppError::Conflict(ErrorCode::AuthzLastActiveAdmin));
        }
    }
    Ok(())
}
