//! When the delivery worker tries an email again, and when it gives up.

use std::time::Duration;

/// When delivery tries again. After the `n`th failed attempt the next one waits
/// `first_delay × 2ⁿ⁻¹`, at most `max_delay`; after `max_attempts` attempts the email is
/// `failed`. The defaults (1 s doubling to 15 min, 16 attempts) ride out a relay that is down for
/// about an hour and a half; a relay that refuses an email for good (5xx) fails it at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    pub first_delay: Duration,
    pub max_delay: Duration,
    pub max_attempts: u32,
    /// How often the worker looks for due emails when nobody wakes it (a safety net: commits
    /// wake it, and it sleeps until the next retry is due).
    pub poll_every: Duration,
}

impl Default for Retry {
    fn default() -> Retry {
        Retry {
            first_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(15 * 60),
            max_attempts: 16,
            poll_every: Duration::from_secs(5),
        }
    }
}

impl Retry {
    /// The wait after `failures` failed attempts (1 or more), in whole seconds as the outbox
    /// keeps time.
    pub fn delay_seconds(&self, failures: u32) -> i64 {
        let factor = 2u32.saturating_pow(failures.saturating_sub(1));
        let delay = self
            .first_delay
            .checked_mul(factor)
            .unwrap_or(self.max_delay)
            .min(self.max_delay);
        let seconds = delay.as_secs() + u64::from(delay.subsec_nanos() > 0);
        i64::try_from(seconds).unwrap_or(i64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_twice_as_long_each_time_up_to_the_maximum() {
        let retry = Retry::default();
        let waits: Vec<i64> = (1..=12).map(|n| retry.delay_seconds(n)).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
        assert_eq!(retry.delay_seconds(u32::MAX), 900);
        let total: i64 = (1..retry.max_attempts)
            .map(|n| retry.delay_seconds(n))
            .sum();
        assert_eq!(
            total,
            1023 + 5 * 900,
            "about 1½ hours from first to last attempt"
        );
    }

    #[test]
    fn a_delay_under_a_second_waits_a_whole_one_and_zero_none() {
        let mut retry = Retry {
            first_delay: Duration::from_millis(300),
            ..Retry::default()
        };
        assert_eq!(retry.delay_seconds(1), 1);
        retry.first_delay = Duration::ZERO;
        assert_eq!(retry.delay_seconds(5), 0);
    }
}
