//! Users of an account: the list, one user, adding and changing one, and their accounts.

use roster_domain::ErrorCode;
use roster_domain::authz::{Grants, Role};
use roster_domain::lifecycle::{Action, UserState};
use roster_domain::values::Language;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The filters, sort and page of `GET /accounts/{account}/users`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Matches first and last name, email and username, ignoring case and accents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[cfg_attr(feature = "openapi", param(schema_with = crate::doc::user_state))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<UserState>,
    /// A group id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<i64>,
    #[cfg_attr(feature = "openapi", param(schema_with = crate::doc::role))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licensed: Option<bool>,
    /// `name`, `email`, `state`, `created`; a leading `-` sorts descending.
    #[cfg_attr(feature = "openapi", param(schema_with = crate::doc::user_sort))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    /// From 1 (the default).
    #[cfg_attr(feature = "openapi", param(minimum = 1))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<i64>,
    /// 1 to 100; 25 when absent.
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_page: Option<i64>,
}

/// One row of the users list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListItem {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "active"))]
    pub state: UserState,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "user"))]
    pub role: Role,
    pub group: i64,
    pub group_name: String,
    pub licensed: bool,
    /// When the activation link stops working (Unix seconds), while one is out: an invited
    /// user past it shows as "Invitation expired".
    pub invitation_expires_at: Option<i64>,
    /// The email is outside the account's approved domains (added before the list changed):
    /// flagged, never deleted.
    pub outside_approved_domains: bool,
}

/// A page of users and the total matching.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListPage {
    pub items: Vec<ListItem>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// `GET /accounts/{account}/users/{user}`: a user as one account's administrator sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserDetail {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "en"))]
    pub language: Language,
    pub identity_provider: String,
    pub exchange_domain: Option<String>,
    pub exchange_username: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "active"))]
    pub state: UserState,
    pub must_change_password: bool,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "user"))]
    pub role: Role,
    pub group: i64,
    pub group_name: String,
    pub licensed: bool,
    /// Authority kind → level held.
    #[cfg_attr(feature = "openapi", schema(value_type = Object, example = json!({"records": "B"})))]
    pub authorities: Grants,
    /// Also the ETag: send it back in `If-Match` to change the user.
    pub version: i64,
    /// When the user's activation link stops working (Unix seconds), while one is out.
    pub invitation_expires_at: Option<i64>,
    /// What the viewer may do in this state (`suspend`, `restore`, …).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>, example = json!(["suspend", "deprovision"])))]
    pub allowed_actions: Vec<Action>,
    /// Whether the viewer may edit this user's profile.
    pub editable: bool,
    /// The person also belongs to accounts where the viewer may not manage them: their login
    /// (profile, password, state) is not the viewer's to change, only this membership.
    pub shared: bool,
    /// This person's memberships in the accounts the viewer administers.
    pub memberships: Vec<Membership>,
}

/// One membership of a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Membership {
    pub account_id: i64,
    pub account_name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "user"))]
    pub role: Role,
}

/// `POST /accounts/{account}/users` body: the profile, and the membership in this account.
/// (The profile fields are listed rather than flattened: serde cannot refuse unknown fields
/// through `flatten`.)
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::person_name))]
    pub first_name: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::person_name))]
    pub last_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// `en` or `fr`.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::language_or_null))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_provider: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange_domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange_username: Option<String>,
    /// A group of this account; the default group when absent.
    #[serde(
        default,
        deserialize_with = "crate::whole::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub group: Option<i64>,
    /// `user` when absent.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::role_or_null))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Authority kind → level, each one the acting admin may grant.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<BTreeMap<String, String>>, example = json!({"records": "B"})))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorities: Option<Grants>,
}

/// `PATCH /accounts/{account}/users/{user}` body: the fields to change. An empty `phone` or
/// Exchange field clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UserChanges {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::person_name_or_null))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::person_name_or_null))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// `en` or `fr`.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::language_or_null))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_provider: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange_domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange_username: Option<String>,
    #[serde(
        default,
        deserialize_with = "crate::whole::opt_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub group: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::doc::role_or_null))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Authority kind → level (`{"records": "C", "dr": null}`); `null` revokes.
    #[cfg_attr(feature = "openapi", schema(example = json!({"records": "C", "interaction": null})))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorities: Option<BTreeMap<String, Option<String>>>,
}

/// `POST` / `DELETE /accounts/{account}/users/{user}/memberships` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AccountChoice {
    /// The accounts to add the person to, or remove them from.
    #[serde(deserialize_with = "crate::whole::list")]
    pub accounts: Vec<i64>,
}

/// What happened in one account of a several-accounts change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountOutcome {
    pub account: i64,
    pub ok: bool,
    /// Not a member yet: the person was emailed a request to join, and joins if they accept.
    pub requested: bool,
    /// Why not, when refused (a stable code).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub code: Option<ErrorCode>,
    pub message: Option<String>,
}

/// A result per account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountOutcomes {
    pub results: Vec<AccountOutcome>,
}

/// `POST /accounts/{account}/licence-transfers` body: the members giving and receiving a seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    #[serde(deserialize_with = "crate::whole::int")]
    pub from: i64,
    #[serde(deserialize_with = "crate::whole::int")]
    pub to: i64,
}

/// The state actions of `POST /accounts/{account}/users/{user}/{action}`, as the path names
/// them. Invitations, temporary passwords and deleting for good have addresses of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UserAction {
    Suspend,
    Unsuspend,
    Unlock,
    /// Out of this account; deprovisions the user when it was their last.
    Remove,
    Deprovision,
    Restore,
}

impl UserAction {
    /// The path segment.
    pub const fn as_str(self) -> &'static str {
        match self {
            UserAction::Suspend => "suspend",
            UserAction::Unsuspend => "unsuspend",
            UserAction::Unlock => "unlock",
            UserAction::Remove => "remove",
            UserAction::Deprovision => "deprovision",
            UserAction::Restore => "restore",
        }
    }

    /// The lifecycle action, or `None` for `remove` (out of one account, which becomes a
    /// deprovisioning only when it was the last).
    pub const fn action(self) -> Option<Action> {
        match self {
            UserAction::Suspend => Some(Action::Suspend),
            UserAction::Unsuspend => Some(Action::Unsuspend),
            UserAction::Unlock => Some(Action::Unlock),
            UserAction::Deprovision => Some(Action::Deprovision),
            UserAction::Restore => Some(Action::Restore),
            UserAction::Remove => None,
        }
    }

    /// The action of the path for a lifecycle action, when it has one here.
    pub const fn of(action: Action) -> Option<UserAction> {
        match action {
            Action::Suspend => Some(UserAction::Suspend),
            Action::Unsuspend => Some(UserAction::Unsuspend),
            Action::Unlock => Some(UserAction::Unlock),
            Action::Deprovision => Some(UserAction::Deprovision),
            Action::Restore => Some(UserAction::Restore),
            _ => None,
        }
    }
}
