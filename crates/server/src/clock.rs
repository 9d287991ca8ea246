//! The server's one reading of the clock; the domain takes time as a parameter.

use roster_domain::Timestamp;

/// Now, in UTC.
#[allow(clippy::disallowed_methods)] // The one place allowed to read the clock.
pub fn now() -> Timestamp {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Timestamp::from_unix_seconds(seconds)
}
