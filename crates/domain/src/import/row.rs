//! One row's values checked on their own, with the same constructors and rules as the Add-user
//! form: the browser calls this for each row of a file, the server again for each row it is sent.

use super::columns::Field;
use super::words::{language_code, parse_role, parse_yes_no};
use super::{Context, Severity};
use crate::authz::{Grants, Role};
use crate::codes::{Coded, ErrorCode};
use crate::profile::{CheckedProfile, Profile, ProfileInput, field};
use crate::values::text::{eq_ignoring_case, trim};
use crate::values::{GroupName, check_approved_domain};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A row's values as written (blank means absent), by template column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RowValues {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub username: String,
    pub phone: String,
    pub language: String,
    pub group: String,
    pub role: String,
    pub licence: String,
    /// Authority kind key → level as written.
    pub authorities: BTreeMap<String, String>,
    pub exchange_domain: String,
    pub exchange_username: String,
}

/// A row's values borrowed, by template column (blank means absent): what the checks read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowView<'a> {
    pub email: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub username: &'a str,
    pub phone: &'a str,
    pub language: &'a str,
    pub group: &'a str,
    pub role: &'a str,
    pub licence: &'a str,
    /// Authority kind key → level as written.
    pub authorities: Vec<(&'a str, &'a str)>,
    pub exchange_domain: &'a str,
    pub exchange_username: &'a str,
}

impl RowValues {
    /// The values, borrowed.
    pub fn view(&self) -> RowView<'_> {
        RowView {
            email: &self.email,
            first_name: &self.first_name,
            last_name: &self.last_name,
            username: &self.username,
            phone: &self.phone,
            language: &self.language,
            group: &self.group,
            role: &self.role,
            licence: &self.licence,
            authorities: self
                .authorities
                .iter()
                .map(|(k, l)| (k.as_str(), l.as_str()))
                .collect(),
            exchange_domain: &self.exchange_domain,
            exchange_username: &self.exchange_username,
        }
    }
}

impl RowView<'_> {
    /// The values, owned.
    pub fn to_values(&self) -> RowValues {
        RowValues {
            email: self.email.to_owned(),
            first_name: self.first_name.to_owned(),
            last_name: self.last_name.to_owned(),
            username: self.username.to_owned(),
            phone: self.phone.to_owned(),
            language: self.language.to_owned(),
            group: self.group.to_owned(),
            role: self.role.to_owned(),
            licence: self.licence.to_owned(),
            authorities: self
                .authorities
                .iter()
                .map(|&(k, l)| (k.to_owned(), l.to_owned()))
                .collect(),
            exchange_domain: self.exchange_domain.to_owned(),
            exchange_username: self.exchange_username.to_owned(),
        }
    }
}

/// What a valid row asks for: a profile and a membership of the account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMember {
    pub profile: Profile,
    /// The group's name as the account spells it; `None` for the default group.
    pub group: Option<String>,
    pub role: Role,
    pub licence: bool,
    pub grants: Grants,
}

/// A finding about one cell of a row, before it knows its row number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellFinding {
    pub field: Field,
    pub code: ErrorCode,
    pub severity: Severity,
}

impl CellFinding {
    fn error(field: Field, code: ErrorCode) -> CellFinding {
        CellFinding {
            field,
            code,
            severity: Severity::Error,
        }
    }
}

/// Checks one row on its own (duplicates, existing users and seats need the whole file: see
/// [`super::Checker`]). The member is returned only when no finding is an error.
pub fn check_values(values: &RowView<'_>, ctx: &Context) -> (Vec<CellFinding>, Option<NewMember>) {
    let (findings, checked) = check_own(values, ctx);
    let member = checked.map(|c| NewMember {
        profile: c.profile.into_profile(),
        group: c.group.map(|g| g.into_owned()),
        role: c.role,
        licence: c.licence,
        grants: grants_of(values, ctx),
    });
    (findings, member)
}

/// A row that passed its own checks, holding no more than the file's checks need (a file of
/// 50,000 rows is checked without copying group names or building grants).
#[derive(Debug)]
pub(crate) struct Checked<'a> {
    pub profile: CheckedProfile<'a>,
    pub group: Option<Cow<'a, str>>,
    pub role: Role,
    pub licence: bool,
}

/// Every check of one row, all findings at once; what passed when nothing is an error.
pub(crate) fn check_own<'a>(
    values: &RowView<'a>,
    ctx: &'a Context,
) -> (Vec<CellFinding>, Option<Checked<'a>>) {
    let mut findings = Vec::new();
    fn blank(s: &str) -> Option<&str> {
        Some(s).filter(|s| !trim(s).is_empty())
    }
    let draft = ProfileInput {
        email: values.email,
        username: blank(values.username),
        first_name: values.first_name,
        last_name: values.last_name,
        phone: blank(values.phone),
        language: blank(values.language).map(language_code),
        identity_provider: None,
        exchange_domain: blank(values.exchange_domain),
        exchange_username: blank(values.exchange_username),
    };
    let profile = match draft.check_borrowed() {
        Ok(profile) => Some(profile),
        Err(issues) => {
            findings.extend(
                issues
                    .into_iter()
                    .map(|issue| CellFinding::error(profile_field(&issue.field), issue.code)),
            );
            None
        }
    };
    if let Some(profile) = &profile
        && let Err(refusal) = check_approved_domain(profile.email_domain(), &ctx.approved)
    {
        findings.push(CellFinding::error(Field::Email, refusal.code()));
    }
    let group = check_group(trim(values.group), ctx)
        .map_err(|code| findings.push(CellFinding::error(Field::Group, code)))
        .ok();
    let role = parse_role(values.role)
        .map_err(|code| findings.push(CellFinding::error(Field::Role, code)))
        .ok();
    let licence = parse_yes_no(values.licence)
        .map_err(|code| findings.push(CellFinding::error(Field::Licence, code)))
        .ok();
    for &(kind, level) in &values.authorities {
        if let Err(code) = check_level(kind, level, ctx) {
            findings.push(CellFinding::error(Field::Authority(kind.to_owned()), code));
        }
    }
    let checked = match (profile, group, role, licence) {
        (Some(profile), Some(group), Some(role), Some(licence)) if findings.is_empty() => {
            Some(Checked {
                profile,
                group,
                role,
                licence,
            })
        }
        _ => None,
    };
    (findings, checked)
}

/// The level as the policy spells it, if the kind has it and the acting admin may grant it;
/// `None` for a blank cell.
fn check_level<'c>(
    kind: &str,
    level: &str,
    ctx: &'c Context,
) -> Result<Option<&'c str>, ErrorCode> {
    let level = trim(level);
    if level.is_empty() {
        return Ok(None);
    }
    let found = ctx.policy.kind(kind).ok_or(ErrorCode::AuthzUnknownKind)?;
    let level = found
        .level_ignoring_case(level)
        .ok_or(ErrorCode::AuthzUnknownLevel)?;
    if ctx
        .grantable
        .as_ref()
        .is_some_and(|g| !g.offers(kind, level))
    {
        return Err(ErrorCode::AuthzInsufficientAuthority);
    }
    Ok(Some(level))
}

/// The grants a checked row asks for.
fn grants_of(values: &RowView<'_>, ctx: &Context) -> Grants {
    let mut grants = Grants::new();
    for &(kind, level) in &values.authorities {
        if let Ok(Some(level)) = check_level(kind, level, ctx) {
            grants.set(kind, Some(level));
        }
    }
    grants
}

/// The import column of a profile field.
fn profile_field(name: &str) -> Field {
    match name {
        field::USERNAME => Field::Username,
        field::FIRST_NAME => Field::FirstName,
        field::LAST_NAME => Field::LastName,
        field::PHONE => Field::Phone,
        field::LANGUAGE => Field::Language,
        field::EXCHANGE_DOMAIN => Field::ExchangeDomain,
        field::EXCHANGE_USERNAME => Field::ExchangeUsername,
        _ => Field::Email,
    }
}

/// The group named, as the account spells it (any case); blank is the default group. Without
/// an account to look in, any well-formed name passes.
fn check_group<'c>(name: &'c str, ctx: &'c Context) -> Result<Option<Cow<'c, str>>, ErrorCode> {
    if name.is_empty() {
        return Ok(None);
    }
    // A group of the account is a valid name by definition: no need to check it again.
    if let Some(group) = ctx
        .groups
        .iter()
        .flatten()
        .find(|g| eq_ignoring_case(g, name))
    {
        return Ok(Some(Cow::Borrowed(group.as_str())));
    }
    let parsed = GroupName::canonical(name).map_err(|e| e.code())?;
    match ctx.groups {
        None => Ok(Some(parsed)),
        Some(_) => Err(ErrorCode::ImportUnknownGroup),
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::authz::{Grantable, GrantableKind};
    use crate::values::ApprovedDomain;

    fn values(email: &str) -> RowValues {
        RowValues {
            email: email.into(),
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            ..RowValues::default()
        }
    }

    fn codes(findings: &[CellFinding]) -> Vec<(&str, &str)> {
        findings
            .iter()
            .map(|f| (f.field.name(), f.code.as_str()))
            .collect()
    }

    #[test]
    fn a_plain_row_is_a_staged_user_in_the_default_group() {
        let (findings, member) =
            check_values(&values("ada@example.com").view(), &Context::default());
        assert!(findings.is_empty(), "{findings:?}");
        let member = member.expect("valid");
        assert_eq!(member.profile.username.as_str(), "ada@example.com");
        assert_eq!(
            (member.group, member.role, member.licence),
            (None, Role::User, false)
        );
    }

    #[test]
    fn every_cell_is_checked_at_once() {
        let mut row = values("ada@");
        row.first_name = String::new();
        row.phone = "555".into();
        row.role = "boss".into();
        row.licence = "maybe".into();
        row.authorities.insert("records".into(), "Z".into());
        let (findings, member) = check_values(&row.view(), &Context::default());
        assert_eq!(member, None);
        assert_eq!(
            codes(&findings),
            vec![
                ("email", "email.invalid_domain"),
                ("first_name", "person_name.required"),
                ("phone", "phone.missing_country_code"),
                ("role", "import.invalid_role"),
                ("licence", "import.invalid_yes_no"),
                ("records", "authz.unknown_level"),
            ]
        );
    }

    #[test]
    fn the_account_decides_domains_groups_and_grants() {
        let ctx = Context {
            approved: vec![ApprovedDomain::parse("acme.test").expect("domain")],
            groups: Some(vec!["Finance".into()]),
            grantable: Some(Grantable {
                roles: Role::ALL.to_vec(),
                kinds: vec![GrantableKind {
                    kind: "records".into(),
                    levels: vec!["A".into(), "B".into()],
                }],
            }),
            ..Context::default()
        };
        let mut row = values("ada@example.com");
        row.group = "Sales".into();
        row.authorities.insert("records".into(), "c".into());
        let (findings, _) = check_values(&row.view(), &ctx);
        assert_eq!(
            codes(&findings),
            vec![
                ("email", "domain.not_approved"),
                ("group", "import.unknown_group"),
                ("records", "authz.insufficient_authority"),
            ]
        );
        let mut row = values("ada@acme.test");
        row.group = "FINANCE".into();
        row.role = "Administrateur".into();
        row.licence = "oui".into();
        row.authorities.insert("records".into(), "b".into());
        let (findings, member) = check_values(&row.view(), &ctx);
        assert!(findings.is_empty(), "{findings:?}");
        let member = member.expect("valid");
        assert_eq!(member.group.as_deref(), Some("Finance"));
        assert_eq!((member.role, member.licence), (Role::Admin, true));
        assert_eq!(member.grants.level("records"), Some("B"));
    }
}
