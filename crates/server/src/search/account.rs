//! One account's members: kept in every order asked for so far, and in a haystack for text.
//!
//! Members live in slots that never move, so the orders (lists of slots) and the haystack stay
//! valid as members come and go: an edit moves one slot within each order (a binary search and
//! a shift) instead of sorting 100,000 members again.

use super::haystack::{END, Haystack};
use roster_domain::lifecycle::UserState;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The orders a page can be sorted in; each has a descending twin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Last name, first name (ignoring case and accents), then id.
    Name,
    Email,
    /// Lifecycle order (staged, invited, active…), then name.
    State,
    /// Oldest first.
    Created,
}

const SORTS: usize = 4;
const SORT_ALL: [Sort; SORTS] = [Sort::Name, Sort::Email, Sort::State, Sort::Created];

/// What a search keeps; `None` keeps everyone.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// Folded text that must appear in the member's search text.
    pub text: Option<String>,
    pub state: Option<UserState>,
    pub group: Option<i64>,
    pub admin: Option<bool>,
    pub licensed: Option<bool>,
}

/// The users of one page, in order, and how many matched in all.
#[derive(Debug, PartialEq, Eq)]
pub struct Found {
    pub ids: Vec<i64>,
    pub total: usize,
}

#[derive(Debug)]
pub struct Member {
    pub user: i64,
    /// Folded names, email and username (`users.search`).
    pub text: Box<str>,
    pub last: Box<str>,
    pub first: Box<str>,
    pub email: Box<str>,
    pub state: UserState,
    pub created: i64,
    pub admin: bool,
    pub group: i64,
    pub licensed: bool,
}

impl Member {
    fn keeps(&self, filter: &Filter) -> bool {
        filter.state.is_none_or(|s| s == self.state)
            && filter.group.is_none_or(|g| g == self.group)
            && filter.admin.is_none_or(|a| a == self.admin)
            && filter.licensed.is_none_or(|l| l == self.licensed)
    }

    fn cmp_name(&self, other: &Member) -> std::cmp::Ordering {
        (&self.last, &self.first, self.user).cmp(&(&other.last, &other.first, other.user))
    }

    fn cmp_by(&self, other: &Member, sort: Sort) -> std::cmp::Ordering {
        match sort {
            Sort::Name => self.cmp_name(other),
            Sort::Email => (&self.email, self.user).cmp(&(&other.email, other.user)),
            Sort::State => state_rank(self.state)
                .cmp(&state_rank(other.state))
                .then_with(|| self.cmp_name(other)),
            Sort::Created => (self.created, self.user).cmp(&(other.created, other.user)),
        }
    }
}

fn state_rank(state: UserState) -> usize {
    UserState::ALL
        .iter()
        .position(|s| *s == state)
        .unwrap_or(UserState::ALL.len())
}

/// One account's members.
#[derive(Debug, Default)]
pub struct Account {
    slots: Vec<Option<Member>>,
    /// Empty slots, reused first.
    free: Vec<u32>,
    /// User id → slot.
    at: HashMap<i64, u32>,
    /// Live slots in each order, once that order has been asked for.
    orders: [OnceLock<Vec<u32>>; SORTS],
    haystack: OnceLock<Haystack>,
}

impl Account {
    fn member(&self, slot: u32) -> &Member {
        match &self.slots[slot as usize] {
            Some(m) => m,
            // Orders and `at` hold live slots only.
            None => unreachable!("slot {slot} is empty"),
        }
    }

    pub fn remove(&mut self, user: i64) {
        let Some(slot) = self.at.remove(&user) else {
            return;
        };
        let Some(gone) = self.slots[slot as usize].take() else {
            return;
        };
        for (sort, order) in SORT_ALL.iter().zip(self.orders.iter_mut()) {
            if let Some(order) = order.get_mut() {
                let slots = &self.slots;
                // The first slot not before `gone`: `gone` itself (ties are broken by id).
                let at = order.partition_point(|s| match &slots[*s as usize] {
                    Some(m) => m.cmp_by(&gone, *sort).is_lt(),
                    None => false,
                });
                if order.get(at) == Some(&slot) {
                    order.remove(at);
                }
            }
        }
        if let Some(haystack) = self.haystack.get_mut() {
            haystack.remove(slot);
        }
        self.free.push(slot);
    }

    pub fn insert(&mut self, member: Member) {
        self.remove(member.user);
        let slot = self.free.pop().unwrap_or(self.slots.len() as u32);
        if slot as usize == self.slots.len() {
            self.slots.push(None);
        }
        self.at.insert(member.user, slot);
        for (sort, order) in SORT_ALL.iter().zip(self.orders.iter_mut()) {
            if let Some(order) = order.get_mut() {
                let slots = &self.slots;
                let at = order.partition_point(|s| match &slots[*s as usize] {
                    Some(m) => m.cmp_by(&member, *sort).is_lt(),
                    None => false,
                });
                order.insert(at, slot);
            }
        }
        if let Some(haystack) = self.haystack.get_mut() {
            haystack.push(slot, &member.text);
            if haystack.wasteful() {
                self.haystack = OnceLock::new();
            }
        }
        self.slots[slot as usize] = Some(member);
    }

    fn order(&self, sort: Sort) -> &[u32] {
        self.orders[sort as usize].get_or_init(|| {
            let mut order: Vec<u32> = self.at.values().copied().collect();
            order.sort_unstable_by(|a, b| self.member(*a).cmp_by(self.member(*b), sort));
            order
        })
    }

    /// Which slots hold a member whose text holds `needle`.
    fn hits(&self, needle: &str) -> Vec<bool> {
        let mut hits = vec![false; self.slots.len()];
        if needle.as_bytes().contains(&END) {
            let finder = memchr::memmem::Finder::new(needle);
            for (slot, hit) in self.slots.iter().zip(hits.iter_mut()) {
                *hit = slot
                    .as_ref()
                    .is_some_and(|m| finder.find(m.text.as_bytes()).is_some());
            }
        } else {
            self.haystack
                .get_or_init(|| {
                    let mut h = Haystack::default();
                    for (slot, member) in self.slots.iter().enumerate() {
                        if let Some(m) = member {
                            h.push(slot as u32, &m.text);
                        }
                    }
                    h
                })
                .mark(needle.as_bytes(), &mut hits);
        }
        hits
    }

    /// A page of the members `filter` keeps, in `sort` order, and how many it keeps in all.
    pub fn find(
        &self,
        filter: &Filter,
        sort: Sort,
        descending: bool,
        skip: usize,
        take: usize,
    ) -> Found {
        let hits = filter.text.as_deref().map(|text| self.hits(text));
        let order = self.order(sort);
        let mut ids = Vec::with_capacity(take.min(self.at.len()));
        let mut total = 0;
        let mut visit = |slot: &u32| {
            let member = self.member(*slot);
            if hits.as_ref().is_none_or(|h| h[*slot as usize]) && member.keeps(filter) {
                if total >= skip && ids.len() < take {
                    ids.push(member.user);
                }
                total += 1;
            }
        };
        if descending {
            order.iter().rev().for_each(&mut visit);
        } else {
            order.iter().for_each(&mut visit);
        }
        Found { ids, total }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold;

    fn member(user: i64, first: &str, last: &str, state: UserState) -> Member {
        Member {
            user,
            text: crate::store::text::user_text(first, last, &format!("u{user}@x.test"), "").into(),
            last: fold(last).into(),
            first: fold(first).into(),
            email: format!("u{user}@x.test").into(),
            state,
            created: user,
            admin: false,
            group: 1,
            licensed: user % 2 == 0,
        }
    }

    fn account() -> Account {
        let mut a = Account::default();
        a.insert(member(1, "Zoë", "Lefèvre", UserState::Active));
        a.insert(member(2, "Émile", "Lefevre", UserState::Staged));
        a.insert(member(3, "Ana", "Zed", UserState::Active));
        a.insert(member(4, "Bo", "Alm", UserState::Suspended));
        a
    }

    #[test]
    fn pages_count_every_match_and_keep_the_order() {
        let a = account();
        let all = Filter::default();
        assert_eq!(a.find(&all, Sort::Name, false, 0, 10).ids, [4, 2, 1, 3]);
        assert_eq!(a.find(&all, Sort::Name, true, 0, 2).ids, [3, 1]);
        let page = a.find(&all, Sort::Name, false, 1, 2);
        assert_eq!((page.ids, page.total), (vec![2, 1], 4));
        assert_eq!(a.find(&all, Sort::State, false, 0, 10).ids, [2, 1, 3, 4]);
        assert_eq!(a.find(&all, Sort::Created, true, 0, 10).ids, [4, 3, 2, 1]);
    }

    #[test]
    fn filters_combine_with_the_text() {
        let a = account();
        let lef = Filter {
            text: Some("lefevre".into()),
            ..Filter::default()
        };
        assert_eq!(a.find(&lef, Sort::Name, false, 0, 10).total, 2);
        let active = Filter {
            state: Some(UserState::Active),
            ..lef.clone()
        };
        assert_eq!(a.find(&active, Sort::Name, false, 0, 10).ids, [1]);
        let licensed = Filter {
            licensed: Some(true),
            ..Filter::default()
        };
        assert_eq!(a.find(&licensed, Sort::Name, false, 0, 10).ids, [4, 2]);
    }

    #[test]
    fn a_match_never_spans_two_members_and_odd_queries_still_match() {
        let a = account();
        let find = |text: &str| {
            let filter = Filter {
                text: Some(text.into()),
                ..Filter::default()
            };
            a.find(&filter, Sort::Created, false, 0, 10).ids
        };
        // Member 1's text ends "@x.test", member 2's starts "emile": no member holds both.
        assert_eq!(find("test emile"), Vec::<i64>::new());
        assert_eq!(find("test"), [1, 2, 3, 4]);
        assert_eq!(find("bo alm u4"), [4]);
        assert_eq!(find("\0"), Vec::<i64>::new());
        assert_eq!(find("x.test"), [1, 2, 3, 4]);
    }

    #[test]
    fn removing_and_replacing_members_keeps_positions_right() {
        let mut a = account();
        for sort in SORT_ALL {
            let _ = a.order(sort);
        }
        let _ = a.hits("x");
        a.remove(2);
        a.insert(member(1, "Zoë", "Aardvark", UserState::Active));
        let all = Filter::default();
        assert_eq!(a.find(&all, Sort::Name, false, 0, 10).ids, [1, 4, 3]);
        assert_eq!(a.at.len(), 3);
        assert!(a.at.iter().all(|(user, s)| a.member(*s).user == *user));
        // Every order, kept up to date through the changes, equals one sorted afresh.
        for sort in SORT_ALL {
            let kept = a.order(sort).to_vec();
            a.orders[sort as usize] = OnceLock::new();
            assert_eq!(kept, a.order(sort), "{sort:?}");
        }
    }

    proptest::proptest! {
        /// Through any run of edits, every kept-up order equals one sorted afresh and every
        /// search finds exactly the members a plain scan finds.
        #[test]
        fn incremental_upkeep_matches_starting_over(
            edits in proptest::collection::vec(
                (0i64..12, "[ab]{0,2}", "[abé]{0,2}", 0usize..6, proptest::bool::ANY),
                1..40,
            ),
            needle in "[abe]{1,2}",
        ) {
            let mut a = Account::default();
            for sort in SORT_ALL {
                let _ = a.order(sort);
            }
            let _ = a.hits("a");
            for (user, first, last, state, remove) in edits {
                if remove {
                    a.remove(user);
                } else {
                    a.insert(member(user, &first, &last, UserState::ALL[state]));
                }
                let filter = Filter { text: Some(needle.clone()), ..Filter::default() };
                let mut expected: Vec<i64> = a
                    .at
                    .keys()
                    .copied()
                    .filter(|u| a.member(a.at[u]).text.contains(needle.as_str()))
                    .collect();
                expected.sort();
                let mut found = a.find(&filter, Sort::Created, false, 0, usize::MAX).ids;
                found.sort();
                proptest::prop_assert_eq!(found, expected);
                for sort in SORT_ALL {
                    let kept = a.order(sort).to_vec();
                    let mut fresh = kept.clone();
                    fresh.sort_unstable_by(|x, y| a.member(*x).cmp_by(a.member(*y), sort));
                    proptest::prop_assert_eq!(kept, fresh);
                }
            }
        }
    }
}
