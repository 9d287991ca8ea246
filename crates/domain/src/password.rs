//! Passwords people cannot guess (NIST SP 800-63B, 3.1.1.2): beyond its group's length, a new
//! password may not be one of the most common ones, the person's own username, email address or
//! name, or a repeated pattern or a straight sequence of characters.
//!
//! Which passwords are common is data, not a rule: the caller says, so the server checks a list of
//! 100,000 it ships while the browser, which cannot afford the list, checks everything else.

use crate::codes::{Coded, ErrorCode};
use crate::group_policy::{GroupPolicy, PasswordError, check_password};
use crate::values::text::{lowercase, trim_non_letters};
use thiserror::Error;

/// Why a new password is too easy to guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum Guessable {
    #[error("the password is one of the most common passwords")]
    Common,
    #[error("the password is the person's username, email address or name")]
    Personal,
    #[error("the password is a repeated pattern or a straight sequence")]
    Pattern,
}

impl Coded for Guessable {
    fn code(&self) -> ErrorCode {
        match self {
            Guessable::Common => ErrorCode::PasswordCommon,
            Guessable::Personal => ErrorCode::PasswordPersonal,
            Guessable::Pattern => ErrorCode::PasswordPattern,
        }
    }
}

/// A new password the rules refuse: too short or long for the group, or guessable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NewPasswordError {
    #[error(transparent)]
    Length(#[from] PasswordError),
    #[error(transparent)]
    Guessable(#[from] Guessable),
}

impl Coded for NewPasswordError {
    fn code(&self) -> ErrorCode {
        match self {
            NewPasswordError::Length(e) => e.code(),
            NewPasswordError::Guessable(e) => e.code(),
        }
    }
}

/// Checks a new password: the group's length first, then that it cannot be guessed. `personal`
/// holds what others know of the person (username, email address, names); `is_common` answers
/// whether a password, in lower case, is among the common ones.
pub fn check_new_password(
    password: &str,
    policy: &GroupPolicy,
    personal: &[&str],
    is_common: impl Fn(&str) -> bool,
) -> Result<(), NewPasswordError> {
    check_password(password, policy)?;
    let lower = lowercase(password);
    if is_personal(&lower, personal) {
        return Err(Guessable::Personal.into());
    }
    if is_pattern(&lower) {
        return Err(Guessable::Pattern.into());
    }
    if is_common(&lower) {
        return Err(Guessable::Common.into());
    }
    Ok(())
}

/// The password is one of `personal` (ignoring case), or the local part of an email address
/// among them, alone or with only digits and symbols around it (`jdoe2024!`).
fn is_personal(lower: &str, personal: &[&str]) -> bool {
    let core = trim_non_letters(lower);
    personal
        .iter()
        .flat_map(|value| {
            let value = value.trim();
            let local = value.split_once('@').map(|(local, _)| local);
            [Some(value), local].into_iter().flatten()
        })
        .filter(|value| value.chars().count() >= 3)
        .map(lowercase)
        .any(|value| value == lower || value == core)
}

/// The password repeats a unit of at most four characters (`aaaaaaaa`, `abababab`,
/// `12341234`), or every character follows the one before it, up or down (`abcdefgh`,
/// `123456789012`, `98765432`), digits counting on from 9 to 0.
fn is_pattern(lower: &str) -> bool {
    let chars: Vec<char> = lower.chars().collect();
    let repeats = (1..=4).any(|unit| {
        chars.len() > unit && chars.iter().enumerate().all(|(i, c)| *c == chars[i % unit])
    });
    let step = |a: char, b: char| -> Option<i8> {
        let next = |c: char| match c {
            '9' => Some('0'),
            'z' => None,
            _ => char::from_u32(u32::from(c) + 1),
        };
        if next(a) == Some(b) {
            Some(1)
        } else if next(b) == Some(a) {
            Some(-1)
        } else {
            None
        }
    };
    let steps: Vec<Option<i8>> = chars.windows(2).map(|w| step(w[0], w[1])).collect();
    let sequence = steps
        .first()
        .is_some_and(|first| first.is_some() && steps.iter().all(|s| s == first));
    repeats || sequence
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn check(password: &str, personal: &[&str]) -> Result<(), NewPasswordError> {
        let common = ["password1234", "qwertyuiop123"];
        check_new_password(password, &GroupPolicy::default(), personal, |p| {
            common.contains(&p)
        })
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        assert_eq!(check("password1234", &[]), Err(Guessable::Common.into()));
        assert_eq!(check("PassWord1234", &[]), Err(Guessable::Common.into()));
        assert_eq!(check("correct horse battery", &[]), Ok(()));
        assert_eq!(
            check("password1234", &[]).unwrap_err().code(),
            ErrorCode::PasswordCommon
        );
    }

    #[test]
    fn the_persons_own_names_are_refused() {
        let me = [
            "jane.doe-admin",
            "Jane.Doe@example.com",
            "Jane",
            "Doelittle-Smith",
        ];
        for refused in [
            "jane.doe-admin",
            "JANE.DOE-ADMIN2024!",
            "jane.doe@example.com",
            "Jane.Doe!!2024",
            "jane.doe1234",
            "doelittle-smith",
        ] {
            assert_eq!(
                check(refused, &me),
                Err(Guessable::Personal.into()),
                "{refused}"
            );
        }
        assert_eq!(check("jane likes green tea", &me), Ok(()));
        // Too short to mean anything, such as a two-letter name, is not compared.
        assert_eq!(check("aljo-bistro-12", &["Al", "Jo"]), Ok(()));
    }

    #[test]
    fn repeats_and_straight_sequences_are_refused() {
        for refused in [
            "aaaaaaaaaaaa",
            "abababababab",
            "abcabcabcabc",
            "123412341234",
            "123456789012",
            "abcdefghijklm",
            "987654321098",
            "zyxwvutsrqpo",
        ] {
            assert_eq!(
                check(refused, &[]),
                Err(Guessable::Pattern.into()),
                "{refused}"
            );
        }
        for accepted in [
            "abcde12345abcde",
            "1234567890ab",
            "aaaaaaaaaaab",
            "xyzabcdefghi",
        ] {
            assert_eq!(check(accepted, &[]), Ok(()), "{accepted}");
        }
    }

    #[test]
    fn the_length_comes_first() {
        assert!(matches!(
            check("aaaa", &[]),
            Err(NewPasswordError::Length(PasswordError::TooShort { .. }))
        ));
    }
}
