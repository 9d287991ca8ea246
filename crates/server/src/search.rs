//! Search text: lower-cased and stripped of accents, so `zoe` finds Zoë and `FRANCOIS` François.

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

/// A `LIKE` pattern matching `query` anywhere, with `%`, `_` and `\` taken literally.
pub fn like_pattern(query: &str) -> String {
    let mut pattern = String::from("%");
    for c in fold(query.trim()).chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Zoë FRANÇOIS Émile"), "zoe francois emile");
    }

    #[test]
    fn like_patterns_take_wildcards_literally() {
        assert_eq!(like_pattern(" 50%_off "), "%50\\%\\_off%");
    }
}
