//! A large file read in two parts side by side: the page reads the first half and hands the
//! second, behind a copy of the header, to a second reader (a Web Worker running the same
//! wasm), whose rows, each checked on its own, join the page's before the whole-file checks
//! (see `check/part.rs`).
//!
//! The halves meet at the start of a line after which as many quotes opened as closed, where a
//! record mostly starts. The page's parser reads up to there and tells whether a record did
//! start there ([`Parser::halves_met`]); a quote inside an unquoted field (`O"Brien`) can
//! mislead the count, and the page then reads on to the end itself ([`Parser::read_on`]),
//! leaving the second half's rows aside.

use super::read::Parser;

impl Parser {
    /// Reads no further than about the middle of the file's records, when there are at least
    /// `min_bytes` of them, and answers the header's text followed by the records after that
    /// point, for [`super::check_part`] beside this parser; `None` (reading the whole file)
    /// when the file is smaller, or no line after the middle starts a record. Before any step.
    pub fn split_off(&mut self, min_bytes: usize) -> Option<String> {
        let body = self.text.len().checked_sub(self.pos)?;
        if self.records > 0 || self.split.is_some() || body < min_bytes.max(2) {
            return None;
        }
        let at = second_half(self.text.as_bytes(), self.pos)?;
        let mut second = String::with_capacity(self.pos + self.text.len() - at);
        second.push_str(self.text.get(..self.pos)?);
        second.push_str(self.text.get(at..)?);
        self.split = Some(at);
        Some(second)
    }

    /// Whether, read to the split, a record starts there: the second half's rows are then the
    /// rest of the file's.
    pub fn halves_met(&self) -> bool {
        self.split.is_some() && self.met
    }

    /// Forgets the split: the next steps read on to the end of the file.
    pub fn read_on(&mut self) {
        self.split = None;
    }

    /// The records read so far, blank ones included: the row number the next record follows.
    pub fn records(&self) -> u32 {
        self.records
    }
}

/// The start of the first line after 55% of `bytes[from..]` with as many quotes before it
/// (from `from`) as it takes to close them all, if one starts before the end. The page keeps the
/// larger share: the worker's code starts cold, and its rows must still be handed over.
fn second_half(bytes: &[u8], from: usize) -> Option<usize> {
    let middle = from + (bytes.len() - from) * 11 / 20;
    let mut quoted = bytes
        .get(from..middle)?
        .iter()
        .filter(|&&b| b == b'"')
        .count()
        % 2
        == 1;
    for (i, &b) in bytes.get(middle..)?.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => return Some(middle + i + 1).filter(|&at| at < bytes.len()),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests;
