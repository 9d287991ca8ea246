//! What creating, changing and inviting a member check of their input beyond the domain's own
//! rules: the email against the account's approved domains, and the group named.

use crate::accounts;
use crate::error::{AppError, FieldError};
use crate::store::{self, Conn};
use roster_domain::ErrorCode;
use roster_domain::profile::FieldIssue;
use roster_domain::values::{Email, check_approved};

/// The domain's issues with a profile, as the API's field errors.
pub(crate) fn field_errors(issues: Vec<FieldIssue>) -> Vec<FieldError> {
    issues
        .iter()
        .map(|i| FieldError::new(&i.field, i.code))
        .collect()
}

/// Checks the email against the account's approved domains (an empty list allows any).
pub(crate) async fn check_domain(
    conn: &mut Conn,
    account: i64,
    email: &Email,
) -> Result<(), AppError> {
    let approved = accounts::approved_domains(conn, account).await?;
    check_approved(email, &approved)
        .map_err(|e| AppError::Invalid(vec![FieldError::domain_not_approved("email", &e)]))
}

/// The group to put a member in: the one named (of this account), or the default group.
pub(crate) async fn group_of(
    conn: &mut Conn,
    account: i64,
    group: Option<i64>,
) -> Result<i64, AppError> {
    let found = store::groups::id_in(conn, account, group).await?;
    found.ok_or_else(|| {
        AppError::Invalid(vec![FieldError::new("group", ErrorCode::RequestNotFound)])
    })
}
