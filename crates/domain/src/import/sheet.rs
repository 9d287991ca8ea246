//! A file as read: its header, what each column is, and its rows, whose values share chunks.

use super::columns::Field;
use super::decode::Encoding;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What is wrong with a record as a record, before its values are looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum RecordProblem {
    /// More or fewer fields than the header.
    FieldCount { found: usize, expected: usize },
    /// The field at this position is over [`MAX_FIELD_CHARS`] (it is cut there).
    FieldTooLong { column: usize },
    /// A quote opened and never closed: the record was read up to the end of its first line.
    UnterminatedQuote,
}

/// The values of many rows in one string, and where each value ends in it: a file's rows
/// share a few of these (reading 50,000 rows allocates for a slice of rows, not for each).
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Chunk {
    pub(crate) text: String,
    pub(crate) ends: Vec<u32>,
}

impl Chunk {
    pub(crate) fn push(&mut self, value: &str) {
        self.text.push_str(value);
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }
}

/// One data record: its row number (the first record after the header is row 1), its values
/// trimmed and lined up with the header, and its problem as a record.
#[derive(Clone)]
pub struct Row {
    pub number: u32,
    pub problem: Option<RecordProblem>,
    pub(crate) chunk: Arc<Chunk>,
    /// Where the row's text starts in the chunk.
    pub(crate) start: u32,
    /// Where the row's value ends start in the chunk's list.
    pub(crate) first: u32,
    pub(crate) len: u32,
}

impl Row {
    /// A row of these values.
    pub fn new<'a>(number: u32, cells: impl IntoIterator<Item = &'a str>) -> Row {
        let mut chunk = Chunk::default();
        for cell in cells {
            chunk.push(cell);
        }
        let len = u32::try_from(chunk.ends.len()).unwrap_or(u32::MAX);
        Row {
            number,
            problem: None,
            chunk: Arc::new(chunk),
            start: 0,
            first: 0,
            len,
        }
    }

    fn ends(&self) -> &[u32] {
        let first = self.first as usize;
        self.chunk
            .ends
            .get(first..first + self.len as usize)
            .unwrap_or_default()
    }

    /// The value in column `index`, empty when the record was short.
    pub fn cell(&self, index: usize) -> &str {
        let ends = self.ends();
        let Some(&end) = ends.get(index) else {
            return "";
        };
        let start = match index {
            0 => self.start,
            _ => ends[index - 1],
        };
        self.chunk
            .text
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// The number of values.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether the row has no values at all.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every value, in column order.
    pub fn cells(&self) -> impl Iterator<Item = &str> {
        let mut from = self.start as usize;
        self.ends().iter().map(move |&end| {
            let value = self.chunk.text.get(from..end as usize).unwrap_or_default();
            from = end as usize;
            value
        })
    }

    /// Replaces the value in column `index` (a column past the end is left alone). The edited
    /// row gets values of its own.
    pub fn set(&mut self, index: usize, value: &str) {
        if index >= self.len() {
            return;
        }
        let mut row = Row::new(
            self.number,
            self.cells()
                .enumerate()
                .map(|(i, c)| if i == index { value } else { c }),
        );
        row.problem = self.problem;
        *self = row;
    }
}

impl PartialEq for Row {
    fn eq(&self, other: &Row) -> bool {
        self.number == other.number
            && self.problem == other.problem
            && self.cells().eq(other.cells())
    }
}

impl Eq for Row {}

impl std::fmt::Debug for Row {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Row")
            .field("number", &self.number)
            .field("cells", &self.cells().collect::<Vec<_>>())
            .field("problem", &self.problem)
            .finish()
    }
}

/// A file read: its header, what each column is, and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub encoding: Encoding,
    pub delimiter: u8,
    /// The header as written.
    pub headers: Vec<String>,
    /// What each header names; `None` for a column Roster does not know (or a second column
    /// naming the same field), reported and ignored.
    pub columns: Vec<Option<Field>>,
    pub rows: Vec<Row>,
}

impl Sheet {
    /// The position of the column holding `field`.
    pub fn position(&self, field: &Field) -> Option<usize> {
        self.columns.iter().position(|c| c.as_ref() == Some(field))
    }
}
