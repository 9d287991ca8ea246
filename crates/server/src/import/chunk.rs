//! `POST /accounts/{account}/imports`: creates a chunk of rows (at most 500), each checked
//! again with the domain's rules whatever the client claims, in one transaction, answering per
//! row. The `Idempotency-Key` makes a chunk sent again answer what it answered the first time.
//!
//! The rows are decided one after the other, as adding each alone would decide them, but the
//! database is asked once for the chunk: one lookup of the logins its usernames and emails name,
//! and the new people written together (logins, memberships, audit entries) in a few
//! statements. Only an existing login joining or asked to join is written on its own, after the
//! new people of the rows before it, so every write lands in the order of the rows.

use crate::error::PROBLEM;
use crate::error::{AppError, Problem};
use crate::extract::{CurrentUser, Json, Path};
use crate::join::Adding;
use crate::state::AppState;
use crate::store::imports::ChunkLogin;
use crate::users::create::{Added, add_existing, create_many};
use crate::{accounts, guard, outbox, store};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use roster_api::imports::{ChunkAnswer, ChunkRow, ImportChunk, RowFinding, RowOutcome, RowResult};
use roster_domain::authz::{AuthzRefusal, decide_new_membership};
use roster_domain::import::{
    CellFinding, Field, MAX_CHUNK_ROWS, NewMember, Severity, check_values,
};
use roster_domain::values::login_key;
use roster_domain::{Coded, ErrorCode};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

/// The header that names a chunk, so that sending it again creates nothing twice.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// How long a chunk's answer is kept for a retry with its key: a day, as long as an import can
/// sensibly be retried. The table never grows beyond a day of imports; a chunk retried later is
/// answered afresh, its rows then refused as members already, so still nobody twice.
const ANSWERS_KEPT_SECONDS: i64 = 24 * 60 * 60;

/// `POST /api/v1/accounts/{account}/imports` with an `Idempotency-Key`.
#[utoipa::path(
    post,
    path = "/accounts/{account}/imports",
    operation_id = "import_users",
    tag = "imports",
    params(
        ("account" = i64, Path, description = "The account's id."),
        ("Idempotency-Key" = String, Header, pattern = "^[!-~]{1,200}$",
            description = "Names this chunk (1 to 200 visible ASCII characters); the same key \
            and rows sent again answer the first answer."),
    ),
    request_body = ImportChunk,
    responses(
        (status = 200, description = "A result per row: created, added, requested (asked by \
            email to join) or refused with its findings.", body = ChunkAnswer),
        (status = 400, description = "No usable `Idempotency-Key` (`import.key_required`).",
            body = Problem, content_type = PROBLEM),
        (status = 401, description = "Not signed in.", body = Problem, content_type = PROBLEM),
        (status = 403, description = "Not an administrator of this account, or cross-origin.",
            body = Problem, content_type = PROBLEM),
        (status = 422, description = "More than 500 rows (`import.too_many_in_chunk`), or a key \
            already used for other rows (`import.idempotency_mismatch`).", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(account): Path<i64>,
    headers: HeaderMap,
    Json(body): Json<ImportChunk>,
) -> Result<Response, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let key = headers
        .get(IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| (1..=200).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()))
        .ok_or(AppError::BadRequest(ErrorCode::ImportKeyRequired))?;
    if body.rows.len() > MAX_CHUNK_ROWS {
        return Err(AppError::Unprocessable(ErrorCode::ImportTooManyInChunk));
    }
    let sent = serde_json::to_vec(&body).map_err(|e| AppError::Internal(e.to_string()))?;
    let hash = URL_SAFE_NO_PAD.encode(Sha256::digest(&sent));
    let now = crate::clock::now().unix_seconds();

    let mut tx = store::begin_write(&state.db).await?;
    let before =
        store::imports::answered(&mut tx, account, key, now - ANSWERS_KEPT_SECONDS).await?;
    if let Some(before) = before {
        if before.actor != me.id || before.request_hash != hash {
            return Err(AppError::Unprocessable(
                ErrorCode::ImportIdempotencyMismatch,
            ));
        }
        let answer: ChunkAnswer = serde_json::from_str(&before.response)
            .map_err(|e| AppError::Internal(format!("stored import answer: {e}")))?;
        return Ok((
            StatusCode::OK,
            [("idempotent-replayed", "true")],
            axum::Json(answer),
        )
            .into_response());
    }

    let (ctx, mut seats) = super::context_and_seats(&mut tx, account, Some(me.id)).await?;
    let actor = guard::member(&mut tx, account, me.id).await?;
    let groups = store::groups::names(&mut tx, account).await?;
    let language = store::accounts::default_language(&mut tx, account).await?;
    // Each row's own checks first, so that the logins its people may have already are looked
    // up once for the whole chunk: by username, and by email (a username that is another
    // login's email would shadow that person's sign-in).
    let checked: Vec<_> = body
        .rows
        .into_iter()
        .map(|ChunkRow { row, values }| {
            let (findings, mut member) = check_values(&values.view(), &ctx);
            // A row without a language gets the account's.
            if let Some(member) = member.as_mut()
                && values.language.trim().is_empty()
            {
                member.profile.language = language;
            }
            (row, findings, member)
        })
        .collect();
    let keys: Vec<String> = checked
        .iter()
        .filter_map(|(_, _, member)| member.as_ref())
        .map(|member| member.profile.username.key())
        .collect();
    let logins: HashMap<String, ChunkLogin> =
        store::imports::logins_of_keys(&mut tx, account, &keys)
            .await?
            .into_iter()
            .map(|login| (login.username_key.clone(), login))
            .collect();
    // The chunk's own new logins join them as they are made.
    let mut emails_in_use: HashSet<String> = store::imports::emails_in_use(&mut tx, &keys)
        .await?
        .into_iter()
        .collect();
    // The new logins decided on and not written yet: written together, before anything that
    // reads what they change (an existing login joining or asked to), and at the end.
    let mut pending = Vec::new();
    let mut emails = HashSet::new();
    let mut usernames = HashSet::new();
    let mut results = Vec::with_capacity(checked.len());
    for (row, mut findings, member) in checked {
        let mut outcome = (RowOutcome::Refused, None);
        if let Some(member) = member {
            let login = login_field(&member);
            let key = member.profile.username.key();
            if !emails.insert(member.profile.email.key()) {
                findings.push(error(Field::Email, ErrorCode::ImportDuplicateEmail));
            } else if !usernames.insert(key.clone()) {
                findings.push(error(login.clone(), ErrorCode::ImportDuplicateUsername));
            }
            if let Err(refusal) = decide_new_membership(&ctx.policy, actor.as_ref(), &member.grants)
            {
                findings.push(error(refused_field(&refusal), refusal.code()));
            }
            let after = if member.licence {
                seats
                    .assign(false)
                    .map_err(|r| findings.push(error(Field::Licence, r.code())))
                    .ok()
            } else {
                Some(seats)
            };
            if let (true, Some(after)) = (findings.is_empty(), after) {
                let group = groups
                    .iter()
                    .find(|(_, name, default)| match &member.group {
                        Some(wanted) => name == wanted,
                        None => *default,
                    })
                    .map(|(id, _, _)| *id)
                    .ok_or_else(|| AppError::Internal(format!("no group for row {row}")))?;
                // What `add_member` decides, from the chunk's lookups.
                match logins.get(&key) {
                    // The same username with another email is another person: never join (or
                    // ask) them in the place of the one typed.
                    Some(found) if login_key(&found.email) != member.profile.email.key() => {
                        findings.push(error(login, ErrorCode::UserUsernameTaken));
                    }
                    Some(found) if found.here => {
                        findings.push(error(login, ErrorCode::UserAlreadyMember));
                    }
                    Some(found) => {
                        flush(&mut tx, account, me.id, &mut pending, &mut results, now).await?;
                        let adding = Adding {
                            account,
                            actor: me.id,
                            user: found.id,
                            typed: member.profile.email.as_str(),
                            asked: new_member(&member, group),
                            now,
                        };
                        match add_existing(&mut tx, &state, adding).await? {
                            Added::Joined(detail) => {
                                seats = after;
                                outcome = (RowOutcome::Added, Some(detail.id));
                            }
                            // No seat is taken until they accept.
                            Added::Requested(_) => outcome = (RowOutcome::Requested, None),
                            Added::AlreadyMember => {
                                findings.push(error(login, ErrorCode::UserAlreadyMember));
                            }
                            other => {
                                return Err(AppError::Internal(format!(
                                    "an existing login added as {other:?}"
                                )));
                            }
                        }
                    }
                    None if emails_in_use.contains(&key) => {
                        findings.push(error(login, ErrorCode::UserUsernameTaken));
                    }
                    None => {
                        emails_in_use.insert(member.profile.email.key());
                        seats = after;
                        // Its id once written.
                        outcome = (RowOutcome::Created, None);
                        pending.push(Pending {
                            result: results.len(),
                            member,
                            group,
                        });
                    }
                }
            }
        }
        results.push(RowResult {
            row,
            outcome: outcome.0,
            user: outcome.1,
            findings: findings
                .into_iter()
                .map(|f| RowFinding {
                    column: f.field.name().to_owned(),
                    code: f.code,
                    severity: f.severity,
                    message: f.code.message_en().to_owned(),
                })
                .collect(),
        });
    }
    flush(&mut tx, account, me.id, &mut pending, &mut results, now).await?;
    let answer = ChunkAnswer { results };
    let answered = store::imports::Answered {
        actor: me.id,
        request_hash: hash,
        response: serde_json::to_string(&answer).map_err(|e| AppError::Internal(e.to_string()))?,
    };
    store::imports::keep_answer(&mut tx, account, key, &answered, now).await?;
    tx.commit().await?;
    outbox::wake(&state);
    Ok(axum::Json(answer).into_response())
}

/// A row to be created: its place among the results, the person, and the group's id.
struct Pending {
    result: usize,
    member: NewMember,
    group: i64,
}

/// The membership a row asks for, in group `group`.
fn new_member(member: &NewMember, group: i64) -> store::memberships::NewMember<'_> {
    store::memberships::NewMember {
        role: member.role,
        group,
        grants: &member.grants,
        licensed: member.licence,
    }
}

/// Writes the `pending` new logins, and gives their results their ids.
async fn flush(
    tx: &mut store::Tx<'_>,
    account: i64,
    actor: i64,
    pending: &mut Vec<Pending>,
    results: &mut [RowResult],
    now: i64,
) -> Result<(), AppError> {
    if pending.is_empty() {
        return Ok(());
    }
    let new: Vec<_> = pending
        .iter()
        .map(|p| (&p.member.profile, new_member(&p.member, p.group)))
        .collect();
    let ids = create_many(tx, account, actor, &new, now).await?;
    for (p, id) in pending.iter().zip(ids) {
        if let Some(result) = results.get_mut(p.result) {
            result.user = Some(id);
        }
    }
    pending.clear();
    Ok(())
}

fn error(field: Field, code: ErrorCode) -> CellFinding {
    CellFinding {
        field,
        code,
        severity: Severity::Error,
    }
}

/// The column that names a row's login: the username when given, else the email.
fn login_field(member: &NewMember) -> Field {
    if member.profile.username.key() == member.profile.email.key() {
        Field::Email
    } else {
        Field::Username
    }
}

/// The column at fault when a grant is refused.
fn refused_field(refusal: &AuthzRefusal) -> Field {
    match refusal {
        AuthzRefusal::InsufficientAuthority { kind, .. }
        | AuthzRefusal::UnknownKind { kind }
        | AuthzRefusal::UnknownLevel { kind, .. } => Field::Authority(kind.clone()),
        _ => Field::Role,
    }
}
