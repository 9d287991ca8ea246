//! What proves a caller is me: my challenge question, and my authorization number, whose first
//! four digits are the PIN an administrator checks when I call them (seed 003).

use crate::emails::Facts;
use crate::error::{AppError, FieldError, PROBLEM, Problem};
use crate::extract::{CurrentUser, Json, Path};
use crate::passwords::own::confirm_current;
use crate::secrets::{hash_password, random_digits, verify_password};
use crate::state::AppState;
use crate::throttle::{Attempt, Source};
use crate::{accounts, audit, clock, emails, guard, outbox, store};
use axum::extract::State;
use axum::http::StatusCode;
use roster_api::me::{AuthorizationNumber, ChallengeChange, CurrentPassword, PinCheck, PinMatch};
use roster_domain::ErrorCode;
use roster_domain::authz::Change;
use roster_domain::notify::Event;
use serde_json::json;

/// The longest challenge question or answer kept, in characters.
const CHALLENGE_MAX: usize = 200;
/// The digits of an authorization number.
const NUMBER_DIGITS: usize = 10;
/// The digits of its PIN: the number's first.
const PIN_DIGITS: usize = 4;

/// Emails me that my security details changed, and logs `action`, in `tx`.
async fn told(
    tx: &mut store::Tx<'_>,
    state: &AppState,
    user: i64,
    action: &'static str,
) -> Result<(), AppError> {
    let facts = Facts::default();
    let event = Event::OwnSecurityDetailsChanged;
    emails::notify(tx, &state.sealer, event, None, user, user, &facts).await?;
    super::record_own(tx, user, action, None, None).await
}

/// `PUT /api/v1/me/challenge`: sets my challenge question and its answer.
#[utoipa::path(
    put,
    path = "/me/challenge",
    operation_id = "set_my_challenge",
    tag = "session",
    request_body = ChallengeChange,
    responses(
        (status = 204, description = "Set; an email tells me."),
        (status = 422, description = "The current password is wrong, or the question or answer \
            is empty (`me.challenge_required`) or longer than 200 characters.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn challenge(
    State(state): State<AppState>,
    source: Source,
    user: CurrentUser,
    Json(body): Json<ChallengeChange>,
) -> Result<StatusCode, AppError> {
    confirm_current(&state, source, user.id, &body.current_password).await?;
    let question = body.question.trim();
    let answer = body.answer.trim().to_lowercase();
    let mut errors = Vec::new();
    for (field, text) in [("question", question), ("answer", answer.as_str())] {
        if text.is_empty() {
            errors.push(FieldError::new(field, ErrorCode::MeChallengeRequired));
        } else if text.chars().count() > CHALLENGE_MAX {
            errors.push(FieldError::new(field, ErrorCode::MeChallengeTooLong));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let answer_hash = hash_password(answer).await?;
    let now = clock::now().unix_seconds();
    let mut tx = store::begin_write(&state.db).await?;
    store::me::set_challenge(&mut tx, user.id, question, &answer_hash, now).await?;
    told(&mut tx, &state, user.id, "me.challenge_changed").await?;
    tx.commit().await?;
    outbox::wake(&state);
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/me/authorization-number`: makes me a new authorization number, shown this once
/// (only its hash, and its PIN's, are kept); the previous one stops working.
#[utoipa::path(
    post,
    path = "/me/authorization-number",
    operation_id = "new_authorization_number",
    tag = "session",
    request_body = CurrentPassword,
    responses(
        (status = 200, description = "The new number, shown once; an email tells me.",
            body = AuthorizationNumber),
        (status = 422, description = "The current password is wrong.", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn authorization_number(
    State(state): State<AppState>,
    source: Source,
    user: CurrentUser,
    Json(body): Json<CurrentPassword>,
) -> Result<axum::Json<AuthorizationNumber>, AppError> {
    confirm_current(&state, source, user.id, &body.current_password).await?;
    let number = random_digits(NUMBER_DIGITS)?;
    let number_hash = hash_password(number.clone()).await?;
    let pin_hash = hash_password(number[..PIN_DIGITS].to_owned()).await?;
    let now = clock::now().unix_seconds();
    let mut tx = store::begin_write(&state.db).await?;
    store::me::set_authorization(&mut tx, user.id, &number_hash, &pin_hash, now).await?;
    told(&mut tx, &state, user.id, "me.authorization_number_changed").await?;
    tx.commit().await?;
    outbox::wake(&state);
    Ok(axum::Json(AuthorizationNumber { number }))
}

/// `POST /api/v1/accounts/{account}/users/{user}/pin-check`: whether the PIN a caller reads out
/// is the person's. Only for an administrator who may manage the person in this account (the
/// account whose help desk they called): one bit per try, throttled per person, and logged.
#[utoipa::path(
    post,
    path = "/accounts/{account}/users/{user}/pin-check",
    operation_id = "check_pin",
    tag = "users",
    params(
        ("account" = i64, Path, description = "The account's id."),
        ("user" = i64, Path, description = "The user's id."),
    ),
    request_body = PinCheck,
    responses(
        (status = 200, description = "Whether the PIN is the person's.", body = PinMatch),
        (status = 403, description = "Not an administrator of this account, one who may not \
            manage the person here, or a cross-origin request.", body = Problem,
            content_type = PROBLEM),
        (status = 409, description = "The person has no authorization number (`pin.not_set`).",
            body = Problem, content_type = PROBLEM),
        (status = 422, description = "Not four digits (`pin.invalid`).", body = Problem,
            content_type = PROBLEM),
    )
)]
pub async fn pin_check(
    State(state): State<AppState>,
    source: Source,
    me: CurrentUser,
    Path((account, user)): Path<(i64, i64)>,
    Json(body): Json<PinCheck>,
) -> Result<axum::Json<PinMatch>, AppError> {
    accounts::require_admin(&state, me.id, account).await?;
    let pin = body.pin.trim();
    if pin.len() != PIN_DIGITS || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::Invalid(vec![FieldError::new(
            "pin",
            ErrorCode::PinInvalid,
        )]));
    }
    let mut conn = state.db.acquire().await?;
    guard::authorize_here(&mut conn, account, me.id, user, &Change::EditProfile).await?;
    let stored = store::me::pin_hash(&mut conn, user)
        .await?
        .ok_or(AppError::Conflict(ErrorCode::PinNotSet))?;
    drop(conn);
    state.throttle.check(source, &Attempt::Pin(user))?;
    let matches = verify_password(Some(stored), pin.to_owned()).await;
    let mut tx = store::begin_write(&state.db).await?;
    let entry = audit::Entry {
        actor_id: Some(me.id),
        account_id: Some(account),
        target_user_id: Some(user),
        action: "user.pin_checked",
        after: Some(json!({ "matches": matches })),
        ..audit::Entry::default()
    };
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(axum::Json(PinMatch { matches }))
}
