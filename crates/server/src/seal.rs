//! Sealing secrets the database must keep but never hold readable: the bodies of emails in the
//! outbox carry single-use links, and a copy of the database must not open anyone's account.
//!
//! ChaCha20-Poly1305 with a random nonce per text; the 256-bit key lives outside the database,
//! in a file beside it (`roster.db.key`, created on first start, readable by its owner only), or
//! in memory for an in-memory database.

use crate::error::AppError;
use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use std::path::PathBuf;

/// What a sealed text starts with (a version, should the scheme ever change).
const PREFIX: &str = "sealed:v1:";

/// Seals and opens texts with the server's key.
pub struct Sealer {
    cipher: ChaCha20Poly1305,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(..)")
    }
}

fn random<const N: usize>() -> Result<[u8; N], String> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| format!("randomness: {e}"))?;
    Ok(bytes)
}

/// The key file of the database at `url`, or `None` for an in-memory database.
fn key_file(url: &str) -> Option<PathBuf> {
    if url.contains(":memory:") {
        return None;
    }
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    Some(PathBuf::from(format!("{path}.key")))
}

impl Sealer {
    /// The sealer of the database at `url`: its key file is read, or made on first start.
    pub fn for_database(url: &str) -> Result<Sealer, String> {
        let key: [u8; 32] = match key_file(url) {
            None => random()?,
            Some(path) if path.exists() => {
                let bytes = std::fs::read(&path)
                    .map_err(|e| format!("cannot read the key {}: {e}", path.display()))?;
                bytes
                    .try_into()
                    .map_err(|_| format!("the key {} is not 32 bytes long", path.display()))?
            }
            Some(path) => {
                let key = random()?;
                write_private(&path, &key)
                    .map_err(|e| format!("cannot write the key {}: {e}", path.display()))?;
                key
            }
        };
        Ok(Sealer {
            cipher: ChaCha20Poly1305::new(Key::from_slice(&key)),
        })
    }

    /// `text`, sealed.
    pub fn seal(&self, text: &str) -> Result<String, AppError> {
        let nonce: [u8; 12] = random().map_err(AppError::Internal)?;
        let sealed = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), text.as_bytes())
            .map_err(|_| AppError::Internal("sealing failed".into()))?;
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        Ok(format!("{PREFIX}{}", STANDARD_NO_PAD.encode(bytes)))
    }

    /// The text `sealed` was made from; refused when it was sealed with another key or altered.
    pub fn open(&self, sealed: &str) -> Result<String, AppError> {
        let bad = || AppError::Internal("a sealed text could not be opened".into());
        let bytes = sealed
            .strip_prefix(PREFIX)
            .and_then(|b| STANDARD_NO_PAD.decode(b).ok())
            .ok_or_else(bad)?;
        if bytes.len() < 12 {
            return Err(bad());
        }
        let (nonce, body) = bytes.split_at(12);
        let text = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), body)
            .map_err(|_| bad())?;
        String::from_utf8(text).map_err(|_| bad())
    }
}

#[cfg(unix)]
fn write_private(path: &std::path::Path, key: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(key)
}

#[cfg(not(unix))]
fn write_private(path: &std::path::Path, key: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_text_opens_only_with_its_key_and_hides_its_words() {
        let sealer = Sealer::for_database("sqlite::memory:").unwrap();
        let sealed = sealer
            .seal("https://roster.test/activate#token=abc")
            .unwrap();
        assert!(!sealed.contains("token"));
        assert_ne!(
            sealed,
            sealer
                .seal("https://roster.test/activate#token=abc")
                .unwrap()
        );
        assert_eq!(
            sealer.open(&sealed).unwrap(),
            "https://roster.test/activate#token=abc"
        );
        let other = Sealer::for_database("sqlite::memory:").unwrap();
        assert!(other.open(&sealed).is_err());
        assert!(sealer.open("sealed:v1:AAAA").is_err());
        assert!(sealer.open("plain text").is_err());
    }

    #[test]
    fn the_key_file_sits_beside_the_database_and_is_reused() {
        let dir = std::env::temp_dir().join(format!("roster-seal-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.join("r.db").display());
        let first = Sealer::for_database(&url).unwrap();
        let sealed = first.seal("hello").unwrap();
        assert!(dir.join("r.db.key").is_file());
        let again = Sealer::for_database(&url).unwrap();
        assert_eq!(again.open(&sealed).unwrap(), "hello");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
