//! The French catalogue held to French typography, to the English one's places and forms, and
//! translated everywhere.
//!
//! The tests read the catalogues' source (a `match` cannot be walked at run time): every text of
//! `fr.rs` and `en.rs`, by key.

use wasm_bindgen_test::wasm_bindgen_test as test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// The French catalogue's source.
const FRENCH: &str = include_str!("../fr.rs");

/// The English catalogue's source.
const ENGLISH: &str = include_str!("../en.rs");

/// The keys whose text is the same word in both languages.
const SAME_IN_BOTH: [&str; 11] = [
    "ProductName",
    "FilterLicence",
    "Licence",
    "Pages",
    "PageOf",
    "ExchangeTitle",
    "Actions",
    "FilterAction",
    "NavInvitations",
    "InvitationsTitle",
    "MyChallengeQuestion",
];

/// Each arm of a catalogue's `match`, as rustfmt writes it (`Key => "text",`, or `Key => {` with
/// the text on the next line): its key and its text.
fn arms(source: &str) -> Vec<(&str, &str)> {
    fn literal(s: &str) -> Option<&str> {
        s.strip_prefix('"')?.strip_suffix('"')
    }
    let mut arms = Vec::new();
    let mut open = None;
    for line in source.lines().map(str::trim) {
        if line.starts_with("//") {
            continue;
        }
        if let Some((key, rest)) = line.split_once(" => ") {
            let rest = rest.trim_end_matches(',');
            if rest == "{" {
                open = Some(key);
            } else if let Some(text) = literal(rest) {
                arms.push((key, text));
            }
        } else if let (Some(key), Some(text)) = (open, literal(line)) {
            arms.push((key, text));
            open = None;
        }
    }
    arms
}

/// The `{name}` places of a text, in order.
fn places(text: &str) -> Vec<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect()
}

#[test]
fn the_reader_finds_every_arm_of_both_catalogues() {
    let french = arms(FRENCH);
    assert!(
        french.len() > 300,
        "only {} French texts read",
        french.len()
    );
    assert_eq!(french.len(), arms(ENGLISH).len());
}

#[test]
fn every_french_text_follows_french_typography() {
    let wrong: Vec<String> = arms(FRENCH)
        .into_iter()
        .flat_map(|(key, text)| {
            roster_domain::values::french_typography_faults(text)
                .into_iter()
                .map(move |f| format!("{key}: {f}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn french_texts_keep_the_english_places_and_forms() {
    let english = arms(ENGLISH);
    for (key, french) in arms(FRENCH) {
        let Some(&(_, english)) = english.iter().find(|(k, _)| *k == key) else {
            panic!("{key} has no English text");
        };
        assert_eq!(places(french), places(english), "{key}: places");
        // A counted text may need forms in French alone ("prête|prêtes" for "ready").
        let forms = (english.matches('|').count(), french.matches('|').count());
        assert!(
            matches!(forms, (0, 0) | (0, 1) | (1, 1)),
            "{key}: forms {forms:?}"
        );
        if SAME_IN_BOTH.contains(&key) {
            continue;
        }
        assert_ne!(french, english, "{key} is still in English");
    }
}
