//! The stable error codes of Roster, one enum for the whole product.
//!
//! A code is a dotted string (`user.username_locked_until_activation`) that never changes once
//! shipped: the server sends it in every problem+json answer, the app looks up the message to show
//! in the user's language, tests compare it. Each domain error maps to exactly one code through
//! [`Coded`]. The English message here is the catalogue entry; French arrives as a second column.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Declares [`ErrorCode`] with its dotted code and English message in one table, so the three can
/// never disagree.
macro_rules! error_codes {
    ($( $variant:ident = $code:literal, $message:literal; )*) => {
        /// Every stable error code Roster can answer with.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ErrorCode { $( $variant, )* }

        impl ErrorCode {
            /// All codes, in declaration order (for catalogues and tests).
            pub const ALL: &'static [ErrorCode] = &[ $( ErrorCode::$variant, )* ];

            /// The stable dotted code, e.g. `email.invalid`.
            pub const fn as_str(self) -> &'static str {
                match self { $( ErrorCode::$variant => $code, )* }
            }

            /// The message shown to a person, in English.
            pub const fn message_en(self) -> &'static str {
                match self { $( ErrorCode::$variant => $message, )* }
            }
        }
    };
}

error_codes! {
    // Email addresses.
    EmailRequired = "email.required", "Enter an email address.";
    EmailTooLong = "email.too_long", "An email address can be at most 254 characters long.";
    EmailMissingAt = "email.missing_at", "An email address needs an @ between the name and the domain, like name@example.com.";
    EmailInvalidLocalPart = "email.invalid_local_part", "The part before the @ contains a character an email address cannot have.";
    EmailInvalidDomain = "email.invalid_domain", "The part after the @ is not a valid domain, like example.com.";
    EmailNonAscii = "email.non_ascii", "Email addresses may only contain plain Latin letters, digits and punctuation; write an international domain in its xn-- form.";
    EmailMultipleAt = "email.multiple_at", "An email address can have only one @.";
    EmailLocalPartMissing = "email.local_part_missing", "Write the name before the @, like name@example.com.";
    EmailLocalPartTooLong = "email.local_part_too_long", "The part before the @ can be at most 64 characters long.";
    EmailLocalPartDots = "email.local_part_dots", "The part before the @ cannot start or end with a dot or have two dots in a row.";

    // Usernames.
    UsernameRequired = "username.required", "Enter a username.";
    UsernameTooLong = "username.too_long", "A username can be at most 254 characters long.";
    UsernameInvalidCharacter = "username.invalid_character", "A username may contain only letters a to z, digits and . _ - @ +.";
    UsernameInvalidStart = "username.invalid_start", "A username must start with a letter or a digit.";

    // Names of people.
    PersonNameRequired = "person_name.required", "Enter a name.";
    PersonNameTooLong = "person_name.too_long", "A name can be at most 100 characters long.";
    PersonNameForbiddenCharacter = "person_name.forbidden_character", "A name cannot contain control or invisible formatting characters.";

    // Phone numbers.
    PhoneRequired = "phone.required", "Enter a phone number.";
    PhoneMissingCountryCode = "phone.missing_country_code", "Start the phone number with + and the country code, like +1 555 010 0000.";
    PhoneInvalidCharacter = "phone.invalid_character", "A phone number may contain only digits, spaces, dots, dashes, slashes, parentheses, a leading + and an extension such as ext. 123.";
    PhoneTooShort = "phone.too_short", "This phone number is too short to be a full international number.";
    PhoneTooLong = "phone.too_long", "A phone number can have at most 15 digits, country code included.";
    PhoneUnknownCountryCode = "phone.unknown_country_code", "This phone number does not start with a known country code.";
    PhoneInvalidExtension = "phone.invalid_extension", "Write the extension as 1 to 10 digits after the number, like +1 555 010 0000 ext. 123.";

    // Languages and identity providers.
    LanguageUnsupported = "language.unsupported", "Choose English (en) or French (fr).";
    IdentityProviderInvalid = "identity_provider.invalid", "An identity provider is local, or a name of up to 64 letters, digits and dashes that does not start or end with a dash.";

    // Exchange ActiveSync accounts.
    ExchangeIncomplete = "exchange.incomplete", "Give both the Exchange domain and the Exchange username, or neither.";
    ExchangeInvalidDomain = "exchange.invalid_domain", "The Exchange domain must be a name like CORP (at most 15 letters, digits and dashes) or a domain like corp.example.com.";
    ExchangeInvalidUsername = "exchange.invalid_username", "The Exchange username is at most 64 characters, without spaces or the characters \\ / [ ] : ; | = , + * ? < > \".";

    // Group and account names.
    GroupNameRequired = "group_name.required", "Enter a group name.";
    GroupNameTooLong = "group_name.too_long", "A group name can be at most 64 characters long.";
    GroupNameForbiddenCharacter = "group_name.forbidden_character", "A group name cannot contain control or invisible formatting characters.";
    AccountNameRequired = "account_name.required", "Enter an account name.";
    AccountNameTooLong = "account_name.too_long", "An account name can be at most 100 characters long.";
    AccountNameForbiddenCharacter = "account_name.forbidden_character", "An account name cannot contain control or invisible formatting characters.";

    // Approved email domains.
    DomainInvalid = "domain.invalid", "Write a domain like example.com, or *.example.com for all of its subdomains.";
    DomainNotApproved = "domain.not_approved", "This email's domain is not one of the account's approved domains.";

    // Group policies and passwords.
    PolicyPasswordLengthOutOfRange = "policy.password_length_out_of_range", "The minimum password length must be between 8 and 128 characters.";
    PolicyIdleTimeoutOutOfRange = "policy.idle_timeout_out_of_range", "The session idle timeout must be between 5 and 1440 minutes.";
    PasswordTooShort = "password.too_short", "This password is shorter than your group's minimum length.";
    PasswordTooLong = "password.too_long", "A password can be at most 128 characters long.";
    PasswordSameAsCurrent = "password.same_as_current", "Choose a password different from your current one.";
    PasswordCommon = "password.common", "This password is one of the most common ones, which are tried first. Choose one that is harder to guess.";
    PasswordPersonal = "password.personal", "A password cannot be your username, email address or name. Choose one that is harder to guess.";
    PasswordPattern = "password.pattern", "This password is a repeated pattern or a simple sequence. Choose one that is harder to guess.";
    PasswordChallengeIncomplete = "password.challenge_incomplete", "Give both a challenge question and its answer, or leave both empty.";

    // Invitations.
    InvitationLifetimeOutOfRange = "invitation.lifetime_out_of_range", "The invitation lifetime must be between 1 hour and 90 days.";
    InvitationExpired = "invitation.expired", "This invitation has expired. Ask your administrator for a new one.";
    InvitationLinkInvalid = "invitation.link_invalid", "This link no longer works: it has expired, was already used or was replaced by a newer one. Ask your administrator for a new invitation.";
    JoinLinkInvalid = "join.link_invalid", "This link no longer works: it has expired, was already answered, or the request was withdrawn or replaced by a newer one.";
    JoinNoLongerValid = "join.no_longer_valid", "This request is no longer valid: the administrator who sent it can no longer grant what it asked for. Ask them to send a new one.";
    PasswordResetLinkInvalid = "password_reset.link_invalid", "This link no longer works: it has expired or was already used. Ask for a new one from the sign-in page.";

    // The user lifecycle.
    UserActionNotAllowed = "user.action_not_allowed", "This action is not available for a user in this state.";
    UserUsernameLockedUntilActivation = "user.username_locked_until_activation", "The username can only be changed after the user has activated their account.";
    UserDeprovisionedNotEditable = "user.deprovisioned_not_editable", "A removed user cannot be edited. Restore the user first.";

    // Authorization.
    AuthzNotAdmin = "authz.not_admin", "Only an administrator of this account can do this.";
    AuthzInsufficientAuthority = "authz.insufficient_authority", "You do not hold the authority needed to grant or revoke this level, or to manage a person who holds it.";
    AuthzSelfChange = "authz.self_change", "You cannot change your own role, authorities or state, or remove yourself. Ask another administrator.";
    AuthzLastActiveAdmin = "authz.last_active_admin", "An account must keep at least one active administrator.";
    AuthzUnknownKind = "authz.unknown_kind", "This authority does not exist in the account's policy.";
    AuthzUnknownLevel = "authz.unknown_level", "This level does not exist for this authority.";
    AuthzPolicyChangeNotAllowed = "authz.policy_change_not_allowed", "Only an administrator holding the top level of every authority can change the account's settings and policy.";
    AuthzPersonShared = "authz.person_shared", "This person also belongs to accounts where you may not manage them, so their login, details and state can be changed only by administrators of all their accounts. You can still change their membership of this account.";
    AuthzGroupHasSuperiors = "authz.group_has_superiors", "This group has members you may not manage, so only an administrator who may manage all of them can change its policy or move them.";
    AuthzPolicyInvalid = "authz.policy_invalid", "This authorization policy is not valid.";
    AuthzNotAnAdminAction = "authz.not_an_admin_action", "Only the user or the system can do this, not an administrator.";

    // Licence seats.
    SeatsNoneFree = "seats.none_free", "All licence seats are in use. Free one or buy more seats first.";
    SeatsAlreadyLicensed = "seats.already_licensed", "This user already holds a licence seat.";
    SeatsNotLicensed = "seats.not_licensed", "This user does not hold a licence seat.";
    SeatsBelowUsed = "seats.below_used", "Seats bought cannot be fewer than the seats in use.";
    SeatsTransferToSelf = "seats.transfer_to_self", "A licence cannot be transferred to the user who already holds it.";

    // Requests (answered by the server whatever the resource).
    RequestNotFound = "request.not_found", "There is nothing at this address, or you do not have access to it.";
    RequestMalformedJson = "request.malformed_json", "The request body is not valid JSON.";
    RequestUnsupportedMediaType = "request.unsupported_media_type", "Send the request body as JSON (Content-Type: application/json).";
    RequestUnknownField = "request.unknown_field", "The request has a field this endpoint does not know.";
    RequestInvalidValue = "request.invalid_value", "A field of the request is missing or has the wrong type.";
    RequestInvalidQuery = "request.invalid_query", "A search or filter parameter has a value that is not allowed.";
    RequestCrossOrigin = "request.cross_origin", "This request did not come from Roster's own pages, so it was refused.";
    RequestPreconditionRequired = "request.precondition_required", "Send the version you are changing (If-Match) so that nobody else's changes are overwritten.";
    RequestStale = "request.stale", "Someone else changed this in the meantime. Reload to see their changes, then make yours again.";
    RequestTooMany = "request.too_many", "Too many requests. Wait a moment and try again.";
    RequestTooLarge = "request.too_large", "The request is too large.";
    RequestTimeout = "request.timeout", "The request took too long. Try again.";
    RequestInvalid = "request.invalid", "Some fields need attention.";
    ServerInternal = "server.internal", "Something went wrong on our side. Nothing was changed; please try again.";

    // Signing in.
    AuthUnauthenticated = "auth.unauthenticated", "Sign in to continue.";
    AuthInvalidCredentials = "auth.invalid_credentials", "The username or password is not right.";
    AuthLocked = "auth.locked", "Too many failed sign-ins: this account is locked for 15 minutes, or until an administrator unlocks it.";
    AuthForbidden = "auth.forbidden", "You do not have access to this.";
    AuthPasswordChangeRequired = "auth.password_change_required", "Choose a new password before you continue.";
    AuthCurrentPasswordWrong = "auth.current_password_wrong", "Your current password is not right.";
    AuthThrottled = "auth.throttled", "Too many attempts. Wait a little, then try again.";

    // My details.
    MeDetailsLocked = "me.details_locked", "A group you belong to does not let its members edit their own details. Ask an administrator to change them.";
    MeEmailUnchanged = "me.email_unchanged", "This is already your email address.";
    MeEmailTaken = "me.email_taken", "Another Roster login already answers to this email address.";
    MeEmailLinkInvalid = "me.email_link_invalid", "This link no longer works: it has expired, was already used or was replaced by a newer one. Change your email again from My details.";
    MeChallengeRequired = "me.challenge_required", "Give both a question and its answer.";
    MeChallengeTooLong = "me.challenge_too_long", "A challenge question or answer can be at most 200 characters long.";
    PinInvalid = "pin.invalid", "A PIN is the first four digits of the person's authorization number.";
    PinNotSet = "pin.not_set", "This person has no authorization number yet: they can make one in My details.";

    // Uniqueness and groups.
    UserUsernameTaken = "user.username_taken", "This username is already taken.";
    UserAlreadyMember = "user.already_member", "This person is already a member of this account.";
    GroupNameTaken = "group.name_taken", "A group with this name already exists in this account.";
    GroupNotEmpty = "group.not_empty", "This group still has members. Move them to another group first.";
    GroupDefaultNotDeletable = "group.default_not_deletable", "The default group cannot be deleted.";

    // Importing users from a CSV file: the file as a whole.
    ImportEmpty = "import.empty", "This file is empty. Fill in the template with one person per row and choose it again.";
    ImportBinary = "import.binary", "This file is not a CSV text file (it may be a workbook or an archive). In your spreadsheet, save it as CSV and choose that file.";
    ImportTooLarge = "import.too_large", "This file is larger than 10 MB. Split it into smaller files and import them one by one.";
    ImportTooManyRows = "import.too_many_rows", "This file has more than 50,000 rows. Split it into smaller files and import them one by one.";
    ImportTooManyColumns = "import.too_many_columns", "This file has more than 64 columns. Keep the template's columns and remove the others.";
    ImportMissingColumns = "import.missing_columns", "The first row must name the columns, with at least email, first_name and last_name (or courriel, prénom and nom). Start from the template.";
    ImportQuotesUnbalanced = "import.quotes_unbalanced", "The quotes (\") in this file do not pair up, so its rows cannot be told apart. Check the quotes and save the file again.";
    // Importing: the header and each row.
    ImportUnknownColumn = "import.unknown_column", "Roster does not know this column; it is ignored.";
    ImportDuplicateColumn = "import.duplicate_column", "This column appears twice; only the first one is read.";
    ImportFieldCount = "import.field_count", "This row has more or fewer values than the header has columns. Check for a missing or extra separator.";
    ImportFieldTooLong = "import.field_too_long", "A value can be at most 1,000 characters long; this one was cut.";
    ImportUnterminatedQuote = "import.unterminated_quote", "A quote (\") opened in this row is never closed; only the row's own line was read.";
    ImportDuplicateEmail = "import.duplicate_email", "This email address is already on an earlier row of the file.";
    ImportDuplicateUsername = "import.duplicate_username", "This username is already on an earlier row of the file.";
    ImportExistsElsewhere = "import.exists_elsewhere", "This person already has a Roster login in another account: they will be added to this one.";
    ImportJoinRequest = "import.join_request", "This person already has a Roster login in accounts you do not administer: they will be emailed to accept joining this one, and appear here once they do.";
    ImportUnknownGroup = "import.unknown_group", "This account has no group with this name. Leave it empty for the default group.";
    ImportInvalidRole = "import.invalid_role", "Write admin or user (or leave it empty for user).";
    ImportInvalidYesNo = "import.invalid_yes_no", "Write yes or no (oui or non), or leave it empty for no.";
    ImportSeatsExceeded = "import.seats_exceeded", "There are not enough free licence seats for every row that asks for one; this row is beyond them. Buy more seats or write no.";
    ImportIdempotencyMismatch = "import.idempotency_mismatch", "This import key was already used for different rows. Start the import again.";
    ImportKeyRequired = "import.key_required", "Send an Idempotency-Key header with each import request, so that a retry creates nobody twice.";
    ImportTooManyInChunk = "import.too_many_in_chunk", "Send at most 500 rows in one request.";
}

impl ErrorCode {
    /// Looks a code up by its dotted string.
    pub fn parse(code: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code string that names no [`ErrorCode`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown error code {0:?}")]
pub struct UnknownCode(pub String);

impl FromStr for ErrorCode {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ErrorCode::parse(s).ok_or_else(|| UnknownCode(s.to_owned()))
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        ErrorCode::parse(&s).ok_or_else(|| serde::de::Error::custom(UnknownCode(s)))
    }
}

/// A domain error that reaches a person: it has a stable code.
pub trait Coded {
    /// The stable code of this error.
    fn code(&self) -> ErrorCode;
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_code_is_unique_dotted_and_has_a_sentence() {
        let mut seen = HashSet::new();
        for code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            let (area, name) = s.split_once('.').expect("dotted");
            let snake =
                |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            assert!(snake(area) && snake(name), "{s} is not area.snake_case");
            let msg = code.message_en();
            assert!(msg.ends_with('.'), "{s}: message should be a sentence");
            assert!(
                msg.chars().next().is_some_and(char::is_uppercase),
                "{s}: capitalised"
            );
        }
    }

    #[test]
    fn codes_round_trip_through_text_and_json() {
        for &code in ErrorCode::ALL {
            assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(code));
            let json = serde_json::to_string(&code).expect("serialise");
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(
                serde_json::from_str::<ErrorCode>(&json).expect("deserialise"),
                code
            );
        }
    }

    #[test]
    fn an_unknown_code_is_refused() {
        assert_eq!(
            "email.nope".parse::<ErrorCode>(),
            Err(UnknownCode("email.nope".into()))
        );
        assert!(serde_json::from_str::<ErrorCode>("\"nope\"").is_err());
    }
}
