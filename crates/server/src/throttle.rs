//! Throttling of what can be guessed: passwords (signing in, the current password when changing
//! it) and single-use links, and of the emails a reset request sends and the tokens a portal key
//! mints. Never a lockout: a person whose password someone else is guessing is slowed down for
//! seconds at most, and their live sessions go on.
//!
//! Each attempt is counted against the address it comes from (an IPv6 address by its /64, the
//! block one client usually holds) and against what it is aimed at (the login as typed, whether
//! or not it exists, so that a known and an unknown login behave alike). The limits are GCRA
//! quotas (crate `governor`): a burst, then one attempt per interval. From one address the
//! delays grow: a burst, then one every few seconds, then, past a larger budget, one a
//! minute (OWASP's Authentication Cheat Sheet). Aimed at one login from many addresses, the
//! delay never grows past [`LOGIN_INTERVAL`], so the real owner, from their own address, is
//! never kept out for long. A refused attempt answers 429 with `Retry-After`, and is logged.

use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use std::hash::Hash;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Duration;

/// How often, past its burst, a login may be tried (from any number of addresses).
pub const LOGIN_INTERVAL: Duration = Duration::from_secs(15);

type Keyed<K> = RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock>;

/// A limiter keyed by `K`: a burst, then one per interval.
#[derive(Debug)]
struct Limit<K: Hash + Eq + Clone> {
    limiter: Keyed<K>,
}

/// Forgotten keys are dropped once a limiter holds this many (each is a few dozen bytes).
const KEYS_KEPT: usize = 50_000;

impl<K: Hash + Eq + Clone> Limit<K> {
    fn new(burst: u32, every: Duration) -> Limit<K> {
        let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::with_period(every)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst);
        Limit {
            limiter: RateLimiter::keyed(quota),
        }
    }

    /// Counts an attempt for `key`; how long to wait when it is one too many.
    fn check(&self, key: &K) -> Option<Duration> {
        if self.limiter.len() > KEYS_KEPT {
            self.limiter.retain_recent();
        }
        self.limiter
            .check_key(key)
            .err()
            .map(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }
}

/// The address an attempt comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Source(IpAddr);

impl Source {
    /// The address, an IPv6 one cut to its /64 (and an IPv4 one written as IPv6 read as IPv4).
    pub fn of(addr: IpAddr) -> Source {
        match addr.to_canonical() {
            IpAddr::V6(v6) => {
                let block = u128::from(v6) & !((1u128 << 64) - 1);
                Source(IpAddr::V6(Ipv6Addr::from(block)))
            }
            v4 => Source(v4),
        }
    }
}

/// The address a request comes from: the peer's, or behind a reverse proxy (`behind_proxy`),
/// the last one of `X-Forwarded-For`, which the proxy appended.
impl FromRequestParts<AppState> for Source {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Source, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::from([0, 0, 0, 0]), |info| info.0.ip());
        let forwarded = || {
            let last = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .next_back()?;
            last.to_str().ok()?.rsplit(',').next()?.trim().parse().ok()
        };
        let addr = if state.config.behind_proxy {
            forwarded().unwrap_or(peer)
        } else {
            peer
        };
        Ok(Source::of(addr))
    }
}

/// What is being attempted.
#[derive(Debug)]
pub enum Attempt<'a> {
    /// Signing in as `login` (as typed).
    SignIn(&'a str),
    /// Giving the current password of user `id` (changing it).
    CurrentPassword(i64),
    /// Checking or using a single-use link (activation, reset, joining).
    Link,
    /// Asking for a reset link to be sent to `email`.
    ResetRequest(&'a str),
    /// Checking a PIN of user `id` (an administrator on the phone with them).
    Pin(i64),
    /// Minting an embedded session's token with portal key `id`, whichever address it comes
    /// from (a portal's back end may run on many).
    EmbedToken(i64),
}

/// Every limit, shared by all requests.
#[derive(Debug)]
pub struct Throttle {
    /// Password guesses from one address: a burst of 20, then one every 6 seconds...
    guesses_short: Limit<Source>,
    /// ...and, past 50, one a minute.
    guesses_long: Limit<Source>,
    /// Guesses aimed at one login or one user's current password, from anywhere: a larger burst
    /// than one address has, so that one address cannot slow the owner down alone.
    login: Limit<String>,
    /// Links tried from one address.
    links: Limit<Source>,
    /// Reset emails to one address.
    reset_emails: Limit<String>,
    /// Tokens minted by one portal key: a burst of [`EMBED_TOKEN_BURST`] (as many people opening
    /// the portal at once), then two a second.
    embed_tokens: Limit<i64>,
}

/// How many tokens a portal key may mint at once, before the pace of two a second.
pub const EMBED_TOKEN_BURST: u32 = 60;

impl Default for Throttle {
    fn default() -> Throttle {
        Throttle {
            guesses_short: Limit::new(20, Duration::from_secs(6)),
            guesses_long: Limit::new(50, Duration::from_secs(60)),
            login: Limit::new(30, LOGIN_INTERVAL),
            links: Limit::new(30, Duration::from_secs(2)),
            reset_emails: Limit::new(3, Duration::from_secs(300)),
            embed_tokens: Limit::new(EMBED_TOKEN_BURST, Duration::from_millis(500)),
        }
    }
}

impl Throttle {
    /// Counts `attempt` from `source`: 429 with the seconds to wait when it is one too many.
    pub fn check(&self, source: Source, attempt: &Attempt<'_>) -> Result<(), AppError> {
        let key = |text: &str| {
            text.trim()
                .to_lowercase()
                .chars()
                .take(320)
                .collect::<String>()
        };
        let waits = match attempt {
            Attempt::SignIn(login) => [
                self.guesses_short.check(&source),
                self.guesses_long.check(&source),
                self.login.check(&key(login)),
            ],
            Attempt::CurrentPassword(user) => [
                self.guesses_short.check(&source),
                self.guesses_long.check(&source),
                self.login.check(&format!("#{user}")),
            ],
            Attempt::Pin(user) => [
                self.guesses_short.check(&source),
                self.guesses_long.check(&source),
                self.login.check(&format!("pin#{user}")),
            ],
            Attempt::Link => [self.links.check(&source), None, None],
            Attempt::EmbedToken(key) => [self.embed_tokens.check(key), None, None],
            Attempt::ResetRequest(email) => [
                self.links.check(&source),
                self.reset_emails.check(&key(email)),
                None,
            ],
        };
        match waits.into_iter().flatten().max() {
            None => Ok(()),
            Some(wait) => {
                let retry_after = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
                tracing::warn!(source = %source.0, ?attempt, retry_after, "throttled");
                Err(AppError::TooMany {
                    retry_after: retry_after.max(1),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(last: u8) -> Source {
        Source::of(IpAddr::from([127, 0, 0, last]))
    }

    fn refused(result: Result<(), AppError>) -> Option<u64> {
        match result {
            Err(AppError::TooMany { retry_after }) => Some(retry_after),
            _ => None,
        }
    }

    #[test]
    fn one_address_is_slowed_after_its_burst_and_another_is_not() {
        let throttle = Throttle::default();
        for n in 0..20 {
            let login = format!("someone{n}");
            assert!(throttle.check(from(1), &Attempt::SignIn(&login)).is_ok());
        }
        let wait = refused(throttle.check(from(1), &Attempt::SignIn("someone-else")));
        assert!(wait.is_some_and(|s| (1..=6).contains(&s)), "{wait:?}");
        assert!(
            throttle
                .check(from(2), &Attempt::SignIn("someone0"))
                .is_ok()
        );
    }

    #[test]
    fn a_login_tried_from_many_addresses_waits_seconds_not_minutes() {
        let throttle = Throttle::default();
        for n in 0..30 {
            assert!(throttle.check(from(n), &Attempt::SignIn("Jane")).is_ok());
        }
        // Case and spaces do not make a new login.
        let wait = refused(throttle.check(from(99), &Attempt::SignIn(" JANE ")));
        assert!(
            wait.is_some_and(|s| s <= LOGIN_INTERVAL.as_secs()),
            "{wait:?}"
        );
    }

    #[test]
    fn ipv6_addresses_count_by_their_block() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(Source::of(a), Source::of(b));
        assert_ne!(Source::of(a), Source::of(c));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(Source::of(mapped), Source::of(IpAddr::from([192, 0, 2, 7])));
    }

    #[test]
    fn reset_emails_to_one_address_are_few() {
        let throttle = Throttle::default();
        for n in 0..3 {
            assert!(
                throttle
                    .check(from(n), &Attempt::ResetRequest("a@example.com"))
                    .is_ok()
            );
        }
        assert!(
            refused(throttle.check(from(9), &Attempt::ResetRequest("A@example.com"))).is_some()
        );
    }
}
