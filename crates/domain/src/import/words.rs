//! The words a cell may hold for a role or a yes/no, in English or French.

use crate::authz::Role;
use crate::codes::ErrorCode;

/// The value `text` names among `(words, value)`, ignoring case and surrounding spaces (every
/// word is ASCII, so no lower-cased copy is needed).
fn one_of<T: Copy>(text: &str, choices: &[(&[&str], T)]) -> Option<T> {
    let text = crate::values::text::trim(text);
    choices
        .iter()
        .find(|(words, _)| words.iter().any(|w| w.eq_ignore_ascii_case(text)))
        .map(|&(_, value)| value)
}

/// `admin` or `user`, in English or French, any case; blank is `user`.
pub fn parse_role(text: &str) -> Result<Role, ErrorCode> {
    const ROLES: [(&[&str], Role); 2] = [
        (&["", "user", "utilisateur", "utilisatrice"], Role::User),
        (
            &[
                "admin",
                "administrator",
                "administrateur",
                "administratrice",
            ],
            Role::Admin,
        ),
    ];
    one_of(text, &ROLES).ok_or(ErrorCode::ImportInvalidRole)
}

/// yes or no, oui or non (and the usual spreadsheet spellings); blank is no.
pub fn parse_yes_no(text: &str) -> Result<bool, ErrorCode> {
    const ANSWERS: [(&[&str], bool); 2] = [
        (&["yes", "y", "oui", "o", "true", "vrai", "1", "x"], true),
        (&["", "no", "n", "non", "false", "faux", "0"], false),
    ];
    one_of(text, &ANSWERS).ok_or(ErrorCode::ImportInvalidYesNo)
}
