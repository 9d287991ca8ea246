//! The template's columns, and the header names people write for them, in English or French.

use crate::authz::AuthzPolicy;
use serde::{Deserialize, Serialize};

/// A column Roster reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Email,
    FirstName,
    LastName,
    Username,
    Phone,
    Language,
    Group,
    Role,
    Licence,
    /// One column per authority kind of the account, named by its key (`records`).
    Authority(String),
    ExchangeDomain,
    ExchangeUsername,
}

/// The fixed columns with their template name in English and in French, and the other names
/// accepted for them.
const FIXED: [(Field, &str, &str, &[&str]); 11] = [
    (Field::Email, "email", "courriel", &["e_mail", "mail"]),
    (Field::FirstName, "first_name", "prénom", &["prenom"]),
    (Field::LastName, "last_name", "nom", &["nom_de_famille"]),
    (
        Field::Username,
        "username",
        "identifiant",
        &["nom_utilisateur", "nom_d'utilisateur", "nom_d’utilisateur"],
    ),
    (Field::Phone, "phone", "téléphone", &["telephone"]),
    (Field::Language, "language", "langue", &[]),
    (Field::Group, "group", "groupe", &[]),
    (Field::Role, "role", "rôle", &[]),
    (Field::Licence, "licence", "licence", &["license"]),
    (
        Field::ExchangeDomain,
        "exchange_domain",
        "domaine_exchange",
        &[],
    ),
    (
        Field::ExchangeUsername,
        "exchange_username",
        "identifiant_exchange",
        &["utilisateur_exchange"],
    ),
];

impl Field {
    /// The template's name of this column (`first_name`, `records`).
    pub fn name(&self) -> &str {
        match self {
            Field::Authority(kind) => kind,
            fixed => FIXED
                .iter()
                .find(|(field, _, _, _)| field == fixed)
                .map_or("", |(_, name, _, _)| name),
        }
    }

    /// The French template's name of this column (`prénom`; an authority keeps its key).
    pub fn french_name(&self) -> &str {
        match self {
            Field::Authority(kind) => kind,
            fixed => FIXED
                .iter()
                .find(|(field, _, _, _)| field == fixed)
                .map_or("", |(_, _, french, _)| french),
        }
    }

    /// The column a header names, if any: case, surrounding spaces, and spaces or dashes for
    /// underscores do not matter (`First Name`, `first-name`, `PRÉNOM`).
    pub fn from_header(header: &str, policy: &AuthzPolicy) -> Option<Field> {
        let wanted: String = header
            .trim()
            .chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .collect();
        // Decomposed accents (files from macOS) compare like composed ones.
        let wanted = wanted.replace("e\u{301}", "é").replace("o\u{302}", "ô");
        FIXED
            .iter()
            .find(|(_, name, french, others)| {
                *name == wanted || *french == wanted || others.contains(&wanted.as_str())
            })
            .map(|(field, _, _, _)| field.clone())
            .or_else(|| {
                policy
                    .kinds()
                    .iter()
                    .find(|kind| kind.key.to_lowercase() == wanted)
                    .map(|kind| Field::Authority(kind.key.clone()))
            })
    }
}

/// The template's header: every fixed column, the policy's kinds after `licence`.
pub fn template_fields(policy: &AuthzPolicy) -> Vec<Field> {
    let mut fields: Vec<Field> = FIXED.iter().map(|(f, _, _, _)| f.clone()).collect();
    let at = fields
        .iter()
        .position(|f| *f == Field::Licence)
        .map_or(fields.len(), |i| i + 1);
    fields.splice(
        at..at,
        policy
            .kinds()
            .iter()
            .map(|kind| Field::Authority(kind.key.clone())),
    );
    fields
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn english_and_french_headers_in_any_case() {
        let policy = AuthzPolicy::default();
        let read = |h: &str| Field::from_header(h, &policy);
        assert_eq!(read(" Email "), Some(Field::Email));
        assert_eq!(read("COURRIEL"), Some(Field::Email));
        assert_eq!(read("First Name"), Some(Field::FirstName));
        assert_eq!(read("Prénom"), Some(Field::FirstName));
        assert_eq!(read("pre\u{301}nom"), Some(Field::FirstName));
        assert_eq!(read("prenom"), Some(Field::FirstName));
        assert_eq!(read("nom"), Some(Field::LastName));
        assert_eq!(read("Nom_Utilisateur"), Some(Field::Username));
        assert_eq!(read("Identifiant"), Some(Field::Username));
        assert_eq!(read("nom d’utilisateur"), Some(Field::Username));
        assert_eq!(read("Identifiant Exchange"), Some(Field::ExchangeUsername));
        assert_eq!(read("domaine-exchange"), Some(Field::ExchangeDomain));
        assert_eq!(read("Téléphone"), Some(Field::Phone));
        assert_eq!(read("langue"), Some(Field::Language));
        assert_eq!(read("Groupe"), Some(Field::Group));
        assert_eq!(read("rôle"), Some(Field::Role));
        assert_eq!(read("ro\u{302}le"), Some(Field::Role));
        assert_eq!(read("Licence"), Some(Field::Licence));
        assert_eq!(read("DR"), Some(Field::Authority("dr".into())));
        assert_eq!(read("records"), Some(Field::Authority("records".into())));
        assert_eq!(read("department"), None);
    }

    #[test]
    fn every_french_name_reads_back_as_its_column() {
        let policy = AuthzPolicy::default();
        for field in template_fields(&policy) {
            assert_eq!(
                Field::from_header(field.french_name(), &policy),
                Some(field.clone())
            );
            assert_eq!(Field::from_header(field.name(), &policy), Some(field));
        }
    }

    #[test]
    fn the_template_lists_the_kinds_after_licence() {
        let names: Vec<String> = template_fields(&AuthzPolicy::default())
            .iter()
            .map(|f| f.name().to_owned())
            .collect();
        assert_eq!(
            names.join(","),
            "email,first_name,last_name,username,phone,language,group,role,licence,\
             records,interaction,dr,exchange_domain,exchange_username"
        );
    }
}
