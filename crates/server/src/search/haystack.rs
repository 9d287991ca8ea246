//! Every member's search text end to end, so one pass of a vectorised substring search finds the
//! matches of a whole account.
//!
//! Texts are only ever appended: a member who changes gets their new text at the end and the old
//! one is left as garbage, so an edit costs one append rather than a rebuild. The account drops
//! the haystack (and builds it afresh when next needed) once garbage outweighs the live texts.

use memchr::memmem;

/// Ends each text; a query holding it is matched text by text instead.
pub const END: u8 = 0;

/// No text in the haystack.
const NONE: usize = usize::MAX;

#[derive(Debug, Default)]
pub struct Haystack {
    bytes: Vec<u8>,
    /// `(start, slot)` of every text appended, ascending by start, live or not.
    spans: Vec<(usize, u32)>,
    /// Slot → the start of its live text, or [`NONE`].
    live: Vec<usize>,
    garbage: usize,
}

impl Haystack {
    /// Adds `slot`'s text, replacing any it had.
    pub fn push(&mut self, slot: u32, text: &str) {
        self.remove(slot);
        let start = self.bytes.len();
        self.bytes.extend_from_slice(text.as_bytes());
        self.bytes.push(END);
        self.spans.push((start, slot));
        let slot = slot as usize;
        if self.live.len() <= slot {
            self.live.resize(slot + 1, NONE);
        }
        self.live[slot] = start;
    }

    /// Forgets `slot`'s text.
    pub fn remove(&mut self, slot: u32) {
        if let Some(start) = self.live.get_mut(slot as usize)
            && *start != NONE
        {
            let len = self.bytes[*start..].iter().position(|b| *b == END);
            self.garbage += len.unwrap_or(0) + 1;
            *start = NONE;
        }
    }

    /// Whether more than half the bytes belong to texts no longer live.
    pub fn wasteful(&self) -> bool {
        self.garbage * 2 > self.bytes.len()
    }

    /// Marks in `hits` (indexed by slot) the live texts that hold `needle`, which must not hold
    /// [`END`]; so no match spans two texts.
    pub fn mark(&self, needle: &[u8], hits: &mut [bool]) {
        debug_assert!(!needle.contains(&END));
        let finder = memmem::Finder::new(needle);
        let mut from = 0;
        while let Some(found) = finder.find(&self.bytes[from..]) {
            let k = self.spans.partition_point(|(s, _)| *s <= from + found) - 1;
            let (start, slot) = self.spans[k];
            if self.live.get(slot as usize) == Some(&start) {
                hits[slot as usize] = true;
            }
            match self.spans.get(k + 1) {
                Some((next, _)) => from = *next,
                None => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(h: &Haystack, needle: &str) -> Vec<usize> {
        let mut hits = vec![false; 8];
        h.mark(needle.as_bytes(), &mut hits);
        (0..hits.len()).filter(|i| hits[*i]).collect()
    }

    #[test]
    fn replaced_and_removed_texts_no_longer_match() {
        let mut h = Haystack::default();
        h.push(0, "ada lovelace");
        h.push(1, "alan turing");
        h.push(2, "grace hopper");
        assert_eq!(marked(&h, "a"), [0, 1, 2]);
        assert_eq!(marked(&h, "ce al"), Vec::<usize>::new(), "across two texts");
        h.push(0, "ada byron");
        assert_eq!(marked(&h, "lovelace"), Vec::<usize>::new());
        assert_eq!(marked(&h, "byron"), [0]);
        assert!(!h.wasteful());
        h.remove(1);
        h.remove(2);
        assert_eq!(marked(&h, "a"), [0]);
        assert!(h.wasteful());
    }
}
