//! The codes' catalogue: unique dotted codes, a sentence in each language, French typography.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use std::collections::HashSet;

#[test]
fn every_code_is_unique_dotted_and_has_a_sentence() {
    let mut seen = HashSet::new();
    for code in ErrorCode::ALL {
        let s = code.as_str();
        assert!(seen.insert(s), "duplicate code {s}");
        let (area, name) = s.split_once('.').expect("dotted");
        let snake =
            |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        assert!(snake(area) && snake(name), "{s} is not area.snake_case");
        let msg = code.message_en();
        assert!(msg.ends_with('.'), "{s}: message should be a sentence");
        assert!(
            msg.chars().next().is_some_and(char::is_uppercase),
            "{s}: capitalised"
        );
    }
}

#[test]
fn every_code_has_a_french_sentence_in_french_typography() {
    let mut wrong = Vec::new();
    for &code in ErrorCode::ALL {
        let (en, fr) = (code.message_en(), code.message_fr());
        wrong.extend(
            crate::values::french_typography_faults(fr)
                .into_iter()
                .map(|f| format!("{code}: {f}")),
        );
        if fr == en {
            wrong.push(format!("{code}: still in English"));
        }
        if !fr.ends_with('.') || !fr.chars().next().is_some_and(char::is_uppercase) {
            wrong.push(format!("{code}: not a sentence"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_message_follows_the_language() {
    use crate::values::Language;
    let code = ErrorCode::EmailRequired;
    assert_eq!(code.message(Language::En), "Enter an email address.");
    assert_eq!(
        code.message(Language::Fr),
        "Saisissez une adresse de courriel."
    );
}

#[test]
fn codes_round_trip_through_text_and_json() {
    for &code in ErrorCode::ALL {
        assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(code));
        let json = serde_json::to_string(&code).expect("serialise");
        assert_eq!(json, format!("\"{}\"", code.as_str()));
        assert_eq!(
            serde_json::from_str::<ErrorCode>(&json).expect("deserialise"),
            code
        );
    }
}

#[test]
fn an_unknown_code_is_refused() {
    assert_eq!(
        "email.nope".parse::<ErrorCode>(),
        Err(UnknownCode("email.nope".into()))
    );
    assert!(serde_json::from_str::<ErrorCode>("\"nope\"").is_err());
}
