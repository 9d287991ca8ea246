//! Cleaning free text that people read: names of people, groups and accounts.
//!
//! Any script is welcome (accents, CJK, Arabic…), but not characters that print nothing or that
//! change how the text around them is shown: control characters, zero-width characters and bidi
//! overrides. They make two names look the same or a name look like something it is not
//! ("Ann\u{202E}nimda" renders backwards), and they break CSV exports and emails.
//!
//! Normalisation, lower case and letters ask the platform for Unicode's tables: the browser's in
//! wasm, where std's or a crate's copy would be downloaded with the app (`eq_ignoring_case`, run
//! on every cell of an import, keeps std's, in the bundle that imports).

use std::borrow::Cow;

/// Why a piece of text was refused; each name type turns this into its own coded error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextProblem {
    Empty,
    TooLong { max: usize, actual: usize },
    ForbiddenCharacter { character: char },
}

/// Invisible formatting characters: soft hyphen, bidi marks, embeddings, overrides and isolates,
/// zero-width spaces and joiners, word joiners and invisible operators, the byte-order mark,
/// interlinear annotations, and the tag characters (which can hide a whole message in a name).
pub(crate) fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// `input` in Unicode normalisation form C, by the tables the platform already holds: the
/// browser's own `String.prototype.normalize` in wasm (sparing the app the ~50 KB of tables a
/// crate would bring), the `unicode-normalization` crate natively. The same tests run on both.
fn nfc(input: &str) -> Cow<'_, str> {
    // Text without a character from U+0300 on is already NFC (no character below the combining
    // diacritical marks decomposes differently or combines with its neighbour), so the common
    // case, Latin names with or without accents, skips the tables and the trip to JavaScript: an
    // import of 50,000 rows checks 100,000 names. A test compares this with the tables.
    if input.chars().all(|c| u32::from(c) < 0x300) {
        return input.into();
    }
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(input).normalize("NFC")).into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use unicode_normalization::UnicodeNormalization;
        input.nfc().collect::<String>().into()
    }
}

/// `input` in lower case, by the platform's own case tables, as [`nfc`]: the browser's
/// `String.prototype.toLowerCase` in wasm, `str::to_lowercase` natively. Both apply Unicode's
/// default mapping, without locale, a final sigma included; the browser's spares the people's
/// bundle std's 11 KB table (and the panic message that comes with it), some 9 KB of its
/// brotli. ASCII, most text, skips the trip to JavaScript. A test compares the two.
pub(crate) fn lowercase(input: &str) -> String {
    if input.is_ascii() {
        return input.to_ascii_lowercase();
    }
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(input).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        input.to_lowercase()
    }
}

/// `input` without what is not a letter (Unicode's Alphabetic) at either end: `jdoe` from
/// `2024jdoe!`. By the platform's tables again: a regular expression in the browser
/// (`\P{Alphabetic}`), sparing the people's bundle std's table of letters (1 KB of its brotli,
/// the expression's own code counted), `char::is_alphabetic` natively. A test compares the two.
pub(crate) fn trim_non_letters(input: &str) -> Cow<'_, str> {
    if input.is_ascii() {
        return input
            .trim_matches(|c: char| !c.is_ascii_alphabetic())
            .into();
    }
    #[cfg(target_arch = "wasm32")]
    {
        let ends = js_sys::RegExp::new(r"^\P{Alphabetic}+|\P{Alphabetic}+$", "gu");
        String::from(js_sys::JsString::from(input).replace_by_pattern(&ends, "")).into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        input.trim_matches(|c: char| !c.is_alphabetic()).into()
    }
}

/// `text` without whitespace at either end, as `str::trim`, at once for the common case: text
/// that starts and ends with a visible ASCII character (an import trims each cell of 50,000 rows
/// several times over: as it reads the cell, and in each check that takes text from anywhere).
pub(crate) fn trim(text: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if text.is_empty() || (visible(text.as_bytes().first()) && visible(text.as_bytes().last())) {
        text
    } else {
        text.trim()
    }
}

/// Whether `a` and `b` are the same text in any case (`É` and `é`), without lower-cased copies:
/// run on every cell of an import that names a group or a level.
pub(crate) fn eq_ignoring_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
    }
}

/// A character no displayed text should hold.
pub(crate) fn is_forbidden(c: char) -> bool {
    // ASCII, most of any text, holds controls and no invisible formatting: one comparison.
    if c.is_ascii() {
        c.is_ascii_control()
    } else {
        c.is_control() || is_invisible_format(c)
    }
}

/// NFC-normalises, trims, refuses control and invisible characters, collapses inner runs of
/// whitespace to one space, and checks the length in characters (1 to `max`); borrowed when that
/// is `input` trimmed, as it mostly is (an import cleans two names a row).
///
/// NFC first, so `é` typed as `e` + combining accent and `é` typed precomposed are the same name
/// and count as one character. Tabs and line breaks are control characters: refused, not
/// collapsed, because they come from pasting something that was not meant to be a name.
pub(crate) fn clean_text(input: &str, max: usize) -> Result<Cow<'_, str>, TextProblem> {
    match nfc(input) {
        Cow::Borrowed(text) => clean_trimmed(trim(text), max),
        Cow::Owned(text) => clean_trimmed(trim(&text), max).map(|c| Cow::Owned(c.into_owned())),
    }
}

/// [`clean_text`] after NFC and trimming.
fn clean_trimmed(trimmed: &str, max: usize) -> Result<Cow<'_, str>, TextProblem> {
    if trimmed.is_empty() {
        return Err(TextProblem::Empty);
    }
    // One pass: the first forbidden character, the length in characters, and whether any run of
    // whitespace is other than one plain space.
    let mut actual = 0;
    let mut after_space = false;
    let mut collapse = false;
    for c in trimmed.chars() {
        if is_forbidden(c) {
            return Err(TextProblem::ForbiddenCharacter { character: c });
        }
        if c.is_whitespace() {
            collapse |= after_space || c != ' ';
            if !after_space {
                actual += 1;
            }
            after_space = true;
        } else {
            actual += 1;
            after_space = false;
        }
    }
    if actual > max {
        return Err(TextProblem::TooLong { max, actual });
    }
    if !collapse {
        return Ok(Cow::Borrowed(trimmed));
    }
    let mut cleaned = String::with_capacity(trimmed.len());
    for word in trimmed.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !cleaned.is_empty() {
            cleaned.push(' ');
        }
        cleaned.push_str(word);
    }
    Ok(Cow::Owned(cleaned))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn inner_whitespace_collapses_to_one_space() {
        assert_eq!(
            clean_text(" Ann \u{00A0}\u{3000} Lee  ", 100),
            Ok("Ann Lee".into())
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn everything_below_the_combining_marks_is_already_nfc() {
        use unicode_normalization::UnicodeNormalization;
        let below: Vec<char> = (0..0x300u32).filter_map(char::from_u32).collect();
        // Each character alone, and every pair: nothing decomposes and nothing composes.
        for &a in &below {
            for &b in &below {
                let two: String = [a, b].into_iter().collect();
                assert!(two.nfc().eq(two.chars()), "{a:?}{b:?}");
            }
        }
    }

    #[test]
    fn lower_case_is_std_s_in_the_browser_too() {
        for text in [
            "Password-1234",
            "ÉLODIE Ørsted",
            "ΟΔΥΣΣΕΥΣ ΣΑΣ",
            "Straße STRASSE ẞ",
            "İstanbul",
            "ǅemal ǈuba",
            "Ⅻ ⒶⒷ 𐐀𐐁",
            "ПАРОЛЬ пароль",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        }
    }

    #[test]
    fn letters_are_std_s_in_the_browser_too() {
        for text in [
            "2024jdoe!",
            "!!",
            "",
            "«Élodie»",
            "١٢٣مريم٤٥",
            "🙂ΟΔΥΣΣΕΥΣ🙂",
            "  ǅemal\u{0301}. ",
            "ⅫⅫ42",
            "日本語",
        ] {
            let std = text.trim_matches(|c: char| !c.is_alphabetic());
            assert_eq!(trim_non_letters(text), std, "{text}");
        }
    }

    #[test]
    fn decomposed_accents_are_composed_and_counted_once() {
        let decomposed = "Zoe\u{0301}";
        assert_eq!(clean_text(decomposed, 4), Ok("Zo\u{00E9}".into()));
        assert_eq!(
            clean_text(&"e\u{0301}".repeat(3), 3),
            Ok("\u{00E9}".repeat(3).into())
        );
    }

    #[test]
    fn every_listed_invisible_character_is_refused() {
        for character in [
            '\u{00AD}',
            '\u{061C}',
            '\u{180E}',
            '\u{200B}',
            '\u{200D}',
            '\u{200F}',
            '\u{202A}',
            '\u{202E}',
            '\u{2060}',
            '\u{2064}',
            '\u{2066}',
            '\u{206F}',
            '\u{FEFF}',
            '\u{FFF9}',
            '\u{FFFB}',
            '\u{E0041}',
            '\0',
            '\t',
            '\n',
            '\u{7F}',
            '\u{85}',
        ] {
            assert_eq!(
                clean_text(&format!("An{character}n"), 100),
                Err(TextProblem::ForbiddenCharacter { character }),
                "U+{:04X}",
                u32::from(character)
            );
        }
    }

    #[test]
    fn neighbours_of_the_invisible_ranges_are_kept() {
        // The hyphens U+2010 and U+2011 and the object replacement U+FFFC sit right next to the
        // refused ranges: they are visible, so the ranges must not be off by one.
        assert_eq!(clean_text("A\u{2010}B", 10), Ok("A\u{2010}B".into()));
        assert!(clean_text("A\u{2011}B", 10).is_ok());
        assert!(clean_text("A\u{FFFC}B", 10).is_ok());
    }

    #[test]
    fn ascii_is_forbidden_exactly_where_the_general_rule_says() {
        for c in (0..=0x7Fu8).map(char::from) {
            assert_eq!(
                is_forbidden(c),
                c.is_control() || is_invisible_format(c),
                "{c:?}"
            );
        }
    }

    /// [`clean_text`] as it was before it answered borrowed text: always a new string, built
    /// character by character.
    fn clean_text_copied(input: &str, max: usize) -> Result<String, TextProblem> {
        let normalised = nfc(input);
        let trimmed = normalised.trim();
        if trimmed.is_empty() {
            return Err(TextProblem::Empty);
        }
        let mut cleaned = String::with_capacity(trimmed.len());
        let (mut actual, mut after_space) = (0, false);
        for c in trimmed.chars() {
            if is_forbidden(c) {
                return Err(TextProblem::ForbiddenCharacter { character: c });
            }
            if c.is_whitespace() {
                if !after_space {
                    cleaned.push(' ');
                    actual += 1;
                }
                after_space = true;
            } else {
                cleaned.push(c);
                actual += 1;
                after_space = false;
            }
        }
        if actual > max {
            return Err(TextProblem::TooLong { max, actual });
        }
        Ok(cleaned)
    }

    proptest::proptest! {
        #[test]
        fn borrowed_clean_text_is_the_copied_one(
            input in "[ a\u{A0}\u{3000}\u{2028}\t\u{200B}e\u{301}é]{0,12}",
            max in 0usize..8,
        ) {
            proptest::prop_assert_eq!(
                clean_text(&input, max).map(Cow::into_owned),
                clean_text_copied(&input, max)
            );
        }
    }
}
