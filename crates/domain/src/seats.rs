//! Licence seats: never more in use than bought.
//!
//! Each operation takes the counts as they are and the facts about the members concerned, and
//! answers the counts as they must become, or why not. The server applies the answer in the same
//! transaction that read the counts, so concurrent requests cannot oversell.

use crate::codes::{Coded, ErrorCode};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// An account's seats: how many were bought and how many are held. Always `used <= bought`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "SeatsFields")]
pub struct Seats {
    bought: u32,
    used: u32,
}

/// The serialised form, checked by [`Seats::new`] on the way in.
#[derive(Deserialize)]
struct SeatsFields {
    bought: u32,
    used: u32,
}

impl TryFrom<SeatsFields> for Seats {
    type Error = SeatRefusal;
    fn try_from(fields: SeatsFields) -> Result<Self, Self::Error> {
        Seats::new(fields.bought, fields.used)
    }
}

/// Why a seat operation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum SeatRefusal {
    #[error("all {bought} seats are in use")]
    NoneFree { bought: u32 },
    #[error("the user already holds a seat")]
    AlreadyLicensed,
    #[error("the user holds no seat")]
    NotLicensed,
    #[error("a seat cannot be transferred to the member who holds it")]
    TransferToSelf,
    #[error("{bought} seats bought is fewer than the {used} in use")]
    BelowUsed { bought: u32, used: u32 },
}

impl Coded for SeatRefusal {
    fn code(&self) -> ErrorCode {
        match self {
            SeatRefusal::NoneFree { .. } => ErrorCode::SeatsNoneFree,
            SeatRefusal::AlreadyLicensed => ErrorCode::SeatsAlreadyLicensed,
            SeatRefusal::NotLicensed => ErrorCode::SeatsNotLicensed,
            SeatRefusal::TransferToSelf => ErrorCode::SeatsTransferToSelf,
            SeatRefusal::BelowUsed { .. } => ErrorCode::SeatsBelowUsed,
        }
    }
}

impl Seats {
    /// Seats with these counts, refused when more are used than bought.
    pub const fn new(bought: u32, used: u32) -> Result<Self, SeatRefusal> {
        if used > bought {
            return Err(SeatRefusal::BelowUsed { bought, used });
        }
        Ok(Seats { bought, used })
    }

    /// Seats bought.
    pub const fn bought(self) -> u32 {
        self.bought
    }

    /// Seats held by members.
    pub const fn used(self) -> u32 {
        self.used
    }

    /// Seats that can still be assigned.
    pub const fn free(self) -> u32 {
        // Never underflows: the constructor and every operation keep used <= bought.
        self.bought - self.used
    }

    /// Gives a seat to a member who does not hold one.
    pub fn assign(&self, target_licensed: bool) -> Result<Seats, SeatRefusal> {
        if target_licensed {
            return Err(SeatRefusal::AlreadyLicensed);
        }
        if self.free() == 0 {
            return Err(SeatRefusal::NoneFree {
                bought: self.bought,
            });
        }
        Ok(Seats {
            used: self.used + 1,
            ..*self
        })
    }

    /// Takes a member's seat back.
    pub fn release(&self, target_licensed: bool) -> Result<Seats, SeatRefusal> {
        if !target_licensed {
            return Err(SeatRefusal::NotLicensed);
        }
        // A member said to hold a seat while none is counted is a stale read: refuse rather
        // than wrap around.
        let used = self.used.checked_sub(1).ok_or(SeatRefusal::NotLicensed)?;
        Ok(Seats { used, ..*self })
    }

    /// Moves a seat from one member to another in one step: the counts do not change, so a
    /// transfer works even when no seat is free.
    pub fn transfer(
        &self,
        from_licensed: bool,
        to_licensed: bool,
        same_member: bool,
    ) -> Result<Seats, SeatRefusal> {
        if same_member {
            return Err(SeatRefusal::TransferToSelf);
        }
        if !from_licensed || self.used == 0 {
            return Err(SeatRefusal::NotLicensed);
        }
        if to_licensed {
            return Err(SeatRefusal::AlreadyLicensed);
        }
        Ok(*self)
    }

    /// Changes the number of seats bought; never below the seats in use (free seats first).
    pub fn set_bought(&self, bought: u32) -> Result<Seats, SeatRefusal> {
        Seats::new(bought, self.used)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use proptest::prelude::*;

    fn seats(bought: u32, used: u32) -> Seats {
        Seats::new(bought, used).unwrap()
    }

    #[test]
    fn more_seats_used_than_bought_cannot_exist() {
        assert_eq!(
            Seats::new(2, 3),
            Err(SeatRefusal::BelowUsed { bought: 2, used: 3 })
        );
        assert_eq!(seats(3, 3).free(), 0);
        assert!(serde_json::from_str::<Seats>(r#"{"bought":1,"used":2}"#).is_err());
        assert_eq!(
            serde_json::from_str::<Seats>(r#"{"bought":2,"used":1}"#).unwrap(),
            seats(2, 1)
        );
    }

    #[test]
    fn assigning_takes_a_free_seat() {
        assert_eq!(seats(2, 1).assign(false), Ok(seats(2, 2)));
    }

    #[test]
    fn assigning_is_refused_when_no_seat_is_free() {
        let refusal = seats(2, 2).assign(false);
        assert_eq!(refusal, Err(SeatRefusal::NoneFree { bought: 2 }));
        assert_eq!(refusal.map_err(|r| r.code()), Err(ErrorCode::SeatsNoneFree));
        assert_eq!(
            seats(0, 0).assign(false),
            Err(SeatRefusal::NoneFree { bought: 0 })
        );
    }

    #[test]
    fn a_member_cannot_hold_two_seats() {
        assert_eq!(seats(5, 1).assign(true), Err(SeatRefusal::AlreadyLicensed));
    }

    #[test]
    fn releasing_frees_the_seat() {
        assert_eq!(seats(2, 2).release(true), Ok(seats(2, 1)));
        assert_eq!(seats(2, 1).release(false), Err(SeatRefusal::NotLicensed));
        assert_eq!(seats(2, 0).release(true), Err(SeatRefusal::NotLicensed));
    }

    #[test]
    fn a_transfer_moves_a_seat_without_changing_the_counts_even_when_none_is_free() {
        assert_eq!(seats(3, 3).transfer(true, false, false), Ok(seats(3, 3)));
    }

    #[test]
    fn a_transfer_needs_a_holder_a_non_holder_and_two_members() {
        let s = seats(3, 1);
        assert_eq!(
            s.transfer(true, true, true),
            Err(SeatRefusal::TransferToSelf)
        );
        assert_eq!(
            s.transfer(false, false, false),
            Err(SeatRefusal::NotLicensed)
        );
        assert_eq!(
            s.transfer(true, true, false),
            Err(SeatRefusal::AlreadyLicensed)
        );
        assert_eq!(
            s.transfer(true, true, true).map_err(|r| r.code()),
            Err(ErrorCode::SeatsTransferToSelf)
        );
    }

    #[test]
    fn seats_bought_cannot_drop_below_seats_used() {
        assert_eq!(seats(5, 3).set_bought(3), Ok(seats(3, 3)));
        assert_eq!(
            seats(5, 3).set_bought(2),
            Err(SeatRefusal::BelowUsed { bought: 2, used: 3 })
        );
        assert_eq!(seats(5, 3).set_bought(10).map(Seats::free), Ok(7));
    }

    /// One operation of a random run, on members numbered 0..MEMBERS.
    #[derive(Debug, Clone)]
    enum Op {
        Assign(usize),
        Release(usize),
        Transfer(usize, usize),
        SetBought(u32),
    }

    const MEMBERS: usize = 5;

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0..MEMBERS).prop_map(Op::Assign),
            (0..MEMBERS).prop_map(Op::Release),
            (0..MEMBERS, 0..MEMBERS).prop_map(|(a, b)| Op::Transfer(a, b)),
            (0u32..8).prop_map(Op::SetBought),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn seats_used_never_exceed_seats_bought(
            bought in 0u32..6,
            ops in proptest::collection::vec(op(), 0..50),
        ) {
            let mut s = Seats::new(bought, 0).unwrap();
            let mut licensed = [false; MEMBERS];
            for op in ops {
                match op {
                    Op::Assign(m) => {
                        if let Ok(next) = s.assign(licensed[m]) {
                            s = next;
                            licensed[m] = true;
                        }
                    }
                    Op::Release(m) => {
                        if let Ok(next) = s.release(licensed[m]) {
                            s = next;
                            licensed[m] = false;
                        }
                    }
                    Op::Transfer(a, b) => {
                        if let Ok(next) = s.transfer(licensed[a], licensed[b], a == b) {
                            s = next;
                            licensed[a] = false;
                            licensed[b] = true;
                        }
                    }
                    Op::SetBought(n) => {
                        if let Ok(next) = s.set_bought(n) {
                            s = next;
                        }
                    }
                }
                let holders = licensed.iter().filter(|&&l| l).count();
                prop_assert!(s.used() <= s.bought());
                prop_assert_eq!(s.used() as usize, holders);
            }
        }
    }
}
