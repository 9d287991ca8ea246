//! Schemas the derives cannot write alone, for the OpenAPI document: the domain's closed sets of
//! values as enums (read from the domain's own lists, so they cannot drift), and the text rules of
//! names as patterns.

use roster_domain::authz::Role;
use roster_domain::authz::{MAX_LEVELS, MAX_NAME_CHARS};
use roster_domain::group_policy::{IDLE_TIMEOUT_MINUTES_RANGE, MIN_PASSWORD_LENGTH_RANGE};
use roster_domain::invitation::InvitationLifetime;
use roster_domain::lifecycle::UserState;
use roster_domain::values::{
    GroupName, Language, MAX_EMBEDDING_ORIGINS, PersonName, PortalKeyName,
};
use utoipa::openapi::Object;
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};

/// The sort keys of `GET /accounts/{account}/users`, each also descending with a leading `-`.
pub const USER_SORT_KEYS: [&str; 4] = ["name", "email", "state", "created"];

fn strings<'a>(values: impl IntoIterator<Item = &'a str>) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values))
        .build()
}

/// `staged`, `invited`, `active`, …
pub fn user_state() -> Object {
    strings(UserState::ALL.map(UserState::as_str))
}

/// `admin` or `user`.
pub fn role() -> Object {
    strings(Role::ALL.map(Role::as_str))
}

/// `en` or `fr`.
pub fn language() -> Object {
    strings(Language::ALL.map(Language::as_str))
}

/// `name`, `-name`, `email`, … .
pub fn user_sort() -> Object {
    let keys: Vec<String> = USER_SORT_KEYS
        .iter()
        .flat_map(|k| [(*k).to_owned(), format!("-{k}")])
        .collect();
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(keys))
        .build()
}

/// The characters a name may hold, as ranges of a character class: everything of the Basic
/// Multilingual Plane but control characters and the invisible formatting ones the domain's text
/// rule refuses (and surrogates, which are no characters). Names may hold characters beyond it too,
/// but a pattern cannot name those in every regex dialect, and some of them (tags) are refused.
const NAME_CHARS: &str = "\\u0020-\\u007E\\u00A0-\\u00AC\\u00AE-\\u061B\\u061D-\\u180D\\u180F-\\u200A\\u2010-\\u2029\\u202F-\\u205F\\u2065\\u2070-\\uD7FF\\uE000-\\uFEFE\\uFF00-\\uFFF8\\uFFFC-\\uFFFD";

/// The same, less white space: a name needs one of these.
const NAME_MARKS: &str = "\\u0021-\\u007E\\u00A1-\\u00AC\\u00AE-\\u061B\\u061D-\\u167F\\u1681-\\u180D\\u180F-\\u1FFF\\u2010-\\u2027\\u2030-\\u205E\\u2065\\u2070-\\u2FFF\\u3001-\\uD7FF\\uE000-\\uFEFE\\uFF00-\\uFFF8\\uFFFC-\\uFFFD";

/// A name as the domain's text rule takes it: something besides white space, no control or
/// invisible character, and at most `max` characters (the rule counts them after trimming and
/// collapsing white space, so this is never more than it allows).
fn name(max: usize) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(max))
        .pattern(Some(format!(
            "^[{NAME_CHARS}]*[{NAME_MARKS}][{NAME_CHARS}]*$"
        )))
        .build()
}

/// A first or last name.
pub fn person_name() -> Object {
    name(PersonName::MAX_LENGTH)
}

/// A portal key's name.
pub fn portal_key_name() -> Object {
    name(PortalKeyName::MAX_LENGTH)
}

/// A group's name.
pub fn group_name() -> Object {
    name(GroupName::MAX_LENGTH)
}

fn integer(min: i64, max: i64) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
            utoipa::openapi::KnownFormat::Int64,
        )))
        .minimum(Some(min))
        .maximum(Some(max))
        .build()
}

/// A group's shortest password, in characters.
pub fn min_password_length() -> Object {
    integer(
        i64::from(*MIN_PASSWORD_LENGTH_RANGE.start()),
        i64::from(*MIN_PASSWORD_LENGTH_RANGE.end()),
    )
}

/// A group's idle timeout, in minutes.
pub fn idle_timeout_minutes() -> Object {
    integer(
        i64::from(*IDLE_TIMEOUT_MINUTES_RANGE.start()),
        i64::from(*IDLE_TIMEOUT_MINUTES_RANGE.end()),
    )
}

/// How long an invitation link works, in hours.
pub fn invitation_lifetime_hours() -> Object {
    integer(
        i64::from(InvitationLifetime::MIN_HOURS),
        i64::from(InvitationLifetime::MAX_HOURS),
    )
}

/// Licence seats bought.
pub fn seats() -> Object {
    integer(0, i64::from(u32::MAX))
}

/// `schema`, or `null`: an optional field of a body takes `null` as absent.
fn or_null(mut schema: Object) -> Object {
    if let SchemaType::Type(kind) = schema.schema_type {
        schema.schema_type = SchemaType::from_iter([kind, Type::Null]);
    }
    if let Some(values) = &mut schema.enum_values {
        values.push(serde_json::Value::Null);
    }
    schema
}

/// [`role`], or `null`.
pub fn role_or_null() -> Object {
    or_null(role())
}

/// [`language`], or `null`.
pub fn language_or_null() -> Object {
    or_null(language())
}

/// [`person_name`], or `null`.
pub fn person_name_or_null() -> Object {
    or_null(person_name())
}

/// [`group_name`], or `null`.
pub fn group_name_or_null() -> Object {
    or_null(group_name())
}

/// [`min_password_length`], or `null`.
pub fn min_password_length_or_null() -> Object {
    or_null(min_password_length())
}

/// [`idle_timeout_minutes`], or `null`.
pub fn idle_timeout_minutes_or_null() -> Object {
    or_null(idle_timeout_minutes())
}

/// [`invitation_lifetime_hours`], or `null`.
pub fn invitation_lifetime_hours_or_null() -> Object {
    or_null(invitation_lifetime_hours())
}

/// [`seats`], or `null`.
pub fn seats_or_null() -> Object {
    or_null(seats())
}

/// An authorization policy in a request, as the domain's `AuthzPolicy` reads it: at most 16 kinds,
/// each with its levels from lowest to highest and the rule for granting them. What a schema
/// cannot say is checked by the server (422 `authz.policy_invalid`): keys unique, levels unique
/// ignoring case, a `holds` rule naming a kind and level of the policy.
#[allow(dead_code, reason = "never built, only described")]
#[derive(Debug, utoipa::ToSchema)]
#[schema(as = PolicyInput)]
pub struct PolicyInput {
    #[schema(max_items = 16)]
    kinds: Vec<KindInput>,
}

/// One kind of authority in a policy.
#[allow(dead_code, reason = "never built, only described")]
#[derive(Debug, utoipa::ToSchema)]
pub struct KindInput {
    /// Also its column in the import template.
    #[schema(pattern = "^[a-z][a-z0-9_]{0,31}$")]
    key: String,
    /// From lowest to highest.
    #[schema(schema_with = levels)]
    levels: Vec<String>,
    rule: RuleInput,
}

/// What an administrator must hold to grant or revoke a level of the kind.
#[allow(dead_code, reason = "never built, only described")]
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
#[serde(tag = "requires", rename_all = "snake_case")]
pub enum RuleInput {
    /// The same kind, at the level granted or above.
    SameKindAtLeast,
    /// `kind` at `level` or above.
    Holds { kind: String, level: String },
}

/// A kind's levels: 1 to 32, each 1 to 32 characters, no control characters, none at the ends
/// white space.
fn levels() -> utoipa::openapi::Array {
    let level = ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(MAX_NAME_CHARS))
        .pattern(Some(
            "^[^\\s\\u0000-\\u001F\\u007F-\\u009F]([^\\u0000-\\u001F\\u007F-\\u009F]*[^\\s\\u0000-\\u001F\\u007F-\\u009F])?$",
        ));
    utoipa::openapi::ArrayBuilder::new()
        .items(level)
        .min_items(Some(1))
        .max_items(Some(MAX_LEVELS))
        .build()
}

/// An approved email domain, `example.com` or `*.example.com`: letters, digits and hyphens
/// (an internationalised domain in its `xn--` form), two parts at least, the last one starting
/// with a letter.
pub fn approved_domains() -> utoipa::openapi::Array {
    let domain = ObjectBuilder::new()
        .schema_type(Type::String)
        .max_length(Some(253))
        .pattern(Some(
            "^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$",
        ));
    let mut list = utoipa::openapi::ArrayBuilder::new().items(domain).build();
    list.schema_type = SchemaType::from_iter([Type::Array, Type::Null]);
    list
}

/// The origins that may frame an account's embedded pages, or null to leave them: each
/// `https://host[:port]`, or `http://` for `localhost` and `127.x.x.x` (the domain's
/// `EmbeddingOrigin` says the rest: a host of valid labels, no duplicates).
pub fn embedding_origins() -> utoipa::openapi::Array {
    let origin = ObjectBuilder::new()
        .schema_type(Type::String)
        .max_length(Some(300))
        .pattern(Some(
            "^(https://([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?\
             |http://(localhost|127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}))(:[1-9][0-9]{0,3})?$",
        ));
    let mut list = utoipa::openapi::ArrayBuilder::new()
        .items(origin)
        .max_items(Some(MAX_EMBEDDING_ORIGINS))
        .unique_items(true)
        .build();
    list.schema_type = SchemaType::from_iter([Type::Array, Type::Null]);
    list
}
