//! Counts in words: the form a word takes after a number, and sentences with numbers in them.
//!
//! A catalogue text that changes with a count holds its forms separated by `|`, in the order of
//! [`Form`]: English `"row|rows"`, French `"ligne|lignes"`. A text without `|` is the same for
//! every count (English "ready to create"). Which form a count takes is its language's rule:
//! English keeps the singular for 1 alone (0 rows, 1 row, 2 rows), French for 0 and 1 as well
//! (0 ligne, 1 ligne, 2 lignes). A sentence whose words move around its numbers from one
//! language to the next is one text with named places, filled by [`fill`]:
//! `"Read and checked {rows} in {ms} ms."`. Numbers are written with their thousands set apart,
//! as the language does ([`number`]).

pub use roster_domain::values::Language;

/// The form of a word after a count, named as in Unicode's plural rules (CLDR).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The singular: 1 in English, 0 and 1 in French.
    One,
    /// Every other count.
    Other,
}

/// The form a word takes after `n` in `language`.
pub const fn form(language: Language, n: u64) -> Form {
    let one = match language {
        Language::En => n == 1,
        Language::Fr => n <= 1,
    };
    if one { Form::One } else { Form::Other }
}

/// The word of `forms` (`"row|rows"`) that follows `n` in `language`; a text without `|` is
/// the word for every count.
pub fn word(language: Language, n: u64, forms: &str) -> &str {
    let (one, other) = forms.split_once('|').unwrap_or((forms, forms));
    match form(language, n) {
        Form::One => one,
        Form::Other => other,
    }
}

/// `n` and the word of `forms` that follows it in the app's language: "1 row", "14 rows".
pub fn count(n: usize, forms: &str) -> String {
    counted(super::language(), n, forms)
}

/// `n` and the word of `forms` that follows it in `language`.
pub fn counted(language: Language, n: usize, forms: &str) -> String {
    format!(
        "{} {}",
        grouped(language, n),
        word(language, n as u64, forms)
    )
}

/// `n` as the app's language writes it: 50,000.
pub fn number(n: usize) -> String {
    grouped(super::language(), n)
}

/// `n` with its thousands set apart as `language` writes them: 50,000 in English, 50 000 in
/// French (with a narrow no-break space, so that a number never breaks across lines).
pub fn grouped(language: Language, n: usize) -> String {
    let separator = match language {
        Language::En => ',',
        Language::Fr => '\u{202F}',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// `text` with each `{name}` of `values` replaced by its value.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_owned(), |out, (name, value)| {
        out.replace(&format!("{{{name}}}"), value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    #[test]
    fn english_keeps_the_singular_for_one_alone() {
        let rows = |n| counted(Language::En, n, "row|rows");
        assert_eq!(rows(0), "0 rows");
        assert_eq!(rows(1), "1 row");
        assert_eq!(rows(2), "2 rows");
        assert_eq!(rows(999), "999 rows");
        assert_eq!(rows(3001), "3,001 rows");
        assert_eq!(rows(1_234_567), "1,234,567 rows");
        assert_eq!(
            count(1, "row|rows"),
            "1 row",
            "the app's language is English"
        );
    }

    #[test]
    fn french_keeps_the_singular_for_zero_and_one() {
        let lines = |n| counted(Language::Fr, n, "ligne|lignes");
        assert_eq!(lines(0), "0 ligne");
        assert_eq!(lines(1), "1 ligne");
        assert_eq!(lines(2), "2 lignes");
        assert_eq!(lines(50_000), "50\u{202F}000 lignes");
    }

    #[test]
    fn a_text_without_forms_is_the_same_for_every_count() {
        assert_eq!(word(Language::En, 1, "ready to create"), "ready to create");
        assert_eq!(word(Language::En, 7, "ready to create"), "ready to create");
    }

    #[test]
    fn a_sentence_is_filled_by_name_in_any_order() {
        let en = "Read and checked {rows} in {ms} ms.";
        let fr = "{ms} ms pour lire et vérifier {rows}.";
        let values = [("rows", "14 rows"), ("ms", "3")];
        assert_eq!(fill(en, &values), "Read and checked 14 rows in 3 ms.");
        assert_eq!(fill(fr, &values), "3 ms pour lire et vérifier 14 rows.");
    }
}
