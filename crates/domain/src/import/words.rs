//! The words a cell may hold for a role, a yes/no or a language, in English or French.

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

/// The language code a `language` cell names: the code itself (`fr`), or the language's name in
/// English or French (`French`, `Français`), any case; any other text as it is, for the
/// profile's check to refuse.
pub fn language_code(text: &str) -> &str {
    const NAMES: [(&[&str], &str); 2] = [
        (&["english", "anglais"], "en"),
        (&["french", "français", "francais"], "fr"),
    ];
    let word = crate::values::text::trim(text);
    // A code (`fr`), as most cells hold, is no name: each name has 6 characters or more, each
    // the lower case of one character of the word, so the word has 6 bytes or more.
    if word.len() < 6 {
        return text;
    }
    // An ASCII word is compared byte by byte; `FRANÇAIS` is not ASCII: each character is
    // lower-cased as it is compared, without a copy.
    let named = |name: &&str| match word.is_ascii() {
        true => word.eq_ignore_ascii_case(name),
        false => word.chars().flat_map(char::to_lowercase).eq(name.chars()),
    };
    NAMES
        .iter()
        .find(|(names, _)| names.iter().any(named))
        .map_or(text, |&(_, code)| code)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn roles_answers_and_languages_are_read_in_english_or_french() {
        assert_eq!(parse_role("Utilisateur"), Ok(Role::User));
        assert_eq!(parse_role(" ADMINISTRATRICE "), Ok(Role::Admin));
        assert_eq!(parse_role("admin"), Ok(Role::Admin));
        assert_eq!(parse_role("chef"), Err(ErrorCode::ImportInvalidRole));
        assert_eq!(parse_yes_no("Oui"), Ok(true));
        assert_eq!(parse_yes_no("NON"), Ok(false));
        assert_eq!(parse_yes_no("yes"), Ok(true));
        assert_eq!(
            parse_yes_no("peut-être"),
            Err(ErrorCode::ImportInvalidYesNo)
        );
        assert_eq!(language_code("FRANÇAIS"), "fr");
        assert_eq!(language_code(" Français "), "fr");
        assert_eq!(language_code("French"), "fr");
        assert_eq!(language_code("anglais"), "en");
        assert_eq!(language_code("fr"), "fr");
        assert_eq!(language_code("Deutsch"), "Deutsch");
    }
}
