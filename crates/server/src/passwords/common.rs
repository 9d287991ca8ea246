//! The 100,000 most common passwords (those a group could allow at all, see
//! `data/README.md`), compiled into the binary as a finite-state set by `build.rs` (under half the
//! list's size), and looked up without being decoded.

use fst::Set;
use std::sync::LazyLock;

static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/common-passwords.fst"));

static COMMON: LazyLock<Option<Set<&'static [u8]>>> = LazyLock::new(|| match Set::new(BYTES) {
    Ok(set) => Some(set),
    Err(err) => {
        tracing::error!(%err, "the common-password set is unreadable: not checked");
        None
    }
});

/// Whether `lower` (a password in lower case) is one of the common passwords.
pub fn is_common(lower: &str) -> bool {
    COMMON.as_ref().is_some_and(|set| set.contains(lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_compiled_in_and_compact() {
        let (count, bytes) = (COMMON.as_ref().map_or(0, |set| set.len()), BYTES.len());
        assert_eq!(count, 38_452);
        let text = include_str!("../../data/common-passwords.txt").len();
        assert!(bytes * 2 < text, "{bytes} bytes for {text} of text");
        for common in ["password1234", "aaaaaaaaaaaa", "123456789012", "qwertyuiop"] {
            assert!(is_common(common), "{common}");
        }
        for rare in [
            "correct horse battery staple",
            "password12345678x",
            "Password1234",
        ] {
            assert!(!is_common(rare), "{rare}");
        }
    }
}
