//! Text as it is stored to be matched: lower-cased and stripped of accents, so `zoe` finds Zoë
//! and `FRANCOIS` François. A group's name key and a user's search text are kept this way.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text for case- and accent-insensitive matching.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The text a user is found by: names, email and username.
pub fn user_text(first: &str, last: &str, email: &str, username: &str) -> String {
    fold(&format!("{first} {last} {email} {username}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Zoë FRANÇOIS Émile"), "zoe francois emile");
    }
}
